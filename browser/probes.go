package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// Live-page probes: checks that need the page itself (media playing,
// keyboard focus moving), run after the DOM snapshot so that they cannot
// change what it captured (the screenshots, taken after the rules, put
// focus and scrolling back first). Each is bounded by its own
// timeout; one that fails leaves its result empty and adds a note, and the
// rules that read it report cantTell.

// probe runs every probe on the captured page p. backend maps the
// snapshot's backend node ids to indexes in p.Nodes.
func (b *Browser) probe(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) {
	probes := []struct {
		id      checks.Probe
		what    string
		timeout time.Duration
		run     func(context.Context, *checks.Page, map[cdp.BackendNodeID]int) error
	}{
		// First, while nothing else has touched the page.
		{checks.ProbeAuto, "whether its text changes by itself", autoMaxWatch + 2*time.Second, probeAuto}, // probes_auto.go
		{checks.ProbeMedia, "the state of its audio and video", 2 * time.Second, probeMedia},
		{checks.ProbeFocus, "where keyboard focus goes", focusBudget + 2*time.Second, probeFocus},
		{checks.ProbeOrientation, "how the page turns with the screen", 2 * time.Second, probeOrientation},
		{checks.ProbeScroll, "how far its scrollable boxes scroll", 2 * time.Second, probeScroll},     // probes_layout.go
		{checks.ProbeBackdrop, "what is behind text on images", 3 * time.Second, probeBackdrop},       // probe_backdrop.go
		{checks.ProbeSpacing, "how its text looks with wider spacing", 3 * time.Second, probeSpacing}, // probes_reflow.go
		{checks.ProbeHover, "what appears when the pointer is over it", 3 * time.Second, probeHover},  // probes_hover.go
		{checks.ProbeInput, "what single keys and moving the device do", 3 * time.Second, probeInput}, // probes_input.go
		// Last: these resize the page.
		{checks.ProbeZoom, "how the page looks zoomed to 200 %", 3 * time.Second, probeZoom},         // probes_layout.go
		{checks.ProbeReflow, "how the page fits a window 320 px wide", 3 * time.Second, probeReflow}, // probes_reflow.go
	}
	for _, pr := range probes {
		if slices.Contains(b.opts.SkipProbes, pr.id) {
			continue
		}
		start := time.Now()
		pctx, cancel := context.WithTimeout(ctx, pr.timeout)
		err := pr.run(pctx, p, backend)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return // the whole capture ran out of time
			}
			p.Notes = append(p.Notes, fmt.Sprintf("saavu could not read %s; the rules that need it could not tell.", pr.what))
			b.opts.Log.Debug("probe failed", "url", p.URL, "probe", pr.what, "err", err)
			continue
		}
		b.opts.Log.Debug("probe", "url", p.URL, "probe", pr.what, "took", time.Since(start).Round(time.Millisecond))
	}
}

// evalJS evaluates a script and decodes its JSON value into v.
func evalJS(ctx context.Context, expr string, v any) error {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ReturnByValue: new(true), AwaitPromise: new(true)})
	if err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("script: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || len(res.Result.Value) == 0 {
		return errors.New("script returned nothing")
	}
	return json.Unmarshal(res.Result.Value, v)
}

// elements evaluates a script that returns an array of elements and
// returns the index in p.Nodes of each (-1 for one the snapshot did not
// capture).
func elements(ctx context.Context, expr string, backend map[cdp.BackendNodeID]int) ([]int, error) {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr})
	if err != nil {
		return nil, err
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("script: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || res.Result.ObjectID == "" {
		return nil, errors.New("script returned no array")
	}
	defer chromedp.Call(ctx, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: res.Result.ObjectID})
	props, err := chromedp.Call(ctx, runtime.GetProperties, runtime.GetPropertiesParams{ObjectID: res.Result.ObjectID, OwnProperties: new(true)})
	if err != nil {
		return nil, err
	}
	type item struct {
		i   int
		obj runtime.RemoteObjectID
	}
	var out []int
	var items []item
	for _, pr := range props.Result {
		var i int
		if _, err := fmt.Sscanf(pr.Name, "%d", &i); err != nil || pr.Value == nil {
			continue
		}
		for len(out) <= i {
			out = append(out, -1)
		}
		if pr.Value.ObjectID != "" {
			items = append(items, item{i, pr.Value.ObjectID})
		}
	}
	// Describe the nodes a few at a time: one round trip each.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, 8)
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d, err := chromedp.Call(ctx, dom.DescribeNode, dom.DescribeNodeParams{ObjectID: it.obj})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			if idx, ok := backend[d.Node.BackendNodeID]; ok {
				out[it.i] = idx
			}
		}()
	}
	wg.Wait()
	return out, firstErr
}

