package checks

import (
	"regexp"
	"strings"
)

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
