package checks

import (
	"strings"
	"unicode"
)

// LabelUnique asks about form fields that have the same label as another
// field of the same form, with nothing in the code to tell them apart:
// two "Phone number" fields, one the applicant's and one the guardian's.
// The page may tell them apart in a way saavu cannot see, so the rule
// asks a person and never fails a field.
var LabelUnique = &Rule{
	ID:      "label-unique",
	Title:   "Form fields with the same label can be told apart",
	Doc:     doc("label-unique"),
	HelpURL: understanding("2.4.6"),
	WCAG:    []string{"2.4.6", "1.3.1"},
	Impact:  Moderate,
	Run:     runLabelUnique,
}

// labelledFieldRoles are the fields whose label must say what to enter or
// choose. Radio buttons and checkboxes are left out: their labels are
// options ("Yes", "No"), which form-group-name asks about.
var labelledFieldRoles = map[string]bool{
	"combobox": true, "listbox": true, "searchbox": true, "slider": true, "spinbutton": true,
	"textbox": true, "Date": true, "DateTime": true, "InputTime": true, "ColorWell": true,
	"TextFieldWithComboBox": true,
}

// runLabelUnique applies to the rendered form fields in the accessibility
// tree that have a name. Fields of one form (or of the page, outside
// forms) whose names are the same, once case, white space and a trailing
// "*" or ":" are left out, and whose nearest named group (fieldset
// legend, role="group") and description are the same too, get cantTell;
// the others pass.
func runLabelUnique(pass *Pass) error {
	type key struct {
		form  *Node
		name  string
		group string
		desc  string
	}
	var fields []*Node
	keys := map[*Node]key{}
	count := map[key]int{}
	for _, n := range allElements(pass.Page) {
		if !n.Exposed() || !labelledFieldRoles[n.Role()] || ariaHidden(n) || !n.Rendered() || !hasName(n) {
			continue
		}
		if n.Is("input") && isInputType(n, "hidden") {
			continue
		}
		k := key{formOwner(n), labelKey(n.AccessibleName()), "", strings.ToLower(collapse(n.AX.Description))}
		if g := enclosingGroup(n); g != nil {
			k.group = strings.ToLower(collapse(g.AccessibleName()))
		}
		fields = append(fields, n)
		keys[n] = k
		count[k]++
	}
	for _, n := range fields {
		k := keys[n]
		if count[k] < 2 {
			pass.Passed(n)
			continue
		}
		pass.CantTell(n, "%d fields in this form have the same label, %s, and nothing in the code tells them apart (no group name or description differs). Screen reader users hear the same label on each and cannot tell which is which. Check what each field is for: if they ask for different things (e.g. the applicant's and the guardian's phone number), say it in the labels, or group the fields in a <fieldset> whose <legend> tells whose they are.", count[k], quoteShort(n.AccessibleName()))
	}
	return nil
}

// labelKey is a field's name for comparison: lower case, white space
// collapsed, a trailing "*" or ":" (required mark, colon) left out.
func labelKey(name string) string {
	s := strings.ToLower(collapse(name))
	return strings.TrimRightFunc(s, func(r rune) bool { return r == '*' || r == ':' || unicode.IsSpace(r) })
}

// enclosingGroup returns the nearest ancestor exposed as a named group or
// radiogroup (a fieldset with a legend), or nil.
func enclosingGroup(n *Node) *Node {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Exposed() && (e.Role() == "group" || e.Role() == "radiogroup") && hasName(e) {
			return e
		}
	}
	return nil
}
