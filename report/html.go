package report

import (
	"bufio"
	"bytes"
	"cmp"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"saavu/checks"
)

//go:embed templates/report.html.tmpl templates/report.css.tmpl templates/report.js.tmpl templates/diff.html.tmpl templates/sites.html.tmpl
var templatesFS embed.FS

// htmlTmpl is parsed once; the translation functions are bound per Write
// with Clone, so concurrent writes in different languages do not race.
var htmlTmpl = template.Must(template.New("report.html.tmpl").
	Funcs(translator{lang: "en", msgs: messages["en"]}.funcs()).
	Funcs(diffFuncs(translator{lang: "en", msgs: messages["en"]})).
	ParseFS(templatesFS, "templates/*.tmpl"))

// HTMLWriter writes the report as one self-contained HTML page for people:
// an overview with the few fixes that remove the most failures, the
// verdict on each WCAG 2.1 A/AA success criterion, the findings grouped
// across pages (see Groups) with the rule's explanation, the element's
// HTML and a screenshot, the pages that were not audited, the documents
// and broken links of a crawl, and the findings of each page. A small
// inline script filters and sorts the findings; without it everything is
// shown.
//
// Lang is the language of the report's own text: "en" (the default), "fi"
// or "sv". Rule titles and explanations are in that language when
// translated (checks.Rule.DocIn), otherwise in English, marked as such;
// the messages about elements are in English. Location is the time zone
// the report's time is shown in, with its offset from UTC; nil for
// time.Local.
type HTMLWriter struct {
	Lang     string
	Location *time.Location
}

// Write renders the report.
func (h HTMLWriter) Write(w io.Writer, r *Report) error {
	lang := h.Lang
	if lang == "" {
		lang = "en"
	}
	msgs, ok := messages[lang]
	if !ok {
		return fmt.Errorf("html report: unknown language %q (choose one of %s)", h.Lang, strings.Join(Languages, ", "))
	}
	tr := translator{lang: lang, msgs: msgs}
	tmpl, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(tr.funcs())
	loc := h.Location
	if loc == nil {
		loc = time.Local
	}
	v := newHTMLView(r, tr, loc)
	if err := r.Err(); err != nil {
		return err
	}
	// The page is written as it renders: a crawl's report can be large.
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := tmpl.Execute(bw, v); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return bw.Flush()
}

// htmlView is what the template renders: the report arranged for reading.
type htmlView struct {
	Lang        string
	Report      *Report
	Target      string // the sites audited
	Time        string // generation time, formatted for the language
	TimeISO     string
	Audited     []pageView
	NotAudited  []pageView
	Reasons     []reasonCount // why pages were not audited, most common first
	Skipped     []skippedView
	Documents   []docView
	DocIssues   []docIssueView // checks failing on documents (html_documents.go)
	DocsChecked bool           // the documents were downloaded and checked
	Broken      []brokenView
	Criteria    []criterionView
	Legend      []outcomeCount // criteria per outcome, with the outcome words explained
	Outcomes    []outcomeCount // failed/cantTell/passed result counts
	Groups      []*groupView
	NFailedG    int // groups that failed, not counting the accepted ones
	NReviewG    int // groups that need review
	NAcceptedG  int // groups whose every element is accepted in the baseline
	Disabled    []disabledView
	Quick       *quickView // --profile quick: what it left untested
	Sample      *sampleView
	Fixes       []fixView
	FixTotal    int // page × rule failures
	FixRemoved  int // … that the fixes remove
	FixPercent  int
	FilterSC    []scView // the criteria the groups cite, in WCAG order
	Impacts     []string // the impacts of the groups, worst first

	// About the standard's criteria: that the standard is not yet the
	// one the law cites (V4.1.1), that some of its clause numbers are
	// unverified, that some titles are saavu's own translations.
	StdPending bool
	Unverified bool
	OwnTitles  bool
	// The results of the site rules, failed first; how many failed (not
	// all accepted in the baseline) and need review.
	Site        []siteView
	NSiteFailed int
	NSiteReview int
	// The failures over earlier audits (saavu report --trend); nil when none.
	Trend *trendView
}