// mediaJS collects the audio and video elements of the page, open shadow
// trees included, into window.__saavuMedia and returns their state. For
// media that is playing with sound on, it listens to the decoded audio
// for a moment (Web Audio analyser; the tab itself is muted) to tell
// sound from a silent track. Cross-origin media without CORS would give
// the analyser only zeros, so it is not listened to.
const mediaJS = `(async () => {
  const els = [];
  const walk = root => {
    for (const e of root.querySelectorAll('*')) {
      if (e instanceof HTMLMediaElement) els.push(e);
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  walk(document);
  window.__saavuMedia = els;
  // A video that is not playing is played muted for a moment, to tell
  // whether it has a sound track; what is reported of it is its state
  // before (see mediaRestoreJS).
  for (const e of els) {
    if (!e.__saavuOrig) e.__saavuOrig = {paused: e.paused, muted: e.muted, currentTime: e.currentTime};
    if (e instanceof HTMLVideoElement && e.paused && !e.error && !e.__saavuTrial) {
      e.__saavuTrial = true;
      e.muted = true;
      try { const pr = e.play(); if (pr && pr.catch) pr.catch(() => {}); } catch (_) {}
    }
  }
  const listen = [];
  for (const e of els) {
    let ok = false;
    try { ok = new URL(e.currentSrc, location.href).origin === location.origin || e.crossOrigin !== null; } catch (_) {}
    if (!ok || e.paused || e.muted || e.volume === 0 || e.error || !window.AudioContext) continue;
    try {
      const ac = e.__saavuAC || new AudioContext();
      e.__saavuAC = ac;
      const an = ac.createAnalyser();
      an.fftSize = 2048;
      const src = e.__saavuSrc || ac.createMediaElementSource(e);
      e.__saavuSrc = src;
      src.connect(an);
      an.connect(ac.destination);
      listen.push({e, an, peak: 0, buf: new Float32Array(an.fftSize)});
    } catch (_) {}
  }
  for (let i = 0; i < 8 && listen.length; i++) {
    await new Promise(r => setTimeout(r, 40));
    for (const l of listen) {
      l.an.getFloatTimeDomainData(l.buf);
      for (const v of l.buf) l.peak = Math.max(l.peak, Math.abs(v));
    }
  }
  return els.map(e => {
    const l = listen.find(l => l.e === e);
    const o = e.__saavuTrial ? e.__saavuOrig : e;
    return {
      fragment: (e.currentSrc || '').split('#')[1] || '', paused: o.paused, muted: o.muted, volume: e.volume,
      duration: e.duration === Infinity ? -1 : (isNaN(e.duration) ? 0 : e.duration),
      currentTime: o.currentTime, readyState: e.readyState, error: e.error ? e.error.code : 0,
      playing: !e.paused, time: e.currentTime,
      audioBytes: e.webkitAudioDecodedByteCount || 0, videoBytes: e.webkitVideoDecodedByteCount || 0,
      video: e instanceof HTMLVideoElement, peak: l ? l.peak : -1,
    };
  });
})()`

// mediaRestoreJS puts the videos played for a moment back as they were.
const mediaRestoreJS = `(() => {
  for (const e of (window.__saavuMedia || [])) {
    if (!e.__saavuTrial) continue;
    try { e.pause(); e.currentTime = e.__saavuOrig.currentTime; e.muted = e.__saavuOrig.muted; } catch (_) {}
  }
  return true;
})()`

