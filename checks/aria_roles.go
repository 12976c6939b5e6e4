package checks

import (
	"maps"
	"slices"
	"strings"
)

// ARIARoles checks that a role attribute names at least one valid WAI-ARIA
// role (ACT 674b10).
var ARIARoles = &Rule{
	ID:      "aria-roles",
	Title:   "ARIA roles are valid",
	Doc:     doc("aria-roles"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2", "1.3.1"},
	ACT:     []string{"674b10"},
	Impact:  Serious,
	Run:     runARIARoles,
}

// concreteRoles lists the valid roles, for suggestions.
var concreteRoles = func() []string {
	var out []string
	for _, r := range slices.Sorted(maps.Keys(ariaRoleTable)) {
		if validRole(r) {
			out = append(out, r)
		}
	}
	return out
}()

// abstractRoleFix suggests a concrete role for an abstract one.
var abstractRoleFix = map[string]string{
	"command": "button", "composite": "group", "input": "textbox", "landmark": "region",
	"range": "slider", "roletype": "", "section": "region", "sectionhead": "heading",
	"select": "listbox", "structure": "", "widget": "", "window": "dialog",
}

// ACT 674b10 applies to elements in the accessibility tree whose role
// attribute has at least one token.
func runARIARoles(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" && n.Namespace != "svg" {
			continue
		}
		tokens := roleTokens(n)
		if len(tokens) == 0 || ariaExcluded(n) {
			continue
		}
		if firstValidRole(n) != "" {
			pass.Passed(n)
			continue
		}
		attr := `role="` + strings.TrimSpace(n.AttrOr("role", "")) + `"`
		var hints []Text
		for _, t := range tokens {
			if info, ok := ariaRoleTable[t]; ok && info.Abstract {
				if fix := abstractRoleFix[t]; fix != "" {
					hints = append(hints, msg(`"%s" is an abstract role, which only the specification uses; a concrete role such as "%s" may be what you want`, t, fix))
				} else {
					hints = append(hints, msg(`"%s" is an abstract role, which only the specification uses`, t))
				}
			} else if w := closestWord(t, concreteRoles); w != "" {
				hints = append(hints, msg(`did you mean "%s"?`, w))
			}
		}
		var hint Text
		if len(hints) > 0 {
			hint = msg(" (%s)", hints)
		}
		pass.Failed(n, "%s names no WAI-ARIA role, so screen readers ignore it and the element keeps the meaning of its tag.%s Use a role from the WAI-ARIA specification that matches what the element does (for example button, link, tab or dialog), or remove the role attribute.", attr, hint)
	}
	return nil
}