type outcomeCount struct {
	Outcome string
	N       int
}

type reasonCount struct {
	Kind     string // an error kind, translated by the template; or
	Text     string // a crawl's reason for skipping a page
	TextLang string // "en" when the reason is not one the report can translate
	Skipped  bool
	N        int
}

type pageView struct {
	ID        string // anchor
	URL       string
	Link      bool // URL is http(s), so it can be linked
	FinalURL  string
	FinalLink bool
	Title     string
	Status    int
	Type      string
	Error     string
	ErrorKind string
	Answer    answerView // Error, translated when it is an HTTP error
	Notes     []string
	Reused    string // when the reused results were made (crawl --since); "" when they are this run's
	// The tests (rules) that failed on the page, and those that need
	// review, each with its findings there: the headings count tests,
	// and list as many. NFailed and NReview are their lengths.
	Failed  []ruleRef
	Review  []ruleRef
	NFailed int
	NReview int
	NPassed int
	NInapp  int
}

// ruleRef is a test that failed or needs review on a page, with its
// findings on the page, in group order.
type ruleRef struct {
	Rule      string
	Outcome   string // the test's result on the page: failed or cantTell
	Title     string
	TitleLang string
	Findings  []groupRef
}

// groupRef is a group as listed under a page: how many of its elements
// are on the page.
type groupRef struct {
	*groupView
	Here int // elements on the page
	// HereBaselined counts those of them accepted in the baseline.
	HereBaselined int
	Where         string // the selector of the first of them
}

// groupView is a group of elements with the same fault, as shown.
type groupView struct {
	ID        string // anchor, "g1"
	N         int
	Rule      string
	Title     string
	TitleLang string // "en" when the explanation is not translated
	Doc       ruleDoc
	DocLang   string
	HelpURL   string
	MainSC    string // the criterion HelpURL explains
	Extra     bool   // the rule is not required by the report's standard (AAA, good practice, a WCAG 2.2 criterion under V3.2.1)
	Extra22   bool   // … for it cites a criterion that only a later version of EN 301 549 requires
	Outcome   string
	Impact    string
	WCAG      []scView
	SCs       string // the criteria, for the filter: " 1.1.1 4.1.2 "
	SCOrder   string // the first criterion, sortable: "01.01.01"
	ACT       []string
	Node      nodeView
	Example   pageLink // the page Node is from
	Pages     []pageLink
	Elements  int
	Varies    bool
	Baselined int  // elements accepted in the baseline
	Accepted  bool // … all of them
}

type pageLink struct {
	URL    string
	Anchor string // the page's section in the report
}

// quickView says what a quick run (--profile quick) left untested: the
// criteria, and the rules that pass nothing without the probes.
type quickView struct {
	Untested, Rules string
}

// disabledView is a rule turned off on purpose (--disable).
type disabledView struct {
	ID        string
	Title     string // the rule's title, or its id when this build does not know it
	TitleLang string
	Reason    string
}

// sampleView is how the pages were chosen (Report.Sample).
type sampleView struct {
	*Sample
	Pages   []samplePageView
	Missing []sampleMissView
}

type samplePageView struct {
	N          int
	URL        string
	Anchor     string // the page's section in the report, when it was audited
	Clause     string
	Reason     string
	ReasonLang string // "en" when the reason is not one the report can translate
	Template   int
}

type sampleMissView struct {
	Clause   string
	What     string
	WhatLang string
}

type fixView struct {
	*groupView
	Removes int
}

type skippedView struct {
	URL        string
	Link       bool
	Reason     string
	ReasonLang string // "en" when the reason is not one the report can translate
	LinkedFrom []string
}

type docView struct {
	URL        string
	Link       bool
	Type       string
	Size       string
	Status     int
	Answer     answerView
	LinkedFrom []string
	// The document's audit (html_documents.go).
	Kind           string // PDF, DOCX…
	Checked        bool   // audited, or not with a reason of its own
	Failed, Review int    // checks that failed, that need review
	Reason         string // why it was not checked
	Exempt         bool   // possibly exempt (published before 23 September 2018)
}

