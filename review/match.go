package review

import "saavu/report"

// matchItems pairs the items of an older worksheet with those of newer
// results with the element identity the baseline uses (report.Match): an
// item is known by its rule, page (a ref or URL, compared by
// report.PageKey), element selector and snippet. It returns, for each new
// item, the index of its old item, or -1.
func matchItems(old, new []Item) []int {
	return report.Match(itemIdentities(old), itemIdentities(new))
}

func itemIdentities(items []Item) []report.Identity {
	ids := make([]report.Identity, len(items))
	for i, it := range items {
		ids[i] = report.NewIdentity(it.Rule, it.Page, it.Element, it.Snippet)
	}
	return ids
}
