package checks

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Shared helpers of the accessible-name rules (image-alt, link-name,
// button-name, form-field-name, frame-title…). The names themselves come
// from the browser's accessibility tree; these helpers decide which
// elements a rule applies to, as the W3C ACT rules define it, and explain
// an empty name in words a content editor can act on.

// hasName reports whether the element has an accessible name a screen
// reader can read out: not empty once white space, private-use characters
// (icon-font glyphs) and invisible format characters (zero-width space)
// are left out.
func hasName(n *Node) bool { return readable(n.AccessibleName()) != "" }

func readable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// glyphName explains a name that is only icon-font or invisible
// characters; ok is false otherwise.
func glyphName(n *Node) (Text, bool) {
	name := n.AccessibleName()
	if blank(name) || readable(name) != "" {
		return Text{}, false
	}
	var codes []string
	for _, r := range strings.TrimFunc(name, unicode.IsSpace) {
		if !unicode.IsSpace(r) && len(codes) < 3 {
			codes = append(codes, fmt.Sprintf("U+%04X", r))
		}
	}
	return msg("its only text is %s, an icon-font or invisible character that screen readers cannot read out", strings.Join(codes, " ")), true
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }

// allElements returns every element of the page in document order,
// including those in shadow trees and in the documents of same-origin
// iframes, which a screen reader user meets as part of the page.
func allElements(p *Page) []*Node {
	var out []*Node
	p.Nodes[0].walk(func(n *Node) bool {
		if n.Type == ElementNode {
			out = append(out, n)
		}
		return n.Name != "template"
	})
	return out
}

// upElement returns the parent element of n, crossing shadow roots and,
// from the top of an iframe's document, into the iframe element.
func upElement(n *Node) *Node {
	for p := n.ParentNode(); p != nil; p = p.ParentNode() {
		if p.Type == ElementNode {
			return p
		}
	}
	return nil
}

// presentational reports whether the element's explicit role is none or
// presentation (it may still be exposed, when focusable).
func presentational(n *Node) bool { return isPresentationalRole(firstValidRole(n)) }

// tabIndex returns the parsed tabindex attribute and whether it is a valid
// integer.
func tabIndex(n *Node) (int, bool) {
	v, ok := n.Attr("tabindex")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	return i, err == nil
}

// ariaHidden reports whether the element or an ancestor (across shadow
// roots and iframes) has aria-hidden="true".
func ariaHidden(n *Node) bool {
	for e := n; e != nil; e = upElement(e) {
		if strings.EqualFold(strings.TrimSpace(e.AttrOr("aria-hidden", "")), "true") {
			return true
		}
	}
	return false
}

// cssHidden reports whether the element is not rendered (display: none on
// it or an ancestor) or is invisible (visibility: hidden or collapse).
func cssHidden(n *Node) bool {
	if !n.Rendered() {
		return true
	}
	v := n.Style("visibility")
	return v == "hidden" || v == "collapse"
}

// programmaticallyHidden reports whether the element is hidden from
// everyone, as ACT defines it: not rendered, invisible, or aria-hidden.
func programmaticallyHidden(n *Node) bool { return cssHidden(n) || ariaHidden(n) }

// treeScope returns the root of the tree n is in: its document or shadow
// root, where its id references resolve.
func treeScope(n *Node) *Node {
	e := n
	for p := n.ParentNode(); p != nil; p = p.ParentNode() {
		e = p
		if p.Type == DocumentNode || p.Type == FragmentNode {
			return p
		}
	}
	return e
}

// byID returns the element with the id in n's tree scope (its document or
// shadow tree), or nil.
func byID(n *Node, id string) *Node {
	var found *Node
	scope := treeScope(n)
	scope.walk(func(c *Node) bool {
		if found != nil {
			return false
		}
		if c != scope && (c.Type == DocumentNode || c.Type == FragmentNode) {
			return false // another document or shadow tree
		}
		if c.Type == ElementNode {
			if v, ok := c.Attr("id"); ok && v == id {
				found = c
				return false
			}
		}
		return true
	})
	return found
}

// quoteShort quotes s for a message, shortened.
func quoteShort(s string) string {
	return strconv.Quote(truncate(strings.Join(strings.Fields(s), " "), 40))
}

// labelProblems explains why the naming attributes of n give no name:
// aria-labelledby pointing nowhere or at empty elements, a blank
// aria-label or title. Each entry reads after "because": "its aria-label
// is empty".
func labelProblems(n *Node) []Text {
	var out []Text
	if v, ok := n.Attr("aria-labelledby"); ok {
		ids := strings.Fields(v)
		var missing, empty []string
		for _, id := range ids {
			t := byID(n, id)
			switch {
			case t == nil:
				missing = append(missing, id)
			case blank(t.TextContent()) && blank(t.AttrOr("aria-label", "")) && blank(t.AttrOr("alt", "")):
				empty = append(empty, id)
			}
		}
		switch {
		case len(ids) == 0:
			out = append(out, msg("its aria-labelledby attribute is empty"))
		case len(missing) > 0:
			out = append(out, msg("its aria-labelledby refers to id %s, which is not on the page", quoteList(missing)))
		case len(empty) > 0:
			out = append(out, msg("its aria-labelledby refers to an element (id %s) that has no text", quoteList(empty)))
		}
	}
	if v, ok := n.Attr("aria-label"); ok && blank(v) {
		out = append(out, msg("its aria-label is empty"))
	}
	if v, ok := n.Attr("title"); ok && blank(v) {
		out = append(out, msg("its title attribute is empty"))
	}
	return out
}

func quoteList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	return strings.Join(q, ", ")
}

