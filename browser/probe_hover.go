package browser

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The hover probe (WCAG 1.4.13 Content on Hover or Focus): content that
// style sheets show when the pointer is over another element (a
// `.menu:hover .submenu` rule), tried with the real mouse, or when
// keyboard focus is on or in it (`.menu:focus-within .submenu`), tried by
// focusing it. It also looks at the links in blocks of text that
// link-in-text-block asks about (WCAG 1.4.1): what their ::before and
// ::after draw, and how some look hovered and focused (hoverLinks). See
// probe.go for how probes run.

// hoverMaxTriggers bounds the elements hovered on one page, and those
// focused: one per style rule, the first that matches.
const hoverMaxTriggers = 3

// The hover probe's scripts (js/hover.js). hoverFindJS finds, for each
// style rule that shows something when the pointer is over another
// element (:hover followed by a combinator), or when focus is on or in it
// (:focus, :focus-visible, :focus-within), the first visible element it
// applies to and the elements near it that are hidden now, and returns
// how many triggers it found. For trigger i, focusPrepJS focuses it and
// hoverPrepJS returns where to put the pointer; hoverShownJS finds what
// that showed and whether it covers other content, hoverStillJS whether
// it is still shown.
var (
	hoverFindJS     = jsFunc("hover.js", "hoverFind")
	hoverModesJS    = jsFunc("hover.js", "hoverModes")
	focusPrepJS     = jsFunc("hover.js", "hoverFocus")
	hoverPrepJS     = jsFunc("hover.js", "hoverPoint")
	hoverShownJS    = jsFunc("hover.js", "hoverShown")
	hoverStillJS    = jsFunc("hover.js", "hoverStill")
	hoverElementsJS = jsFunc("hover.js", "hoverElements")
)

type found struct {
	trigger  int
	popup    checks.HoverPopup
	hasPopup bool
}

// tryPopup hovers trigger i with the mouse, or focuses it, and records
// what appeared: whether it covers other content, stays when the pointer
// moves onto it (hovering only), and hides on Escape. The pointer ends at
// the top left corner, focus nowhere.
func tryPopup(ctx context.Context, tab *Tab, i int, focus bool) (found, error) {
	f := found{trigger: i}
	if focus {
		defer tab.call(ctx, blurJS, new(bool))
		var ok bool
		if err := tab.call(ctx, focusPrepJS, &ok, i); err != nil || !ok {
			return f, err
		}
	} else {
		defer moveMouse(ctx, 0, 0)
		var at [2]float64
		if err := tab.call(ctx, hoverPrepJS, &at, i); err != nil {
			return f, err
		}
		if err := moveMouse(ctx, at[0], at[1]); err != nil {
			return f, err
		}
	}
	if err := tab.call(ctx, settleJS, new(bool)); err != nil {
		return f, err
	}
	var shown *struct {
		Covers bool    `json:"covers"`
		X      float64 `json:"x"`
		Y      float64 `json:"y"`
	}
	if err := tab.call(ctx, hoverShownJS, &shown, i); err != nil || shown == nil {
		return f, err
	}
	f.hasPopup = true
	f.popup.Covers, f.popup.Focus = shown.Covers, focus
	if focus {
		f.popup.Hoverable = true // not asked of content shown on focus
	} else {
		// The pointer moves onto what appeared: it should stay.
		if err := moveMouse(ctx, shown.X, shown.Y); err != nil {
			return f, err
		}
		if err := tab.call(ctx, settleJS, new(bool)); err != nil {
			return f, err
		}
		if err := tab.call(ctx, hoverStillJS, &f.popup.Hoverable, i); err != nil {
			return f, err
		}
	}
	// Escape should hide it, with the pointer or focus where it is.
	if err := pressKey(ctx, "Escape", 27); err != nil {
		return f, err
	}
	if err := tab.call(ctx, settleJS, new(bool)); err != nil {
		return f, err
	}
	var still bool
	if err := tab.call(ctx, hoverStillJS, &still, i); err != nil {
		return f, err
	}
	f.popup.Dismissed = !still
	return f, nil
}

// probeHover hovers, with the mouse, the elements whose style rules show
// other content on hover, and focuses those whose rules show it on focus,
// and records for each what appeared and whether it can be hovered
// itself, dismissed with Escape, and covers other content; then it looks
// at the links in blocks of text that link-in-text-block asks about
// (hoverLinks). The pointer ends at the top left corner.
func probeHover(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	view := &checks.HoverView{}
	if err := hoverPopups(ctx, tab, view, backend); err != nil {
		return err
	}
	if err := hoverLinks(ctx, tab, p, view); err != nil {
		// The popups stand; the links not looked at are for a person to
		// check.
		tab.b.opts.Log.Debug("hover probe: links", "url", p.URL, "err", err)
	}
	p.Hover = view
	return nil
}

