package checks

// ContentLandmark checks that the main content is in a landmark, such as
// <main> (ACT b40fd1).
var ContentLandmark = &Rule{
	ID:      "content-landmark",
	Title:   "The main content is in a main landmark",
	Doc:     doc("content-landmark"),
	HelpURL: actRule("b40fd1"),
	ACT:     []string{"b40fd1"},
	Impact:  Minor,
	Run:     runContentLandmark,
	Extra:   true,
}

func runContentLandmark(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	if rd.first == nil || rd.repeated == 0 {
		pass.Passed(rd.root) // nothing comes before the content: nothing to skip
		return nil
	}
	other := false
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Exposed() || !n.Rendered() {
			continue
		}
		switch n.Role() {
		case "main":
			pass.Passed(rd.root)
			return nil
		case "region", "form":
			other = true
		}
	}
	for e := rd.first.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Exposed() && (e.Role() == "region" || e.Role() == "form") {
			pass.Passed(rd.root) // the content starts in a named region
			return nil
		}
	}
	switch {
	case other:
		pass.CantTell(rd.root, "The page has no main landmark, but it has other landmarks (regions or forms). Check that the main content is in one of them; better, wrap the main content in <main>.")
	case !rd.substantial():
		pass.CantTell(rd.root, "%s", rd.littleBefore(msg("wrap the main content in <main>, so that screen reader users can jump to it.")))
	default:
		pass.Failed(rd.root, "The main content is not in a main landmark, so screen reader users cannot jump past the navigation to it. Wrap the main content in <main> (only one per page, and not hidden with aria-hidden).")
	}
	return nil
}
