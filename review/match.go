package review

import (
	"net/url"
	"path"
	"slices"
	"strings"
)

// The element identity of the worksheet, in one place so that it can be
// replaced by the project's shared one: a page is known by its path and
// query (host ignored, as report/baseline.go does), an element by its
// rule, page, selector and snippet.

// ItemKey identifies an item (a cantTell element) across runs.
type ItemKey struct {
	Rule     string
	Page     string // a page ref or URL; compared by pageKey
	Selector string
	Snippet  string
}

// matchItems pairs the items of an older worksheet with those of newer
// results, as the baseline matches failures (report/baseline.go match):
// within the same rule and page, first by selector and snippet, then by
// snippet alone (the selector moved), then by selector alone (the
// content changed). Each old item matches at most one new item. It
// returns, for each new item, the index of its old item, or -1.
func matchItems(old, new []ItemKey) []int {
	out := make([]int, len(new))
	for i := range out {
		out[i] = -1
	}
	used := make([]bool, len(old))
	passes := []func(o, n ItemKey) bool{
		func(o, n ItemKey) bool { return o.Selector == n.Selector && sameSnippet(o.Snippet, n.Snippet) },
		func(o, n ItemKey) bool { return sameSnippet(o.Snippet, n.Snippet) },
		func(o, n ItemKey) bool { return o.Selector == n.Selector },
	}
	for _, same := range passes {
		for i, n := range new {
			if out[i] >= 0 {
				continue
			}
			j := slices.IndexFunc(old, func(o ItemKey) bool { return o.Rule == n.Rule && pageKey(o.Page) == pageKey(n.Page) && same(o, n) })
			for j >= 0 && used[j] {
				k := slices.IndexFunc(old[j+1:], func(o ItemKey) bool { return o.Rule == n.Rule && pageKey(o.Page) == pageKey(n.Page) && same(o, n) })
				if k < 0 {
					j = -1
					break
				}
				j += 1 + k
			}
			if j >= 0 {
				out[i], used[j] = j, true
			}
		}
	}
	return out
}

// pageKey is what identifies a page across runs: the cleaned path and
// the query with its parameters sorted; no scheme, host or fragment. A
// ref that is already a path ("/asuminen") keys as itself.
func pageKey(raw string) string {
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

// sameSnippet compares snippets with runs of white space made one space.
func sameSnippet(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}