// hoverPopups tries the content that style rules show on hover or focus
// (view.Popups).
func hoverPopups(ctx context.Context, tab *Tab, view *checks.HoverView, backend map[cdp.BackendNodeID]int) error {
	var n int
	if err := tab.call(ctx, hoverFindJS, &n, hoverMaxTriggers); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	defer restorePointer(ctx, tab)
	var focus []bool
	if err := tab.call(ctx, hoverModesJS, &focus); err != nil {
		return err
	}
	var tried []found
	for i := range n {
		f, err := tryPopup(ctx, tab, i, i < len(focus) && focus[i])
		if err != nil {
			return err
		}
		tried = append(tried, f)
	}
	idx, err := tab.elements(ctx, hoverElementsJS, backend)
	if err != nil {
		return err
	}
	at := func(k int) int {
		if k < len(idx) {
			return idx[k]
		}
		return -1
	}
	for _, f := range tried {
		if !f.hasPopup {
			continue
		}
		f.popup.Trigger, f.popup.Popup = at(2*f.trigger), at(2*f.trigger+1)
		view.Popups = append(view.Popups, f.popup)
	}
	return nil
}

// restorePointer puts the pointer back at the top left corner and
// scrolls to the top, even when ctx has run out.
func restorePointer(ctx context.Context, tab *Tab) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	_ = moveMouse(cctx, 0, 0)
	_ = tab.call(cctx, scrollToYJS, new(float64), 0)
}

// The scripts of hoverLinks (js/hover.js): linksFindJS finds the links
// and the marks their ::before and ::after draw; for link i, linkFocusJS
// focuses it, returns what that changed and where to put the pointer,
// and linkHoverJS what the pointer over it changed.
var (
	linksFindJS = jsFunc("hover.js", "linksFind")
	linkFocusJS = jsFunc("hover.js", "linkFocus")
	linkHoverJS = jsFunc("hover.js", "linkHover")
)

// hoverLinksBudget is the time after which hoverLinks tries no more
// links; it tries none either when less than hoverLinksMargin is left of
// the probe's time (the popups found must not be lost).
const (
	hoverLinksBudget = 800 * time.Millisecond
	hoverLinksMargin = time.Second
)

// hoverLinks looks at the links of checks.LinkTargets (view.Links): the
// marks their ::before and ::after draw and, for those to try, what
// changes on them with focus and with the pointer over them.
func hoverLinks(ctx context.Context, tab *Tab, p *checks.Page, view *checks.HoverView) error {
	targets := checks.LinkTargets(p)
	if len(targets) == 0 {
		return nil
	}
	type target struct {
		Sel string `json:"sel"`
		Tag string `json:"tag"`
	}
	args := make([]target, len(targets))
	for i, t := range targets {
		args[i] = target{Sel: t.Node.Selector(), Tag: t.Node.Name}
	}
	var found []*struct {
		Marks []string `json:"marks"`
	}
	if err := tab.call(ctx, linksFindJS, &found, args); err != nil {
		return err
	}
	looks := make([]*checks.LinkLook, len(targets))
	for i, f := range found {
		if f != nil && i < len(targets) {
			looks[i] = &checks.LinkLook{Node: targets[i].Node.Index, Marks: f.Marks}
		}
	}
	// What was seen stands when a later step fails.
	defer func() { view.Links = collectLooks(looks) }()
	type change struct {
		Prop   string `json:"prop"`
		Before string `json:"before"`
		After  string `json:"after"`
	}
	convert := func(node int, cs []change) []checks.StyleChange {
		var out []checks.StyleChange
		for _, c := range cs {
			out = append(out, checks.StyleChange{Node: node, Prop: c.Prop, Before: c.Before, After: c.After})
		}
		return out
	}
	start, moved := time.Now(), false
	defer func() {
		if moved {
			restorePointer(ctx, tab)
		}
	}()
	for i, t := range targets {
		l := looks[i]
		if !t.Try || l == nil || time.Since(start) > hoverLinksBudget {
			continue
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < hoverLinksMargin {
			break
		}
		moved = true
		var f struct {
			Focused bool        `json:"focused"`
			Focus   []change    `json:"focus"`
			At      *[2]float64 `json:"at"`
		}
		if err := tab.call(ctx, linkFocusJS, &f, i); err != nil {
			return err
		}
		l.Focused, l.Focus = f.Focused, convert(l.Node, f.Focus)
		if f.At == nil {
			continue
		}
		if err := moveMouse(ctx, f.At[0], f.At[1]); err != nil {
			return err
		}
		var h struct {
			Hovered bool     `json:"hovered"`
			Hover   []change `json:"hover"`
		}
		if err := tab.call(ctx, linkHoverJS, &h, i); err != nil {
			return err
		}
		l.Hovered, l.Hover = h.Hovered, convert(l.Node, h.Hover)
	}
	return nil
}

func collectLooks(looks []*checks.LinkLook) []checks.LinkLook {
	var out []checks.LinkLook
	for _, l := range looks {
		if l != nil {
			out = append(out, *l)
		}
	}
	return out
}
