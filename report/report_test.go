package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"saavu/checks"
)

// TestCriterionOutcomes: only a criterion that saavu's rules decide
// (checks.Criterion.Decided: 3.1.1) reads passed or inapplicable, and only
// when all its rules ran on every audited page and gave a verdict there;
// any other criterion whose rules found nothing wrong reads
// noProblemsFound (check by hand), whether its rules passed elements or
// found nothing to apply to.
func TestCriterionOutcomes(t *testing.T) {
	lang := []string{"html-has-lang", "html-lang-matches-content", "html-lang-valid"}
	// page makes an audited page with a result of each rule: the outcome
	// given for it, or passed.
	page := func(url, contentType string, outcomes map[string]string, rules ...string) Page {
		p := Page{URL: url, FinalURL: url, Status: 200, ContentType: contentType}
		found, err := checks.Lookup(rules)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range found {
			o := outcomes[r.ID]
			if o == "" {
				o = "passed"
			}
			p.Results = append(p.Results, Result{Rule: r.ID, Outcome: o, WCAG: r.WCAG})
		}
		return p
	}
	all := append([]string{"css-orientation-lock", "document-title", "frame-focusable-content", "meta-refresh", "scrollable-region-focusable"}, lang...)
	inapp := map[string]string{"css-orientation-lock": "inapplicable", "frame-focusable-content": "inapplicable", "meta-refresh": "inapplicable", "scrollable-region-focusable": "inapplicable"}
	with := func(m map[string]string, k, v string) map[string]string {
		out := map[string]string{k: v}
		for a, b := range m {
			if a != k {
				out[a] = b
			}
		}
		return out
	}
	tests := []struct {
		name  string
		rules []string
		pages []Page
		want  map[string]string // criterion → outcome
	}{
		{
			name:  "rules that found nothing to apply to do not make a criterion inapplicable",
			rules: all,
			pages: []Page{page("https://k.fi/a", "text/html", inapp, all...), page("https://k.fi/b", "text/html", inapp, all...)},
			want: map[string]string{
				"2.1.1": NoProblemsFound, "1.3.4": NoProblemsFound, "2.2.1": NoProblemsFound, // inapplicable rules
				"2.4.2": NoProblemsFound, // a title exists, but does it describe the page?
				"3.1.1": "passed",        // decided: present, valid, matches the text
				"4.1.1": Untested, "1.1.1": Untested,
			},
		},
		{
			name:  "a decided criterion fails and needs review as any other",
			rules: all,
			pages: []Page{page("https://k.fi/a", "text/html", with(inapp, "html-lang-matches-content", "cantTell"), all...), page("https://k.fi/b", "text/html", with(inapp, "html-has-lang", "failed"), all...)},
			want:  map[string]string{"3.1.1": "failed"},
		},
		{
			name:  "a decided criterion with a page to review",
			rules: all,
			pages: []Page{page("https://k.fi/a", "text/html", with(inapp, "html-lang-matches-content", "cantTell"), all...)},
			want:  map[string]string{"3.1.1": "cantTell"},
		},
		{
			name:  "not all the rules that decide it ran",
			rules: []string{"html-has-lang", "html-lang-valid"},
			pages: []Page{page("https://k.fi/a", "text/html", nil, "html-has-lang", "html-lang-valid")},
			want:  map[string]string{"3.1.1": NoProblemsFound},
		},
		{
			name:  "a page without one of them (a merged report)",
			rules: lang,
			pages: []Page{page("https://k.fi/a", "text/html", nil, lang...), page("https://k.fi/b", "text/html", nil, "html-has-lang", "html-lang-valid")},
			want:  map[string]string{"3.1.1": NoProblemsFound},
		},
		{
			name:  "a page its rules did not apply to, though the criterion applies to every page",
			rules: lang,
			pages: []Page{
				page("https://k.fi/a", "text/html", nil, lang...),
				page("https://k.fi/b.xhtml", "application/xhtml+xml", map[string]string{"html-has-lang": "inapplicable", "html-lang-valid": "inapplicable", "html-lang-matches-content": "inapplicable"}, lang...),
			},
			want: map[string]string{"3.1.1": NoProblemsFound},
		},
		{
			name:  "no page audited",
			rules: all,
			pages: []Page{{URL: "https://k.fi/a", Error: "timeout"}},
			want:  map[string]string{"3.1.1": Untested, "2.1.1": Untested},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := checks.Lookup(tt.rules)
			if err != nil {
				t.Fatal(err)
			}
			r := New(Meta{}, rules, tt.pages)
			got := map[string]Criterion{}
			for _, c := range r.Summary.Criteria {
				got[c.SC] = c
			}
			for sc, want := range tt.want {
				if got[sc].Outcome != want {
					t.Errorf("%s: %s, want %s", sc, got[sc].Outcome, want)
				}
			}
			if c := got["3.1.1"]; !c.Decided || got["2.4.2"].Decided {
				t.Errorf("decided: 3.1.1 %v, 2.4.2 %v", c.Decided, got["2.4.2"].Decided)
			}
			if !strings.Contains(got["4.1.1"].Note, "2023 erratum") {
				t.Errorf("4.1.1 has no note on the erratum: %q", got["4.1.1"].Note)
			}
		})
	}
}

// TestReadSchema1: a report of schema 1 is read as one of the current
// schema, its summary computed again (the old one is not trusted: its
// passed and inapplicable meant something else), by ReadPart and by a
// Spool.
func TestReadSchema1(t *testing.T) {
	r, in := readGoldenInput(t)
	old := bytes.Replace(in, []byte(`"schemaVersion": "`+SchemaVersion+`"`), []byte(`"schemaVersion": "1"`), 1)
	old = bytes.ReplaceAll(old, []byte(`"outcome": "noProblemsFound"`), []byte(`"outcome": "passed"`))
	if bytes.Equal(old, in) {
		t.Fatal("the golden input did not change")
	}
	spool, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer spool.Close()
	for name, read := range map[string]func() (*Report, error){
		"ReadPart": func() (*Report, error) { return ReadPart(bytes.NewReader(old), "old.json") },
		"Spool":    func() (*Report, error) { return spool.ReadPart(bytes.NewReader(old), "old.json") },
	} {
		got, err := read()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.SchemaVersion != SchemaVersion || !reflect.DeepEqual(got.Summary, r.Summary) {
			t.Errorf("%s: schema %q, summary\n%+v\nwant\n%+v", name, got.SchemaVersion, got.Summary, r.Summary)
		}
		merged, _, err := Merge([]Part{{Name: "old.json", Report: got}})
		if err != nil {
			t.Fatal(err)
		}
		if out := jsonOf(t, merged); !bytes.Equal(out, in) {
			t.Errorf("%s: schema 1 written again:\n%s", name, firstDiff(in, out))
		}
	}
}
