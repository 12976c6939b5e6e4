package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"saavu/checks"
)

// v411 is the golden report's pages measured against EN 301 549 V4.1.1.
func v411(t *testing.T) *Report {
	t.Helper()
	whole, _ := readGoldenInput(t)
	meta := Meta{Version: whole.Tool.Version, GeneratedAt: whole.GeneratedAt, Browser: whole.Browser, Standard: checks.EN301549V411}
	r := Rebuild(meta, whole.Rules, whole.Pages)
	if err := r.CheckSite(checks.SiteRules()); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStandardV411 checks that a report follows its standard: the JSON
// names it, the summary has its 55 criteria with its clauses, flagged
// unverified, and the results cite its clauses; reading the JSON back
// keeps it.
func TestStandardV411(t *testing.T) {
	r := v411(t)
	if want := (Standard{Name: "EN 301 549", Version: "V4.1.1", WCAG: "2.2", Level: "AA"}); r.Standard != want || r.Std() != checks.EN301549V411 {
		t.Fatalf("standard %+v", r.Standard)
	}
	var scs []string
	for _, c := range r.Summary.Criteria {
		scs = append(scs, c.SC)
		if !c.ClauseUnverified || c.EN301549 != "9."+c.SC {
			t.Errorf("%s: clause %q, unverified %v", c.SC, c.EN301549, c.ClauseUnverified)
		}
	}
	if len(scs) != 55 || slices.Contains(scs, "4.1.1") || !slices.Contains(scs, "2.4.11") || !slices.Contains(scs, "3.3.8") {
		t.Errorf("criteria of V4.1.1: %v", scs)
	}
	for _, c := range r.Summary.Criteria {
		if c.SC == "2.5.8" && c.Outcome != Untested {
			t.Errorf("2.5.8 reads %s, but no rule of the golden report tests it", c.Outcome)
		}
	}
	for _, p := range r.Pages {
		for _, res := range p.Results {
			if !slices.Equal(res.EN301549, orEmpty(checks.EN301549V411.Clauses(res.WCAG))) {
				t.Errorf("%s %s: clauses %v for %v", p.URL, res.Rule, res.EN301549, res.WCAG)
			}
		}
	}
	back := roundTrip(t, "v411.json", r)
	if back.Report.Std() != checks.EN301549V411 || len(back.Report.Summary.Criteria) != 55 {
		t.Errorf("read back: %+v, %d criteria", back.Report.Standard, len(back.Report.Summary.Criteria))
	}
	merged, _, err := Merge([]Part{back})
	if err != nil || merged.Std() != checks.EN301549V411 || !bytes.Equal(jsonOf(t, merged), jsonOf(t, r)) {
		t.Errorf("merged alone: %v, %+v", err, merged.Standard)
	}
	// Under V3.2.1, the summary is the 50 criteria with verified clauses.
	whole, _ := readGoldenInput(t)
	if len(whole.Summary.Criteria) != 50 || whole.Summary.Criteria[0].ClauseUnverified {
		t.Errorf("V3.2.1: %d criteria", len(whole.Summary.Criteria))
	}
}

func TestMergeRefusesMixedStandards(t *testing.T) {
	whole, _ := readGoldenInput(t)
	a := roundTrip(t, "a.json", Rebuild(Meta{Version: "1"}, whole.Rules, whole.Pages[:1]))
	b := roundTrip(t, "b.json", Rebuild(Meta{Version: "1", Standard: checks.EN301549V411}, whole.Rules, whole.Pages[1:2]))
	_, _, err := Merge([]Part{a, b})
	if err == nil {
		t.Fatal("merged results of V3.2.1 and V4.1.1")
	}
	for _, want := range []string{"a.json", "EN 301 549 V3.2.1", "b.json", "EN 301 549 V4.1.1", "--standard"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestReadUnknownStandard(t *testing.T) {
	whole, _ := readGoldenInput(t)
	js := bytes.Replace(jsonOf(t, whole), []byte(`"version": "V3.2.1"`), []byte(`"version": "V9.1.1"`), 1)
	for _, read := range []func() error{
		func() error { _, err := ReadPart(bytes.NewReader(js), "future.json"); return err },
		func() error {
			s, err := NewSpool()
			if err != nil {
				return err
			}
			defer s.Close()
			_, err = s.ReadPart(bytes.NewReader(js), "future.json")
			return err
		},
	} {
		if err := read(); err == nil || !strings.Contains(err.Error(), "future.json") || !strings.Contains(err.Error(), "V9.1.1") {
			t.Errorf("reading results of an unknown standard: %v", err)
		}
	}
	// A report that names no standard (made by hand) is the default one.
	js = bytes.Replace(jsonOf(t, whole), []byte(`"standard": {`), []byte(`"standardWas": {`), 1)
	r, err := ReadPart(bytes.NewReader(js), "hand.json")
	if err != nil || r.Std() != checks.DefaultStandard || r.Standard != DefaultStandard {
		t.Errorf("a report without a standard: %v, %+v", err, r.Standard)
	}
}

// TestHTMLStandardV411 checks what the HTML report says of V4.1.1: that
// the law still cites V3.2.1, the unverified clauses (†) and saavu's own
// titles (*, in fi and sv).
func TestHTMLStandardV411(t *testing.T) {
	r := v411(t)
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"WCAG 2.2 levels A and AA", "EN 301 549 V4.1.1 requires web pages to meet the 55 success criteria of WCAG 2.2", "still awaited", "9.2.4.11 †", "† The clause numbers of EN 301 549 V4.1.1", "Focus Not Obscured (Minimum)"}},
		{"fi", []string{"WCAG 2.2:n tasoilla", "Kohdistus ei peity (minimi)</span>*", "9.2.5.8 †", "* saavun oma käännös", "virallisessa lehdessä"}},
		{"sv", []string{"Målstorlek (minimum)</span>*", "* saavus egen översättning", "9.3.3.8 †"}},
	} {
		var buf bytes.Buffer
		if err := (HTMLWriter{Lang: tt.lang}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: the V4.1.1 report does not say %q", tt.lang, w)
			}
		}
		if strings.Contains(out, ">Parsing<") || strings.Contains(out, ">Jäsentäminen<") {
			t.Errorf("%s: the V4.1.1 report lists 4.1.1", tt.lang)
		}
	}
	whole, _ := readGoldenInput(t)
	var buf bytes.Buffer
	if err := (HTMLWriter{Lang: "fi"}).Write(&buf, whole); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.Contains(out, "†") || strings.Contains(out, "oma käännös") || strings.Contains(out, "virallisessa lehdessä") {
		t.Error("the V3.2.1 report marks clauses, titles or the standard")
	}
}

