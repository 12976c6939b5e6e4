package checks_test

import (
	"strings"
	"testing"

	"saavu/checks"
)

// site builds the facts of pages from a short notation: each page is a
// URL and its blocks, each block "key: href=Name, href=Name…"; a name
// ending in "*" marks the link to the current page.
type sitePage struct {
	url    string
	lang   string
	blocks []string
	search []checks.SearchForm
	ways   []checks.Way
}

func buildSite(pages []sitePage) *checks.Site {
	var s checks.Site
	for _, p := range pages {
		f := &checks.Facts{Lang: p.lang, Search: p.search, Ways: p.ways}
		if f.Lang == "" {
			f.Lang = "fi"
		}
		for _, b := range p.blocks {
			key, list, _ := strings.Cut(b, ":")
			kind, label, _ := strings.Cut(key, " ")
			label = strings.TrimSpace(label)
			nb := checks.NavBlock{Key: kind, Kind: kind, Label: label, Selector: "nav." + kind}
			if label != "" {
				nb.Key += ":" + strings.ToLower(label)
			}
			for _, item := range strings.Split(list, ",") {
				href, name, _ := strings.Cut(strings.TrimSpace(item), "=")
				l := checks.NavLink{Href: href, Name: name}
				if strings.HasSuffix(name, "*") {
					l.Name, l.Current = strings.TrimSuffix(name, "*"), true
				}
				nb.Links = append(nb.Links, l)
			}
			f.Nav = append(f.Nav, nb)
		}
		s.Add(p.url, f)
	}
	return &s
}

// main is the main menu of the pages below, in its usual order.
const main = "navigation Päävalikko: /=Etusivu, /asuminen=Asuminen, /liikenne=Liikenne, /terveys=Terveys, /kulttuuri=Kulttuuri"

func nav(list string) string { return "navigation Päävalikko: " + list }

