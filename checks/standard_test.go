package checks_test

import (
	"slices"
	"strings"
	"testing"

	"saavu/checks"
)

func TestStandardCriteria(t *testing.T) {
	added := []string{"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"}
	v3, v4 := checks.EN301549V321.Criteria(), checks.EN301549V411.Criteria()
	if len(v3) != 50 || len(v4) != 55 {
		t.Fatalf("V3.2.1 has %d criteria (want 50), V4.1.1 %d (want 55)", len(v3), len(v4))
	}
	sc := func(cs []checks.Criterion) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.SC)
		}
		return out
	}
	if slices.Contains(sc(v4), "4.1.1") || !slices.Contains(sc(v3), "4.1.1") {
		t.Error("4.1.1 Parsing: V3.2.1 requires it, V4.1.1 does not")
	}
	for _, c := range v3 {
		if !c.InWCAG21AA {
			t.Errorf("V3.2.1 requires %s, which is not one of the 50", c.SC)
		}
		if cl, ok := checks.EN301549V321.Clause(c.SC); cl != c.EN301549 || !ok {
			t.Errorf("V3.2.1 clause of %s = %q, %v", c.SC, cl, ok)
		}
	}
	for _, c := range v4 {
		cl, verified := checks.EN301549V411.Clause(c.SC)
		if cl != "9."+c.SC {
			t.Errorf("V4.1.1 clause of %s = %q, not 9.%s", c.SC, cl, c.SC)
		}
		if verified {
			t.Errorf("V4.1.1 clause of %s is marked verified: check it against the published standard before removing the flag, and this test with it", c.SC)
		}
		if c.Level == "AAA" || c.Status != "active" {
			t.Errorf("V4.1.1 requires %s (level %s, %s)", c.SC, c.Level, c.Status)
		}
		if !c.InWCAG21AA && !slices.Contains(added, c.SC) {
			t.Errorf("V4.1.1 requires %s, neither WCAG 2.1 A/AA nor a 2.2 addition", c.SC)
		}
	}
	for _, s := range added {
		if !slices.Contains(sc(v4), s) {
			t.Errorf("V4.1.1 does not require %s", s)
		}
		c, _ := checks.LookupSC(s)
		for _, lang := range []string{"fi", "sv"} {
			if c.TitleIn(lang) == c.Title || !c.OwnTitle(lang) {
				t.Errorf("%s: the %s title %q is missing or not marked as saavu's own", s, lang, c.TitleIn(lang))
			}
		}
	}
	if checks.EN301549V321.Verified() == checks.EN301549V411.Verified() {
		t.Error("V3.2.1's clauses are verified, V4.1.1's not yet")
	}
	if c, _ := checks.LookupSC("1.1.1"); c.OwnTitle("fi") || c.OwnTitle("sv") {
		t.Error("1.1.1 has authorised fi and sv titles")
	}
}

func TestLookupStandard(t *testing.T) {
	for in, want := range map[string]*checks.Standard{
		"en301549-v3.2.1": checks.EN301549V321, "EN301549-V4.1.1": checks.EN301549V411, " en301549-4.1.1 ": checks.EN301549V411,
	} {
		if got, err := checks.LookupStandard(in); got != want || err != nil {
			t.Errorf("LookupStandard(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "wcag22", "en301549-v5.1.1", "EN 301 549 V4.1.1"} {
		_, err := checks.LookupStandard(bad)
		if err == nil || !strings.Contains(err.Error(), "en301549-v3.2.1, en301549-v4.1.1") {
			t.Errorf("LookupStandard(%q): %v, want an error naming the standards", bad, err)
		}
	}
	if s, ok := checks.StandardOf("EN 301 549", "V4.1.1"); !ok || s != checks.EN301549V411 {
		t.Error("StandardOf does not find V4.1.1")
	}
	if _, ok := checks.StandardOf("EN 301 549", "V9"); ok {
		t.Error("StandardOf found V9")
	}
	if checks.DefaultStandard != checks.EN301549V321 {
		t.Error("the default standard is not V3.2.1, the one the law refers to")
	}
}

// TestStandardRules checks which rules run under each standard: V3.2.1
// runs All, V4.1.1 All and WCAG22; the rest are extra under each.
func TestStandardRules(t *testing.T) {
	ids := func(rs []*checks.Rule) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids(checks.EN301549V321.Rules()), ids(checks.All()); !slices.Equal(got, want) {
		t.Errorf("V3.2.1 runs %v, want All: %v", got, want)
	}
	if got, want := ids(checks.EN301549V411.Rules()), ids(slices.Concat(checks.All(), checks.WCAG22())); !slices.Equal(got, want) {
		t.Errorf("V4.1.1 runs %v, want All and WCAG22: %v", got, want)
	}
	for _, s := range checks.Standards {
		if len(s.Rules())+len(s.Extra()) != len(checks.Every()) {
			t.Errorf("%s: its rules and extra rules are not every rule", s)
		}
	}
	for _, r := range checks.WCAG22() {
		if checks.EN301549V321.Required(r) || !checks.EN301549V411.Required(r) || r.Kind() != "EN 301 549 V4.1.1" {
			t.Errorf("rule %s of WCAG22 (kind %s): V4.1.1 must require it, V3.2.1 not", r.ID, r.Kind())
		}
		if !strings.Contains(r.HelpURL, "/WCAG22/Understanding/") {
			t.Errorf("rule %s: help %s is not a WCAG 2.2 Understanding page", r.ID, r.HelpURL)
		}
	}
}

func TestValidateAcceptsWCAG22Rules(t *testing.T) {
	ok := func(*checks.Pass) error { return nil }
	r := &checks.Rule{ID: "a", Title: "t", Doc: "d", WCAG: []string{"2.5.8"}, Impact: checks.Serious, Run: ok}
	if err := checks.Validate([]*checks.Rule{r}); err != nil {
		t.Fatal(err)
	}
	if r.Level() != "AA" || len(r.EN301549()) != 0 || !slices.Equal(checks.EN301549V411.Clauses(r.WCAG), []string{"9.2.5.8"}) {
		t.Errorf("level %s, V3.2.1 clauses %v, V4.1.1 clauses %v", r.Level(), r.EN301549(), checks.EN301549V411.Clauses(r.WCAG))
	}
}
