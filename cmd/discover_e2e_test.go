package cmd_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// largeSite is a small stand-in for a very large site: pages linked from
// the home page, one listed only in the sitemap, one linked only by a
// script (which a discovery over HTTP does not see), and a style sheet
// that only a browser loads. styles counts the loads of the style sheet.
func largeSite(t *testing.T, styles *atomic.Int32) *httptest.Server {
	t.Helper()
	page := func(title, body string) string {
		return `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>` + title +
			`</title><link rel="stylesheet" href="/style.css"></head><body><main>` + body + `</main></body></html>`
	}
	var links strings.Builder
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&links, `<a href="/sivu/%d">Sivu %d</a> `, i, i)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/style.css", func(w http.ResponseWriter, r *http.Request) {
		styles.Add(1)
		w.Header().Set("Content-Type", "text/css")
		fmt.Fprint(w, "body{color:#000;background:#fff}")
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://%s/kartalla</loc></url></urlset>`, r.Host)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch p := r.URL.Path; {
		case p == "/":
			fmt.Fprint(w, page("Etusivu", "<h1>Etusivu</h1>"+links.String()+
				`<script>var a=document.createElement("a");a.href="/skriptilla";a.textContent="Skripti";document.querySelector("main").append(a)</script>`))
		case p == "/kartalla", p == "/skriptilla":
			fmt.Fprint(w, page(p[1:], "<h1>"+p[1:]+"</h1>"))
		case strings.HasPrefix(p, "/sivu/"):
			n := strings.TrimPrefix(p, "/sivu/")
			body := "<h1>Sivu " + n + `</h1><a href="/">Etusivu</a>`
			if n == "3" || n == "6" {
				body += `<img src="/kuva.png">` // no alt: image-alt fails
			}
			fmt.Fprint(w, page("Sivu "+n, body))
		default:
			http.NotFound(w, r)
		}
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// TestDiscoverThenShardedCheck: crawl --discover-only lists the pages
// without auditing any; check --urls with --shard 1/2 and 2/2 audits each
// once; saavu report merges the two shards' JSON into the report of one
// unsharded check --urls run.
func TestDiscoverThenShardedCheck(t *testing.T) {
	needChrome(t)
	var styles atomic.Int32
	ts := largeSite(t, &styles)
	dir := t.TempDir()

	r := saavu(t, dir, "crawl", "--discover-only", "--concurrency", "1", "--rate", "0", "-o", "urls=urls.txt", ts.URL+"/")
	if r.code != 0 {
		t.Fatalf("discover: exit %d, want 0", r.code)
	}
	if r.stdout != "" {
		t.Errorf("discover wrote on stdout (a summary of an audit?):\n%s", r.stdout)
	}
	if n := styles.Load(); n != 0 {
		t.Errorf("the style sheet was loaded %d times: a browser loaded the pages", n)
	}
	if _, err := os.Stat(filepath.Join(dir, ".saavu")); err == nil {
		t.Errorf("discover made a crawl state folder")
	}
	data, err := os.ReadFile(filepath.Join(dir, "urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{ts.URL + "/", ts.URL + "/kartalla"}
	for i := 1; i <= 7; i++ {
		want = append(want, fmt.Sprintf("%s/sivu/%d", ts.URL, i))
	}
	slices.Sort(want)
	if got := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("urls.txt:\n%s\nwant (sorted; not /skriptilla, linked by a script only):\n%s", data, strings.Join(want, "\n"))
	}
	// The same list on stdout.
	if r := saavu(t, dir, "crawl", "--discover-only", "-q", "--rate", "0", "-o", "urls=-", ts.URL+"/"); r.code != 0 || r.stdout != string(data) {
		t.Errorf("-o urls=-: exit %d, stdout:\n%s", r.code, r.stdout)
	}

	common := []string{"check", "--urls", "urls.txt", "-q", "--screenshots=false", "--concurrency", "1", "--rules", "document-title,image-alt,link-name"}
	if r := saavu(t, dir, append(common, "-o", "json=all.json")...); r.code != 1 {
		t.Fatalf("unsharded check: exit %d, want 1 (image-alt fails)", r.code)
	}
	seen := map[string]int{}
	for i := 1; i <= 2; i++ {
		out := fmt.Sprintf("shard%d.json", i)
		r := saavu(t, dir, append(common, "--shard", fmt.Sprintf("%d/2", i), "-o", "json="+out)...)
		if r.code != 0 && r.code != 1 {
			t.Fatalf("shard %d/2: exit %d", i, r.code)
		}
		for _, p := range readReport(t, filepath.Join(dir, out)).Pages {
			seen[p.URL]++
		}
	}
	for _, u := range want {
		if seen[u] != 1 {
			t.Errorf("%s is in %d shard reports, want 1", u, seen[u])
		}
	}
	merged := saavu(t, dir, "report", "shard1.json", "shard2.json", "-o", "json=-")
	if merged.code != 1 {
		t.Errorf("report: exit %d, want 1", merged.code)
	}
	all, err := os.ReadFile(filepath.Join(dir, "all.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := withoutTime(t, []byte(merged.stdout)), withoutTime(t, all); !bytes.Equal(got, want) {
		t.Errorf("the merged shards differ from the unsharded run:\n%s", lineDiff(want, got))
	}
}

// TestDiscoverDeadStart: a start address that cannot be loaded is exit 2,
// with crawl's message.
func TestDiscoverDeadStart(t *testing.T) {
	ts := httptest.NewServer(http.NotFoundHandler())
	addr := ts.URL
	ts.Close()
	r := saavu(t, t.TempDir(), "crawl", "--discover-only", "-o", "urls=-", addr+"/")
	if r.code != 2 || !strings.Contains(r.stderr, "the start address "+addr+"/ could not be loaded") {
		t.Errorf("exit %d, want 2 and the start address's error", r.code)
	}
}
