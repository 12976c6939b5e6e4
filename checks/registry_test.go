package checks_test

import (
	"testing"

	"saavu/checks"
	"saavu/internal/fixture"
)

func TestRegistry(t *testing.T) {
	all := checks.All()
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
		{"WCAG 2.2 only", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"2.5.8"}, Impact: checks.Serious, Run: ok}}},
		{"bad impact", []*checks.Rule{{ID: "a", Title: "t", Doc: "d", WCAG: []string{"1.1.1"}, Impact: "huge", Run: ok}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checks.Validate(tt.rules); err == nil {
				t.Error("Validate accepted it")
			}
		})
	}
}
