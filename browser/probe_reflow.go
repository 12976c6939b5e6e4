package browser

import (
	"context"
	"slices"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The reflow probe: the page at 320 CSS px (WCAG 1.4.10 Reflow). See
// probe.go for how probes run.

// The reflow probe's viewport: a 1280 × 1024 screen zoomed to 400 %.
const reflowW, reflowH = 320, 256

// reflowJS finds what reaches beyond the right edge of the window: for
// each text node that does, the outermost element around it that does
// too (the one to make narrower), or its own element when the text sticks
// out of it (a long word); then images, videos, frames and form fields
// (js/reflow.js). It returns what it saw of each; reflowElementsJS
// returns the elements.
var (
	reflowJS         = jsFunc("reflow.js", "reflow")
	reflowElementsJS = jsFunc("reflow.js", "reflowElements")
)

// probeReflow lays the page out at 320 × 256 CSS px and records what
// reaches beyond the right edge of the window (Page.Reflow). The viewport
// is restored afterwards.
func probeReflow(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	restore, err := tab.resize(ctx, reflowW, reflowH)
	defer restore()
	if err != nil {
		return err
	}
	var res struct {
		VW      float64 `json:"vw"`
		SW      float64 `json:"sw"`
		Scrolls bool    `json:"scrolls"`
		Wide    []struct {
			El     int     `json:"el"`
			Kind   string  `json:"kind"`
			Right  float64 `json:"right"`
			Width  float64 `json:"width"`
			Texts  int     `json:"texts"`
			Word   bool    `json:"word"`
			Exempt string  `json:"exempt"`
			Cut    bool    `json:"cut"`
		} `json:"wide"`
	}
	if err := tab.call(ctx, reflowJS, &res, checks.MaxReflowBoxes); err != nil {
		return err
	}
	v := &checks.ReflowView{Viewport: checks.Size{W: res.VW, H: reflowH}, ScrollWidth: round2(res.SW), Scrolls: res.Scrolls}
	if len(res.Wide) > 0 {
		idx, err := tab.elements(ctx, reflowElementsJS, backend)
		if err != nil {
			return err
		}
		for _, w := range res.Wide {
			node := -1
			if w.El >= 0 && w.El < len(idx) {
				node = idx[w.El]
			}
			v.Wide = append(v.Wide, checks.WideBox{Node: node, Kind: w.Kind, Right: round2(w.Right), Width: round2(w.Width),
				Texts: w.Texts, Word: w.Word, Exempt: w.Exempt, Cut: w.Cut})
		}
		slices.SortStableFunc(v.Wide, func(a, b checks.WideBox) int { return a.Node - b.Node })
	}
	if v.Clip, err = clipAt(ctx, tab, p, backend, checks.Size{W: reflowW, H: reflowH}); err != nil {
		return err
	}
	p.Reflow = v
	return nil
}

// clipAt records how the elements with overflow hidden or clip cut text
// in the viewport as it is now (see zoomView), keeping only the texts
// they cut; nil when nothing on the page can clip text.
func clipAt(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int, viewport checks.Size) (*checks.ZoomView, error) {
	if !clipsText(p) {
		var media bool
		if err := tab.call(ctx, mediaOverflowJS, &media); err != nil || !media {
			return nil, err
		}
	}
	snap, err := chromedp.Call(ctx, domsnapshot.CaptureSnapshot, domsnapshot.CaptureSnapshotParams{
		ComputedStyles:  zoomStyles,
		IncludeDOMRects: new(true),
	})
	if err != nil {
		return nil, err
	}
	z := zoomView(&snap, backend, viewport)
	cut := &checks.ZoomView{Viewport: viewport}
	boxes := map[int]bool{}
	for _, t := range z.Texts {
		if len(t.Clips) > 0 {
			cut.Texts = append(cut.Texts, t)
			for _, c := range t.Clips {
				boxes[c.Box] = true
			}
		}
	}
	for _, b := range z.Boxes {
		if boxes[b.Node] {
			cut.Boxes = append(cut.Boxes, b)
		}
	}
	return cut, nil
}
