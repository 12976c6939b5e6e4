package act_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/act"
	"saavu/internal/chrometest"
)

// TestRunMiniSuite runs the harness end to end in the browser on a small
// suite of its own (testdata/suite): document-title must be consistent
// with ACT 2779a5, and a rule that fails every page must be caught as
// inconsistent with the ACT rule it claims.
func TestRunMiniSuite(t *testing.T) {
	suite := loadMini(t)
	b := chrometest.Browser(t)
	srv := httptest.NewServer(suite.Handler())
	defer srv.Close()

	alwaysFails := &checks.Rule{ID: "always-fails", ACT: []string{"yyyyyy"}, Run: func(p *checks.Pass) error {
		p.Failed(nil, "synthetic failure")
		return nil
	}}
	panics := &checks.Rule{ID: "panics", Run: func(p *checks.Pass) error { panic("synthetic panic") }}
	rules := []*checks.Rule{alwaysFails, checks.DocumentTitle, panics}

	res, err := act.Run(t.Context(), b, srv.URL, suite, rules, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]checks.Outcome{
		"cases/2779a5/passed-1.html":      checks.Passed,
		"cases/2779a5/failed-1.html":      checks.Failed,
		"cases/2779a5/failed-2.html":      checks.Failed,
		"cases/2779a5/inapplicable-1.svg": checks.Inapplicable,
		"cases/yyyyyy/passed-1.html":      checks.Failed,
		"cases/yyyyyy/failed-1.html":      checks.Failed,
		"cases/zzzzzz/failed-1.xml":       "", // no saavu rule implements zzzzzz
	}
	for i, v := range res.Verdicts {
		if v.Case.Page != suite.Cases[i].Page {
			t.Errorf("verdict %d is for %s, want %s (suite order)", i, v.Case.Page, suite.Cases[i].Page)
		}
		if v.Outcome != want[v.Case.Page] {
			t.Errorf("%s: outcome %q, want %q (details %v, error %q)", v.Case.Page, v.Outcome, want[v.Case.Page], v.Details, v.Err)
		}
	}
	if res.Audited != 6 || len(res.PageErrors) != 1 || !strings.Contains(res.PageErrors[0], "cases/zzzzzz/failed-1.xml: not a web page") {
		t.Errorf("audited %d pages, page errors %q; want 6 and the XML page refused", res.Audited, res.PageErrors)
	}
	if len(res.RuleErrors) != 6 || !strings.Contains(res.RuleErrors[0], "panics: saavu could not run this rule (internal error: synthetic panic)") {
		t.Errorf("rule errors = %q, want the panic on each of the 6 pages", res.RuleErrors)
	}

	sc := act.ScoreVerdicts(suite, rules, res.Verdicts)
	if len(sc.Rules) != 2 {
		t.Fatalf("scored %+v, want 2779a5 and yyyyyy", sc.Rules)
	}
	title, fake := sc.Rules[0], sc.Rules[1]
	if !title.Consistent() || title.Consistency() != "complete" || title.Detected != 2 {
		t.Errorf("2779a5 = %+v, want complete", title)
	}
	if fake.Consistent() || fake.FalsePositives != 1 || len(fake.Problems) != 1 || fake.Problems[0].Case.Page != "cases/yyyyyy/passed-1.html" {
		t.Errorf("yyyyyy = %+v, want inconsistent with one false positive on passed-1", fake)
	}
	if msg := inconsistency(suite.Dir, fake); !strings.Contains(msg, "false positive: cases/yyyyyy/passed-1.html (Passed Example 1): expected passed, saavu said failed") ||
		!strings.Contains(msg, "always-fails: failed: :root: synthetic failure") {
		t.Errorf("inconsistency message:\n%s", msg)
	}
}
