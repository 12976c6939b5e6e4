package browser

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The text spacing probe (WCAG 1.4.12 Text Spacing): the page's text with
// wider spacing forced on it. See probe.go for how probes run.

// spacingCSS is the text spacing of WCAG 1.4.12, forced on every element
// as the W3C's test bookmarklet does.
const spacingCSS = `*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`

// spacingJS adds (on) or removes the text spacing style sheet. Focus is
// taken off whatever the focus probe left it on, so that both snapshots
// see the page as captured.
func spacingJS(on bool) string {
	if !on {
		return `(() => { const s = document.getElementById('saavu-text-spacing'); if (s) s.remove(); return true; })()`
	}
	return fmt.Sprintf(`(() => {
  const a = document.activeElement;
  if (a && a !== document.body && a.blur) a.blur();
  const s = document.createElement('style');
  s.id = 'saavu-text-spacing';
  s.textContent = %q;
  (document.head || document.documentElement).append(s);
  return true;
})()`, spacingCSS)
}

// probeSpacing records how elements with overflow hidden or clip cut the
// page's text before and after the text spacing of WCAG 1.4.12 is forced
// on every element (Page.Spacing). A page with no text in such an
// element costs nothing: no spacing can cut its text off.
func probeSpacing(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	if !clipsText(p) {
		p.Spacing = &checks.SpacingView{}
		return nil
	}
	if err := evalJS(ctx, `(() => { const a = document.activeElement; if (a && a !== document.body && a.blur) a.blur(); return true; })()`, new(bool)); err != nil {
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
		_ = evalJS(cctx, spacingJS(false), new(bool))
	}()
	if err := evalJS(ctx, spacingJS(true), new(bool)); err != nil {
		return err
	}
	if err := evalJS(ctx, settleJS, new(bool)); err != nil {
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
