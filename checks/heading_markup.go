package checks

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// HeadingMarkup asks about text that looks like a heading but is not
// marked up as one: a short line on its own, bold or clearly larger than
// the body text, followed by content. Sighted readers see a heading;
// screen reader users do not find it among the headings. Whether it is a
// heading is for a person to say, so the rule never fails.
var HeadingMarkup = &Rule{
	ID:      "heading-markup",
	Title:   "Text that looks like a heading is marked up as a heading",
	Doc:     doc("heading-markup"),
	HelpURL: understanding("1.3.1"),
	WCAG:    []string{"1.3.1"},
	Impact:  Serious,
	Run:     runHeadingMarkup,
}

// maxAsked is how many elements of one kind a rule that looks for
// content styled as structure (heading-markup, list-structure) asks about
// on one page: a site's template repeats the same styling on every page,
// and a few examples show the pattern.
const maxAsked = 5

// runHeadingMarkup passes the headings in the accessibility tree, and
// asks (cantTell) about each element that looks like one without being
// one (see fakeHeading), the first maxAsked of them on a page.
func runHeadingMarkup(pass *Pass) error {
	body := bodyFontSize(pass.Page)
	var asked []*Node
	var evidence []Text
	for _, n := range allElements(pass.Page) {
		if n.Exposed() && n.Role() == "heading" && hasName(n) {
			pass.Passed(n)
			continue
		}
		if ev, ok := fakeHeading(n, body); ok {
			asked = append(asked, n)
			evidence = append(evidence, ev)
		}
	}
	for i, n := range asked {
		if i == maxAsked {
			break
		}
		pass.CantTell(n, "This line, %s, looks like a heading: it is %s, stands on a line of its own and has content after it. But it is not marked up as a heading, so screen reader users do not find it in the page's list of headings and cannot jump to it. If it is the heading of the content after it, mark it up as one (<h2>–<h6>, at the level of its place in the page); if it is not a heading, this passes.", quoteShort(visibleTextOf(n)), evidence[i])
	}
	if len(asked) > maxAsked {
		pass.CantTell(asked[maxAsked-1], "saavu found %d more lines like it on this page and lists only the first %d: check them too.", len(asked)-maxAsked, maxAsked)
	}
	return nil
}

// bodyFontSize returns the font size (px) of most of the page's visible
// text, counted in letters; 16 when the page has none.
func bodyFontSize(p *Page) float64 {
	count := map[float64]int{}
	for _, n := range p.Nodes {
		if n.Type != TextNode || !visibleText(n) {
			continue
		}
		if size, ok := cssPx(n.Style("font-size")); ok {
			count[math.Round(size*10)/10] += len([]rune(strings.TrimSpace(n.Text)))
		}
	}
	best, most := 16.0, 0
	for size, c := range count {
		if c > most || c == most && size < best {
			best, most = size, c
		}
	}
	return best
}

// blockDisplays are the display values of an element that stands as a
// block of its own.
var blockDisplays = map[string]bool{"block": true, "flex": true, "grid": true, "flow-root": true, "table-caption": true}

// notHeadingContext are the roles inside which short bold text is a
// label, a control or a cell, not a heading of the page's content.
var notHeadingContext = map[string]bool{
	"heading": true, "link": true, "button": true, "tab": true, "menuitem": true, "menu": true, "menubar": true,
	"tablist": true, "navigation": true, "banner": true, "dialog": true, "alertdialog": true, "table": true,
	"grid": true, "cell": true, "gridcell": true, "columnheader": true, "rowheader": true, "listbox": true,
	"option": true, "tree": true, "treeitem": true, "toolbar": true, "LayoutTable": true,
}

// fakeHeading reports whether n looks like a heading without being one,
// with the evidence: n is a visible block of one line of 80 characters
// or fewer (at most 12 words, not ending as a sentence does), holding no
// other block and no control; all its text is bold (font-weight 600 or
// more) or at least 1.25 times the page's body text; the next thing
// after it is content that is neither bold nor as large (see
// contentAfter), below it; and nothing with text shares its line. Elements in headings, links, buttons, labels, legends,
// table cells, navigation, the page banner, dialogs and fixed or sticky
// boxes are not tested.
func fakeHeading(n *Node, body float64) (Text, bool) {
	if !n.IsElement() || n.Namespace != "" || !blockDisplays[n.Style("display")] || !visibleBox(n) || ariaHidden(n) {
		return Text{}, false
	}
	texts, ok := lineTexts(n)
	if !ok || len(texts) == 0 {
		return Text{}, false
	}
	text := collapse(visibleTextOf(n))
	words := strings.Fields(text)
	if len([]rune(text)) > 80 || len(words) > 12 || !hasWord(text) || strings.ContainsAny(text[len(text)-1:], ".,;:!") || listMarker(text) != "" {
		return Text{}, false
	}
	if headingContext(n) {
		return Text{}, false
	}
	bold, size := true, math.Inf(1)
	for _, t := range texts {
		if fontWeight(t) < 600 {
			bold = false
		}
		if s, ok := cssPx(t.Style("font-size")); ok {
			size = min(size, s)
		} else {
			size = 0
		}
	}
	large := size >= 1.25*body
	if !bold && !large {
		return Text{}, false
	}
	next := contentAfter(n)
	if next == nil || !ownLine(n, next) {
		return Text{}, false
	}
	nBold, nSize := textStyle(next)
	switch {
	case large && nSize > 0 && size >= 1.2*nSize:
		return msg("%s, %s times the size of the page's body text", pxText(size), strconv.FormatFloat(math.Round(size/body*100)/100, 'f', -1, 64)), true
	case bold && !nBold && nSize > 0 && size >= nSize:
		return msg("bold, and the text after it is not"), true
	}
	return Text{}, false
}

