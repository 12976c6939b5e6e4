package checks

import (
	"slices"
)

// ARIARequiredParent checks that an element whose role only makes sense
// inside a container (a list item, a tab, a menu item, a table cell) is
// owned by such a container (ACT ff89c9).
var ARIARequiredParent = &Rule{
	ID:      "aria-required-parent",
	Title:   "List items, tabs, menu items and cells are inside the container their role needs",
	Doc:     doc("aria-required-parent"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1", "4.1.2"},
	ACT:     []string{"ff89c9"},
	Impact:  Serious,
	Run:     runARIARequiredParent,
}

// ACT ff89c9 applies to elements in the accessibility tree with an
// explicit role that has required context roles, unless the role is also
// the element's implicit one. The element's parent in the accessibility
// tree (its aria-owns owner, or its nearest ancestor that is not a plain
// wrapper or role none) must have one of those roles.
func runARIARequiredParent(pass *Pass) error {
	tree, els := ariaOwnership(pass.Page)
	for _, e := range els {
		n, role, explicit := e.n, e.role, e.explicit
		context := ariaRoleTable[role].Context
		if !explicit || len(context) == 0 || implicitRole(n) == role {
			continue
		}
		parent := tree.parentOf(n)
		pr := roleNoneHTML
		if parent != nil {
			pr, _ = semanticRole(parent)
		}
		if slices.Contains(context, pr) {
			pass.Passed(n)
			continue
		}
		where := msg("it is not inside any such element")
		if parent != nil && !parent.Is("body", "html") {
			where = msg("its nearest container is %s", describeParent(parent, pr))
		}
		pass.Failed(n, `This element has role="%s", which must be inside an element with role %s, but %s. Screen readers then announce it out of context (for example not as "item 2 of 5"). To fix, put it directly inside %s, or give the elements in between role="none".`,
			role, quoteList(context), where, containerHint(context[0]))
	}
	return nil
}

func describeParent(p *Node, role string) Text {
	if r := firstValidRole(p); r == role {
		return msg(`a <%s role="%s">`, p.Name, r)
	}
	switch role {
	case "generic":
		return msg("a <%s> that screen readers treat as a container of its own", p.Name)
	case roleUnknown, roleNoneHTML:
		return msg("a <%s>", p.Name)
	}
	return msg("a <%s> (role %s)", p.Name, role)
}

func containerHint(role string) Text {
	switch role {
	case "list":
		return msg(`a <ul>, <ol> or an element with role="list"`)
	case "row":
		return msg(`a table row (<tr> or role="row")`)
	case "menu":
		return msg(`an element with role="menu" or "menubar"`)
	case "table", "grid", "treegrid":
		return msg(`a table (<table>, role="table" or role="grid")`)
	}
	return msg(`an element with role="%s"`, role)
}
