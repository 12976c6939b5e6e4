package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// shape makes a fingerprint from a template name and a page's own
// elements: pages of one template share most of it.
func shape(template string, own ...string) []uint64 {
	var paths []string
	for i := range 20 {
		paths = append(paths, fmt.Sprintf("%s>div>%d", template, i))
	}
	return Shape(append(paths, own...))
}

func picked(res SampleResult) map[string]string {
	m := map[string]string{}
	for _, p := range res.Picks {
		m[p.URL] = p.Clause + ": " + p.Reason
	}
	return m
}

func TestSampleKeyPagesTemplatesSections(t *testing.T) {
	const site = "https://www.kunta.fi"
	cands := []Candidate{
		{URL: site + "/", Depth: 0, Shape: shape("home")},
		{URL: site + "/yhteystiedot", Depth: 1, Title: "Yhteystiedot – Kunta", Shape: shape("page")},
		{URL: site + "/sivukartta", Depth: 1, Shape: shape("page")},
		{URL: site + "/saavutettavuusseloste", Depth: 2, Shape: shape("page")},
		{URL: site + "/asiointi/kirjaudu", Depth: 2, Password: true, Shape: shape("form")},
		{URL: site + "/tietosuoja", Depth: 1, Shape: shape("page")},
		{URL: site + "/haku?q=koulu", Depth: 1, Search: true, Shape: shape("search")},
		{URL: site + "/uutiset/2026/uusi-koulu", Depth: 2, Shape: shape("news", "x")},
		{URL: site + "/uutiset/2026/kirjasto", Depth: 2, Shape: shape("news", "y")},
		{URL: site + "/asuminen/tontit", Depth: 2, Shape: shape("page", "z")},
		{URL: site + "/asuminen/vuokra", Depth: 2, Shape: shape("page", "w")},
		{URL: site + "/kasvatus-ja-opetus/koulut", Depth: 2, Shape: shape("page", "v")},
		// "palaute" in a link text only.
		{URL: site + "/lomakkeet/123", Depth: 3, LinkTexts: []string{"Anna palautetta"}, Shape: shape("form", "f")},
	}
	for i := range 30 {
		cands = append(cands, Candidate{URL: fmt.Sprintf("%s/uutiset/2025/juttu-%02d", site, i), Depth: 3, Shape: shape("news", fmt.Sprint(i))})
	}

	res := Sample(cands, 16, 7)
	got := picked(res)
	want := map[string]string{
		site + "/":                      "a: home page",
		site + "/asiointi/kirjaudu":     "a: login page",
		site + "/sivukartta":            "a: sitemap",
		site + "/yhteystiedot":          "a: contact page",
		site + "/tietosuoja":            "a: legal page",
		site + "/saavutettavuusseloste": "c: accessibility statement",
		site + "/lomakkeet/123":         "c: feedback page",
		site + "/haku?q=koulu":          "b: search page",
		site + "/uutiset/2026/kirjasto": "d: page template 5",
	}
	for u, w := range want {
		if got[u] != w {
			t.Errorf("%s: got %q, want %q", u, got[u], w)
		}
	}
	if !slices.Contains(res.Missing, "a: help page") || len(res.Missing) != 1 {
		t.Errorf("missing = %q, want only the help page", res.Missing)
	}
	sections := 0
	random := 0
	for _, p := range res.Picks {
		switch p.Clause {
		case ClauseB:
			if strings.HasPrefix(p.Reason, "site section") {
				sections++
			}
		case ClauseG:
			random++
		}
	}
	// /asuminen and /kasvatus-ja-opetus have no page in the sample before
	// the section step (/uutiset, /asiointi… do).
	if sections != 2 {
		t.Errorf("site sections picked: %d, want 2: %v", sections, res.Picks)
	}
	if len(res.Picks) != 16 || random < 2 {
		t.Errorf("picks %d (random %d), want 16 with at least 2 random", len(res.Picks), random)
	}
	if res.Templates != 5 {
		t.Errorf("templates = %d, want 5 (home, page, form, search, news)", res.Templates)
	}

	// Same input and seed, same sample; another seed changes only random picks.
	if again := Sample(cands, 16, 7); !slices.Equal(again.Picks, res.Picks) {
		t.Error("the sample is not deterministic")
	}
	other := Sample(cands, 16, 8)
	for i, p := range other.Picks {
		if p.Clause != ClauseG && p != res.Picks[i] {
			t.Errorf("seed changed a non-random pick: %v vs %v", p, res.Picks[i])
		}
	}
}

