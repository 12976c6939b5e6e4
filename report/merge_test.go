package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// roundTrip writes r as JSON and reads it back, as saavu report does with
// saved results.
func roundTrip(t *testing.T, name string, r *Report) Part {
	t.Helper()
	var buf bytes.Buffer
	if err := (JSONWriter{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	back, err := ReadPart(&buf, name)
	if err != nil {
		t.Fatal(err)
	}
	return Part{Name: name, Report: back}
}

func jsonOf(t *testing.T, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (JSONWriter{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMergeEqualsOneRun splits the golden report's pages into two result
// files and merges them: the result must be the golden report, byte for
// byte.
func TestMergeEqualsOneRun(t *testing.T) {
	whole, golden := readGoldenInput(t)
	p := whole.Pages
	older := Meta{Version: whole.Tool.Version, GeneratedAt: "2026-11-23T08:00:00Z", Browser: whole.Browser}
	newer := Meta{Version: whole.Tool.Version, GeneratedAt: whole.GeneratedAt, Browser: whole.Browser}
	a := roundTrip(t, "a.json", Rebuild(newer, whole.Rules, []Page{p[3], p[0]}))
	b := roundTrip(t, "b.json", Rebuild(older, whole.Rules, []Page{p[2], p[1]}))
	for _, parts := range [][]Part{{a, b}, {b, a}} {
		merged, warns, err := Merge(parts)
		if err != nil {
			t.Fatal(err)
		}
		if len(warns) > 0 {
			t.Errorf("warnings for parts that fit together: %q", warns)
		}
		if got := jsonOf(t, merged); !bytes.Equal(got, golden) {
			t.Errorf("merge of %s and %s differs from one report of all pages:\n%s", parts[0].Name, parts[1].Name, firstDiff(golden, got))
		}
	}
	// One report merged alone comes back unchanged.
	one, _, err := Merge([]Part{{Name: "r.json", Report: whole}})
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonOf(t, one); !bytes.Equal(got, golden) {
		t.Errorf("merging one report changes it:\n%s", firstDiff(golden, got))
	}
}

func TestMergeDuplicatesAndRules(t *testing.T) {
	whole, _ := readGoldenInput(t)
	home := whole.Pages[0]
	changed := home
	changed.Title = "Uusi otsikko"
	meta := func(at string) Meta { return Meta{Version: "1", GeneratedAt: at} }

	tests := []struct {
		name      string
		parts     []Part
		wantTitle string
		wantWarn  []string
	}{
		{
			name: "newer generatedAt wins whatever the order",
			parts: []Part{
				{"new.json", Rebuild(meta("2026-02-01T00:00:00Z"), whole.Rules, []Page{changed})},
				{"old.json", Rebuild(meta("2026-01-01T00:00:00Z"), whole.Rules, []Page{home})},
			},
			wantTitle: "Uusi otsikko",
			wantWarn:  []string{home.URL + " is in both old.json and new.json: keeping the one from new.json (generated later)"},
		},
		{
			name: "same time: the later argument wins",
			parts: []Part{
				{"first.json", Rebuild(meta("2026-01-01T00:00:00Z"), whole.Rules, []Page{changed})},
				{"second.json", Rebuild(meta("2026-01-01T00:00:00Z"), whole.Rules, []Page{home})},
			},
			wantTitle: home.Title,
			wantWarn:  []string{"keeping the one from second.json (given later)"},
		},
		{
			name: "a report that ran fewer rules, and different metadata",
			parts: []Part{
				{"all.json", Rebuild(meta("2026-01-01T00:00:00Z"), whole.Rules, []Page{home})},
				{"few.json", Rebuild(meta("2026-01-02T00:00:00Z"), func() []RuleInfo {
					pageRules := slices.DeleteFunc(slices.Clone(whole.Rules), func(ri RuleInfo) bool { return ri.Site })
					ri := slices.Clone(pageRules[:2])
					ri[0].Impact = "minor"
					return ri
				}(), []Page{whole.Pages[2]})},
			},
			wantTitle: home.Title,
			wantWarn: []string{
				"rule " + whole.Rules[0].ID + " is described differently in all.json and few.json",
				"few.json: 5 of the 7 rules did not run (",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			merged, warns, err := Merge(tt.parts)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, p := range merged.Pages {
				if p.URL == home.URL {
					got = p.Title
				}
			}
			if got != tt.wantTitle {
				t.Errorf("title %q, want %q", got, tt.wantTitle)
			}
			if len(warns) != len(tt.wantWarn) {
				t.Errorf("warnings %q, want %d", warns, len(tt.wantWarn))
			}
			for _, w := range tt.wantWarn {
				if !slices.ContainsFunc(warns, func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no warning %q in %q", w, warns)
				}
			}
			if merged.Summary.Pages != len(merged.Pages) {
				t.Errorf("summary not recomputed: %+v", merged.Summary)
			}
		})
	}
}

func TestMergeCrawlLists(t *testing.T) {
	mk := func(at string, docs []Document, skipped []SkippedPage, pages ...Page) *Report {
		r := Rebuild(Meta{GeneratedAt: at}, nil, pages)
		r.SetCrawl(docs, nil, skipped)
		r.SetDisabled([]DisabledRule{{ID: "color-contrast", Reason: "brand colours, see ticket 12"}})
		return r
	}
	a := mk("2026-01-01T00:00:00Z",
		[]Document{{URL: "https://x.fi/a.pdf", Size: 1, LinkedFrom: []string{"https://x.fi/", "https://x.fi/b"}}},
		[]SkippedPage{{URL: "https://x.fi/c", Reason: "robots.txt"}},
		Page{URL: "https://x.fi/", Results: []Result{}})
	b := mk("2026-01-02T00:00:00Z",
		[]Document{{URL: "https://x.fi/a.pdf", Size: 2, LinkedFrom: []string{"https://x.fi/b", "https://x.fi/d"}}},
		nil,
		Page{URL: "https://x.fi/c", Results: []Result{}})
	merged, _, err := Merge([]Part{{"a", a}, {"b", b}})
	if err != nil {
		t.Fatal(err)
	}
	if len(merged.Documents) != 1 || merged.Documents[0].Size != 2 ||
		!slices.Equal(merged.Documents[0].LinkedFrom, []string{"https://x.fi/", "https://x.fi/b", "https://x.fi/d"}) {
		t.Errorf("documents %+v", merged.Documents)
	}
	if len(merged.Skipped) != 0 {
		t.Errorf("a page audited in one part is still listed as skipped: %+v", merged.Skipped)
	}
	if len(merged.DisabledRules) != 1 || merged.DisabledRules[0].Reason == "" {
		t.Errorf("disabled rules %+v", merged.DisabledRules)
	}
}

func TestReadPartSchema(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"schemaVersion": "3", "pages": 5}`, `old.json: schemaVersion "3" is not supported by this saavu (it reads 1 and 2)`},
		{`{"pages": []}`, "old.json: not a saavu JSON report (no schemaVersion)"},
		{`[1, 2]`, "old.json: not a saavu JSON report"},
	}
	for _, tt := range tests {
		_, err := ReadPart(strings.NewReader(tt.in), "old.json")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.in, err, tt.want)
		}
	}
	if _, _, err := Merge(nil); err == nil {
		t.Error("merge of nothing: no error")
	}
}

// The JSON gains fields only when they are used.
func TestNewFieldsAreOptional(t *testing.T) {
	whole, golden := readGoldenInput(t)
	var m map[string]any
	if err := json.Unmarshal(golden, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"disabledRules", "baseline"} {
		if _, ok := m[k]; ok {
			t.Errorf("%s present in a report that does not use it", k)
		}
	}
	whole.SetDisabled([]DisabledRule{{ID: "b", Reason: "why b"}, {ID: "a", Reason: "why a"}})
	got := string(jsonOf(t, whole))
	if !strings.Contains(got, `"disabledRules": [
    {
      "id": "a",
      "reason": "why a"
    },`) {
		t.Errorf("disabledRules not written sorted:\n%.400s", got[strings.Index(got, `"disabledRules"`):])
	}
}

// TestMergeRuleSelection: merged results narrow their rules down when a
// part did; they do not say how their rules were chosen when a part does
// not.
func TestMergeRuleSelection(t *testing.T) {
	part := func(name string, sel *RuleSelection) Part {
		r := Rebuild(Meta{Version: "test"}, nil, []Page{{URL: "https://x.test/" + name, Results: []Result{}}})
		r.RuleSelection = sel
		return Part{Name: name, Report: r}
	}
	tests := []struct {
		name  string
		parts []Part
		want  *RuleSelection
	}{
		{"both default", []Part{part("a", &RuleSelection{}), part("b", &RuleSelection{})}, &RuleSelection{}},
		{"one skipped", []Part{part("a", &RuleSelection{Skip: []string{"reflow"}}), part("b", &RuleSelection{})}, &RuleSelection{Skip: []string{"reflow"}}},
		{"one does not say", []Part{part("a", &RuleSelection{}), part("b", nil)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Merge(tt.parts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.RuleSelection, tt.want) {
				t.Errorf("rule selection %+v, want %+v", got.RuleSelection, tt.want)
			}
		})
	}
}
