package checks

import (
	"slices"
	"strings"
)

// ARIAProhibitedAttr checks that naming and role-description attributes are
// not used on roles that prohibit them, such as elements without a role
// and paragraphs (ACT kb1m8s).
var ARIAProhibitedAttr = &Rule{
	ID:      "aria-prohibited-attr",
	Title:   "ARIA labels are used only on elements that can have a name",
	Doc:     doc("aria-prohibited-attr"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"kb1m8s"},
	Impact:  Serious,
	Run:     runARIAProhibitedAttr,
}

// ACT kb1m8s applies to the global properties aria-label, aria-labelledby,
// aria-braillelabel, aria-roledescription and aria-brailleroledescription
// on elements that are not hidden. They fail on a semantic role that
// prohibits them. When the role is implicit, saavu fails only if the
// browser agrees on the role.
func runARIAProhibitedAttr(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		var attrs []string
		for _, a := range n.Attrs {
			if slices.Contains(prohibitAll, a.Name) && strings.TrimSpace(a.Value) != "" {
				attrs = append(attrs, a.Name)
			}
		}
		if len(attrs) == 0 {
			continue
		}
		role, explicit := semanticRole(n)
		if role == roleUnknown {
			continue
		}
		for _, a := range attrs {
			prohibited := slices.Contains(ariaRoleTable[role].Prohibited, a)
			if prohibited && !explicit && n.AX != nil && validRole(n.AX.Role) &&
				!slices.Contains(ariaRoleTable[n.AX.Role].Prohibited, a) {
				// The browser gives the element a role that may have the
				// attribute (a header inside an article, a custom element…).
				prohibited = false
			}
			if prohibited {
				pass.Failed(n, "%s", prohibitedMessage(n, a, role, explicit))
			} else {
				pass.Passed(n)
			}
		}
	}
	return nil
}

func prohibitedMessage(n *Node, attr, role string, explicit bool) Text {
	naming := attr == "aria-label" || attr == "aria-labelledby" || attr == "aria-braillelabel"
	var what, fix Text
	switch {
	case isPresentationalRole(role):
		what = msg(`role="%s", which tells screen readers to ignore the element`, role)
		fix = msg("remove %s, or remove the role if the element has a meaning", attr)
	case role == "generic":
		what = msg("<%s>, an element without a role, which screen readers do not announce", n.Name)
		if explicit {
			what = msg(`role="generic", which screen readers do not announce`)
		}
		if naming {
			fix = msg("put the text where it is read instead: as visible or visually hidden text, or on a link, button or form field; or give the element a role that can be named, such as region for a section or img for a picture made of text or emoji")
			if c := namedFromContentAncestor(n); c != nil {
				fix = msg("put the %s on the enclosing <%s> itself, or use visually hidden text inside it; browsers may build the name of the <%s> from this label, but other tools and some screen readers do not", attr, c.Name, c.Name)
			}
		} else {
			fix = msg("remove %s, or give the element a meaningful role", attr)
		}
	default:
		what = msg("%s, whose text is read as such", roleNoun(n, role, explicit))
		if naming {
			fix = msg("change the visible text itself, or add visually hidden text next to it, instead of %s", attr)
		} else {
			fix = msg("remove %s", attr)
		}
	}
	if naming {
		return msg("%s is not allowed on %s: many screen readers ignore the name there. To fix, %s.", attr, what, fix)
	}
	return msg("%s is not allowed on %s. To fix, %s.", attr, what, fix)
}

// namedFromContentAncestor returns the link or button around n, whose
// name comes from its content, or nil.
func namedFromContentAncestor(n *Node) *Node {
	for a := n.ParentElement(); a != nil; a = a.ParentElement() {
		switch r, _ := semanticRole(a); r {
		case "link", "button", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "option", "treeitem":
			return a
		case "generic", "none", "presentation", roleNoneHTML, "paragraph", "strong", "emphasis", "code", "subscript", "superscript", "deletion", "insertion", "mark", "time", "term":
			continue
		}
		return nil
	}
	return nil
}
