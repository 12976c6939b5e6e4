package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/crawl"
	"saavu/internal/chrometest"
)

// TestCrawlChromeDies kills the Chrome process in the middle of a crawl:
// Chrome is started again, the pages it was showing are tried again, and
// the crawl audits every page.
func TestCrawlChromeDies(t *testing.T) {
	// A browser of its own: the test kills it.
	chrometest.Need(t)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := browser.Launch(ctx, browser.Options{PageTimeout: 20 * time.Second, LoadTimeout: 5 * time.Second})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close(); cancel() })

	var links []string
	for i := range 6 {
		links = append(links, fmt.Sprintf("/p%d", i))
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" || r.URL.Path == "/favicon.ico" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(200 * time.Millisecond) // keep pages in flight
		var page strings.Builder
		fmt.Fprintf(&page, "<!doctype html><html lang=en><title>%s</title><main>", r.URL.Path)
		if r.URL.Path == "/" {
			for _, l := range links {
				fmt.Fprintf(&page, "<a href='%s'>%s</a> ", l, l)
			}
		}
		page.WriteString("</main></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page.String())
	}))
	t.Cleanup(site.Close)

	session := b.Session([]*checks.Rule{checks.All()[0]})
	got := map[string]crawl.CrawlPage{}
	killed := false
	_, err = crawl.Crawl(t.Context(), func() crawl.Tab { return session.Worker() }, crawl.CrawlOptions{
		Start: []string{site.URL + "/"}, MaxPages: 50, MaxDepth: 1, Concurrency: 2, RetryPause: 10 * time.Millisecond,
	}, func(p crawl.CrawlPage) error {
		path := strings.TrimPrefix(p.URL, site.URL)
		if _, dup := got[path]; dup {
			t.Errorf("%s done twice", path)
		}
		got[path] = p
		if killed {
			return nil
		}
		killed = true
		pid := browser.PID(b)
		if pid == 0 {
			t.Fatal("no Chrome process id")
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !killed {
		t.Fatal("Chrome was not killed")
	}
	for _, path := range append([]string{"/"}, links...) {
		if p, ok := got[path]; !ok || p.Err != nil {
			t.Errorf("%s: done %v, error %v; want audited", path, ok, p.Err)
		}
	}
	if n := b.Restarts(); n != 1 {
		t.Errorf("Chrome restarted %d times, want 1", n)
	}
}
