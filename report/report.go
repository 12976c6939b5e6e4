// Package report holds the results of an audit (the Report, which is also
// the JSON contract) and the writers that format it.
package report

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"saavu/checks"
)

// SchemaVersion is the version of the JSON report format (docs/json-report.md).
// Adding fields keeps it; removing one or changing the meaning of one
// bumps it, once, with a migration note in the docs. Version 2 changed
// what a criterion's passed and inapplicable mean (see Criterion).
const SchemaVersion = "2"

// readableSchemas are the versions ReadJSON and ReadPart accept: the
// current one, and 1, whose pages and results are read the same way (its
// summary is computed again, see Rebuild).
var readableSchemas = []string{"1", SchemaVersion}

// Report is the result of one audit: the only input of every writer.
type Report struct {
	SchemaVersion string     `json:"schemaVersion"`
	Tool          Tool       `json:"tool"`
	Standard      Standard   `json:"standard"`
	GeneratedAt   string     `json:"generatedAt,omitempty"` // RFC 3339, UTC
	Browser       string     `json:"browser,omitempty"`     // e.g. "Chrome/156.0.8078.79"
	Rules         []RuleInfo `json:"rules"`                 // the rules that ran, sorted by id
	Pages         []Page     `json:"pages"`                 // sorted by URL
	// The results of the site rules, which check the pages together,
	// sorted by rule id; see site.go.
	SiteResults []SiteResult `json:"siteResults,omitempty"`
	Summary     Summary      `json:"summary"`

	// Filled by `saavu crawl` only (see crawl.go), documents by check too.
	Documents []Document `json:"documents,omitempty"` // linked documents, sorted by URL
	// The checks that ran on documents (documents.go), sorted by id.
	DocumentRules []RuleInfo `json:"documentRules,omitempty"`

	BrokenLinks []BrokenLink  `json:"brokenLinks,omitempty"` // linked pages that answered 4xx/5xx, sorted by URL
	Skipped     []SkippedPage `json:"skipped,omitempty"`     // pages found but not audited, sorted by URL
	Sample      *Sample       `json:"sample,omitempty"`      // how the pages were chosen (crawl --sample); see sample.go

	// Rules turned off with a reason (--disable), sorted by id; see disabled.go.
	DisabledRules []DisabledRule `json:"disabledRules,omitempty"`
	// RuleSelection is what the run was asked to run (--rules,
	// --skip-rules); see disabled.go. nil in results of an older saavu.
	RuleSelection *RuleSelection `json:"ruleSelection,omitempty"`
	// Set when failures were compared with a baseline (--baseline); see baseline.go.
	Baseline *BaselineSummary `json:"baseline,omitempty"`
	// The failures per criterion over earlier audits and this one
	// (saavu report --trend); see trend.go.
	Trend *Trend `json:"trend,omitempty"`
	// What a later crawl --since these results compares before it reuses
	// any of them (the settings that change verdicts); see since.go.
	AuditSettings *AuditSettings `json:"auditSettings,omitempty"`

	// A report made by NewStreamed reads its pages from src on every
	// EachPage, through hooks (a baseline's marks), and leaves Pages nil.
	src   PageSource
	hooks []func(int, *Page)
	err   error // the first error reading src
	// The pages' facts, gathered while the summary of a streamed report
	// is computed, for CheckSite; nil once it used them.
	site *checks.Site
}

// Tool names the program that wrote the report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Standard is the yardstick the audit measured against.
type Standard struct {
	Name    string `json:"name"`    // "EN 301 549"
	Version string `json:"version"` // "V3.2.1"
	WCAG    string `json:"wcag"`    // "2.1"
	Level   string `json:"level"`   // "AA"
}

// DefaultStandard is EN 301 549 V3.2.1, which requires WCAG 2.1 A and AA.
var DefaultStandard = StandardOf(checks.DefaultStandard)

