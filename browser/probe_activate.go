package browser

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/domdebugger"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// The activation probe: what the page's controls do when a person uses
// them (WCAG 2.1.1 Keyboard, 2.4.3 Focus Order, 3.2.1 On Focus, 3.2.2 On
// Input). It runs guarded (guard.go): nothing leaves the page, nothing is
// sent but GET requests, and every change to the page is undone
// (js/activate.js). In turn, it
//
//   - focuses every element Tab reaches (up to activateMaxFocus), and
//     records those whose focus goes to another page, opens a window,
//     submits a form, or moves focus away; on a page where nothing
//     listens to focus events, it only counts them;
//   - changes select menus, radio buttons and checkboxes (up to
//     activateMaxChanges of each) as the keyboard would, with the input
//     and change events, and records what that did; on a page where
//     nothing listens to those (or to clicks on the fields), it only
//     lists them;
//   - clicks with the mouse, at their centre, the elements that may act
//     on a click but are not native controls: those with their own click,
//     mouse or pointer down or up listener (not one on the document, the
//     body or a framework's root, which proves nothing about an element),
//     an onclick attribute, a React onClick or a control role; the
//     controls of the page's hidden dialogs; and, when the page listens to
//     clicks on the document, the elements its style gives a pointing
//     hand. Before each click the pointer rests on the element, so that
//     what hovering does is not counted. An element Tab reaches is first
//     focused and tried with Enter, then Space. A dialog a click opened
//     is tried with Tab;
//   - hovers the menu items whose links are hidden, when a :hover style
//     rule or a listener may show them, and for those that hovering
//     opens, tries focus, and Enter, Space and the down arrow on the
//     item's button.
//
// An action that changed the page is done a second time and undone
// again, so that a script that keeps its own state (a menu it thinks is
// open) is back where it was. Pages with nothing to try cost a few round
// trips.

// Limits of the activation probe.
const (
	activateBudget     = 3 * time.Second // for the clicks and the menus, soft
	activateMaxFocus   = 200             // elements focused
	activateMaxChanges = 4               // select menus, radio groups, checkboxes: of each
	activateMaxClicks  = 24              // elements clicked
	activateMaxMenus   = 6               // menu items hovered
	activateMaxTabs    = 6               // Tab presses in a dialog
)

// The activation probe's scripts (js/activate.js); see there.
var (
	actInstallJS      = jsFunc("activate.js", "actInstall")
	actFocusAllJS     = jsFunc("activate.js", "actFocusAll")
	actChangesJS      = jsFunc("activate.js", "actChanges")
	actReactJS        = jsFunc("activate.js", "actReact")
	actSetJS          = jsFunc("activate.js", "actSet")
	actPointJS        = jsFunc("activate.js", "actPoint")
	actHoveredJS      = jsFunc("activate.js", "actHovered")
	actFocusJS        = jsFunc("activate.js", "actFocus")
	actEndJS          = jsFunc("activate.js", "actEnd")
	actDialogInJS     = jsFunc("activate.js", "actDialogIn")
	actWhereJS        = jsFunc("activate.js", "actWhere")
	actUndoJS         = jsFunc("activate.js", "actUndo")
	actMenusJS        = jsFunc("activate.js", "actMenus")
	actMenuTriggersJS = jsFunc("activate.js", "actMenuTriggers")
	actMenuPointJS    = jsFunc("activate.js", "actMenuPoint")
	actMenuHoveredJS  = jsFunc("activate.js", "actMenuHovered")
	actMenuFocusJS    = jsFunc("activate.js", "actMenuFocus")
	actMenuToggleJS   = jsFunc("activate.js", "actMenuToggle")
	actMenuKeyedJS    = jsFunc("activate.js", "actMenuKeyed")
	actMenuElementsJS = jsFunc("activate.js", "actMenuElements")
	actElementsJS     = jsFunc("activate.js", "actElements")
	actFinishJS       = jsFunc("activate.js", "actFinish")
)

// clickEvents are the listeners that make an element a candidate.
var clickEvents = []string{"click", "mousedown", "mouseup", "pointerdown", "pointerup"}