// goldenV411 is the golden report's pages measured against EN 301 549
// V4.1.1, with results of the four WCAG 2.2 rules: target-size failing on
// the home page, focus-not-obscured on the waste management page.
func goldenV411(t *testing.T) *Report {
	t.Helper()
	whole, _ := readGoldenInput(t)
	rules := slices.Clone(whole.Rules)
	for _, r := range checks.WCAG22() {
		rules = append(rules, ruleInfo(r, checks.EN301549V411))
	}
	pages := slices.Clone(whole.Pages)
	for i := range pages {
		p := &pages[i]
		if !p.Audited() {
			continue
		}
		p.Results = slices.Clone(p.Results)
		for _, r := range checks.WCAG22() {
			res := Result{Rule: r.ID, Outcome: string(checks.Inapplicable), WCAG: r.WCAG, Impact: string(r.Impact)}
			switch {
			case r == checks.TargetSize && strings.HasSuffix(p.URL, "fi/"):
				res.Outcome, res.Passed = string(checks.Failed), 12
				res.Nodes = []Node{{Outcome: "failed", Selector: "header > ul.kielet > li:nth-of-type(2) > a", Snippet: `<a href="/sv" lang="sv">SV</a>`,
					Message: "This target is 20×18 CSS px, smaller than 24 × 24, and too close to another: a 24 px circle around its middle touches <a href=\"/fi\" lang=\"fi\">FI</a>. People with tremors or large fingers hit the wrong one. Make it at least 24 × 24 px (e.g. with padding, or min-width and min-height), or leave room so that no other target is within 12 px of its middle.",
					Box:     &checks.Rect{X: 196, Y: 19, W: 20, H: 18}}}
			case r == checks.FocusNotObscured && strings.HasSuffix(p.URL, "jatehuolto"):
				res.Outcome, res.Passed = string(checks.Failed), 9
				res.Nodes = []Node{{Outcome: "failed", Selector: "footer > a:nth-of-type(1)", Snippet: `<a href="/saavutettavuus">Saavutettavuusseloste</a>`,
					Message: "When this element gets keyboard focus, it is entirely hidden behind content that stays in place while the page scrolls (<div class=\"evasteet\">Käytämme evästeitä…</div>), so keyboard users cannot see where they are.",
					Box:     &checks.Rect{X: 16, Y: 2210, W: 160, H: 24}}}
			case r == checks.TargetSize || r == checks.FocusNotObscured:
				res.Outcome, res.Passed = string(checks.Passed), 5
			}
			p.Results = append(p.Results, res)
		}
	}
	meta := Meta{Version: whole.Tool.Version, GeneratedAt: whole.GeneratedAt, Browser: whole.Browser, Standard: checks.EN301549V411}
	return Rebuild(meta, rules, pages)
}

