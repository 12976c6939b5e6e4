package checks

// HeadingName checks that headings have an accessible name, so that a
// screen reader's list of headings has no empty entries (ACT ffd0e9). It
// is an extra rule: a best practice that no WCAG success criterion
// requires on its own (it supports 1.3.1 and 2.4.6).
var HeadingName = &Rule{
	ID:      "heading-name",
	Title:   "Headings are not empty",
	Doc:     doc("heading-name"),
	HelpURL: actRule("ffd0e9"),
	ACT:     []string{"ffd0e9"},
	Impact:  Moderate,
	Run:     runHeadingName,
	Extra:   true,
}

// ACT ffd0e9 applies to HTML and SVG elements with the semantic role
// heading that are in the accessibility tree; they pass when their
// accessible name is not empty.
func runHeadingName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Exposed() || n.Role() != "heading" {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		why := msg("it has no text")
		g, glyph := glyphName(n)
		switch {
		case glyph:
			why = g
		case n.HasAttr("aria-label") || n.HasAttr("aria-labelledby"):
			why = msg("its aria-label or aria-labelledby gives an empty name")
		case len(n.Descendants()) > 0 && !blank(n.TextContent()):
			why = msg("its text is hidden from screen readers, or it holds only a decorative image")
		}
		pass.Failed(n, "This heading is empty for screen readers: %s. Screen reader users move around a page by its headings, and an empty one tells them nothing. Write the heading's text inside it, give an image in it an alt text, or remove the empty heading.", why)
	}
	return nil
}
