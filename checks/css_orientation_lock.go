package checks

import (
	"math"
)

// CSSOrientationLock checks that the page is not turned with CSS
// transforms to lock it to one screen orientation (ACT b33eff). It reads
// the rotations the orientation probe saw in the live page
// (Page.Rotations).
var CSSOrientationLock = &Rule{
	ID:      "css-orientation-lock",
	Title:   "The page is not locked to one screen orientation",
	Doc:     doc("css-orientation-lock"),
	HelpURL: understanding("1.3.4"),
	WCAG:    []string{"1.3.4"},
	ACT:     []string{"b33eff"},
	Impact:  Serious,
	Probes:  []Probe{ProbeOrientation},
	Run:     runCSSOrientationLock,
}

// ACT b33eff applies to rendered elements whose CSS transform depends on
// the orientation of the viewport. It fails when, between portrait and
// landscape, the element turns by a quarter turn (45° to 135°, or 225° to
// 315°), which keeps its content in one orientation.
func runCSSOrientationLock(pass *Pass) error {
	p := pass.Page
	for _, r := range p.Rotations {
		if r.Node < 0 || r.Node >= len(p.Nodes) {
			continue
		}
		n := p.Nodes[r.Node]
		if !r.Differs || !n.Rendered() || n.Style("display") == "none" || hasNoText(n) {
			continue
		}
		d := math.Mod(math.Abs(r.Portrait-r.Landscape), 180)
		if d >= 45 && d <= 135 {
			pass.Failed(n, "This element is turned %s in portrait and %s in landscape, so its content stays in one orientation when the screen turns: people who cannot turn their device (a tablet fixed to a wheelchair) must read it sideways. Remove the rotation in the orientation media query (@media (orientation: …)).", degrees(r.Portrait), degrees(r.Landscape))
			continue
		}
		pass.Passed(n)
	}
	return nil
}

// hasNoText reports whether the element has no rendered text in it.
func hasNoText(n *Node) bool {
	for _, c := range n.ChildNodes() {
		switch {
		case c.Type == TextNode && c.Rendered() && !blank(c.Text):
			return false
		case c.Type == ElementNode && !hasNoText(c):
			return false
		}
	}
	return true
}

func degrees(a float64) Text {
	if math.Abs(a) < 0.5 {
		return msg("not at all")
	}
	return msg("%.0f°", a)
}
