package checks

import (
	"cmp"
	"slices"
	"strings"
)

// ConsistentIdentification looks for the same function named differently
// on different pages (WCAG 3.2.4): a link of a repeated navigation block
// to the same address, or the site search. Whether two names identify the
// function consistently ("Contact", "Contact us") is for a person to
// judge: the rule asks, it never fails.
var ConsistentIdentification = &SiteRule{
	ID:      "consistent-identification",
	Title:   "The same function is named the same on every page",
	Doc:     doc("consistent-identification"),
	HelpURL: understanding("3.2.4"),
	WCAG:    []string{"3.2.4"},
	Impact:  Moderate,
	Run:     runConsistentIdentification,
}

// maxNamings is how many differently named links or searches the rule
// reports for one block or search.
const maxNamings = 5

func runConsistentIdentification(pass *SitePass) error {
	s := pass.Site
	for _, g := range s.blockGroups() {
		if g.pages() < 2 {
			continue
		}
		var differ []string // addresses whose link is named differently, in the order found
		differs := map[string]bool{}
		compared := map[*variant]bool{}
		g.pairs(func(ref, other *variant) {
			if !sameBlock(ref, other) {
				return
			}
			compared[ref], compared[other] = true, true
			oh := other.byHref()
			for _, l := range ref.b.Links {
				h := l.Href
				if differs[h] || oh[h] == nil {
					continue
				}
				if s.namesDiffer(ref.byHref()[h], oh[h]) {
					differs[h] = true
					differ = append(differ, h)
				}
			}
		})
		if len(compared) == 0 && !g.repeated() {
			continue
		}
		if len(differ) == 0 {
			pass.Passed()
			continue
		}
		reported := 0
		for _, h := range differ {
			// The names the link has, each with its pages, the most
			// common first.
			type naming struct {
				links []NavLink
				pages []int
				block *NavBlock
			}
			var namings []*naming
			byKey := map[string]*naming{}
			for _, v := range g.variants {
				if !compared[v] {
					continue
				}
				links := v.byHref()[h]
				if len(links) == 0 {
					continue
				}
				var keys []string
				for _, l := range links {
					keys = append(keys, s.key(l.Name))
				}
				slices.Sort(keys)
				k := strings.Join(slices.Compact(keys), "\x00")
				n := byKey[k]
				if n == nil {
					n = &naming{links: links, block: v.b}
					byKey[k] = n
					namings = append(namings, n)
				}
				n.pages = append(n.pages, v.pages...)
			}
			slices.SortStableFunc(namings, func(a, b *naming) int { return cmp.Compare(len(b.pages), len(a.pages)) })
			ref := namings[0]
			for _, n := range namings[1:] {
				if reported == maxNamings {
					break
				}
				if !s.namesDiffer(ref.links, n.links) {
					continue
				}
				reported++
				at := s.atWith(n.pages, ref.pages, g.selector)
				at.Key = siteKey(g.lang, g.key, h, s.key(n.links[0].Name), s.key(ref.links[0].Name))
				pass.CantTell(at, "The link to %s in this navigation block (%s) is named %q on the pages listed and %q on the pages compared. Check that both names identify the same function; if they do, name the link the same on every page (a mark of the current page may be added).",
					h, describeBlock(n.block), n.links[0].Name, ref.links[0].Name)
			}
		}
	}
	searchIdentification(pass)
	return nil
}

// searchIdentification compares the names of the searches that send to
// the same address from the same part of the pages.
func searchIdentification(pass *SitePass) {
	s := pass.Site
	type where struct{ lang, action, region string }
	type naming struct {
		form  *SearchForm
		pages []int
	}
	groups := map[where][]*naming{}
	var order []where
	sel := map[where]map[int]string{}
	for i, p := range s.Pages {
		for _, f := range p.Search {
			if f.Action == "" && f.Region == "" {
				continue // nothing tells it is the same search on other pages
			}
			w := where{p.Lang, f.Action, f.Region}
			if _, ok := groups[w]; !ok {
				order = append(order, w)
				sel[w] = map[int]string{}
			}
			if _, ok := sel[w][i]; ok {
				continue // one search of the kind per page
			}
			sel[w][i] = f.Selector
			k := searchKey(f)
			j := slices.IndexFunc(groups[w], func(n *naming) bool { return searchKey(n.form) == k })
			if j < 0 {
				groups[w] = append(groups[w], &naming{form: f})
				j = len(groups[w]) - 1
			}
			groups[w][j].pages = append(groups[w][j].pages, i)
		}
	}
	for _, w := range order {
		namings := groups[w]
		if len(sel[w]) < 2 {
			continue // on one page only
		}
		if len(namings) == 1 {
			pass.Passed()
			continue
		}
		slices.SortStableFunc(namings, func(a, b *naming) int { return cmp.Compare(len(b.pages), len(a.pages)) })
		ref := namings[0]
		selector := func(i int) string { return sel[w][i] }
		for i, n := range namings[1:] {
			if i == maxNamings {
				break
			}
			these, those := searchDifference(n.form, ref.form)
			if len(these) == 0 {
				continue // only a name missing on one side: form-field-name's failure
			}
			at := s.atWith(n.pages, ref.pages, selector)
			at.Key = siteKey(w.lang, "search", w.action, w.region, searchKey(n.form))
			if w.action == "" {
				pass.CantTell(at, "The search that scripts handle is named differently on the pages listed (%s) than on the pages compared (%s). Check that it is identified the same way on every page: the same function needs the same names.",
					these, those)
				continue
			}
			pass.CantTell(at, "The search that sends to %s is named differently on the pages listed (%s) than on the pages compared (%s). Check that it is identified the same way on every page: the same function needs the same names.",
				w.action, these, those)
		}
	}
}

// searchKey is what names a search, as the rule compares names.
func searchKey(f *SearchForm) string {
	return nameKey(f.Label) + "\x00" + nameKey(f.Input) + "\x00" + nameKey(f.Button)
}

// searchDifference describes the names that differ between two searches.
// A name missing on one side is left out: an unnamed field or button is
// another rule's failure, not a different name.
func searchDifference(a, b *SearchForm) (these, those []Text) {
	differ := func(x, y string) bool { return nameKey(x) != "" && nameKey(y) != "" && nameKey(x) != nameKey(y) }
	if differ(a.Label, b.Label) {
		these, those = append(these, msg("search landmark %q", a.Label)), append(those, msg("search landmark %q", b.Label))
	}
	if differ(a.Input, b.Input) {
		these, those = append(these, msg("field %q", a.Input)), append(those, msg("field %q", b.Input))
	}
	if differ(a.Button, b.Button) {
		these, those = append(these, msg("button %q", a.Button)), append(those, msg("button %q", b.Button))
	}
	return these, those
}
