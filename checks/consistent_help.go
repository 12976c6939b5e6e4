package checks

import (
	"cmp"
	"slices"
	"strings"
)

// ConsistentHelp checks that help repeated on the pages of a site (contact
// details, a contact page or form, a chat, a help page or FAQ) is in the
// same place relative to the other content of each page (WCAG 3.2.6, new
// in WCAG 2.2). A mechanism may be missing from some pages; one that is in
// the page header on some pages and in the footer on others, or two that
// swap places in the same block, fail.
var ConsistentHelp = &SiteRule{
	ID:      "consistent-help",
	Title:   "Help repeated on the pages is in the same place relative to the other content",
	Doc:     doc("consistent-help"),
	HelpURL: understanding("3.2.6"),
	WCAG:    []string{"3.2.6"},
	Impact:  Moderate,
	Run:     runConsistentHelp,
}

// maxHelpFindings is how many findings the rule reports.
const maxHelpFindings = 10

// helpMechanism is one help mechanism (a language, a kind and a target)
// and the pages it is on.
type helpMechanism struct {
	lang, kind, target string
	pages              []int          // indexes in Site.Pages, in report order
	at                 map[int][]Help // its occurrences on each page, one per block
}

func (m *helpMechanism) selector(i int) string {
	if hs := m.at[i]; len(hs) > 0 {
		return hs[0].Selector
	}
	return ""
}

// helpMechanisms groups the pages' help mechanisms, in the order first met.
func (s *Site) helpMechanisms() []*helpMechanism {
	type key struct{ lang, kind, target string }
	byKey := map[key]*helpMechanism{}
	var out []*helpMechanism
	for i, p := range s.Pages {
		for _, h := range p.Help {
			k := key{p.Lang, h.Kind, h.Target}
			m := byKey[k]
			if m == nil {
				m = &helpMechanism{lang: p.Lang, kind: h.Kind, target: h.Target, at: map[int][]Help{}}
				byKey[k] = m
				out = append(out, m)
			}
			if n := len(m.pages); n == 0 || m.pages[n-1] != i {
				m.pages = append(m.pages, i)
			}
			m.at[i] = append(m.at[i], h)
		}
	}
	return out
}

// helpSide is where a help mechanism is relative to the main content:
// before, in or after it, or "" when saavu cannot tell; certain is false
// when saavu is unsure of the block it is in or found it in the text.
func helpSide(h Help) (side string, certain bool) {
	base := regionKind(h.Region)
	side = h.Place
	if side == "" {
		switch base {
		case "banner", "header":
			side = "before"
		case "contentinfo", "footer":
			side = "after"
		}
	}
	switch raw, _, _ := strings.Cut(h.Region, "~"); raw {
	case "banner", "contentinfo", "navigation", "complementary", "main":
		return side, h.Place != "" && !h.Text
	}
	return side, false // a container named header or footer, or no block
}

// regionKind is a Help.Region without its ordinal, with the containers
// named header and footer taken for the landmarks.
func regionKind(region string) string {
	base, _, _ := strings.Cut(region, "~")
	switch base {
	case "header":
		return "banner"
	case "footer":
		return "contentinfo"
	}
	return base
}

// strongRegion reports whether saavu knows a block of the page for sure:
// a landmark, the only one of its kind at the top level of the page.
func strongRegion(region string) bool {
	switch region {
	case "banner", "contentinfo", "navigation", "complementary":
		return true
	}
	return false
}

func runConsistentHelp(pass *SitePass) error {
	s := pass.Site
	var repeated []*helpMechanism
	for _, m := range s.helpMechanisms() {
		if len(m.pages) >= 2 {
			repeated = append(repeated, m)
		}
	}
	findings := 0
	for _, m := range repeated {
		if findings >= maxHelpFindings {
			return nil
		}
		if s.helpPlace(pass, m) {
			findings++
			continue
		}
		pass.Passed()
	}
	for i, a := range repeated {
		for _, b := range repeated[i+1:] {
			if findings >= maxHelpFindings {
				return nil
			}
			if a.lang == b.lang && s.helpOrder(pass, a, b) {
				findings++
			}
		}
	}
	return nil
}