type brokenView struct {
	URL        string
	Link       bool
	Status     int
	Answer     answerView
	LinkedFrom []string
}

// answerView is what a server answered, or why it did not, for reading:
// an HTTP error in the report's language, anything else as it was said.
type answerView struct {
	Status   string // "HTTP 404 – not found", translated; empty unless the answer is an HTTP error
	Said     string // the server's own words for it, when they are not the standard ones
	Error    string // an error the report cannot translate, in English
	ErrorLng string // "en" for Error in a report in another language
}

type scView struct {
	SC, Title, TitleLang, Level, EN301549 string

	Own        bool // the title is saavu's own translation (checks.Criterion.OwnTitle)
	Unverified bool // the clause number is not checked against the standard (Criterion.ClauseUnverified)
}

type nodeView struct {
	Outcome  string
	Selector string
	Snippet  string
	Message  string
	MsgLang  string       // "en" when the message is not in the report's language
	Shot     template.URL // a checked data:image/png URL, or empty
	ShotW    int
	ShotH    int
	Covered  bool // something else covered the element when it was photographed
	// Baselined is set when the example is a failure accepted in the baseline.
	Baselined bool
}

type criterionView struct {
	scView
	Outcome     string
	FailedPages int
	Rules       []string
	Note        string // something to know about the outcome, in the language (checks.Criterion.NoteIn)
	NoteLang    string // "en" when the note is not translated
}

// maxFixes is how many fixes the overview suggests.
const maxFixes = 5

