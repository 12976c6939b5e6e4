package browser

import (
	"context"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The controls probe (WCAG 1.4.11 Non-text Contrast) reads, in the live
// page, what the DOM snapshot does not record of the elements that
// checks.ControlTargets lists: the left and right borders of text fields
// (the snapshot has only the top and bottom ones), and what the icon of a
// control without visible text is painted with (SVG fills and strokes,
// characters of icon fonts drawn by ::before and ::after, bars drawn with
// CSS). One script call; it changes nothing on the page. See probe.go for
// how probes run.

// controlsReadJS reads the borders and icon paints of the targets
// (js/controls.js).
var controlsReadJS = jsFunc("controls.js", "controlsRead")

// probeControls fills in Page.Controls.
func probeControls(ctx context.Context, tab *Tab, p *checks.Page, _ map[cdp.BackendNodeID]int) error {
	targets := checks.ControlTargets(p)
	if len(targets) == 0 {
		return nil
	}
	type target struct {
		Sel  string `json:"sel"`
		Tag  string `json:"tag"`
		Icon bool   `json:"icon"`
	}
	args := make([]target, len(targets))
	for i, n := range targets {
		args[i] = target{Sel: n.Selector(), Tag: n.Name, Icon: !n.Is("input", "textarea")}
	}
	var res []*struct {
		Borders []string           `json:"borders"`
		Icon    []checks.IconPaint `json:"icon"`
	}
	if err := tab.call(ctx, controlsReadJS, &res, args); err != nil {
		return err
	}
	for i, r := range res {
		if r == nil || i >= len(targets) {
			continue
		}
		look := checks.ControlLook{Node: targets[i].Index, Icon: r.Icon}
		if !args[i].Icon {
			look.Borders = r.Borders
		}
		p.Controls = append(p.Controls, look)
	}
	return nil
}
