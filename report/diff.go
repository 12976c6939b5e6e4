package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"saavu/checks"
)

// DiffVersion is the version of the JSON comparison format (docs/diff.md).
// Adding fields keeps it; removing one or changing the meaning of one
// bumps it.
const DiffVersion = "1"

// Diff compares two audits of a site: the failed elements fixed, new and
// still failing, per rule and page, the criteria whose outcome changed,
// the site rules' findings, the documents, and the pages that only one
// of the audits audited. It is the only input of the diff writers, and
// the JSON contract of `saavu diff` (docs/diff.md).
//
// Elements are paired with the element identity (Identity, Match;
// docs/identity.md), as a baseline pairs them: by rule and page (path
// and query: the host does not count), then selector and snippet,
// snippet alone (moved), selector alone (changed). Only pages (and
// documents) that both audits audited are compared, and only the rules
// that ran in both.
type Diff struct {
	DiffVersion string      `json:"diffVersion"`
	Tool        Tool        `json:"tool"` // the saavu that compared
	Standard    Standard    `json:"standard"`
	Old         DiffRun     `json:"old"`
	New         DiffRun     `json:"new"`
	Summary     DiffSummary `json:"summary"`
	// Criteria are the criteria of the standard whose outcome changed,
	// or that a fixed, new or still failing element cites, in WCAG order.
	Criteria []CriterionDiff `json:"criteria"`
	Pages    DiffPlaces      `json:"pages"`
	// Rules are the page rules with a fixed, new or still failing
	// element, by their first criterion, then id.
	Rules []RuleDiff `json:"rules"`
	// SiteResults are the site rules that ran in both audits, by id.
	SiteResults []SiteDiff `json:"siteResults,omitempty"`
	// Documents is set when either audit has documents.
	Documents *DocumentsDiff `json:"documents,omitempty"`
	// The rules that ran in only one of the audits (page, site and
	// document rules), by id: their results are not compared.
	RulesOnlyOld []string `json:"rulesOnlyOld,omitempty"`
	RulesOnlyNew []string `json:"rulesOnlyNew,omitempty"`
}

// DiffRun describes one of the compared audits.
type DiffRun struct {
	File        string `json:"file"`                  // as given
	GeneratedAt string `json:"generatedAt,omitempty"` // the audit's, RFC 3339
	Tool        Tool   `json:"tool"`                  // the saavu that audited
	Pages       int    `json:"pages"`                 // pages in the results
	Audited     int    `json:"audited"`               // … that were audited
	Failed      int    `json:"failed"`                // failed elements on audited pages
}

// DiffSummary counts what changed. Elements are failed elements of pages
// and documents; site findings count one each.
type DiffSummary struct {
	Fixed           int `json:"fixed"`
	New             int `json:"new"`
	Still           int `json:"still"`
	PagesCompared   int `json:"pagesCompared"` // audited in both
	PagesOnlyOld    int `json:"pagesOnlyOld"`
	PagesOnlyNew    int `json:"pagesOnlyNew"`
	CriteriaChanged int `json:"criteriaChanged"`
}

// CriterionDiff is a criterion in both audits.
type CriterionDiff struct {
	SC             string `json:"sc"`
	Level          string `json:"level"`
	Title          string `json:"title"`
	OldOutcome     string `json:"oldOutcome"` // as in the summary's criteria
	NewOutcome     string `json:"newOutcome"`
	Changed        bool   `json:"changed"`
	OldFailedPages int    `json:"oldFailedPages,omitempty"`
	NewFailedPages int    `json:"newFailedPages,omitempty"`
	Fixed          int    `json:"fixed"` // elements and site findings citing it
	New            int    `json:"new"`
	Still          int    `json:"still"`
}

// DiffPlaces lists the pages (or documents) compared, and those only
// one audit audited.
type DiffPlaces struct {
	Compared int         `json:"compared"`
	OnlyOld  []DiffPlace `json:"onlyOld"`
	OnlyNew  []DiffPlace `json:"onlyNew"`
}

