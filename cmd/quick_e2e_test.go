package cmd_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/checks"
)

// TestCheckQuick: --profile quick, here from saavu.yaml, tries nothing in
// the live page and takes no screenshots; the results say the audit was
// quick (partial), no rule that needs a probe passes, and the reports
// name the criteria left untested.
func TestCheckQuick(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "saavu.yaml"), []byte("profile: quick\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := saavu(t, dir, "check", "--fail-on", "none", "-o", "json=r.json", "-o", "text=r.txt", "-o", "html=r.html", "-o", "summary=-",
		ts.URL+"/esteet.html", ts.URL+"/index.html")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\nstderr: %s", r.code, r.stderr)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	if !rep.Quick() || !rep.RuleSelection.Partial() {
		t.Errorf("the results do not say the audit was quick: %+v", rep.RuleSelection)
	}
	probeRules := rep.ProbeRules()
	if len(probeRules) == 0 {
		t.Fatal("no rule needs a probe?")
	}
	for _, p := range rep.Pages {
		if !p.Audited() {
			t.Fatalf("%s not audited: %s", p.URL, p.Error)
		}
		for _, res := range p.Results {
			rs, _ := checks.Lookup([]string{res.Rule})
			if len(rs) == 1 && len(rs[0].Probes) > 0 && !rs[0].ProbesRefine && (res.Outcome == "passed" || res.Outcome == "inapplicable") {
				t.Errorf("%s: %s is %s without its probes", p.URL, res.Rule, res.Outcome)
			}
			for _, n := range res.Nodes {
				if n.Screenshot != "" {
					t.Errorf("%s: %s has a screenshot", p.URL, res.Rule)
				}
			}
		}
	}
	untested := rep.QuickUntested()
	if !strings.Contains(strings.Join(untested, " "), "2.1.2") {
		t.Errorf("2.1.2 (keyboard trap, the Tab walk only) is not among the untested criteria: %v", untested)
	}
	for _, f := range []string{"r.txt", "r.html"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "--profile quick") || !strings.Contains(string(b), "2.1.2") {
			t.Errorf("%s does not say the audit was quick and what it left untested", f)
		}
	}
	if !strings.Contains(r.stdout, "Quick audit") {
		t.Errorf("the summary does not say the audit was quick:\n%s", r.stdout)
	}
}
