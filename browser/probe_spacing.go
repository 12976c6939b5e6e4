package browser

import (
	"context"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The text spacing probe (WCAG 1.4.12 Text Spacing): the page's text with
// wider spacing forced on it. See probe.go for how probes run.

// spacingOnJS adds a style sheet with the text spacing of WCAG 1.4.12 to
// the page, forced on every element as the W3C's test bookmarklet does,
// and takes focus off whatever the focus probe left it on, so that both
// snapshots see the page as captured; spacingOffJS removes it
// (js/spacing.js).
var (
	spacingOnJS  = jsFunc("spacing.js", "spacingOn")
	spacingOffJS = jsFunc("spacing.js", "spacingOff")
)

// probeSpacing records how elements with overflow hidden or clip cut the
// page's text before and after the text spacing of WCAG 1.4.12 is forced
// on every element (Page.Spacing). A page with no text in such an
// element costs nothing: no spacing can cut its text off.
func probeSpacing(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	if !clipsText(p) {
		p.Spacing = &checks.SpacingView{}
		return nil
	}
	if err := tab.call(ctx, blurJS, new(bool)); err != nil {
		return err
	}
	params := domsnapshot.CaptureSnapshotParams{ComputedStyles: zoomStyles, IncludeDOMRects: new(true)}
	before, err := chromedp.Call(ctx, domsnapshot.CaptureSnapshot, params)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = tab.call(cctx, spacingOffJS, new(bool))
	}()
	if err := tab.call(ctx, spacingOnJS, new(bool)); err != nil {
		return err
	}
	if err := tab.call(ctx, settleJS, new(bool)); err != nil {
		return err
	}
	after, err := chromedp.Call(ctx, domsnapshot.CaptureSnapshot, params)
	if err != nil {
		return err
	}
	vp := p.Viewport
	if vp.W <= 0 || math.IsNaN(vp.W) {
		vp = checks.Size{W: 1280, H: 900}
	}
	p.Spacing = &checks.SpacingView{Before: zoomView(&before, backend, vp), After: zoomView(&after, backend, vp)}
	return nil
}