// activeRoles are the roles of the controls a click may work.
var activeRoles = []string{"button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "treeitem"}

// key is a key to press: its name and code, Windows key code, and the
// text it types ("" for none).
type key struct {
	name, code string
	vk         int64
	text       string
}

var (
	keyEnter = key{"Enter", "Enter", 13, "\r"}
	keySpace = key{" ", "Space", 32, " "}
	keyDown  = key{"ArrowDown", "ArrowDown", 40, ""}
)

// press presses and releases k.
func press(ctx context.Context, k key) error {
	down := input.DispatchKeyEventTypeKeyDown
	if k.text == "" {
		down = input.DispatchKeyEventTypeRawKeyDown
	}
	for _, typ := range []input.DispatchKeyEventType{down, input.DispatchKeyEventTypeKeyUp} {
		p := input.DispatchKeyEventParams{Type: typ, Key: k.name, Code: k.code, WindowsVirtualKeyCode: k.vk, NativeVirtualKeyCode: k.vk}
		if typ == down && k.text != "" {
			p.Text, p.UnmodifiedText = k.text, k.text
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, p); err != nil {
			return err
		}
	}
	return nil
}

// click presses and releases the left mouse button at (x, y).
func click(ctx context.Context, x, y float64) error {
	for _, typ := range []input.DispatchMouseEventType{input.DispatchMouseEventTypeMousePressed, input.DispatchMouseEventTypeMouseReleased} {
		if _, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1,
		}); err != nil {
			return err
		}
	}
	return nil
}

// jsDialog is a dialog as actEnd describes it.
type jsDialog struct {
	Dialog    int  `json:"dialog"`
	Modal     bool `json:"modal"`
	FocusIn   bool `json:"focusIn"`
	Focus     int  `json:"focus"`
	Tabbables int  `json:"tabbables"`
}

// candidate is an element to click.
type candidate struct {
	node      int
	backend   cdp.BackendNodeID
	listeners []string
	rank      int // lower first
}

// probeActivate runs the activation probe (see the top of this file) and
// fills in p.Activate.
func probeActivate(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	start := time.Now()
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return err
	}
	// The pointer rests outside the page (at 0, 0 it may be over a menu
	// item), and ends where the other probes leave it.
	if err := moveMouse(ctx, -1, -1); err != nil {
		return err
	}
	if err := tab.call(ctx, actInstallJS, new(bool)); err != nil {
		return err
	}
	finished := false
	defer func() {
		if !finished {
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			_ = moveMouse(cctx, 0, 0)
			_ = tab.call(cctx, actFinishJS, new(bool))
		}
	}()
	v := &checks.ActivateView{}
	tStart := start
	pl, err := listenersOf(ctx, p, backend)
	if err != nil {
		return err
	}
	tListen := time.Now()
	// Without a focus listener, focusing an element can only show it:
	// the elements are counted, not focused.
	var focused struct {
		Focused int             `json:"focused"`
		Effects []checks.Effect `json:"effects"`
	}
	if err := tab.call(ctx, actFocusAllJS, &focused, activateMaxFocus, pl.focus); err != nil {
		return err
	}
	v.Focused, v.OnFocus = focused.Focused, focused.Effects
	tFocus := time.Now()
	if err := tab.call(ctx, actChangesJS, &v.Changes, activateMaxChanges, pl.changes(p)); err != nil {
		return err
	}
	tChanges := time.Now()
	cands, err := clickCandidates(ctx, tab, p, backend, pl)
	if err != nil {
		return err
	}
	tCands := time.Now()
	defer func() {
		ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
		tab.b.opts.Log.Debug("activate steps", "url", p.URL, "listeners", ms(tListen.Sub(tStart)), "focus", ms(tFocus.Sub(tListen)),
			"changes", ms(tChanges.Sub(tFocus)), "clicks", len(cands), "clicks and menus", ms(time.Since(tCands)))
	}()
	// The menus' elements are named by index in the page's list of
	// elements; they are read once the clicks are done.
	var menuEls [][]int
	if len(cands) > 0 {
		if err := tryClicks(ctx, tab, cands, v, start); err != nil {
			return err
		}
		if err := moveMouse(ctx, -1, -1); err != nil {
			return err
		}
	}
	if err := tryMenus(ctx, tab, p, backend, pl, v, start, &menuEls); err != nil {
		return err
	}
	idx, err := tab.elements(ctx, actElementsJS, backend)
	if err != nil {
		return err
	}
	finished = true
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	_ = moveMouse(cctx, 0, 0)
	err = tab.call(cctx, actFinishJS, new(bool))
	cancel()
	if err != nil {
		return err
	}
	node := func(i int) int {
		if i < 0 || i >= len(idx) {
			return -1
		}
		return idx[i]
	}
	fix := func(e *checks.Effect) {
		if e == nil {
			return
		}
		e.Node = node(e.Node)
		for k := range e.Changed {
			e.Changed[k] = node(e.Changed[k])
		}
		if e.Focus >= 0 {
			e.Focus = node(e.Focus)
		} else {
			e.Focus = 0
		}
	}
	for k := range v.OnFocus {
		fix(&v.OnFocus[k])
	}
	for k := range v.Changes {
		c := &v.Changes[k]
		c.Node = node(c.Node)
		fix(c.Effect)
	}
	for k := range v.Clicks {
		c := &v.Clicks[k]
		fix(c.Click)
		fix(c.Enter)
		fix(c.Space)
	}
	for k := range v.Dialogs {
		d := &v.Dialogs[k]
		d.Dialog = node(d.Dialog)
		d.Focus = nodeOrNowhere(node, d.Focus)
		d.LeftTo = nodeOrNowhere(node, d.LeftTo)
	}
	for k := range v.Menus {
		m, els := &v.Menus[k], menuEls[k]
		m.Trigger = node(els[0])
		for _, l := range els[1:] {
			m.Links = append(m.Links, node(l))
		}
		if m.Toggle >= 0 {
			m.Toggle = node(m.Toggle)
		} else {
			m.Toggle = 0
		}
	}
	p.Activate = v
	return nil
}

