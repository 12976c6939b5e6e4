package checks_test

import (
	"testing"

	"saavu/checks"
	"saavu/internal/fixture"
)

func TestRegistry(t *testing.T) {
	for _, list := range [][]*checks.Rule{checks.All(), checks.WCAG22(), checks.Extra()} {
		if err := checks.Validate(list); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range checks.All() {
		if r.Extra {
			t.Errorf("rule %s is marked Extra but listed in All(): move it to Extra()", r.ID)
		}
	}
	for _, r := range checks.Extra() {
		if !r.Extra {
			t.Errorf("rule %s is listed in Extra() but not marked Extra", r.ID)
		}
	}
	for _, r := range checks.All() {
		if !checks.EN301549V321.Required(r) {
			t.Errorf("rule %s is listed in All() but cites a criterion of WCAG 2.2 only: move it to WCAG22()", r.ID)
		}
	}
	for _, r := range checks.WCAG22() {
		if r.Extra || checks.EN301549V321.Required(r) {
			t.Errorf("rule %s is listed in WCAG22() but is extra, or cites WCAG 2.1 criteria only: move it", r.ID)
		}
	}
	all := checks.Every()
	if err := checks.Validate(all); err != nil {
		t.Fatal(err)
	}
	files, err := fixture.Fixtures("../testdata/rules")
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]int{}
	for _, f := range files {
		if r := fixture.RuleFor(fixture.Name(f), all); r != nil {
			has[r.ID]++
		} else {
			t.Errorf("fixture %s is not named after a rule", f)
		}
	}
	for _, r := range all {
		if has[r.ID] == 0 {
			t.Errorf("rule %s has no fixture in testdata/rules (name it %s.html or %s-<variant>.html)", r.ID, r.ID, r.ID)
		}
	}
}

func TestValidateCatchesMistakes(t *testing.T) {
	ok := func(*checks.Pass) error { return nil }
	tests := []struct {
		name  string
		rules []*checks.Rule
	}{
		{"not kebab", []*checks.Rule{{ID: "Image_Alt", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok}}},
		{"duplicate", []*checks.Rule{
			{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok},
			{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok}}},
		{"unsorted", []*checks.Rule{
			{ID: "b", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok},
			{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok}}},
		{"no doc", []*checks.Rule{{ID: "a", Title: "t", WCAG: []string{"1.1.1"}, Impact: checks.Serious, Run: ok}}},
		{"no run", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: checks.Serious}}},
		{"AAA criterion", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.4.6"}, Impact: checks.Serious, Run: ok}}},
		{"WCAG 2.2 and 4.1.1", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"2.5.8", "4.1.1"}, Impact: checks.Serious, Run: ok}}},
		{"extra citing 2.2 AA", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"2.5.8"}, Impact: checks.Serious, Run: ok, Extra: true}}},
		{"bad impact", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: "huge", Run: ok}}},
		{"extra citing A", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"2.4.1"}, Impact: checks.Serious, Run: ok, Extra: true}}},
		{"no criterion", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", Impact: checks.Serious, Run: ok}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checks.Validate(tt.rules); err == nil {
				t.Error("Validate accepted it")
			}
		})
	}
}

func TestValidateAcceptsExtraRules(t *testing.T) {
	ok := func(*checks.Pass) error { return nil }
	rules := []*checks.Rule{
		{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.4.6"}, Impact: checks.Serious, Run: ok, Extra: true},
		{ID: "b", Title: "t", Doc: "d", Impact: checks.Minor, Run: ok, Extra: true},
	}
	if err := checks.Validate(rules); err != nil {
		t.Fatal(err)
	}
	if got := rules[0].Level(); got != "AAA" {
		t.Errorf("Level of an AAA rule = %q, want AAA", got)
	}
	if got := rules[1].Level(); got != "" {
		t.Errorf("Level of a best practice = %q, want empty", got)
	}
	if got := rules[1].Kind(); got != "best practice" {
		t.Errorf("Kind of a best practice = %q", got)
	}
}

func TestLookupFindsExtraRules(t *testing.T) {
	for _, r := range checks.Extra() {
		got, err := checks.Lookup([]string{r.ID})
		if err != nil || len(got) != 1 || got[0] != r {
			t.Errorf("Lookup(%s) = %v, %v", r.ID, got, err)
		}
	}
	if len(checks.Every()) != len(checks.All())+len(checks.WCAG22())+len(checks.Extra()) {
		t.Error("Every is not All, WCAG22 and Extra")
	}
}
