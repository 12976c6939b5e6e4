package cmd_test

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"saavu/report"
)

// TestSummaryWhenReportsGoToFiles: with the reports in files, standard
// output is a short summary that ends with their paths; -o text=- gives
// every failure in tables, and ends with the paths too.
func TestSummaryWhenReportsGoToFiles(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	pages := []string{ts.URL + "/esteet.html", ts.URL + "/index.html", ts.URL + "/palvelut.html"}
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}

	r := saavu(t, dir, append([]string{"check", "-q", "-o", "html=out/r.html", "-o", "json=out/r.json"}, pages...)...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) > 40 {
		t.Errorf("the summary is %d lines, want a screenful (40 at most):\n%s", len(lines), r.stdout)
	}
	if !strings.HasSuffix(r.stdout, "\nReports: out/r.html\n         out/r.json\n") {
		t.Errorf("the summary does not end with the reports written:\n%s", r.stdout)
	}
	for _, want := range []string{"3 pages of " + ts.URL + " audited", "Failures by WCAG criterion:", "Non-text Content", "Pages with the most failed rules:", "/esteet.html"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "+---") || strings.Contains(r.stdout, "#icon-button") {
		t.Errorf("the summary holds the full tables:\n%s", r.stdout)
	}
	rep := readReport(t, filepath.Join(dir, "out/r.json"))

	// The full tables, on request: every failing rule of every page.
	full := saavu(t, dir, append([]string{"check", "-q", "-o", "html=r.html", "-o", "text=-"}, pages...)...)
	if full.code != 1 {
		t.Fatalf("-o text=-: exit %d, want 1", full.code)
	}
	for _, p := range rep.Pages {
		for _, res := range p.Results {
			row := "| " + strings.TrimPrefix(p.URL, ts.URL) + " | " + res.Rule + " "
			if res.Outcome == "failed" && !strings.Contains(full.stdout, row) {
				t.Errorf("-o text=- lacks the row %q", row)
			}
		}
	}
	if !strings.Contains(full.stdout, "#icon-button") || !strings.HasSuffix(full.stdout, "\nReport: r.html\n") {
		t.Errorf("-o text=- is not the full tables ending with the report written:\n%s", full.stdout)
	}
}

