package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func render(t *testing.T, w Writer, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// counts are what every machine output must agree on.
type counts struct {
	FailedResults int // page × rule results that fail (JUnit failures)
	FailedNodes   int // failed elements (SARIF fail results, CSV failed rows)
	ReviewNodes   int // elements to check by hand
	NotAudited    int // pages that could not be audited
}

func jsonCounts(t *testing.T, out []byte) counts {
	t.Helper()
	type result struct {
		Outcome string
		Nodes   []struct{ Outcome string }
	}
	var doc struct {
		Pages []struct {
			Error   string
			Results []result
		}
		SiteResults []result // a site rule's result counts as one more result
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	var c counts
	for _, p := range append(doc.Pages, struct {
		Error   string
		Results []result
	}{Results: doc.SiteResults}) {
		if p.Error != "" {
			c.NotAudited++
		}
		for _, res := range p.Results {
			if res.Outcome == "failed" {
				c.FailedResults++
			}
			for _, n := range res.Nodes {
				switch n.Outcome {
				case "failed":
					c.FailedNodes++
				case "cantTell":
					c.ReviewNodes++
				}
			}
		}
	}
	return c
}

func sarifCounts(t *testing.T, out []byte) (c counts, failedRules map[string]bool) {
	t.Helper()
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Kind      string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
			Invocations []struct {
				ToolExecutionNotifications []struct{ Level string }
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("SARIF has %d runs, want 1", len(doc.Runs))
	}
	failedRules = map[string]bool{}
	for _, res := range doc.Runs[0].Results {
		switch {
		case res.Kind == "fail" && (res.Level == "error" || res.Level == "warning" || res.Level == "note"):
			c.FailedNodes++
			failedRules[res.Locations[0].PhysicalLocation.ArtifactLocation.URI+" "+res.RuleID] = true
		case res.Kind == "review" && res.Level == "none":
			c.ReviewNodes++
		default:
			t.Errorf("SARIF result of %s has kind %q and level %q", res.RuleID, res.Kind, res.Level)
		}
	}
	for _, inv := range doc.Runs[0].Invocations {
		for _, n := range inv.ToolExecutionNotifications {
			if n.Level == "error" {
				c.NotAudited++
			}
		}
	}
	c.FailedResults = len(failedRules)
	return c, failedRules
}

func junitCounts(t *testing.T, out []byte) counts {
	t.Helper()
	c, _ := junitTotals(t, out)
	return c
}

// junitTotals reads the JUnit counts, checks that the totals on
// <testsuites> and on each <testsuite> are those of its test cases, and
// returns the number of test cases.
func junitTotals(t *testing.T, out []byte) (c counts, tests int) {
	t.Helper()
	type totals struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
	}
	var doc struct {
		totals
		Suites []struct {
			Name string `xml:"name,attr"`
			totals
			Cases []struct {
				Failure *struct {
					Body string `xml:",chardata"`
				} `xml:"failure"`
				Error   *struct{} `xml:"error"`
				Skipped *struct{} `xml:"skipped"`
				Out     string    `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Suites {
		var sc totals
		for _, tc := range s.Cases {
			sc.Tests++
			if tc.Failure != nil {
				sc.Failures++
			}
			if tc.Error != nil {
				sc.Errors++
			}
			if tc.Skipped != nil {
				t.Errorf("suite %s has a skipped test case: saavu skips none", s.Name)
			}
		}
		if sc != s.totals {
			t.Errorf("suite %s says %+v; its test cases have %+v", s.Name, s.totals, sc)
		}
		tests += sc.Tests
		c.FailedResults += sc.Failures
		c.NotAudited += sc.Errors
	}
	if doc.totals != (totals{tests, c.FailedResults, c.NotAudited}) {
		t.Errorf("JUnit totals say %+v; the test cases have %d tests, %d failures and %d errors",
			doc.totals, tests, c.FailedResults, c.NotAudited)
	}
	return c, tests
}

func csvCounts(t *testing.T, out []byte) counts {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("CSV header is %q, want %q", rows[0], csvHeader)
	}
	var c counts
	failed := map[string]bool{}
	for _, row := range rows[1:] {
		switch row[2] {
		case "failed":
			c.FailedNodes++
			failed[row[0]+" "+row[1]] = true
		case "cantTell":
			c.ReviewNodes++
		case "error":
			c.NotAudited++
		default:
			t.Errorf("CSV row with outcome %q: %q", row[2], row)
		}
	}
	c.FailedResults = len(failed)
	return c
}

// TestOutputsAgree renders the golden report in every machine format and
// checks that they count the same failures, reviews and unaudited pages
// as the JSON report and its summary.
func TestOutputsAgree(t *testing.T) {
	r, _ := readGoldenInput(t)
	want := jsonCounts(t, render(t, JSONWriter{}, r))
	if want.FailedResults == 0 || want.FailedNodes == 0 || want.ReviewNodes == 0 || want.NotAudited == 0 {
		t.Fatalf("the golden report must have failures, reviews and pages not audited: %+v", want)
	}
	siteFailed := len(r.FailedSite(""))
	if siteFailed == 0 {
		t.Fatal("the golden report must have a failed site rule")
	}
	if want.FailedResults != r.Summary.Failed+siteFailed || want.FailedResults != r.Failures("") || want.NotAudited != r.Summary.NotAudited {
		t.Errorf("JSON counts %+v do not match the summary %+v", want, r.Summary)
	}
	sarif, _ := sarifCounts(t, render(t, SARIFWriter{}, r))
	got := map[string]counts{
		"SARIF": sarif,
		"CSV":   csvCounts(t, render(t, CSVWriter{}, r)),
	}
	// JUnit has no element-level counts: compare what it has.
	ju := junitCounts(t, render(t, JUnitWriter{}, r))
	ju.FailedNodes, ju.ReviewNodes = want.FailedNodes, want.ReviewNodes
	got["JUnit"] = ju
	// A test case per rule that applied to a page, one per page not
	// audited and one per site rule that applied: inapplicable results
	// are left out.
	s := r.Summary
	site := 0
	for _, res := range r.SiteResults {
		if res.Outcome != "inapplicable" {
			site++
		}
	}
	if _, tests := junitTotals(t, render(t, JUnitWriter{}, r)); tests != s.Failed+s.CantTell+s.Passed+s.NotAudited+site {
		t.Errorf("JUnit has %d test cases, want %d (failed, cantTell and passed results, pages not audited and site rules; %d inapplicable left out)",
			tests, s.Failed+s.CantTell+s.Passed+s.NotAudited+site, s.Inapplicable)
	}
	for format, c := range got {
		if c != want {
			t.Errorf("%s counts %+v; JSON counts %+v", format, c, want)
		}
	}
}

// baselineReport is a small report with one failure accepted in a
// baseline and one new one.
func baselineReport() *Report {
	return &Report{
		Tool:     Tool{Name: "saavu", Version: "test"},
		Standard: DefaultStandard,
		Rules: []RuleInfo{
			{ID: "image-alt", Title: "Images have a text alternative", Impact: "critical", WCAG: []string{"1.1.1"}, EN301549: []string{"9.1.1.1"}},
			{ID: "link-name", Title: "Links have a name", Impact: "minor", WCAG: []string{"2.4.4"}},
		},
		Pages: []Page{{
			URL: "https://example.test/a", FinalURL: "https://example.test/a",
			Results: []Result{
				{Rule: "image-alt", Outcome: "failed", Impact: "critical", WCAG: []string{"1.1.1"}, Nodes: []Node{
					{Outcome: "failed", Selector: "img.old", Snippet: "<img\n  class=\"old\">", Message: "No alt.", Baselined: true},
				}},
				{Rule: "link-name", Outcome: "failed", Impact: "minor", WCAG: []string{"2.4.4"}, Nodes: []Node{
					{Outcome: "failed", Selector: "a.new", Snippet: "<a class=\"new\"></a>", Message: "No name.\x0b"},
					{Outcome: "failed", Selector: "a.old", Snippet: "<a class=\"old\"></a>", Message: "No name.", Baselined: true},
				}},
			},
		}},
		Baseline: &BaselineSummary{},
	}
}

// TestBaselinedFailures: a failure accepted in the baseline does not fail
// the JUnit report (it does not count for the exit code), SARIF marks it
// unchanged, CSV flags it.
func TestBaselinedFailures(t *testing.T) {
	r := baselineReport()
	if got := r.Failures(""); got != 1 {
		t.Fatalf("Failures() = %d, want 1 (the test report is wrong)", got)
	}
	ju := render(t, JUnitWriter{}, r)
	if c := junitCounts(t, ju); c.FailedResults != r.Failures("") {
		t.Errorf("JUnit has %d failures, the exit code counts %d:\n%s", c.FailedResults, r.Failures(""), ju)
	}
	if !bytes.Contains(ju, []byte("1 failed element accepted in the baseline")) {
		t.Errorf("JUnit does not mention the baselined failure:\n%s", ju)
	}
	if bytes.Contains(ju, []byte("\x0b")) {
		t.Errorf("JUnit output holds a control character XML cannot carry")
	}
	var v any
	if err := xml.Unmarshal(ju, &v); err != nil {
		t.Errorf("JUnit output is not well-formed XML: %v", err)
	}

	sarif := string(render(t, SARIFWriter{}, r))
	if strings.Count(sarif, `"baselineState": "unchanged"`) != 2 || strings.Count(sarif, `"baselineState": "new"`) != 1 {
		t.Errorf("SARIF baseline states are wrong:\n%s", sarif)
	}
	if !strings.Contains(sarif, `"level": "note"`) {
		t.Errorf("a minor failure should be a SARIF note:\n%s", sarif)
	}

	rows, err := csv.NewReader(bytes.NewReader(render(t, CSVWriter{}, r))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("CSV has %d rows, want a header and 3 findings: %q", len(rows), rows)
	}
	if rows[1][7] != `<img class="old">` || rows[1][10] != "yes" || rows[2][10] != "" {
		t.Errorf("CSV snippet not on one line or baselined column wrong: %q", rows[1:])
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "testdata", "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, out []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestSARIFSchema validates the SARIF output against the OASIS SARIF
// 2.1.0 schema, and checks that the validation can fail.
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	golden, _ := readGoldenInput(t)
	docsWriter, err := NewWriter("sarif", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]byte{
		"golden":            render(t, SARIFWriter{}, golden),
		"golden, rule docs": render(t, docsWriter, golden),
		"baseline":          render(t, SARIFWriter{}, baselineReport()),
		"empty":             render(t, SARIFWriter{}, &Report{}),
		"local paths": render(t, SARIFWriter{}, &Report{Pages: []Page{
			{URL: "docs/page one.html", Results: []Result{{Rule: "r", Outcome: "failed", Nodes: []Node{{Outcome: "failed", Message: "m"}}}}},
			{URL: `C:\site\a b.html`, Error: "not found"},
		}}),
		"unknown rule, page": render(t, SARIFWriter{}, &Report{Pages: []Page{{URL: "https://x.test/", Results: []Result{{Rule: "gone", Outcome: "failed", Nodes: []Node{{Outcome: "failed", Message: "m"}}}}}}}),
	} {
		if err := validateSARIF(sch, out); err != nil {
			t.Errorf("%s: SARIF output does not validate: %v", name, err)
		}
	}

	// The validator must reject what the schema forbids.
	for name, broken := range map[string]string{
		"no version":           `{"runs": []}`,
		"unknown level":        `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "saavu"}}, "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}`,
		"message without text": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "saavu"}}, "results": [{"message": {}}]}]}`,
		"region without start": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "saavu"}}, "results": [{"message": {"text": "x"},
			"locations": [{"physicalLocation": {"artifactLocation": {"uri": "https://x.test/"}, "region": {"snippet": {"text": "<p>"}}}}]}]}]}`,
		"unknown property": `{"version": "2.1.0", "runs": [], "generatedAt": "now"}`,
	} {
		if err := validateSARIF(sch, []byte(broken)); err == nil {
			t.Errorf("%s: the schema accepted a broken SARIF log", name)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.example.fi/palvelut?x=1#y": "https://www.example.fi/palvelut?x=1#y",
		"https://www.example.fi/a b":            "https://www.example.fi/a%20b",
		"/srv/site/index.html":                  "/srv/site/index.html",
		"docs/page one.html":                    "docs/page%20one.html",
		`site\a.html`:                           "site/a.html",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFHelpFromDocs: the writer of `-o sarif=…` takes the rule help
// from the rule's documentation, without its heading.
func TestSARIFHelpFromDocs(t *testing.T) {
	doc := ruleDocs("image-alt")
	if doc == "" {
		t.Fatal("image-alt has no documentation")
	}
	r := &Report{Rules: []RuleInfo{{ID: "image-alt", Title: "Images have a text alternative", Summary: "short", HelpURL: "https://www.w3.org/WAI/WCAG21/Understanding/non-text-content.html", WCAG: []string{"1.1.1"}, Impact: "critical"}}}
	w, err := NewWriter("sarif", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						Help struct{ Text, Markdown string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, w, r), &log); err != nil {
		t.Fatal(err)
	}
	help := log.Runs[0].Tool.Driver.Rules[0].Help
	body := strings.TrimSpace(dropHeading(doc))
	if !strings.HasPrefix(help.Markdown, body[:40]) || strings.HasPrefix(help.Markdown, "#") {
		t.Errorf("help.markdown does not start with the rule doc body:\n%s", help.Markdown)
	}
	if !strings.Contains(help.Markdown, "non-text-content.html") {
		t.Errorf("help.markdown has no link to the Understanding page:\n%s", help.Markdown)
	}
	if strings.Contains(help.Text, "**") || strings.Contains(help.Text, "`") {
		t.Errorf("help.text keeps Markdown marks:\n%s", help.Text)
	}
}

// TestNewWriterFormats: every listed format has a writer.
func TestNewWriterFormats(t *testing.T) {
	r, _ := readGoldenInput(t)
	for _, f := range Formats {
		if !KnownFormat(f) {
			t.Errorf("KnownFormat(%q) = false", f)
		}
		w, err := NewWriter(f, Options{Lang: "en"})
		if err != nil {
			t.Errorf("NewWriter(%q): %v", f, err)
			continue
		}
		if len(render(t, w, r)) == 0 {
			t.Errorf("%s writer wrote nothing", f)
		}
	}
}