func newHTMLView(r *Report, tr translator, loc *time.Location) htmlView {
	gr := group(r)
	groups, occs := gr.groups, gr.occs
	anchors := map[string]string{} // page URL → its section
	for i, u := range gr.urls {
		if _, ok := anchors[u]; !ok {
			anchors[u] = fmt.Sprintf("page-%d", i+1)
		}
	}
	v := htmlView{Lang: tr.lang, Report: r, Target: target(gr.urls, tr)}
	v.Time, v.TimeISO = formatTime(r.GeneratedAt, tr.lang, loc)
	v.Trend = newTrendView(r.Trend, tr.lang, loc)

	for i, g := range groups {
		v.Groups = append(v.Groups, newGroupView(r, g, i+1, anchors, tr.lang))
		switch {
		case g.Accepted():
			v.NAcceptedG++
		case g.Outcome == string(checks.Failed):
			v.NFailedG++
		default:
			v.NReviewG++
		}
	}
	v.FilterSC, v.Impacts = filterOptions(groups, tr.lang, r.Std())
	fixes, total := topFixes(gr, maxFixes)
	v.FixTotal = total
	for _, f := range fixes {
		v.Fixes = append(v.Fixes, fixView{v.Groups[f.Group], f.Removes})
		v.FixRemoved += f.Removes
	}
	if total > 0 {
		v.FixPercent = v.FixRemoved * 100 / total
	}

	// The groups on each page, in group order.
	here := map[int]map[int]*groupRef{} // page → group → its elements there
	for _, o := range occs {
		if here[o.page] == nil {
			here[o.page] = map[int]*groupRef{}
		}
		ref := here[o.page][o.group]
		if ref == nil {
			ref = &groupRef{groupView: v.Groups[o.group], Where: o.where}
			here[o.page][o.group] = ref
		}
		ref.Here++
		if o.baselined {
			ref.HereBaselined++
		}
	}
	kinds := map[string]int{}
	_ = r.EachPage(func(i int, p *Page) error {
		pv := newPageView(p, fmt.Sprintf("page-%d", i+1))
		if !p.Audited() {
			pv.Answer = httpAnswer(p.Status, p.Error, tr)
			v.NotAudited = append(v.NotAudited, pv)
			kinds[cmp.Or(p.ErrorKind, "other")]++
			return nil
		}
		pv.Failed, pv.Review = pageRules(r, p, here[i], tr.lang)
		v.Audited = append(v.Audited, pv)
		return nil
	})
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		v.Reasons = append(v.Reasons, reasonCount{Kind: k, N: kinds[k]})
	}
	skipped := map[string]int{}
	for _, s := range r.Skipped {
		skipped[s.Reason]++
		reason, lang := skipReason(s.Reason, tr)
		v.Skipped = append(v.Skipped, skippedView{URL: s.URL, Link: isWebURL(s.URL), Reason: reason, ReasonLang: lang, LinkedFrom: s.LinkedFrom})
	}
	for _, reason := range slices.Sorted(maps.Keys(skipped)) {
		text, lang := skipReason(reason, tr)
		v.Reasons = append(v.Reasons, reasonCount{Text: text, TextLang: lang, Skipped: true, N: skipped[reason]})
	}
	slices.SortStableFunc(v.Reasons, func(a, b reasonCount) int { return b.N - a.N })
	v.Documents, v.DocIssues = documentViews(r, tr)
	v.DocsChecked = len(r.DocumentRules) > 0
	for _, b := range r.BrokenLinks {
		v.Broken = append(v.Broken, brokenView{URL: b.URL, Link: isWebURL(b.URL), Status: b.Status, Answer: httpAnswer(b.Status, b.Error, tr), LinkedFrom: b.LinkedFrom})
	}

	counts := map[string]int{}
	for _, c := range r.Summary.Criteria {
		cv := criterionView{scView: newSCView(c.SC, tr.lang, r.Std()), Outcome: c.Outcome, FailedPages: c.FailedPages, Rules: c.Rules, Note: c.Note}
		if cv.Title == "" { // a criterion this build does not know: keep the report's words
			cv.Title, cv.Level = c.Title, c.Level
		}
		cv.EN301549, cv.Unverified = c.EN301549, c.ClauseUnverified
		v.Unverified = v.Unverified || cv.Unverified
		v.OwnTitles = v.OwnTitles || cv.Own
		if known, ok := checks.LookupSC(c.SC); ok && known.Note != "" {
			cv.Note = known.NoteIn(tr.lang)
		}
		if cv.Note != "" && tr.lang != "en" && cv.Note == c.Note {
			cv.NoteLang = "en"
		}
		v.Criteria = append(v.Criteria, cv)
		counts[c.Outcome]++
	}
	// The legend explains the words the table uses, with how many
	// criteria have each; a verdict (passed, inapplicable) only when a
	// criterion has it. An outcome this saavu does not know is counted
	// too, so that the counts add up to the rows.
	for _, o := range criterionOutcomes {
		if counts[o] > 0 || o == string(checks.Failed) {
			v.Legend = append(v.Legend, outcomeCount{o, counts[o]})
		}
		delete(counts, o)
	}
	for _, o := range slices.Sorted(maps.Keys(counts)) {
		v.Legend = append(v.Legend, outcomeCount{o, counts[o]})
	}
	v.StdPending = r.Std().Status != ""
	v.Site, v.NSiteFailed, v.NSiteReview = newSiteViews(r, anchors, tr.lang)
	v.Disabled = disabledViews(r.DisabledRules, tr.lang)
	if r.Quick() {
		v.Quick = &quickView{Untested: strings.Join(r.QuickUntested(), ", "), Rules: strings.Join(r.ProbeRules(), ", ")}
	}
	v.Sample = newSampleView(r.Sample, anchors, tr)
	s := r.Summary
	v.Outcomes = []outcomeCount{{"failed", s.Failed}, {"cantTell", s.CantTell}, {"passed", s.Passed}}
	return v
}

// criterionOutcomes orders the criterion outcomes: the verdicts, then
// the two that leave the criterion to a person.
var criterionOutcomes = []string{"failed", "cantTell", "passed", "inapplicable", NoProblemsFound, Untested}

