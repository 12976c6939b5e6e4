package report

import (
	"cmp"
	"slices"
	"strings"

	"saavu/checks"
)

// SiteResult is the outcome of a site rule (checks.SiteRule), which checks
// the audited pages together (consistent navigation, consistent
// identification, multiple ways): one result for the site, not one per
// page.
type SiteResult struct {
	Rule     string     `json:"rule"`
	Outcome  string     `json:"outcome"` // passed, failed, cantTell, inapplicable
	WCAG     []string   `json:"wcag"`
	EN301549 []string   `json:"en301549"`
	Impact   string     `json:"impact"`
	Pages    int        `json:"pages"`            // audited pages whose facts the rule read
	Passed   int        `json:"passed,omitempty"` // things it tested and found right (blocks, searches)
	Nodes    []SiteNode `json:"nodes,omitempty"`  // findings that failed or need review
}

// SiteNode is a finding of a site rule: what is wrong or to check, the
// pages where it is seen and the pages it differs from.
type SiteNode struct {
	Outcome string       `json:"outcome"` // failed or cantTell
	Message string       `json:"message"` // in English
	Text    *checks.Text `json:"text,omitempty"`
	// Key says what the finding is about, the same from one audit to the
	// next (a block and the links that swap places): baselines match it.
	Key           string    `json:"key,omitempty"`
	Pages         []PageRef `json:"pages"`              // example pages where it is seen (at most 5), the main one first
	PageCount     int       `json:"pageCount"`          // all the pages where it is seen
	Compared      []PageRef `json:"compared,omitempty"` // example pages it differs from (at most 5)
	ComparedCount int       `json:"comparedCount,omitempty"`
	Baselined     bool      `json:"baselined,omitempty"` // a failure accepted in the baseline (--baseline)
}

// PageRef is a page a site finding names, and the element there it is
// about (a navigation block, a search form); no selector for the page as a
// whole.
type PageRef struct {
	URL      string `json:"url"`
	Selector string `json:"selector,omitempty"`
}

