package checks

import (
	"maps"
	"slices"
	"strings"
)

// ARIAValidAttr checks that every aria-* attribute is one WAI-ARIA defines
// (ACT 5f99a7).
var ARIAValidAttr = &Rule{
	ID:      "aria-valid-attr",
	Title:   "ARIA attributes are spelled correctly",
	Doc:     doc("aria-valid-attr"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"5f99a7"},
	Impact:  Serious,
	Run:     runARIAValidAttr,
}

var ariaAttrNames = slices.Sorted(maps.Keys(ariaAttrs))

// ACT 5f99a7 applies to every attribute whose name starts with aria- on an
// HTML or SVG element, hidden or not.
func runARIAValidAttr(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" && n.Namespace != "svg" {
			continue
		}
		for _, a := range n.Attrs {
			name := strings.ToLower(a.Name)
			if !strings.HasPrefix(name, "aria-") {
				continue
			}
			if _, ok := ariaAttrs[name]; ok {
				pass.Passed(n)
				continue
			}
			var hint Text
			if name == "aria-role" {
				hint = msg(" The role goes in the role attribute, without the aria- prefix: role=\"%s\".", strings.TrimSpace(a.Value))
			} else if w := closestWord(name, ariaAttrNames); w != "" {
				hint = msg(" Did you mean %s?", w)
			}
			pass.Failed(n, "%s is not an ARIA attribute, so browsers and screen readers ignore it.%s Correct the name, or remove the attribute.", name, hint)
		}
	}
	return nil
}