// pageRules lists the tests that failed on the page p and those that
// need review, one entry per result, each with its findings on the page
// (here: the groups of its elements, by group index): the tests with the
// worst findings first, then those without elements, by id. A test that
// failed lists its elements to review with its failed ones.
func pageRules(r *Report, p *Page, here map[int]*groupRef, lang string) (failed, review []ruleRef) {
	byRule := map[string][]groupRef{}
	for _, g := range slices.Sorted(maps.Keys(here)) {
		ref := *here[g]
		byRule[ref.Rule] = append(byRule[ref.Rule], ref)
	}
	for _, res := range p.Results {
		var to *[]ruleRef
		switch checks.Outcome(res.Outcome) {
		case checks.Failed:
			to = &failed
		case checks.CantTell:
			to = &review
		default:
			continue
		}
		rr := ruleRef{Rule: res.Rule, Outcome: res.Outcome, Findings: byRule[res.Rule]}
		if len(rr.Findings) > 0 {
			rr.Title, rr.TitleLang = rr.Findings[0].Title, rr.Findings[0].TitleLang
		} else {
			rr.Title, rr.TitleLang = ruleTitle(r, res.Rule, lang)
		}
		*to = append(*to, rr)
	}
	order := func(a, b ruleRef) int {
		switch {
		case len(a.Findings) > 0 && len(b.Findings) > 0:
			return a.Findings[0].N - b.Findings[0].N
		case len(a.Findings) > 0:
			return -1
		case len(b.Findings) > 0:
			return 1
		}
		return strings.Compare(a.Rule, b.Rule)
	}
	slices.SortFunc(failed, order)
	slices.SortFunc(review, order)
	return failed, review
}

// ruleTitle is the title of the rule id in the language, with "en" when
// it is not translated: the report's title for a rule this saavu does
// not know, or its id.
func ruleTitle(r *Report, id, lang string) (title, titleLang string) {
	title = id
	if info, ok := r.Rule(id); ok {
		title = info.Title
	}
	translated := lang == "en"
	if doc, ok, known := ruleDocIn(id, lang); known {
		if t := renderDoc(doc).Title; ok && lang != "en" && t != "" { // in English, the report's own title
			title = t
		}
		translated = ok
	}
	if !translated {
		return title, "en"
	}
	return title, ""
}

// ruleDocIn is the documentation of the page or site rule id in lang,
// as Rule.DocIn gives it; known is false for a rule this saavu does not
// know.
func ruleDocIn(id, lang string) (doc string, ok, known bool) {
	if rules, err := checks.Lookup([]string{id}); err == nil {
		doc, ok = rules[0].DocIn(lang)
		return doc, ok, true
	}
	if site, _ := checks.LookupSite([]string{id}); len(site) > 0 {
		doc, ok = site[0].DocIn(lang)
		return doc, ok, true
	}
	return "", false, false
}

func newPageView(p *Page, id string) pageView {
	pv := pageView{
		ID: id, URL: p.URL, Link: isWebURL(p.URL), Title: strings.TrimSpace(p.Title), Status: p.Status, Type: p.ContentType,
		Error: p.Error, ErrorKind: p.ErrorKind, Notes: p.Notes,
	}
	if p.Reused != nil {
		pv.Reused = p.Reused.From
		if t, err := time.Parse(time.RFC3339, p.Reused.From); err == nil {
			pv.Reused = t.UTC().Format("2006-01-02 15:04 UTC")
		}
	}
	if p.FinalURL != "" && p.FinalURL != p.URL {
		pv.FinalURL, pv.FinalLink = p.FinalURL, isWebURL(p.FinalURL)
	}
	for _, res := range p.Results {
		switch checks.Outcome(res.Outcome) {
		case checks.Failed:
			pv.NFailed++
		case checks.CantTell:
			pv.NReview++
		case checks.Passed:
			pv.NPassed++
		default:
			pv.NInapp++
		}
	}
	return pv
}

