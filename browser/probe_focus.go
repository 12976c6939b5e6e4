package browser

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// The focus probe: where Tab takes keyboard focus, what focus changes on
// the element and around it, whether content over the focused element
// hides it (a sticky header, a cookie banner), and whether focus gets
// stuck (keyboard traps, visible focus, focus not obscured, focus
// order). See probe.go for how probes run.

// focusProps are the computed style properties compared between the page
// as captured (nothing focused) and with an element focused. Each is also
// in Styles, so the snapshot has its unfocused value.
var focusProps = []string{
	"outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
	"border-top-width", "border-top-style", "border-top-color", "border-bottom-width", "border-bottom-style", "border-bottom-color",
	"color", "background-color", "background-image", "text-decoration-line", "opacity", "transform", "filter",
	"font-weight", "visibility", "display", "position", "clip", "clip-path", "width", "height",
}

// The focus probe's scripts (js/focus.js). focusStepJS returns where
// focus is after a Tab press (see focusStop); focusFastJS starts a walk
// that the page records itself, focusFastStateJS says how far it got and
// focusFastEndJS ends it (see walkFocusFast); focusWalkStartJS and
// focusQuietJS start the walk of walkFocus; focusMovesJS counts the moves
// of focus; focusElementsJS returns the elements the walks saw.
var (
	focusStepJS      = jsFunc("focus.js", "focusStep")
	focusFastJS      = jsFunc("focus.js", "focusFastStart")
	focusFastStateJS = jsFunc("focus.js", "focusFastState")
	focusFastEndJS   = jsFunc("focus.js", "focusFastEnd")
	focusWalkStartJS = jsFunc("focus.js", "focusWalkStart")
	focusQuietJS     = jsFunc("focus.js", "focusQuiet")
	focusMovesJS     = jsFunc("focus.js", "focusMoves")
	focusElementsJS  = jsFunc("focus.js", "focusElements")
	focusWatchJS     = jsFunc("focus.js", "focusWatch")
	focusUndoJS      = jsFunc("focus.js", "focusUndo")

	focusScriptStartJS = jsFunc("focus.js", "focusScriptStart")
	focusScriptWalkJS  = jsFunc("focus.js", "focusScriptWalk")
	focusScriptCheckJS = jsFunc("focus.js", "focusScriptCheck")
)

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

	// Hide, Cover and Top: what content over it hid (see focusHidden in
	// js/focus.js); Cover and Top are -1 when there is none.
	Hide  string `json:"hide"`
	Cover int    `json:"cover"`
	Top   int    `json:"top"`
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
func probeFocus(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	// The page behaves as the focused one whichever tab the browser has
	// in front, and after Tab took focus out of it: a script that calls
	// focus() on a timer then gets its focus events however the tabs and
	// the machine's load fall.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return err
	}
	// What the page's focus handlers change (a menu opened, a date
	// picker added) is undone after the walks, so that the other probes
	// see the page as captured.
	if err := tab.call(ctx, focusWatchJS, new(bool)); err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = tab.call(cctx, focusUndoJS, new(bool))
	}()
	start := time.Now()
	var (
		w   focusWalk
		fwd []focusJSStop
		ok  bool
	)
	why, err := scriptWalkable(ctx, tab, p)
	if err != nil {
		return err
	}
	if why == "" {
		if w, fwd, why, err = walkFocusScript(ctx, tab); err != nil {
			return err
		}
		ok = why == ""
	}
	tab.focusWhy = why
	var back []focusJSStop
	if !ok {
		tab.b.opts.Log.Debug("focus: Tab presses", "url", p.URL, "why", why)
		if w, fwd, ok, err = walkFocusFast(ctx, tab, start); err != nil {
			return err
		}
		if !ok { // focus went into a frame: walk a step at a time
			if w, fwd, back, err = walkFocus(ctx, tab, 0, time.Now()); err != nil {
				return err
			}
		}
		w.moves = len(fwd) + w.Inner // one move a Tab press
	}
	var idx []int // window.__saavuFocus.els as indexes in p.Nodes
	if !w.Repeat {
		// A page that moves focus back after a timeout shows it only
		// later: focus moved more often than Tab was pressed. The wait
		// is a timer in the page, so that it runs after the page's own
		// shorter timers however busy the machine is; after a script
		// walk (no focus listeners) there is none when no timer of the
		// page is due by then. Meanwhile, the stops are looked up in
		// the page model.
		var moves int
		var g errgroup.Group
		scripted := why == ""
		g.Go(func() error {
			return tab.call(ctx, focusMovesJS, &moves, (2 * focusWait).Milliseconds(), scripted)
		})
		if len(fwd) > 0 {
			g.Go(func() (err error) {
				idx, err = tab.elements(ctx, focusElementsJS, backend)
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		w.Repeat = moves > w.moves
	}
	if w.Repeat {
		if w, fwd, back, err = walkFocus(ctx, tab, focusWait, start); err != nil {
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
		if idx, err = tab.elements(ctx, focusElementsJS, backend); err != nil {
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
		st := checks.FocusStop{Node: node(s.El), Frame: s.Frame, Restless: s.Restless, Hidden: s.Hide}
		if s.Hide != "" && s.Hide != "out" {
			st.Cover, st.Top = node(s.Cover), node(s.Top)
		}
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

// focusBatches are the numbers of Tab presses walkFocusFast sends before
// each look at the walk: few on pages with little to focus, in all more
// than focusMaxStops.
var focusBatches = []int{8, 34}

// walkFocusFast is walkFocus without pauses, in a few round trips (see
// focusFastJS). ok is false when some Tab presses did not reach the page's
// window (focus went into a frame, or a listener of the page swallowed
// them): walk with walkFocus then.
func walkFocusFast(ctx context.Context, tab *Tab, start time.Time) (w focusWalk, fwd []focusJSStop, ok bool, err error) {
	if err := tab.call(ctx, focusFastJS, new(bool), focusProps, focusMaxStops, focusFields); err != nil {
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
		if err := tab.call(ctx, focusFastStateJS, &st); err != nil {
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
	if err := tab.call(ctx, focusFastEndJS, &res); err != nil {
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
	moves  int  // the moves of focus the walk itself made
}

// focusEvents are the events that make a page walked with Tab presses
// (walkFocusFast) rather than with a script (walkFocusScript): where the
// page listens to keys or to focus moving, it may do something a script
// moving focus would not show (a trap, a menu opened by a key).
var focusEvents = []string{"keydown", "keyup", "keypress", "focus", "blur", "focusin", "focusout", "DOMFocusIn", "DOMFocusOut"}

// scriptWalkable says why the focus walk of p must press Tab: "" when a
// script walk (walkFocusScript) visits the same elements, which is when
// nothing on the page listens to focusEvents and it has no frames
// (whose documents Tab goes into) and no closed shadow trees (which a
// script cannot see into). Browser.keyWalk (tests) always presses Tab.
func scriptWalkable(ctx context.Context, tab *Tab, p *checks.Page) (string, error) {
	if tab.b.keyWalk {
		return "asked for", nil
	}
	for _, n := range p.Nodes {
		switch {
		case n.Frame != 0:
			return "a frame", nil
		case n.Shadow == "closed":
			return "a closed shadow tree", nil
		case n.Is("iframe", "frame", "object", "embed"):
			return "a frame", nil
		}
	}
	for _, t := range []struct {
		expr   string
		depth  int64
		pierce bool
	}{{"window", 0, false}, {"document", -1, true}} {
		ls, err := eventListeners(ctx, t.expr, t.depth, t.pierce)
		if err != nil {
			return "", err
		}
		for _, l := range ls {
			if slices.Contains(focusEvents, l.Type) {
				return "a listener of " + l.Type, nil
			}
		}
	}
	return "", nil
}

// walkFocusScript walks focus through the page in one script (js/focus.js
// focusScriptWalk): it lists the elements in the order Tab visits them,
// presses Tab once, which must land on the first that takes focus, moves
// focus with element.focus() to each next one, recording each stop as
// the key walks do, and presses Tab once more from the last stop, which
// must land where the list says. Two key presses instead of one per
// stop, and no frame drawn in between: a fraction of the key walk's
// cost. why says why not, when the page may not follow the list (then
// nothing was recorded, and the caller walks with Tab presses).
func walkFocusScript(ctx context.Context, tab *Tab) (w focusWalk, fwd []focusJSStop, why string, err error) {
	var st struct {
		N      int    `json:"n"`
		Unsure string `json:"unsure"`
	}
	if err := tab.call(ctx, focusScriptStartJS, &st); err != nil {
		return w, nil, "", err
	}
	if st.Unsure != "" {
		return w, nil, st.Unsure, nil
	}
	if err := pressTab(ctx, false); err != nil {
		return w, nil, "", err
	}
	var res struct {
		Stops  []focusJSStop `json:"stops"`
		Left   bool          `json:"left"`
		Limit  bool          `json:"limit"`
		Unsure string        `json:"unsure"`
	}
	if err := tab.call(ctx, focusScriptWalkJS, &res, focusProps, focusMaxStops); err != nil {
		return w, nil, "", err
	}
	if res.Unsure != "" {
		return w, nil, res.Unsure, nil
	}
	if len(res.Stops) > 0 {
		if err := pressTab(ctx, false); err != nil {
			return w, nil, "", err
		}
	}
	var chk struct {
		OK    bool   `json:"ok"`
		Moves int    `json:"moves"`
		To    string `json:"to"`
		Want  string `json:"want"`
	}
	if err := tab.call(ctx, focusScriptCheckJS, &chk); err != nil {
		return w, nil, "", err
	}
	if !chk.OK {
		return w, nil, fmt.Sprintf("the last Tab press went to %q, not %q", chk.To, chk.Want), nil
	}
	w.Left, w.Limit, w.moves = res.Left && len(res.Stops) > 0, res.Limit, chk.Moves
	return w, res.Stops, "", nil
}

// walkFocus presses Tab from the top of the page, pausing wait after each
// key press. Without a pause it stops at the first repeated element; with
// one, it presses Shift+Tab from an element focus returned to 3 times.
func walkFocus(ctx context.Context, tab *Tab, wait time.Duration, start time.Time) (focusWalk, []focusJSStop, []focusJSStop, error) {
	var w focusWalk
	if err := tab.call(ctx, focusWalkStartJS, new(bool)); err != nil {
		return w, nil, nil, err
	}
	if wait > 0 {
		// Let the timers that the fast walk's blurs started run out (a
		// timer in the page runs after theirs), with the page's blur
		// handlers held off: two elements that each take focus back when
		// they lose it would otherwise steal it from each other for ever,
		// and the walk would see a loop of both.
		if err := tab.call(ctx, focusQuietJS, new(bool), wait.Milliseconds()); err != nil {
			return w, nil, nil, err
		}
	}
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
		if err := tab.call(ctx, focusStepJS, &s, focusProps, wait.Milliseconds()); err != nil {
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
			if err := tab.call(ctx, focusStepJS, &b, focusProps, wait.Milliseconds()); err != nil {
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
