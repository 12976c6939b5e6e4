package checks

// MenuitemName checks that menu items have an accessible name (ACT m6b1q3).
var MenuitemName = &Rule{
	ID:      "menuitem-name",
	Title:   "Menu items have a name",
	Doc:     doc("menuitem-name"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"m6b1q3"},
	Impact:  Serious,
	Run:     runMenuitemName,
}

func runMenuitemName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" || !n.Exposed() || n.Role() != "menuitem" || ariaHidden(n) {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		why, _, kind := emptyNameWhy(n, true)
		pass.Failed(n, "This menu item has no text that a screen reader can announce: %s. %s", why, contentFix(kind, "menu item"))
	}
	return nil
}
