package report

import (
	"slices"
	"strings"
)

// DisabledRule is a rule turned off on purpose, and why (--disable
// id=reason, or disable: in saavu.yaml). The reason is shown in every
// report so that a reader knows what was not checked and who decided so.
type DisabledRule struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// SetDisabled records the rules turned off with a reason, sorted by id.
func (r *Report) SetDisabled(rules []DisabledRule) {
	rules = slices.Clone(rules)
	slices.SortFunc(rules, func(a, b DisabledRule) int { return strings.Compare(a.ID, b.ID) })
	r.DisabledRules = slices.CompactFunc(rules, func(a, b DisabledRule) bool { return a.ID == b.ID })
	if len(r.DisabledRules) == 0 {
		r.DisabledRules = nil
	}
}

// RuleSelection records how the rules of a run were chosen: by default
// (both lists empty: every rule the standard requires, and the extra
// ones with --extra), or only those of --rules, or less those of
// --skip-rules. It tells a partial audit, whose results must not be taken
// for a complete one (a statement built from them), from one made by a
// saavu that had fewer rules.
type RuleSelection struct {
	Only []string `json:"only,omitempty"` // --rules, sorted
	Skip []string `json:"skip,omitempty"` // --skip-rules, sorted
}

// Partial reports whether the rules were narrowed down by hand.
func (s *RuleSelection) Partial() bool { return s != nil && (len(s.Only) > 0 || len(s.Skip) > 0) }

// SetRuleSelection records the rule selection of the run (see
// RuleSelection).
func (r *Report) SetRuleSelection(only, skip []string) {
	sel := &RuleSelection{Only: slices.Sorted(slices.Values(only)), Skip: slices.Sorted(slices.Values(skip))}
	sel.Only, sel.Skip = slices.Compact(sel.Only), slices.Compact(sel.Skip)
	r.RuleSelection = sel
}
