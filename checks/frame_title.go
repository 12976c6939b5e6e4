package checks

// FrameTitle checks that iframes have an accessible name (ACT cae760).
var FrameTitle = &Rule{
	ID:      "frame-title",
	Title:   "Frames have a title",
	Doc:     doc("frame-title"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"cae760"},
	Impact:  Serious,
	Run:     runFrameTitle,
}

// ACT cae760 applies to iframe elements in the accessibility tree, except
// those with a negative tabindex or marked as decorative (role none or
// presentation).
func runFrameTitle(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("iframe") || !n.Exposed() || programmaticallyHidden(n) || presentational(n) {
			continue
		}
		if ti, ok := tabIndex(n); ok && ti < 0 {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		why := msg("it has no title attribute")
		if r := labelProblems(n); len(r) > 0 {
			why = andText(r)
		}
		if n.HasAttr("name") {
			why = msg("%s (the name attribute is not read out)", why)
		}
		pass.Failed(n, "This frame has no title, so screen reader users hear only \"frame\" and cannot tell what it contains: %s. Add a title that says what is in the frame, e.g. title=\"Map: Town hall location\" or title=\"Video: Budget 2025 explained\".", why)
	}
	return nil
}
