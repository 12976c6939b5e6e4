package report_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"saavu/checks"
	"saavu/internal/chrometest"
	"saavu/report"
)

func TestMain(m *testing.M) {
	code := m.Run()
	chrometest.Close()
	os.Exit(code)
}

// TestHTMLReportPassesOwnRules audits the HTML report of the golden input
// with every rule saavu has: our own report must not fail our own rules.
func TestHTMLReportPassesOwnRules(t *testing.T) {
	b := chrometest.Browser(t)
	f, err := os.Open(filepath.Join("..", "testdata", "golden", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, lang := range report.Languages {
		out, err := os.Create(filepath.Join(dir, "report."+lang+".html"))
		if err != nil {
			t.Fatal(err)
		}
		if err := (report.HTMLWriter{Lang: lang}).Write(out, r); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	rules := checks.All()
	t.Logf("%d rules", len(rules))
	for _, lang := range report.Languages {
		t.Run(lang, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
			defer cancel()
			page, err := b.Capture(ctx, srv.URL+"/report."+lang+".html")
			if err != nil {
				t.Fatalf("capture: %v", err)
			}
			results, err := checks.Check(page, rules)
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			outcomes := map[checks.Outcome][]string{}
			for _, res := range results {
				outcomes[res.Outcome] = append(outcomes[res.Outcome], res.Rule.ID)
				for _, tg := range res.Targets {
					switch tg.Outcome {
					case checks.Failed:
						t.Errorf("%s failed on %s: %s\n  %s", res.Rule.ID, tg.Node.Selector(), tg.Message, tg.Node.Snippet())
					case checks.CantTell:
						t.Logf("%s needs review on %s: %s", res.Rule.ID, tg.Node.Selector(), tg.Message)
					}
				}
				if res.Outcome == checks.Failed && !hasFailedTarget(res) {
					t.Errorf("%s failed", res.Rule.ID)
				}
			}
			t.Logf("passed: %v; inapplicable: %v; cantTell: %v", outcomes[checks.Passed], outcomes[checks.Inapplicable], outcomes[checks.CantTell])
		})
	}
}

func hasFailedTarget(res checks.Result) bool {
	for _, tg := range res.Targets {
		if tg.Outcome == checks.Failed {
			return true
		}
	}
	return false
}
