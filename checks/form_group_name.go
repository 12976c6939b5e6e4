package checks

import (
	"slices"
	"strings"
	"unicode"
)

// FormGroupName asks about groups of radio buttons and checkboxes that
// share a name but have no group name: the question they answer ("Do
// you want a reply?") is then not announced with the options ("Yes",
// "No"). The options' own labels may say enough, so the rule asks a
// person and never fails a group.
var FormGroupName = &Rule{
	ID:      "form-group-name",
	Title:   "Groups of radio buttons and checkboxes have a group name",
	Doc:     doc("form-group-name"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1", "3.3.2"},
	Impact:  Serious,
	Run:     runFormGroupName,
}

// fieldGroup is a set of radio buttons or checkboxes that belong
// together.
type fieldGroup struct {
	kind   string // "radio" or "checkbox"
	name   string // their name attribute, or "" for an ARIA radio group
	fields []*Node
	box    *Node // the radiogroup element of an ARIA group
}

// runFormGroupName applies to two or more radio buttons, or two or more
// checkboxes, of one form with the same name attribute, that are in the
// accessibility tree; and to ARIA radio groups (role="radiogroup") of two
// or more radios. A group passes when an ancestor holding all of its
// fields is exposed as a group or radiogroup with a name (a <fieldset>
// with a <legend>, or role="group" with aria-labelledby); otherwise it
// gets cantTell, reported on the element around the fields, with the text
// just before them, which may be the question they answer.
func runFormGroupName(pass *Pass) error {
	for _, g := range fieldGroups(pass.Page) {
		at := groupElement(g)
		if named := namedGroup(g.fields); named != nil {
			pass.Passed(at)
			continue
		}
		from := at
		if l := at.ParentElement(); at == g.fields[0] && l != nil && l.Is("label") {
			from = l // the first option's own label is not the question
		}
		before := textBefore(from)
		if g.box != nil {
			if before != "" {
				pass.CantTell(at, "This group of %d radio buttons (role=\"radiogroup\") has no name: nothing in the code ties them to the question they answer, so a screen reader announces only each option's own label. The text before them, %s, may be that question. Check whether the options make sense on their own; if not, give the group aria-labelledby pointing to the question.", len(g.fields), quoteShort(before))
				continue
			}
			pass.CantTell(at, "This group of %d radio buttons (role=\"radiogroup\") has no name: nothing in the code ties them to a question they answer, so a screen reader announces only each option's own label. Check whether the options make sense on their own; if not, give the group aria-labelledby pointing to the question, or aria-label.", len(g.fields))
			continue
		}
		what := msg("These %d radio buttons", len(g.fields))
		if g.kind == "checkbox" {
			what = msg("These %d checkboxes", len(g.fields))
		}
		if at.Is("fieldset") {
			pass.CantTell(at, "%s (name=%q) are in a <fieldset> without a <legend> that names it, so the group has no name: a screen reader announces only each option's own label, not the question they answer. Check whether the options make sense on their own; if not, write the question in the fieldset's <legend>.", what, g.name)
			continue
		}
		if before != "" {
			pass.CantTell(at, "%s (name=%q) have no group name: nothing in the code ties them to the question they answer, so a screen reader announces only each option's own label. The text before them, %s, may be that question. Check whether the options make sense on their own; if not, put them in a <fieldset> with the question in its <legend>, or in an element with role=\"group\" and aria-labelledby pointing to the question.", what, g.name, quoteShort(before))
			continue
		}
		pass.CantTell(at, "%s (name=%q) have no group name: nothing in the code ties them to a question they answer, so a screen reader announces only each option's own label. Check whether the options make sense on their own; if not, put them in a <fieldset> with the question in its <legend>, or in an element with role=\"group\" and aria-labelledby pointing to the question.", what, g.name)
	}
	return nil
}

// fieldGroups returns the groups of radio buttons and checkboxes of the
// page, in document order of their first field.
func fieldGroups(p *Page) []*fieldGroup {
	type key struct {
		form *Node
		kind string
		name string
	}
	var order []key
	byKey := map[key]*fieldGroup{}
	var aria []*fieldGroup
	for _, n := range allElements(p) {
		if !n.Exposed() || ariaHidden(n) || !n.Rendered() {
			continue
		}
		if n.Is("input") && (isInputType(n, "radio") || isInputType(n, "checkbox")) {
			name := n.AttrOr("name", "")
			if name == "" {
				continue
			}
			k := key{formOwner(n), strings.ToLower(strings.TrimSpace(n.AttrOr("type", ""))), name}
			g := byKey[k]
			if g == nil {
				g = &fieldGroup{kind: k.kind, name: name}
				byKey[k] = g
				order = append(order, k)
			}
			g.fields = append(g.fields, n)
			continue
		}
		if n.Role() == "radiogroup" && !n.Is("input") {
			var radios []*Node
			for _, d := range n.Descendants() {
				if d.Exposed() && d.Role() == "radio" && !d.Is("input") {
					radios = append(radios, d)
				}
			}
			if len(radios) >= 2 {
				aria = append(aria, &fieldGroup{kind: "radio", fields: radios, box: n})
			}
		}
	}
	var out []*fieldGroup
	for _, k := range order {
		if g := byKey[k]; len(g.fields) >= 2 {
			out = append(out, g)
		}
	}
	out = append(out, aria...)
	slices.SortFunc(out, func(a, b *fieldGroup) int { return a.fields[0].Index - b.fields[0].Index })
	return out
}

// formOwner returns the form a field belongs to: the form its form
// attribute names, else its nearest form ancestor; nil for none.
func formOwner(n *Node) *Node {
	if id := strings.TrimSpace(n.AttrOr("form", "")); id != "" {
		if f := byID(n, id); f != nil && f.Is("form") {
			return f
		}
	}
	return n.Closest("form")
}

// namedGroup returns the nearest ancestor of the fields that holds them
// all and is exposed as a group or radiogroup with a name, or nil.
func namedGroup(fields []*Node) *Node {
	for e := fields[0].ParentElement(); e != nil; e = e.ParentElement() {
		if !e.Exposed() || (e.Role() != "group" && e.Role() != "radiogroup") || !hasName(e) {
			continue
		}
		if !slices.ContainsFunc(fields, func(f *Node) bool { return !isInside(f, e) }) {
			return e
		}
	}
	return nil
}

// groupElement returns the element to report a group on: its radiogroup,
// else the nearest element holding all its fields and no other form
// field, else its first field.
func groupElement(g *fieldGroup) *Node {
	if g.box != nil {
		return g.box
	}
	var best *Node
	for e := g.fields[0].ParentElement(); e != nil && !e.Is("form", "body", "main"); e = e.ParentElement() {
		if slices.ContainsFunc(g.fields, func(f *Node) bool { return !isInside(f, e) }) {
			continue
		}
		if slices.ContainsFunc(e.Descendants(), func(d *Node) bool {
			return d.Is("input", "select", "textarea") && !isInputType(d, "hidden") && !slices.Contains(g.fields, d)
		}) {
			break
		}
		best = e
		break
	}
	if best == nil {
		return g.fields[0]
	}
	return best
}

// textBefore returns the visible text just before the element at, which
// holds a group's fields or is its first field: the last text with
// letters before it inside its parent element, outside labels, and after
// any other field. "" when there is none.
func textBefore(at *Node) string {
	scope := at.ParentElement()
	if scope == nil {
		return ""
	}
	var last string
	found := false
	scope.walk(func(n *Node) bool {
		if found {
			return false
		}
		if n == at {
			found = true
			return false
		}
		if n.Type == ElementNode && (n.Is("input", "select", "textarea", "button") && !isInputType(n, "hidden") || n.Role() == "radio" || n.Role() == "checkbox") {
			last = "" // text before another field is that field's
			return false
		}
		if n.Type == ElementNode && n.Is("label") && slices.ContainsFunc(n.Descendants(), func(d *Node) bool { return d.Is("input", "select", "textarea") }) {
			last = ""
			return false
		}
		if n.Type == ElementNode && n.Is("label", "script", "style", "template", "option") {
			return false
		}
		if n.Type == TextNode && visibleText(n) && strings.ContainsFunc(n.Text, unicode.IsLetter) {
			last = collapse(n.Text)
		}
		return true
	})
	return last
}