// TestBaselineExitReason: with a baseline, the new failures come first,
// by their new elements, and the last line on stderr says why the exit
// status is 1.
func TestBaselineExitReason(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	page := ts.URL + "/esteet.html"
	if r := saavu(t, dir, "check", "-q", "--screenshots=false", "-o", "json=before.json", page); r.code != 1 {
		t.Fatalf("check: exit %d, want 1", r.code)
	}
	if r := saavu(t, dir, "baseline", "before.json", "-o", "base.json"); r.code != 0 {
		t.Fatalf("baseline: exit %d", r.code)
	}
	// Forget two accepted failures: an image (critical) that is not the
	// rule's first element, and an unnamed link (serious).
	data, err := os.ReadFile(filepath.Join(dir, "base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var base report.Baseline
	if err := json.Unmarshal(data, &base); err != nil {
		t.Fatal(err)
	}
	n := len(base.Findings)
	base.Findings = slices.DeleteFunc(base.Findings, func(f report.Finding) bool {
		return f.Rule == "image-alt" && f.Selector == "#tiny-logo-link" ||
			f.Rule == "link-name" && f.Selector == "body > div:nth-of-type(1) > a:nth-of-type(4)"
	})
	if len(base.Findings) != n-2 {
		t.Fatalf("the baseline does not list the failures the test forgets: %+v", base.Findings)
	}
	var buf strings.Builder
	if err := base.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.json"), []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	r := saavu(t, dir, "check", "-q", "--screenshots=false", "--baseline", "base.json", "--fail-on", "serious", "-o", "html=r.html", page)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (new failures)\n%s", r.code, r.stdout)
	}
	stderr := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if want := "saavu: exit 1: 2 new failures at or above serious (rule × page; 2 new elements on 1 page)"; stderr[len(stderr)-1] != want {
		t.Errorf("the last line on stderr is %q, want %q", stderr[len(stderr)-1], want)
	}
	newAt := strings.Index(r.stdout, "New failures:")
	img, link := strings.Index(r.stdout, "#tiny-logo-link"), strings.Index(r.stdout, "a:nth-of-type(4)")
	if newAt < 0 || img < newAt || link < newAt || newAt > strings.Index(r.stdout, "Failures by WCAG criterion:") {
		t.Errorf("the summary does not list the new failures first, by their new elements:\n%s", r.stdout)
	}

	// The full tables: the new failures in a table of their own, first.
	full := saavu(t, dir, "report", "--baseline", "base.json", "--fail-on", "serious", "-o", "text=-", "before.json")
	if full.code != 1 || !strings.HasSuffix(full.stderr, "saavu: exit 1: 2 new failures at or above serious (rule × page; 2 new elements on 1 page)\n") {
		t.Errorf("saavu report: exit %d, stderr %q", full.code, full.stderr)
	}
	newAt, accepted := strings.Index(full.stdout, "New failures (not in the baseline):"), strings.Index(full.stdout, "Failures accepted in the baseline:")
	img = strings.Index(full.stdout, "#tiny-logo-link")
	if newAt < 0 || accepted < newAt || img < newAt || img > accepted {
		t.Errorf("-o text=- does not list the new failures first:\n%s", full.stdout)
	}

	// Without a baseline, the reason counts every failure.
	all := saavu(t, dir, "report", "--fail-on", "critical", "-o", "json=again.json", "before.json")
	rep := readReport(t, filepath.Join(dir, "again.json"))
	want := rep.Failures("critical")
	if all.code != 1 || !strings.HasPrefix(all.stderr, "saavu: exit 1: ") || !strings.Contains(all.stderr, " failures at or above critical (rule × page; ") ||
		!strings.Contains(all.stderr, ": "+strconv.Itoa(want)+" failures") {
		t.Errorf("without a baseline: exit %d, stderr %q; want %d failures at or above critical", all.code, all.stderr, want)
	}
}

// TestJUnitWithoutInapplicable: the JUnit report has a test case per rule
// that applied to a page, none for the inapplicable ones, and totals that
// say so.
func TestJUnitWithoutInapplicable(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	r := saavu(t, dir, "check", "-q", "--screenshots=false", "-o", "junit=r.xml", "-o", "json=r.json", ts.URL+"/esteet.html", ts.URL+"/index.html")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	applied, inapplicable := 0, 0
	for _, p := range rep.Pages {
		for _, res := range p.Results {
			if res.Outcome == "inapplicable" {
				inapplicable++
			} else {
				applied++
			}
		}
	}
	for _, res := range rep.SiteResults {
		if res.Outcome != "inapplicable" {
			applied++ // a test case in the testsuite "site"
		}
	}
	if inapplicable == 0 {
		t.Fatal("the pages have no inapplicable rule: the test shows nothing")
	}
	data, err := os.ReadFile(filepath.Join(dir, "r.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int     `xml:"tests,attr"`
		Failures int     `xml:"failures,attr"`
		Skipped  *string `xml:"skipped,attr"`
		Suites   []struct {
			Cases []struct {
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	cases, skipped := 0, 0
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			cases++
			if c.Skipped != nil {
				skipped++
			}
		}
	}
	if cases != applied || doc.Tests != applied || skipped != 0 || doc.Skipped != nil || doc.Failures != rep.Failures("") {
		t.Errorf("JUnit: %d test cases (%d skipped), tests=%d failures=%d; want %d (the results that are not inapplicable; %d left out), none skipped, %d failures",
			cases, skipped, doc.Tests, doc.Failures, applied, inapplicable, rep.Failures(""))
	}
}