func TestSampleSmall(t *testing.T) {
	cands := []Candidate{
		{URL: "https://a.fi/", Shape: shape("home")},
		{URL: "https://a.fi/kontakt", Depth: 1, Shape: shape("page")},
		{URL: "https://a.fi/x", Depth: 1, Shape: shape("page")},
	}
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{0, nil},
		{1, []string{"https://a.fi/"}},
		{2, []string{"https://a.fi/", "https://a.fi/x"}},                          // one slot kept for a random page
		{10, []string{"https://a.fi/", "https://a.fi/kontakt", "https://a.fi/x"}}, // all there is
	} {
		var got []string
		for _, p := range Sample(cands, tc.n, 1).Picks {
			got = append(got, p.URL)
		}
		slices.Sort(got)
		if tc.n == 2 {
			// The random slot takes either remaining page.
			if len(got) != 2 || got[0] != "https://a.fi/" {
				t.Errorf("n=2: %v", got)
			}
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("n=%d: got %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestContainsWord(t *testing.T) {
	for _, tc := range []struct {
		s, w string
		want bool
	}{
		{"yhteystiedot", "yhteystiedot", true},
		{"help-desk", "help", true},
		{"helpottaa", "help", false}, // short word must end at a boundary
		{"haettavat-tontit", "hae", false},
		{"kunnan-saavutettavuusseloste", "saavutettavuusseloste", true},
		{"tietosuojaseloste", "tietosuoja", true}, // long words may be prefixes
		{"osaavutettavuus", "saavutettavuus", false},
	} {
		if got := containsWord(tc.s, tc.w); got != tc.want {
			t.Errorf("containsWord(%q, %q) = %v", tc.s, tc.w, got)
		}
	}
}

// TestDiscover walks a small site over HTTP: links, sitemap, robots.txt,
// a redirect out of scope and a document, and describes the pages.
func TestDiscover(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("followed a redirect out of scope to %s", r.URL)
	}))
	defer other.Close()
	pages := map[string]string{
		"/": `<title>Etusivu</title><a href="/yhteystiedot">Ota yhteyttä</a> <a href="/kirjaudu">Kirjaudu</a>
			<a href="/pois">pois</a> <a href="/esite.pdf">esite</a> <a href="/salainen/x">x</a> <a href="mailto:a@b.fi">posti</a>`,
		"/yhteystiedot": `<title>Yhteystiedot</title><main class="content"><p>Puhelin</p></main><a href="/">Etusivu</a>`,
		"/kirjaudu":     `<title>Kirjaudu</title><form><input type=password></form>`,
		"/kartalla":     `<title>Vain sivukartassa</title><form action="/haku" role=search><input type=search name=sana></form>`,
		"/haku":         `<title>Hakutulokset</title><p>Ei tuloksia</p>`,
	}
	mux := http.NewServeMux()
	var base string
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nDisallow: /salainen/\nSitemap: %s/kartta.xml\n", base)
	})
	mux.HandleFunc("/kartta.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/kartalla</loc></url></urlset>`, base)
	})
	mux.HandleFunc("/pois", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/", http.StatusFound)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><html lang=fi>"+body+"</html>")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base = srv.URL

	d, err := Discover(context.Background(), CrawlOptions{Start: []string{srv.URL + "/"}, MaxDepth: 5, Concurrency: 1, UserAgent: "saavu-test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]Candidate{}
	var urls []string
	for _, c := range d.Candidates {
		byURL[c.URL] = c
		urls = append(urls, strings.TrimPrefix(c.URL, srv.URL))
	}
	slices.Sort(urls)
	// The search form is found on /kartalla, searched for a word of its title.
	if want := []string{"/", "/haku?sana=vain", "/kartalla", "/kirjaudu", "/yhteystiedot"}; !slices.Equal(urls, want) {
		t.Fatalf("candidates %v, want %v", urls, want)
	}
	if c := byURL[srv.URL+"/yhteystiedot"]; c.Title != "Yhteystiedot" || !slices.Contains(c.LinkTexts, "Ota yhteyttä") || c.Depth != 1 {
		t.Errorf("contact page: %+v", c)
	}
	if !byURL[srv.URL+"/kirjaudu"].Password || !byURL[srv.URL+"/haku?sana=vain"].Search || byURL[srv.URL+"/kartalla"].Search {
		t.Error("login page or search page not recognised")
	}
	if len(d.Documents) != 1 || !strings.HasSuffix(d.Documents[0].URL, "/esite.pdf") {
		t.Errorf("documents %+v", d.Documents)
	}
	var skipped []string
	for _, s := range d.Skipped {
		skipped = append(skipped, strings.TrimPrefix(s.URL, srv.URL)+": "+s.Reason)
	}
	if len(skipped) != 2 || !strings.HasPrefix(skipped[0], "/pois: redirects out of scope") || !strings.HasPrefix(skipped[1], "/salainen/x: ") {
		t.Errorf("skipped %q", skipped)
	}
	res := Sample(d.Candidates, 10, 1)
	if got := picked(res); got[srv.URL+"/kirjaudu"] != "a: login page" || got[srv.URL+"/haku?sana=vain"] != "b: search page" {
		t.Errorf("sample %v", got)
	}
}

// TestDiscoverStartFails: a start URL that cannot be loaded is not a
// broken link nor a skipped page but a failure, said in words; one whose
// server is down is not blamed on robots.txt.
func TestDiscoverStartFails(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<!doctype html><html lang=fi><title>Sivu</title><a href="/puuttuu">x</a></html>`)
	})
	mux.HandleFunc("/puuttuu", http.NotFound)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()

	d, err := Discover(context.Background(), CrawlOptions{
		Start: []string{down.URL + "/", srv.URL + "/puuttuu", srv.URL + "/"}, MaxDepth: 5, Concurrency: 1, UserAgent: "saavu-test",
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Candidates) != 1 {
		t.Errorf("candidates %+v", d.Candidates)
	}
	if len(d.Failed) != 2 {
		t.Fatalf("failed %+v, want the closed server's page and /puuttuu", d.Failed)
	}
	if f := d.Failed[0]; f.URL != down.URL+"/" || f.Status != 0 || !strings.HasPrefix(f.Error, "connection refused") {
		t.Errorf("the page on a closed server: %+v", f)
	}
	if f := d.Failed[1]; f.URL != srv.URL+"/puuttuu" || f.Status != 404 || f.Error != "the server answered HTTP 404 Not Found" {
		t.Errorf("a start page that answers 404: %+v", f)
	}
	if len(d.Broken) != 0 || len(d.Skipped) != 0 {
		t.Errorf("broken %+v, skipped %+v: a start URL is neither", d.Broken, d.Skipped)
	}
}
