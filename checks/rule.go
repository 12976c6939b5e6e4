package checks

import (
	"embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Outcome is the verdict of a rule on a page or on one element, as W3C ACT
// defines it.
type Outcome string

// The four ACT outcomes.
const (
	Passed       Outcome = "passed"
	Failed       Outcome = "failed"
	CantTell     Outcome = "cantTell" // a person must decide
	Inapplicable Outcome = "inapplicable"
)

// rank orders outcomes from best to worst, for aggregation.
func (o Outcome) rank() int {
	switch o {
	case Failed:
		return 3
	case CantTell:
		return 2
	case Passed:
		return 1
	}
	return 0
}

// Impact says how badly a failure of the rule hurts users.
type Impact string

// Impacts, from worst to mildest.
const (
	Critical Impact = "critical" // blocks some users from the content or function
	Serious  Impact = "serious"  // makes it very hard
	Moderate Impact = "moderate" // makes it harder
	Minor    Impact = "minor"    // a nuisance
)

// Impacts lists the impacts from worst to mildest.
var Impacts = []Impact{Critical, Serious, Moderate, Minor}

// Rank returns 4 for critical down to 1 for minor, 0 for an unknown impact.
func (i Impact) Rank() int {
	if k := slices.Index(Impacts, i); k >= 0 {
		return len(Impacts) - k
	}
	return 0
}

// Rule is one accessibility check: metadata and a pure function over a
// captured page.
type Rule struct {
	ID      string   // kebab-case, stable: the name users filter and baseline by
	Title   string   // what a passing page does, in one line: "Images have a text alternative"
	Doc     string   // longer explanation for non-experts (Markdown), from docs/<id>.md
	HelpURL string   // W3C Understanding page of the main success criterion
	WCAG    []string // success criteria the rule's failures break, main one first
	ACT     []string // W3C ACT rule ids this rule implements
	Impact  Impact
	Run     func(*Pass) error

	// Probes are the live-page probes whose results the rule reads
	// (Page.Media, Page.Focus…): a run without the rule can skip them.
	Probes []Probe

	// ProbesRefine says that the rule's probes only settle what it would
	// otherwise report cantTell: without them (Page.Unprobed) its passes
	// stand. A rule without it has no result on a page where one of its
	// probes did not run unless it found a failure or something to
	// review: it is untested there (see Check; TestRuleWithoutProbes).
	ProbesRefine bool

	// NoShots leaves the rule's elements out of the screenshots: its
	// faults show only in another layout of the page (a narrower
	// window), not in the one photographed.
	NoShots bool

	// Extra marks a rule that no version of EN 301 549 requires: one for
	// a WCAG AAA criterion, or a best practice that cites no criterion
	// (WCAG is empty). Extra rules are not run by default (see Extra and
	// Every), and never cite a WCAG A/AA criterion, so they cannot change
	// the EN 301 549 verdict of a criterion. (A rule of a criterion that
	// WCAG 2.2 added is not Extra, but V3.2.1 does not require it either:
	// see Standard.Required.)
	Extra bool
}

// EN301549 returns the EN 301 549 V3.2.1 clauses of the rule's criteria
// (see Standard.Clauses for another version).
func (r *Rule) EN301549() []string {
	var out []string
	for _, sc := range r.WCAG {
		if c, ok := LookupSC(sc); ok && c.EN301549 != "" {
			out = append(out, c.EN301549)
		}
	}
	return out
}

// Level returns the WCAG conformance level of the rule: "A" when any of its
// criteria is level A, otherwise "AA", or "AAA" for an extra rule citing
// only AAA criteria; "" for a best practice that cites no criterion.
func (r *Rule) Level() string {
	if len(r.WCAG) == 0 {
		return ""
	}
	level := "AA"
	if r.Extra {
		level = "AAA"
	}
	for _, sc := range r.WCAG {
		c, ok := LookupSC(sc)
		switch {
		case !ok:
		case c.Level == "A":
			level = "A"
		case c.Level == "AA" && level == "AAA":
			level = "AA"
		}
	}
	return level
}

// Kind says in a few words why the rule runs: "EN 301 549" for the rules
// of every version of the standard, "EN 301 549 V4.1.1" for those of the
// criteria WCAG 2.2 added, "WCAG AAA" or "best practice" for extra rules.
func (r *Rule) Kind() string {
	switch {
	case !r.Extra && !EN301549V321.Required(r):
		return "EN 301 549 V4.1.1"
	case !r.Extra:
		return "EN 301 549"
	case len(r.WCAG) > 0:
		return "WCAG AAA"
	}
	return "best practice"
}

// Summary returns the first paragraph of the rule's documentation, without
// its heading.
func (r *Rule) Summary() string {
	for _, para := range strings.Split(r.Doc, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") {
			continue
		}
		return strings.Join(strings.Fields(para), " ")
	}
	return ""
}

// docsFS holds docs/<id>.md and the translations docs/<lang>/<id>.md.
//
//go:embed docs
var docsFS embed.FS

