package checks

import "strconv"

// HeadingOrder checks that heading levels go down one step at a time, so
// that the outline a screen reader lists does not seem to miss sections.
// It is an extra rule: a best practice that no WCAG success criterion
// requires on its own (it supports 1.3.1 and 2.4.6).
var HeadingOrder = &Rule{
	ID:      "heading-order",
	Title:   "Heading levels go down one step at a time",
	Doc:     doc("heading-order"),
	HelpURL: understanding("1.3.1"),
	Impact:  Moderate,
	Run:     runHeadingOrder,
	Extra:   true,
}

// runHeadingOrder applies to the headings in the accessibility tree (of
// the page and of each of its frames on its own), in document order. A
// heading fails when its level is more than one deeper than that of the
// heading before it (h2 followed by h4); the first heading, and a heading
// going back up any number of levels, pass.
func runHeadingOrder(pass *Pass) error {
	prev := map[*Node]int{} // document -> level of its last heading
	for _, n := range allElements(pass.Page) {
		if !n.Exposed() || n.Role() != "heading" {
			continue
		}
		level := headingLevel(n)
		if level == 0 {
			continue
		}
		doc := treeDocument(n)
		last, seen := prev[doc]
		prev[doc] = level
		if !seen || level <= last+1 {
			pass.Passed(n)
			continue
		}
		pass.Failed(n, "This heading is level %d, but the heading before it is level %d: level %d is skipped, so screen reader users who move by headings may think a section is missing. Use level %d here (style the heading with CSS if it should look smaller), or check that no heading is missing before it.", level, last, last+1, last+1)
	}
	return nil
}

// headingLevel returns the level of a heading as the browser exposes it,
// 0 when unknown.
func headingLevel(n *Node) int {
	if n.AX != nil {
		if l, err := strconv.Atoi(n.AX.Props["level"]); err == nil && l > 0 {
			return l
		}
	}
	if len(n.Name) == 2 && n.Name[0] == 'h' && n.Name[1] >= '1' && n.Name[1] <= '6' {
		return int(n.Name[1] - '0')
	}
	return 0
}

// treeDocument returns the document n is in (the page's, or an iframe's).
func treeDocument(n *Node) *Node {
	for p := n.ParentNode(); p != nil; p = p.ParentNode() {
		if p.Type == DocumentNode {
			return p
		}
	}
	return nil
}
