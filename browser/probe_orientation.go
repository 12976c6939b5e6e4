package browser

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The orientation probe (WCAG 1.3.4 Orientation): the page turned to
// portrait and to landscape. See probe.go for how probes run.

// The orientation probe's scripts (js/orientation.js): rotationJS returns
// how html, body and the page's main boxes are rotated once the viewport
// has turned; orientationQueryJS tells whether a style sheet of the page
// has a condition on orientation.
var (
	rotationJS         = jsFunc("orientation.js", "rotation")
	rotationElementsJS = jsFunc("orientation.js", "rotationElements")
	orientationQueryJS = jsFunc("orientation.js", "orientationQueries")
)

// probeOrientation turns the viewport to portrait and to landscape and
// reads how html, body and the page's main boxes are rotated in each.
// The viewport is restored afterwards: the tab goes on to other pages.
// A page without an orientation query in its style sheets is not turned:
// nothing in it can depend on the orientation (a script that rotates the
// page on resize is not seen).
func probeOrientation(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var queries bool
	if err := tab.call(ctx, orientationQueryJS, &queries); err != nil {
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
		if err := tab.call(ctx, rotationJS, &rs, orient); err != nil {
			return nil, nil, err
		}
		if rs == nil {
			return nil, nil, fmt.Errorf("the viewport did not turn to %s", orient)
		}
		idx, err := tab.elements(ctx, rotationElementsJS, backend)
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
