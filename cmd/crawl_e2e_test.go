package cmd_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"saavu/report"
)

// crawlSite serves testdata/crawlsite plus robots.txt, sitemaps and
// redirects, and counts the page loads per path.
type crawlSite struct {
	*httptest.Server
	mu    sync.Mutex
	loads map[string]int
	// elsewhere counts the requests to the other host, which the crawl
	// must never make (it is out of scope).
	elsewhere int
}

func newCrawlSite(t *testing.T) *crawlSite {
	t.Helper()
	s := &crawlSite{loads: map[string]int{}}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.elsewhere++
		s.mu.Unlock()
		fmt.Fprint(w, "<!doctype html><html lang=en><title>Elsewhere</title><a href='/x.html'>x</a></html>")
	}))
	t.Cleanup(other.Close)
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
		// Pages, not what the browser fetches on its own (each tab asks
		// for the favicon).
		if r.Method == http.MethodGet && !strings.HasSuffix(r.URL.Path, ".pdf") && r.URL.Path != "/favicon.ico" {
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
	want := []string{"/", "/a.html", "/b.html", "/deep/1.html", "/deep/2.html", "/deep/3.html", "/kehys/sisalla.html", "/ohjaus-sisaan", "/skriptilla.html", "/vain-sivukartassa.html"}
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
	if ts.elsewhere != 0 {
		t.Errorf("the browser loaded the out-of-scope redirect target %d times, want none", ts.elsewhere)
	}
	if !strings.Contains(reasons["/ohjaus-ulos"], "out of scope") {
		t.Errorf("redirect out of scope not recorded: %q", reasons)
	}
	// Not on a terminal: the state folder, then the last line.
	if !strings.Contains(r.stderr, "saavu: crawl state in .saavu/127.0.0.1_") || !strings.Contains(r.stderr, "saavu: crawled 11 pages in ") ||
		!strings.Contains(r.stderr, "1 broken link") || !strings.Contains(r.stderr, "saavu: writing the reports of 10 pages: r.json") {
		t.Errorf("progress lines:\n%s", r.stderr)
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

// allPages is what TestCrawlSite audits.
var allPages = []string{"/", "/a.html", "/b.html", "/deep/1.html", "/deep/2.html", "/deep/3.html", "/kehys/sisalla.html", "/ohjaus-sisaan", "/skriptilla.html", "/vain-sivukartassa.html"}

// TestCrawlResume stops a crawl at its page limit, then resumes it with a
// higher one: the second run audits only the rest, and its reports cover
// both runs.
func TestCrawlResume(t *testing.T) {
	needChrome(t)
	ts := newCrawlSite(t)
	dir := t.TempDir()
	args := []string{"crawl", "--rules", "document-title", "--rate", "0", "-o", "json=r.json", "--state", "tila"}
	r := saavu(t, dir, append(args, "--max-pages", "3", ts.URL+"/")...)
	if r.code != 0 {
		t.Fatalf("first run: exit %d\n%s", r.code, r.stderr)
	}
	first := pageURLs(readReport(t, filepath.Join(dir, "r.json")))
	if len(first) != 3 {
		t.Fatalf("first run audited %q, want 3 pages", first)
	}

	// Other scope: refused, and nothing is audited.
	r = saavu(t, dir, append(args, "--resume", "--exclude", "^/deep/", ts.URL+"/")...)
	if r.code != 2 || !strings.Contains(r.stderr, "--resume") || !strings.Contains(r.stderr, "--exclude") {
		t.Fatalf("resume with another scope: exit %d, want 2 and a message naming --exclude\n%s", r.code, r.stderr)
	}

	r = saavu(t, dir, append(args, "--resume", "--max-pages", "100", ts.URL+"/")...)
	if r.code != 0 {
		t.Fatalf("resumed run: exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "resuming the crawl in tila: 3 page(s) done before") {
		t.Errorf("no resume message:\n%s", r.stderr)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	if got := pageURLs(rep); !slices.Equal(got, allPages) {
		t.Errorf("pages after resume:\n got %q\nwant %q", got, allPages)
	}
	if len(rep.BrokenLinks) != 1 || len(rep.Documents) != 1 {
		t.Errorf("broken links %+v, documents %+v", rep.BrokenLinks, rep.Documents)
	}
	for path, n := range ts.loads {
		if n > 1 && path != "/favicon.ico" { // Chrome asks for it once per start
			t.Errorf("%s loaded %d times", path, n)
		}
	}
	for _, p := range first {
		if ts.loads[p] != 1 {
			t.Errorf("%s loaded %d times, want once", p, ts.loads[p])
		}
	}
}

// TestCrawlInterrupt stops a crawl with SIGINT once pages are done: it
// writes its reports for the pages done, lists the rest, exits 2, and
// --resume finishes it without auditing a page done twice.
func TestCrawlInterrupt(t *testing.T) {
	needChrome(t)
	ts := newCrawlSite(t)
	dir := t.TempDir()
	args := []string{"crawl", "--rules", "document-title", "-o", "json=r.json", "--state", "tila"}
	cmd := exec.Command(binary, append(args, "--rate", "1", ts.URL+"/")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once two pages are in the state folder.
	pages := filepath.Join(dir, "tila", "pages.jsonl")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		b, _ := os.ReadFile(pages)
		if bytes.Count(b, []byte("\n")) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no two pages done in time:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("interrupted crawl: %v, want exit 2\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "--resume") {
		t.Errorf("the message does not say how to go on:\n%s", stderr.String())
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	done := pageURLs(rep)
	if len(done) < 2 || len(done) >= len(allPages) {
		t.Fatalf("interrupted report has pages %q", done)
	}
	pending := 0
	for _, s := range rep.Skipped {
		if strings.Contains(s.Reason, "interrupted") {
			pending++
		}
	}
	if pending == 0 {
		t.Errorf("the pages not done are not listed: %+v", rep.Skipped)
	}

	// Without --resume, the unfinished crawl is not replaced.
	r := saavu(t, dir, append(args, "--rate", "0", ts.URL+"/")...)
	if r.code != 2 || !strings.Contains(r.stderr, "unfinished crawl") || !strings.Contains(r.stderr, "--resume") {
		t.Fatalf("new crawl over an unfinished one: exit %d\n%s", r.code, r.stderr)
	}

	r = saavu(t, dir, append(args, "--resume", "--rate", "0", ts.URL+"/")...)
	if r.code != 0 {
		t.Fatalf("resumed run: exit %d\n%s", r.code, r.stderr)
	}
	rep = readReport(t, filepath.Join(dir, "r.json"))
	if got := pageURLs(rep); !slices.Equal(got, allPages) {
		t.Errorf("pages after resume:\n got %q\nwant %q", got, allPages)
	}
	for _, s := range rep.Skipped {
		if strings.Contains(s.Reason, "interrupted") {
			t.Errorf("still listed as not done after resume: %+v", s)
		}
	}
	// The pages done before the interruption were not loaded again (a
	// page loading when the signal came may have been).
	for _, p := range done {
		if ts.loads[p] != 1 {
			t.Errorf("%s loaded %d times, want once", p, ts.loads[p])
		}
	}
}
