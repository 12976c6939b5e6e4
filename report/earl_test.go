package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEARLGolden writes the automated results of the golden report as a
// WCAG-EM Report Tool evaluation and compares it with
// testdata/golden/out/report.earl.jsonld; and checks what the tool needs:
// one site-level assertion per criterion with the WCAG 2.1 id of the
// criterion, outcomes the tool knows, and page assertions about pages of
// the sample only.
func TestEARLGolden(t *testing.T) {
	r, _ := readGoldenInput(t)
	var buf bytes.Buffer
	if err := (EARLWriter{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "testdata", "golden", "out", "report.earl.jsonld")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if want, err := os.ReadFile(path); err != nil {
		t.Fatalf("%v (run go test ./report -run TestEARLGolden -update)", err)
	} else if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("report.earl.jsonld differs from the golden file:\n%s", firstDiff(want, buf.Bytes()))
	}

	var doc struct {
		Type         string `json:"@type"`
		SelectSample struct {
			Structured []struct {
				ID string `json:"@id"`
			} `json:"structuredSample"`
		} `json:"selectSample"`
		AuditSample []struct {
			Subject struct {
				ID   string   `json:"@id"`
				Type []string `json:"@type"`
			} `json:"subject"`
			Test struct {
				ID string `json:"@id"`
			} `json:"test"`
			Result struct {
				Outcome string `json:"outcome"`
			} `json:"result"`
		} `json:"auditSample"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Type != "Evaluation" || len(doc.SelectSample.Structured) != 3 {
		t.Fatalf("type %q, %d sample pages; want Evaluation and the 3 audited pages", doc.Type, len(doc.SelectSample.Structured))
	}
	sample := map[string]bool{}
	for _, p := range doc.SelectSample.Structured {
		sample[p.ID] = true
	}
	site := map[string]string{}
	known := map[string]bool{"earl:passed": true, "earl:failed": true, "earl:cantTell": true, "earl:inapplicable": true, "earl:untested": true}
	for _, a := range doc.AuditSample {
		if !known[a.Result.Outcome] {
			t.Errorf("%s: outcome %q", a.Test.ID, a.Result.Outcome)
		}
		if a.Subject.ID == "" {
			site[a.Test.ID] = a.Result.Outcome
			if strings.Join(a.Subject.Type, " ") != "earl:TestSubject schema:WebSite" {
				t.Errorf("%s: the site subject is %v", a.Test.ID, a.Subject.Type)
			}
		} else if !sample[a.Subject.ID] {
			t.Errorf("%s: an assertion about %s, which is not in the sample", a.Test.ID, a.Subject.ID)
		}
	}
	if len(site) != 50 {
		t.Errorf("%d site-level assertions, want 50", len(site))
	}
	for id, want := range map[string]string{
		"WCAG21:non-text-content":                      "earl:failed",
		"WCAG21:error-prevention-legal-financial-data": "earl:untested",
		"WCAG21:page-titled":                           "earl:cantTell", // the rule passed, but a person must judge the title
		"WCAG21:content-on-hover-or-focus":             "earl:untested",
	} {
		if got := site[id]; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}
