package checks

import (
	"fmt"
	"slices"
	"strings"
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
var itemNames = map[string][3]string{ // role: {container, items, fix}
	"feed":     {"feed", "articles", `give each item role="article"`},
	"grid":     {"grid", "rows", `put the cells in rows (<tr> or role="row")`},
	"list":     {"list", "list items", `put each item in an <li> (or give it role="listitem"); give wrapper elements role="none"`},
	"listbox":  {"list box", "options", `give each choice role="option" (groups of choices role="group"); give wrapper elements role="none"`},
	"menu":     {"menu", "menu items", `give each item role="menuitem" (or menuitemcheckbox, menuitemradio); give wrapper elements such as <li> role="none"`},
	"menubar":  {"menu bar", "menu items", `give each item role="menuitem" (or menuitemcheckbox, menuitemradio); give wrapper elements such as <li> role="none"`},
	"row":      {"table row", "cells", `give each cell a cell role (<td>, <th>, role="cell", "gridcell", "columnheader" or "rowheader")`},
	"rowgroup": {"group of table rows", "rows", `put everything in rows (<tr> or role="row")`},
	"table":    {"table", "rows", `put the cells in rows (<tr> or role="row")`},
	"tablist":  {"tab list", "tabs", `give each tab role="tab"; give wrapper elements such as <li> role="none"`},
	"tree":     {"tree", "tree items", `give each item role="treeitem" (nested groups role="group")`},
	"treegrid": {"tree grid", "rows", `put the cells in rows (role="row")`},
}

// ACT bc4a75 applies to elements in the accessibility tree whose semantic
// role restricts what they own, unless they or an ancestor are
// aria-busy. Everything they own must have one of the allowed roles; a
// group they own must in turn own only such items. Wrappers with role
// none or presentation and plain <div>/<span> wrappers pass their content
// through; text owned directly fails.
func runARIARequiredChildren(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	tree := newARIATree(pass.Page)
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || ariaExcluded(n) {
			continue
		}
		role, explicit := semanticRole(n)
		allowed := ariaRoleTable[role].Owned
		if len(allowed) == 0 || ariaBusy(n) {
			continue
		}
		bad := wrongOwned(tree, n, allowed, 0)
		if len(bad) == 0 {
			pass.Passed(n)
			continue
		}
		names := itemNames[role]
		var list []string
		for i, it := range bad {
			if i == 3 {
				list = append(list, fmt.Sprintf("and %d more", len(bad)-3))
				break
			}
			list = append(list, describeOwned(it))
		}
		what := "<" + n.Name + ">"
		if explicit {
			what = `role="` + role + `"`
		}
		pass.Failed(n, "This %s (%s) contains something other than %s: %s. Screen readers then announce the wrong number of items, or skip some. To fix, %s.",
			names[0], what, names[1], strings.Join(list, "; "), names[2])
	}
	return nil
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
func describeOwned(it ownedItem) string {
	if it.Text {
		return "the text " + quoteShort(it.Node.Text)
	}
	n := it.Node
	switch it.Role {
	case "generic":
		if blank(n.TextContent()) {
			return "an empty <" + n.Name + ">"
		}
		return "a <" + n.Name + "> without a role"
	case roleUnknown, roleNoneHTML:
		return "a <" + n.Name + ">"
	}
	if r := firstValidRole(n); r == it.Role {
		return fmt.Sprintf(`<%s role="%s">`, n.Name, r)
	}
	return fmt.Sprintf("<%s> (role %s)", n.Name, it.Role)
}