// doc returns the embedded documentation of the rule id.
func doc(id string) string {
	b, err := docsFS.ReadFile("docs/" + id + ".md")
	if err != nil {
		return ""
	}
	return string(b)
}

// actRule returns the W3C page of an ACT rule, the help page of a best
// practice that cites no success criterion.
func actRule(id string) string {
	return "https://www.w3.org/WAI/standards-guidelines/act/rules/" + id + "/"
}

// DocIn returns the rule's documentation in lang ("fi", "sv") from
// docs/<lang>/<id>.md, or the English Doc with ok false when there is no
// translation. For "en" (or "") it returns Doc with ok true.
func (r *Rule) DocIn(lang string) (doc string, ok bool) {
	if lang == "" || lang == "en" {
		return r.Doc, true
	}
	if !docLang.MatchString(lang) {
		return r.Doc, false
	}
	b, err := docsFS.ReadFile("docs/" + lang + "/" + r.ID + ".md")
	if err != nil || strings.TrimSpace(string(b)) == "" {
		return r.Doc, false
	}
	return string(b), true
}

var docLang = regexp.MustCompile(`^[a-z]{2,3}$`)

func understanding(sc string) string {
	c := mustSC(sc)
	slug := nonSlug.ReplaceAllString(strings.ToLower(c.Title), "-")
	if c.WCAGVersion == "2.2" {
		return "https://www.w3.org/WAI/WCAG22/Understanding/" + strings.Trim(slug, "-") + ".html"
	}
	return "https://www.w3.org/WAI/WCAG21/Understanding/" + strings.Trim(slug, "-") + ".html"
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks the registry: ids kebab-case, unique and sorted, every
// rule documented, runnable, and citing known WCAG A/AA criteria that one
// version of EN 301 549 requires all of (WCAG 2.1 for V3.2.1, 2.2 for
// V4.1.1). Extra rules cite only AAA criteria, or none.
func Validate(rules []*Rule) error {
	var errs []error
	seen := map[string]bool{}
	for i, r := range rules {
		switch {
		case !kebab.MatchString(r.ID):
			errs = append(errs, fmt.Errorf("rule %q: id is not kebab-case", r.ID))
		case seen[r.ID]:
			errs = append(errs, fmt.Errorf("rule %q: duplicate id", r.ID))
		}
		seen[r.ID] = true
		if i > 0 && rules[i-1].ID >= r.ID {
			errs = append(errs, fmt.Errorf("rule %q: registry is not sorted by id (after %q)", r.ID, rules[i-1].ID))
		}
		if strings.TrimSpace(r.Doc) == "" {
			errs = append(errs, fmt.Errorf("rule %q: no documentation (checks/docs/%s.md)", r.ID, r.ID))
		}
		if r.Title == "" {
			errs = append(errs, fmt.Errorf("rule %q: no title", r.ID))
		}
		if r.Run == nil {
			errs = append(errs, fmt.Errorf("rule %q: Run is nil", r.ID))
		}
		if r.Impact.Rank() == 0 {
			errs = append(errs, fmt.Errorf("rule %q: unknown impact %q", r.ID, r.Impact))
		}
		if len(r.WCAG) == 0 && !r.Extra {
			errs = append(errs, fmt.Errorf("rule %q: cites no success criterion", r.ID))
		}
		known := true
		for _, sc := range r.WCAG {
			c, ok := LookupSC(sc)
			switch {
			case !ok:
				known = false
				errs = append(errs, fmt.Errorf("rule %q: %q is not a known WCAG success criterion", r.ID, sc))
			case r.Extra && (c.InWCAG21AA || c.Level != "AAA"):
				errs = append(errs, fmt.Errorf("rule %q: an extra rule may cite only AAA criteria, not %s (level %s): it would change the EN 301 549 verdict", r.ID, sc, c.Level))
			case !r.Extra && !slices.ContainsFunc(Standards, func(s *Standard) bool { return s.Requires(sc) }):
				known = false
				errs = append(errs, fmt.Errorf("rule %q: %q is not a WCAG A/AA success criterion of EN 301 549 (mark the rule Extra if EN 301 549 does not require it)", r.ID, sc))
			}
		}
		if known && !r.Extra && len(r.WCAG) > 0 && !slices.ContainsFunc(Standards, func(s *Standard) bool { return s.Required(r) }) {
			errs = append(errs, fmt.Errorf("rule %q: no version of EN 301 549 requires all of %s (a rule cites criteria of one version: split it)", r.ID, strings.Join(r.WCAG, ", ")))
		}
	}
	return errors.Join(errs...)
}

// Lookup returns the rules with the given ids, extra rules included, or an
// error naming the first unknown id.
func Lookup(ids []string) ([]*Rule, error) {
	all := Every()
	var out []*Rule
	for _, id := range ids {
		i := slices.IndexFunc(all, func(r *Rule) bool { return r.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("unknown rule %q", id)
		}
		out = append(out, all[i])
	}
	return out, nil
}