// helpPlace compares where the mechanism is on its pages, relative to
// the main content: the pages where it is in none of the places it is on
// the most pages fail, or are to check when saavu is unsure. It reports
// whether it found something.
func (s *Site) helpPlace(pass *SitePass, m *helpMechanism) bool {
	type group struct {
		sides   []string
		pages   []int
		certain bool
	}
	var groups []*group
	var unsure []int // pages where saavu cannot tell the side of every occurrence
	for _, i := range m.pages {
		var sides []string
		certain, known := true, true
		for _, h := range m.at[i] {
			side, sure := helpSide(h)
			if side == "" {
				known = false
			}
			certain = certain && sure
			sides = append(sides, side)
		}
		if !known {
			unsure = append(unsure, i)
			continue
		}
		slices.Sort(sides)
		sides = slices.Compact(sides)
		j := slices.IndexFunc(groups, func(g *group) bool { return slices.Equal(g.sides, sides) })
		if j < 0 {
			groups = append(groups, &group{sides: sides, certain: true})
			j = len(groups) - 1
		}
		groups[j].pages = append(groups[j].pages, i)
		groups[j].certain = groups[j].certain && certain
	}
	if len(groups) == 0 {
		return false
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return cmp.Compare(len(b.pages), len(a.pages)) })
	ref := groups[0]
	found := false
	for _, g := range groups[1:] {
		if slices.ContainsFunc(g.sides, func(x string) bool { return slices.Contains(ref.sides, x) }) {
			continue // in one of the same places, with others added: not moved
		}
		at := s.atWith(g.pages, ref.pages, m.selector)
		at.Key = siteKey(m.lang, m.kind, m.target, strings.Join(g.sides, "+"))
		here, there := m.places(g.pages[0]), m.places(ref.pages[0])
		if g.certain && ref.certain {
			pass.Failed(at, "This help mechanism (%s) is in another place relative to the other content of the page than on other pages: in %s on the pages listed, in %s on the pages compared. Help repeated on several pages (contact details, a contact form or chat, a help page) must come in the same order relative to the rest of the page on each: put it in the same place on every page.",
				describeHelp(m.at[g.pages[0]][0]), here, there)
		} else {
			pass.CantTell(at, "This help mechanism (%s) seems to be in another place relative to the other content of the page than on other pages: in %s on the pages listed, in %s on the pages compared. saavu is not sure of it (it found the mechanism in the text, or could not tell the blocks of the page apart): check that it is the same help and, if it is, put it in the same place on every page.",
				describeHelp(m.at[g.pages[0]][0]), here, there)
		}
		found = true
	}
	// Pages where saavu cannot tell where the main content is, or the
	// block the mechanism is in: asked about when it is in none of the
	// kinds of block it is in on the most pages.
	refRegions := map[string]bool{}
	for _, i := range ref.pages {
		for _, h := range m.at[i] {
			refRegions[regionKind(h.Region)] = true
		}
	}
	var odd []int
	for _, i := range unsure {
		if !slices.ContainsFunc(m.at[i], func(h Help) bool { return refRegions[regionKind(h.Region)] }) {
			odd = append(odd, i)
		}
	}
	if len(odd) > 0 {
		at := s.atWith(odd, ref.pages, m.selector)
		at.Key = siteKey(m.lang, m.kind, m.target, "unsure")
		pass.CantTell(at, "This help mechanism (%s) seems to be in another place relative to the other content of the page than on other pages: in %s on the pages listed, in %s on the pages compared. saavu is not sure of it (it found the mechanism in the text, or could not tell the blocks of the page apart): check that it is the same help and, if it is, put it in the same place on every page.",
			describeHelp(m.at[odd[0]][0]), m.places(odd[0]), m.places(ref.pages[0]))
		found = true
	}
	return found
}

// places describes where the mechanism is on page i.
func (m *helpMechanism) places(i int) []Text {
	var out []Text
	for _, h := range m.at[i] {
		out = append(out, describePlace(h))
	}
	return out
}