// StandardOf is how a report names the standard s.
func StandardOf(s *checks.Standard) Standard {
	return Standard{Name: s.Name, Version: s.Version, WCAG: s.WCAG, Level: s.Level}
}

// Std returns the standard the report measured against: the one it names,
// or the default for a report that names none. Reading a report that
// names a standard this saavu does not know fails (see ReadJSON).
func (r *Report) Std() *checks.Standard {
	if s, ok := checks.StandardOf(r.Standard.Name, r.Standard.Version); ok {
		return s
	}
	return checks.DefaultStandard
}

// knownStandard checks the standard a report read from JSON names: none
// (a report written by hand) means the default one.
func (r *Report) knownStandard() error {
	if r.Standard == (Standard{}) {
		r.Standard = DefaultStandard
		return nil
	}
	if _, ok := checks.StandardOf(r.Standard.Name, r.Standard.Version); !ok {
		return fmt.Errorf("the results were measured against %s %s (WCAG %s), which this saavu does not know (it knows %s): use the saavu that wrote them",
			r.Standard.Name, r.Standard.Version, r.Standard.WCAG, strings.Join(checks.StandardIDs(), ", "))
	}
	return nil
}

// RuleInfo is the metadata of a rule that ran.
type RuleInfo struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	HelpURL  string   `json:"helpUrl"`
	WCAG     []string `json:"wcag"`
	EN301549 []string `json:"en301549"`
	ACT      []string `json:"act,omitempty"`
	Level    string   `json:"level"`
	Impact   string   `json:"impact"`
	Extra    bool     `json:"extra,omitempty"` // not required by the report's standard (WCAG AAA, best practice, or a WCAG 2.2 addition under V3.2.1)
	// PDFUA names the PDF/UA-1 requirement and Matterhorn checkpoints a
	// check of documents matches (documentRules only).
	PDFUA string `json:"pdfua,omitempty"`
	Site  bool   `json:"site,omitempty"` // a site rule: its result is in siteResults, not in the pages' results
}

// Page is the result of one page.
type Page struct {
	URL         string   `json:"url"`
	FinalURL    string   `json:"finalUrl"`
	Status      int      `json:"status"`
	ContentType string   `json:"contentType,omitempty"`
	Title       string   `json:"title"`
	Error       string   `json:"error"`               // why the page could not be audited; empty when it was
	ErrorKind   string   `json:"errorKind,omitempty"` // network, http, not-html, timeout, hung, crash, browser
	Notes       []string `json:"notes,omitempty"`     // things the reader should know about the capture
	Results     []Result `json:"results"`             // one per rule, sorted by rule id; empty when Error is set
	// Facts are what the site rules read of the page (its navigation,
	// search forms…), kept so that they can run again on saved results;
	// nil when the page was not audited.
	Facts *checks.Facts `json:"facts,omitempty"`
	// RenderHash stands for what the rules read of the page (see
	// checks.Page.RenderHash): a crawl --since these results reuses them
	// when it finds the page with the same hash. Set by crawl only.
	RenderHash string `json:"renderHash,omitempty"`
	// Reused is set when the results are those of an earlier audit of
	// the unchanged page (crawl --since); see since.go.
	Reused *Reused `json:"reused,omitempty"`
}

// Audited reports whether the page was checked.
func (p *Page) Audited() bool { return p.Error == "" }

// Result is the outcome of one rule on one page.
type Result struct {
	Rule     string   `json:"rule"`
	Outcome  string   `json:"outcome"` // passed, failed, cantTell, inapplicable
	WCAG     []string `json:"wcag"`
	EN301549 []string `json:"en301549"`
	ACT      []string `json:"act,omitempty"`
	Impact   string   `json:"impact"`
	Passed   int      `json:"passed,omitempty"` // number of elements that passed
	Nodes    []Node   `json:"nodes,omitempty"`  // the elements that failed or need review
}