// TestGoldenV411 writes a V4.1.1 report in the formats whose words follow
// the standard, and compares them with testdata/golden/out/v411 (run with
// -update to rewrite them, and review the diff).
func TestGoldenV411(t *testing.T) {
	r := goldenV411(t)
	for _, tt := range []struct {
		file string
		w    Writer
	}{
		{"report.json", JSONWriter{}},
		{"report.txt", TextWriter{}},
		{"report.html", HTMLWriter{Lang: "en", Location: time.UTC}},
		{"report.fi.html", HTMLWriter{Lang: "fi", Location: helsinki}},
		{"report.sv.html", HTMLWriter{Lang: "sv", Location: time.UTC}},
		{"report.sarif", SARIFWriter{}},
		{"report.earl.jsonld", EARLWriter{}},
		{"summary.txt", SummaryWriter{}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.w.Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("..", "testdata", "golden", "out", "v411", tt.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestGoldenV411 -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (if the change is intended, run with -update and review the diff):\n%s", tt.file, firstDiff(want, buf.Bytes()))
			}
		})
	}
}

// TestWCAG22RulesUnderV321: the WCAG 2.2 rules run under V3.2.1 (with
// --extra) are extra rules, their criteria are not in the summary, and
// the HTML report says why their findings do not count.
func TestWCAG22RulesUnderV321(t *testing.T) {
	v4 := goldenV411(t)
	var rules []RuleInfo
	for _, ri := range v4.Rules {
		r, err := checks.Lookup([]string{ri.ID})
		if err != nil {
			rules = append(rules, ri)
			continue
		}
		rules = append(rules, ruleInfo(r[0], checks.EN301549V321))
	}
	r := Rebuild(Meta{Version: "1.0.0"}, rules, v4.Pages)
	if ri, _ := r.Rule("target-size"); !ri.Extra || len(ri.EN301549) != 0 {
		t.Errorf("target-size under V3.2.1: %+v", ri)
	}
	if ri, _ := r.Rule("image-alt"); ri.Extra {
		t.Errorf("image-alt under V3.2.1 is extra")
	}
	for _, c := range r.Summary.Criteria {
		if c.SC == "2.5.8" || c.SC == "2.4.11" {
			t.Errorf("V3.2.1 summary lists %s", c.SC)
		}
	}
	var buf bytes.Buffer
	if err := (HTMLWriter{Lang: "en"}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "No, not this version – a test of a criterion that WCAG 2.2 added") || strings.Contains(out, "No – an extra test (WCAG AAA") {
		t.Error("the V3.2.1 report does not say that the WCAG 2.2 rules are extra")
	}
}
