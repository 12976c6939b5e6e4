package cmd_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"saavu/monitor"
	"saavu/report"
)

// standinSite serves a small site that a crawl walks whole: / links to
// /p0…/p{n-1}, and to /gone (404) and /broken (500), which the crawl
// lists as broken links. bad puts an image without a text alternative on /p0, and
// a form field without a label on /p1 of every site.
func standinSite(t *testing.T, name string, n int, bad bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body string
		switch p := r.URL.Path; {
		case p == "/":
			var links strings.Builder
			for i := range n {
				fmt.Fprintf(&links, `<li><a href="/p%d">Page %d</a></li>`, i, i)
			}
			body = `<nav><ul>` + links.String() + `<li><a href="/gone">Gone</a></li><li><a href="/broken">Broken</a></li></ul></nav>`
		case p == "/gone":
			http.NotFound(w, r)
			return
		case p == "/broken":
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		case p == "/p0" && bad:
			body = `<p><img src="/logo.png"> Welcome.</p>`
		case p == "/p1":
			body = `<form><input type="text" name="q"><button>Search</button></form>`
		case strings.HasPrefix(p, "/p"):
			body = `<p>Text of ` + p + `. <a href="/">Home</a></p>`
		default: // robots.txt, sitemap.xml, favicon.ico, logo.png
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s %s</title></head><body><main><h1>%s %s</h1>%s</main></body></html>`,
			name, r.URL.Path, name, r.URL.Path, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// comparableResults is what two audits of the same site must share: the
// pages, and of each its status, error and every rule's outcome with the
// elements it named; the site rules; the pages skipped and the broken
// links. Not the times, the browser's version, or the notes.
func comparableResults(t *testing.T, path string) any {
	t.Helper()
	r := readReport(t, path)
	type result struct {
		Rule, Outcome string
		Passed        int
		Nodes         []string
	}
	type page struct {
		URL, FinalURL, Title, Error, ErrorKind string
		Status                                 int
		Results                                []result
	}
	var pages []page
	for _, p := range r.Pages {
		pg := page{URL: p.URL, FinalURL: p.FinalURL, Title: p.Title, Error: p.Error, ErrorKind: p.ErrorKind, Status: p.Status}
		for _, res := range p.Results {
			rs := result{Rule: res.Rule, Outcome: res.Outcome, Passed: res.Passed}
			for _, n := range res.Nodes {
				rs.Nodes = append(rs.Nodes, n.Outcome+" "+n.Selector+" "+n.Message)
			}
			pg.Results = append(pg.Results, rs)
		}
		pages = append(pages, pg)
	}
	var site []string
	for _, s := range r.SiteResults {
		site = append(site, fmt.Sprintf("%s %s %d %d", s.Rule, s.Outcome, s.Pages, len(s.Nodes)))
	}
	return []any{pages, site, r.Summary, r.Skipped, r.BrokenLinks}
}

// TestMonitorStandIn stands in, on one machine, for the Kubernetes Job of
// deploy/kubernetes: one Chromium started apart (the sidecar), three
// sites, and saavu monitor run once unsharded against it, then as three
// shard processes at the same time, sharing the Chromium and the output
// folder as the pods share the volume. The sharded overview and every
// site's results must be those of the unsharded run, times aside.
//
// Nothing had to be left out of the comparison for timing: the pages
// are static, with no script, so the probes that wait (the network's
// quiet after load, focus walking) read the same page in both runs. The
// notes are left out because they say how a capture went (e.g. "audited
// at the second try" when a tab dropped), not what the page is.
//
// Which shard gets which site depends on the sites' URLs, whose ports are
// random: a shard may get none, which must then be an empty, complete
// manifest; the overview must not care.
func TestMonitorStandIn(t *testing.T) {
	needChrome(t)
	rc := startRemoteChrome(t, 0)
	a, b, c := standinSite(t, "A", 4, true), standinSite(t, "B", 3, false), standinSite(t, "C", 5, true)
	dir := t.TempDir()
	list := a.URL + "/\n" + b.URL + "/\n" + c.URL + "/\n"
	if err := os.WriteFile(filepath.Join(dir, "sites.txt"), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"--browser-url", rc.url(), "--concurrency", "1", "--documents=false", "--screenshots=false", "--rate", "0", "-q"}

	// A: one process, every site.
	r := saavu(t, dir, append([]string{"monitor", "sites.txt", "--out", "whole"}, common...)...)
	if r.code != 1 {
		t.Fatalf("unsharded run: exit %d, want 1 (A and C fail)", r.code)
	}
	whole := readOverview(t, filepath.Join(dir, "whole", "overview.json"))
	if want := (report.OverviewSummary{Sites: 3, Finished: 3, Audited: 1 + 4 + 1 + 3 + 1 + 5}); whole.Summary != want {
		t.Errorf("summary %+v, want %+v", whole.Summary, want)
	}

	// B: three shard processes at once.
	var wg sync.WaitGroup
	codes := make([]int, 3)
	stderrs := make([]string, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(binary, append([]string{"monitor", "sites.txt", "--out", "sharded", "--shard", fmt.Sprintf("%d/3", i+1)}, common...)...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var errb bytes.Buffer
			cmd.Stderr = &errb
			err := cmd.Run()
			codes[i], stderrs[i] = cmd.ProcessState.ExitCode(), errb.String()
			if err != nil && codes[i] < 0 {
				stderrs[i] += err.Error()
			}
		}()
	}
	wg.Wait()
	for i := range 3 {
		t.Logf("shard %d/3 → exit %d\nstderr:\n%s", i+1, codes[i], stderrs[i])
		m, err := monitor.ReadManifest(filepath.Join(dir, "sharded", "manifests", fmt.Sprintf("shard-%d-of-3.json", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		if !m.Complete || len(m.List) != 3 {
			t.Errorf("manifest of shard %d/3: complete %v, %d listed; want complete, 3", i+1, m.Complete, len(m.List))
		}
		if codes[i] != 0 && codes[i] != 1 {
			t.Errorf("shard %d/3: exit %d, want 0 or 1", i+1, codes[i])
		}
	}
	r = saavu(t, dir, "monitor", "--overview", "sharded", "-o", "json=sharded.json")
	if r.code != 0 {
		t.Fatalf("--overview: exit %d, want 0", r.code)
	}
	sharded := readOverview(t, filepath.Join(dir, "sharded.json"))

	if got, want := comparableOverview(sharded), comparableOverview(whole); !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("the sharded overview differs from the unsharded one:\n%s\nwant\n%s", gj, wj)
	}
	if len(whole.Sites) != 3 {
		t.Fatalf("%d sites in the overview, want 3", len(whole.Sites))
	}
	for _, s := range whole.Sites {
		if n := len(readReport(t, filepath.Join(dir, "whole", filepath.FromSlash(s.Results))).BrokenLinks); n != 2 {
			t.Errorf("%s: %d broken links, want 2 (/gone, /broken)", s.URL, n)
		}
		got := comparableResults(t, filepath.Join(dir, "sharded", filepath.FromSlash(s.Results)))
		want := comparableResults(t, filepath.Join(dir, "whole", filepath.FromSlash(s.Results)))
		if !reflect.DeepEqual(got, want) {
			gj, _ := json.MarshalIndent(got, "", " ")
			wj, _ := json.MarshalIndent(want, "", " ")
			t.Errorf("%s: the sharded results differ from the unsharded ones:\n%s\nwant\n%s", s.URL, gj, wj)
		}
	}
	if left := rc.pages(t); len(left) > 1 {
		t.Errorf("tabs left open in the shared browser: %q", left)
	}
}