// Node is an element a rule failed or could not decide.
type Node struct {
	Outcome    string       `json:"outcome"` // failed or cantTell
	Selector   string       `json:"selector"`
	Snippet    string       `json:"snippet"`
	Message    string       `json:"message"`              // in English
	Text       *checks.Text `json:"text,omitempty"`       // the message as a template and arguments, to render in another language
	Box        *checks.Rect `json:"box,omitempty"`        // position on the page, CSS px
	Screenshot string       `json:"screenshot,omitempty"` // data: URL of a PNG crop with the element outlined
	// ScreenshotCovered is set when content of the page that is neither
	// fixed nor sticky (saavu hides those for the shot) still covered the
	// element when it was photographed: the screenshot may not show it.
	ScreenshotCovered bool `json:"screenshotCovered,omitempty"`
	Baselined         bool `json:"baselined,omitempty"` // a failure accepted in the baseline (--baseline)
}

// Summary counts the results and gives a verdict per success criterion.
type Summary struct {
	Pages        int         `json:"pages"`
	Audited      int         `json:"audited"`
	NotAudited   int         `json:"notAudited"`
	Failed       int         `json:"failed"`   // page × rule results that failed
	CantTell     int         `json:"cantTell"` // … that need review
	Passed       int         `json:"passed"`
	Inapplicable int         `json:"inapplicable"`
	Criteria     []Criterion `json:"criteria"` // the WCAG A/AA criteria the standard requires: 50 for V3.2.1, 55 for V4.1.1
	// The documents' counts, apart from the pages' (documents.go).
	Documents *DocumentSummary `json:"documents,omitempty"`
}

// Criterion is the audit's verdict on one success criterion.
type Criterion struct {
	SC       string `json:"sc"`
	Level    string `json:"level"`
	Title    string `json:"title"`
	EN301549 string `json:"en301549"` // the standard's clause
	// ClauseUnverified is set when the clause number follows the pattern
	// of the standard's earlier version but was not checked against its
	// published text (EN 301 549 V4.1.1 for now).
	ClauseUnverified bool `json:"clauseUnverified,omitempty"`
	// Outcome is failed or cantTell when a rule citing the criterion
	// failed or asked a person; for a Decided criterion, passed or
	// inapplicable when its rules ran on every audited page and found it
	// met, or nothing it applies to; NoProblemsFound when rules citing
	// it ran and found nothing wrong (check by hand); Untested when no
	// rule that ran covers it (check by hand).
	Outcome     string   `json:"outcome"`
	Decided     bool     `json:"decided"`               // saavu's rules test all the criterion requires (checks.Criterion.Decided)
	Rules       []string `json:"rules,omitempty"`       // rules that test it
	FailedPages int      `json:"failedPages,omitempty"` // pages where a rule citing it failed
	// FailedDocuments counts the documents where a check citing the
	// criterion (through its EN 301 549 clause 10) failed (documents.go).
	FailedDocuments int    `json:"failedDocuments,omitempty"`
	Note            string `json:"note,omitempty"` // something to know about its outcome, in English
}

// Criterion outcomes beyond the ACT ones.
const (
	// Untested: no rule that ran covers the criterion.
	Untested = "untested"
	// NoProblemsFound: rules that cover the criterion ran and found
	// neither a failure nor anything to review, but they do not test all
	// it requires (it is not Decided): a person must check it.
	NoProblemsFound = "noProblemsFound"
)

// Meta is what a report says about the run itself.
type Meta struct {
	Version     string
	GeneratedAt string
	Browser     string
	Standard    *checks.Standard // what the pages are measured against; nil for the default
}

// std is the meta's standard, or the default one.
func (m Meta) std() *checks.Standard {
	if m.Standard == nil {
		return checks.DefaultStandard
	}
	return m.Standard
}

