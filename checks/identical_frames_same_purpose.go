package checks

import (
	"net/url"
	"slices"
	"strings"
)

// IdenticalFramesSamePurpose checks that iframes with the same accessible
// name embed equivalent content (ACT 4b1c6c). Frames that embed the same
// address, or documents with the same text, pass; whether two different
// documents serve the same purpose is for a person to judge, so saavu
// asks about those and never reports a failure.
var IdenticalFramesSamePurpose = &Rule{
	ID:      "identical-frames-same-purpose",
	Title:   "Frames with the same name show the same content",
	Doc:     doc("identical-frames-same-purpose"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"4b1c6c"},
	Impact:  Moderate,
	Run:     runIdenticalFramesSamePurpose,
}

// ACT 4b1c6c applies to sets of two or more iframe elements in the
// accessibility tree, in the page or in its frames, with the same
// accessible name. It passes when they embed equivalent resources.
func runIdenticalFramesSamePurpose(pass *Pass) error {
	p := pass.Page
	groups := map[string][]*Node{}
	var order []string
	for _, n := range allElements(p) {
		if !n.Is("iframe") || !n.Exposed() || programmaticallyHidden(n) || !hasName(n) {
			continue
		}
		k := strings.ToLower(collapse(n.AccessibleName()))
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	for _, k := range order {
		frames := groups[k]
		if len(frames) < 2 {
			continue
		}
		var addrs, texts []string
		textsKnown := true
		for _, n := range frames {
			if a := frameAddress(p, n); !slices.Contains(addrs, a) {
				addrs = append(addrs, a)
			}
			doc := n.ContentDocument()
			if doc == nil {
				textsKnown = false
				continue
			}
			if t := collapse(doc.TextContent()); !slices.Contains(texts, t) {
				texts = append(texts, t)
			}
		}
		name := truncate(collapse(frames[0].AccessibleName()), 60)
		for _, n := range frames {
			switch {
			case len(addrs) == 1 && addrs[0] != "":
				pass.Passed(n) // the same document
			case textsKnown && len(texts) == 1:
				pass.Passed(n) // copies of one document
			default:
				pass.CantTell(n, "%d frames on this page are named %q but show different content. Check that they serve the same purpose; if not, give each frame a title that says what is in it (e.g. \"Map: library\", \"Map: swimming hall\").", len(frames), name)
			}
		}
	}
	return nil
}

// frameAddress is the absolute address an iframe embeds (its src
// resolved against the address of the document it is in), without the
// fragment; "" when it has none (srcdoc, or no src).
func frameAddress(p *Page, n *Node) string {
	if n.HasAttr("srcdoc") {
		return ""
	}
	src, ok := n.Attr("src")
	if !ok || strings.TrimSpace(src) == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return ""
	}
	if base := documentAddress(p, n.Frame); base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// documentAddress is the address of the document at index doc: the
// page's for 0, else that of the iframe holding it (a srcdoc frame has
// the address of the document around it).
func documentAddress(p *Page, doc int) *url.URL {
	if doc > 0 && doc < len(p.Nodes) {
		if holder := p.Nodes[doc].Parent; holder >= 0 && holder < len(p.Nodes) {
			frame := p.Nodes[holder]
			if a := frameAddress(p, frame); a != "" {
				u, _ := url.Parse(a)
				return u
			}
			if frame.Frame != doc { // an outer document: frames nest without cycles
				return documentAddress(p, frame.Frame)
			}
		}
	}
	page := p.FinalURL
	if page == "" {
		page = p.URL
	}
	u, err := url.Parse(page)
	if err != nil {
		return nil
	}
	return u
}
