package report

import (
	"slices"
	"strings"

	"saavu/checks"
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
	// Profile is ProfileQuick when the run tried nothing in the live
	// pages (--profile quick): the rules that need the probes were
	// untested, or could not pass (QuickUntested).
	Profile string `json:"profile,omitempty"`
}

// ProfileQuick is the profile of a run without live-page probes and
// screenshots (--profile quick), for CI gates that need seconds.
const ProfileQuick = "quick"

// Partial reports whether the rules were narrowed down by hand, or the
// run was quick.
func (s *RuleSelection) Partial() bool {
	return s != nil && (len(s.Only) > 0 || len(s.Skip) > 0 || s.Profile == ProfileQuick)
}

// Quick reports whether the run was quick (--profile quick).
func (r *Report) Quick() bool {
	return r.RuleSelection != nil && r.RuleSelection.Profile == ProfileQuick
}

// ProbeRules returns, of the rules that ran, those that a quick run
// leaves untested unless they find something: the rules that need a
// live-page probe for more than settling what they would report
// cantTell (checks.Untested), sorted by id.
func (r *Report) ProbeRules() []string {
	var out []string
	for _, ri := range r.Rules {
		rs, err := checks.Lookup([]string{ri.ID})
		if err != nil || len(rs) == 0 {
			continue
		}
		if len(rs[0].Probes) > 0 && !rs[0].ProbesRefine {
			out = append(out, ri.ID)
		}
	}
	return out
}

// QuickUntested returns the criteria of the report's summary that a
// quick run leaves untested: every rule of the run that covers them
// needs a live-page probe (ProbeRules), in the order of the summary.
func (r *Report) QuickUntested() []string {
	probe := r.ProbeRules()
	var out []string
	for _, c := range r.Summary.Criteria {
		if len(c.Rules) == 0 {
			continue
		}
		all := true
		for _, id := range c.Rules {
			if !slices.Contains(probe, id) {
				all = false
			}
		}
		if all {
			out = append(out, c.SC)
		}
	}
	return out
}

// SetProfile records the profile of the run (ProfileQuick, or "" for the
// full one), after SetRuleSelection.
func (r *Report) SetProfile(profile string) {
	if r.RuleSelection == nil {
		r.RuleSelection = &RuleSelection{}
	}
	r.RuleSelection.Profile = profile
}

// SetRuleSelection records the rule selection of the run (see
// RuleSelection).
func (r *Report) SetRuleSelection(only, skip []string) {
	sel := &RuleSelection{Only: slices.Sorted(slices.Values(only)), Skip: slices.Sorted(slices.Values(skip))}
	sel.Only, sel.Skip = slices.Compact(sel.Only), slices.Compact(sel.Skip)
	r.RuleSelection = sel
}