// CheckSite runs the site rules over the facts of the report's audited
// pages (Page.Facts), sets SiteResults, lists the rules (RuleInfo.Site)
// and brings their outcomes into the criteria of the summary. Pages saved
// by a saavu without site rules have no facts: the rules run over the
// others. The summary must be the pages' own (as New or Merge compute it).
func (r *Report) CheckSite(rules []*checks.SiteRule) error {
	if len(rules) == 0 {
		return nil
	}
	site := r.site
	if site == nil {
		site = new(checks.Site)
		err := r.EachPage(func(_ int, p *Page) error {
			if p.Audited() {
				site.Add(p.URL, p.Facts)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	r.site = nil
	r.SiteResults = nil
	std := r.Std()
	for _, res := range checks.CheckSite(site, rules) {
		r.SiteResults = append(r.SiteResults, siteResult(res, std))
		info := siteRuleInfo(res.Rule, std)
		if i := slices.IndexFunc(r.Rules, func(ri RuleInfo) bool { return ri.ID == info.ID }); i >= 0 {
			r.Rules[i] = info
		} else {
			r.Rules = append(r.Rules, info)
		}
	}
	slices.SortFunc(r.Rules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(r.SiteResults, func(a, b SiteResult) int { return strings.Compare(a.Rule, b.Rule) })
	r.Summary = r.Summary.withSite(r.Rules, r.SiteResults)
	return nil
}

// noFacts counts the audited pages without facts.
func (r *Report) noFacts() int {
	if r.site != nil {
		return r.site.NoFacts
	}
	n := 0
	_ = r.EachPage(func(_ int, p *Page) error {
		if p.Audited() && p.Facts == nil {
			n++
		}
		return nil
	})
	return n
}

// SiteRulesOf returns the site rules of this saavu that the report lists
// as having run, and the ids of the others (site rules of another saavu),
// which cannot run again.
func (r *Report) SiteRulesOf() (rules []*checks.SiteRule, unknown []string) {
	for _, ri := range r.Rules {
		if !ri.Site {
			continue
		}
		found, err := checks.LookupSite([]string{ri.ID})
		if err != nil || len(found) == 0 {
			unknown = append(unknown, ri.ID)
			continue
		}
		rules = append(rules, found[0])
	}
	return rules, unknown
}

// siteRuleInfo is the metadata of a site rule, with the clauses of the
// standard std: a rule of a criterion std does not require (a WCAG 2.2
// addition under V3.2.1) cites none and is extra.
func siteRuleInfo(r *checks.SiteRule, std *checks.Standard) RuleInfo {
	return RuleInfo{
		ID: r.ID, Title: r.Title, Summary: r.Summary(), HelpURL: r.HelpURL,
		WCAG: orEmpty(r.WCAG), EN301549: orEmpty(std.Clauses(r.WCAG)), Level: r.Level(), Impact: string(r.Impact),
		Extra: !std.RequiredSite(r), Site: true,
	}
}

func siteResult(res checks.SiteResult, std *checks.Standard) SiteResult {
	out := SiteResult{
		Rule: res.Rule.ID, Outcome: string(res.Outcome), WCAG: orEmpty(res.Rule.WCAG), EN301549: orEmpty(std.Clauses(res.Rule.WCAG)),
		Impact: string(res.Rule.Impact), Pages: res.Pages, Passed: res.Passed,
	}
	for _, t := range res.Targets {
		n := SiteNode{Outcome: string(t.Outcome), Message: t.Message, Text: t.Text, Key: t.Key,
			PageCount: t.PageCount, ComparedCount: t.ComparedCount, Pages: []PageRef{}}
		for _, p := range t.Pages {
			n.Pages = append(n.Pages, PageRef(p))
		}
		for _, p := range t.Compared {
			n.Compared = append(n.Compared, PageRef(p))
		}
		out.Nodes = append(out.Nodes, n)
	}
	return out
}

// withSite is the summary s with the site results brought into its
// criteria: a site rule that failed or asked a person makes its criteria
// failed or cantTell (as a page rule does); one that passed or did not
// apply leaves a criterion no rule tested noProblemsFound (site rules
// decide no criterion), unless it had fewer than two pages to compare:
// then it tested nothing, and the criterion stays untested.
// failedPages adds the pages a failure is seen on.
func (s Summary) withSite(rules []RuleInfo, site []SiteResult) Summary {
	s.Criteria = slices.Clone(s.Criteria)
	for i := range s.Criteria {
		c := &s.Criteria[i]
		for _, ri := range rules {
			if ri.Site && slices.Contains(ri.WCAG, c.SC) && !slices.Contains(c.Rules, ri.ID) {
				c.Rules = append(c.Rules, ri.ID)
				slices.Sort(c.Rules)
			}
		}
		for _, res := range site {
			if !slices.Contains(res.WCAG, c.SC) {
				continue
			}
			switch res.Outcome {
			case string(checks.Failed):
				c.Outcome = res.Outcome
				for _, n := range res.Nodes {
					if n.Outcome == string(checks.Failed) {
						c.FailedPages += n.PageCount
					}
				}
				c.FailedPages = min(c.FailedPages, s.Audited)
			case string(checks.CantTell):
				if c.Outcome != string(checks.Failed) {
					c.Outcome = res.Outcome
				}
			default:
				if c.Outcome == Untested && res.Pages >= 2 {
					c.Outcome = NoProblemsFound
				}
			}
		}
	}
	return s
}

// siteCompared reports whether a site rule had pages to compare: a
// report of one page has site results, all inapplicable, that the views
// for people leave out.
func (r *Report) siteCompared() bool {
	return slices.ContainsFunc(r.SiteResults, func(res SiteResult) bool { return res.Pages >= 2 })
}

// FailedSite counts the failed site results whose rule impact is at
// least min (all, when min is empty), leaving out those whose failures
// are all in the baseline; it returns their rule ids.
func (r *Report) FailedSite(min checks.Impact) []string {
	var ids []string
	for _, res := range r.SiteResults {
		if res.Outcome == string(checks.Failed) && checks.Impact(res.Impact).Rank() >= min.Rank() && !res.allBaselined() {
			ids = append(ids, res.Rule)
		}
	}
	return ids
}

// allBaselined reports whether a failed site result's failures are all in
// the baseline.
func (res *SiteResult) allBaselined() bool {
	some := false
	for _, n := range res.Nodes {
		if n.Outcome != string(checks.Failed) {
			continue
		}
		if !n.Baselined {
			return false
		}
		some = true
	}
	return some
}

// siteOutcomeOrder sorts site results for the views that list the worst
// first: failed, cantTell, passed, inapplicable, then by rule id.
func siteOutcomeOrder(a, b SiteResult) int {
	return cmp.Or(cmp.Compare(outcomeRank(b.Outcome), outcomeRank(a.Outcome)), strings.Compare(a.Rule, b.Rule))
}

// siteView is a site result as the HTML report shows it.
type siteView struct {
	ID        string // anchor, "site-consistent-navigation"
	Rule      string
	Title     string
	TitleLang string
	Doc       ruleDoc
	DocLang   string
	HelpURL   string
	MainSC    string
	Outcome   string
	Impact    string
	WCAG      []scView
	Pages     int // pages compared
	Findings  []siteFindingView
}

// siteFindingView is a finding of a site rule, with its pages linked to
// their sections of the report.
type siteFindingView struct {
	Outcome   string
	Message   string
	MsgLang   string
	Baselined bool
	Pages     []sitePageView
	More      int // pages beyond those listed
	Compared  []sitePageView
	MoreComp  int
}

type sitePageView struct {
	Page     pageLink
	Selector string
}

// newSiteViews arranges the site results for the HTML report: failed
// first, then to review, then the others.
func newSiteViews(r *Report, anchors map[string]string, lang string) (views []siteView, failed, review int) {
	if !r.siteCompared() {
		return nil, 0, 0
	}
	results := slices.Clone(r.SiteResults)
	slices.SortStableFunc(results, siteOutcomeOrder)
	for _, res := range results {
		v := siteView{ID: "site-" + res.Rule, Rule: res.Rule, Outcome: res.Outcome, Impact: res.Impact, Pages: res.Pages}
		if info, ok := r.Rule(res.Rule); ok {
			v.HelpURL = info.HelpURL
			v.Doc = renderDoc(info.Summary)
		}
		if doc, _, known := ruleDocIn(res.Rule, lang); known {
			v.Doc = renderDoc(doc)
		}
		v.Title, v.TitleLang = ruleTitle(r, res.Rule, lang)
		v.DocLang = v.TitleLang
		if len(res.WCAG) > 0 {
			v.MainSC = res.WCAG[0]
		}
		for _, sc := range res.WCAG {
			v.WCAG = append(v.WCAG, newSCView(sc, lang, r.Std()))
		}
		refs := func(list []PageRef) []sitePageView {
			var out []sitePageView
			for _, p := range list {
				out = append(out, sitePageView{Page: pageLink{p.URL, anchors[p.URL]}, Selector: p.Selector})
			}
			return out
		}
		for _, n := range res.Nodes {
			f := siteFindingView{Outcome: n.Outcome, Baselined: n.Baselined, Pages: refs(n.Pages), More: max(0, n.PageCount-len(n.Pages)),
				Compared: refs(n.Compared), MoreComp: max(0, n.ComparedCount-len(n.Compared))}
			f.Message, f.MsgLang = nodeMessage(Node{Message: n.Message, Text: n.Text}, lang)
			v.Findings = append(v.Findings, f)
		}
		switch {
		case res.Outcome == string(checks.Failed) && !res.allBaselined():
			failed++
		case res.Outcome == string(checks.CantTell):
			review++
		}
		views = append(views, v)
	}
	return views, failed, review
}
