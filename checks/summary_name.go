package checks

// SummaryName checks that the summary of a details element has an
// accessible name (ACT 2t702h).
var SummaryName = &Rule{
	ID:      "summary-name",
	Title:   "Expandable sections have a name",
	Doc:     doc("summary-name"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"2t702h"},
	Impact:  Serious,
	Run:     runSummaryName,
}

// ACT 2t702h applies to summary elements in the accessibility tree that
// are the summary of their parent details element and have no explicit
// role (or one ignored because the summary is focusable).
func runSummaryName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("summary") || !n.Exposed() || ariaHidden(n) || !isDetailsSummary(n) {
			continue
		}
		if r := firstValidRole(n); r != "" && !(presentational(n) && n.Focusable()) {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		why, _, kind := emptyNameWhy(n, true)
		fix := contentFix(kind, "<summary>")
		if kind == contentEmpty {
			fix = msg("Write in the <summary> what the section contains, e.g. <summary>Opening hours</summary>.")
		}
		pass.Failed(n, "This expandable section's heading (<summary>) has no text that a screen reader can announce: %s. %s", why, fix)
	}
	return nil
}

// isDetailsSummary reports whether n is the first summary child of a
// details element: the one that opens and closes it.
func isDetailsSummary(n *Node) bool {
	p := n.ParentNode()
	if p == nil || !p.Is("details") {
		return false
	}
	for _, c := range p.ChildNodes() {
		if c.Is("summary") {
			return c == n
		}
	}
	return false
}
