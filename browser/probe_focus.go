package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// The focus probe: where Tab takes keyboard focus, what focus changes on
// the element and around it, and whether focus gets stuck (keyboard
// traps, visible focus, focus order). See probe.go for how probes run.

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