func TestSiteRules(t *testing.T) {
	tests := []struct {
		name  string
		rule  *checks.SiteRule
		pages []sitePage
		want  checks.Outcome
		// for a finding: the first page it names, and the first page it is
		// compared with
		page, compared string
		message        string // a part of the first finding's message
	}{
		{name: "same order everywhere", rule: checks.ConsistentNavigation, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}}, {url: "/c", blocks: []string{main}}}},
		{name: "two links swap places on one page", rule: checks.ConsistentNavigation, want: checks.Failed, page: "/c", compared: "/a",
			message: `"Liikenne" comes before "Asuminen"`, pages: []sitePage{
				{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}},
				{url: "/c", blocks: []string{nav("/=Etusivu, /liikenne=Liikenne, /asuminen=Asuminen, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "a sub-menu open on its section's page is an addition", rule: checks.ConsistentNavigation, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}},
			{url: "/asuminen/x", blocks: []string{nav("/=Etusivu, /asuminen=Asuminen, /asuminen/x=Vuokra-asunnot*, /asuminen/y=Tontit, /liikenne=Liikenne, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "the current page's link left out", rule: checks.ConsistentNavigation, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}},
			{url: "/liikenne", blocks: []string{nav("/=Etusivu, /asuminen=Asuminen, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "blocks with the same key that share too little are different blocks", rule: checks.ConsistentNavigation, want: checks.Inapplicable, pages: []sitePage{
			{url: "/asuminen/a", blocks: []string{nav("/asuminen/a=A, /asuminen/b=B, /asuminen/c=C, /=Etusivu, /haku=Haku")}},
			{url: "/liikenne/a", blocks: []string{nav("/liikenne/a=A, /liikenne/b=B, /liikenne/c=C, /haku=Haku, /=Etusivu")}}}},
		{name: "a block on one page only", rule: checks.ConsistentNavigation, want: checks.Inapplicable, pages: []sitePage{
			{url: "/a", blocks: []string{main}}, {url: "/b"}}},
		{name: "one page is no set of pages", rule: checks.ConsistentNavigation, want: checks.Inapplicable, pages: []sitePage{
			{url: "/a", blocks: []string{main, main}}}},
		{name: "pages in other languages are not compared", rule: checks.ConsistentNavigation, want: checks.Inapplicable, pages: []sitePage{
			{url: "/a", blocks: []string{main}},
			{url: "/sv/a", lang: "sv", blocks: []string{nav("/=Etusivu, /liikenne=Liikenne, /asuminen=Asuminen, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "a link the block repeats has no one place", rule: checks.ConsistentNavigation, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{"banner : /=Logo, /asuminen=Asuminen, /liikenne=Liikenne, /=Etusivu"}},
			{url: "/b", blocks: []string{"banner : /=Etusivu, /asuminen=Asuminen, /liikenne=Liikenne, /=Logo"}}}},
		{name: "a block known only by its place is asked about", rule: checks.ConsistentNavigation, want: checks.CantTell, page: "/c", compared: "/a",
			message: `seems to list its links in a different order`, pages: []sitePage{
				{url: "/a", blocks: []string{"navigation : /1=Yksi, /2=Kaksi, /3=Kolme"}}, {url: "/b", blocks: []string{"navigation : /1=Yksi, /2=Kaksi, /3=Kolme"}},
				{url: "/c", blocks: []string{"navigation : /2=Kaksi, /1=Yksi, /3=Kolme"}}}},
		{name: "an order that changes on most pages is asked about", rule: checks.ConsistentNavigation, want: checks.CantTell, page: "/b", compared: "/a",
			message: "in a different order on most pages", pages: []sitePage{
				{url: "/a", blocks: []string{nav("/1=Yksi, /2=Kaksi, /3=Kolme, /4=Neljä")}},
				{url: "/b", blocks: []string{nav("/2=Kaksi, /1=Yksi, /3=Kolme, /4=Neljä")}},
				{url: "/c", blocks: []string{nav("/1=Yksi, /3=Kolme, /2=Kaksi, /4=Neljä")}},
				{url: "/d", blocks: []string{nav("/1=Yksi, /2=Kaksi, /4=Neljä, /3=Kolme")}}}},

		{name: "the same names everywhere", rule: checks.ConsistentIdentification, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}}}},
		{name: "a link named differently on one page", rule: checks.ConsistentIdentification, want: checks.CantTell, page: "/c", compared: "/a",
			message: `is named "Liikkuminen" on the pages listed and "Liikenne" on the pages compared`, pages: []sitePage{
				{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}},
				{url: "/c", blocks: []string{nav("/=Etusivu, /asuminen=Asuminen, /liikenne=Liikkuminen, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "a mark of the current page in the name", rule: checks.ConsistentIdentification, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}},
			{url: "/", blocks: []string{nav("/=Etusivu (nykyinen sivu), /asuminen=Asuminen, /liikenne=Liikenne, /terveys=Terveys, /kulttuuri=Kulttuuri")}},
			{url: "/liikenne", blocks: []string{nav("/=Etusivu, /asuminen=Asuminen, /liikenne=Liikenne - olet tällä sivulla*, /terveys=Terveys, /kulttuuri=Kulttuuri")}}}},
		{name: "case, spacing and counts do not matter", rule: checks.ConsistentIdentification, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{nav("/=Etusivu, /viestit=Viestit (3), /asuminen=Asuminen")}},
			{url: "/b", blocks: []string{nav("/=ETUSIVU, /viestit=Viestit (12), /asuminen=Asuminen ")}}}},
		{name: "a logo and a text link to the same page", rule: checks.ConsistentIdentification, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{"banner : /=Esimerkkilän kunta, /asuminen=Asuminen, /liikenne=Liikenne, /=Etusivu"}},
			{url: "/b", blocks: []string{"banner : /=Etusivu, /asuminen=Asuminen, /liikenne=Liikenne"}}}},
		{name: "a search named differently", rule: checks.ConsistentIdentification, want: checks.CantTell, page: "/c", compared: "/a",
			message: `The search that sends to /haku is named differently on the pages listed (field "Hakusana") than on the pages compared (field "Hae sivustolta")`, pages: []sitePage{
				{url: "/a", search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hae sivustolta", Button: "Hae", Selector: "form"}}},
				{url: "/b", search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hae sivustolta", Button: "Hae", Selector: "form"}}},
				{url: "/c", search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hakusana", Button: "Hae", Selector: "form"}}}}},
		{name: "the search page's own form is another search", rule: checks.ConsistentIdentification, want: checks.Passed, pages: []sitePage{
			{url: "/a", search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hae sivustolta", Selector: "form"}}},
			{url: "/haku", search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hae sivustolta", Selector: "form"}, {Action: "/haku", Region: "main", Input: "Hakusana", Selector: "main form"}}}}},

		{name: "navigation and a search", rule: checks.MultipleWays, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}, search: []checks.SearchForm{{Action: "/haku"}}}, {url: "/b", blocks: []string{main}}}},
		{name: "navigation and a link to the site map", rule: checks.MultipleWays, want: checks.Passed, pages: []sitePage{
			{url: "/a", blocks: []string{main}, ways: []checks.Way{{Kind: checks.WaySitemap, Href: "/sivukartta", Name: "Sivukartta"}}}, {url: "/b", blocks: []string{main}}}},
		{name: "navigation only", rule: checks.MultipleWays, want: checks.CantTell, page: "/a",
			message: "found only one way to find pages: navigation repeated on the pages", pages: []sitePage{
				{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}}}},
		{name: "nothing", rule: checks.MultipleWays, want: checks.CantTell, page: "/a",
			message: "found no navigation repeated on the pages", pages: []sitePage{{url: "/a"}, {url: "/b"}}},
		{name: "a single page audit", rule: checks.MultipleWays, want: checks.Inapplicable, pages: []sitePage{
			{url: "/a", blocks: []string{main}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := checks.CheckSite(buildSite(tt.pages), []*checks.SiteRule{tt.rule})[0]
			if res.Outcome != tt.want {
				t.Fatalf("outcome %s, want %s; findings %+v", res.Outcome, tt.want, res.Targets)
			}
			if tt.page == "" {
				if len(res.Targets) > 0 {
					t.Errorf("findings %+v, want none", res.Targets)
				}
				return
			}
			if len(res.Targets) == 0 {
				t.Fatal("no finding")
			}
			f := res.Targets[0]
			if len(f.Pages) == 0 || f.Pages[0].URL != tt.page {
				t.Errorf("pages %+v, want %s first", f.Pages, tt.page)
			}
			if tt.compared != "" && (len(f.Compared) == 0 || f.Compared[0].URL != tt.compared) {
				t.Errorf("compared %+v, want %s first", f.Compared, tt.compared)
			}
			if !strings.Contains(f.Message, tt.message) {
				t.Errorf("message %q, want it to say %q", f.Message, tt.message)
			}
			for _, lang := range checks.MessageLanguages {
				if s, ok := f.Text.In(lang); !ok {
					t.Errorf("not all translated to %s: %q", lang, s)
				}
			}
		})
	}
}

func TestSiteRegistry(t *testing.T) {
	if err := checks.ValidateSite(checks.SiteRules(), checks.Every()); err != nil {
		t.Fatal(err)
	}
	clash := &checks.SiteRule{ID: "image-alt", Title: "t", Doc: "d", WCAG: []string{"3.2.3"}, Impact: checks.Moderate, Run: func(*checks.SitePass) error { return nil }}
	if err := checks.ValidateSite([]*checks.SiteRule{clash}, checks.Every()); err == nil {
		t.Error("ValidateSite accepted a site rule with a page rule's id")
	}
	for _, r := range checks.SiteRules() {
		got, err := checks.LookupSite([]string{r.ID, "image-alt"})
		if err != nil || len(got) != 1 || got[0] != r {
			t.Errorf("LookupSite(%s, image-alt) = %v, %v", r.ID, got, err)
		}
	}
	if _, err := checks.LookupSite([]string{"no-such-rule"}); err == nil {
		t.Error("LookupSite accepted an unknown id")
	}
}

// TestSiteRulePanics: a site rule that panics gives cantTell, and the
// other rules still run.
func TestSiteRulePanics(t *testing.T) {
	bad := &checks.SiteRule{ID: "bad", Run: func(*checks.SitePass) error { panic("oops") }}
	s := buildSite([]sitePage{{url: "/a", blocks: []string{main}}, {url: "/b", blocks: []string{main}}})
	res := checks.CheckSite(s, []*checks.SiteRule{bad, checks.ConsistentNavigation})
	if res[0].Outcome != checks.CantTell || !strings.Contains(res[0].Targets[0].Message, "oops") {
		t.Errorf("panicking rule: %+v", res[0])
	}
	if res[1].Outcome != checks.Passed {
		t.Errorf("the next rule: %s", res[1].Outcome)
	}
}

// TestSiteRulesUnnamed: a link or search field without a name on some
// pages is another rule's failure (link-name, form-field-name), not a
// different name.
func TestSiteRulesUnnamed(t *testing.T) {
	s := buildSite([]sitePage{
		{url: "/a", blocks: []string{"contentinfo : /palaute=Palaute, https://facebook.example/k=Kunta Facebookissa"},
			search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "Hae", Selector: "form"}}},
		{url: "/b", blocks: []string{"contentinfo : /palaute=Palaute, https://facebook.example/k="},
			search: []checks.SearchForm{{Action: "/haku", Region: "banner", Input: "", Selector: "form"}}},
	})
	res := checks.CheckSite(s, []*checks.SiteRule{checks.ConsistentIdentification})[0]
	if res.Outcome != checks.Passed {
		t.Errorf("outcome %s, want passed; findings %+v", res.Outcome, res.Targets)
	}
}