// New assembles a report from page results (in any order): it sorts
// pages by URL, lists the rules and computes the summary. It is the one
// place where ordering happens, so that writers only format.
func New(meta Meta, rules []*checks.Rule, pages []Page) *Report {
	infos := make([]RuleInfo, 0, len(rules))
	for _, rule := range rules {
		infos = append(infos, ruleInfo(rule, meta.std()))
	}
	return Rebuild(meta, infos, pages)
}

// Rebuild is New for rules known by their metadata only, as in reports
// read back from JSON (see Merge).
func Rebuild(meta Meta, rules []RuleInfo, pages []Page) *Report {
	r := &Report{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "saavu", Version: meta.Version},
		Standard:      StandardOf(meta.std()),
		GeneratedAt:   meta.GeneratedAt,
		Browser:       meta.Browser,
		Pages:         slices.Clone(pages),
		Rules:         orEmpty(slices.Clone(rules)),
	}
	for i := range r.Rules {
		r.Rules[i].WCAG, r.Rules[i].EN301549 = orEmpty(r.Rules[i].WCAG), orEmpty(r.Rules[i].EN301549)
	}
	slices.SortFunc(r.Rules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(r.Pages, func(a, b Page) int { return ComparePages(a.URL, b.URL) })
	for i := range r.Pages {
		tidy(&r.Pages[i], meta.std())
	}
	r.Summary = summarize(meta.std(), r.Rules, r.Pages)
	return r
}

// ComparePages orders pages in a report: by URL without its fragment and
// with a lower-case host, then by the URL as written.
func ComparePages(a, b string) int {
	return cmp.Or(strings.Compare(sortKey(a), sortKey(b)), strings.Compare(a, b))
}

// tidy gives a page the shape every writer expects: results sorted by
// rule id, an empty list rather than none (also for the criteria of a
// rule that cites none), and the clauses of the standard std.
func tidy(p *Page, std *checks.Standard) {
	p.Results = orEmpty(p.Results)
	for i := range p.Results {
		res := &p.Results[i]
		res.WCAG, res.EN301549 = orEmpty(res.WCAG), orEmpty(std.Clauses(res.WCAG))
	}
	if !slices.IsSortedFunc(p.Results, compareResults) {
		slices.SortFunc(p.Results, compareResults)
	}
}

// orEmpty returns s, or an empty list for none: JSON lists are [], never
// null (docs/json-report.md).
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func compareResults(a, b Result) int { return strings.Compare(a.Rule, b.Rule) }

// PageSource holds a report's pages outside memory, as a crawl's state
// folder does. Each calls fn with every page, in report order (see
// ComparePages), a page at a time, a fresh Page each time (fn may keep
// parts of it); it can be called any number of times, one at a time.
type PageSource interface {
	Len() int
	Each(fn func(*Page) error) error
}

// NewStreamed is New for pages that stay in src: the report holds the
// summary and the metadata, and every writer reads the pages from src as
// it writes: writing holds a few pages at a time, plus a little per page
// (its URL, the summary rows, the grouping's elements; see Groups).
func NewStreamed(meta Meta, rules []*checks.Rule, src PageSource) (*Report, error) {
	infos := make([]RuleInfo, 0, len(rules))
	for _, rule := range rules {
		infos = append(infos, ruleInfo(rule, meta.std()))
	}
	return rebuildStreamed(meta, infos, src)
}