// DiffPlace is a page (or document) audited in one audit only.
type DiffPlace struct {
	Page string `json:"page"` // PageKey
	URL  string `json:"url"`  // as the audit that audited it had it
	// Error is why the other audit, which had the page, did not audit
	// it; "" when it did not have it.
	Error string `json:"error,omitempty"`
}

// RuleDiff is a rule's fixed, new and still failing elements, by page.
type RuleDiff struct {
	Rule   string      `json:"rule"`
	Title  string      `json:"title"` // in English, from the new results
	WCAG   []string    `json:"wcag"`
	Impact string      `json:"impact"`
	Fixed  int         `json:"fixed"` // elements
	New    int         `json:"new"`
	Still  int         `json:"still"`
	Pages  []PlaceDiff `json:"pages"` // sorted by page; in documents.rules, the documents
}

// PlaceDiff is a rule's elements on one page (or document).
type PlaceDiff struct {
	Page   string        `json:"page"`             // PageKey
	URL    string        `json:"url"`              // as the new audit had it
	OldURL string        `json:"oldUrl,omitempty"` // as the old one had it, when it differs
	Fixed  []ElementDiff `json:"fixed"`            // in the old audit's order
	New    []ElementDiff `json:"new"`              // in the new audit's order
	Still  []ElementDiff `json:"still"`            // in the new audit's order
}

// Ways a still failing element was matched (the tiers of Match).
const (
	MatchSame    = "same"    // the same selector and snippet
	MatchMoved   = "moved"   // the same snippet, another selector
	MatchChanged = "changed" // the same selector, another snippet
)

// ElementDiff is a failed element: as the old audit saw it when fixed,
// as the new one saw it otherwise.
type ElementDiff struct {
	Selector string       `json:"selector"`
	Snippet  string       `json:"snippet"`
	Message  string       `json:"message"`        // in English
	Text     *checks.Text `json:"text,omitempty"` // the message as a template and arguments, as in the report
	// Still failing elements only: how the element was matched, and its
	// selector or snippet in the old audit when they differ.
	Match       string `json:"match,omitempty"`
	OldSelector string `json:"oldSelector,omitempty"`
	OldSnippet  string `json:"oldSnippet,omitempty"`
}

// SiteDiff is a site rule in both audits: its outcomes and its findings
// (failed only), matched by key as a baseline matches them.
type SiteDiff struct {
	Rule       string            `json:"rule"`
	Title      string            `json:"title"`
	WCAG       []string          `json:"wcag"`
	Impact     string            `json:"impact"`
	OldOutcome string            `json:"oldOutcome"`
	NewOutcome string            `json:"newOutcome"`
	Fixed      []SiteFindingDiff `json:"fixed"`
	New        []SiteFindingDiff `json:"new"`
	Still      []SiteFindingDiff `json:"still"`
}

// SiteFindingDiff is a failed finding of a site rule.
type SiteFindingDiff struct {
	Key     string `json:"key,omitempty"` // SiteNode.Key; findings without one are matched by message
	Message string `json:"message"`
	URL     string `json:"url,omitempty"` // its first example page
}

// DocumentsDiff compares the linked documents of the audits, as pages are.
type DocumentsDiff struct {
	DiffPlaces
	Rules []RuleDiff `json:"rules"` // the documents' checks, as Diff.Rules
}

// ErrMixedStandards is returned by Compare for audits against different
// standards.
var ErrMixedStandards = errors.New("the results were measured against different standards")

