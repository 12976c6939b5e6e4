package act

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"saavu/browser"
	"saavu/checks"
)

// maxDetails bounds the messages kept per rule in a verdict.
const maxDetails = 3

// Result is what a run over the suite found.
type Result struct {
	Verdicts   []Verdict // one per test case, in suite order
	Audited    int       // pages captured and checked
	PageErrors []string  // "page: why it could not be audited"
	RuleErrors []string  // "page: rule: message" where a rule crashed or gave up
}

// Run audits the page of every test case in one run, with concurrency
// tabs, running all the rules on each page. The suite must be served at
// base (see Handler). A page that cannot be audited gets cantTell with the
// reason in Verdict.Err; only ctx stops the run. progress, when not nil,
// is called after each page with the number of pages done.
func Run(ctx context.Context, b *browser.Browser, base string, suite *Suite, rules []*checks.Rule, concurrency int, progress func(done int)) (*Result, error) {
	impl := Implementations(rules)
	byURL := map[string]int{}
	urls := make([]string, len(suite.Cases))
	for i, tc := range suite.Cases {
		urls[i] = tc.URL(base)
		byURL[urls[i]] = i
	}
	res := &Result{Verdicts: make([]Verdict, len(suite.Cases))}
	done := make([]bool, len(suite.Cases))
	n := 0
	err := b.Audit(ctx, urls, rules, concurrency, func(d browser.Done) {
		i, ok := byURL[d.URL]
		if !ok {
			return
		}
		tc := suite.Cases[i]
		res.Verdicts[i] = VerdictOf(tc, impl[tc.RuleID], d)
		done[i] = true
		if n++; progress != nil {
			progress(n)
		}
		if d.Err != nil {
			res.PageErrors = append(res.PageErrors, tc.Page+": "+d.Err.Error())
			return
		}
		res.Audited++
		for _, r := range d.Results {
			for _, t := range r.Targets {
				if strings.HasPrefix(t.Message, "saavu could not") {
					res.RuleErrors = append(res.RuleErrors, tc.Page+": "+r.Rule.ID+": "+t.Message)
				}
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("audit the ACT test cases: %w", err)
	}
	for i, ok := range done {
		if !ok { // never reported: cannot happen unless Audit drops a page
			tc := suite.Cases[i]
			res.Verdicts[i] = VerdictOf(tc, impl[tc.RuleID], browser.Done{URL: urls[i], Err: errNotAudited})
			res.PageErrors = append(res.PageErrors, tc.Page+": "+errNotAudited.Error())
		}
	}
	slices.Sort(res.PageErrors)
	slices.Sort(res.RuleErrors)
	return res, nil
}

var errNotAudited = errors.New("the page was not audited")

// VerdictOf turns the audit of a test case's page into the verdict of the
// rules that implement its ACT rule: the worst of their page outcomes.
func VerdictOf(tc TestCase, impl []*checks.Rule, d browser.Done) Verdict {
	v := Verdict{Case: tc, Rules: ruleIDs(impl)}
	if d.Err != nil {
		v.Err = d.Err.Error()
	}
	if len(impl) == 0 {
		return v
	}
	if d.Err != nil {
		v.Outcome = checks.CantTell
		return v
	}
	var outcomes []checks.Outcome
	for _, r := range impl {
		i := slices.IndexFunc(d.Results, func(res checks.Result) bool { return res.Rule == r })
		if i < 0 {
			outcomes = append(outcomes, checks.CantTell)
			v.Details = append(v.Details, r.ID+": not run")
			continue
		}
		res := d.Results[i]
		outcomes = append(outcomes, res.Outcome)
		v.Details = append(v.Details, details(res)...)
	}
	v.Outcome = Worst(outcomes...)
	return v
}

// details describes a rule's result for a developer: its outcome and the
// first targets that carry the outcome.
func details(res checks.Result) []string {
	out := []string{fmt.Sprintf("%s: %s", res.Rule.ID, res.Outcome)}
	if res.Outcome != checks.Failed && res.Outcome != checks.CantTell {
		return out
	}
	n := 0
	for _, t := range res.Targets {
		if t.Outcome != res.Outcome {
			continue
		}
		if n == maxDetails {
			out = append(out, fmt.Sprintf("%s: … and %d more", res.Rule.ID, res.Count(res.Outcome)-n))
			break
		}
		sel := ""
		if t.Node != nil {
			sel = t.Node.Selector()
		}
		out = append(out, fmt.Sprintf("%s: %s: %s: %s", res.Rule.ID, t.Outcome, sel, t.Message))
		n++
	}
	return out
}

func ruleIDs(rules []*checks.Rule) []string {
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	return ids
}
