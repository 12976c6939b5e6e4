package checks

// ConsistentNavigation checks that navigation repeated on the pages of a
// site keeps its links in the same relative order (WCAG 3.2.3). Links may
// be added or left out (an open sub-menu, the current page's link); two
// links that swap places fail.
var ConsistentNavigation = &SiteRule{
	ID:      "consistent-navigation",
	Title:   "Navigation repeated on the pages keeps the same relative order",
	Doc:     doc("consistent-navigation"),
	HelpURL: understanding("3.2.3"),
	WCAG:    []string{"3.2.3"},
	Impact:  Moderate,
	Run:     runConsistentNavigation,
}

// maxSwaps is how many different reorderings of one block are reported.
const maxSwaps = 5

func runConsistentNavigation(pass *SitePass) error {
	s := pass.Site
	for _, g := range s.blockGroups() {
		if g.pages() < 2 {
			continue // not repeated
		}
		type swap struct {
			ref  *variant
			x, y string // x before y in ref, after it in the others
		}
		var swaps []swap
		odd := map[swap][]*variant{}
		conflicted := map[*variant]bool{}
		compared := map[*variant]bool{}
		g.pairs(func(ref, other *variant) {
			if conflicted[ref] || !sameBlock(ref, other) {
				return
			}
			inRef, inOther := commonOrder(ref, other)
			if len(inRef) < 2 {
				return
			}
			compared[ref], compared[other] = true, true
			x, y, ok := firstSwap(inRef, inOther)
			if !ok || conflicted[other] {
				return
			}
			conflicted[other] = true
			k := swap{ref, x, y}
			if odd[k] == nil {
				swaps = append(swaps, k)
			}
			odd[k] = append(odd[k], other)
		})
		if len(compared) == 0 && !g.repeated() {
			continue
		}
		if len(swaps) == 0 {
			pass.Passed()
			continue
		}
		comparedPages, oddPages := 0, 0
		for v := range compared {
			comparedPages += len(v.pages)
			if conflicted[v] {
				oddPages += len(v.pages)
			}
		}
		if len(swaps) >= 3 && 2*oddPages > comparedPages {
			// The order changes from page to page: a block of changing
			// content (news, featured items) more likely than navigation.
			var pages []int
			ref := swaps[0].ref
			for _, k := range swaps {
				for _, v := range odd[k] {
					pages = append(pages, v.pages...)
				}
			}
			at := s.atWith(pages, ref.pages, g.selector)
			at.Key = siteKey(g.lang, g.key)
			pass.CantTell(at, "The links of this block (%s) are in a different order on most pages (%d of the %d pages compared). If it is navigation, keep its links in the same relative order on every page; if its content changes by itself (news, featured items), WCAG 3.2.3 does not apply to it.",
				describeBlock(ref.b), oddPages, comparedPages)
			continue
		}
		for i, k := range swaps {
			if i == maxSwaps {
				break
			}
			var pages []int
			for _, v := range odd[k] {
				pages = append(pages, v.pages...)
			}
			other := odd[k][0].b
			at := s.atWith(pages, k.ref.pages, g.selector)
			at.Key = siteKey(g.lang, g.key, k.x, k.y)
			if weakKey(other) {
				// Known only by its place: perhaps another block.
				pass.CantTell(at, "This navigation block (%s) seems to list its links in a different order than on other pages: %q comes before %q on the pages listed, after it on the pages compared. saavu tells this block from the page's others only by its place on the page: check that it is the same navigation on those pages; if it is, put its links in the same order on every page.",
					describeBlock(other), nameOr(linkName(other, k.y), k.y), nameOr(linkName(other, k.x), k.x))
				continue
			}
			pass.Failed(at, "This navigation block (%s) lists its links in a different order than on other pages: %q comes before %q on the pages listed, after it on the pages compared. Navigation repeated on several pages must keep its links in the same relative order (links may be added or left out): put them in the same order on every page.",
				describeBlock(other), nameOr(linkName(other, k.y), k.y), nameOr(linkName(other, k.x), k.x))
		}
	}
	return nil
}

// nameOr returns name, or the address when the link has no name.
func nameOr(name, href string) string {
	if name == "" {
		return href
	}
	return name
}
