package checks

// DialogFocus checks that keyboard focus moves into a dialog when it
// opens, and stays in it while it is modal (WCAG 2.4.3). It reads what
// the activation probe saw when a click opened a dialog, and it pressed
// Tab in it (Page.Activate).
var DialogFocus = &Rule{
	ID:      "dialog-focus",
	Title:   "Focus moves into a dialog that opens, and stays in it while it is modal",
	Doc:     doc("dialog-focus"),
	HelpURL: understanding("2.4.3"),
	WCAG:    []string{"2.4.3"},
	Impact:  Serious,
	Probes:  []Probe{ProbeActivate},
	Run:     runDialogFocus,
}

// runDialogFocus applies to the dialogs (role dialog or alertdialog, or
// <dialog>) that a click opened. It passes when focus moved into the
// dialog, and Tab, pressed in a modal one, kept it there. Focus left
// behind, or Tab leaving a modal dialog, is for a person to judge: WCAG
// asks for a meaningful order, which a dialog that announces itself
// otherwise may still give.
func runDialogFocus(pass *Pass) error {
	p := pass.Page
	if p.Activate == nil {
		return nil
	}
	for _, d := range p.Activate.Dialogs {
		n := actNode(p, d.Dialog)
		opener := actNode(p, d.Opener)
		if n == nil {
			n = opener
		}
		if n == nil {
			continue
		}
		by := msg("a click")
		if opener != nil {
			by = msg("a click on %s", opener.Snippet())
		}
		switch {
		case !d.FocusIn:
			where := msg("stays where it was")
			if f := actNode(p, d.Focus); f != nil && f == opener {
				where = msg("stays on the control that opened it")
			} else if f != nil {
				where = msg("stays on %s", f.Snippet())
			}
			pass.CantTell(n, "When %s opens this dialog, keyboard focus %s instead of moving into it. Keyboard and screen reader users may not notice the dialog, or must find their way to it. Check it with the keyboard; move focus into the dialog when it opens (its first control, or its heading with tabindex=\"-1\"), and back to the control that opened it when it closes.", by, where)
		case d.Modal && d.Left:
			to := msg("out of the dialog")
			if f := actNode(p, d.LeftTo); f != nil {
				to = msg("to %s, behind the dialog", f.Snippet())
			}
			pass.CantTell(n, "This dialog is modal, but pressing Tab in it moved keyboard focus %s. Keyboard users then work on content the dialog covers, out of order. Check it with the keyboard; keep focus in the dialog while it is open (a <dialog> opened with showModal() does, or make the rest of the page inert).", to)
		default:
			pass.Passed(n)
		}
	}
	return nil
}