type mediaJSState struct {
	checks.MediaState
	Playing    bool    `json:"playing"` // now, while probed (a paused video is played muted)
	Time       float64 `json:"time"`    // seconds played now
	AudioBytes float64 `json:"audioBytes"`
	VideoBytes float64 `json:"videoBytes"`
	IsVideo    bool    `json:"video"`
	Peak       float64 `json:"peak"` // loudest sample heard, -1 when not listened to
}

// probeMedia records the state of every audio and video element. Media
// that is playing gets a moment (mediaWait at most) to decode enough to
// tell whether it has audio.
func probeMedia(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	const mediaWait = 600 * time.Millisecond
	start := time.Now()
	var states []mediaJSState
	for {
		states = nil
		if err := evalJS(ctx, mediaJS, &states); err != nil {
			return err
		}
		unsure := false
		for _, s := range states {
			if s.Playing && s.Error == 0 && s.AudioBytes == 0 && s.Time < 0.5 {
				unsure = true
			}
		}
		if !unsure || time.Since(start) > mediaWait {
			break
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if len(states) == 0 {
		return nil
	}
	if err := evalJS(ctx, mediaRestoreJS, new(bool)); err != nil {
		return err
	}
	idx, err := elements(ctx, "window.__saavuMedia", backend)
	if err != nil {
		return err
	}
	for i, s := range states {
		if i >= len(idx) || idx[i] < 0 {
			continue // added after the snapshot
		}
		m := s.MediaState
		m.Node = idx[i]
		switch {
		case s.Peak > 0.01:
			m.Audio = "audible"
		case s.Peak >= 0 && s.AudioBytes > 0:
			m.Audio = "silent"
		case s.AudioBytes > 0:
			m.Audio = "yes"
		case s.IsVideo && s.VideoBytes > 0 && s.Time >= 0.5:
			m.Audio = "no" // played half a second of video without decoding any audio
		}
		p.Media = append(p.Media, m)
	}
	return nil
}

// focusProps are the computed style properties compared between the page
// as captured (nothing focused) and with an element focused. Each is also
// in Styles, so the snapshot has its unfocused value.
var focusProps = []string{
	"outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
	"border-top-width", "border-top-style", "border-top-color", "border-bottom-width", "border-bottom-style", "border-bottom-color",
	"color", "background-color", "background-image", "text-decoration-line", "opacity", "transform", "filter",
	"font-weight", "visibility", "display", "position", "clip", "clip-path", "width", "height",
}

// focusStopJS defines window.__saavuFocusStop(), which returns the
// focused element, as an index into window.__saavuFocus.els, and the
// computed styles of it, its three nearest ancestors and its neighbouring
// elements; {el: -1} when nothing on the page has focus.
func focusStopJS() string {
	props, _ := json.Marshal(focusProps)
	return fmt.Sprintf(`if (!window.__saavuFocusStop) window.__saavuFocusStop = () => {
  const deep = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
  const S = window.__saavuFocus || (window.__saavuFocus = {els: [], idx: new Map()});
  const id = e => { if (!S.idx.has(e)) { S.idx.set(e, S.els.length); S.els.push(e); } return S.idx.get(e); };
  let a = deep(), frame = false;
  if (!a || a === document.body || a === document.documentElement) return {el: -1};
  if (a instanceof HTMLIFrameElement || a instanceof HTMLFrameElement || a instanceof HTMLObjectElement || a instanceof HTMLEmbedElement) frame = true;
  const P = %s;
  const st = e => { const c = getComputedStyle(e); const o = {}; for (const p of P) o[p] = c.getPropertyValue(p); return o; };
  const ctx = [a];
  for (let x = a, i = 0; i < 3 && x.parentElement; i++) { x = x.parentElement; ctx.push(x); }
  if (a.previousElementSibling) ctx.push(a.previousElementSibling);
  if (a.nextElementSibling) ctx.push(a.nextElementSibling);
  // Jump focus transitions to their end, to read the focused style.
  for (const e of ctx) for (const an of (e.getAnimations ? e.getAnimations() : [])) { try { if (an instanceof CSSTransition) an.finish(); } catch (_) {} }
  const r = a.getBoundingClientRect();
  const fields = a instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(a.type);
  return {el: id(a), frame, fields, box: [r.x + scrollX, r.y + scrollY, r.width, r.height], ctx: ctx.map(e => ({el: id(e), style: st(e)}))};
};`, props)
}

// focusJS waits for the page's focus handlers (some move focus back after
// a short timeout), then returns the focused element (see focusStopJS).
func focusJS(wait time.Duration) string {
	return fmt.Sprintf(`(async () => {
  %s
  const deep = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
  // Wait until focus stays put (some pages move it back after a timeout):
  // on the same element, with no focus event in between.
  const ins = () => window.__saavuFocusIns ? window.__saavuFocusIns.n : 0;
  let restless = false;
  for (let i = 0, a = deep(), n = ins(); %d > 0 && i < 4; i++) {
    await new Promise(r => setTimeout(r, %[2]d));
    if (deep() === a && ins() === n) break;
    a = deep();
    n = ins();
    restless = i === 3;
  }
  const s = window.__saavuFocusStop();
  s.restless = restless;
  return s;
})()`, focusStopJS(), wait.Milliseconds())
}

type focusJSStop struct {
	El    int  `json:"el"`
	Frame bool `json:"frame"`
	// Fields: the element is a date or time field, which Tab moves
	// through part by part (day, month, year) staying on the element.
	Fields   bool       `json:"fields"`
	Restless bool       `json:"restless"`
	Box      [4]float64 `json:"box"`
	Ctx      []struct {
		El    int               `json:"el"`
		Style map[string]string `json:"style"`
	} `json:"ctx"`
}

// Limits of the focus probe.
const (
	focusMaxStops = 40                      // Tab presses
	focusBudget   = 1200 * time.Millisecond // for the walks
	focusWait     = 25 * time.Millisecond   // for focus handlers after each key press
	focusFields   = 8                       // Tab presses inside one date or time field
)

// pressTab presses Tab, or Shift+Tab when back.
func pressTab(ctx context.Context, back bool) error {
	var mod int64
	if back {
		mod = 8
	}
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Modifiers: mod, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9,
		}); err != nil {
			return err
		}
	}
	return nil
}

