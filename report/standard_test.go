package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
)

// v411 is the golden report's pages measured against EN 301 549 V4.1.1.
func v411(t *testing.T) *Report {
	t.Helper()
	whole, _ := readGoldenInput(t)
	meta := Meta{Version: whole.Tool.Version, GeneratedAt: whole.GeneratedAt, Browser: whole.Browser, Standard: checks.EN301549V411}
	return Rebuild(meta, whole.Rules, whole.Pages)
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
