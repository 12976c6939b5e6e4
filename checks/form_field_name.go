package checks

// FormFieldName checks that form fields have an accessible name, normally
// from a <label> (ACT e086e5).
var FormFieldName = &Rule{
	ID:      "form-field-name",
	Title:   "Form fields have a label",
	Doc:     doc("form-field-name"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2", "1.3.1", "3.3.2"},
	ACT:     []string{"e086e5"},
	Impact:  Critical,
	Run:     runFormFieldName,
}

// formFieldRoles are the roles of ACT e086e5 and the roles Chrome gives
// to date, time and colour inputs, which have no ARIA role of their own.
var formFieldRoles = map[string]bool{
	"checkbox": true, "combobox": true, "listbox": true, "menuitemcheckbox": true, "menuitemradio": true,
	"radio": true, "searchbox": true, "slider": true, "spinbutton": true, "switch": true, "textbox": true,
	"Date": true, "DateTime": true, "InputTime": true, "ColorWell": true, "TextFieldWithComboBox": true,
}

func runFormFieldName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Exposed() || !formFieldRoles[n.Role()] || ariaHidden(n) {
			continue
		}
		if hasName(n) {
			switch n.AX.NameFrom {
			case "placeholder", "aria-placeholder":
				pass.CantTell(n, "This field is named only by its placeholder text %s, which disappears when someone starts typing. Check that a visible label stays next to the field (a <label>, or a button such as \"Search\" right after it); if not, add a <label>.", quoteShort(n.AX.Name))
				continue
			case "title":
				pass.CantTell(n, "This field is named only by its title attribute %s, which shows as a tooltip only when a mouse points at the field. Check that a visible label stays next to the field (a <label>, or a button such as \"Search\" right after it); if not, add a <label>.", quoteShort(n.AX.Name))
				continue
			}
			pass.Passed(n)
			continue
		}
		pass.Failed(n, "%s", formFieldMessage(n))
	}
	return nil
}

func formFieldMessage(n *Node) Text {
	native := n.Is("input", "select", "textarea")
	var why Text
	if r := labelProblems(n); len(r) > 0 {
		why = andText(r)
	}
	fix := msg("Connect a visible label to it: give the field an id and write <label for=\"that-id\">…</label>, or put the field inside the <label>.")
	if n.Is("input") && (isInputType(n, "radio") || isInputType(n, "checkbox")) {
		fix = msg("Give each option its own label: put the input and its text inside one <label>, e.g. <label><input type=\"radio\" …> Resident</label>.")
	}
	if why.Key == "" {
		switch {
		case !native:
			why = msg("it has no aria-label or aria-labelledby")
		case n.Shadow != "" && lightLabelFor(n):
			why = msg("a <label for=\"%s\"> is on the page, but the field is inside a component's shadow tree, which a label outside cannot reach", n.AttrOr("id", ""))
			fix = msg("Put the label inside the same shadow tree as the field, or give the field an aria-label.")
		case n.Closest("label") == nil && hasDisconnectedLabel(n):
			why = msg("there is a <label> near it, but it is not connected to the field (its for attribute does not match the field's id)")
		default:
			why = msg("no <label> is connected to it")
		}
	}
	if !native {
		fix = msg("This is a custom control (role=%q), which a <label> cannot name: add aria-labelledby pointing to the visible label's id, or aria-label.", n.Role())
	}
	switch {
	case n.Is("select"):
		return msg("This drop-down list has no name that a screen reader can announce: %s. %s", why, fix)
	case n.Is("textarea"):
		return msg("This text area has no name that a screen reader can announce: %s. %s", why, fix)
	case n.Is("input"):
		switch t := n.AttrOr("type", "text"); {
		case equalFoldTrim(t, "checkbox"):
			return msg("This checkbox has no name that a screen reader can announce: %s. %s", why, fix)
		case equalFoldTrim(t, "radio"):
			return msg("This radio button has no name that a screen reader can announce: %s. %s", why, fix)
		}
		return msg("This input field has no name that a screen reader can announce: %s. %s", why, fix)
	}
	return msg("This form field has no name that a screen reader can announce: %s. %s", why, fix)
}

// hasDisconnectedLabel reports whether a label element sits beside the
// field (same parent) without being connected to it.
func hasDisconnectedLabel(n *Node) bool {
	p := n.ParentElement()
	if p == nil {
		return false
	}
	id := n.AttrOr("id", "")
	for _, c := range p.ChildNodes() {
		if c.Is("label") && (id == "" || c.AttrOr("for", "") != id) && !blank(c.TextContent()) {
			return true
		}
	}
	return false
}

// lightLabelFor reports whether the page's light DOM has a label whose for
// attribute names the id of n, a field in a shadow tree it cannot reach.
func lightLabelFor(n *Node) bool {
	id := n.AttrOr("id", "")
	if id == "" {
		return false
	}
	for _, e := range n.Page().Elements() {
		if e.Is("label") && e.Shadow == "" && e.Frame == n.Frame && e.AttrOr("for", "") == id {
			return true
		}
	}
	return false
}