// nodeOrNowhere maps an element index of the scripts to Page.Nodes, -1
// (nothing) to 0.
func nodeOrNowhere(node func(int) int, i int) int {
	if i < 0 {
		return 0
	}
	return node(i)
}

// clickCandidates returns the elements to click, best first, at most
// activateMaxClicks: their index in p.Nodes and own listeners.
func clickCandidates(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int, pl *pageListeners) ([]candidate, error) {
	own, delegated := maps.Clone(pl.click), pl.delegatedClick
	react, err := tab.elements(ctx, actReactJS, backend, 400)
	if err != nil {
		return nil, err
	}
	for _, i := range react {
		if i > 0 {
			own[i] = append(own[i], "react")
		}
	}
	vw, vh := p.Viewport.W, p.Viewport.H
	var out []candidate
	openers := 0
	for _, n := range p.Nodes {
		if n.Type != checks.ElementNode || n.Frame != 0 || n.Layout == nil {
			continue
		}
		ls := own[n.Index]
		for _, ev := range []string{"onclick", "onmousedown", "onmouseup", "onpointerdown"} {
			if n.HasAttr(ev) {
				ls = append(ls, ev)
			}
		}
		role := strings.Fields(strings.ToLower(n.AttrOr("role", "")))
		control := len(role) > 0 && slices.Contains(activeRoles, role[0])
		pointer := n.Style("cursor") == "pointer"
		if pointer {
			if up := n.ParentElement(); up != nil && up.Style("cursor") == "pointer" {
				pointer = false // the hand comes from around it
			}
		}
		b := n.Layout.Box
		switch {
		case n.Style("visibility") != "visible", b.W < 4 || b.H < 4:
			continue
		case opensDialog(n):
			if openers < 3 {
				openers++
				out = append(out, candidate{node: n.Index, listeners: ls, rank: 0})
			}
			continue
		case len(ls) == 0 && !control && !(pointer && delegated):
			continue
		case native(n), b.H > 0.6*vh || b.W*b.H > vw*vh/2: // a wrapper, not a control
			continue
		}
		if !clickable(n) {
			continue
		}
		rank := 3
		switch {
		case control || len(ls) > 0 && pointer:
			rank = 1
		case n.HasAttr("tabindex"):
			rank = 2
		case len(ls) == 0:
			rank = 4
		}
		out = append(out, candidate{node: n.Index, listeners: ls, rank: rank})
	}
	// Of two nested candidates, the inner one: a click on the outer one's
	// centre reaches the inner one's listeners too.
	in := map[int]bool{}
	for _, c := range out {
		in[c.node] = true
	}
	out = slices.DeleteFunc(out, func(c candidate) bool {
		for _, d := range p.Nodes[c.node].Descendants() {
			if in[d.Index] && c.rank > 0 {
				return true
			}
		}
		return false
	})
	slices.SortStableFunc(out, func(a, b candidate) int { return a.rank - b.rank })
	if len(out) > activateMaxClicks {
		out = out[:activateMaxClicks]
	}
	ids := map[int]cdp.BackendNodeID{}
	for id, i := range backend {
		ids[i] = id
	}
	for k := range out {
		out[k].backend = ids[out[k].node]
	}
	return out, nil
}

