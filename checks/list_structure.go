package checks

import (
	"strings"
)

// ListStructure checks that lists are marked up as lists: ul and ol
// hold list items, list items sit in a list, and description lists hold
// terms and descriptions (WCAG 1.3.1). Screen readers announce a list
// and how many items it has, and let people skip it, only when the
// structure is right.
var ListStructure = &Rule{
	ID:      "list-structure",
	Title:   "Lists contain only list items, and list items are in lists",
	Doc:     doc("list-structure"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1"},
	Impact:  Serious,
	Run:     runListStructure,
}

// runListStructure tests the HTML list elements that keep their own
// semantics (no role attribute, or the role they have anyway), when they
// are rendered and not aria-hidden: ul, ol and menu must have only li
// children (script and template aside, and elements that are hidden);
// dl only dt and dd, or div elements holding only dt and dd; li must be
// a child of ul, ol or menu (or an element with role list), and dt and
// dd of a dl (or of a div in a dl). Lists with another role, and the
// items in them, are left to the ARIA rules (aria-required-children,
// aria-required-parent).
func runListStructure(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" || programmaticallyHidden(n) {
			continue
		}
		switch {
		case n.Is("ul", "ol", "menu") && ownRole(n, "list"):
			if bad := strayChildren(n, func(c *Node) bool { return c.Is("li") && ownRole(c, "listitem") || roleIs(c, "listitem") }); len(bad) > 0 {
				pass.Failed(n, "This %s list holds %s directly, so screen readers announce a broken list or no list at all. Put everything in the list inside <li> elements (a heading or note above the list goes before the <%s>).", n.Name, bad, n.Name)
			} else {
				pass.Passed(n)
			}
		case n.Is("dl") && ownRole(n, ""):
			ok := func(c *Node) bool {
				if c.Is("dt", "dd") && ownRole(c, "") {
					return true
				}
				return c.Is("div") && ownRole(c, "") && len(strayChildren(c, func(g *Node) bool { return g.Is("dt", "dd") })) == 0
			}
			if bad := strayChildren(n, ok); len(bad) > 0 {
				pass.Failed(n, "This description list (<dl>) holds %s directly, so screen readers cannot pair its terms with their descriptions. Put terms in <dt> and descriptions in <dd> (a <div> may group one term with its descriptions).", bad)
			} else {
				pass.Passed(n)
			}
		case n.Is("li") && ownRole(n, "listitem"):
			par := n.ParentElement()
			if par != nil && (par.Is("ul", "ol", "menu") || roleIs(par, "list")) {
				pass.Passed(n)
				continue
			}
			pass.Failed(n, "This list item (<li>) is not inside a list (<ul> or <ol>)%s, so screen readers do not announce it as part of a list. Put the items in a <ul> or <ol>, or use another element if it is not a list.", parentDesc(par))
		case n.Is("dt", "dd") && ownRole(n, ""):
			par := n.ParentElement()
			if par != nil && (par.Is("dl") || par.Is("div") && par.ParentElement() != nil && par.ParentElement().Is("dl")) {
				pass.Passed(n)
				continue
			}
			pass.Failed(n, "This <%s> is not inside a description list (<dl>)%s, so screen readers do not pair it with its term or description. Put the terms and descriptions in a <dl>.", n.Name, parentDesc(par))
		}
	}
	return nil
}

// ownRole reports whether the element has no role attribute, or its
// first valid role is the one given (its implicit role, written out).
func ownRole(n *Node, implicit string) bool {
	if !n.HasAttr("role") {
		return true
	}
	r := firstValidRole(n)
	return r == "" || (implicit != "" && r == implicit)
}

// roleIs reports whether the element's explicit role is r.
func roleIs(n *Node, r string) bool { return firstValidRole(n) == r }

// strayChildren describes the children of n that are not allowed there:
// elements for which ok is false (script, template and hidden ones
// aside) and text that is not white space.
func strayChildren(n *Node, ok func(*Node) bool) []Text {
	var out []Text
	seen := map[string]bool{}
	add := func(t Text) {
		if s := t.String(); !seen[s] && len(out) < 4 {
			seen[s] = true
			out = append(out, t)
		}
	}
	for _, c := range n.ChildNodes() {
		switch {
		case c.Type == TextNode:
			if !blank(c.Text) {
				add(msg("the text %q", truncate(strings.Join(strings.Fields(c.Text), " "), 30)))
			}
		case c.Type != ElementNode || c.Is("script", "template", "style") || programmaticallyHidden(c):
		case !ok(c):
			if r := c.AttrOr("role", ""); r != "" {
				add(msg("a <%s role=%q>", c.Name, r))
			} else {
				add(msg("a <%s>", c.Name))
			}
		}
	}
	return out
}

func parentDesc(par *Node) Text {
	if par == nil {
		return Text{}
	}
	return msg(" but in a <%s>", par.Name)
}
