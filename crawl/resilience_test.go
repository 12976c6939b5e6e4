package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/chrometest"
)

// ownBrowser starts a browser for one test (these tests kill it), or
// skips the test when there is no Chrome.
func ownBrowser(t *testing.T) *browser.Browser {
	t.Helper()
	chrometest.Need(t)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := browser.Launch(ctx, browser.Options{PageTimeout: 20 * time.Second, LoadTimeout: 5 * time.Second})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close(); cancel() })
	return b
}

// countingSite serves pages that link to each other and counts the loads.
type countingSite struct {
	*httptest.Server
	mu    sync.Mutex
	loads map[string]int
}

func (s *countingSite) load(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads[path]++
	return s.loads[path]
}

func (s *countingSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loads[path]
}

func newCountingSite(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int) bool, links ...string) *countingSite {
	s := &countingSite{loads: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" || r.URL.Path == "/favicon.ico" {
			http.NotFound(w, r)
			return
		}
		n := s.load(r.URL.Path)
		if handle != nil && handle(w, r, n) {
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, "<!doctype html><html lang=en><title>%s</title><main>", r.URL.Path)
		if r.URL.Path == "/" {
			for _, l := range links {
				fmt.Fprintf(&b, "<a href='%s'>%s</a> ", l, l)
			}
		}
		b.WriteString("</main></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, b.String())
	}))
	t.Cleanup(s.Close)
	return s
}

func crawlAll(t *testing.T, b *browser.Browser, site *countingSite, concurrency int, pause time.Duration, each func(CrawlPage)) map[string]CrawlPage {
	t.Helper()
	got := map[string]CrawlPage{}
	session := b.Session([]*checks.Rule{checks.All()[0]})
	_, err := Crawl(t.Context(), func() Tab { return session.Worker() }, CrawlOptions{
		Start: []string{site.URL + "/"}, MaxPages: 50, MaxDepth: 1, Concurrency: concurrency, RetryPause: pause,
	}, func(p CrawlPage) error {
		path := strings.TrimPrefix(p.URL, site.URL)
		if _, dup := got[path]; dup {
			t.Errorf("%s done twice", path)
		}
		got[path] = p
		if each != nil {
			each(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestCrawlRetry: a page that fails for a passing reason (a connection
// closed without an answer, HTTP 503) is loaded a second time and
// audited; one that keeps failing is reported after two tries; one that
// fails for good (HTTP 404) is tried once.
func TestCrawlRetry(t *testing.T) {
	b := ownBrowser(t)
	// Chrome itself sends a request again at once when the connection
	// closes without an answer: /reset fails for 300ms, and the crawl
	// tries again after 1s.
	var mu sync.Mutex
	var resetAt time.Time
	failing := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if resetAt.IsZero() {
			resetAt = time.Now()
		}
		return time.Since(resetAt) < 300*time.Millisecond
	}
	site := newCountingSite(t, func(w http.ResponseWriter, r *http.Request, n int) bool {
		switch {
		case r.URL.Path == "/reset" && failing():
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return true
		case r.URL.Path == "/busy" && n == 1, r.URL.Path == "/down":
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return true
		case r.URL.Path == "/missing":
			http.NotFound(w, r)
			return true
		}
		return false
	}, "/reset", "/busy", "/down", "/missing", "/ok")
	got := crawlAll(t, b, site, 1, time.Second, nil)
	for _, path := range []string{"/", "/ok", "/reset", "/busy"} {
		if p, ok := got[path]; !ok || p.Err != nil {
			t.Errorf("%s: done %v, error %v; want audited", path, ok, p.Err)
		}
	}
	if n := site.count("/busy"); n != 2 {
		t.Errorf("/busy loaded %d times, want 2", n)
	}
	for _, path := range []string{"/reset", "/busy"} {
		if p := got[path]; p.Page == nil || !slices.ContainsFunc(p.Page.Notes, func(s string) bool { return strings.Contains(s, "second try") }) {
			t.Errorf("%s: no note of the second try", path)
		}
	}
	if p := got["/down"]; !browser.IsKind(p.Err, browser.KindHTTP) || site.count("/down") != 2 {
		t.Errorf("/down: error %v after %d loads; want HTTP 503 after 2", p.Err, site.count("/down"))
	}
	if p := got["/missing"]; !browser.IsKind(p.Err, browser.KindHTTP) || site.count("/missing") != 1 {
		t.Errorf("/missing: error %v after %d loads; want HTTP 404 after 1", p.Err, site.count("/missing"))
	}
	if n := site.count("/ok"); n != 1 {
		t.Errorf("/ok loaded %d times", n)
	}
}
