package checks

import (
	"net/url"
	"strings"
)

// Bypass checks that keyboard and screen reader users can skip the
// navigation and other blocks repeated on every page: with a main
// landmark, headings or a skip link (ACT cf77f2, which passes when one of
// 047fe0, b40fd1 or ye5d6e passes).
var Bypass = &Rule{
	ID:      "bypass",
	Title:   "Repeated blocks can be skipped",
	Doc:     doc("bypass"),
	HelpURL: understanding("2.4.1"),
	WCAG:    []string{"2.4.1"},
	ACT:     []string{"cf77f2"},
	Impact:  Serious,
	Run:     runBypass,
}

func runBypass(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	root, first, order, textOrder := rd.root, rd.first, rd.order, rd.texts
	inPage, scripted := rd.inPage, rd.scripted

	if first == nil || rd.repeated == 0 {
		pass.Passed(root) // nothing comes before the content: nothing to skip
		return nil
	}

	// A main landmark (one hidden from screen readers does not count).
	for _, n := range p.Elements() {
		if n.Frame == 0 && n.Exposed() && n.Role() == "main" && n.Rendered() {
			pass.Passed(root)
			return nil
		}
	}

	// Headings outside navigation and complementary regions.
	var hiddenHeading, bannerHeading bool
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Exposed() || n.Role() != "heading" || !n.Rendered() {
			continue
		}
		switch {
		case withinRole(n, "navigation", "complementary"):
		case !visibleBox(n):
			hiddenHeading = true
		case withinRole(n, "banner", "contentinfo"):
			bannerHeading = true
		default:
			pass.Passed(root)
			return nil
		}
	}

	// A skip link that lands at the content.
	var broken []Text
	var dubious []string
	for _, a := range inPage {
		frag := inPageLink(a)
		target := fragmentTarget(p, frag)
		label := strings.Join(strings.Fields(a.AccessibleName()), " ")
		if label == "" {
			label = strings.Join(strings.Fields(a.TextContent()), " ")
		}
		if target == nil {
			broken = append(broken, msg(`"%s" points to #%s, but the page has no element with id="%s"`, label, frag, frag))
			continue
		}
		if landsOnContent(target, first, order, textOrder) {
			pass.Passed(root)
			return nil
		}
		dubious = append(dubious, "\""+label+"\" (#"+frag+")")
	}

	switch {
	case len(dubious) > 0:
		pass.CantTell(root, "The page has no main landmark and no headings in its content. Check that the link %s takes keyboard users past the navigation to the main content.", strings.Join(dubious, ", "))
	case len(scripted) > 0:
		pass.CantTell(root, "The page has no main landmark, no headings in its content and no skip link. Check whether the control %q before the content lets keyboard users skip or hide the navigation; if not, wrap the main content in <main> and start it with a heading.", snippetText(scripted[0]))
	case bannerHeading:
		pass.CantTell(root, "The only headings are in the page header or footer, and there is no main landmark or skip link. Check that a heading starts the main content; better, wrap the main content in <main>.")
	case hiddenHeading:
		pass.CantTell(root, "The page has no main landmark or skip link, and its headings are hidden from view (only screen readers find them). Check that keyboard users can reach the main content directly; better, wrap it in <main> and start it with a visible heading.")
	default:
		var skip Text
		if len(broken) > 0 {
			skip = msg(" The skip link %s.", broken)
		}
		pass.Failed(root, "Keyboard and screen reader users have to go through every link and block at the top of the page to reach its content: the page has no main landmark, no headings in the content and no working skip link.%s Wrap the main content in <main>, start it with a heading (<h1>), and add a \"Skip to content\" link as the first link of the page.", skip)
	}
	return nil
}

// reading is what comes before the content of a page, read in order.
type reading struct {
	root     *Node   // the html element
	first    *Node   // first visible text of the content, not a link, control or navigation; nil when none
	repeated int     // links, controls and navigation texts before it
	controls int     // links and form controls before it
	landmark bool    // some of what comes before it is in a nav, header, aside or footer (or their roles)
	inPage   []*Node // links to somewhere on the same page, before it
	scripted []*Node // controls that may skip or hide blocks by script, before it
	order    map[*Node]int
	texts    []*Node // visible texts in order
}

