package checks

// SVGImgAlt checks that SVG elements with an explicit image role have a
// text alternative (ACT 7d6734).
var SVGImgAlt = &Rule{
	ID:      "svg-img-alt",
	Title:   "SVG images have a text alternative",
	Doc:     doc("svg-img-alt"),
	HelpURL: understanding("1.1.1"),
	WCAG:    []string{"1.1.1"},
	ACT:     []string{"7d6734"},
	Impact:  Serious,
	Run:     runSVGImgAlt,
}

// svgImageRoles are the explicit roles that make ACT 7d6734 apply.
var svgImageRoles = map[string]bool{"img": true, "image": true, "graphics-document": true, "graphics-symbol": true}

func runSVGImgAlt(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if n.Type != ElementNode || n.Namespace != "svg" {
			continue
		}
		role := firstValidRole(n)
		if !svgImageRoles[role] || !n.Exposed() || programmaticallyHidden(n) {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		what := msg("This SVG graphic")
		if n.Name != "svg" {
			what = msg("This SVG <%s> element", n.Name)
		}
		var why, extra Text
		if r := labelProblems(n); len(r) > 0 {
			why = msg(" (%s)", andText(r))
		} else if n.Name == "svg" && hasSVGTitle(n) {
			why = msg(" (its <title> is empty)")
		}
		if hasSVGText(n) {
			extra = msg(" Text drawn inside the SVG with <text> does not count as its name.")
		}
		pass.Failed(n, "%s is marked as an image (role=\"%s\"), but it has no text alternative%s, so screen readers announce an unnamed image. Add aria-label=\"…\" saying what it shows, or a non-empty <title> as its first child. If it is only decoration, replace role=\"%s\" with aria-hidden=\"true\".%s", what, role, why, role, extra)
	}
	return nil
}

func hasSVGTitle(n *Node) bool {
	for _, c := range n.ChildNodes() {
		if c.Type == ElementNode && c.Namespace == "svg" && c.Name == "title" {
			return true
		}
	}
	return false
}

func hasSVGText(n *Node) bool {
	for _, c := range n.Descendants() {
		if c.Namespace == "svg" && c.Name == "text" && !blank(c.TextContent()) {
			return true
		}
	}
	return false
}
