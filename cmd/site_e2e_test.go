package cmd_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

// siteRulesSite serves four pages with the same header, menu, search and
// footer; on /c.html the menu lists two of its links the other way round,
// and the search field has another label.
func siteRulesSite(t *testing.T) *httptest.Server {
	t.Helper()
	page := func(name string, reorder bool) string {
		menu := []string{`<li><a href="/">Etusivu</a></li>`, `<li><a href="/a.html">Asuminen</a></li>`,
			`<li><a href="/b.html">Liikenne</a></li>`, `<li><a href="/c.html">Kulttuuri</a></li>`}
		label := "Hae sivustolta"
		if reorder {
			menu[1], menu[2] = menu[2], menu[1]
			label = "Hakusana"
		}
		return fmt.Sprintf(`<!DOCTYPE html><html lang="fi"><head><title>%[1]s – Testilä</title></head><body>
<header><a href="/">Testilän kunta</a>
<form role="search" action="/haku"><label for="q">%[3]s</label><input id="q" name="q"><button>Hae</button></form>
<nav aria-label="Päävalikko"><ul>%[2]s</ul></nav></header>
<main><h1>%[1]s</h1><p>Tekstiä sivulla %[1]s.</p></main>
<footer><a href="/seloste.html">Saavutettavuusseloste</a> <a href="/palaute.html">Palaute</a></footer>
</body></html>`, name, strings.Join(menu, ""), label)
	}
	mux := http.NewServeMux()
	for path, name := range map[string]string{"/": "Etusivu", "/a.html": "Asuminen", "/b.html": "Liikenne", "/c.html": "Kulttuuri"} {
		body := page(name, path == "/c.html")
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != path {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		})
	}
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// siteResults is the JSON of a report's site results, for comparing.
func siteResults(t *testing.T, data []byte) string {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("not a JSON report: %v", err)
	}
	b, err := json.MarshalIndent(rep.SiteResults, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSiteRules crawls a small site whose menu is in another order on one
// page: consistent-navigation fails there, once for the site, and decides
// the exit status; the search named differently is to review; saavu
// report runs the site rules again over the saved pages and gives the same
// results, and merging results saved in parts gives them too.
func TestSiteRules(t *testing.T) {
	needChrome(t)
	ts := siteRulesSite(t)
	dir := t.TempDir()
	rules := "--rules=document-title,consistent-navigation,consistent-identification,multiple-ways"
	r := saavu(t, dir, "crawl", "-q", rules, "--rate", "0", "--screenshots=false", "-o", "json=crawl.json", "-o", "text=-", ts.URL+"/")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the menu is out of order on one page)\n%s", r.code, r.stdout)
	}
	if want := "saavu: exit 1: 1 failed site rule of any impact (consistent-navigation)\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("stderr ends %q, want %q", r.stderr, want)
	}
	if !strings.Contains(r.stdout, "Whole site") || !strings.Contains(r.stdout, "Site rules: 1 failed, 1 need review") {
		t.Errorf("the text report lacks the site results:\n%s", r.stdout)
	}
	rep := readReport(t, filepath.Join(dir, "crawl.json"))
	if len(rep.Pages) != 4 {
		t.Fatalf("%d pages audited, want 4", len(rep.Pages))
	}
	for _, p := range rep.Pages {
		if p.Facts == nil || len(p.Facts.Nav) == 0 || len(p.Facts.Search) != 1 {
			t.Errorf("%s: facts %+v, want its blocks and its search", p.URL, p.Facts)
		}
	}
	want := map[string]string{"consistent-navigation": "failed", "consistent-identification": "cantTell", "multiple-ways": "passed"}
	for _, res := range rep.SiteResults {
		if res.Outcome != want[res.Rule] {
			t.Errorf("%s: %s, want %s (%+v)", res.Rule, res.Outcome, want[res.Rule], res.Nodes)
		}
		delete(want, res.Rule)
		if res.Rule == "consistent-navigation" && len(res.Nodes) == 1 {
			n := res.Nodes[0]
			if len(n.Pages) != 1 || n.Pages[0].URL != ts.URL+"/c.html" || n.ComparedCount != 3 ||
				!strings.Contains(n.Message, `"Liikenne" comes before "Asuminen"`) {
				t.Errorf("the failure names %+v, compared with %d pages: %q", n.Pages, n.ComparedCount, n.Message)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("no result for %v", want)
	}
	for _, c := range rep.Summary.Criteria {
		if c.SC == "3.2.3" && (c.Outcome != "failed" || c.FailedPages != 1) {
			t.Errorf("3.2.3 reads %s on %d pages, want failed on 1", c.Outcome, c.FailedPages)
		}
	}

	// saavu report runs them again over the saved pages.
	saved, err := os.ReadFile(filepath.Join(dir, "crawl.json"))
	if err != nil {
		t.Fatal(err)
	}
	again := saavu(t, dir, "report", "crawl.json", "-o", "json=-")
	if again.code != 1 {
		t.Errorf("report: exit %d, want 1", again.code)
	}
	if got, want := siteResults(t, []byte(again.stdout)), siteResults(t, saved); got != want {
		t.Errorf("saavu report gives other site results:\n got %s\nwant %s", got, want)
	}

	// Pages audited one by one have no set of pages; merged, they do.
	for i, path := range []string{"/", "/a.html", "/b.html", "/c.html"} {
		one := saavu(t, dir, "check", "-q", rules, "--screenshots=false", "-o", fmt.Sprintf("json=p%d.json", i), ts.URL+path)
		if one.code != 0 {
			t.Errorf("check %s: exit %d, want 0 (one page: the site rules do not apply)", path, one.code)
		}
	}
	merged := saavu(t, dir, "report", "p0.json", "p1.json", "p2.json", "p3.json", "-o", "json=-", "-o", "html=site.html")
	if merged.code != 1 {
		t.Errorf("report of the parts: exit %d, want 1", merged.code)
	}
	if got, want := siteResults(t, []byte(merged.stdout)), siteResults(t, saved); got != want {
		t.Errorf("merged parts give other site results:\n got %s\nwant %s", got, want)
	}
	html, err := os.ReadFile(filepath.Join(dir, "site.html"))
	if err != nil || !bytes.Contains(html, []byte(`id="site-consistent-navigation"`)) || !bytes.Contains(html, []byte(ts.URL+"/c.html")) {
		t.Errorf("the HTML report lacks the whole-site section or its example page (%v)", err)
	}

	// Without consistent-navigation nothing fails.
	if r := saavu(t, dir, "crawl", "-q", "--fresh", "--rules=document-title,consistent-identification", "--rate", "0", "--screenshots=false", "-o", "json=-", ts.URL+"/"); r.code != 0 {
		t.Errorf("crawl without consistent-navigation: exit %d, want 0", r.code)
	}
}
