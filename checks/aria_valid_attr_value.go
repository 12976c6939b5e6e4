package checks

import "strings"

// ARIAValidAttrValue checks that every ARIA state and property has a value
// of its type (ACT 6a7281).
var ARIAValidAttrValue = &Rule{
	ID:      "aria-valid-attr-value",
	Title:   "ARIA attributes have valid values",
	Doc:     doc("aria-valid-attr-value"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"6a7281"},
	Impact:  Serious,
	Run:     runARIAValidAttrValue,
}

// ACT 6a7281 applies to every ARIA state or property with a non-empty
// value on an HTML or SVG element. References to ids need not point to an
// element.
func runARIAValidAttrValue(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" && n.Namespace != "svg" {
			continue
		}
		for _, a := range n.Attrs {
			name := strings.ToLower(a.Name)
			info, ok := ariaAttrs[name]
			if !ok || strings.TrimSpace(a.Value) == "" {
				continue
			}
			if validARIAValue(info, a.Value) {
				pass.Passed(n)
				continue
			}
			pass.Failed(n, "%s=%s is not a valid value, so browsers ignore it or use a default that may be wrong. %s takes %s; change the value to one of these.",
				name, quoteShort(a.Value), name, describeValues(info))
		}
	}
	return nil
}
