package checks

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Standard is a version of EN 301 549 that an audit measures web pages
// against: the WCAG success criteria its clause 9 requires, with the
// clause of each, and the rules that test them.
type Standard struct {
	ID      string // what --standard takes: "en301549-v3.2.1"
	Name    string // "EN 301 549"
	Version string // "V3.2.1"
	WCAG    string // the WCAG version its clause 9 adopts: "2.1"
	Level   string // the highest WCAG level it requires: "AA" (levels A and AA)

	// Status says in a sentence where the standard stands in law, in
	// English; empty for the one cited in the Official Journal.
	Status string

	// clause returns the standard's clause for a criterion ("" when the
	// standard does not require it) and whether the number was checked
	// against the published text of the standard.
	clause func(Criterion) (string, bool)

	rulesOnce sync.Once
	rules     []*Rule // Rules, worked out once
}

// The versions of EN 301 549 saavu knows.
var (
	// EN301549V321 (2021) adopts the 50 WCAG 2.1 A/AA criteria in clauses
	// 9.1 to 9.4. It is the version cited in the Official Journal for the
	// Web Accessibility Directive, and Finland's law 306/2019 points to it.
	EN301549V321 = &Standard{
		ID: "en301549-v3.2.1", Name: "EN 301 549", Version: "V3.2.1", WCAG: "2.1", Level: "AA",
		clause: func(c Criterion) (string, bool) { return c.EN301549, true },
	}
	// EN301549V411 (approved by CEN, CENELEC and ETSI in September 2026)
	// adopts the 55 WCAG 2.2 A/AA criteria: 4.1.1 Parsing is gone, six
	// criteria are new. Its clause numbers in wcag.json follow the
	// pattern of V3.2.1 (9.<criterion>) and are marked unverified
	// (en301549V411Unverified) until checked against the published text.
	EN301549V411 = &Standard{
		ID: "en301549-v4.1.1", Name: "EN 301 549", Version: "V4.1.1", WCAG: "2.2", Level: "AA",
		Status: "Approved in September 2026; its citation in the Official Journal is awaited, so EN 301 549 V3.2.1 is still the one the law refers to.",
		clause: func(c Criterion) (string, bool) { return c.EN301549V411, !c.EN301549V411Unverified },
	}
)

// Standards lists the standards, the default first.
var Standards = []*Standard{EN301549V321, EN301549V411}

// DefaultStandard is the standard an audit uses unless told otherwise:
// the one the law refers to today.
var DefaultStandard = EN301549V321

// StandardIDs lists the ids of the standards, for flag help and errors.
func StandardIDs() []string {
	var ids []string
	for _, s := range Standards {
		ids = append(ids, s.ID)
	}
	return ids
}

// LookupStandard returns the standard with the id ("en301549-v4.1.1";
// case and a leading "v" of the version do not matter), or an error
// naming the ids there are.
func LookupStandard(id string) (*Standard, error) {
	want := strings.ToLower(strings.TrimSpace(id))
	for _, s := range Standards {
		if want == s.ID || want == strings.Replace(s.ID, "-v", "-", 1) {
			return s, nil
		}
	}
	return nil, fmt.Errorf("unknown standard %q (choose one of %s)", id, strings.Join(StandardIDs(), ", "))
}

// StandardOf returns the standard named name and version ("EN 301 549",
// "V4.1.1"), as a report records it; ok is false for one saavu does not
// know.
func StandardOf(name, version string) (s *Standard, ok bool) {
	for _, s := range Standards {
		if s.Name == name && s.Version == version {
			return s, true
		}
	}
	return nil, false
}

// String names the standard: "EN 301 549 V4.1.1".
func (s *Standard) String() string { return s.Name + " " + s.Version }

// Requires reports whether the standard requires the criterion sc.
func (s *Standard) Requires(sc string) bool {
	c, ok := LookupSC(sc)
	if !ok {
		return false
	}
	clause, _ := s.clause(c)
	return clause != ""
}

// Clause returns the standard's clause for the criterion sc ("9.2.4.11"),
// "" when it does not require it, and whether the number was checked
// against the published standard.
func (s *Standard) Clause(sc string) (clause string, verified bool) {
	c, ok := LookupSC(sc)
	if !ok {
		return "", false
	}
	return s.clause(c)
}

// Clauses returns the clauses of the criteria scs that the standard
// requires, in their order.
func (s *Standard) Clauses(scs []string) []string {
	var out []string
	for _, sc := range scs {
		if cl, _ := s.Clause(sc); cl != "" {
			out = append(out, cl)
		}
	}
	return out
}

// Verified reports whether every clause number of the standard was
// checked against its published text.
func (s *Standard) Verified() bool {
	for _, c := range s.Criteria() {
		if _, ok := s.clause(c); !ok {
			return false
		}
	}
	return true
}

// Criteria returns the success criteria the standard requires of web
// pages, in WCAG order.
func (s *Standard) Criteria() []Criterion {
	var out []Criterion
	for _, c := range criteria {
		if cl, _ := s.clause(c); cl != "" {
			out = append(out, c)
		}
	}
	return out
}

// Required reports whether the standard requires the rule: the rule is
// not an extra one and the standard requires every criterion it cites.
func (s *Standard) Required(r *Rule) bool {
	if r.Extra || len(r.WCAG) == 0 {
		return false
	}
	for _, sc := range r.WCAG {
		if !s.Requires(sc) {
			return false
		}
	}
	return true
}

// Rules returns the rules the standard requires, sorted by id: those an
// audit against it runs by default.
func (s *Standard) Rules() []*Rule {
	s.rulesOnce.Do(func() {
		s.rules = slices.DeleteFunc(Every(), func(r *Rule) bool { return !s.Required(r) })
	})
	return slices.Clone(s.rules)
}

// Extra returns the other rules, sorted by id: they run only when asked
// for (--extra, --rules). Under V3.2.1 these include the rules of the
// criteria WCAG 2.2 added.
func (s *Standard) Extra() []*Rule {
	return slices.DeleteFunc(Every(), s.Required)
}

// RequiredSite reports whether the standard requires the site rule: it
// requires every criterion the rule cites.
func (s *Standard) RequiredSite(r *SiteRule) bool { return s.Required(r.rule()) }

// SiteRules returns the site rules the standard requires, sorted by id:
// those an audit against it runs by default. Under V3.2.1 the site rules
// of the criteria WCAG 2.2 added run only when asked for (--extra,
// --rules).
func (s *Standard) SiteRules() []*SiteRule {
	return slices.DeleteFunc(SiteRules(), func(r *SiteRule) bool { return !s.RequiredSite(r) })
}
