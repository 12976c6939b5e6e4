package cmd_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

// TestStatementWorkflow runs the consultant's workflow through the real
// binary: a sampled crawl of a small local site, the review worksheet, a
// person's verdicts, the statement in Finnish, Swedish and English, and
// saavu's own rules, extra ones too, on the statement pages: they must
// find nothing.
func TestStatementWorkflow(t *testing.T) {
	needChrome(t)
	ts := httptest.NewServer(http.FileServer(http.Dir("../testdata/statementsite")))
	t.Cleanup(ts.Close)
	dir := t.TempDir()

	r := saavu(t, dir, "crawl", "-q", "--sample", "6", "--screenshots=false", ts.URL+"/", "-o", "json=results.json")
	if r.code != 1 {
		t.Fatalf("crawl: exit %d, want 1 (the site has barriers)", r.code)
	}
	rep := readReport(t, filepath.Join(dir, "results.json"))
	if rep.Sample == nil || len(rep.Pages) != 5 {
		t.Fatalf("the sample: %+v, %d pages", rep.Sample, len(rep.Pages))
	}
	if _, ok := rep.Rule("statement-link"); !ok {
		t.Fatal("a sampled crawl did not look for the statement link")
	}
	if p := pageOf(t, rep, "/uutiset/"); !hasFailed(p.Results, "statement-link") {
		t.Errorf("the news page, which has no link to the statement, passed statement-link")
	}

	r = saavu(t, dir, "review", "results.json", "--lang", "fi", "-o", "review.yaml", "-o", "html=review.html")
	if r.code != 0 {
		t.Fatalf("review: exit %d", r.code)
	}
	data, err := os.ReadFile(filepath.Join(dir, "review.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The person's verdicts: what the rules failed fails, the rest passes,
	// every element to confirm is fine, and the documents fail.
	blocks := strings.Split(string(data), "\n  - sc: ")
	for i, b := range blocks[1:] {
		verdict := "pass"
		if strings.Contains(b, "      outcome: failed\n") {
			verdict = "fail"
		}
		b = strings.Replace(b, "verdict: # pass, fail tai notApplicable\n", "verdict: "+verdict+"\n", 1)
		blocks[i+1] = strings.ReplaceAll(b, "confirm: # pass tai fail\n", "confirm: pass\n")
	}
	filled := strings.Join(blocks, "\n  - sc: ")
	filled = strings.Replace(filled, "  verdict: # pass, fail tai notApplicable: jokaiselle", "  verdict: fail # jokaiselle", 1)
	if err := os.WriteFile(filepath.Join(dir, "review.yaml"), []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}

	org, err := filepath.Abs("../testdata/statement/org.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r = saavu(t, dir, "statement", "results.json", "--review", "review.yaml", "--org", org,
		"--lang", "fi,sv,en", "-o", "html=seloste-{lang}.html", "-o", "json=seloste-{lang}.json", "-o", "earl=arviointi.{lang}.jsonld")
	if r.code != 0 || !strings.Contains(r.stderr, "compliance partial") {
		t.Fatalf("statement: exit %d", r.code)
	}
	if !strings.Contains(r.stderr, "have no link to the accessibility statement") {
		t.Errorf("no warning about the page without a link to the statement")
	}
	r = saavu(t, dir, "statement", "results.json", "--review", "review.yaml", "--org", org, "--fragment", "-o", "html=fragment.html")
	if r.code != 0 {
		t.Fatalf("statement --fragment: exit %d", r.code)
	}

	r = saavu(t, dir, "check", "-q", "--extra", "--screenshots=false", "-o", "json=check.json",
		"seloste-fi.html", "seloste-sv.html", "seloste-en.html", "review.html")
	if r.code != 0 {
		t.Errorf("saavu check --extra on the statements and the review: exit %d, want 0", r.code)
	}
	for _, p := range readReport(t, filepath.Join(dir, "check.json")).Pages {
		for _, res := range p.Results {
			if res.Outcome == "failed" {
				t.Errorf("%s: %s failed: %+v", p.URL, res.Rule, res.Nodes)
			}
		}
	}
}

func hasFailed(results []report.Result, rule string) bool {
	for _, res := range results {
		if res.Rule == rule && res.Outcome == "failed" {
			return true
		}
	}
	return false
}
