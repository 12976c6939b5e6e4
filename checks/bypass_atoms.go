package checks

import (
	"regexp"
	"strings"
)

// The three ways to let people skip the blocks repeated on every page
// (navigation, header, sidebars), checked one by one. WCAG 2.4.1 needs
// only one of them, which the rule bypass checks; each of these is an
// extra rule, a best practice that no success criterion requires alone.

// ContentHeading checks that a heading starts the main content (ACT
// 047fe0).
var ContentHeading = &Rule{
	ID:      "content-heading",
	Title:   "A heading starts the main content",
	Doc:     doc("content-heading"),
	HelpURL: actRule("047fe0"),
	ACT:     []string{"047fe0"},
	Impact:  Minor,
	Run:     runContentHeading,
	Extra:   true,
}

// ContentLandmark checks that the main content is in a landmark, such as
// <main> (ACT b40fd1).
var ContentLandmark = &Rule{
	ID:      "content-landmark",
	Title:   "The main content is in a main landmark",
	Doc:     doc("content-landmark"),
	HelpURL: actRule("b40fd1"),
	ACT:     []string{"b40fd1"},
	Impact:  Minor,
	Run:     runContentLandmark,
	Extra:   true,
}

// SkipLink checks that a link before the repeated blocks moves keyboard
// focus to the main content (ACT ye5d6e).
var SkipLink = &Rule{
	ID:      "skip-link",
	Title:   "A skip link leads to the main content",
	Doc:     doc("skip-link"),
	HelpURL: actRule("ye5d6e"),
	ACT:     []string{"ye5d6e"},
	Impact:  Minor,
	Run:     runSkipLink,
	Extra:   true,
}

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

func runContentHeading(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	if rd.first == nil || rd.repeated == 0 {
		pass.Passed(rd.root) // nothing comes before the content: nothing to skip
		return nil
	}
	var hidden, banner bool
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Exposed() || n.Role() != "heading" || !n.Rendered() || !hasName(n) {
			continue
		}
		switch {
		case withinRole(n, "navigation", "complementary", "search") || n.Closest("nav", "aside") != nil:
		case !visibleBox(n):
			hidden = true
		case withinRole(n, "banner", "contentinfo"):
			banner = true
		default:
			pass.Passed(rd.root)
			return nil
		}
	}
	switch {
	case banner:
		pass.CantTell(rd.root, "The only headings outside the navigation are in the page header or footer. Check that one of them starts the main content; if not, start the main content with a heading (<h1>).")
	case !rd.substantial():
		pass.CantTell(rd.root, "%s", rd.littleBefore(msg("start the main content with a heading (<h1>), so that screen reader users can jump to it.")))
	case hidden:
		pass.Failed(rd.root, "The headings of the content are hidden from view (only screen readers find them), so sighted keyboard users and people using headings with other tools have no heading at the start of the main content. Make the heading that starts the main content visible.")
	default:
		pass.Failed(rd.root, "No heading starts the main content: the page's headings are all in its navigation or sidebars, or it has none. Screen reader users jump from heading to heading to skip the navigation. Start the main content with a heading (<h1>) that says what the page is about.")
	}
	return nil
}

func runContentLandmark(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	if rd.first == nil || rd.repeated == 0 {
		pass.Passed(rd.root) // nothing comes before the content: nothing to skip
		return nil
	}
	other := false
	for _, n := range p.Elements() {
		if n.Frame != 0 || !n.Exposed() || !n.Rendered() {
			continue
		}
		switch n.Role() {
		case "main":
			pass.Passed(rd.root)
			return nil
		case "region", "form":
			other = true
		}
	}
	for e := rd.first.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Exposed() && (e.Role() == "region" || e.Role() == "form") {
			pass.Passed(rd.root) // the content starts in a named region
			return nil
		}
	}
	switch {
	case other:
		pass.CantTell(rd.root, "The page has no main landmark, but it has other landmarks (regions or forms). Check that the main content is in one of them; better, wrap the main content in <main>.")
	case !rd.substantial():
		pass.CantTell(rd.root, "%s", rd.littleBefore(msg("wrap the main content in <main>, so that screen reader users can jump to it.")))
	default:
		pass.Failed(rd.root, "The main content is not in a main landmark, so screen reader users cannot jump past the navigation to it. Wrap the main content in <main> (only one per page, and not hidden with aria-hidden).")
	}
	return nil
}

func runSkipLink(pass *Pass) error {
	p := pass.Page
	rd := readContent(p)
	if rd == nil {
		return nil
	}
	if rd.first == nil || rd.repeated == 0 {
		pass.Passed(rd.root) // nothing comes before the content: nothing to skip
		return nil
	}
	links := rd.inPage
	for _, n := range rd.scripted {
		if scriptFragment(n) != "" {
			links = append(links, n)
		}
	}
	var broken []Text
	var dubious []string
	for _, a := range links {
		frag := inPageLink(a)
		if frag == "" {
			frag = scriptFragment(a)
		}
		label := "\"" + snippetText(a) + "\""
		target := fragmentTarget(p, frag)
		switch {
		case target == nil:
			broken = append(broken, msg(`%s points to #%s, but the page has no element with id="%s"`, label, frag, frag))
		case landsOnContent(target, rd.first, rd.order, rd.texts):
			pass.Passed(rd.root)
			return nil
		case repeatedRegionOf(target) != nil && repeatedRegionOf(target) != repeatedRegionOf(rd.first):
			broken = append(broken, msg("%s (#%s) leads into the navigation, header, sidebar or footer", label, frag))
		default:
			dubious = append(dubious, label+" (#"+frag+")")
		}
	}
	switch {
	case len(dubious) > 0:
		pass.CantTell(rd.root, "Check that the link %s takes keyboard users past the repeated blocks to the start of the main content.", strings.Join(dubious, ", "))
	case !rd.substantial():
		pass.CantTell(rd.root, "%s", rd.littleBefore(msg("add a \"Skip to content\" link as the first link of the page.")))
	default:
		var bad Text
		if len(broken) > 0 {
			bad = msg(" The link %s.", broken)
		}
		pass.Failed(rd.root, "No link at the top of the page moves keyboard focus to the main content, so keyboard users must tab through every link of the navigation on every page.%s Add a \"Skip to content\" link as the first link of the page, pointing to the start of the main content: <a href=\"#main\">Skip to content</a> … <main id=\"main\">. It may stay hidden until it gets focus.", bad)
	}
	return nil
}

// repeatedRegionOf returns the closest navigation, header, sidebar or
// footer that holds n, or nil.
func repeatedRegionOf(n *Node) *Node {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Type == ElementNode && repeatedRegion(e) {
			return e
		}
	}
	return nil
}

// scriptFragment returns the fragment a control's click handler moves to
// (onclick="location.assign('#main')", location.href='#main',
// location.hash='main'), or "".
func scriptFragment(n *Node) string {
	m := locationFragment.FindStringSubmatch(n.AttrOr("onclick", ""))
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

var locationFragment = regexp.MustCompile(`location(?:\.href)?\s*(?:=|\.assign\(|\.replace\()\s*['"]#([A-Za-z][\w:.-]*)['"]|location\.hash\s*=\s*['"]#?([A-Za-z][\w:.-]*)['"]`)
