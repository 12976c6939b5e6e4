package checks

import (
	"runtime/debug"
	"slices"
	"strings"
)

// Pass is what one rule sees while it checks one page. Rules report each
// element they test (an ACT "test target") with an outcome.
type Pass struct {
	Rule *Rule
	Page *Page

	targets []Target
}

// Target is one tested element and the rule's verdict on it.
type Target struct {
	Node    *Node
	Outcome Outcome
	Message string // what is wrong and how to fix it, in English; empty when passed
	Text    *Text  // the message, to render in any language; nil when passed
}

// Passed records that n meets the rule.
func (p *Pass) Passed(n *Node) { p.add(n, Passed, nil) }

// Failed records that n fails the rule; the message says what is wrong and
// how to fix it. format and args are as for msg: the format is a string
// literal, translated in checks/messages, and an argument that is itself
// a part of the message is a Text.
func (p *Pass) Failed(n *Node, format string, args ...any) {
	t := msg(format, args...)
	p.add(n, Failed, &t)
}

// CantTell records that n needs a person to judge; the message says what
// to look at. format and args are as for Failed.
func (p *Pass) CantTell(n *Node, format string, args ...any) {
	t := msg(format, args...)
	p.add(n, CantTell, &t)
}

func (p *Pass) add(n *Node, o Outcome, t *Text) {
	if n == nil {
		n = p.Page.Document()
	}
	tg := Target{Node: n, Outcome: o, Text: t}
	if t != nil {
		tg.Message = t.String()
	}
	p.targets = append(p.targets, tg)
}

// Result is the outcome of one rule on one page.
type Result struct {
	Rule    *Rule
	Outcome Outcome
	Targets []Target // every tested element, in document order, one entry per element
}

// Count returns how many targets have the outcome.
func (r Result) Count(o Outcome) int {
	n := 0
	for _, t := range r.Targets {
		if t.Outcome == o {
			n++
		}
	}
	return n
}

// Check runs the rules on the page, one after another, and returns their
// results in the order of rules. A rule that panics or returns an error
// gives cantTell with the reason, so one broken rule never hides the others.
//
// A rule that needs a probe that did not run on the page (Page.Unprobed)
// and that does not have ProbesRefine has a result only when it failed or
// asked a person: a pass, or nothing to apply to, would rest on what the
// probe did not try, so the rule is left out, untested on the page. On a
// page saavu cut (Page.Cut) the same holds for every rule: what was
// removed may hold what it looks for.
func Check(p *Page, rules []*Rule) ([]Result, error) {
	if err := p.Build(); err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(rules))
	for _, r := range rules {
		res := runRule(p, r)
		if (p.Cut || Untested(p, r)) && (res.Outcome == Passed || res.Outcome == Inapplicable) {
			continue
		}
		out = append(out, res)
	}
	return out, nil
}

// Untested reports whether rule r cannot pass on page p: one of the
// probes it needs did not run there (Page.Unprobed), and they do more
// than settle its cantTells (Rule.ProbesRefine).
func Untested(p *Page, r *Rule) bool {
	if r.ProbesRefine {
		return false
	}
	for _, pr := range r.Probes {
		if slices.Contains(p.Unprobed, pr) {
			return true
		}
	}
	return false
}

func runRule(p *Page, r *Rule) (res Result) {
	pass := &Pass{Rule: r, Page: p}
	res.Rule = r
	defer func() {
		if v := recover(); v != nil {
			pass.targets = pass.targets[:0]
			pass.CantTell(nil, "saavu could not run this rule (internal error: %v); please report it with the page: %s", v, firstLine(string(debug.Stack())))
			res.Targets, res.Outcome = merge(pass.targets)
		}
	}()
	if err := r.Run(pass); err != nil {
		pass.CantTell(nil, "saavu could not finish this rule: %s", err.Error())
	}
	res.Targets, res.Outcome = merge(pass.targets)
	return res
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// merge keeps one target per node (the worst outcome, messages joined), in
// document order, and computes the page outcome: failed if any target
// failed, else cantTell if any needs review, else passed if any passed,
// else inapplicable.
func merge(ts []Target) ([]Target, Outcome) {
	slices.SortStableFunc(ts, func(a, b Target) int { return a.Node.Index - b.Node.Index })
	var out []Target
	for _, t := range ts {
		if k := len(out) - 1; k >= 0 && out[k].Node == t.Node {
			prev := &out[k]
			switch {
			case t.Outcome.rank() > prev.Outcome.rank():
				prev.Outcome, prev.Message, prev.Text = t.Outcome, t.Message, t.Text
			case t.Outcome == prev.Outcome && t.Text != nil && prev.Text != nil && !strings.Contains(prev.Message, t.Message):
				joined := msg("%s %s", *prev.Text, *t.Text)
				prev.Message, prev.Text = joined.String(), &joined
			}
			continue
		}
		out = append(out, t)
	}
	outcome := Inapplicable
	for _, t := range out {
		if t.Outcome.rank() > outcome.rank() {
			outcome = t.Outcome
		}
	}
	return out, outcome
}
