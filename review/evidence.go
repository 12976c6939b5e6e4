package review

import (
	"slices"
	"strings"

	"saavu/checks"
	"saavu/report"
)

// Outcomes of a criterion over the audited pages, as the worksheet shows
// them (the meanings of the JSON report's schema 2):
const (
	Failed          = "failed"          // a rule citing it failed on some page
	CantTell        = "cantTell"        // no failure, but a person must confirm some items
	Passed          = "passed"          // saavu's rules decide the criterion, and it passed
	Inapplicable    = "inapplicable"    // saavu's rules decide the criterion, and nothing applied
	NoProblemsFound = "noProblemsFound" // rules ran and found nothing, but do not decide it: a person must check
	Untested        = "untested"        // no rule covers it: a person must check
)

// StatementLinkRule is the rule that looks for a link to the
// accessibility statement on every page.
const StatementLinkRule = "statement-link"

// Evidence is what automated results say about each criterion and page:
// what the worksheet, the statement and the EARL report are made from.
type Evidence struct {
	Standard    report.Standard
	GeneratedAt string
	Pages       []PageInfo // the audited pages, in report order
	NotAudited  int        // pages of the results that could not be audited
	Rules       []string   // ids of the rules that ran, sorted
	NotRun      []string   // rules of the standard's default set that did not run, or ran without their probes in a quick run (report.ProbeRules), sorted
	Quick       bool       // the results are of a quick run (--profile quick)
	Disabled    []report.DisabledRule
	Documents   []report.Document
	Sample      *report.Sample

	// StatementLink is what the statement-link rule found: nil when it
	// did not run.
	StatementLink *LinkEvidence

	criteria     map[string]*CriterionEvidence
	featurePages map[string][]int // feature -> indexes of the pages that have it
	featureRan   map[string]bool  // feature -> a rule that looks for it ran
}

// std is the standard the results were measured against.
func (e *Evidence) std() *checks.Standard {
	if s, ok := checks.StandardOf(e.Standard.Name, e.Standard.Version); ok {
		return s
	}
	return checks.DefaultStandard
}

// PageInfo is an audited page.
type PageInfo struct {
	Ref   string // how the worksheet names it: its path and query, or its URL when two pages share them
	URL   string
	Title string
}

// LinkEvidence lists the pages without a link to an accessibility
// statement.
type LinkEvidence struct {
	Without []int // indexes of the pages
}

// CriterionEvidence is what the rules citing a criterion found.
type CriterionEvidence struct {
	SC      string
	Rules   []string // the rules that ran and cite the criterion, sorted
	Outcome string   // see the outcome constants
	// The pages by the worst outcome of those rules on them.
	Failed, CantTell, Passed, Inapplicable []int
	ByRule                                 map[string]*RuleEvidence
	// Items are the elements a person must confirm: the cantTell
	// elements of the rules whose main criterion this is.
	Items []ItemEvidence
}

// RuleEvidence is what one rule found on the pages.
type RuleEvidence struct {
	Failed, CantTell, Passed []int // page indexes
}

// ItemEvidence is one cantTell element.
type ItemEvidence struct {
	Page     int
	Rule     string
	Selector string
	Snippet  string
	Message  string      // English
	Text     checks.Text // the message to render in another language
}

// Criterion returns the evidence of a criterion (empty when no rule
// covers it).
func (e *Evidence) Criterion(sc string) *CriterionEvidence {
	if c := e.criteria[sc]; c != nil {
		return c
	}
	return &CriterionEvidence{SC: sc, Outcome: Untested, ByRule: map[string]*RuleEvidence{}}
}

