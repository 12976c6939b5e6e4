package browser

import (
	"context"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The targets probe: the size the browser itself gives the page's small
// form controls, so that the target size rule (2.5.8) can tell a control
// whose size the browser decides (allowed however small) from one the
// page's styles made small. See probe.go for how probes run.

// The targets probe's scripts (js/targets.js).
var (
	targetsUAJS       = jsFunc("targets.js", "targetsUA")
	targetsElementsJS = jsFunc("targets.js", "targetsElements")
)

type targetsJSSize struct {
	El int     `json:"el"`
	W  float64 `json:"w"`
	H  float64 `json:"h"`
}

// probeTargets measures the form controls smaller than 24 × 24 CSS px
// against unstyled copies of them (targetsUA) and fills in p.Targets.
func probeTargets(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var sizes []targetsJSSize
	if err := tab.call(ctx, targetsUAJS, &sizes); err != nil {
		return err
	}
	v := &checks.TargetsView{}
	if len(sizes) > 0 {
		idx, err := tab.elements(ctx, targetsElementsJS, backend)
		if err != nil {
			return err
		}
		for _, s := range sizes {
			if s.El < 0 || s.El >= len(idx) || idx[s.El] < 0 {
				continue // added after the snapshot
			}
			v.UA = append(v.UA, checks.UASize{Node: idx[s.El], W: round2(s.W), H: round2(s.H)})
		}
	}
	p.Targets = v
	return nil
}
