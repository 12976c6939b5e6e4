package checks

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// How the site rules compare navigation blocks across pages.
//
// Pages are compared within a language. A block is known across pages by
// its key (NavBlock.Key). The pages that have the same block (same key)
// differ in small ways: the link to the current page is marked or left
// out, a section's sub-menu is open on its own pages. Each distinct
// version of a block is a variant; variants are compared in pairs, the
// most common ones against all the others (comparing every pair would
// take the square of the number of pages on a site where each page marks
// its own link).

// blockGroup is one navigation block (a language and a key) and its
// variants across the pages, the most common first.
type blockGroup struct {
	lang, key string
	variants  []*variant
}

type variant struct {
	b     *NavBlock
	pages []int                // indexes in Site.Pages, in report order
	links map[string][]NavLink // the block's links by address; see byHref
}

// byHref returns the variant's links by address, indexed on first use:
// the comparisons look addresses up rather than scan the links.
func (v *variant) byHref() map[string][]NavLink {
	if v.links == nil {
		v.links = make(map[string][]NavLink, len(v.b.Links))
		for _, l := range v.b.Links {
			v.links[l.Href] = append(v.links[l.Href], l)
		}
	}
	return v.links
}

// maxReferences is how many of the most common variants of a block are
// compared with every other variant.
const maxReferences = 30

// blockGroups groups the pages' navigation blocks, in the order the
// blocks are first met. The groups are made once, for all the rules.
func (s *Site) blockGroups() []*blockGroup {
	if s.groups == nil {
		s.groups = s.makeGroups()
	}
	return s.groups
}

func (s *Site) makeGroups() []*blockGroup {
	type gk struct{ lang, key string }
	byKey := map[gk]*blockGroup{}
	var order []*blockGroup
	vars := map[*NavBlock]*variant{}
	for i, p := range s.Pages {
		for _, b := range p.Nav {
			k := gk{p.Lang, b.Key}
			g := byKey[k]
			if g == nil {
				g = &blockGroup{lang: p.Lang, key: b.Key}
				byKey[k] = g
				order = append(order, g)
			}
			v := vars[b]
			if v == nil {
				v = &variant{b: b}
				vars[b] = v
				g.variants = append(g.variants, v)
			}
			if n := len(v.pages); n == 0 || v.pages[n-1] != i {
				v.pages = append(v.pages, i)
			}
		}
	}
	for _, g := range order {
		slices.SortStableFunc(g.variants, func(a, b *variant) int {
			return cmp.Or(cmp.Compare(len(b.pages), len(a.pages)), cmp.Compare(a.pages[0], b.pages[0]))
		})
	}
	return order
}

// selector returns the selector of the group's block on page i.
func (g *blockGroup) selector(i int) string {
	for _, v := range g.variants {
		if _, ok := slices.BinarySearch(v.pages, i); ok {
			return v.b.Selector
		}
	}
	return ""
}

// pages counts the pages a group's block is on.
func (g *blockGroup) pages() int {
	n := 0
	for _, v := range g.variants {
		n += len(v.pages)
	}
	return n
}

// repeated reports whether one version of the block, with at least two
// links, is on several pages: the same block, in the same order, named
// the same, however its other versions compare.
func (g *blockGroup) repeated() bool {
	for _, v := range g.variants {
		if len(v.pages) >= 2 && len(v.byHref()) >= 2 {
			return true
		}
	}
	return false
}

// pairs calls fn with the pairs of variants to compare: each of the
// maxReferences most common ones with every later one.
func (g *blockGroup) pairs(fn func(ref, other *variant)) {
	for i := 0; i < len(g.variants) && i < maxReferences; i++ {
		for j := i + 1; j < len(g.variants); j++ {
			fn(g.variants[i], g.variants[j])
		}
	}
}

// sameBlock reports whether two variants of a block are the same
// navigation: they share at least two addresses, and at least half of
// those of the smaller one. Blocks with the same key that share less
// (another section's menu, a block that changed completely) are
// different blocks, not a reordering.
func sameBlock(a, b *variant) bool {
	ha, hb := a.byHref(), b.byHref()
	if len(hb) < len(ha) {
		ha, hb = hb, ha
	}
	common := 0
	for h := range ha {
		if hb[h] != nil {
			common++
		}
	}
	return common >= 2 && 2*common >= len(ha)
}