// readContent reads the page in order to find where its content starts:
// the first text that is not a link, control or part of a
// navigation-like region. It returns nil for a page without an html root.
func readContent(p *Page) *reading {
	root := htmlRoot(p)
	if root == nil {
		return nil
	}
	body := root
	for _, c := range root.ChildNodes() {
		if c.Is("body") {
			body = c
		}
	}
	rd := &reading{root: root, order: map[*Node]int{}}
	var walk func(n *Node, rep, region bool)
	walk = func(n *Node, rep, region bool) {
		rd.order[n] = len(rd.order)
		switch n.Type {
		case TextNode:
			if !visibleText(n) {
				return
			}
			rd.texts = append(rd.texts, n)
			if rd.first == nil {
				if rep {
					rd.repeated++
					rd.landmark = rd.landmark || region
				} else {
					rd.first = n
				}
			}
			return
		case ElementNode:
		default:
			for _, c := range n.ChildNodes() {
				walk(c, rep, region)
			}
			return
		}
		if n.Layout == nil || n.Namespace != "" {
			return
		}
		if rd.first == nil {
			// Skip links are often kept off-screen until they get focus.
			switch {
			case inPageLink(n) != "":
				rd.inPage = append(rd.inPage, n)
			case scriptedControl(n) && onPage(n.Layout.Box):
				rd.scripted = append(rd.scripted, n)
			}
			if n.Is("a", "button", "input", "select") && onPage(n.Layout.Box) {
				rd.repeated++
				rd.controls++
				rd.landmark = rd.landmark || region
			}
		}
		rep = rep || repeatedContext(n)
		region = region || repeatedRegion(n)
		for _, c := range n.ChildNodes() {
			walk(c, rep, region)
		}
	}
	walk(body, false, false)
	return rd
}

// The three ways to let people skip the blocks repeated on every page
// (navigation, header, sidebars), checked one by one: content-heading,
// content-landmark and skip-link. WCAG 2.4.1 needs only one of them,
// which the rule bypass checks; each of these is an extra rule, a best
// practice that no success criterion requires alone. They share
// readContent and the two methods below.

// substantial reports whether what comes before the content is clearly a
// repeated block: at least two links or controls, or something inside a
// navigation, header, sidebar or footer. With less, saavu cannot be sure
// there is anything to skip, so it does not report a failure.
func (rd *reading) substantial() bool { return rd.controls >= 2 || rd.landmark }

// littleBefore says that too little comes before the content to tell
// whether it repeats on every page; fix says what to do if it does.
func (rd *reading) littleBefore(fix Text) Text {
	before := msg("some text")
	if rd.controls == 1 {
		before = msg("one link or control")
	}
	return msg("Only a little comes before the content (%s), so saavu cannot tell whether it is a block repeated on every page. If the site repeats navigation or other blocks before the content, %s", before, fix)
}

// repeatedRegion reports whether n is a region that holds what is repeated
// on every page: navigation, a page header or footer, or a sidebar.
func repeatedRegion(n *Node) bool {
	if n.Is("nav", "aside", "header", "footer") {
		return true
	}
	switch n.Role() {
	case "navigation", "complementary", "banner", "contentinfo", "search":
		return true
	}
	return false
}

// visibleText reports whether a text node shows some non-blank text on
// the page.
func visibleText(n *Node) bool {
	if isBlank(n.Text) || n.Layout == nil || n.Style("visibility") == "hidden" || n.Style("visibility") == "collapse" {
		return false
	}
	for _, b := range n.Layout.TextBoxes {
		if onPage(b) {
			return true
		}
	}
	return false
}

// onPage reports whether a box has an area that is not above or left of
// the page, where nobody can scroll to.
func onPage(b Rect) bool { return !b.Empty() && b.X+b.W > 0 && b.Y+b.H > 0 }

