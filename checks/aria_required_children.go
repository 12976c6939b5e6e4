package checks

import (
	"slices"
)

// ARIARequiredChildren checks that lists, menus, tab lists, tables and
// other containers own only the kinds of items their role allows (ACT
// bc4a75).
var ARIARequiredChildren = &Rule{
	ID:      "aria-required-children",
	Title:   "Lists, menus, tab lists and tables contain only their kind of items",
	Doc:     doc("aria-required-children"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1", "4.1.2"},
	ACT:     []string{"bc4a75"},
	Impact:  Serious,
	Run:     runARIARequiredChildren,
}

// itemNames say what a container and its items are called, and how to
// fix it, for messages.
func itemNames(role string) (container, items, fix Text) {
	switch role {
	case "feed":
		return msg("feed"), msg("articles"), msg(`give each item role="article"`)
	case "grid":
		return msg("grid"), msg("rows"), msg(`put the cells in rows (<tr> or role="row")`)
	case "list":
		return msg("list"), msg("list items"), msg(`put each item in an <li> (or give it role="listitem"); give wrapper elements role="none"`)
	case "listbox":
		return msg("list box"), msg("options"), msg(`give each choice role="option" (groups of choices role="group"); give wrapper elements role="none"`)
	case "menu":
		return msg("menu"), msg("menu items"), msg(`give each item role="menuitem" (or menuitemcheckbox, menuitemradio); give wrapper elements such as <li> role="none"`)
	case "menubar":
		return msg("menu bar"), msg("menu items"), msg(`give each item role="menuitem" (or menuitemcheckbox, menuitemradio); give wrapper elements such as <li> role="none"`)
	case "row":
		return msg("table row"), msg("cells"), msg(`give each cell a cell role (<td>, <th>, role="cell", "gridcell", "columnheader" or "rowheader")`)
	case "rowgroup":
		return msg("group of table rows"), msg("rows"), msg(`put everything in rows (<tr> or role="row")`)
	case "table":
		return msg("table"), msg("rows"), msg(`put the cells in rows (<tr> or role="row")`)
	case "tablist":
		return msg("tab list"), msg("tabs"), msg(`give each tab role="tab"; give wrapper elements such as <li> role="none"`)
	case "tree":
		return msg("tree"), msg("tree items"), msg(`give each item role="treeitem" (nested groups role="group")`)
	case "treegrid":
		return msg("tree grid"), msg("rows"), msg(`put the cells in rows (role="row")`)
	}
	return msg("%s element", role), msg("the items its role allows"), msg("give each item a role its container allows")
}

// ACT bc4a75 applies to elements in the accessibility tree whose semantic
// role restricts what they own, unless they or an ancestor are
// aria-busy. Everything they own must have one of the allowed roles; a
// group they own must in turn own only such items. Wrappers with role
// none or presentation and plain <div>/<span> wrappers pass their content
// through; text owned directly fails.
func runARIARequiredChildren(pass *Pass) error {
	tree, els := ariaOwnership(pass.Page)
	for _, e := range els {
		n, role, explicit := e.n, e.role, e.explicit
		allowed := ariaRoleTable[role].Owned
		if len(allowed) == 0 || ariaBusy(n) {
			continue
		}
		bad := wrongOwned(tree, n, allowed, 0)
		if len(bad) == 0 {
			pass.Passed(n)
			continue
		}
		container, items, fix := itemNames(role)
		var list []Text
		for i, it := range bad {
			if i == 3 {
				list = append(list, msg("%d more", len(bad)-3))
				break
			}
			list = append(list, describeOwned(it))
		}
		what := "<" + n.Name + ">"
		if explicit {
			what = `role="` + role + `"`
		}
		pass.Failed(n, "This %s (%s) contains something other than %s: %s. Screen readers then announce the wrong number of items, or skip some. To fix, %s.",
			container, what, items, list, fix)
	}
	return nil
}

// roledElement is an element in the accessibility tree with its semantic
// role.
type roledElement struct {
	n        *Node
	role     string
	explicit bool // the role comes from the role attribute
}

// ariaOwnership returns what aria-required-children (ACT bc4a75) and
// aria-required-parent (ACT ff89c9) apply to: the elements of an HTML or
// SVG page in the accessibility tree, in document order, with their
// semantic roles, and the page's ARIA tree (who owns what) for judging
// them. Each rule then takes the elements whose role restricts what they
// own, or where they are owned. Other pages give nothing.
func ariaOwnership(p *Page) (*ariaTree, []roledElement) {
	if !ariaHTMLDoc(p) {
		return nil, nil
	}
	var els []roledElement
	for _, n := range allElements(p) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		role, explicit := semanticRole(n)
		els = append(els, roledElement{n, role, explicit})
	}
	return newARIATree(p), els
}

// wrongOwned returns what n owns that is not allowed; groups it owns are
// checked in turn.
func wrongOwned(tree *ariaTree, n *Node, allowed []string, depth int) []ownedItem {
	var bad []ownedItem
	for _, it := range tree.ownedBy(n) {
		switch {
		case it.Text || !slices.Contains(allowed, it.Role):
			bad = append(bad, it)
		case it.Role == "group" && depth < 8:
			bad = append(bad, wrongOwned(tree, it.Node, allowed, depth+1)...)
		}
	}
	return bad
}

// describeOwned names an owned item for a message.
func describeOwned(it ownedItem) Text {
	if it.Text {
		return msg("the text %s", quoteShort(it.Node.Text))
	}
	n := it.Node
	switch it.Role {
	case "generic":
		if blank(n.TextContent()) {
			return msg("an empty <%s>", n.Name)
		}
		return msg("a <%s> without a role", n.Name)
	case roleUnknown, roleNoneHTML:
		return msg("a <%s>", n.Name)
	}
	if r := firstValidRole(n); r == it.Role {
		return msg(`<%s role="%s">`, n.Name, r)
	}
	return msg("<%s> (role %s)", n.Name, it.Role)
}
