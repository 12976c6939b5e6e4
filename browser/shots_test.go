package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"saavu/browser"
	"saavu/checks"
	"saavu/crawl"
	"saavu/internal/chrometest"
	"saavu/report"
)

// TestAuditShotsOnce: an element that fails on two pages of a run (a
// template's) is photographed on one of them; the elements of each
// page's own are photographed on both.
func TestAuditShotsOnce(t *testing.T) {
	b := chrometest.Browser(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/a" && r.URL.Path != "/b" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		other := map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path]
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="fi"><head><title>Kunta</title></head><body><main><h1>Otsikko</h1>`+
			`<img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="50" height="40">`+
			`<div style="height:300px"></div>`+
			`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=#%s" width="60" height="40">`+
			`<p><a href="%s">Toinen sivu</a></p></main></body></html>`, r.URL.Path[1:], other)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	rules := []*checks.Rule{checks.ImageAlt}

	runs := []struct {
		name string
		run  func(done func(browser.Done)) error
	}{
		{"audit", func(done func(browser.Done)) error {
			return b.Audit(context.Background(), []string{ts.URL + "/a", ts.URL + "/b"}, rules, 2, done)
		}},
		{"crawl", func(done func(browser.Done)) error {
			opts := crawl.CrawlOptions{Start: []string{ts.URL + "/a"}, MaxDepth: -1, Concurrency: 2, IgnoreRobots: true}
			session := b.Session(rules)
			tabs := func() crawl.Tab { return session.Worker() }
			_, err := crawl.Crawl(context.Background(), tabs, opts, func(p crawl.CrawlPage) error { done(p.Done); return nil })
			return err
		}},
	}
	for _, tt := range runs {
		t.Run(tt.name, func(t *testing.T) {
			var pages []report.Page
			err := tt.run(func(d browser.Done) {
				if d.Err != nil {
					t.Errorf("%s: %v", d.URL, d.Err)
					return
				}
				pages = append(pages, report.PageResult(d.Page, d.Results, d.Err))
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 {
				t.Fatalf("%d pages audited, want 2", len(pages))
			}
			logoShots := 0
			for _, p := range pages {
				var logo, own *report.Node
				for _, r := range p.Results {
					for i, n := range r.Nodes {
						switch {
						case r.Rule != checks.ImageAlt.ID:
						case strings.Contains(n.Snippet, `id="logo"`):
							logo = &r.Nodes[i]
						case strings.Contains(n.Snippet, "img"):
							own = &r.Nodes[i]
						}
					}
				}
				if logo == nil || own == nil {
					t.Fatalf("%s: image-alt reported logo %v, own image %v; want both", p.URL, logo, own)
				}
				if logo.Outcome != "failed" || logo.Selector != "#logo" {
					t.Errorf("%s: logo %s at %q, want failed at #logo", p.URL, logo.Outcome, logo.Selector)
				}
				if logo.Screenshot != "" {
					logoShots++
				}
				if !strings.HasPrefix(own.Screenshot, "data:image/png;base64,") {
					t.Errorf("%s: the page's own image (%s) has no screenshot", p.URL, own.Selector)
				}
			}
			if logoShots != 1 {
				t.Errorf("the logo on both pages has %d screenshots, want 1", logoShots)
			}
		})
	}
}