func newGroupView(r *Report, g Group, n int, anchors map[string]string, lang string) *groupView {
	gv := &groupView{
		ID: g.ID, N: n, Rule: g.Rule, Title: g.Rule, Outcome: g.Outcome, Impact: g.Impact,
		Elements: g.Elements, Varies: g.Varies, Example: pageLink{g.Page, anchors[g.Page]},
		SCs: " " + strings.Join(g.WCAG, " ") + " ", SCOrder: "99",
		Baselined: g.Baselined, Accepted: g.Accepted(),
	}
	if info, known := r.Rule(g.Rule); known {
		gv.HelpURL, gv.ACT, gv.Extra = info.HelpURL, info.ACT, info.Extra
		gv.Doc = renderDoc(info.Summary)
	}
	for _, sc := range g.WCAG {
		if !r.Std().Requires(sc) && checks.EN301549V411.Requires(sc) {
			gv.Extra22 = gv.Extra // a criterion that WCAG 2.2 added, under V3.2.1
		}
	}
	if rules, err := checks.Lookup([]string{g.Rule}); err == nil {
		doc, _ := rules[0].DocIn(lang)
		gv.Doc = renderDoc(doc)
	}
	// The explanation is translated when the title is.
	gv.Title, gv.TitleLang = ruleTitle(r, g.Rule, lang)
	gv.DocLang = gv.TitleLang
	if len(g.WCAG) > 0 {
		gv.MainSC = g.WCAG[0]
		gv.SCOrder = scOrder(g.WCAG[0])
	}
	for _, sc := range g.WCAG {
		gv.WCAG = append(gv.WCAG, newSCView(sc, lang, r.Std()))
	}
	nv := nodeView{Outcome: g.Node.Outcome, Selector: g.Node.Selector, Snippet: g.Node.Snippet, Baselined: g.Node.Baselined}
	nv.Message, nv.MsgLang = nodeMessage(g.Node, lang)
	nv.Shot, nv.ShotW, nv.ShotH = screenshotURL(g.Node.Screenshot)
	nv.Covered = nv.Shot != "" && g.Node.ScreenshotCovered
	gv.Node = nv
	for _, u := range g.Pages {
		gv.Pages = append(gv.Pages, pageLink{u, anchors[u]})
	}
	return gv
}

// disabledViews names the rules turned off on purpose, in the language
// when their title is translated.
func disabledViews(rules []DisabledRule, lang string) []disabledView {
	var out []disabledView
	for _, d := range rules {
		dv := disabledView{ID: d.ID, Title: d.ID, Reason: d.Reason}
		if en, _, known := ruleDocIn(d.ID, "en"); known {
			if t := renderDoc(en).Title; t != "" {
				dv.Title = t
			}
			doc, ok, _ := ruleDocIn(d.ID, lang)
			switch {
			case lang == "en":
			case !ok:
				dv.TitleLang = "en"
			default:
				if t := renderDoc(doc).Title; t != "" {
					dv.Title = t
				}
			}
		}
		out = append(out, dv)
	}
	return out
}

// newSampleView arranges the sample for reading; nil without one.
func newSampleView(s *Sample, anchors map[string]string, tr translator) *sampleView {
	if s == nil {
		return nil
	}
	sv := &sampleView{Sample: s}
	for i, p := range s.Pages {
		reason, lang := sampleReason(p.Reason, tr)
		sv.Pages = append(sv.Pages, samplePageView{N: i + 1, URL: p.URL, Anchor: anchors[p.URL], Clause: p.Clause,
			Reason: reason, ReasonLang: lang, Template: p.Template})
	}
	for _, m := range s.Missing {
		clause, what, ok := strings.Cut(m, ": ")
		if !ok {
			clause, what = "", m
		}
		text, lang := sampleReason(what, tr)
		sv.Missing = append(sv.Missing, sampleMissView{Clause: clause, What: text, WhatLang: lang})
	}
	return sv
}

// sampleReason translates why a page was chosen (crawl/sample.go: a kind
// of page such as "contact page", "page template 3", "site section
// /asuminen" or "random page"); a reason it does not know stays in
// English, and its language is returned as "en".
func sampleReason(reason string, tr translator) (text, lang string) {
	if s, ok := tr.msgs["sample.reason."+reason]; ok {
		return s, ""
	}
	for _, pat := range []string{"page template ", "site section "} {
		if rest, ok := strings.CutPrefix(reason, pat); ok {
			if s, ok := tr.msgs["sample.reason."+strings.TrimSpace(pat)]; ok {
				return fmt.Sprintf(s, rest), ""
			}
		}
	}
	if tr.lang == "en" {
		return reason, ""
	}
	return reason, "en"
}

