package cmd_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"saavu/internal/hugepage"
)

// hugeSite serves generated pages of many elements: /e60000 has 60,000
// elements, /e200000 200,000.
func hugeSite(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch r.URL.Path {
		case "/e60000":
			n = 60_000
		case "/e200000":
			n = 200_000
		default:
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = hugepage.Write(w, n)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestCheckHugePages: pages of 60,000 and 200,000 elements, audited in
// two tabs at once, are audited: with fewer probes, and with their middle
// cut out, each said in the page's notes. Not a timing test: what the
// audit leaves out depends on the number of elements only, and the page
// timeout here is generous, so that a busy machine does not fail it (that
// both fit 20 s with two tabs busy is measured, not asserted: see
// docs/ci.md and BenchmarkHugePage).
func TestCheckHugePages(t *testing.T) {
	needChrome(t)
	srv := hugeSite(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavu(t, dir, "check", "--concurrency", "2", "--page-timeout", "120s", "--fail-on", "none", "-q", "-o", "json="+out,
		srv.URL+"/e60000", srv.URL+"/e200000")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\nstderr: %s", r.code, r.stderr)
	}
	rep := readReport(t, out)
	for _, tc := range []struct {
		path  string
		notes []string
	}{
		{"/e60000", []string{"The page has 60000 elements, more than 20000", "probes focus, backdrop, reflow", "it removed the"}},
		{"/e200000", []string{"The page has 200000 elements, more than 20000", "probes focus, backdrop, reflow", "more than saavu audits in full (25000): it removed the"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			p := pageOf(t, rep, tc.path)
			if !p.Audited() {
				t.Fatalf("not audited: %s", p.Error)
			}
			notes := strings.Join(p.Notes, "\n")
			for _, want := range tc.notes {
				if !strings.Contains(notes, want) {
					t.Errorf("notes do not say %q:\n%s", want, notes)
				}
			}
			// The rules that need the probes left out pass nothing:
			// keyboard-trap reads the Tab walk only.
			// Both pages are cut: what was removed was not checked, so no
			// rule passes or is inapplicable on them.
			for _, res := range p.Results {
				if res.Outcome == "passed" || res.Outcome == "inapplicable" {
					t.Errorf("%s %s on a page whose middle was not checked", res.Rule, res.Outcome)
				}
			}
			if len(p.Results) == 0 {
				t.Errorf("no results")
			}
		})
	}
}