func rebuildStreamed(meta Meta, rules []RuleInfo, src PageSource) (*Report, error) {
	r := Rebuild(meta, rules, nil)
	r.src = src
	sum := summer{std: meta.std()}
	r.site = new(checks.Site)
	if err := r.EachPage(func(_ int, p *Page) error {
		sum.add(p)
		if p.Audited() {
			r.site.Add(p.URL, p.Facts)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	r.Summary = sum.summary(r.Rules)
	return r, nil
}

// EachPage calls fn with each page, in report order, and its index in
// that order. fn must not change the page (writers only read), and should
// keep no more of it than it needs: in a streamed report (NewStreamed)
// the page is read anew on each call, and keeping pages would hold them
// all in memory again. The error is fn's, or that of reading the pages.
func (r *Report) EachPage(fn func(i int, p *Page) error) error {
	if r.src == nil {
		for i := range r.Pages {
			if err := fn(i, &r.Pages[i]); err != nil {
				return err
			}
		}
		return nil
	}
	i := 0
	var fnErr error
	std := r.Std()
	err := r.src.Each(func(p *Page) error {
		tidy(p, std)
		for _, h := range r.hooks {
			h(i, p)
		}
		fnErr = fn(i, p)
		i++
		return fnErr
	})
	if err != nil && fnErr == nil && r.err == nil {
		r.err = fmt.Errorf("read the audited pages: %w", err)
		err = r.err
	}
	return err
}

// PageCount is the number of pages.
func (r *Report) PageCount() int {
	if r.src != nil {
		return r.src.Len()
	}
	return len(r.Pages)
}

// Err is the first error met reading a streamed report's pages, for the
// methods that have no error to return (Failures).
func (r *Report) Err() error { return r.err }

// mapPages changes every page with fn: at once for pages in memory, as
// each is read for a streamed report.
func (r *Report) mapPages(fn func(i int, p *Page)) {
	if r.src != nil {
		r.hooks = append(r.hooks, fn)
		return
	}
	for i := range r.Pages {
		fn(i, &r.Pages[i])
	}
}

// sortKey normalises a URL for ordering: no fragment, lower-case host.
func sortKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

func ruleInfo(r *checks.Rule, std *checks.Standard) RuleInfo {
	return RuleInfo{
		ID: r.ID, Title: r.Title, Summary: r.Summary(), HelpURL: r.HelpURL,
		WCAG: orEmpty(r.WCAG), EN301549: orEmpty(std.Clauses(r.WCAG)), ACT: r.ACT, Level: r.Level(), Impact: string(r.Impact),
		Extra: !std.Required(r),
	}
}

// summer adds up a report's pages into its Summary, a page at a time.
type summer struct {
	std  *checks.Standard // whose criteria the summary gives verdicts on
	s    Summary
	bySC map[string]*scAgg
	// decided holds, for each decided criterion, the rules that decide it
	// (the required rules citing it) and the pages that all of them
	// tested.
	decided map[string]*decidedAgg
}

type scAgg struct {
	outcome string
	failed  int    // pages where a rule citing the criterion failed
	last    string // the last such page
}

type decidedAgg struct {
	rules  []string
	tested int // audited pages on which every one of rules has a result, and that the criterion gets a verdict on
}

// newDecided lists the decided criteria of the standard with the rules
// that decide them: every rule of this saavu that the standard requires
// and that cites the criterion.
func newDecided(std *checks.Standard) map[string]*decidedAgg {
	m := map[string]*decidedAgg{}
	for _, c := range std.Criteria() {
		if !c.Decided {
			continue
		}
		a := &decidedAgg{}
		for _, r := range std.Rules() {
			if slices.Contains(r.WCAG, c.SC) {
				a.rules = append(a.rules, r.ID)
			}
		}
		m[c.SC] = a
	}
	return m
}

func (m *summer) add(p *Page) {
	m.s.Pages++
	if !p.Audited() {
		m.s.NotAudited++
		return
	}
	m.s.Audited++
	if m.bySC == nil {
		m.bySC = map[string]*scAgg{}
		m.decided = newDecided(m.std)
	}
	for sc, d := range m.decided {
		if m.decides(p, sc, d) {
			d.tested++
		}
	}
	for _, res := range p.Results {
		switch checks.Outcome(res.Outcome) {
		case checks.Failed:
			m.s.Failed++
		case checks.CantTell:
			m.s.CantTell++
		case checks.Passed:
			m.s.Passed++
		default:
			m.s.Inapplicable++
		}
		for _, sc := range res.WCAG {
			a := m.bySC[sc]
			if a == nil {
				a = &scAgg{outcome: string(checks.Inapplicable)}
				m.bySC[strings.Clone(sc)] = a
			}
			if outcomeRank(res.Outcome) > outcomeRank(a.outcome) {
				a.outcome = rankedOutcomes[outcomeRank(res.Outcome)]
			}
			// Pages come one at a time: a page counts once however many
			// of its results cite the criterion.
			if res.Outcome == string(checks.Failed) && (a.failed == 0 || a.last != p.URL) {
				a.failed++
				a.last = strings.Clone(p.URL)
			}
		}
	}
}

// decides reports whether the rules d.rules that decide the criterion sc
// all ran on the page p, and give a verdict there: for a criterion that
// applies to every page, a page they were all inapplicable to has none.
func (m *summer) decides(p *Page, sc string, d *decidedAgg) bool {
	applied := false
	for _, id := range d.rules {
		i := slices.IndexFunc(p.Results, func(r Result) bool { return r.Rule == id })
		if i < 0 {
			return false
		}
		applied = applied || p.Results[i].Outcome != string(checks.Inapplicable)
	}
	c, _ := checks.LookupSC(sc)
	return applied || !c.EveryPage
}

// summarize is the summary of pages (in memory) against the standard std.
func summarize(std *checks.Standard, rules []RuleInfo, pages []Page) Summary {
	m := summer{std: std}
	for i := range pages {
		m.add(&pages[i])
	}
	return m.summary(rules)
}

func (m *summer) summary(rules []RuleInfo) Summary {
	s := m.s
	for _, c := range m.std.Criteria() {
		clause, verified := m.std.Clause(c.SC)
		cs := Criterion{SC: c.SC, Level: c.Level, Title: c.Title, EN301549: clause, ClauseUnverified: !verified, Outcome: Untested, Decided: c.Decided, Note: c.Note}
		for _, ri := range rules {
			if slices.Contains(ri.WCAG, c.SC) {
				cs.Rules = append(cs.Rules, ri.ID)
			}
		}
		// No result citing the criterion: no rule that covers it ran on
		// an audited page.
		if a := m.bySC[c.SC]; a != nil {
			cs.Outcome, cs.FailedPages = a.outcome, a.failed
			switch checks.Outcome(a.outcome) {
			case checks.Failed, checks.CantTell:
			default:
				// Passed or inapplicable: a verdict only when the rules
				// decide the criterion and tested every audited page.
				if d := m.decided[c.SC]; d == nil || d.tested < s.Audited {
					cs.Outcome = NoProblemsFound
				}
			}
		}
		s.Criteria = append(s.Criteria, cs)
	}
	return s
}

// rankedOutcomes names the outcomes by outcomeRank.
var rankedOutcomes = [...]string{string(checks.Inapplicable), string(checks.Passed), string(checks.CantTell), string(checks.Failed)}

func outcomeRank(o string) int {
	switch checks.Outcome(o) {
	case checks.Failed:
		return 3
	case checks.CantTell:
		return 2
	case checks.Passed:
		return 1
	}
	return 0
}

// Failures counts the failed results whose rule impact is at least min
// (all failures when min is empty), a failed site rule counting once. A
// result whose failed elements are all in the baseline does not count:
// only new failures do.
func (r *Report) Failures(min checks.Impact) int {
	n := len(r.FailedSite(min))
	_ = r.EachPage(func(_ int, p *Page) error {
		for _, res := range p.Results {
			if res.Outcome == string(checks.Failed) && checks.Impact(res.Impact).Rank() >= min.Rank() && !res.allBaselined() {
				n++
			}
		}
		return nil
	})
	return n
}

// Rule returns the metadata of the rule id.
func (r *Report) Rule(id string) (RuleInfo, bool) {
	i := slices.IndexFunc(r.Rules, func(ri RuleInfo) bool { return ri.ID == id })
	if i < 0 {
		return r.documentRule(id) // a check of documents (documents.go)
	}
	return r.Rules[i], true
}
