package act_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/act"
)

func TestWriteEARL(t *testing.T) {
	s := loadMini(t)
	verdicts := []act.Verdict{
		{Case: s.Cases[0], Rules: []string{"document-title"}, Outcome: checks.Passed},
		{Case: s.Cases[1], Rules: []string{"document-title"}, Outcome: checks.Failed},
		{Case: s.Cases[3], Rules: []string{"document-title", "other-rule"}, Outcome: checks.CantTell, Err: "the browser tab crashed"},
		{Case: s.Cases[6], Outcome: ""}, // ACT rule not implemented: left out
	}
	var buf bytes.Buffer
	if err := act.WriteEARL(&buf, act.Assertor{Name: "saavu", Version: "1.2.3", Description: "in Chrome"}, verdicts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "}\n") || !strings.Contains(buf.String(), "\n  \"@graph\"") {
		t.Errorf("report is not 2-space indented JSON with a trailing newline:\n%s", buf.String())
	}
	var rep struct {
		Context map[string]any `json:"@context"`
		Graph   []struct {
			Type    string `json:"@type"`
			Mode    string `json:"mode"`
			Subject struct {
				Type   []string `json:"@type"`
				Source string   `json:"source"`
			} `json:"subject"`
			Test struct {
				Type     string `json:"@type"`
				Title    string `json:"title"`
				IsPartOf struct {
					ID    string `json:"@id"`
					Title string `json:"title"`
				} `json:"isPartOf"`
			} `json:"test"`
			Result struct {
				Type    string `json:"@type"`
				Outcome string `json:"outcome"`
				Info    string `json:"info"`
			} `json:"result"`
			AssertedBy struct {
				Title      string `json:"title"`
				HasVersion string `json:"hasVersion"`
			} `json:"assertedBy"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Context["@vocab"] != "http://www.w3.org/ns/earl#" || rep.Context["earl"] != "http://www.w3.org/ns/earl#" {
		t.Errorf("@context = %v", rep.Context)
	}
	if len(rep.Graph) != 3 {
		t.Fatalf("%d assertions, want 3", len(rep.Graph))
	}
	// The W3C implementation mapper finds test cases by this pattern in the subject's source.
	source := regexp.MustCompile(`^https://www\.w3\.org/WAI/content-assets/wcag-act-rules/testcases/[a-z0-9]{6}/[a-z0-9]{40}\.[a-z]{2,4}$`)
	for i, a := range rep.Graph {
		if a.Type != "Assertion" || a.Mode != "earl:automatic" || a.Result.Type != "TestResult" || a.Test.Type != "TestCase" {
			t.Errorf("assertion %d: types %q %q %q %q", i, a.Type, a.Mode, a.Result.Type, a.Test.Type)
		}
		if !source.MatchString(a.Subject.Source) {
			t.Errorf("assertion %d: subject source %q is not a W3C test-case URL", i, a.Subject.Source)
		}
		if a.AssertedBy.Title != "saavu" || a.AssertedBy.HasVersion != "1.2.3" {
			t.Errorf("assertion %d: assertedBy = %+v", i, a.AssertedBy)
		}
		if a.Test.IsPartOf.ID != "https://www.w3.org/WAI/standards-guidelines/act/rules/2779a5/" || a.Test.IsPartOf.Title != "HTML page has non-empty title" {
			t.Errorf("assertion %d: test.isPartOf = %+v", i, a.Test.IsPartOf)
		}
	}
	for i, want := range []string{"earl:passed", "earl:failed", "earl:cantTell"} {
		if got := rep.Graph[i].Result.Outcome; got != want {
			t.Errorf("assertion %d: outcome %q, want %q", i, got, want)
		}
	}
	if got := rep.Graph[1].Subject.Source; !strings.HasSuffix(got, "/2779a5/"+strings.Repeat("2", 40)+".html") {
		t.Errorf("assertion 1: subject %q", got)
	}
	if got := rep.Graph[2].Test.Title; got != "document-title+other-rule" {
		t.Errorf("assertion 2: test title %q, want the saavu rules joined", got)
	}
	if got := rep.Graph[2].Result.Info; !strings.Contains(got, "tab crashed") {
		t.Errorf("assertion 2: info %q, want the reason the page was not audited", got)
	}
}

func TestWriteTable(t *testing.T) {
	suite := &act.Suite{Cases: []act.TestCase{tc("aaaaaa", failed, "1"), tc("aaaaaa", passed, "1"), tc("cccccc", failed, "1")}}
	verdicts := []act.Verdict{
		{Case: suite.Cases[0], Outcome: failed},
		{Case: suite.Cases[1], Outcome: failed},
	}
	sc := act.ScoreVerdicts(suite, []*checks.Rule{fakeRule("rule-a", "aaaaaa")}, verdicts)
	var buf bytes.Buffer
	if err := act.WriteTable(&buf, sc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| [aaaaaa](https://www.w3.org/WAI/standards-guidelines/act/rules/aaaaaa/) | Rule aaaaaa | rule-a | 1/1 | 0 | 0 | 1/1 | inconsistent |",
		"ACT rules implemented: 1 of 2; consistent (no miss, no false positive): 0",
		"1 of all 2 failed examples in the suite (50.0%)",
		"False positives: 1 of 1",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}

	path := filepath.Join(t.TempDir(), "implementation-reports.json")
	tools := `{"tools": [{"key": "x", "name": "Tool X", "version": 4.5, "type": "Automated tool", "rulesWithProcedures": 10,
		"consistency": {"complete": 6, "complete-with-cantTell": 2, "inconsistent": 2}, "detected": 1, "cantTell": 3,
		"passedInapplicable": 20, "falsePositives": 2}]}`
	if err := os.WriteFile(path, []byte(tools), 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := act.LoadTools(path)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := act.WriteComparison(&buf, sc, "1.0.0", list); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| **saavu 1.0.0** | Automated tool | 1 | 0 | 1 (50.0%) | 0 | 1 of 1 (100.0%) |",
		"| Tool X 4.5 | Automated tool | 10 | 8 | 1 (50.0%) | 3 | 2 of 20 (10.0%) |",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("comparison lacks %q:\n%s", want, buf.String())
		}
	}
	if got := act.ToolsFile("/x/act/w3c-wcag-act-rules"); got != filepath.FromSlash("/x/act/implementation-reports.json") {
		t.Errorf("ToolsFile = %q", got)
	}
}
