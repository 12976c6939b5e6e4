package cmd_test

import (
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"saavu/report"
)

// crawlSite serves testdata/crawlsite plus robots.txt, sitemaps and
// redirects, and counts the page loads per path.
type crawlSite struct {
	*httptest.Server
	mu    sync.Mutex
	loads map[string]int
}

func newCrawlSite(t *testing.T) *crawlSite {
	t.Helper()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><html lang=en><title>Elsewhere</title><a href='/x.html'>x</a></html>")
	}))
	t.Cleanup(other.Close)
	s := &crawlSite{loads: map[string]int{}}
	files := http.FileServer(http.Dir("../testdata/crawlsite"))
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nDisallow: /\n\nUser-agent: saavu\nDisallow: /private/\nAllow: /\n\nSitemap: %s/sitemap-index.xml\n", s.URL)
	})
	mux.HandleFunc("/sitemap-index.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>`, s.URL)
	})
	mux.HandleFunc("/sitemap-pages.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		gz := gzip.NewWriter(w)
		fmt.Fprintf(gz, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/</loc></url><url><loc>%[1]s/vain-sivukartassa.html</loc></url></urlset>`, s.URL)
		gz.Close()
	})
	mux.Handle("/ohjaus-sisaan", http.RedirectHandler("/c.html", http.StatusFound))
	mux.HandleFunc("/ohjaus-ulos", func(w http.ResponseWriter, r *http.Request) {
		// localhost is another host than 127.0.0.1 for the crawl's scope.
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/", http.StatusFound)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && !strings.HasSuffix(r.URL.Path, ".pdf") {
			s.mu.Lock()
			s.loads[r.URL.Path]++
			s.mu.Unlock()
		}
		files.ServeHTTP(w, r)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func pageURLs(r *report.Report) []string {
	var out []string
	for _, p := range r.Pages {
		out = append(out, strings.TrimPrefix(p.URL, "http://"+strings.Split(strings.TrimPrefix(p.URL, "http://"), "/")[0]))
	}
	return out
}

func TestCrawlSite(t *testing.T) {
	needChrome(t)
	ts := newCrawlSite(t)
	dir := t.TempDir()
	r := saavu(t, dir, "crawl", "--rules", "document-title", "--rate", "0", "-o", "json=r.json", ts.URL+"/index.html")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s", r.code, r.stdout)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	got := pageURLs(rep)
	want := []string{"/", "/a.html", "/b.html", "/deep/1.html", "/deep/2.html", "/deep/3.html", "/ohjaus-sisaan", "/skriptilla.html", "/vain-sivukartassa.html"}
	if !slices.Equal(got, want) {
		t.Errorf("pages audited:\n got %q\nwant %q", got, want)
	}
	if p := pageOf(t, rep, "/ohjaus-sisaan"); !strings.HasSuffix(p.FinalURL, "/c.html") || p.Error != "" {
		t.Errorf("redirect into scope: final %q error %q", p.FinalURL, p.Error)
	}
	for path, n := range ts.loads {
		if n > 1 {
			t.Errorf("%s loaded %d times", path, n)
		}
	}
	if ts.loads["/private/salainen.html"] != 0 {
		t.Error("robots.txt Disallow not obeyed")
	}
	base := ts.URL
	if len(rep.BrokenLinks) != 1 || rep.BrokenLinks[0].URL != base+"/puuttuu.html" || rep.BrokenLinks[0].Status != 404 ||
		!slices.Equal(rep.BrokenLinks[0].LinkedFrom, []string{base + "/", base + "/b.html"}) {
		t.Errorf("broken links: %+v", rep.BrokenLinks)
	}
	if len(rep.Documents) != 1 || rep.Documents[0].URL != base+"/asiakirjat/hinnasto.pdf" || rep.Documents[0].ContentType != "application/pdf" ||
		rep.Documents[0].Status != 200 || !slices.Equal(rep.Documents[0].LinkedFrom, []string{base + "/", base + "/a.html"}) {
		t.Errorf("documents: %+v", rep.Documents)
	}
	reasons := map[string]string{}
	for _, s := range rep.Skipped {
		reasons[strings.TrimPrefix(s.URL, base)] = s.Reason
	}
	if !strings.Contains(reasons["/private/salainen.html"], "robots.txt") {
		t.Errorf("robots.txt skip not recorded: %q", reasons)
	}
	if !strings.Contains(reasons["/ohjaus-ulos"], "out of scope") {
		t.Errorf("redirect out of scope not recorded: %q", reasons)
	}
	if !strings.Contains(r.stderr, "[9/") {
		t.Errorf("no progress lines:\n%s", r.stderr)
	}
}

func TestCrawlLimits(t *testing.T) {
	needChrome(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"max-depth 1", []string{"--max-depth", "1"}, []string{"/", "/a.html", "/b.html", "/deep/1.html", "/ohjaus-sisaan", "/skriptilla.html", "/vain-sivukartassa.html"}},
		{"max-depth 0", []string{"--max-depth", "0"}, []string{"/"}},
		{"max-pages 2", []string{"--max-pages", "2"}, []string{"/", "/vain-sivukartassa.html"}},
		{"ignore-robots, exclude deep", []string{"--ignore-robots", "--exclude", "^/deep/", "--max-depth", "1"}, []string{"/", "/a.html", "/b.html", "/ohjaus-sisaan", "/private/salainen.html", "/skriptilla.html", "/vain-sivukartassa.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newCrawlSite(t)
			dir := t.TempDir()
			args := append([]string{"crawl", "-q", "--rules", "document-title", "--rate", "0", "-o", "json=r.json"}, tt.args...)
			r := saavu(t, dir, append(args, ts.URL+"/")...)
			if r.code != 0 {
				t.Fatalf("exit %d", r.code)
			}
			if got := pageURLs(readReport(t, filepath.Join(dir, "r.json"))); !slices.Equal(got, tt.want) {
				t.Errorf("pages:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
