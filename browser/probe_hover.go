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
// focusing it. See probe.go for how probes run.

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
// itself, dismissed with Escape, and covers other content (Page.Hover).
// The pointer ends at the top left corner.
func probeHover(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var n int
	if err := tab.call(ctx, hoverFindJS, &n, hoverMaxTriggers); err != nil {
		return err
	}
	view := &checks.HoverView{}
	if n == 0 {
		p.Hover = view
		return nil
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = moveMouse(cctx, 0, 0)
		_ = tab.call(cctx, scrollToYJS, new(float64), 0)
	}()
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
	p.Hover = view
	return nil
}