// visibleBox reports whether the element is laid out on the page, larger
// than the 1-pixel boxes used to hide text visually.
func visibleBox(n *Node) bool {
	if n.Layout == nil || !onPage(n.Layout.Box) || n.Style("visibility") == "hidden" {
		return false
	}
	if n.Layout.Box.W <= 1 || n.Layout.Box.H <= 1 {
		return false
	}
	for e := n; e != nil; e = e.ParentElement() {
		if clipHides(e.Style("clip")) {
			return false
		}
		if e.Style("opacity") == "0" {
			return false
		}
	}
	return true
}

// repeatedContext reports whether content inside n looks like navigation
// or controls, the kind of block repeated on every page of a site.
func repeatedContext(n *Node) bool {
	if n.Is("a", "button", "label", "select", "option", "nav", "aside", "form", "header", "footer") {
		return true
	}
	switch n.Role() {
	case "navigation", "complementary", "banner", "contentinfo", "search", "form", "link", "button",
		"menu", "menubar", "menuitem", "tablist", "tab", "combobox", "listbox", "toolbar":
		return true
	}
	return false
}

// withinRole reports whether n has an ancestor with one of the roles.
func withinRole(n *Node, roles ...string) bool {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		for _, r := range roles {
			if e.Role() == r {
				return true
			}
		}
	}
	return false
}

// inPageLink returns the fragment of a link to a place on the same page
// ("" when n is not such a link, or links to the top of the page).
func inPageLink(n *Node) string {
	if !n.Is("a", "area") {
		return ""
	}
	href, ok := n.Attr("href")
	href = strings.TrimSpace(href)
	if !ok || !strings.HasPrefix(href, "#") || len(href) < 2 {
		return ""
	}
	frag := href[1:]
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	if strings.EqualFold(frag, "top") && n.Page().ElementByID(frag) == nil {
		return ""
	}
	return frag
}

// fragmentTarget returns the element a fragment scrolls to: the element
// with that id, or else an a element with that name.
func fragmentTarget(p *Page, frag string) *Node {
	if t := p.ElementByID(frag); t != nil {
		return t
	}
	for _, n := range p.Elements() {
		if n.Is("a") && n.Frame == 0 && n.Shadow == "" && n.AttrOr("name", "") == frag {
			return n
		}
	}
	return nil
}

// landsOnContent reports whether the first visible text at or after the
// target is the start of the content (or later content), not more
// navigation.
func landsOnContent(target, first *Node, order map[*Node]int, texts []*Node) bool {
	at, ok := order[target]
	if !ok {
		return false
	}
	for _, t := range texts {
		if order[t] >= at {
			return order[t] >= order[first]
		}
	}
	return false
}

// scriptedControl reports whether n is a control that runs a script: a
// button, a link without a real target, or an element with a click
// handler.
func scriptedControl(n *Node) bool {
	if n.HasAttr("onclick") {
		return true
	}
	if n.Is("button") || n.Role() == "button" {
		return true
	}
	if n.Is("a") {
		href := strings.TrimSpace(n.AttrOr("href", ""))
		return href == "#" || strings.HasPrefix(strings.ToLower(href), "javascript:")
	}
	return n.Role() == "link"
}

// snippetText returns the element's accessible name or text, shortened.
func snippetText(n *Node) string {
	s := strings.Join(strings.Fields(n.AccessibleName()), " ")
	if s == "" {
		s = strings.Join(strings.Fields(n.TextContent()), " ")
	}
	return truncate(s, 60)
}

// clipHides reports whether a computed clip (rect(top, right, bottom,
// left)) leaves at most one pixel visible, as the "visually hidden"
// pattern does.
func clipHides(clip string) bool {
	if !strings.HasPrefix(clip, "rect(") {
		return false
	}
	parts := strings.FieldsFunc(strings.TrimSuffix(strings.TrimPrefix(clip, "rect("), ")"), func(r rune) bool { return r == ',' || r == ' ' })
	if len(parts) != 4 {
		return false
	}
	var v [4]float64
	for i, s := range parts {
		if s == "auto" {
			return false
		}
		f, ok := cssPx(s)
		if !ok {
			return false
		}
		v[i] = f
	}
	return v[1]-v[3] <= 1 || v[2]-v[0] <= 1
}