// helpOrder compares the order of two mechanisms in the blocks where both
// are: the pages where they are the other way round than on the most
// pages fail, or are to check when saavu is unsure of the block. It
// reports whether it found something.
func (s *Site) helpOrder(pass *SitePass, a, b *helpMechanism) bool {
	type orders struct{ ab, ba []int }
	byRegion := map[string]*orders{}
	var regions []string
	text := map[int]bool{} // pages where either was found in the text
	for _, i := range a.pages {
		hb := b.at[i]
		if len(hb) == 0 {
			continue
		}
		// Their places in the page's list of help, in document order.
		idx := func(h Help) int {
			return slices.IndexFunc(s.Pages[i].Help, func(o Help) bool { return o.Kind == h.Kind && o.Target == h.Target && o.Region == h.Region })
		}
		for _, x := range a.at[i] {
			for _, y := range hb {
				if x.Region != y.Region {
					continue
				}
				o := byRegion[x.Region]
				if o == nil {
					o = new(orders)
					byRegion[x.Region] = o
					regions = append(regions, x.Region)
				}
				if idx(x) < idx(y) {
					o.ab = append(o.ab, i)
				} else {
					o.ba = append(o.ba, i)
				}
				if x.Text || y.Text {
					text[i] = true
				}
			}
		}
	}
	found := false
	for _, r := range regions {
		o := byRegion[r]
		if len(o.ab) == 0 || len(o.ba) == 0 {
			continue
		}
		first, second, pages, compared := a, b, o.ba, o.ab
		if len(o.ba) > len(o.ab) || len(o.ba) == len(o.ab) && o.ba[0] < o.ab[0] {
			first, second, pages, compared = b, a, o.ab, o.ba
		}
		// On the pages listed, second comes before first.
		certain := strongRegion(r) && !slices.ContainsFunc(pages, func(i int) bool { return text[i] }) &&
			!slices.ContainsFunc(compared, func(i int) bool { return text[i] })
		at := s.atWith(pages, compared, second.selector)
		at.Key = siteKey(a.lang, r, first.target, second.target)
		block := describeRegion(r)
		if certain {
			pass.Failed(at, "Two help mechanisms repeated on the pages are in a different order in %s: %s comes before %s on the pages listed, after it on the pages compared. Help repeated on several pages must keep the same order relative to the other content, the other help included: put them in the same order on every page.",
				block, describeHelp(second.at[pages[0]][0]), describeHelp(first.at[pages[0]][0]))
		} else {
			pass.CantTell(at, "Two help mechanisms repeated on the pages seem to be in a different order in %s: %s comes before %s on the pages listed, after it on the pages compared. saavu is not sure of it (it found a mechanism in the text, or could not tell the blocks of the page apart): check it and, if so, put them in the same order on every page.",
				block, describeHelp(second.at[pages[0]][0]), describeHelp(first.at[pages[0]][0]))
		}
		found = true
	}
	return found
}

// describeHelp names a help mechanism in a message.
func describeHelp(h Help) Text {
	switch h.Kind {
	case HelpPhone:
		return msg("phone number %s", strings.TrimPrefix(h.Target, "tel:"))
	case HelpEmail:
		return msg("email address %s", strings.TrimPrefix(h.Target, "mailto:"))
	case HelpContact:
		return msg("contact link %q to %s", h.Name, h.Target)
	case HelpForm:
		return msg("contact form link %q to %s", h.Name, h.Target)
	case HelpChat:
		switch {
		case strings.HasPrefix(h.Target, "chat:"):
			return msg("chat widget %s", strings.TrimPrefix(h.Target, "chat:"))
		case strings.HasPrefix(h.Target, "button:"):
			return msg("chat button %q", h.Name)
		}
		return msg("chat link %q to %s", h.Name, h.Target)
	}
	return msg("help link %q to %s", h.Name, h.Target)
}

// describePlace says where a help mechanism is: its block, and where that
// is relative to the main content.
func describePlace(h Help) Text {
	r := describeRegion(h.Region)
	switch side, _ := helpSide(h); side {
	case "before":
		return msg("%s, before the main content", r)
	case "after":
		return msg("%s, after the main content", r)
	}
	return r
}

// describeRegion names a block of the page (Help.Region).
func describeRegion(region string) Text {
	base, _, _ := strings.Cut(region, "~")
	switch base {
	case "banner":
		return msg("the page header")
	case "contentinfo":
		return msg("the page footer")
	case "navigation":
		return msg("a navigation block")
	case "complementary":
		return msg("a complementary region")
	case "main":
		return msg("the main content")
	case "header":
		return msg("a container named header")
	case "footer":
		return msg("a container named footer")
	}
	return msg("no landmark")
}