// commonOrder returns the addresses that each block links to once, and
// both do, in the order of each block. A link the block repeats (a logo
// and a "Home" link to the same page) has no one place, so it is left
// out.
func commonOrder(a, b *variant) (inA, inB []string) {
	ha, hb := a.byHref(), b.byHref()
	for _, l := range a.b.Links {
		if len(ha[l.Href]) == 1 && len(hb[l.Href]) == 1 {
			inA = append(inA, l.Href)
		}
	}
	for _, l := range b.b.Links {
		if len(ha[l.Href]) == 1 && len(hb[l.Href]) == 1 {
			inB = append(inB, l.Href)
		}
	}
	return inA, inB
}

// firstSwap returns the first pair of addresses whose order differs: x
// comes before y in a, after it in b. ok is false when the orders agree.
func firstSwap(inA, inB []string) (x, y string, ok bool) {
	for i := range inA {
		if inA[i] != inB[i] {
			return inA[i], inB[i], true
		}
	}
	return "", "", false
}

// linkName returns the name of the block's link to href.
func linkName(b *NavBlock, href string) string {
	for _, l := range b.Links {
		if l.Href == href {
			return l.Name
		}
	}
	return ""
}

// describeBlock names a block in a message: its kind and its label, or
// without one its selector on a page.
func describeBlock(b *NavBlock) Text {
	var kind Text
	switch b.Kind {
	case BlockBanner:
		kind = msg("page header")
	case BlockFooter:
		kind = msg("page footer")
	case BlockMenu:
		kind = msg("menu")
	default:
		kind = msg("navigation")
	}
	if b.Label != "" {
		return msg("%s %q", kind, b.Label)
	}
	return msg("%s %s", kind, b.Selector)
}

// weakKey reports whether a block's key tells it apart from the page's
// other blocks only by its place: "navigation~2", or a navigation or menu
// with no label, id or class. Another block of a page without the first
// one may take its key.
func weakKey(b *NavBlock) bool {
	key, _, _ := strings.Cut(b.Key, "@")
	return strings.Contains(b.Key, "~") || (key == b.Kind && (b.Kind == BlockNavigation || b.Kind == BlockMenu))
}

// decoration matches the words sites add to the name of the link to the
// current page, or of a link that opens a new window.
var decoration = regexp.MustCompile(`(?i)\(?\s*(?:current page|current|selected|you are here|nykyinen sivu|valittu|olet tässä|tämä sivu|aktuell sida|vald|du är här|denna sida|opens in a new (?:window|tab)|avautuu uuteen (?:ikkunaan|välilehteen)|öppnas i ett nytt (?:fönster|flik))\s*\)?`)

// nameKey is a link's name as the site rules compare names: without the
// marks of the current page, numbers (a count of new items), case and
// punctuation.
func nameKey(s string) string {
	s = decoration.ReplaceAllString(strings.ToLower(s), " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// key is nameKey of a name, remembered: the same names come back on
// every page, and nameKey's pattern is slow.
func (s *Site) key(name string) string {
	if k, ok := s.keys[name]; ok {
		return k
	}
	if s.keys == nil {
		s.keys = map[string]string{}
	}
	k := nameKey(name)
	s.keys[name] = k
	return k
}

// sameName reports whether two names of a link name it the same: equal
// as nameKey compares them, or one of them is the link to the current
// page and its name is the other with words added ("Etusivu, olet
// tällä sivulla").
func (s *Site) sameName(a NavLink, b NavLink) bool {
	ka, kb := s.key(a.Name), s.key(b.Name)
	if ka == kb {
		return true
	}
	if ka == "" || kb == "" {
		return false
	}
	if a.Current && wordAffix(ka, kb) || b.Current && wordAffix(kb, ka) {
		return true
	}
	return false
}

// wordAffix reports whether short starts or ends long, at a word
// boundary.
func wordAffix(long, short string) bool {
	return strings.HasPrefix(long, short+" ") || strings.HasSuffix(long, " "+short)
}

// namesDiffer reports whether no link to the same address in a is named
// as one in b. Links without a name are left out: an unnamed link is
// link-name's failure, not a different name.
func (s *Site) namesDiffer(a, b []NavLink) bool {
	named := func(l NavLink) bool { return s.key(l.Name) != "" }
	if !slices.ContainsFunc(a, named) || !slices.ContainsFunc(b, named) {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if s.sameName(x, y) {
				return false
			}
		}
	}
	return true
}
