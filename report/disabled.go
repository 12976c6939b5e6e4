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