// probeFocus presses Tab from the start of the page and records where
// focus goes and what it changes. It first walks without pausing; if
// focus comes back to an element before leaving the page, it walks again
// pausing after each key press (pages that trap focus move it back after
// a short timeout) and presses Shift+Tab where focus keeps returning.
func probeFocus(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	// The page behaves as the focused one whichever tab the browser has
	// in front, and after Tab took focus out of it: a script that calls
	// focus() on a timer then gets its focus events however the tabs and
	// the machine's load fall.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return err
	}
	start := time.Now()
	w, fwd, ok, err := walkFocusFast(ctx, start)
	if err != nil {
		return err
	}
	var back []focusJSStop
	if !ok { // focus went into a frame: walk a step at a time
		if w, fwd, back, err = walkFocus(ctx, 0, time.Now()); err != nil {
			return err
		}
	}
	var idx []int // window.__saavuFocus.els as indexes in p.Nodes
	if !w.Repeat {
		// A page that moves focus back after a timeout shows it only
		// later: focus moved more often than Tab was pressed. The wait
		// is a timer in the page, so that it runs after the page's own
		// shorter timers however busy the machine is. Meanwhile, the
		// stops are looked up in the page model.
		var moves int
		var g errgroup.Group
		g.Go(func() error {
			return evalJS(ctx, fmt.Sprintf("new Promise(r => setTimeout(() => r(window.__saavuFocusIns ? window.__saavuFocusIns.n : 0), %d))", (2*focusWait).Milliseconds()), &moves)
		})
		if len(fwd) > 0 {
			g.Go(func() (err error) {
				idx, err = elements(ctx, focusElsJS, backend)
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		w.Repeat = moves > len(fwd)+w.Inner
	}
	if w.Repeat {
		if w, fwd, back, err = walkFocus(ctx, focusWait, start); err != nil {
			return err
		}
		w.Moved = true
		idx = nil // the walk found more elements
	}
	if len(fwd) == 0 {
		p.Focus = &w.FocusWalk
		return nil
	}
	if idx == nil {
		if idx, err = elements(ctx, focusElsJS, backend); err != nil {
			return err
		}
	}
	node := func(el int) int {
		if el < 0 || el >= len(idx) {
			return -1
		}
		return idx[el]
	}
	convert := func(s focusJSStop) checks.FocusStop {
		st := checks.FocusStop{Node: node(s.El), Frame: s.Frame, Restless: s.Restless}
		for k, c := range s.Ctx {
			n := node(c.El)
			if k == 0 {
				st.Outline = c.Style["outline-style"] + " " + c.Style["box-shadow"]
			}
			if n < 0 || p.Nodes[n].Layout == nil {
				continue
			}
			st.Changed = append(st.Changed, styleChanges(n, p.Nodes[n].Layout.Style, c.Style)...)
			if k == 0 {
				if b, a := p.Nodes[n].Layout.Box, s.Box; math.Abs(b.X-a[0]) > 1 || math.Abs(b.Y-a[1]) > 1 || math.Abs(b.W-a[2]) > 1 || math.Abs(b.H-a[3]) > 1 {
					st.Changed = append(st.Changed, checks.StyleChange{Node: n, Prop: "box",
						Before: fmt.Sprintf("%.0f,%.0f %.0fx%.0f", b.X, b.Y, b.W, b.H), After: fmt.Sprintf("%.0f,%.0f %.0fx%.0f", a[0], a[1], a[2], a[3])})
				}
			}
		}
		return st
	}
	for _, s := range fwd {
		w.Stops = append(w.Stops, convert(s))
	}
	for _, s := range back {
		w.Back = append(w.Back, convert(s))
	}
	p.Focus = &w.FocusWalk
	return nil
}

// focusElsJS is the list of elements the walks saw.
const focusElsJS = "window.__saavuFocus ? window.__saavuFocus.els : []"

// focusResetJS starts a walk from the top of the document with nothing
// focused, counting the moves of focus in window.__saavuFocusIns.
// Blurring leaves Chrome's sequential focus navigation starting point at
// the element that had focus: focusing an element at the start of the
// body and removing it moves that point to the top.
const focusResetJS = `
  if (!window.__saavuFocusIns) {
    window.__saavuFocusIns = {n: 0};
    document.addEventListener('focusin', () => window.__saavuFocusIns.n++, true);
  }
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  if (document.body) {
    const t = document.createElement('span');
    t.tabIndex = -1;
    document.body.prepend(t);
    t.focus({preventScroll: true});
    t.remove();
  }
  const sel = window.getSelection && window.getSelection();
  if (sel && document.body) sel.collapse(document.body, 0);
  window.__saavuFocusIns.n = 0;
`

// focusFastJS starts a walk without pauses that the page records itself:
// each Tab key press, seen first by a capturing keydown listener on the
// window, records where the previous one put focus (window.__saavuWalk);
// once the walk has stopped (focus left the page, came back to an element,
// went into a frame, or focusMaxStops), further Tab presses are swallowed,
// so the walk can press Tab in batches without reading back each step.
func focusFastJS() string {
	return fmt.Sprintf(`(() => {
  %s
  %s
  const W = window.__saavuWalk = {on: true, keys: 0, inner: 0, innerAll: 0, stops: [], count: new Map(), stopped: false, repeat: false, left: false, limit: false, frame: false};
  W.record = () => {
    const s = window.__saavuFocusStop();
    if (s.el < 0) { W.left = W.stops.length > 0; W.stopped = true; return; }
    const last = W.stops[W.stops.length - 1];
    if (s.fields && last && last.el === s.el && ++W.inner < %[4]d) { W.innerAll++; return; } // Tab went to the next part of a date field
    W.inner = 0;
    W.stops.push(s);
    const c = (W.count.get(s.el) || 0) + 1;
    W.count.set(s.el, c);
    if (s.frame) { W.frame = true; W.stopped = true; }
    else if (c >= 2) { W.repeat = true; W.stopped = true; }
    else if (W.stops.length >= %[3]d) { W.limit = true; W.stopped = true; }
  };
  if (!window.__saavuWalkKey) {
    window.__saavuWalkKey = e => {
      const W = window.__saavuWalk;
      if (!W || !W.on || e.key !== 'Tab' || e.shiftKey) return;
      W.keys++;
      if (!W.stopped && W.keys > 1) W.record();
      if (W.stopped) { e.preventDefault(); e.stopImmediatePropagation(); }
    };
    window.addEventListener('keydown', window.__saavuWalkKey, true);
  }
  return true;
})()`, focusResetJS, focusStopJS(), focusMaxStops, focusFields)
}

// focusFastEndJS records where the last Tab press put focus, ends the
// walk, removes its key listener and returns it.
const focusFastEndJS = `(() => {
  const W = window.__saavuWalk;
  if (!W.stopped) { W.record(); if (!W.stopped) W.limit = true; }
  W.on = false;
  // The input probe looks for the page's own key listeners.
  window.removeEventListener('keydown', window.__saavuWalkKey, true);
  window.__saavuWalkKey = null;
  return {keys: W.keys, stops: W.stops, repeat: W.repeat, left: W.left, limit: W.limit, frame: W.frame, inner: W.innerAll};
})()`

// focusBatches are the numbers of Tab presses walkFocusFast sends before
// each look at the walk: few on pages with little to focus, in all more
// than focusMaxStops.
var focusBatches = []int{8, 34}

// walkFocusFast is walkFocus without pauses, in a few round trips (see
// focusFastJS). ok is false when some Tab presses did not reach the page's
// window (focus went into a frame, or a listener of the page swallowed
// them): walk with walkFocus then.
func walkFocusFast(ctx context.Context, start time.Time) (w focusWalk, fwd []focusJSStop, ok bool, err error) {
	if err := evalJS(ctx, focusFastJS(), new(bool)); err != nil {
		return w, nil, false, err
	}
	pressed := 0
	for _, n := range focusBatches {
		// The presses of a batch are sent together: each waits for the
		// browser's next frame before it is answered, and they are all
		// alike, so their order does not matter.
		var g errgroup.Group
		for range n {
			g.Go(func() error { return pressTab(ctx, false) })
		}
		if err := g.Wait(); err != nil {
			return w, nil, false, err
		}
		pressed += n
		var st struct {
			Keys    int  `json:"keys"`
			Stopped bool `json:"stopped"`
		}
		if err := evalJS(ctx, "(() => { const W = window.__saavuWalk; return {keys: W.keys, stopped: W.stopped}; })()", &st); err != nil {
			return w, nil, false, err
		}
		if st.Keys < pressed {
			break
		}
		if st.Stopped || time.Since(start) > focusBudget {
			break
		}
	}
	var res struct {
		Keys                       int           `json:"keys"`
		Stops                      []focusJSStop `json:"stops"`
		Repeat, Left, Limit, Frame bool
		Inner                      int
	}
	if err := evalJS(ctx, focusFastEndJS, &res); err != nil {
		return w, nil, false, err
	}
	if res.Keys < pressed || res.Frame {
		return w, nil, false, nil
	}
	w.Repeat, w.Left, w.Limit, w.Inner = res.Repeat, res.Left, res.Limit, res.Inner
	return w, res.Stops, true, nil
}

type focusWalk struct {
	checks.FocusWalk
	Repeat bool // focus came back to an element before leaving the page
	Inner  int  // Tab presses that moved inside a date or time field
}

// walkFocus presses Tab from the top of the page, pausing wait after each
// key press. Without a pause it stops at the first repeated element; with
// one, it presses Shift+Tab from an element focus returned to 3 times.
func walkFocus(ctx context.Context, wait time.Duration, start time.Time) (focusWalk, []focusJSStop, []focusJSStop, error) {
	var w focusWalk
	reset := "(() => {" + focusResetJS + "return true; })()"
	if err := evalJS(ctx, reset, new(bool)); err != nil {
		return w, nil, nil, err
	}
	if wait > 0 {
		// Let the timers that the fast walk's blurs started run out (a
		// timer in the page runs after theirs), with the page's blur
		// handlers held off: two elements that each take focus back when
		// they lose it would otherwise steal it from each other for ever,
		// and the walk would see a loop of both.
		quiet := fmt.Sprintf(`(() => { %s window.__saavuQuiet = e => e.stopImmediatePropagation();
  for (const t of ['blur', 'focusout']) window.addEventListener(t, window.__saavuQuiet, true);
  return new Promise(r => setTimeout(() => { %s
    for (const t of ['blur', 'focusout']) window.removeEventListener(t, window.__saavuQuiet, true);
    r(true); }, %d)); })()`, focusResetJS, focusResetJS, wait.Milliseconds())
		if err := evalJS(ctx, quiet, new(bool)); err != nil {
			return w, nil, nil, err
		}
	}
	js := focusJS(wait)
	var fwd, back []focusJSStop
	seen := map[int]int{}
	inner := 0 // presses inside one date or time field
	for {
		if len(fwd) >= focusMaxStops || time.Since(start) > focusBudget {
			w.Limit = true
			break
		}
		if err := pressTab(ctx, false); err != nil {
			return w, nil, nil, err
		}
		var s focusJSStop
		if err := evalJS(ctx, js, &s); err != nil {
			return w, nil, nil, err
		}
		if s.El < 0 {
			w.Left = len(fwd) > 0 // else nothing on the page takes focus
			break
		}
		if s.Fields && len(fwd) > 0 && fwd[len(fwd)-1].El == s.El {
			if inner++; inner < focusFields {
				w.Inner++
				continue // Tab went to the next part of the field
			}
		}
		inner = 0
		fwd = append(fwd, s)
		seen[s.El]++
		if seen[s.El] < 2 || s.Frame {
			continue
		}
		w.Repeat = true
		if wait == 0 {
			break
		}
		if seen[s.El] < 3 {
			continue
		}
		// Focus keeps coming back here: try to leave backwards.
		for range 4 {
			if err := pressTab(ctx, true); err != nil {
				return w, nil, nil, err
			}
			var b focusJSStop
			if err := evalJS(ctx, js, &b); err != nil {
				return w, nil, nil, err
			}
			back = append(back, b)
			if b.El < 0 {
				break
			}
		}
		break
	}
	return w, fwd, back, nil
}

// styleChanges compares an element's captured (unfocused) style with its
// style while focus was on it or near it, leaving out changes nobody can
// see (the colour of an outline or border that is not drawn).
func styleChanges(n int, before, after map[string]string) []checks.StyleChange {
	var out []checks.StyleChange
	for _, prop := range focusProps {
		a, b := before[prop], after[prop]
		if a == b || b == "" {
			continue
		}
		switch {
		case strings.HasPrefix(prop, "outline-") && prop != "outline-style":
			if before["outline-style"] == "none" && after["outline-style"] == "none" {
				continue
			}
		case strings.HasPrefix(prop, "border-top-") && prop != "border-top-style":
			if before["border-top-style"] == "none" && after["border-top-style"] == "none" {
				continue
			}
		case strings.HasPrefix(prop, "border-bottom-") && prop != "border-bottom-style":
			if before["border-bottom-style"] == "none" && after["border-bottom-style"] == "none" {
				continue
			}
		}
		out = append(out, checks.StyleChange{Node: n, Prop: prop, Before: a, After: b})
	}
	return out
}

// rotationJS returns the rotation, in degrees, and the computed transform
// and rotate of html, body and the elements of the page that cover most
// of the viewport, once the orientation media query gives want.
func rotationJS(want string) string {
	return fmt.Sprintf(`(async () => {
  for (let i = 0; i < 10 && !matchMedia('(orientation: %s)').matches; i++) await new Promise(r => setTimeout(r, 20));
  if (!matchMedia('(orientation: %[1]s)').matches) return null;
  const els = [document.documentElement];
  if (document.body) {
    els.push(document.body);
    for (const e of document.body.children) {
      const r = e.getBoundingClientRect();
      if (r.width * r.height >= innerWidth * innerHeight / 4) els.push(e);
    }
  }
  window.__saavuRot = els;
  const angle = v => {
    const m = /(-?[\d.e+-]+)(deg|rad|turn|grad)$/.exec(v.trim());
    if (!m) return 0;
    const axis = v.trim().split(/\s+/);
    if (axis.length === 2 && axis[0] !== 'z') return 0;
    if (axis.length === 4 && !(axis[0] == 0 && axis[1] == 0)) return 0;
    const n = parseFloat(m[1]);
    return {deg: n, rad: n * 180 / Math.PI, turn: n * 360, grad: n * 0.9}[m[2]];
  };
  return els.map(e => {
    const c = getComputedStyle(e);
    let a = 0;
    if (c.transform && c.transform !== 'none') {
      const m = new DOMMatrix(c.transform);
      a = Math.atan2(m.b, m.a) * 180 / Math.PI;
    }
    if (c.rotate && c.rotate !== 'none') a += angle(c.rotate);
    return {angle: a, style: c.transform + ' / ' + c.rotate};
  });
})()`, want)
}

// orientationQueryJS tells whether any style sheet of the page (open
// shadow roots and imports included) has a media, container or supports
// condition on orientation. A sheet whose rules cannot be read (from
// another origin, without CORS) counts as having one.
const orientationQueryJS = `(() => {
  const has = t => /orientation/i.test(t || '');
  const seen = new Set();
  const rules = list => {
    for (const r of list) {
      if ((r.media && has(r.media.mediaText)) || has(r.conditionText)) return true;
      if (r.styleSheet && sheet(r.styleSheet)) return true;
      if (r.cssRules && rules(r.cssRules)) return true;
    }
    return false;
  };
  const sheet = s => {
    if (seen.has(s)) return false;
    seen.add(s);
    if (s.media && has(s.media.mediaText)) return true;
    let list;
    try { list = s.cssRules; } catch (_) { return true; }
    return list ? rules(list) : false;
  };
  const sheets = [...document.styleSheets, ...(document.adoptedStyleSheets || [])];
  const walk = root => {
    for (const e of root.querySelectorAll('*')) {
      if (!e.shadowRoot) continue;
      sheets.push(...e.shadowRoot.styleSheets, ...(e.shadowRoot.adoptedStyleSheets || []));
      walk(e.shadowRoot);
    }
  };
  walk(document);
  return sheets.some(sheet);
})()`

// probeOrientation turns the viewport to portrait and to landscape and
// reads how html, body and the page's main boxes are rotated in each.
// The viewport is restored afterwards: the tab goes on to other pages.
// A page without an orientation query in its style sheets is not turned:
// nothing in it can depend on the orientation (a script that rotates the
// page on resize is not seen).
func probeOrientation(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var queries bool
	if err := evalJS(ctx, orientationQueryJS, &queries); err != nil {
		return err
	}
	if !queries {
		return nil
	}
	type rot struct {
		Angle float64 `json:"angle"`
		Style string  `json:"style"`
	}
	w, h := int64(p.Viewport.W), int64(p.Viewport.H)
	if w <= 0 || h <= 0 {
		w, h = 1280, 800
	}
	long, short := max(w, h), min(w, h)
	defer func() {
		// Restore even when ctx has run out.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_, _ = chromedp.Call(cctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}()
	read := func(orient string, w, h int64) ([]rot, []int, error) {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1}); err != nil {
			return nil, nil, err
		}
		var rs []rot
		if err := evalJS(ctx, rotationJS(orient), &rs); err != nil {
			return nil, nil, err
		}
		if rs == nil {
			return nil, nil, fmt.Errorf("the viewport did not turn to %s", orient)
		}
		idx, err := elements(ctx, "window.__saavuRot", backend)
		return rs, idx, err
	}
	pr, pi, err := read("portrait", short, long)
	if err != nil {
		return err
	}
	lr, li, err := read("landscape", long, short)
	if err != nil {
		return err
	}
	land := map[int]rot{}
	for i, n := range li {
		if n >= 0 && i < len(lr) {
			land[n] = lr[i]
		}
	}
	for i, n := range pi {
		l, ok := land[n]
		if n < 0 || i >= len(pr) || !ok {
			continue
		}
		p.Rotations = append(p.Rotations, checks.Rotation{Node: n,
			Portrait: math.Round(pr[i].Angle*100) / 100, Landscape: math.Round(l.Angle*100) / 100, Differs: pr[i].Style != l.Style})
	}
	return nil
}
