package checks

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// ListStructure checks that lists are marked up as lists: ul and ol
// hold list items, list items sit in a list, and description lists hold
// terms and descriptions (WCAG 1.3.1). Screen readers announce a list
// and how many items it has, and let people skip it, only when the
// structure is right. It also asks about lists written as text: lines
// that start with "•", "-" or numbers, without list markup.
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
	textLists(pass)
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

// textLists asks (cantTell) about lists written as text, the first
// maxAsked of them on a page: a block whose lines, split by <br>, start
// with the same bullet ("•", "-", "*"…) or with numbers counting up ("1.",
// "2."), at least two lines in a row; or two or more sibling paragraphs
// that do. Lines starting with a dash must be short (80 characters or
// fewer), as quotations in Finnish and Swedish news start with one too.
// Headings (numbered section headings), navigation, preformatted text and
// controls are not tested.
func textLists(pass *Pass) {
	type found struct {
		n      *Node
		items  int
		marker string
	}
	var asked []found
	done := map[*Node]bool{}
	for _, n := range allElements(pass.Page) {
		if done[n] || n.Namespace != "" || !blockDisplays[n.Style("display")] && n.Style("display") != "list-item" && n.Style("display") != "table-cell" ||
			!visibleBox(n) || ariaHidden(n) || textListContext(n) {
			continue
		}
		lines, ok := blockLines(n)
		if !ok {
			continue
		}
		if k, marker := markedRun(lines); k >= 2 {
			asked = append(asked, found{n, k, marker})
			continue
		}
		if len(lines) != 1 || n.Is("li") {
			continue
		}
		// A run of sibling blocks of one line each, each an item.
		kind, num, marker := listMarkerOf(lines[0])
		if kind == "" {
			continue
		}
		k := 1
		for c := nextElementSibling(n); c != nil; c = nextElementSibling(c) {
			if !blockDisplays[c.Style("display")] || !visibleBox(c) || textListContext(c) {
				break
			}
			l, ok := blockLines(c)
			if !ok || len(l) != 1 {
				break
			}
			if kc, nc, _ := listMarkerOf(l[0]); kc != kind || num > 0 && nc != num+k {
				break
			}
			done[c] = true
			k++
		}
		if k >= 2 {
			asked = append(asked, found{n, k, marker})
		}
	}
	for i, f := range asked {
		if i == maxAsked {
			pass.CantTell(asked[maxAsked-1].n, "saavu found %d more lists like it on this page and lists only the first %d: check them too.", len(asked)-maxAsked, maxAsked)
			break
		}
		pass.CantTell(f.n, "This text is written as a list (%d lines in a row start with %q), but it is not marked up as one, so screen readers do not announce a list or how many items it has. If these are the items of a list, mark them up as one: <ul> with an <li> for each item, or <ol> for numbered steps; if not, this passes.", f.items, f.marker)
	}
}

// textListContext reports whether n is, or is inside, an element where
// lines starting with numbers or dashes are not a list written as text:
// a heading, navigation, preformatted text, a control.
func textListContext(n *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Is("h1", "h2", "h3", "h4", "h5", "h6", "nav", "pre", "code", "a", "button", "label", "option", "select", "textarea") {
			return true
		}
		if e.Exposed() && (e.Role() == "heading" || e.Role() == "navigation" || e.Role() == "button" || e.Role() == "link") {
			return true
		}
	}
	return false
}

// nextElementSibling returns the next sibling element of n, or nil.
func nextElementSibling(n *Node) *Node {
	p := n.ParentNode()
	if p == nil {
		return nil
	}
	after := false
	for _, c := range p.ChildNodes() {
		switch {
		case c == n:
			after = true
		case after && c.Type == ElementNode && !c.Is("script", "style", "template") && !cssHidden(c):
			return c
		case after && c.Type == TextNode && !blank(c.Text):
			return nil
		}
	}
	return nil
}

// blockLines returns the lines of text of a block that holds no other
// block with text: its text split at <br> elements (and at line breaks
// where white space is preserved), each collapsed, empty ones left out.
// ok is false when it holds another block with text.
func blockLines(n *Node) (lines []string, ok bool) {
	var cur strings.Builder
	ok = true
	flush := func() {
		if l := collapse(cur.String()); l != "" {
			lines = append(lines, l)
		}
		cur.Reset()
	}
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			if !ok {
				return
			}
			switch c.Type {
			case TextNode:
				if !c.Rendered() {
					continue
				}
				switch e.Style("white-space") {
				case "pre", "pre-wrap", "pre-line", "break-spaces":
					parts := strings.Split(c.Text, "\n")
					for i, part := range parts {
						if i > 0 {
							flush()
						}
						cur.WriteString(part)
					}
				default:
					cur.WriteString(c.Text)
				}
			case ElementNode:
				switch {
				case c.Is("script", "style", "template", "noscript") || cssHidden(c):
				case c.Is("br"):
					flush()
				case blockDisplays[c.Style("display")] || c.Style("display") == "list-item":
					if strings.ContainsFunc(c.TextContent(), unicode.IsLetter) {
						ok = false
						return
					}
				default:
					walk(c)
				}
			}
		}
	}
	walk(n)
	flush()
	return lines, ok
}

// markedRun returns the length of the first run of two or more lines in a
// row that start with the same list marker (numbers counting up by one),
// and the marker as the first line has it; 0 when there is none.
func markedRun(lines []string) (int, string) {
	for i := 0; i < len(lines); i++ {
		kind, num, marker := listMarkerOf(lines[i])
		if kind == "" {
			continue
		}
		k := 1
		for j := i + 1; j < len(lines); j++ {
			kj, nj, _ := listMarkerOf(lines[j])
			if kj != kind || (num > 0 && nj != num+(j-i)) {
				break
			}
			k++
		}
		if k >= 2 {
			return k, marker
		}
	}
	return 0, ""
}

// listMarker returns the list marker a line of text starts with, "" for
// none.
func listMarker(line string) string {
	_, _, marker := listMarkerOf(line)
	return marker
}

var numberedItem = regexp.MustCompile(`^(\d{1,2})([.)])\s+\pL`)

// listMarkerOf reads the list marker a line starts with: a bullet (kind
// is the bullet) followed by a space and a letter, or a number followed by
// "." or ")" and a space (kind "1." or "1)", num the number). Lines that
// start with a dash must be 80 characters or shorter.
func listMarkerOf(line string) (kind string, num int, marker string) {
	if m := numberedItem.FindStringSubmatch(line); m != nil {
		num, _ = strconv.Atoi(m[1])
		return "1" + m[2], num, m[1] + m[2]
	}
	r := []rune(line)
	if len(r) < 3 {
		return "", 0, ""
	}
	switch r[0] {
	case '•', '·', '◦', '▪', '■', '●', '○', '►', '▸', '‣', '⁃', '✓', '✔':
		if unicode.IsLetter(firstLetterOrSpace(r[1:])) {
			return string(r[0]), 0, string(r[0])
		}
	case '-', '–', '—', '*':
		if unicode.IsSpace(r[1]) && unicode.IsLetter(firstLetterOrSpace(r[2:])) && (r[0] == '*' || len(r) <= 80) {
			return string(r[0]), 0, string(r[0])
		}
	}
	return "", 0, ""
}

// firstLetterOrSpace returns the first rune of r that is not a space.
func firstLetterOrSpace(r []rune) rune {
	for _, c := range r {
		if !unicode.IsSpace(c) {
			return c
		}
	}
	return ' '
}