// Compare compares an earlier audit (old) with a later one (new). version
// is the comparing saavu's. Audits of different standards are refused
// (ErrMixedStandards), as Merge refuses them.
func Compare(old, new Part, version string) (*Diff, error) {
	so, sn := old.Report.Std(), new.Report.Std()
	if so != sn {
		return nil, fmt.Errorf("%w: %s against %s (WCAG %s) and %s against %s (WCAG %s): compare results of one standard only, or audit again with the same --standard",
			ErrMixedStandards, old.Name, so, so.WCAG, new.Name, sn, sn.WCAG)
	}
	a, err := readSide(old.Report)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", old.Name, err)
	}
	b, err := readSide(new.Report)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", new.Name, err)
	}
	d := &Diff{
		DiffVersion: DiffVersion,
		Tool:        Tool{Name: "saavu", Version: version},
		Standard:    new.Report.Standard,
		Old:         a.run(old),
		New:         b.run(new),
		Criteria:    []CriterionDiff{},
		Rules:       []RuleDiff{},
	}
	d.RulesOnlyOld, d.RulesOnlyNew = onlyIn(a.rules, b.rules), onlyIn(b.rules, a.rules)
	d.Pages, d.Rules = comparePlaces(a.pages, b.pages, a.rules, b.rules, new.Report)
	if len(old.Report.Documents) > 0 || len(new.Report.Documents) > 0 {
		dd := &DocumentsDiff{}
		dd.DiffPlaces, dd.Rules = comparePlaces(a.docs, b.docs, a.rules, b.rules, new.Report)
		d.Documents = dd
	}
	d.SiteResults = compareSite(old.Report, new.Report)
	d.Criteria = compareCriteria(old.Report, new.Report, d)
	d.Summary = d.summary()
	return d, nil
}

// diffSide is what a comparison reads of one audit: only the failed
// elements of its pages, not the pages, so that two large crawls
// compare without being held in memory.
type diffSide struct {
	rules   map[string]RuleInfo // page, site and document rules that ran, by id
	pages   map[string]*diffPlace
	docs    map[string]*diffPlace
	npages  int
	audited int
	failed  int
}

// diffPlace is a page (or the pages of one PageKey, or a document) of one
// audit.
type diffPlace struct {
	url     string // the first audited one's, or the first one's
	audited bool
	err     string // the first error when none was audited
	nodes   []diffNode
}

type diffNode struct {
	rule                       string
	selector, snippet, message string
	text                       *checks.Text
}

