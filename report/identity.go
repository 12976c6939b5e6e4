package report

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// An Identity says which element of an audit a result is about, in a form
// that two audits of the same site (a baseline and a later run, two
// worksheets, two crawls) can compare: "this is the same failing element".
// It is the rule, the page (PageKey) and a Fingerprint of the element.
// Make one with NewIdentity, or with a PageKey and NewFingerprint when
// many elements share a page; compare lists of them with Match.
//
// docs/identity.md describes it for users.
type Identity struct {
	Rule    string
	Page    string // PageKey of the page's address
	Element Fingerprint
}

// NewIdentity returns the identity of an element: rule, the address of
// its page (a URL, a local path, or a worksheet's page ref), and its
// selector and HTML snippet as the report has them.
func NewIdentity(rule, page, selector, snippet string) Identity {
	return Identity{Rule: rule, Page: PageKey(page), Element: NewFingerprint(selector, snippet)}
}

// PageKey returns the page part of an element identity: the cleaned path
// and the query with its parameters sorted. The host policy is here, and
// only here: scheme, host, port and fragment are ignored, so a baseline
// made on a staging site (http://staging.example.fi:8080/palvelut) holds
// on production (https://www.example.fi/palvelut), and ?b=2&a=1 is ?a=1&b=2.
//
// What that means for two sites on one host (or one audit of two hosts):
// sites under different paths (example.fi/kunta-a/ and example.fi/kunta-b/)
// keep apart, because the path is kept; sites that differ only by host or
// port (a.example.fi/ and b.example.fi/, localhost:8080 and :8081) do not.
// Their pages of the same path are one page to the identity, so keep one
// baseline per such site, made from an audit of that site alone. Within
// one report the elements of pages that share a key are counted together.
//
// A local file ("site/index.html") keys as its path ("/site/index.html"),
// and a value that is not a URL as itself.
func PageKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	key := path.Clean("/" + u.Path)
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			key += "?" + u.RawQuery
		} else {
			key += "?" + q.Encode()
		}
	}
	return key
}

// A Fingerprint is the element part of an identity: its selector and its
// HTML snippet, normalised so that what changes from run to run without
// the element changing does not count. White space runs are one space,
// and ids that a framework generates per page or per render (ember1234,
// React's :r5:, uuid-like ones) have their generated parts replaced
// (ember0, :r0:, x) in the selector and in the snippet's id-valued
// attributes (id, for, headers, aria-*); meaningful ids (#main, #haku,
// content-2) are kept.
//
// The fingerprint survives one small change at a time, through the tiers
// of Match: an element moved (a new sibling above it shifts its
// :nth-of-type) keeps its snippet; an element whose text or attributes
// changed keeps its selector. An element that both moved and changed is a
// new element.
type Fingerprint struct {
	Selector string // normalised: "#ember0 > a"
	Snippet  string // normalised: `<a id="ember0" href="/x">…</a>`
	// Exact is the selector as written, with white space runs made one
	// space: "#ember1234 > a". The selector tier of Match compares it and
	// not Selector: once generated ids are normalised away a selector
	// can name many elements ("#ember0" is any element with a generated
	// id of that form), so alone it says which element only as written.
	Exact string
}

// NewFingerprint returns the fingerprint of an element from its selector
// and snippet as the report has them.
func NewFingerprint(selector, snippet string) Fingerprint {
	exact := collapseSpace(selector)
	return Fingerprint{Selector: normSelector(exact), Snippet: normSnippet(snippet), Exact: exact}
}

// Key returns the normalised selector and snippet as one string: the
// elements of two pages with the same key are the same element of a
// shared template (the grouping's key across pages builds on it).
func (f Fingerprint) Key() string { return f.Selector + "\x00" + f.Snippet }

