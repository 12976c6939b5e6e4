package checks

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
)

// SiteRule is a check over the pages of a site together (WCAG's "set of
// web pages"), not over one page: that navigation repeated on the pages
// keeps its order (3.2.3), that the same function is named the same
// (3.2.4), that there is more than one way to find a page (2.4.5). It
// reads the pages' Facts, which PageFacts takes from each page as it is
// checked, so it runs after the pages, on the results of a crawl or of
// saved results read again.
type SiteRule struct {
	ID      string   // kebab-case, unique among page and site rules
	Title   string   // what a passing site does, in one line
	Doc     string   // longer explanation (Markdown), from docs/<id>.md
	HelpURL string   // W3C Understanding page of the main success criterion
	WCAG    []string // success criteria the rule's failures break, main one first
	Impact  Impact
	Run     func(*SitePass) error
}

// rule is the site rule seen as a page rule, for the metadata they share
// (level, clauses, documentation) and for Validate.
func (r *SiteRule) rule() *Rule {
	return &Rule{ID: r.ID, Title: r.Title, Doc: r.Doc, HelpURL: r.HelpURL, WCAG: r.WCAG, Impact: r.Impact}
}

// EN301549 returns the EN 301 549 clauses of the rule's criteria.
func (r *SiteRule) EN301549() []string { return r.rule().EN301549() }

// Level returns the WCAG level of the rule, as Rule.Level.
func (r *SiteRule) Level() string { return r.rule().Level() }

// Summary returns the first paragraph of the rule's documentation.
func (r *SiteRule) Summary() string { return r.rule().Summary() }

// DocIn returns the rule's documentation in lang, as Rule.DocIn.
func (r *SiteRule) DocIn(lang string) (string, bool) { return r.rule().DocIn(lang) }