// skipReasons are the crawl's reasons for not auditing a page it queued
// (the crawl.Reason formats), as patterns, and the key of their
// translation. TestSkipReason checks that each of the formats matches.
var skipReasons = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^disallowed by robots\.txt$`), "skip.robots"},
	{regexp.MustCompile(`^robots\.txt could not be fetched \((.+)\): under RFC 9309 that means everything is disallowed; use --ignore-robots on a site you are responsible for$`), "skip.robotsUnreachable"},
	{regexp.MustCompile(`^redirect(?:ed|s) out of scope to (\S+?)(?:: not audited)?$`), "skip.outOfScope"},
	{regexp.MustCompile(`^redirects out of scope \(HTTP (\d+)\)$`), "skip.outOfScopeStatus"},
	{regexp.MustCompile(`^redirects to (\S+), audited as (\S+)$`), "skip.sameAs"},
	{regexp.MustCompile(`^not audited yet: the crawl was interrupted \(--resume continues it\)$`), "skip.interrupted"},
}

// skipReason translates why a crawl skipped a page; a reason it does not
// know stays in English, and its language is returned as "en".
func skipReason(reason string, tr translator) (text, lang string) {
	for _, r := range skipReasons {
		m := r.re.FindStringSubmatch(reason)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, a := range m[1:] {
			args[i] = a
		}
		return fmt.Sprintf(tr.msgs[r.key], args...), ""
	}
	if tr.lang == "en" {
		return reason, ""
	}
	return reason, "en"
}

// httpError matches the errors of pages and links that answered with an
// HTTP error (crawl's "the server answered HTTP 404 Not Found", and
// "404 Not Found"): the status and the server's words for it.
var httpError = regexp.MustCompile(`^(?:the server answered )?(?:HTTP )?([1-5]\d\d)(?: (.*))?$`)

// httpAnswer puts what a server answered (status, and err, the error
// saved for it) in the report's language: an HTTP error status by its
// number and what it means ("HTTP 404 – sivua ei löydy"), with the
// server's own words when they are not the standard ones; an error it
// cannot translate (a network error) stays as it is, in English.
func httpAnswer(status int, err string, tr translator) answerView {
	var a answerView
	err = strings.TrimSpace(err)
	if m := httpError.FindStringSubmatch(err); m != nil {
		code, _ := strconv.Atoi(m[1])
		if status == 0 || status == code {
			status, err = code, ""
			if said := strings.TrimSpace(m[2]); said != "" && !strings.EqualFold(said, http.StatusText(code)) {
				a.Said = said
			}
		}
	}
	if status >= 400 {
		what, ok := tr.msgs[fmt.Sprintf("http.text.%d", status)]
		if !ok {
			what = tr.msgs[fmt.Sprintf("http.text.%dxx", status/100)]
		}
		a.Status = fmt.Sprintf(tr.msgs["http.status"], status) + " – " + what
	}
	if err != "" {
		a.Error = err
		if tr.lang != "en" {
			a.ErrorLng = "en"
		}
	}
	return a
}

// scOrder makes a success criterion sortable as text: "1.4.3" → "01.04.03".
func scOrder(sc string) string {
	parts := strings.Split(sc, ".")
	for i, p := range parts {
		if len(p) < 2 {
			parts[i] = strings.Repeat("0", 2-len(p)) + p
		}
	}
	return strings.Join(parts, ".")
}

// filterOptions returns the criteria the groups cite, in WCAG order, and
// their impacts, worst first.
func filterOptions(groups []Group, lang string, std *checks.Standard) ([]scView, []string) {
	var scs []string
	impacts := map[string]bool{}
	for _, g := range groups {
		for _, sc := range g.WCAG {
			if !slices.Contains(scs, sc) {
				scs = append(scs, sc)
			}
		}
		impacts[g.Impact] = true
	}
	slices.SortFunc(scs, checks.CompareSC)
	var out []scView
	for _, sc := range scs {
		out = append(out, newSCView(sc, lang, std))
	}
	var imp []string
	for _, i := range checks.Impacts {
		if impacts[string(i)] {
			imp = append(imp, string(i))
		}
	}
	return out, imp
}

// formatSize formats a size in bytes for people: "1.2 MB", "1,2 Mt".
func formatSize(n int64, lang string) string {
	if n < 0 {
		return ""
	}
	units := map[string][]string{"en": {"B", "kB", "MB", "GB"}, "fi": {"t", "kt", "Mt", "Gt"}, "sv": {"B", "kB", "MB", "GB"}}[lang]
	if units == nil {
		units = []string{"B", "kB", "MB", "GB"}
	}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	s := fmt.Sprintf("%.0f", f)
	if u > 0 && f < 10 {
		s = fmt.Sprintf("%.1f", f)
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "\u00a0" + units[u]
}

// newSCView describes the criterion sc in lang, with its clause in the
// standard std.
func newSCView(sc, lang string, std *checks.Standard) scView {
	v := scView{SC: sc}
	if c, ok := checks.LookupSC(sc); ok {
		v.Title, v.Level, v.Own = c.TitleIn(lang), c.Level, c.OwnTitle(lang)
		if lang != "en" && v.Title == c.Title {
			v.TitleLang = "en" // no translation: the English title
		}
		var verified bool
		v.EN301549, verified = std.Clause(sc)
		v.Unverified = v.EN301549 != "" && !verified
	}
	return v
}

// pngPrefix is the only kind of screenshot the report shows.
const pngPrefix = "data:image/png;base64,"

// screenshotURL returns the screenshot as a URL the template may put in
// src, with its size, or "" when it is not a well-formed base64 PNG. The
// check matters: the URL comes from the JSON, and html/template would
// otherwise (rightly) refuse every data: URL.
func screenshotURL(s string) (template.URL, int, int) {
	if !strings.HasPrefix(s, pngPrefix) {
		return "", 0, 0
	}
	data, err := base64.StdEncoding.Strict().DecodeString(s[len(pngPrefix):])
	if err != nil {
		return "", 0, 0
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0
	}
	return template.URL(pngPrefix + base64.StdEncoding.EncodeToString(data)), cfg.Width, cfg.Height
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// target names what was audited: the sites of the pages.
func target(urls []string, tr translator) string {
	var hosts []string
	local := false
	for _, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			local = true
			continue
		}
		if h := strings.ToLower(u.Host); !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	slices.Sort(hosts)
	if local {
		hosts = append(hosts, tr.msgs["target.local"])
	}
	const most = 3
	if len(hosts) > most {
		more, _ := tr.tn("target.more", len(hosts)-most)
		return strings.Join(hosts[:most], ", ") + " " + more
	}
	return strings.Join(hosts, ", ")
}

// formatTime formats an RFC 3339 time for the language, in the time zone
// loc with its offset from UTC: "23.11.2026 klo 10.30 (UTC+2)". iso is
// the time in UTC, for the <time> element.
func formatTime(s, lang string, loc *time.Location) (text, iso string) {
	if s == "" {
		return "", ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s, ""
	}
	iso = t.UTC().Format(time.RFC3339)
	t = t.In(loc)
	sep := "."
	switch lang {
	case "fi":
		text = fmt.Sprintf("%d.%d.%d klo %d.%02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
	case "sv":
		text = fmt.Sprintf("%d.%d.%d kl. %d.%02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
	default:
		text, sep = t.Format("2 January 2006, 15:04"), ":"
	}
	return text + " (" + utcOffset(t, sep) + ")", iso
}

// utcOffset names the time zone of t by its offset from UTC: "UTC",
// "UTC+2", "UTC−5" or "UTC+5:30" (with sep between hours and minutes).
func utcOffset(t time.Time, sep string) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "\u2212", -off
	}
	s := fmt.Sprintf("UTC%s%d", sign, off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf("%s%02d", sep, m)
	}
	return s
}

// nodeMessage renders a finding's message in the report's language. A
// message saved without its template (results of an older saavu), or with
// a part that has no translation, stays in English and is marked so.
func nodeMessage(n Node, lang string) (msg, msgLang string) {
	if lang == "en" {
		return n.Message, ""
	}
	if n.Text != nil {
		if s, ok := n.Text.In(lang); ok {
			return s, ""
		}
	}
	return n.Message, "en"
}
