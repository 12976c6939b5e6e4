package checks

import (
	"strings"
)

// ARIAAllowedAttr checks that each ARIA state or property is one the
// element's role supports (ACT 5c01ea).
var ARIAAllowedAttr = &Rule{
	ID:      "aria-allowed-attr",
	Title:   "ARIA attributes are used only on roles that support them",
	Doc:     doc("aria-allowed-attr"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"5c01ea"},
	Impact:  Serious,
	Run:     runARIAAllowedAttr,
}

// attrRoleExamples names roles that support an attribute, for messages.
var attrRoleExamples = map[string]string{
	"aria-activedescendant": "combobox, listbox or grid",
	"aria-autocomplete":     "combobox or textbox",
	"aria-checked":          "checkbox, switch or radio",
	"aria-colcount":         "table or grid",
	"aria-colindex":         "cell or row",
	"aria-colspan":          "cell",
	"aria-expanded":         "button, link or combobox",
	"aria-level":            "heading or treeitem",
	"aria-modal":            "dialog",
	"aria-multiline":        "textbox",
	"aria-multiselectable":  "listbox, grid or tablist",
	"aria-orientation":      "slider, toolbar, tablist or separator",
	"aria-placeholder":      "textbox",
	"aria-posinset":         "listitem, option, tab or treeitem",
	"aria-pressed":          "button",
	"aria-readonly":         "textbox, checkbox or grid",
	"aria-required":         "textbox, combobox or checkbox",
	"aria-rowcount":         "table or grid",
	"aria-rowindex":         "cell or row",
	"aria-rowspan":          "cell",
	"aria-selected":         "option, tab or gridcell",
	"aria-setsize":          "listitem, option, tab or treeitem",
	"aria-sort":             "columnheader or rowheader",
	"aria-valuemax":         "slider, progressbar or spinbutton",
	"aria-valuemin":         "slider, progressbar or spinbutton",
	"aria-valuenow":         "slider, progressbar or spinbutton",
	"aria-valuetext":        "slider, progressbar or spinbutton",
}

// ACT 5c01ea applies to every ARIA state or property on an element in the
// accessibility tree. Global ones are allowed everywhere (aria-prohibited-
// attr covers the roles that prohibit some of them); the others must be
// supported by the element's semantic role, or, on HTML elements without
// a role (audio, video, label…), are not allowed.
func runARIAAllowedAttr(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		role, explicit := semanticRole(n)
		for _, a := range n.Attrs {
			name := strings.ToLower(a.Name)
			info, ok := ariaAttrs[name]
			if !ok {
				continue
			}
			switch {
			case info.Global:
				pass.Passed(n)
			case role == roleUnknown:
				// saavu cannot tell the element's role: no verdict.
			case role != roleNoneHTML && roleSupports(role, name):
				pass.Passed(n)
			default:
				pass.Failed(n, "%s", notAllowedMessage(n, name, role, explicit))
			}
		}
	}
	return nil
}

func notAllowedMessage(n *Node, attr, role string, explicit bool) Text {
	what := roleNoun(n, role, explicit)
	fix := msg("remove it")
	if ex := attrRoleExamples[attr]; ex != "" {
		fix = msg("remove it, or give the element a role that supports it, such as %s", ex)
	}
	why := msg("screen readers ignore it there")
	switch {
	case role == roleNoneHTML:
		why = msg("this element has no ARIA role, so only global ARIA attributes apply to it")
	case role == "generic":
		what = msg("<%s> (an element without a role)", n.Name)
	case isPresentationalRole(role):
		why = msg("the role tells screen readers to ignore the element")
	}
	return msg("%s is not allowed on %s: %s. To fix, %s.", attr, what, why, fix)
}
