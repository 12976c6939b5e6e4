package act

import (
	"fmt"
	"maps"
	"slices"

	"saavu/checks"
)

// Verdict is saavu's outcome on one test case, for the ACT rule the test
// case is an example of.
type Verdict struct {
	Case    TestCase
	Rules   []string       // saavu rules that implement the ACT rule; empty when none does
	Outcome checks.Outcome // their combined page outcome (worst wins); "" when Rules is empty
	Details []string       // what the rules reported: "rule-id: outcome: selector: message"
	Err     string         // why the page could not be audited; Outcome is then cantTell
}

// Implementations maps each ACT rule id to the rules that implement it,
// in the order of rules.
func Implementations(rules []*checks.Rule) map[string][]*checks.Rule {
	m := map[string][]*checks.Rule{}
	for _, r := range rules {
		for _, id := range r.ACT {
			if !slices.Contains(m[id], r) {
				m[id] = append(m[id], r)
			}
		}
	}
	return m
}

// rank orders outcomes from best to worst: inapplicable < passed <
// cantTell < failed.
func rank(o checks.Outcome) int {
	switch o {
	case checks.Failed:
		return 3
	case checks.CantTell:
		return 2
	case checks.Passed:
		return 1
	}
	return 0
}

// Worst combines the outcomes of several rules on one page: failed >
// cantTell > passed > inapplicable. It returns inapplicable for none.
func Worst(outcomes ...checks.Outcome) checks.Outcome {
	w := checks.Inapplicable
	for _, o := range outcomes {
		if rank(o) > rank(w) {
			w = o
		}
	}
	return w
}

// Judgement is how a verdict compares with the expected outcome.
type Judgement int

// Judgements. Only Missed and FalsePositive make an implementation
// inconsistent.
const (
	Untested      Judgement = iota // no saavu rule implements the ACT rule, or no verdict
	Detected                       // failed example reported failed
	NotDetected                    // failed example reported cantTell
	Missed                         // failed example reported passed or inapplicable
	Correct                        // passed or inapplicable example not reported failed
	FalsePositive                  // passed or inapplicable example reported failed
)

func (j Judgement) String() string {
	return [...]string{"untested", "detected", "cantTell", "missed", "correct", "false positive"}[j]
}

// Judge compares saavu's outcome on a test case with the expected one, as
// the W3C implementation reports do.
func Judge(expected, got checks.Outcome) Judgement {
	switch {
	case got == "":
		return Untested
	case expected == checks.Failed && got == checks.Failed:
		return Detected
	case expected == checks.Failed && got == checks.CantTell:
		return NotDetected
	case expected == checks.Failed:
		return Missed
	case got == checks.Failed:
		return FalsePositive
	}
	return Correct
}

// RuleScore is the score of saavu on the examples of one ACT rule.
type RuleScore struct {
	ID, Name string
	Rules    []string // saavu rules implementing it

	Examples       int // test cases of the rule
	FailedExamples int
	Detected       int // failed examples reported failed
	CantTell       int // failed examples reported cantTell: not detected, not wrong
	Missed         int // failed examples reported passed or inapplicable
	OtherExamples  int // passed and inapplicable examples
	FalsePositives int // passed or inapplicable examples reported failed
	Untested       int // test cases without a verdict

	Problems []Verdict // the misses and false positives, in suite order
}

// Consistent reports whether saavu never contradicts the rule's examples:
// no failed example reported passed or inapplicable, no passed or
// inapplicable example reported failed.
func (r RuleScore) Consistent() bool { return r.Missed == 0 && r.FalsePositives == 0 }

// Consistency returns the W3C category of the implementation, as in the
// published implementation reports: "complete" (every failed example
// detected, no false positive), "complete-with-cantTell" (the same, but
// some failed examples need a person), "partial" (some failed examples
// missed, no false positive) or "inconsistent" (a false positive, or no
// failed example even flagged).
func (r RuleScore) Consistency() string {
	switch {
	case r.FalsePositives > 0, r.FailedExamples > 0 && r.Detected+r.CantTell == 0:
		return "inconsistent"
	case r.Missed > 0:
		return "partial"
	case r.CantTell > 0:
		return "complete-with-cantTell"
	}
	return "complete"
}

