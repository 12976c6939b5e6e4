package browser_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"saavu/checks"
	"saavu/internal/chrometest"
	"saavu/internal/hugepage"
)

// BenchmarkHugePage audits a page of 60,000 elements in one tab: load,
// capture (with the reductions for its size), rules and screenshots.
//
//	go test ./browser -run '^$' -bench HugePage -benchtime 3x
func BenchmarkHugePage(b *testing.B) {
	br := chrometest.Browser(b)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = hugepage.Write(w, 60_000)
	}))
	defer srv.Close()
	ctx := context.Background()
	rules := checks.All()
	for b.Loop() {
		tab, err := br.NewTab(ctx)
		if err != nil {
			b.Fatal(err)
		}
		p, err := tab.Capture(ctx, srv.URL+"/")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tab.Check(ctx, p, rules, nil); err != nil {
			b.Fatal(err)
		}
		tab.Close()
	}
}
