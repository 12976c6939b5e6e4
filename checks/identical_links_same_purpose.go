package checks

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// IdenticalLinksSamePurpose checks that links with the same name in the
// same context lead to the same place (ACT fd3a94). Whether two different
// pages serve the same purpose is for a person to judge, so saavu passes
// links with the same target and asks a person about the others; it never
// reports a failure.
var IdenticalLinksSamePurpose = &Rule{
	ID:      "identical-links-same-purpose",
	Title:   "Links with the same name and context lead to the same place",
	Doc:     doc("identical-links-same-purpose"),
	HelpURL: understanding("2.4.4"),
	WCAG:    []string{"2.4.4"},
	ACT:     []string{"fd3a94"},
	Impact:  Moderate,
	Run:     runIdenticalLinksSamePurpose,
}

// ACT fd3a94 applies to sets of two or more links in the accessibility
// tree with the same accessible name and the same programmatically
// determined link context (the paragraph, list item or table cell around
// them, and their description). It passes when they serve an equivalent
// purpose.
func runIdenticalLinksSamePurpose(pass *Pass) error {
	p := pass.Page
	if htmlRoot(p) == nil {
		return nil
	}
	base, _ := url.Parse(p.FinalURL)
	if p.FinalURL == "" {
		base, _ = url.Parse(p.URL)
	}
	type key struct{ name, context string }
	groups := map[key][]*Node{}
	var order []key
	for _, n := range allElements(p) {
		if n.Frame != 0 || !n.Exposed() || !linkRoles[n.Role()] || !hasName(n) {
			continue
		}
		k := key{strings.ToLower(collapse(n.AccessibleName())), linkContext(n)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	for _, k := range order {
		links := groups[k]
		if len(links) < 2 {
			continue
		}
		var targets []string
		unknown := false
		for _, n := range links {
			t := linkTarget(n, base)
			if t == "" {
				unknown = true
				continue
			}
			if !slices.Contains(targets, t) {
				targets = append(targets, t)
			}
		}
		name := truncate(collapse(links[0].AccessibleName()), 60)
		for _, n := range links {
			switch {
			case !unknown && len(targets) == 1:
				pass.Passed(n)
			case unknown:
				pass.CantTell(n, "%d links here are named %q in the same context, and saavu cannot tell where some of them lead (they have no href, or go by script). Check that they do the same thing; if they do not, give each a name that says where it goes.", len(links), name)
			default:
				pass.CantTell(n, "%d links here are named %q in the same context but lead to different addresses (%s). Check that those pages serve the same purpose; if not, give each link a name that says where it goes (e.g. \"Contact us by chat\", \"Contact us by phone\").", len(links), name, joinAnd(shortURLs(targets, base)))
			}
		}
	}
	return nil
}

// linkContext returns the text of a link's programmatically determined
// context: its closest paragraph, list item or table row (or, without
// one, its closest block), and its description.
func linkContext(n *Node) string {
	ctx := (*Node)(nil)
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Is("p", "li", "td", "th", "dd", "dt") {
			ctx = e
			break
		}
		switch e.Role() {
		case "paragraph", "listitem", "cell", "gridcell", "rowheader", "columnheader":
			ctx = e
		}
		if ctx != nil {
			break
		}
	}
	if ctx == nil {
		for e := n.ParentElement(); e != nil; e = e.ParentElement() {
			if d := e.Style("display"); e.Namespace == "" && d != "" && d != "inline" && d != "contents" {
				ctx = e
				break
			}
		}
	}
	if ctx != nil && (ctx.Is("td", "th") || ctx.Role() == "cell" || ctx.Role() == "gridcell") {
		// The header cells of the cell are part of the context: take the
		// whole row, which holds its row header.
		if row := ctx.ParentElement(); row != nil && (row.Is("tr") || row.Role() == "row") {
			ctx = row
		}
	}
	text := ""
	if ctx != nil {
		text = strings.ToLower(collapse(ctx.TextContent()))
	}
	if n.AX != nil && n.AX.Description != "" {
		text += "\x00" + strings.ToLower(collapse(n.AX.Description))
	}
	return text
}

// linkTarget returns the absolute address a link leads to, or "" when
// saavu cannot tell.
func linkTarget(n *Node, base *url.URL) string {
	href, ok := n.Attr("href")
	if !ok {
		href, ok = n.Attr("xlink:href")
	}
	if !ok {
		m := scriptLocation.FindStringSubmatch(n.AttrOr("onclick", ""))
		if m == nil {
			return ""
		}
		href = m[1]
	}
	href = strings.TrimSpace(href)
	if strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	// A place on another page serves the purpose of that page; places on
	// this page are told apart.
	if base == nil || u.Scheme != base.Scheme || u.Host != base.Host || u.Path != base.Path || u.RawQuery != base.RawQuery {
		u.Fragment, u.RawFragment = "", ""
	}
	return u.String()
}

var scriptLocation = regexp.MustCompile(`^\s*(?:window\.|document\.)?location(?:\.href)?\s*(?:=\s*|\.assign\(\s*)['"]([^'"]+)['"]\s*\)?\s*;?\s*$`)

// shortURLs returns the addresses relative to the page's host where they
// are on it, at most three of them.
func shortURLs(targets []string, base *url.URL) []string {
	var out []string
	for i, t := range targets {
		if i == 3 {
			out[len(out)-1] += " …"
			break
		}
		if u, err := url.Parse(t); err == nil && base != nil && u.Host == base.Host && u.Scheme == base.Scheme {
			u.Scheme, u.Host = "", ""
			t = u.String()
		}
		out = append(out, t)
	}
	return out
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