// ValidateSite checks the site rules as Validate checks page rules (ids,
// order, documentation, criteria), and that no site rule has the id of a
// page rule.
func ValidateSite(site []*SiteRule, pages []*Rule) error {
	var errs []error
	views := make([]*Rule, 0, len(site))
	for _, r := range site {
		v := r.rule()
		if r.Run != nil {
			v.Run = func(*Pass) error { return nil }
		}
		views = append(views, v)
		if slices.ContainsFunc(pages, func(p *Rule) bool { return p.ID == r.ID }) {
			errs = append(errs, fmt.Errorf("site rule %q: a page rule has the same id", r.ID))
		}
	}
	if err := Validate(views); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// LookupSite returns the site rules with the given ids; ids of page
// rules are left out, and an id of neither kind is an error.
func LookupSite(ids []string) ([]*SiteRule, error) {
	var out []*SiteRule
	for _, id := range ids {
		i := slices.IndexFunc(SiteRules(), func(r *SiteRule) bool { return r.ID == id })
		if i >= 0 {
			out = append(out, SiteRules()[i])
			continue
		}
		if _, err := Lookup([]string{id}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// KnownRule reports whether id names a page rule or a site rule.
func KnownRule(id string) bool {
	_, err := LookupSite([]string{id})
	return err == nil
}

// Site is the facts of the audited pages of a site, as the site rules
// read them: added a page at a time, in report order. A navigation block
// or search form that is the same on many pages is held once.
type Site struct {
	Pages   []SitePage
	NoFacts int // audited pages without facts (results saved by a saavu before site rules)

	blocks map[string]*NavBlock
	forms  map[SearchForm]*SearchForm
	groups []*blockGroup     // see blockGroups
	keys   map[string]string // see key
}

// SitePage is one audited page of a Site.
type SitePage struct {
	URL    string
	Lang   string
	Nav    []*NavBlock
	Search []*SearchForm
	Ways   []Way
	Help   []Help
}

// Add records the facts of the page url; nil facts count in NoFacts.
func (s *Site) Add(url string, f *Facts) {
	if f == nil {
		s.NoFacts++
		return
	}
	if s.blocks == nil {
		s.blocks, s.forms = map[string]*NavBlock{}, map[SearchForm]*SearchForm{}
	}
	p := SitePage{URL: url, Lang: f.Lang, Ways: slices.Clip(slices.Clone(f.Ways)), Help: slices.Clip(slices.Clone(f.Help))}
	for i := range f.Nav {
		k := blockIdentity(&f.Nav[i])
		b, ok := s.blocks[k]
		if !ok {
			b = new(NavBlock)
			*b = f.Nav[i]
			b.Links = slices.Clip(slices.Clone(b.Links))
			s.blocks[k] = b
		}
		p.Nav = append(p.Nav, b)
	}
	for _, sf := range f.Search {
		v, ok := s.forms[sf]
		if !ok {
			v = new(SearchForm)
			*v = sf
			s.forms[sf] = v
		}
		p.Search = append(p.Search, v)
	}
	s.Pages = append(s.Pages, p)
	s.groups = nil
}

// blockIdentity is a string that is the same for equal blocks.
func blockIdentity(b *NavBlock) string {
	var sb strings.Builder
	sb.WriteString(b.Key + "\x00" + b.Kind + "\x00" + b.Label + "\x00" + b.Selector)
	for _, l := range b.Links {
		sb.WriteString("\x00" + l.Href + "\x01" + l.Name)
		if l.Current {
			sb.WriteString("\x01c")
		}
	}
	return sb.String()
}

// SitePass is what one site rule sees: the pages' facts, and where it
// reports its findings.
type SitePass struct {
	Rule *SiteRule
	Site *Site

	targets []SiteTarget
	passed  int
}

// PageRef is a page a site finding names, and the element there (a
// navigation block, a search form); Selector is empty for the page as a
// whole.
type PageRef struct {
	URL      string
	Selector string
}

// SiteAt is where a site finding is: example pages where it is seen and,
// for a finding that compares pages, example pages it differs from.
type SiteAt struct {
	// Key says what the finding is about in words that stay the same
	// from one audit of the site to the next (a block and the addresses
	// of the links that swap places), for baselines to match.
	Key string

	Pages         []PageRef // at most MaxSitePages, the main example first
	PageCount     int       // all the pages where it is seen
	Compared      []PageRef // at most MaxSitePages
	ComparedCount int
}

// MaxSitePages is how many example pages a site finding names on each
// side.
const MaxSitePages = 5

// SiteTarget is one finding of a site rule.
type SiteTarget struct {
	SiteAt
	Outcome Outcome
	Message string // in English
	Text    *Text
}

// Passed counts one thing the rule tested and found right (a block
// compared across pages).
func (p *SitePass) Passed() { p.passed++ }

// Failed records a failure; format and args are as for Pass.Failed.
func (p *SitePass) Failed(at SiteAt, format string, args ...any) {
	t := msg(format, args...)
	p.add(at, Failed, t)
}

// CantTell records a finding a person must judge; format and args are as
// for Pass.Failed.
func (p *SitePass) CantTell(at SiteAt, format string, args ...any) {
	t := msg(format, args...)
	p.add(at, CantTell, t)
}

func (p *SitePass) add(at SiteAt, o Outcome, t Text) {
	if at.PageCount < len(at.Pages) {
		at.PageCount = len(at.Pages)
	}
	if at.ComparedCount < len(at.Compared) {
		at.ComparedCount = len(at.Compared)
	}
	p.targets = append(p.targets, SiteTarget{SiteAt: at, Outcome: o, Message: t.String(), Text: &t})
}

// SiteResult is the outcome of a site rule over the pages.
type SiteResult struct {
	Rule    *SiteRule
	Outcome Outcome
	Pages   int          // pages whose facts the rule read
	Passed  int          // things it tested and found right
	Targets []SiteTarget // findings that failed or need review, in the order found
}

// CheckSite runs the site rules over the site's pages. With fewer than
// two pages there is no set of pages to compare: every rule is
// inapplicable. A rule that panics or returns an error gives cantTell
// with the reason.
func CheckSite(s *Site, rules []*SiteRule) []SiteResult {
	out := make([]SiteResult, 0, len(rules))
	for _, r := range rules {
		res := SiteResult{Rule: r, Outcome: Inapplicable, Pages: len(s.Pages)}
		if len(s.Pages) >= 2 {
			res = runSiteRule(s, r)
		}
		out = append(out, res)
	}
	return out
}

func runSiteRule(s *Site, r *SiteRule) (res SiteResult) {
	pass := &SitePass{Rule: r, Site: s}
	res = SiteResult{Rule: r, Pages: len(s.Pages)}
	finish := func() {
		res.Targets, res.Passed = pass.targets, pass.passed
		res.Outcome = Inapplicable
		if pass.passed > 0 {
			res.Outcome = Passed
		}
		for _, t := range pass.targets {
			if t.Outcome.rank() > res.Outcome.rank() {
				res.Outcome = t.Outcome
			}
		}
	}
	defer func() {
		if v := recover(); v != nil {
			pass.targets, pass.passed = nil, 0
			pass.CantTell(SiteAt{}, "saavu could not run this rule (internal error: %v); please report it with the page: %s", v, firstLine(string(debug.Stack())))
			finish()
		}
	}()
	if err := r.Run(pass); err != nil {
		pass.CantTell(SiteAt{}, "saavu could not finish this rule: %s", err.Error())
	}
	finish()
	return res
}

// refs returns the pages (indexes in s.Pages) as PageRefs, at most
// MaxSitePages, with the selector each gives.
func (s *Site) refs(pages []int, selector func(int) string) []PageRef {
	var out []PageRef
	for _, i := range pages {
		if len(out) == MaxSitePages {
			break
		}
		out = append(out, PageRef{URL: s.Pages[i].URL, Selector: selector(i)})
	}
	return out
}

// at is a SiteAt of the pages (indexes in s.Pages) where a finding is
// seen and the pages it was compared with; each PageRef's selector is
// that of the block or form the finding is about on that page, found by
// the selector func given to atWith, or none.
func (s *Site) at(pages, compared []int) SiteAt {
	return s.atWith(pages, compared, func(int) string { return "" })
}

func (s *Site) atWith(pages, compared []int, selector func(int) string) SiteAt {
	pages, compared = sortedUnique(pages), sortedUnique(compared)
	return SiteAt{Pages: s.refs(pages, selector), PageCount: len(pages), Compared: s.refs(compared, selector), ComparedCount: len(compared)}
}

func sortedUnique(s []int) []int {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// siteKey joins the parts of a SiteAt.Key.
func siteKey(parts ...string) string {
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, "\x00", " / ")
	}
	return strings.Join(parts, " | ")
}