// lineTexts returns the visible text nodes of n when they all sit on one
// line and n holds no block with text and no control; ok is false
// otherwise.
func lineTexts(n *Node) (texts []*Node, ok bool) {
	top := math.NaN()
	ok = true
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			if !ok {
				return
			}
			switch c.Type {
			case TextNode:
				if !visibleText(c) {
					continue
				}
				for _, b := range c.Layout.TextBoxes {
					if !onPage(b) {
						continue
					}
					if math.IsNaN(top) {
						top = b.Y
					} else if math.Abs(b.Y-top) > 3 {
						ok = false
					}
				}
				texts = append(texts, c)
			case ElementNode:
				if c.Is("script", "style", "template", "noscript") || cssHidden(c) {
					continue
				}
				if c.Is("br", "input", "select", "textarea", "button", "img", "svg", "a", "video", "audio", "iframe") ||
					c.Exposed() && notHeadingContext[c.Role()] || blockDisplays[c.Style("display")] && strings.ContainsFunc(c.TextContent(), unicode.IsLetter) {
					ok = false
					return
				}
				walk(c)
			}
		}
	}
	walk(n)
	return texts, ok
}

// headingContext reports whether n is, or is inside, an element in which
// short bold text is not a heading of the page's content.
func headingContext(n *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Is("h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "label", "legend", "summary", "th", "td", "caption",
			"figcaption", "dt", "option", "select", "nav", "table", "dialog", "pre", "code", "address") {
			return true
		}
		if e.Exposed() && notHeadingContext[e.Role()] {
			return true
		}
		if p := e.Style("position"); p == "fixed" || p == "sticky" {
			return true
		}
	}
	return false
}

// contentAfter returns the content that follows n: its next sibling with
// visible text (going up from n through wrappers that hold nothing but
// n's text), when that is not a heading; nil otherwise.
func contentAfter(n *Node) *Node {
	own := collapse(visibleTextOf(n))
	for cur := n; cur != nil; cur = cur.ParentElement() {
		if cur != n && (collapse(visibleTextOf(cur)) != own || headingContext(cur) || cur.Is("body", "main", "section", "article")) {
			return nil
		}
		sibs := cur.ParentNode()
		if sibs == nil {
			return nil
		}
		after := false
		for _, c := range sibs.ChildNodes() {
			if c == cur {
				after = true
				continue
			}
			if !after {
				continue
			}
			switch {
			case c.Type == TextNode && visibleText(c) && hasWord(c.Text):
				return nil // text run on in the same block: not a line of its own
			case c.Type == ElementNode && !cssHidden(c) && !c.Is("script", "style", "template", "br", "hr"):
				if !hasWord(visibleTextOf(c)) {
					if c.Is("input", "select", "textarea", "button", "iframe", "video", "audio") {
						return nil // a control between them
					}
					continue
				}
				if c.Is("h1", "h2", "h3", "h4", "h5", "h6") || c.Exposed() && c.Role() == "heading" {
					return nil
				}
				return c
			}
		}
	}
	return nil
}

// ownLine reports whether n stands on a line of its own: no other
// element with text beside it shares its line (as in a row of a flex
// layout), and the content after it starts below it.
func ownLine(n, next *Node) bool {
	box := n.Layout.Box
	if next.Layout == nil || next.Layout.Box.Y < box.Y+box.H-2 {
		return false
	}
	p := n.ParentElement()
	if p == nil {
		return true
	}
	for _, c := range p.ChildNodes() {
		if c == n || c.Type != ElementNode || c.Layout == nil || cssHidden(c) || blank(visibleTextOf(c)) {
			continue
		}
		b := c.Layout.Box
		if b.Y < box.Y+box.H-2 && b.Y+b.H > box.Y+2 {
			return false
		}
	}
	return true
}

// textStyle returns whether most of the letters of n are bold, and the
// font size of most of them (0 when unknown).
func textStyle(n *Node) (bold bool, size float64) {
	var boldN, all int
	sizes := map[float64]int{}
	n.walk(func(c *Node) bool {
		if c.Type == ElementNode && (c.Is("script", "style", "template") || cssHidden(c)) {
			return false
		}
		if c.Type == TextNode && visibleText(c) {
			k := len([]rune(strings.TrimSpace(c.Text)))
			all += k
			if fontWeight(c) >= 600 {
				boldN += k
			}
			if s, ok := cssPx(c.Style("font-size")); ok {
				sizes[s] += k
			}
		}
		return true
	})
	most := 0
	for s, k := range sizes {
		if k > most || k == most && s < size {
			size, most = s, k
		}
	}
	return all > 0 && boldN*2 > all, size
}

// fontWeight returns the computed font-weight of a node, 400 when
// unknown.
func fontWeight(n *Node) float64 {
	switch w := n.Style("font-weight"); w {
	case "bold", "bolder":
		return 700
	default:
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return f
		}
	}
	return 400
}

// hasWord reports whether s has a word of three letters or more.
func hasWord(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
