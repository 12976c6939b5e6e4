package checks_test

import (
	"fmt"
	"testing"

	"saavu/checks"
)

// BenchmarkSiteRules runs the site rules over a large site where every
// page marks its own link in a 60-link menu: each page has a version of
// the menu of its own, the worst case for comparing versions.
func BenchmarkSiteRules(b *testing.B) {
	const pages, links = 3000, 60
	var s checks.Site
	for i := range pages {
		nav := checks.NavBlock{Key: "navigation:päävalikko", Kind: checks.BlockNavigation, Label: "Päävalikko", Selector: "nav"}
		for k := range links {
			nav.Links = append(nav.Links, checks.NavLink{Href: fmt.Sprintf("/osio-%d", k), Name: fmt.Sprintf("Osio %d", k), Current: k == i%links})
		}
		nav.Links = append(nav.Links, checks.NavLink{Href: fmt.Sprintf("/sivu-%d", i), Name: "Tämä sivu", Current: true})
		s.Add(fmt.Sprintf("https://example.test/sivu-%d", i), &checks.Facts{Lang: "fi", Nav: []checks.NavBlock{nav}})
	}
	b.ResetTimer()
	for range b.N {
		for _, res := range checks.CheckSite(&s, checks.SiteRules()) {
			if res.Outcome == checks.Failed {
				b.Fatalf("%s failed: %+v", res.Rule.ID, res.Targets[0].Message)
			}
		}
	}
}
