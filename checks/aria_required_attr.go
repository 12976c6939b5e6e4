package checks

import (
	"strings"
)

// ARIARequiredAttr checks that an element with an ARIA role has the states
// and properties that role requires (ACT 4e8ab6).
var ARIARequiredAttr = &Rule{
	ID:      "aria-required-attr",
	Title:   "Elements with an ARIA role have the states and properties it requires",
	Doc:     doc("aria-required-attr"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2", "1.3.1"},
	ACT:     []string{"4e8ab6"},
	Impact:  Serious,
	Run:     runARIARequiredAttr,
}

// ACT 4e8ab6 applies to elements in the accessibility tree with an
// explicit role that differs from their implicit one. Each required state
// or property must be set, unless the element's own HTML semantics give it
// (the checked state of a checkbox input with role="switch").
func runARIARequiredAttr(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		role, explicit := semanticRole(n)
		if !explicit || implicitRole(n) == role {
			continue
		}
		required := ariaRoleTable[role].Required
		if role == "separator" {
			if f, _ := htmlFocusable(n); f {
				required = []string{"aria-valuenow"}
			}
		}
		if len(required) == 0 {
			continue
		}
		ok := true
		for _, attr := range required {
			if strings.TrimSpace(n.AttrOr(attr, "")) != "" || nativeState(n, attr) {
				continue
			}
			ok = false
			pass.Failed(n, "%s", missingAttrMessage(role, attr))
		}
		if ok {
			pass.Passed(n)
		}
	}
	return nil
}

// nativeState reports whether the element's HTML semantics provide the
// state or property.
func nativeState(n *Node, attr string) bool {
	if !n.Is("input", "meter", "progress") {
		return false
	}
	t := strings.ToLower(strings.TrimSpace(n.AttrOr("type", "")))
	switch attr {
	case "aria-checked":
		return n.Is("input") && (t == "checkbox" || t == "radio")
	case "aria-valuenow":
		return n.Is("meter", "progress") || (n.Is("input") && (t == "range" || t == "number"))
	}
	return false
}

func missingAttrMessage(role, attr string) Text {
	switch attr {
	case "aria-checked":
		return msg(`This element has role="%s" but no %s, so screen readers cannot tell whether it is checked or on. Add aria-checked="false" (or "true") and change it with the script whenever the state changes.`, role, attr)
	case "aria-level":
		return msg(`This element has role="%s" but no %s, so screen readers cannot tell the level of the heading. Use a real heading element (<h2>…<h6>) instead, or add aria-level with the level, e.g. aria-level="2".`, role, attr)
	case "aria-expanded":
		return msg(`This element has role="%s" but no %s, so screen readers cannot tell whether its list of options is open. Add aria-expanded="false" and set it to "true" while the list is shown.`, role, attr)
	case "aria-valuenow":
		if role == "separator" {
			return msg(`This element has role="%s" but no %s: a separator that can be focused is a splitter the user moves, and screen readers need its position. Add aria-valuenow (with aria-valuemin and aria-valuemax), or remove tabindex if it cannot be moved.`, role, attr)
		}
		return msg(`This element has role="%s" but no %s, so screen readers cannot tell its current value. Add aria-valuenow with the value (and aria-valuemin, aria-valuemax) and keep it up to date, or use a native <input type="range">.`, role, attr)
	case "aria-controls":
		return msg(`This element has role="%s" but no %s, so assistive technology cannot tell what it scrolls. Add aria-controls with the id of the scrolled element.`, role, attr)
	}
	return msg(`This element has role="%s" but no %s, which the role requires. Add it.`, role, attr)
}
