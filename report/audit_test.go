package report_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
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

// TestHTMLReportPassesOwnRules audits the HTML reports of the golden
// inputs (a few pages; a crawl of 50 pages with documents, broken links
// and skipped pages) with every rule saavu has: our own report must not
// fail our own rules.
func TestHTMLReportPassesOwnRules(t *testing.T) {
	b := chrometest.Browser(t)
	dir := t.TempDir()
	inputs := []string{"report", "crawl"}
	for _, in := range inputs {
		f, err := os.Open(filepath.Join("..", "testdata", "golden", in+".json"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.ReadJSON(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range report.Languages {
			out, err := os.Create(filepath.Join(dir, in+"."+lang+".html"))
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
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	rules := checks.All()
	t.Logf("%d rules", len(rules))
	for _, in := range inputs {
		for _, lang := range report.Languages {
			t.Run(in+"/"+lang, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
				defer cancel()
				page, err := b.Capture(ctx, srv.URL+"/"+in+"."+lang+".html")
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
				// The script ran: the filters are shown, and the live region
				// says how many findings are shown.
				form, shown := page.ElementByID("filters"), page.ElementByID("shown")
				switch {
				case form == nil || shown == nil:
					t.Errorf("no filter form or live region")
				case form.HasAttr("hidden"):
					t.Errorf("the filter form is still hidden: the script did not run")
				case strings.TrimSpace(shown.TextContent()) == "":
					t.Errorf("the live region is empty: the script did not run")
				}
			})
		}
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