// contentKind says what an element with an empty name contains.
type contentKind int

const (
	contentEmpty       contentKind = iota // nothing at all
	contentImgNoAlt                       // an image without alt
	contentImgEmptyAlt                    // an image marked decorative
	contentSVG                            // an svg without a text alternative
	contentIcon                           // empty elements: an icon font or CSS icon
	contentHidden                         // text hidden from assistive technology
)

// contentProblem describes the content of an element whose name comes
// from its content but is empty: "it contains only an image without alt
// text". The kind lets the caller suggest the right fix.
func contentProblem(n *Node) (Text, contentKind) {
	var imgNoAlt, imgDecorative, svg, icons, hiddenAria, hiddenCSS int
	var decorativeHow Text
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			switch c.Type {
			case TextNode:
				if blank(c.Text) {
					continue
				}
				if p := c.ParentElement(); p != nil && ariaHidden(p) {
					hiddenAria++
				} else if p != nil && cssHidden(p) {
					hiddenCSS++
				}
			case ElementNode:
				switch {
				case c.Namespace == "svg" && c.Name == "svg":
					if ariaHidden(c) || cssHidden(c) {
						icons++
					} else {
						svg++
					}
				case c.Is("img"):
					if presentational(c) {
						imgDecorative++
						decorativeHow = msg("it contains only an image marked as decorative (role=\"%s\"), which screen readers skip", firstValidRole(c))
					} else if alt, ok := c.Attr("alt"); ok && blank(alt) {
						imgDecorative++
						decorativeHow = msg("it contains only an image with empty alt text (alt=\"\" tells screen readers to skip the image)")
					} else {
						imgNoAlt++
					}
				case c.Is("script", "style", "template", "noscript"):
				default:
					if len(c.ChildNodes()) == 0 && !c.Is("br", "wbr") {
						icons++
					}
					walk(c)
				}
			}
		}
	}
	walk(n)
	switch {
	case imgNoAlt > 0:
		return msg("it contains only an image without alt text"), contentImgNoAlt
	case imgDecorative > 0:
		return decorativeHow, contentImgEmptyAlt
	case svg > 0:
		return msg("it contains only an SVG graphic without a text alternative"), contentSVG
	case hiddenAria > 0:
		return msg("its text is hidden from screen readers with aria-hidden=\"true\""), contentHidden
	case hiddenCSS > 0:
		return msg("its text is hidden with CSS (display: none or visibility: hidden)"), contentHidden
	case icons > 0:
		return msg("it contains only elements without text, such as an icon font or a CSS background image, which screen readers cannot read"), contentIcon
	}
	return msg("it has no content at all"), contentEmpty
}

