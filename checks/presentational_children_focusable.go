package checks

// PresentationalChildrenFocusable checks that an element whose children
// are presentational (a button, checkbox, tab, image…) contains nothing
// focusable (ACT 307n5z).
var PresentationalChildrenFocusable = &Rule{
	ID:      "presentational-children-focusable",
	Title:   "Buttons, tabs, checkboxes and images do not contain focusable elements",
	Doc:     doc("presentational-children-focusable"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"307n5z"},
	Impact:  Serious,
	Run:     runPresentationalChildrenFocusable,
}

// ACT 307n5z applies to elements in the accessibility tree whose semantic
// role has presentational children. None of their descendants may be
// focusable: assistive technology does not see the content of such an
// element, so a link or control inside it is announced without a name or
// role.
func runPresentationalChildrenFocusable(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		role, explicit := semanticRole(n)
		if !ariaRoleTable[role].Presentational {
			continue
		}
		failed, review := false, false
		var first *Node
		for _, d := range n.Descendants() {
			focusable, seq := htmlFocusable(d)
			if !focusable {
				continue
			}
			if seq {
				if !failed {
					first = d
				}
				failed = true
			} else if first == nil {
				first = d
				review = true
			}
		}
		what := roleLabel(role)
		if explicit {
			what = msg(`%s (role="%s")`, what, role)
		}
		switch {
		case failed:
			pass.Failed(n, "This %s contains %s, which takes keyboard focus. Screen readers treat everything inside such an element (%s) as plain text, so the inner element is announced without its name or role. To fix, move the inner element out of it (place the two side by side), or take it out of the tab order.",
				what, describeFocusable(first), roleLabel(role))
		case review:
			pass.CantTell(n, "This %s contains %s, which has tabindex=\"-1\": the Tab key does not reach it, but a script or a click can focus it, and screen readers would then announce it without its name or role. Check that it never receives focus, or move it out of this %s.",
				what, describeFocusable(first), roleLabel(role))
		default:
			pass.Passed(n)
		}
	}
	return nil
}

func describeFocusable(d *Node) Text {
	switch {
	case d.Is("a"):
		return msg("a link (%s)", d.Selector())
	case d.Is("button"):
		return msg("a button (%s)", d.Selector())
	case d.Is("input", "select", "textarea"):
		return msg("a form field (%s)", d.Selector())
	}
	return msg("a focusable <%s> (%s)", d.Name, d.Selector())
}
