package checks

// ContentHeading checks that a heading starts the main content (ACT
// 047fe0).
var ContentHeading = &Rule{
	ID:      "content-heading",
	Title:   "A heading starts the main content",
	Doc:     doc("content-heading"),
	HelpURL: actRule("047fe0"),
	ACT:     []string{"047fe0"},
	Impact:  Minor,
	Run:     runContentHeading,
	Extra:   true,
}

func runContentHeading(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	if rd.first == nil || rd.repeated == 0 {
		pass.Passed(rd.root) // nothing comes before the content: nothing to skip
		return nil
	}
	var hidden, banner bool
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Exposed() || n.Role() != "heading" || !n.Rendered() || !hasName(n) {
			continue
		}
		switch {
		case withinRole(n, "navigation", "complementary", "search") || n.Closest("nav", "aside") != nil:
		case !visibleBox(n):
			hidden = true
		case withinRole(n, "banner", "contentinfo"):
			banner = true
		default:
			pass.Passed(rd.root)
			return nil
		}
	}
	switch {
	case banner:
		pass.CantTell(rd.root, "The only headings outside the navigation are in the page header or footer. Check that one of them starts the main content; if not, start the main content with a heading (<h1>).")
	case !rd.substantial():
		pass.CantTell(rd.root, "%s", rd.littleBefore(msg("start the main content with a heading (<h1>), so that screen reader users can jump to it.")))
	case hidden:
		pass.Failed(rd.root, "The headings of the content are hidden from view (only screen readers find them), so sighted keyboard users and people using headings with other tools have no heading at the start of the main content. Make the heading that starts the main content visible.")
	default:
		pass.Failed(rd.root, "No heading starts the main content: the page's headings are all in its navigation or sidebars, or it has none. Screen reader users jump from heading to heading to skip the navigation. Start the main content with a heading (<h1>) that says what the page is about.")
	}
	return nil
}
