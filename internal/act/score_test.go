package act_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/act"
)

const (
	passed       = checks.Passed
	failed       = checks.Failed
	cantTell     = checks.CantTell
	inapplicable = checks.Inapplicable
)

func TestWorst(t *testing.T) {
	tests := []struct {
		in   []checks.Outcome
		want checks.Outcome
	}{
		{nil, inapplicable},
		{[]checks.Outcome{passed}, passed},
		{[]checks.Outcome{inapplicable, passed}, passed},
		{[]checks.Outcome{passed, cantTell, inapplicable}, cantTell},
		{[]checks.Outcome{cantTell, failed, passed}, failed},
		{[]checks.Outcome{failed, inapplicable}, failed},
	}
	for _, tt := range tests {
		if got := act.Worst(tt.in...); got != tt.want {
			t.Errorf("Worst(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		expected, got checks.Outcome
		want          act.Judgement
	}{
		{failed, failed, act.Detected},
		{failed, cantTell, act.NotDetected},
		{failed, passed, act.Missed},
		{failed, inapplicable, act.Missed},
		{passed, passed, act.Correct},
		{passed, inapplicable, act.Correct},
		{passed, cantTell, act.Correct},
		{passed, failed, act.FalsePositive},
		{inapplicable, inapplicable, act.Correct},
		{inapplicable, passed, act.Correct},
		{inapplicable, cantTell, act.Correct},
		{inapplicable, failed, act.FalsePositive},
		{failed, "", act.Untested},
		{passed, "", act.Untested},
	}
	for _, tt := range tests {
		if got := act.Judge(tt.expected, tt.got); got != tt.want {
			t.Errorf("Judge(expected %s, got %q) = %s, want %s", tt.expected, tt.got, got, tt.want)
		}
	}
}

// fakeRule is a rule for scoring tests; it is never run.
func fakeRule(id string, actIDs ...string) *checks.Rule {
	return &checks.Rule{ID: id, ACT: actIDs}
}

func tc(rule string, expected checks.Outcome, n string) act.TestCase {
	return act.TestCase{RuleID: rule, RuleName: "Rule " + rule, Expected: expected,
		Page: "cases/" + rule + "/" + string(expected) + "-" + n + ".html", TestcaseID: strings.Repeat(n, 40)}
}

// TestScoreVerdicts scores synthetic outcomes and checks every way a
// verdict can agree with or contradict its test case.
func TestScoreVerdicts(t *testing.T) {
	suite := &act.Suite{Cases: []act.TestCase{
		// aaaaaa: implemented and consistent, one failed example needs a person.
		tc("aaaaaa", failed, "1"), tc("aaaaaa", failed, "2"), tc("aaaaaa", passed, "1"), tc("aaaaaa", inapplicable, "1"),
		// bbbbbb: implemented by two rules; one missed example, one false positive.
		tc("bbbbbb", failed, "1"), tc("bbbbbb", failed, "2"), tc("bbbbbb", passed, "1"), tc("bbbbbb", inapplicable, "1"),
		// cccccc: not implemented.
		tc("cccccc", failed, "1"), tc("cccccc", passed, "1"),
		// dddddd: implemented, one page could not be audited, one without verdict.
		tc("dddddd", failed, "1"), tc("dddddd", passed, "1"), tc("dddddd", passed, "2"),
	}}
	rules := []*checks.Rule{
		fakeRule("rule-a", "aaaaaa"),
		fakeRule("rule-b1", "bbbbbb"),
		fakeRule("rule-b2", "bbbbbb", "dddddd", "eeeeee"), // eeeeee: not in the suite
	}
	got := map[string]checks.Outcome{
		"cases/aaaaaa/failed-1.html": failed, "cases/aaaaaa/failed-2.html": cantTell,
		"cases/aaaaaa/passed-1.html": cantTell, "cases/aaaaaa/inapplicable-1.html": inapplicable,
		"cases/bbbbbb/failed-1.html": failed, "cases/bbbbbb/failed-2.html": inapplicable,
		"cases/bbbbbb/passed-1.html": passed, "cases/bbbbbb/inapplicable-1.html": failed,
		"cases/cccccc/failed-1.html": "", "cases/cccccc/passed-1.html": "",
		"cases/dddddd/failed-1.html": cantTell, "cases/dddddd/passed-1.html": passed,
	}
	var verdicts []act.Verdict
	for _, c := range suite.Cases {
		o, ok := got[c.Page]
		if !ok {
			continue // dddddd/passed-2: no verdict
		}
		v := act.Verdict{Case: c, Outcome: o}
		if c.Page == "cases/dddddd/failed-1.html" {
			v.Err = "the page could not be captured"
		}
		verdicts = append(verdicts, v)
	}
	sc := act.ScoreVerdicts(suite, rules, verdicts)

	if len(sc.Rules) != 3 {
		t.Fatalf("scored %d ACT rules, want 3 (aaaaaa, bbbbbb, dddddd): %+v", len(sc.Rules), sc.Rules)
	}
	a, b, d := sc.Rules[0], sc.Rules[1], sc.Rules[2]
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("a.ID", a.ID, "aaaaaa")
	check("a.Examples", a.Examples, 4)
	check("a.Detected", a.Detected, 1)
	check("a.CantTell", a.CantTell, 1)
	check("a.Missed", a.Missed, 0)
	check("a.FalsePositives", a.FalsePositives, 0)
	check("a.Consistent", a.Consistent(), true)
	check("a.Consistency", a.Consistency(), "complete-with-cantTell")
	check("a.Problems", len(a.Problems), 0)

	check("b.Rules", strings.Join(b.Rules, ","), "rule-b1,rule-b2")
	check("b.Detected", b.Detected, 1)
	check("b.Missed", b.Missed, 1)
	check("b.FalsePositives", b.FalsePositives, 1)
	check("b.Consistent", b.Consistent(), false)
	check("b.Consistency", b.Consistency(), "inconsistent")
	var pages []string
	for _, v := range b.Problems {
		pages = append(pages, v.Case.Page)
	}
	check("b.Problems", strings.Join(pages, " "), "cases/bbbbbb/failed-2.html cases/bbbbbb/inapplicable-1.html")

	check("d.CantTell", d.CantTell, 1)
	check("d.Untested", d.Untested, 1)
	check("d.Consistent", d.Consistent(), true)

	tot := sc.Totals
	check("ACTRules", tot.ACTRules, 4)
	check("Implemented", tot.Implemented, 3)
	check("Consistent", tot.Consistent, 2)
	check("SuiteFailed", tot.SuiteFailed, 6)
	check("FailedExamples", tot.FailedExamples, 5)
	check("Detected", tot.Detected, 2)
	check("CantTell", tot.CantTell, 2)
	check("Missed", tot.Missed, 1)
	check("OtherExamples", tot.OtherExamples, 6)
	check("FalsePositives", tot.FalsePositives, 1)
	check("Untested", tot.Untested, 1)
	check("Errors", tot.Errors, 1)
	check("DetectionRateAll", tot.DetectionRateAll(), 100*2.0/6)
	check("Unknown", strings.Join(sc.Unknown, ","), "eeeeee")
	if s := tot.Summary(); !strings.Contains(s, "consistent: 2") || !strings.Contains(s, "false positives: 1 of 6") {
		t.Errorf("Summary() = %q", s)
	}
}

func TestConsistency(t *testing.T) {
	tests := []struct {
		r    act.RuleScore
		want string
	}{
		{act.RuleScore{FailedExamples: 3, Detected: 3}, "complete"},
		{act.RuleScore{FailedExamples: 3, Detected: 2, CantTell: 1}, "complete-with-cantTell"},
		{act.RuleScore{FailedExamples: 3, CantTell: 3}, "complete-with-cantTell"},
		{act.RuleScore{FailedExamples: 3, Detected: 2, Missed: 1}, "partial"},
		{act.RuleScore{FailedExamples: 3, Missed: 3}, "inconsistent"},
		{act.RuleScore{FailedExamples: 3, Detected: 3, FalsePositives: 1}, "inconsistent"},
	}
	for _, tt := range tests {
		if got := tt.r.Consistency(); got != tt.want {
			t.Errorf("Consistency(%+v) = %s, want %s", tt.r, got, tt.want)
		}
	}
}

func TestImplementations(t *testing.T) {
	a, b := fakeRule("a", "x", "y"), fakeRule("b", "y", "y")
	m := act.Implementations([]*checks.Rule{a, b})
	if !slices.Equal(m["x"], []*checks.Rule{a}) || !slices.Equal(m["y"], []*checks.Rule{a, b}) || len(m) != 2 {
		t.Errorf("Implementations = %v", m)
	}
}

func TestVerdictOf(t *testing.T) {
	a, b := fakeRule("rule-a", "aaaaaa"), fakeRule("rule-b", "aaaaaa")
	c := tc("aaaaaa", failed, "1")
	res := func(r *checks.Rule, o checks.Outcome, msgs ...string) checks.Result {
		out := checks.Result{Rule: r, Outcome: o}
		for _, m := range msgs {
			out.Targets = append(out.Targets, checks.Target{Outcome: o, Message: m})
		}
		return out
	}
	tests := []struct {
		name    string
		impl    []*checks.Rule
		done    browser.Done
		want    checks.Outcome
		details string
		err     bool
	}{
		{"worst wins", []*checks.Rule{a, b},
			browser.Done{Results: []checks.Result{res(a, passed), res(b, failed, "no title")}},
			failed, "rule-a: passed|rule-b: failed|rule-b: failed: : no title", false},
		{"cantTell over passed", []*checks.Rule{a, b},
			browser.Done{Results: []checks.Result{res(a, cantTell, "check it"), res(b, inapplicable)}},
			cantTell, "rule-a: cantTell|rule-a: cantTell: : check it|rule-b: inapplicable", false},
		{"many failures", []*checks.Rule{a},
			browser.Done{Results: []checks.Result{res(a, failed, "1", "2", "3", "4", "5")}},
			failed, "rule-a: failed|rule-a: failed: : 1|rule-a: failed: : 2|rule-a: failed: : 3|rule-a: … and 2 more", false},
		{"page error", []*checks.Rule{a},
			browser.Done{Err: errors.New("the server answered HTTP 404")}, cantTell, "", true},
		{"rule not run", []*checks.Rule{a, b},
			browser.Done{Results: []checks.Result{res(a, passed)}}, cantTell, "rule-a: passed|rule-b: not run", false},
		{"not implemented", nil, browser.Done{Results: []checks.Result{res(a, failed)}}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := act.VerdictOf(c, tt.impl, tt.done)
			if v.Outcome != tt.want {
				t.Errorf("Outcome = %q, want %q", v.Outcome, tt.want)
			}
			if got := strings.Join(v.Details, "|"); got != tt.details {
				t.Errorf("Details = %q, want %q", got, tt.details)
			}
			if (v.Err != "") != tt.err {
				t.Errorf("Err = %q", v.Err)
			}
		})
	}
}