// Totals sums the scores over the implemented ACT rules.
type Totals struct {
	ACTRules    int // ACT rules in the suite
	Implemented int // of them, implemented by some saavu rule
	Consistent  int

	Complete, CompleteWithCantTell, Partial, Inconsistent int // W3C categories

	SuiteFailed    int // failed examples in the whole suite
	FailedExamples int // failed examples of the implemented rules
	Detected       int
	CantTell       int
	Missed         int
	OtherExamples  int // passed and inapplicable examples of the implemented rules
	FalsePositives int
	Untested       int
	Errors         int // test cases of implemented rules whose page could not be audited
}

// DetectionRate returns the share of the implemented rules' failed
// examples that saavu reports failed, in percent.
func (t Totals) DetectionRate() float64 { return percent(t.Detected, t.FailedExamples) }

// DetectionRateAll returns the share of all the suite's failed examples
// that saavu reports failed, in percent.
func (t Totals) DetectionRateAll() float64 { return percent(t.Detected, t.SuiteFailed) }

// FalsePositiveRate returns the share of the implemented rules' passed and
// inapplicable examples that saavu reports failed, in percent.
func (t Totals) FalsePositiveRate() float64 { return percent(t.FalsePositives, t.OtherExamples) }

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// Score is saavu's score on the suite.
type Score struct {
	Rules   []RuleScore // implemented ACT rules, by id
	Unknown []string    // ACT rule ids saavu rules claim that the suite has no test case of (deprecated or mistyped)
	Totals  Totals
}

// ScoreVerdicts scores the verdicts (one per test case, any order) of a run
// of rules over suite.
func ScoreVerdicts(suite *Suite, rules []*checks.Rule, verdicts []Verdict) Score {
	byPage := map[string]Verdict{}
	for _, v := range verdicts {
		byPage[v.Case.Page] = v
	}
	impl := Implementations(rules)
	var sc Score
	byRule := map[string]*RuleScore{}
	var order []string
	for _, tc := range suite.Cases {
		if _, ok := byRule[tc.RuleID]; !ok {
			byRule[tc.RuleID] = &RuleScore{ID: tc.RuleID, Name: tc.RuleName}
			order = append(order, tc.RuleID)
		}
		if tc.Expected == checks.Failed {
			sc.Totals.SuiteFailed++
		}
		rs := byRule[tc.RuleID]
		if len(impl[tc.RuleID]) == 0 {
			continue
		}
		rs.Examples++
		if tc.Expected == checks.Failed {
			rs.FailedExamples++
		} else {
			rs.OtherExamples++
		}
		v, ok := byPage[tc.Page]
		if !ok {
			rs.Untested++
			continue
		}
		if v.Err != "" {
			sc.Totals.Errors++
		}
		switch Judge(tc.Expected, v.Outcome) {
		case Untested:
			rs.Untested++
		case Detected:
			rs.Detected++
		case NotDetected:
			rs.CantTell++
		case Missed:
			rs.Missed++
			rs.Problems = append(rs.Problems, v)
		case FalsePositive:
			rs.FalsePositives++
			rs.Problems = append(rs.Problems, v)
		}
	}
	sc.Totals.ACTRules = len(order)
	for _, id := range slices.Sorted(maps.Keys(impl)) {
		rs, ok := byRule[id]
		if !ok {
			sc.Unknown = append(sc.Unknown, id)
			continue
		}
		for _, r := range impl[id] {
			rs.Rules = append(rs.Rules, r.ID)
		}
		sc.Rules = append(sc.Rules, *rs)
		t := &sc.Totals
		t.Implemented++
		if rs.Consistent() {
			t.Consistent++
		}
		switch rs.Consistency() {
		case "complete":
			t.Complete++
		case "complete-with-cantTell":
			t.CompleteWithCantTell++
		case "partial":
			t.Partial++
		default:
			t.Inconsistent++
		}
		t.FailedExamples += rs.FailedExamples
		t.Detected += rs.Detected
		t.CantTell += rs.CantTell
		t.Missed += rs.Missed
		t.OtherExamples += rs.OtherExamples
		t.FalsePositives += rs.FalsePositives
		t.Untested += rs.Untested
	}
	return sc
}

// Summary is the one-line summary of the score.
func (t Totals) Summary() string {
	return fmt.Sprintf("ACT rules implemented: %d of %d, consistent: %d; failed examples detected: %d of %d (%.1f%%; %.1f%% of all %d in the suite), cantTell: %d, missed: %d; false positives: %d of %d passed/inapplicable examples; pages not audited: %d",
		t.Implemented, t.ACTRules, t.Consistent, t.Detected, t.FailedExamples, t.DetectionRate(), t.DetectionRateAll(), t.SuiteFailed,
		t.CantTell, t.Missed, t.FalsePositives, t.OtherExamples, t.Errors)
}
