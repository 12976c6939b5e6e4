package checks

// ScrollableRegionFocusable checks that keyboard users can scroll a box
// whose content scrolls: the box, or something in it, must be reachable
// with the Tab key (ACT 0ssw9k). It reads the scroll distances the scroll
// probe measured in the live page (Page.Scrollers).
var ScrollableRegionFocusable = &Rule{
	ID:      "scrollable-region-focusable",
	Title:   "Scrollable boxes can be scrolled with the keyboard",
	Doc:     doc("scrollable-region-focusable"),
	HelpURL: understanding("2.1.1"),
	WCAG:    []string{"2.1.1"},
	ACT:     []string{"0ssw9k"},
	Impact:  Serious,
	Probes:  []Probe{ProbeScroll},
	Run:     runScrollableRegionFocusable,
}

// minScroll is the least scroll distance, in CSS px, that counts: less is
// rounding, or a pixel of a glyph.
const minScroll = 3

// ACT 0ssw9k applies to HTML elements (not frames) that the user can
// scroll, horizontally or vertically, by more than their padding in that
// direction. The element, or an element in it, must be in the sequential
// focus order, so that keyboard users can reach it and scroll it with
// the arrow keys. saavu also requires that there is something visible to
// scroll (text or an image): a box that scrolls over nothing needs no
// keyboard.
func runScrollableRegionFocusable(pass *Pass) error {
	p := pass.Page
	for _, s := range p.Scrollers {
		if s.Node <= 0 || s.Node >= len(p.Nodes) {
			continue
		}
		n := p.Nodes[s.Node]
		if n.Namespace != "" || n.Is("html", "body", "iframe", "frame", "object", "embed", "textarea", "select") || !visibleBox(n) {
			continue
		}
		pad := s.Padding // top, right, bottom, left
		ox, oy := n.Style("overflow-x"), n.Style("overflow-y")
		sideways := (ox == "auto" || ox == "scroll") && s.X >= minScroll && s.X > max(pad[1], pad[3])
		down := (oy == "auto" || oy == "scroll") && s.Y >= minScroll && s.Y > max(pad[0], pad[2])
		if !sideways && !down || !hasVisibleContent(n) {
			continue
		}
		if _, seq := htmlFocusable(n); seq {
			pass.Passed(n)
			continue
		}
		if d := firstTabStop(n); d != nil {
			pass.Passed(n)
			continue
		}
		way := msg("up and down")
		if sideways && !down {
			way = msg("sideways")
		}
		pass.Failed(n, "The content of this box scrolls %s, but nothing in it can be reached with the Tab key, so keyboard users cannot scroll it in every browser (some, like Safari, do not let the keyboard focus it by themselves). Add tabindex=\"0\" to the box, with a name (aria-label) and role=\"region\", or let it grow with its content.", way)
	}
	return nil
}

// hasVisibleContent reports whether the element holds rendered text or
// a rendered image, video, canvas or svg larger than a pixel.
func hasVisibleContent(n *Node) bool {
	found := false
	n.walk(func(d *Node) bool {
		if found || (d != n && d.Type == DocumentNode) {
			return false
		}
		switch {
		case d.Type == TextNode && d.Rendered() && !blank(d.Text):
			if par := d.ParentElement(); par == nil || par.Style("visibility") != "hidden" {
				found = true
			}
		case d.Type == ElementNode && d != n && d.Is("img", "svg", "video", "canvas", "picture", "input", "button", "select", "textarea"):
			if visibleBox(d) {
				found = true
			}
		}
		return !found
	})
	return found
}
