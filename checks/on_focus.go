package checks

import (
	"slices"
	"strings"
)

// OnFocus checks that moving keyboard focus to an element does not change
// the context: go to another page, open a window, send a form, or move
// focus elsewhere (WCAG 3.2.1). It reads what the activation probe saw
// when it focused, one at a time, the elements Tab reaches
// (Page.Activate).
var OnFocus = &Rule{
	ID:      "on-focus",
	Title:   "Focusing an element does not change the context",
	Doc:     doc("on-focus"),
	HelpURL: understanding("3.2.1"),
	WCAG:    []string{"3.2.1"},
	Impact:  Serious,
	Probes:  []Probe{ProbeActivate},
	Run:     runOnFocus,
}

// runOnFocus applies to the elements the probe focused. An element whose
// focus made the page go elsewhere, open a window, send a form or the
// print dialog, or take focus away to nothing, fails: 3.2.1 allows no
// warning. One whose focus moved focus to another element fails too,
// unless both are in the same widget (a tab list, a menu, a dialog…),
// where scripts move focus among the items; when focus went into content
// that focusing showed (a date picker), a person must judge. The page
// passes when none of its elements did any of that.
func runOnFocus(pass *Pass) error {
	p := pass.Page
	if p.Activate == nil {
		for _, n := range allElements(p) {
			if _, seq := htmlFocusable(n); seq {
				pass.CantTell(nil, "saavu could not focus this page's elements one by one. Press Tab through the page and check that focusing an element never opens another page or window, or moves focus elsewhere.")
				return nil
			}
		}
		return nil
	}
	if p.Activate.Focused == 0 {
		return nil
	}
	bad := false
	for _, e := range p.Activate.OnFocus {
		n := actNode(p, e.Node)
		if n == nil {
			continue
		}
		e := e
		did := effectText(p, &e, n)
		switch {
		case e.Context() || e.Blurred:
			bad = true
			pass.Failed(n, "When this element gets keyboard focus, the page %s, before the user did anything with it. Keyboard users cannot even move past it. Do it only when the user activates the element (a click, Enter), not on focus.", did)
		case e.Focus != 0:
			f := actNode(p, e.Focus)
			switch {
			case f != nil && sameWidget(n, f):
				continue
			case f == nil || !f.Rendered():
				bad = true
				pass.CantTell(n, "When this element gets keyboard focus, the page %s, in content that appeared with the focus. Check with the keyboard that this is expected (a date picker or a list of suggestions) and that you can get back and move on with Tab.", did)
			default:
				bad = true
				pass.Failed(n, "When this element gets keyboard focus, the page %s. Keyboard users cannot stay on this element or use it, and may skip content. Do not move focus when an element gets it; move it only when the user activates something.", did)
			}
		}
	}
	if !bad {
		pass.Passed(nil)
	}
	return nil
}

// sameWidget reports whether n and f are in the same composite widget or
// dialog.
func sameWidget(n, f *Node) bool {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		role := strings.Fields(strings.ToLower(e.AttrOr("role", "")))
		if e.Is("dialog") || len(role) > 0 && (role[0] == "dialog" || role[0] == "alertdialog" || slices.Contains(compositeRoles, role[0])) {
			return actWithin(e, f)
		}
	}
	return false
}