func readSide(r *Report) (*diffSide, error) {
	s := &diffSide{rules: map[string]RuleInfo{}, pages: map[string]*diffPlace{}, docs: map[string]*diffPlace{}}
	for _, ri := range r.Rules {
		s.rules[ri.ID] = ri
	}
	for _, ri := range r.DocumentRules {
		s.rules[ri.ID] = ri
	}
	add := func(into map[string]*diffPlace, url, errText string, audited bool, results []Result) {
		key := PageKey(url)
		p := into[key]
		if p == nil {
			p = &diffPlace{url: url, err: errText}
			into[key] = p
		}
		if !audited {
			return
		}
		if !p.audited {
			p.url, p.audited, p.err = url, true, ""
		}
		for _, res := range results {
			for _, n := range res.Nodes {
				if n.Outcome == string(checks.Failed) {
					p.nodes = append(p.nodes, diffNode{rule: res.Rule, selector: n.Selector, snippet: n.Snippet, message: n.Message, text: n.Text})
				}
			}
		}
	}
	err := r.EachPage(func(_ int, p *Page) error {
		s.npages++
		if p.Audited() {
			s.audited++
			for _, res := range p.Results {
				for _, n := range res.Nodes {
					if n.Outcome == string(checks.Failed) {
						s.failed++
					}
				}
			}
		}
		add(s.pages, p.URL, p.Error, p.Audited(), p.Results)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range r.Documents {
		doc := &r.Documents[i]
		errText := doc.Error
		if errText == "" && !doc.Audited() {
			errText = "not checked"
		}
		add(s.docs, doc.URL, errText, doc.Audited(), doc.Results)
	}
	return s, nil
}

func (s *diffSide) run(p Part) DiffRun {
	return DiffRun{File: p.Name, GeneratedAt: p.Report.GeneratedAt, Tool: p.Report.Tool, Pages: s.npages, Audited: s.audited, Failed: s.failed}
}

// onlyIn lists the ids of a that b lacks, sorted.
func onlyIn(a, b map[string]RuleInfo) []string {
	var out []string
	for id := range a {
		if _, ok := b[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// comparePlaces pairs the failed elements of the places (pages or
// documents) both audits audited, for the rules both ran, and lists the
// places only one audited.
func comparePlaces(old, new map[string]*diffPlace, oldRules, newRules map[string]RuleInfo, newRep *Report) (DiffPlaces, []RuleDiff) {
	places := DiffPlaces{OnlyOld: []DiffPlace{}, OnlyNew: []DiffPlace{}}
	both := func(rule string) bool {
		_, a := oldRules[rule]
		_, b := newRules[rule]
		return a && b
	}
	rules := map[string]*RuleDiff{}
	placeOf := func(rule, key string, o, n *diffPlace) *PlaceDiff {
		rd := rules[rule]
		if rd == nil {
			ri := newRules[rule]
			rd = &RuleDiff{Rule: rule, Title: ri.Title, WCAG: orEmpty(slices.Clone(ri.WCAG)), Impact: ri.Impact}
			rules[rule] = rd
		}
		if i := len(rd.Pages) - 1; i >= 0 && rd.Pages[i].Page == key {
			return &rd.Pages[i]
		}
		pd := PlaceDiff{Page: key, URL: n.url, Fixed: []ElementDiff{}, New: []ElementDiff{}, Still: []ElementDiff{}}
		if o.url != n.url {
			pd.OldURL = o.url
		}
		rd.Pages = append(rd.Pages, pd)
		return &rd.Pages[len(rd.Pages)-1]
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range old {
			if !yield(k) {
				return
			}
		}
		for k := range new {
			if _, ok := old[k]; !ok && !yield(k) {
				return
			}
		}
	})
	for _, key := range keys {
		o, n := old[key], new[key]
		switch {
		case o != nil && o.audited && (n == nil || !n.audited):
			dp := DiffPlace{Page: key, URL: o.url}
			if n != nil {
				dp.Error = n.err
			}
			places.OnlyOld = append(places.OnlyOld, dp)
			continue
		case n != nil && n.audited && (o == nil || !o.audited):
			dp := DiffPlace{Page: key, URL: n.url}
			if o != nil {
				dp.Error = o.err
			}
			places.OnlyNew = append(places.OnlyNew, dp)
			continue
		case o == nil || n == nil || !o.audited:
			continue // audited in neither
		}
		places.Compared++
		var on, nn []diffNode
		var oldIDs, newIDs []Identity
		for _, x := range o.nodes {
			if both(x.rule) {
				on = append(on, x)
				oldIDs = append(oldIDs, Identity{Rule: x.rule, Page: key, Element: NewFingerprint(x.selector, x.snippet)})
			}
		}
		for _, x := range n.nodes {
			if both(x.rule) {
				nn = append(nn, x)
				newIDs = append(newIDs, Identity{Rule: x.rule, Page: key, Element: NewFingerprint(x.selector, x.snippet)})
			}
		}
		// Sort by rule (stable: each audit's order within a rule), so
		// that a rule's elements on the page are added together.
		type item struct {
			rule  string
			kind  int // 0 fixed, 1 new, 2 still
			order int
			el    ElementDiff
		}
		var items []item
		used := make([]bool, len(on))
		for i, m := range Match(oldIDs, newIDs) {
			x := nn[i]
			el := ElementDiff{Selector: x.selector, Snippet: x.snippet, Message: x.message, Text: x.text}
			if m < 0 {
				items = append(items, item{x.rule, 1, i, el})
				continue
			}
			used[m] = true
			ofp, nfp := oldIDs[m].Element, newIDs[i].Element
			switch {
			case ofp.Key() == nfp.Key():
				el.Match = MatchSame
			case ofp.Snippet == nfp.Snippet:
				el.Match = MatchMoved
			default:
				el.Match = MatchChanged
			}
			if on[m].selector != x.selector {
				el.OldSelector = on[m].selector
			}
			if on[m].snippet != x.snippet {
				el.OldSnippet = on[m].snippet
			}
			items = append(items, item{x.rule, 2, i, el})
		}
		for j, x := range on {
			if !used[j] {
				items = append(items, item{x.rule, 0, j, ElementDiff{Selector: x.selector, Snippet: x.snippet, Message: x.message, Text: x.text}})
			}
		}
		slices.SortStableFunc(items, func(a, b item) int {
			return cmp.Or(strings.Compare(a.rule, b.rule), cmp.Compare(a.kind, b.kind), cmp.Compare(a.order, b.order))
		})
		for _, it := range items {
			pd := placeOf(it.rule, key, o, n)
			switch it.kind {
			case 0:
				pd.Fixed = append(pd.Fixed, it.el)
				rules[it.rule].Fixed++
			case 1:
				pd.New = append(pd.New, it.el)
				rules[it.rule].New++
			default:
				pd.Still = append(pd.Still, it.el)
				rules[it.rule].Still++
			}
		}
	}
	out := make([]RuleDiff, 0, len(rules))
	for _, rd := range rules {
		out = append(out, *rd)
	}
	slices.SortFunc(out, compareRuleDiffs)
	return places, out
}

// compareRuleDiffs orders rules by their first criterion (WCAG order),
// then id; rules citing none come last.
func compareRuleDiffs(a, b RuleDiff) int {
	return cmp.Or(compareFirstSC(a.WCAG, b.WCAG), strings.Compare(a.Rule, b.Rule))
}

func compareFirstSC(a, b []string) int {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 0
	case len(a) == 0:
		return 1
	case len(b) == 0:
		return -1
	}
	return checks.CompareSC(a[0], b[0])
}

// compareSite pairs the failed findings of the site rules both audits
// ran, by rule and key (by message for a finding without a key).
func compareSite(old, new *Report) []SiteDiff {
	var out []SiteDiff
	for _, nr := range new.SiteResults {
		i := slices.IndexFunc(old.SiteResults, func(o SiteResult) bool { return o.Rule == nr.Rule })
		if i < 0 {
			continue
		}
		or := old.SiteResults[i]
		sd := SiteDiff{Rule: nr.Rule, WCAG: orEmpty(slices.Clone(nr.WCAG)), Impact: nr.Impact, OldOutcome: or.Outcome, NewOutcome: nr.Outcome,
			Fixed: []SiteFindingDiff{}, New: []SiteFindingDiff{}, Still: []SiteFindingDiff{}}
		if ri, ok := new.Rule(nr.Rule); ok {
			sd.Title = ri.Title
		}
		oldKeys := map[string]int{}
		for _, n := range or.Nodes {
			if n.Outcome == string(checks.Failed) {
				oldKeys[siteKey(n)]++
			}
		}
		newKeys := map[string]int{}
		for _, n := range nr.Nodes {
			if n.Outcome != string(checks.Failed) {
				continue
			}
			k := siteKey(n)
			newKeys[k]++
			if oldKeys[k] >= newKeys[k] {
				sd.Still = append(sd.Still, siteFinding(n))
			} else {
				sd.New = append(sd.New, siteFinding(n))
			}
		}
		seen := map[string]int{}
		for _, n := range or.Nodes {
			if n.Outcome != string(checks.Failed) {
				continue
			}
			k := siteKey(n)
			seen[k]++
			if seen[k] > newKeys[k] {
				sd.Fixed = append(sd.Fixed, siteFinding(n))
			}
		}
		out = append(out, sd)
	}
	return out
}

func siteKey(n SiteNode) string {
	if n.Key != "" {
		return "k\x00" + n.Key
	}
	return "m\x00" + n.Message
}

func siteFinding(n SiteNode) SiteFindingDiff {
	f := SiteFindingDiff{Key: n.Key, Message: n.Message}
	if len(n.Pages) > 0 {
		f.URL = n.Pages[0].URL
	}
	return f
}

// compareCriteria lists the criteria whose outcome changed or that a
// compared element cites.
func compareCriteria(old, new *Report, d *Diff) []CriterionDiff {
	type counts struct{ fixed, new, still int }
	by := map[string]*counts{}
	add := func(wcag []string, f, n, s int) {
		for _, sc := range wcag {
			c := by[sc]
			if c == nil {
				c = &counts{}
				by[sc] = c
			}
			c.fixed, c.new, c.still = c.fixed+f, c.new+n, c.still+s
		}
	}
	rules := d.Rules
	if d.Documents != nil {
		rules = append(slices.Clone(rules), d.Documents.Rules...)
	}
	for _, rd := range rules {
		add(rd.WCAG, rd.Fixed, rd.New, rd.Still)
	}
	for _, sd := range d.SiteResults {
		add(sd.WCAG, len(sd.Fixed), len(sd.New), len(sd.Still))
	}
	out := []CriterionDiff{}
	for _, nc := range new.Summary.Criteria {
		cd := CriterionDiff{SC: nc.SC, Level: nc.Level, Title: nc.Title, NewOutcome: nc.Outcome, NewFailedPages: nc.FailedPages}
		if i := slices.IndexFunc(old.Summary.Criteria, func(c Criterion) bool { return c.SC == nc.SC }); i >= 0 {
			cd.OldOutcome, cd.OldFailedPages = old.Summary.Criteria[i].Outcome, old.Summary.Criteria[i].FailedPages
		}
		cd.Changed = cd.OldOutcome != cd.NewOutcome
		if c := by[nc.SC]; c != nil {
			cd.Fixed, cd.New, cd.Still = c.fixed, c.new, c.still
		}
		if cd.Changed || cd.Fixed+cd.New+cd.Still > 0 {
			out = append(out, cd)
		}
	}
	slices.SortFunc(out, func(a, b CriterionDiff) int { return checks.CompareSC(a.SC, b.SC) })
	return out
}

func (d *Diff) summary() DiffSummary {
	s := DiffSummary{PagesCompared: d.Pages.Compared, PagesOnlyOld: len(d.Pages.OnlyOld), PagesOnlyNew: len(d.Pages.OnlyNew)}
	rules := d.Rules
	if d.Documents != nil {
		rules = append(slices.Clone(rules), d.Documents.Rules...)
	}
	for _, rd := range rules {
		s.Fixed, s.New, s.Still = s.Fixed+rd.Fixed, s.New+rd.New, s.Still+rd.Still
	}
	for _, sd := range d.SiteResults {
		s.Fixed, s.New, s.Still = s.Fixed+len(sd.Fixed), s.New+len(sd.New), s.Still+len(sd.Still)
	}
	for _, c := range d.Criteria {
		if c.Changed {
			s.CriteriaChanged++
		}
	}
	return s
}

// NewFailing counts the new failures at or above min (any, when min is
// empty), as CountFailing counts a report's failures against a baseline:
// a rule with a new failed element on a page (or document) is one
// failure, a site rule with a new finding is one.
func (d *Diff) NewFailing(min checks.Impact) Failing {
	var f Failing
	count := func(rules []RuleDiff, places *int) {
		seen := map[string]bool{}
		for _, rd := range rules {
			if rd.New == 0 || checks.Impact(rd.Impact).Rank() < min.Rank() {
				continue
			}
			for _, p := range rd.Pages {
				if len(p.New) == 0 {
					continue
				}
				f.Results++
				f.Elements += len(p.New)
				if !seen[p.Page] {
					seen[p.Page] = true
					*places++
				}
			}
		}
	}
	count(d.Rules, &f.Pages)
	if d.Documents != nil {
		count(d.Documents.Rules, &f.Documents)
	}
	for _, sd := range d.SiteResults {
		if len(sd.New) > 0 && checks.Impact(sd.Impact).Rank() >= min.Rank() {
			f.Site = append(f.Site, sd.Rule)
		}
	}
	return f
}
