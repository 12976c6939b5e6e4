package cmd_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// helpSite serves four pages of a municipality with its contact details,
// contact page link and FAQ in the footer and a chat widget at the end;
// with moved, /c.html has the contact page link in its header instead.
func helpSite(t *testing.T, moved bool) *httptest.Server {
	t.Helper()
	page := func(name string, inHeader bool) string {
		contact := `<a href="/yhteystiedot.html">Yhteystiedot</a>`
		head, foot := "", contact
		if inHeader {
			head, foot = contact, ""
		}
		return fmt.Sprintf(`<!DOCTYPE html><html lang="fi"><head><title>%[1]s – Testilä</title></head><body>
<header><a href="/">Testilän kunta</a> %[2]s
<nav aria-label="Päävalikko"><ul><li><a href="/">Etusivu</a></li><li><a href="/a.html">Asuminen</a></li><li><a href="/b.html">Liikenne</a></li><li><a href="/c.html">Kulttuuri</a></li></ul></nav></header>
<main><h1>%[1]s</h1><p>Tekstiä sivulla %[1]s.</p></main>
<footer><p>Testilän kunta, Kuntatie 1, 99999 Testilä. Y-tunnus 0201256-6</p>
<a href="tel:+358 9 123 4567">09 123 4567</a> <a href="mailto:kirjaamo@testila.fi">kirjaamo@testila.fi</a>
%[3]s <a href="/ukk.html">Usein kysytyt kysymykset</a> <a href="/seloste.html">Saavutettavuusseloste</a></footer>
<div id="ninchat-widget"><button type="button">Chat</button></div>
</body></html>`, name, head, foot)
	}
	mux := http.NewServeMux()
	for path, name := range map[string]string{"/": "Etusivu", "/a.html": "Asuminen", "/b.html": "Liikenne", "/c.html": "Kulttuuri"} {
		body := page(name, moved && path == "/c.html")
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

// TestSiteConsistentHelp crawls the site under EN 301 549 V4.1.1: with the
// help in the footer of every page consistent-help passes; with the
// contact link in the header of one page it fails there, once for the
// site, and criterion 3.2.6 (clause 9.3.2.6) fails with it.
func TestSiteConsistentHelp(t *testing.T) {
	needChrome(t)
	dir := t.TempDir()
	args := []string{"crawl", "-q", "--standard", "en301549-v4.1.1", "--rules=document-title,consistent-help", "--rate", "0", "--screenshots=false"}

	ok := helpSite(t, false)
	r := saavu(t, dir, append(args, "-o", "json=ok.json", ok.URL+"/")...)
	if r.code != 0 {
		t.Fatalf("help in the footer everywhere: exit %d, want 0\n%s", r.code, r.stderr)
	}
	rep := readReport(t, filepath.Join(dir, "ok.json"))
	if len(rep.Pages) != 4 {
		t.Fatalf("%d pages audited, want 4", len(rep.Pages))
	}
	for _, p := range rep.Pages {
		var kinds []string
		for _, h := range p.Facts.Help {
			kinds = append(kinds, h.Kind+" "+h.Target+" "+h.Region)
		}
		want := []string{"phone tel:+35891234567 contentinfo", "email mailto:kirjaamo@testila.fi contentinfo",
			"contact /yhteystiedot.html contentinfo", "help /ukk.html contentinfo", "chat chat:ninchat "}
		if !slices.Equal(kinds, want) {
			t.Errorf("%s: help %q, want %q", p.URL, kinds, want)
		}
	}
	if len(rep.SiteResults) != 1 || rep.SiteResults[0].Rule != "consistent-help" || rep.SiteResults[0].Outcome != "passed" {
		t.Fatalf("site results %+v, want consistent-help passed", rep.SiteResults)
	}

	moved := helpSite(t, true)
	r = saavu(t, dir, append(args, "-o", "json=moved.json", moved.URL+"/")...)
	if r.code != 1 {
		t.Fatalf("contact link moved on one page: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if want := "1 failed site rule of any impact (consistent-help)"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want it to say %q", r.stderr, want)
	}
	rep = readReport(t, filepath.Join(dir, "moved.json"))
	if len(rep.SiteResults) != 1 {
		t.Fatalf("site results %+v", rep.SiteResults)
	}
	res := rep.SiteResults[0]
	if res.Outcome != "failed" || !slices.Equal(res.EN301549, []string{"9.3.2.6"}) || len(res.Nodes) != 1 {
		t.Fatalf("consistent-help %s, clauses %v, findings %+v", res.Outcome, res.EN301549, res.Nodes)
	}
	n := res.Nodes[0]
	if len(n.Pages) != 1 || n.Pages[0].URL != moved.URL+"/c.html" || n.ComparedCount != 3 ||
		!strings.Contains(n.Message, "in the page header, before the main content on the pages listed, in the page footer, after the main content on the pages compared") {
		t.Errorf("the failure names %+v, compared with %d pages: %q", n.Pages, n.ComparedCount, n.Message)
	}
	for _, c := range rep.Summary.Criteria {
		if c.SC == "3.2.6" && (c.Outcome != "failed" || c.FailedPages != 1 || c.EN301549 != "9.3.2.6") {
			t.Errorf("3.2.6 reads %s on %d pages (clause %s), want failed on 1", c.Outcome, c.FailedPages, c.EN301549)
		}
	}
}