// Match pairs the elements of an earlier run (old) with those of a later
// one (new), and returns, for each new element, the index of the old
// element it is, or -1 for an element the earlier run did not have. Old
// elements that no new one got are gone (fixed, or no longer there).
//
// Only elements of the same rule on the same page (PageKey) match, in
// three tiers:
//  1. the same selector and snippet (both normalised); else
//  2. the same snippet (the element moved: a new element above it shifted
//     an :nth-of-type); else
//  3. the same selector as written (Fingerprint.Exact: the element's text
//     or attributes changed).
//
// Each tier runs over all the new elements, in order, before the next, and
// each old element matches one new element at most, the first in order:
// a page that gains a second copy of an old element has one new element.
// The pairing depends only on the order of the lists.
func Match(old, new []Identity) []int {
	out := make([]int, len(new))
	for i := range out {
		out[i] = -1
	}
	used := make([]bool, len(old))
	tiers := []func(id Identity) string{
		func(id Identity) string { return id.Element.Key() },
		func(id Identity) string { return id.Element.Snippet },
		func(id Identity) string { return id.Element.Exact },
	}
	for _, tier := range tiers {
		// The old elements not yet matched, by key, in order.
		left := map[string][]int{}
		for j, o := range old {
			if !used[j] {
				k := o.Rule + "\x00" + o.Page + "\x00" + tier(o)
				left[k] = append(left[k], j)
			}
		}
		if len(left) == 0 {
			break
		}
		for i, n := range new {
			if out[i] >= 0 {
				continue
			}
			k := n.Rule + "\x00" + n.Page + "\x00" + tier(n)
			if js := left[k]; len(js) > 0 {
				out[i], used[js[0]] = js[0], true
				left[k] = js[1:]
			}
		}
	}
	return out
}

// collapseSpace makes every run of white space one space and trims the
// ends.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// digitRun and hexRun find the generated parts of an id (see normID).
var (
	digitRun = regexp.MustCompile(`[0-9]+`)
	hexRun   = regexp.MustCompile(`[0-9a-fA-F]{8,}`)
)

// normID returns id with its generated parts replaced: digit runs by 0 and
// long hex runs by x, when the id looks generated (React's :r1:, and ids
// with three or more digits or a long hex run with a digit: ember1234,
// yui_3_18_1_1_17, 3f2a9c1e…); otherwise id itself.
func normID(id string) string {
	digits := 0
	for _, c := range id {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	generated := strings.Contains(id, ":") || digits >= 3 || (digits > 0 && hexRun.MatchString(id))
	if !generated {
		return id
	}
	id = hexRun.ReplaceAllStringFunc(id, func(s string) string {
		if strings.IndexFunc(s, func(c rune) bool { return c >= '0' && c <= '9' }) < 0 {
			return s // a plain word
		}
		return "x"
	})
	return digitRun.ReplaceAllString(id, "0")
}

// idStep matches an id in a selector: # then a CSS identifier, with
// backslash escapes.
var idStep = regexp.MustCompile(`#((?:\\[0-9a-fA-F]{1,6} ?|\\.|[^\s>+~.#:\[\\])+)`)

// normSelector normalises the generated ids in a selector whose white
// space is already collapsed.
func normSelector(sel string) string {
	return idStep.ReplaceAllStringFunc(sel, func(step string) string {
		id := cssUnescape(step[1:])
		if n := normID(id); n != id {
			return "#" + n
		}
		return step
	})
}

// cssUnescape undoes the escapes of a CSS identifier (\: and \33 ).
func cssUnescape(s string) string {
	return cssEscape.ReplaceAllStringFunc(s, func(e string) string {
		e = strings.TrimSpace(e[1:])
		if n, err := strconv.ParseUint(e, 16, 32); err == nil && len(e) > 0 && strings.Trim(e, "0123456789abcdefABCDEF") == "" {
			return string(rune(n))
		}
		return e
	})
}

var cssEscape = regexp.MustCompile(`\\(?:[0-9a-fA-F]{1,6} ?|.)`)

// idAttr matches the attributes of a snippet that hold ids.
var idAttr = regexp.MustCompile(`(\s(?:id|for|headers|aria-[a-z]+)=")([^"]*)"`)

// normSnippet normalises the spacing of a snippet and the generated ids in
// its id-valued attributes.
func normSnippet(s string) string {
	s = collapseSpace(s)
	return idAttr.ReplaceAllStringFunc(s, func(a string) string {
		m := idAttr.FindStringSubmatch(a)
		ids := strings.Fields(m[2])
		for i, id := range ids {
			ids[i] = normID(id)
		}
		return m[1] + strings.Join(ids, " ") + `"`
	})
}
