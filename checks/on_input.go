package checks

// OnInput checks that changing a form field (a select menu, a radio
// button, a checkbox) does not change the context without warning (WCAG
// 3.2.2). It reads what the activation probe saw when it changed them as
// the keyboard would (Page.Activate).
var OnInput = &Rule{
	ID:      "on-input",
	Title:   "Changing a setting does not change the context unexpectedly",
	Doc:     doc("on-input"),
	HelpURL: understanding("3.2.2"),
	WCAG:    []string{"3.2.2"},
	Impact:  Moderate,
	Probes:  []Probe{ProbeActivate},
	Run:     runOnInput,
}

// runOnInput applies to the select menus, radio buttons and checkboxes
// the probe changed. One whose change went to another page, opened a
// window, sent a form, or moved focus elsewhere, needs a person: 3.2.2
// allows it when users are told beforehand (a text before the field), and
// whether the text says so is for a person to read. The others pass.
func runOnInput(pass *Pass) error {
	p := pass.Page
	if p.Activate == nil {
		if len(p.Find("select, input[type=radio], input[type=checkbox]")) > 0 {
			pass.CantTell(nil, "saavu could not change this page's select menus, radio buttons and checkboxes. Check by hand that changing one does not open another page, a window or send a form, unless the page says so beforehand.")
		}
		return nil
	}
	for _, c := range p.Activate.Changes {
		n := actNode(p, c.Node)
		if n == nil {
			continue
		}
		e := c.Effect
		if e == nil || !(e.Context() || e.Focus != 0 || e.Blurred) {
			pass.Passed(n)
			continue
		}
		what := msg("Changing this field")
		switch {
		case n.Is("select"):
			what = msg("Choosing another option in this menu")
		case n.Is("input") && n.AttrOr("type", "") == "radio":
			what = msg("Choosing this radio button")
		case n.Is("input"):
			what = msg("Ticking or clearing this checkbox")
		}
		pass.CantTell(n, "%s %s at once, with no button to press. That is a change of context that surprises users, above all screen reader users and keyboard users, who go through the options one by one with the arrow keys. It is allowed only when the page tells users beforehand, in text before the field. Check that it does; better, add a button (\"Go\", \"Apply\") that does it.", what, effectText(p, e, n))
	}
	return nil
}