// emptyNameWhy joins the reasons an element's name is empty into one
// clause, e.g. "it contains only an image without alt text and its
// aria-label is empty"; ok is false when there is none. fromContent says
// whether the element's role takes its name from its content.
func emptyNameWhy(n *Node, fromContent bool) (why Text, ok bool, kind contentKind) {
	reasons := labelProblems(n)
	kind = contentEmpty
	if g, ok := glyphName(n); ok {
		return andText(append([]Text{g}, reasons...)), true, contentIcon
	}
	if fromContent {
		var r Text
		r, kind = contentProblem(n)
		reasons = append([]Text{r}, reasons...)
	}
	if len(reasons) == 0 {
		return Text{}, false, kind
	}
	return andText(reasons), true, kind
}

// andText joins parts of a message with "and", in each language.
func andText(parts []Text) Text { return msg("%s", parts) }

// joinAnd joins code (names, ids, addresses: not words of a language)
// with commas.
func joinAnd(s []string) string { return strings.Join(s, ", ") }

// contentFix suggests how to name a control whose content gives no name;
// what names the element ("link") and purpose says what the name must
// tell ("where the link goes"). Each kind of control has its own texts,
// so that every language can word them.
func contentFix(kind contentKind, control string) Text {
	switch control {
	case "link":
		switch kind {
		case contentImgNoAlt:
			return msg("Give the image an alt text that says where the link goes, or add aria-label to the link.")
		case contentImgEmptyAlt:
			return msg("Write an alt text on the image that says where the link goes (not what the image looks like), or add visible text to the link.")
		case contentSVG:
			return msg("Add aria-label to the link saying where the link goes, or give the SVG role=\"img\" and a <title>.")
		case contentIcon:
			return msg("Add text that says where the link goes: visible text, visually hidden text, or an aria-label on the link.")
		case contentHidden:
			return msg("Let screen readers read the text (remove aria-hidden or the hiding CSS), or add an aria-label to the link saying where the link goes.")
		}
		return msg("Add text to the link that says where the link goes, or remove the link if it has no use.")
	case "button":
		switch kind {
		case contentImgNoAlt:
			return msg("Give the image an alt text that says what the button does, or add aria-label to the button.")
		case contentImgEmptyAlt:
			return msg("Write an alt text on the image that says what the button does (not what the image looks like), or add visible text to the button.")
		case contentSVG:
			return msg("Add aria-label to the button saying what the button does, or give the SVG role=\"img\" and a <title>.")
		case contentIcon:
			return msg("Add text that says what the button does: visible text, visually hidden text, or an aria-label on the button.")
		case contentHidden:
			return msg("Let screen readers read the text (remove aria-hidden or the hiding CSS), or add an aria-label to the button saying what the button does.")
		}
		return msg("Add text to the button that says what the button does, or remove the button if it has no use.")
	case "menu item":
		switch kind {
		case contentImgNoAlt:
			return msg("Give the image an alt text that says what the menu item does, or add aria-label to the menu item.")
		case contentImgEmptyAlt:
			return msg("Write an alt text on the image that says what the menu item does (not what the image looks like), or add visible text to the menu item.")
		case contentSVG:
			return msg("Add aria-label to the menu item saying what the menu item does, or give the SVG role=\"img\" and a <title>.")
		case contentIcon:
			return msg("Add text that says what the menu item does: visible text, visually hidden text, or an aria-label on the menu item.")
		case contentHidden:
			return msg("Let screen readers read the text (remove aria-hidden or the hiding CSS), or add an aria-label to the menu item saying what the menu item does.")
		}
		return msg("Add text to the menu item that says what the menu item does, or remove the menu item if it has no use.")
	}
	// <summary>
	switch kind {
	case contentImgNoAlt:
		return msg("Give the image an alt text that says what the section contains, or add aria-label to the <summary>.")
	case contentImgEmptyAlt:
		return msg("Write an alt text on the image that says what the section contains (not what the image looks like), or add visible text to the <summary>.")
	case contentSVG:
		return msg("Add aria-label to the <summary> saying what the section contains, or give the SVG role=\"img\" and a <title>.")
	case contentIcon:
		return msg("Add text that says what the section contains: visible text, visually hidden text, or an aria-label on the <summary>.")
	case contentHidden:
		return msg("Let screen readers read the text (remove aria-hidden or the hiding CSS), or add an aria-label to the <summary> saying what the section contains.")
	}
	return msg("Add text to the <summary> that says what the section contains, or remove the <summary> if it has no use.")
}

func equalFoldTrim(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), b) }