// native reports whether n is, or is in, a native control or a label:
// the browser makes those work with the keyboard.
func native(n *checks.Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		switch {
		case e.Is("a", "area") && e.HasAttr("href"), e.Is("button", "input", "select", "textarea", "label", "summary", "option", "video", "audio", "iframe", "object", "embed"):
			return true
		}
	}
	return false
}

// clickable reports whether n could be a control that only the mouse
// works: it has no element inside it that Tab reaches, and no element
// around it that Tab reaches (but the body).
func clickable(n *checks.Node) bool {
	for _, d := range n.Descendants() {
		if d.Type == checks.ElementNode && sequential(d) {
			return false
		}
	}
	for e := n.ParentElement(); e != nil && !e.Is("body", "html"); e = e.ParentElement() {
		if sequential(e) {
			return false
		}
	}
	return true
}

// sequential reports whether Tab reaches n, as far as the snapshot tells.
func sequential(n *checks.Node) bool {
	if n.Layout == nil {
		return false
	}
	if v, ok := n.Attr("tabindex"); ok {
		return !strings.HasPrefix(strings.TrimSpace(v), "-")
	}
	switch {
	case n.Is("a", "area"):
		return n.HasAttr("href")
	case n.Is("button", "select", "textarea", "iframe", "summary"):
		return !n.HasAttr("disabled")
	case n.Is("input"):
		return !n.HasAttr("disabled") && !strings.EqualFold(n.AttrOr("type", ""), "hidden")
	}
	return false
}

// opensDialog reports whether n is a control of a hidden dialog of the
// page: it has aria-haspopup="dialog", or names a hidden dialog with
// aria-controls, data-target, data-bs-target or its href.
func opensDialog(n *checks.Node) bool {
	if !sequential(n) {
		return false
	}
	if strings.EqualFold(n.AttrOr("aria-haspopup", ""), "dialog") {
		return true
	}
	p := n.Page()
	for _, a := range []string{"aria-controls", "data-target", "data-bs-target", "href"} {
		v := strings.TrimSpace(n.AttrOr(a, ""))
		if a == "href" || strings.HasPrefix(v, "#") {
			if !strings.HasPrefix(v, "#") {
				continue
			}
			v = v[1:]
		}
		if v == "" || strings.ContainsAny(v, " \"'\\") {
			continue
		}
		for _, d := range p.Find("#" + v) {
			if d.Layout == nil && (d.Is("dialog") || d.Role() == "dialog" || d.Role() == "alertdialog" || strings.Contains(strings.ToLower(d.AttrOr("role", "")), "dialog")) {
				return true
			}
		}
	}
	return false
}

// pageListeners are the listeners of the page's elements that matter to
// the probe, by index in Page.Nodes: their own (not an ancestor's).
type pageListeners struct {
	click map[int][]string // click, mouse and pointer down and up
	hover map[int]bool     // mouse or pointer enter and over
	// delegatedClick and delegatedHover say that the document, the root
	// element, the body, or a framework's root (an element that listens
	// to a great many kinds of events) listens to those: that proves
	// nothing about an element.
	delegatedClick, delegatedHover bool
	// focus says that something on the page (the window too) listens to
	// focus or focusin: without, focusing an element cannot do anything
	// but show it. change, the same of change and input.
	focus, change bool
}

// changes reports whether changing a form field of p may do something
// by script: the page listens to change or input events, or to clicks on
// a radio button or checkbox (on it, around it, or on the document).
func (pl *pageListeners) changes(p *checks.Page) bool {
	if pl.change || pl.delegatedClick {
		return true
	}
	for _, n := range p.Nodes {
		if !n.Is("input") || !slices.Contains([]string{"radio", "checkbox"}, strings.ToLower(n.AttrOr("type", ""))) {
			continue
		}
		for e := n; e != nil; e = e.ParentElement() {
			if len(pl.click[e.Index]) > 0 {
				return true
			}
		}
	}
	return false
}

