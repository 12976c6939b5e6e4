package checks

// MultipleWays looks for more than one way to find the pages of a site
// (WCAG 2.4.5): navigation repeated on the pages, a site search, a site
// map, an A–Z index. It passes when it sees two; otherwise it asks a
// person, for the site may offer a way saavu does not recognise or did
// not reach (links between related pages, a home page that links to
// every page). It never fails.
var MultipleWays = &SiteRule{
	ID:      "multiple-ways",
	Title:   "There is more than one way to find a page of the site",
	Doc:     doc("multiple-ways"),
	HelpURL: understanding("2.4.5"),
	WCAG:    []string{"2.4.5"},
	Impact:  Moderate,
	Run:     runMultipleWays,
}

func runMultipleWays(pass *SitePass) error {
	s := pass.Site
	nav := false
	for _, g := range s.blockGroups() {
		if g.pages() >= 2 && g.variants[0].b.Kind != BlockFooter && len(g.variants[0].b.Links) >= 2 {
			nav = true
			break
		}
	}
	kinds := map[string]bool{}
	for _, p := range s.Pages {
		if len(p.Search) > 0 {
			kinds[WaySearch] = true
		}
		for _, w := range p.Ways {
			kinds[w.Kind] = true
		}
	}
	var found []Text
	if nav {
		found = append(found, msg("navigation repeated on the pages"))
	}
	if kinds[WaySearch] {
		found = append(found, msg("a site search"))
	}
	if kinds[WaySitemap] {
		found = append(found, msg("a site map"))
	}
	if kinds[WayIndex] {
		found = append(found, msg("an A–Z index"))
	}
	if len(found) >= 2 {
		pass.Passed()
		return nil
	}
	var pages []int
	for i := range s.Pages {
		pages = append(pages, i)
	}
	at := s.at(pages, nil)
	if len(found) == 0 {
		pass.CantTell(at, "On the %d pages audited saavu found no navigation repeated on the pages, no site search, no site map and no A–Z index. WCAG 2.4.5 asks for more than one way to find each page of a site. Check which ways the site offers (a search, a site map, an index, links between related pages, a home page that links to every page); if there are fewer than two, add one.",
			len(s.Pages))
		return nil
	}
	pass.CantTell(at, "On the %d pages audited saavu found only one way to find pages: %s. WCAG 2.4.5 asks for more than one way to find each page of a site. Check whether the site offers another (a search, a site map, an index, links between related pages, a home page that links to every page), perhaps on a page saavu did not audit; if it does not, add one, for example a site search on every page.",
		len(s.Pages), found[0])
	return nil
}