// Collect reads the evidence from a report, a page at a time.
func Collect(rep *report.Report) (*Evidence, error) {
	e := &Evidence{
		Standard: rep.Standard, GeneratedAt: rep.GeneratedAt,
		Disabled: rep.DisabledRules, Documents: rep.Documents, Sample: rep.Sample,
		criteria: map[string]*CriterionEvidence{}, featurePages: map[string][]int{}, featureRan: map[string]bool{},
	}
	ran := map[string]report.RuleInfo{}
	for _, ri := range rep.Rules {
		e.Rules = append(e.Rules, ri.ID)
		ran[ri.ID] = ri
		for f, rules := range features {
			if slices.Contains(rules, ri.ID) {
				e.featureRan[f] = true
			}
		}
		for _, sc := range ri.WCAG {
			c := e.criteria[sc]
			if c == nil {
				c = &CriterionEvidence{SC: sc, ByRule: map[string]*RuleEvidence{}}
				e.criteria[sc] = c
			}
			c.Rules = append(c.Rules, ri.ID)
			c.ByRule[ri.ID] = &RuleEvidence{}
		}
	}
	slices.Sort(e.Rules)
	// Rules of this saavu's default set that did not run: when the results
	// say their rules were not narrowed down by hand (--rules,
	// --skip-rules, --disable), none; a rule that the saavu that made
	// them did not have yet does not make the audit partial.
	if rep.RuleSelection.Partial() || rep.RuleSelection == nil || len(rep.DisabledRules) > 0 {
		for _, r := range rep.Std().Rules() {
			if _, ok := ran[r.ID]; !ok {
				e.NotRun = append(e.NotRun, r.ID)
			}
		}
	}
	// A quick run (--profile quick) tried nothing in the live pages: the
	// rules that need that ran, but could only fail or ask, never pass;
	// they count as not run, and make the audit partial.
	if rep.Quick() {
		e.Quick = true
		e.NotRun = append(e.NotRun, rep.ProbeRules()...)
		slices.Sort(e.NotRun)
		e.NotRun = slices.Compact(e.NotRun)
	}
	if _, ok := ran[StatementLinkRule]; ok {
		e.StatementLink = &LinkEvidence{}
	}
	err := rep.EachPage(func(_ int, p *report.Page) error {
		if !p.Audited() {
			e.NotAudited++
			return nil
		}
		i := len(e.Pages)
		e.Pages = append(e.Pages, PageInfo{URL: p.URL, Title: p.Title})
		worst := map[string]string{} // criterion -> worst outcome on this page
		for _, res := range p.Results {
			if res.Outcome != string(checks.Inapplicable) {
				for f, rules := range features {
					if slices.Contains(rules, res.Rule) && !slices.Contains(e.featurePages[f], i) {
						e.featurePages[f] = append(e.featurePages[f], i)
					}
				}
			}
			if res.Rule == StatementLinkRule && res.Outcome == string(checks.Failed) && e.StatementLink != nil {
				e.StatementLink.Without = append(e.StatementLink.Without, i)
			}
			for k, sc := range res.WCAG {
				c := e.criteria[sc]
				if c == nil {
					continue // a rule the report does not list
				}
				if rank(res.Outcome) > rank(worst[sc]) || worst[sc] == "" {
					worst[sc] = res.Outcome
				}
				if re := c.ByRule[res.Rule]; re != nil {
					switch res.Outcome {
					case Failed:
						re.Failed = append(re.Failed, i)
					case CantTell:
						re.CantTell = append(re.CantTell, i)
					case Passed:
						re.Passed = append(re.Passed, i)
					}
				}
				if k > 0 {
					continue // items go under the rule's main criterion only
				}
				for _, n := range res.Nodes {
					if n.Outcome != CantTell {
						continue
					}
					it := ItemEvidence{Page: i, Rule: res.Rule, Selector: n.Selector, Snippet: n.Snippet, Message: n.Message}
					if n.Text != nil {
						it.Text = *n.Text
					}
					c.Items = append(c.Items, it)
				}
			}
		}
		for sc, o := range worst {
			c := e.criteria[sc]
			switch o {
			case Failed:
				c.Failed = append(c.Failed, i)
			case CantTell:
				c.CantTell = append(c.CantTell, i)
			case Passed:
				c.Passed = append(c.Passed, i)
			default:
				c.Inapplicable = append(c.Inapplicable, i)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	e.addSite(rep.SiteResults)
	for _, c := range e.criteria {
		slices.Sort(c.Rules)
		c.Outcome = e.outcome(c)
	}
	e.setRefs()
	return e, nil
}

// addSite adds what the site rules found: a finding counts on each of
// the example pages it names (on the first page when it names none), as
// a page rule's result would; a finding to review is an item on its first
// page.
func (e *Evidence) addSite(results []report.SiteResult) {
	index := map[string]int{}
	for i, p := range e.Pages {
		index[p.URL] = i
	}
	for _, res := range results {
		for k, sc := range res.WCAG {
			c := e.criteria[sc]
			if c == nil || len(e.Pages) == 0 {
				continue
			}
			re := c.ByRule[res.Rule]
			for _, n := range res.Nodes {
				var pages []int
				for _, p := range n.Pages {
					if i, ok := index[p.URL]; ok {
						pages = append(pages, i)
					}
				}
				if len(pages) == 0 {
					pages = []int{0}
				}
				for _, i := range pages {
					switch n.Outcome {
					case Failed:
						c.Failed = addPage(c.Failed, i)
						c.CantTell, c.Passed, c.Inapplicable = dropPage(c.CantTell, i), dropPage(c.Passed, i), dropPage(c.Inapplicable, i)
						if re != nil {
							re.Failed = addPage(re.Failed, i)
						}
					case CantTell:
						if slices.Contains(c.Failed, i) {
							break
						}
						c.CantTell = addPage(c.CantTell, i)
						c.Passed, c.Inapplicable = dropPage(c.Passed, i), dropPage(c.Inapplicable, i)
						if re != nil {
							re.CantTell = addPage(re.CantTell, i)
						}
					}
				}
				if n.Outcome == CantTell && k == 0 {
					it := ItemEvidence{Page: pages[0], Rule: res.Rule, Message: n.Message}
					if len(n.Pages) > 0 {
						it.Selector = n.Pages[0].Selector
					}
					if n.Text != nil {
						it.Text = *n.Text
					}
					c.Items = append(c.Items, it)
				}
			}
		}
	}
}

// addPage adds the page i to a sorted list of pages, once.
func addPage(pages []int, i int) []int {
	if j, found := slices.BinarySearch(pages, i); !found {
		pages = slices.Insert(pages, j, i)
	}
	return pages
}

// dropPage removes the page i from a list of pages.
func dropPage(pages []int, i int) []int {
	return slices.DeleteFunc(pages, func(p int) bool { return p == i })
}

// outcome sums up what the rules citing a criterion found.
func (e *Evidence) outcome(c *CriterionEvidence) string {
	switch {
	case len(c.Rules) == 0 || len(e.Pages) == 0:
		return Untested
	case len(c.Failed) > 0:
		return Failed
	case len(c.CantTell) > 0:
		return CantTell
	case !e.decides(c):
		return NoProblemsFound
	case len(c.Passed) > 0:
		return Passed
	}
	return Inapplicable
}

func (e *Evidence) decides(c *CriterionEvidence) bool {
	return report.RulesDecide(e.std(), c.SC, e.Rules)
}

func rank(o string) int {
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

// setRefs names each page by its path and query (report.PageKey, as the
// element identity compares pages), or by its URL where two pages share
// them.
func (e *Evidence) setRefs() {
	count := map[string]int{}
	for _, p := range e.Pages {
		count[report.PageKey(p.URL)]++
	}
	for i := range e.Pages {
		k := report.PageKey(e.Pages[i].URL)
		if count[k] > 1 {
			k = e.Pages[i].URL
		}
		e.Pages[i].Ref = k
	}
}

// PagesWith returns the indexes of the audited pages that have a feature
// and whether a rule that looks for it ran ("all": every page, true).
func (e *Evidence) PagesWith(feature string) ([]int, bool) {
	if feature == featureAll {
		all := make([]int, len(e.Pages))
		for i := range all {
			all[i] = i
		}
		return all, true
	}
	return e.featurePages[feature], e.featureRan[feature]
}

// CheckOn picks the audited pages to check a criterion on by hand: those
// with any of the features its procedure names (pages with forms for
// 3.3.x, media for 1.2.x, widgets for 4.1.2…), in report order. A page
// has a feature when a rule that looks for it applied there. When none of
// those rules ran, any page may have the feature, so every audited page
// is picked (Pick.Unknown).
func (e *Evidence) CheckOn(sc string) Pick {
	p, _ := ProcedureFor(sc)
	pick := Pick{Features: p.Pages}
	if len(pick.Features) == 0 || slices.Contains(pick.Features, featureAll) {
		pick.Features = []string{featureAll}
	}
	seen := map[int]bool{}
	for _, f := range pick.Features {
		ps, ran := e.PagesWith(f)
		if !ran {
			ps, _ = e.PagesWith(featureAll)
			pick.Unknown = true
		}
		for _, i := range ps {
			seen[i] = true
		}
	}
	for i := range e.Pages {
		if seen[i] {
			pick.Pages = append(pick.Pages, i)
		}
	}
	return pick
}

// Pick is the pages CheckOn picked.
type Pick struct {
	Pages    []int    // indexes, in report order
	Features []string // the features looked for; ["all"] for every page
	Unknown  bool     // a feature's rules did not run, so every page was picked
}

// All reports whether the pick is every audited page by design.
func (p Pick) All() bool { return slices.Equal(p.Features, []string{featureAll}) }

// Refs returns the refs of pages by index.
func (e *Evidence) Refs(idx []int) []string {
	out := make([]string, 0, len(idx))
	for _, i := range idx {
		out = append(out, e.Pages[i].Ref)
	}
	return out
}

// Sections returns the site sections of pages: the first segment of
// their path ("/asuminen"), or "/" for the front page, in order of first
// appearance.
func (e *Evidence) Sections(idx []int) []string {
	var out []string
	for _, i := range idx {
		s := section(e.Pages[i].URL)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func section(u string) string {
	k := report.PageKey(u)
	k, _, _ = strings.Cut(k, "?")
	seg, _, _ := strings.Cut(strings.TrimPrefix(k, "/"), "/")
	return "/" + seg
}
