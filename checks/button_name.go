package checks

// ButtonName checks that buttons have an accessible name (ACT 97a4e1).
var ButtonName = &Rule{
	ID:      "button-name",
	Title:   "Buttons have a name",
	Doc:     doc("button-name"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"97a4e1"},
	Impact:  Critical,
	Run:     runButtonName,
}

// buttonRoles are the roles Chrome reports for a semantic button: toggle
// and pop-up buttons are buttons in ARIA.
var buttonRoles = map[string]bool{"button": true, "ToggleButton": true, "PopUpButton": true}

// ACT 97a4e1 applies to elements in the accessibility tree whose semantic
// role is button, except input type=image (image-button-name).
func runButtonName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Exposed() || !buttonRoles[n.Role()] || ariaHidden(n) {
			continue
		}
		if n.Is("input") && isInputType(n, "image") {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		if n.Is("input") {
			why := andText(append([]Text{msg("its value is empty")}, labelProblems(n)...))
			pass.Failed(n, "This button has no text that a screen reader can announce: %s. Give it a value that says what the button does, e.g. value=\"Send\".", why)
			continue
		}
		why, _, kind := emptyNameWhy(n, true)
		if n.Is("button") && n.HasAttr("value") && kind == contentEmpty {
			why = msg("%s (the value attribute of a <button> is not shown or read out)", why)
		}
		pass.Failed(n, "This button has no text that a screen reader can announce: %s. %s", why, contentFix(kind, "button"))
	}
	return nil
}
