package cmd_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/report"
)

// TestStandardV411 audits two rule fixtures through the binary with
// --standard en301549-v4.1.1: the WCAG 2.2 rules run, the JSON names the
// standard and its 55 criteria, saavu report reads it back, and refuses
// to merge it with results of V3.2.1.
func TestStandardV411(t *testing.T) {
	needChrome(t)
	ts := httptest.NewServer(http.FileServer(http.Dir("../testdata")))
	t.Cleanup(ts.Close)
	dir := t.TempDir()
	pages := []string{ts.URL + "/rules/target-size.html", ts.URL + "/rules/focus-not-obscured.html"}

	r := saavu(t, dir, append([]string{"check", "--standard", "en301549-v4.1.1", "-o", "json=v4.json", "-o", "html=v4.html"}, pages...)...)
	if r.code != 1 || !strings.Contains(r.stdout, "EN 301 549 V4.1.1 (WCAG 2.2 AA)") {
		t.Fatalf("exit %d, want 1 (the fixtures fail):\n%s", r.code, r.stdout)
	}
	v4 := readReport(t, filepath.Join(dir, "v4.json"))
	if v4.Std() != checks.EN301549V411 || v4.Standard.WCAG != "2.2" || len(v4.Summary.Criteria) != 55 {
		t.Fatalf("standard %+v, %d criteria", v4.Standard, len(v4.Summary.Criteria))
	}
	site := 0
	for _, ri := range v4.Rules {
		if ri.Site {
			site++
		}
	}
	if len(v4.Rules)-site != len(checks.EN301549V411.Rules()) || site != len(checks.EN301549V411.SiteRules()) {
		t.Errorf("%d page rules and %d site rules ran, want the %d and %d of V4.1.1", len(v4.Rules)-site, site, len(checks.EN301549V411.Rules()), len(checks.EN301549V411.SiteRules()))
	}
	outcome := map[string]string{}
	for _, c := range v4.Summary.Criteria {
		outcome[c.SC] = c.Outcome
		if !c.ClauseUnverified {
			t.Errorf("%s: clause %s not marked unverified", c.SC, c.EN301549)
		}
	}
	if _, ok := outcome["4.1.1"]; ok {
		t.Error("the V4.1.1 criteria include 4.1.1")
	}
	if outcome["2.5.8"] != "failed" || outcome["2.4.11"] != "failed" || outcome["3.3.7"] != report.Untested {
		t.Errorf("2.5.8 %s, 2.4.11 %s, 3.3.7 %s", outcome["2.5.8"], outcome["2.4.11"], outcome["3.3.7"])
	}
	for _, p := range v4.Pages {
		for _, res := range p.Results {
			if res.Rule == "target-size" && strings.HasSuffix(p.URL, "target-size.html") && (res.Outcome != "failed" || !slices.Equal(res.EN301549, []string{"9.2.5.8"})) {
				t.Errorf("target-size on %s: %s %v", p.URL, res.Outcome, res.EN301549)
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "v4.html"))
	if err != nil || !strings.Contains(string(html), "9.2.5.8 †") {
		t.Errorf("the HTML report does not mark the unverified clause (%v)", err)
	}

	// The default: V3.2.1, without the WCAG 2.2 rules.
	r = saavu(t, dir, "check", "-o", "json=v3.json", pages[0])
	v3 := readReport(t, filepath.Join(dir, "v3.json"))
	if v3.Std() != checks.EN301549V321 || len(v3.Summary.Criteria) != 50 {
		t.Errorf("default: %+v, %d criteria", v3.Standard, len(v3.Summary.Criteria))
	}
	if _, ran := v3.Rule("target-size"); ran {
		t.Error("target-size ran under V3.2.1 without --extra")
	}

	// saavu report keeps the standard, and will not mix two.
	r = saavu(t, dir, "report", "-o", "json=again.json", "v4.json")
	if again := readReport(t, filepath.Join(dir, "again.json")); again.Std() != checks.EN301549V411 || len(again.Summary.Criteria) != 55 {
		t.Errorf("saavu report: %+v, %d criteria", again.Standard, len(again.Summary.Criteria))
	}
	r = saavu(t, dir, "report", "v4.json", "v3.json")
	if r.code != 2 || !strings.Contains(r.stderr, "EN 301 549 V4.1.1") || !strings.Contains(r.stderr, "EN 301 549 V3.2.1") || !strings.Contains(r.stderr, "merge results of one standard only") {
		t.Errorf("merging V4.1.1 and V3.2.1 results: exit %d, %s", r.code, r.stderr)
	}
	r = saavu(t, dir, "check", "--standard", "wcag22", pages[0])
	if r.code != 2 || !strings.Contains(r.stderr, `unknown standard "wcag22" (choose one of en301549-v3.2.1, en301549-v4.1.1)`) {
		t.Errorf("--standard wcag22: exit %d, %s", r.code, r.stderr)
	}
}