// hoverEvents are the listeners that may open a menu on hover.
var hoverEvents = []string{"mouseenter", "mouseover", "pointerenter", "pointerover"}

// listenersOf reads the listeners of every element of the page, in one
// call.
func listenersOf(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) (*pageListeners, error) {
	pl := &pageListeners{click: map[int][]string{}, hover: map[int]bool{}}
	// The document and its elements, and the window, side by side.
	var doc, win []*domdebugger.EventListener
	var g errgroup.Group
	for _, t := range []struct {
		expr  string
		depth int64
		out   *[]*domdebugger.EventListener
	}{{"document", -1, &doc}, {"window", 0, &win}} {
		g.Go(func() error {
			ls, err := eventListeners(ctx, t.expr, t.depth, true)
			*t.out = ls
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, l := range append(doc, win...) {
		switch l.Type {
		case "focus", "focusin":
			pl.focus = true
		case "change", "input":
			pl.change = true
		}
	}
	kinds := map[int]map[string]bool{}
	for _, l := range doc {
		i, ok := backend[l.BackendNodeID]
		if !ok || i < 0 || i >= len(p.Nodes) {
			continue
		}
		if kinds[i] == nil {
			kinds[i] = map[string]bool{}
		}
		kinds[i][l.Type] = true
	}
	for i, k := range kinds {
		root := i == 0 || p.Nodes[i].Is("html", "body") || len(k) >= 15
		for _, ev := range clickEvents {
			switch {
			case !k[ev]:
			case root:
				pl.delegatedClick = true
			default:
				pl.click[i] = append(pl.click[i], ev)
			}
		}
		for _, ev := range hoverEvents {
			switch {
			case !k[ev]:
			case root:
				pl.delegatedHover = true
			default:
				pl.hover[i] = true
			}
		}
	}
	return pl, nil
}

// hovered reports whether hovering n may do something by script: n, an
// element in it or around it listens to the pointer coming over it, or
// the page listens to that on the document.
func (pl *pageListeners) hovered(n *checks.Node) bool {
	if pl.delegatedHover {
		return true
	}
	for e := n; e != nil; e = e.ParentElement() {
		if pl.hover[e.Index] {
			return true
		}
	}
	for _, d := range n.Descendants() {
		if pl.hover[d.Index] {
			return true
		}
	}
	return false
}

// tryClicks clicks the candidates, in order, until the budget runs out,
// and adds what it saw to v.
func tryClicks(ctx context.Context, tab *Tab, cands []candidate, v *checks.ActivateView, start time.Time) error {
	objs := make([]runtime.RemoteObjectID, len(cands))
	var g errgroup.Group
	g.SetLimit(8)
	for k, c := range cands {
		g.Go(func() error {
			r, err := chromedp.Call(ctx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: c.backend})
			if err == nil && r.Object != nil {
				objs[k] = r.Object.ObjectID
			}
			return nil // an element gone since the snapshot is not tried
		})
	}
	_ = g.Wait()
	defer func() {
		for _, o := range objs {
			if o != "" {
				_, _ = chromedp.Call(ctx, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: o})
			}
		}
	}()
	var args []any
	var kept []candidate
	for k, o := range objs {
		if o != "" {
			args = append(args, o)
			kept = append(kept, cands[k])
		}
	}
	if len(args) == 0 {
		return nil
	}
	var tabs []bool
	if err := tab.call(ctx, actSetJS, &tabs, args...); err != nil {
		return err
	}
	for i, c := range kept {
		if time.Since(start) > activateBudget {
			v.Limit = true
			break
		}
		ct := checks.ClickTry{Node: c.node, Listeners: c.listeners}
		if i < len(tabs) && tabs[i] && c.rank > 0 {
			ct.Keys = true
			var err error
			if ct.Enter, err = tryKey(ctx, tab, i, keyEnter); err != nil {
				return err
			}
			if ct.Space, err = tryKey(ctx, tab, i, keySpace); err != nil {
				return err
			}
		}
		var d *jsDialog
		var err error
		ct.Click, d, ct.Missed, err = tryClick(ctx, tab, i)
		if err != nil {
			return err
		}
		if d != nil {
			dt, err := tryDialog(ctx, tab, d)
			if err != nil {
				return err
			}
			dt.Opener = c.node
			v.Dialogs = append(v.Dialogs, dt)
		}
		if err := tab.call(ctx, actUndoJS, new(bool)); err != nil {
			return err
		}
		if ct.Click.Any() && !ct.Click.Context() {
			if err := redo(ctx, tab, i, nil); err != nil {
				return err
			}
		}
		v.Clicks = append(v.Clicks, ct)
	}
	return nil
}

// tryClick clicks candidate i at its centre, the pointer first resting
// on it, and returns what that did and the dialog it opened; missed when
// other content covers the centre. The caller undoes it (actUndo).
func tryClick(ctx context.Context, tab *Tab, i int) (*checks.Effect, *jsDialog, bool, error) {
	var at *[2]float64
	if err := tab.call(ctx, actPointJS, &at, i); err != nil {
		return nil, nil, false, err
	}
	if at == nil {
		return nil, nil, true, nil
	}
	if err := moveMouse(ctx, at[0], at[1]); err != nil {
		return nil, nil, false, err
	}
	if err := tab.call(ctx, actHoveredJS, new(bool), i); err != nil {
		return nil, nil, false, err
	}
	if err := click(ctx, at[0], at[1]); err != nil {
		return nil, nil, false, err
	}
	var end struct {
		Effect *checks.Effect `json:"effect"`
		Dialog *jsDialog      `json:"dialog"`
	}
	if err := tab.call(ctx, actEndJS, &end, i, "click"); err != nil {
		return nil, nil, false, err
	}
	return end.Effect, end.Dialog, false, nil
}

// tryKey focuses candidate i, presses k and returns what that did, all
// of it undone; a key that changed the page is pressed a second time.
func tryKey(ctx context.Context, tab *Tab, i int, k key) (*checks.Effect, error) {
	var focused bool
	if err := tab.call(ctx, actFocusJS, &focused, i); err != nil || !focused {
		return nil, err
	}
	if err := press(ctx, k); err != nil {
		return nil, err
	}
	var end struct {
		Effect *checks.Effect `json:"effect"`
	}
	if err := tab.call(ctx, actEndJS, &end, i, "key"); err != nil {
		return nil, err
	}
	if err := tab.call(ctx, actUndoJS, new(bool)); err != nil {
		return nil, err
	}
	if end.Effect.Any() && !end.Effect.Context() {
		if err := redo(ctx, tab, i, &k); err != nil {
			return nil, err
		}
	}
	return end.Effect, nil
}

// redo does the click (k nil) or key on candidate i again and undoes it,
// without looking: a script that keeps its own state of what the first
// one opened (and undo closed) thinks it is closed again.
func redo(ctx context.Context, tab *Tab, i int, k *key) error {
	if k != nil {
		var focused bool
		if err := tab.call(ctx, actFocusJS, &focused, i); err != nil || !focused {
			return err
		}
		if err := press(ctx, *k); err != nil {
			return err
		}
	} else {
		var at *[2]float64
		if err := tab.call(ctx, actPointJS, &at, i); err != nil || at == nil {
			return err
		}
		if err := moveMouse(ctx, at[0], at[1]); err != nil {
			return err
		}
		if err := tab.call(ctx, actHoveredJS, new(bool), i); err != nil {
			return err
		}
		if err := click(ctx, at[0], at[1]); err != nil {
			return err
		}
	}
	return tab.call(ctx, actUndoJS, new(bool))
}

// tryDialog tries the dialog a click opened: whether focus went into it
// and, from its first element, whether Tab takes focus out of it.
func tryDialog(ctx context.Context, tab *Tab, d *jsDialog) (checks.DialogTry, error) {
	dt := checks.DialogTry{Dialog: d.Dialog, Modal: d.Modal, FocusIn: d.FocusIn, Focus: d.Focus, LeftTo: -1}
	if d.Tabbables == 0 {
		return dt, nil
	}
	var in bool
	if err := tab.call(ctx, actDialogInJS, &in); err != nil || !in {
		return dt, err
	}
	for range min(d.Tabbables+1, activateMaxTabs) {
		if err := pressTab(ctx, false); err != nil {
			return dt, err
		}
		var w struct {
			In bool `json:"in"`
			El int  `json:"el"`
		}
		if err := tab.call(ctx, actWhereJS, &w); err != nil {
			return dt, err
		}
		dt.Tabs++
		// Tab may take focus out of the page, to the browser (from the
		// last element of a modal <dialog>): that is not leaving it.
		if !w.In && w.El >= 0 {
			dt.Left, dt.LeftTo = true, w.El
			break
		}
	}
	return dt, nil
}

// tryMenus hovers the menu items whose links are hidden, when a style
// rule or a listener may show them on hover, and tries focus and keys on
// those that hovering opened. menuEls gets, for each menu added to v, its
// item and the links shown, as indexes in actElements.
func tryMenus(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int, pl *pageListeners, v *checks.ActivateView, start time.Time, menuEls *[][]int) error {
	var css []bool
	if err := tab.call(ctx, actMenusJS, &css, activateMaxMenus); err != nil || len(css) == 0 {
		return err
	}
	triggers, err := tab.elements(ctx, actMenuTriggersJS, backend)
	if err != nil {
		return err
	}
	// A menu that a script opens after a delay is waited for, on the
	// first item, and on the others when the first needed it.
	wait, first, moved := 150, true, false
	var open []int
	for i := range css {
		if time.Since(start) > activateBudget {
			v.Limit = true
			break
		}
		if !css[i] && (i >= len(triggers) || triggers[i] < 0 || !pl.hovered(p.Nodes[triggers[i]])) {
			continue // nothing would show it on hover
		}
		var at *[2]float64
		if err := tab.call(ctx, actMenuPointJS, &at, i); err != nil {
			return err
		}
		if at == nil {
			continue
		}
		if err := moveMouse(ctx, at[0], at[1]); err != nil {
			return err
		}
		moved = true
		var h struct {
			Shown  int  `json:"shown"`
			Waited bool `json:"waited"`
		}
		if err := tab.call(ctx, actMenuHoveredJS, &h, i, wait); err != nil {
			return err
		}
		if first && !h.Waited {
			wait = 0
		}
		first = false
		if h.Shown > 0 {
			open = append(open, i)
		}
	}
	if moved {
		if err := moveMouse(ctx, -1, -1); err != nil {
			return err
		}
		if err := tab.call(ctx, actUndoJS, new(bool)); err != nil {
			return err
		}
	}
	for _, i := range open {
		m, els, err := tryMenuKeys(ctx, tab, i)
		if err != nil {
			return err
		}
		v.Menus = append(v.Menus, *m)
		*menuEls = append(*menuEls, els)
	}
	return nil
}

// tryMenuKeys tries focus on menu item i, which hovering opened, and
// keys on its button. It returns the item and the links hovering showed
// as indexes in actElements.
func tryMenuKeys(ctx context.Context, tab *Tab, i int) (*checks.MenuTry, []int, error) {
	m := &checks.MenuTry{Toggle: -1}
	if err := tab.call(ctx, actMenuFocusJS, &m.Focus, i); err != nil {
		return nil, nil, err
	}
	if err := tab.call(ctx, actUndoJS, new(bool)); err != nil {
		return nil, nil, err
	}
	// The keys on the item's button, until one opens the menu; that one
	// is pressed again (and undone), for a script that keeps its own
	// state of the menu.
	for _, k := range []key{keyEnter, keySpace, keyDown} {
		if m.Focus || m.Keys {
			break
		}
		for try := range 2 {
			if err := tab.call(ctx, actMenuToggleJS, &m.Toggle, i); err != nil {
				return nil, nil, err
			}
			if m.Toggle < 0 {
				break
			}
			if err := press(ctx, k); err != nil {
				return nil, nil, err
			}
			if try == 0 {
				if err := tab.call(ctx, actMenuKeyedJS, &m.Keys, i); err != nil {
					return nil, nil, err
				}
			}
			if err := tab.call(ctx, actUndoJS, new(bool)); err != nil {
				return nil, nil, err
			}
			if !m.Keys {
				break
			}
		}
		if m.Toggle < 0 {
			break
		}
	}
	var els []int
	if err := tab.call(ctx, actMenuElementsJS, &els, i); err != nil {
		return nil, nil, err
	}
	return m, els, nil
}
