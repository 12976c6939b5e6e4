// Package review holds the manual-review worksheet: for each success
// criterion of an audit, what the automated rules found and what a person
// must check by hand, and the person's verdicts. The worksheet is a YAML
// file a person edits; it survives newer results (Update) with every
// verdict, note and comment kept. See docs/statement.md.
package review

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"saavu/checks"
	"saavu/report"
)

// Version is the version of the worksheet format.
const Version = "1"

// Verdicts a person gives a criterion: the verdict that counts for the
// accessibility statement.
const (
	Pass          = "pass"
	Fail          = "fail"
	NotApplicable = "notApplicable"
)

// Verdicts lists the verdicts.
var Verdicts = []string{Pass, Fail, NotApplicable}

// Confirmations of an item (a cantTell element): the element passes or
// fails the rule's requirement.
var Confirmations = []string{Pass, Fail}

// Categories of an issue, as the EU model statement sorts non-accessible
// content.
const (
	NonCompliance          = "nonCompliance"
	DisproportionateBurden = "disproportionateBurden" // WAD art. 5, with an assessment
	OutOfScope             = "outOfScope"             // WAD art. 1(4), with an exemption
)

// Categories lists the categories.
var Categories = []string{NonCompliance, DisproportionateBurden, OutOfScope}

// Exemptions are the content the Web Accessibility Directive art. 1(4)
// leaves out of its scope (Finland: 306/2019 § 3).
var Exemptions = []string{
	"officeFilesBefore2018",      // office files published before 23 Sep 2018, unless needed for active administrative processes
	"prerecordedMediaBefore2020", // prerecorded time-based media published before 23 Sep 2020
	"liveMedia",                  // live time-based media
	"maps",                       // online maps and mapping services, if essential information is given accessibly
	"thirdPartyContent",          // content the body neither funds, develops nor controls
	"heritageReproductions",      // reproductions of items in heritage collections that cannot be made accessible
	"extranetBefore2019",         // extranets and intranets published before 23 Sep 2019, until substantially revised
	"archivedContent",            // archived content not needed for active processes and not updated after 23 Sep 2019
}

// Worksheet is the manual review of an audit.
type Worksheet struct {
	Version       string
	Law           string // LawFI or LawEU
	Lang          string // language of saavu's texts in the file
	Standard      string // "EN 301 549 V3.2.1"
	WCAG          string // "2.1" or "2.2"
	Results       Results
	NotRun        []string // default rules that did not run: the audit was partial
	StatementLink *StatementLink
	Pages         []Page
	Criteria      []*Criterion
	Documents     *Documents // nil when the results list no documents
}

// Results says which automated results the worksheet was made from.
type Results struct {
	GeneratedAt string
	Audited     int
	NotAudited  int
}

// StatementLink is what the statement-link rule found.
type StatementLink struct {
	Checked bool
	Without []string // refs of the pages without a link to the statement
}

// Page is an audited page, named by its Ref everywhere in the worksheet.
type Page struct {
	Ref, URL, Title string
}

// Criterion is one success criterion of the worksheet.
type Criterion struct {
	// Written by saavu.
	SC         string
	Title      string
	Level      string
	Clause     string // EN 301 549 clause
	Automated  Automated
	CheckOn    CheckOn
	HowToCheck string
	Recheck    string // set by Update when the evidence of a verdict changed

	// Written by a person.
	Verdict string
	Notes   Text
	Issues  []Issue
	Items   []Item

	Line int // where the criterion starts in the file; 0 when not read from one
}

// Automated is what the rules citing a criterion found over the pages.
type Automated struct {
	Outcome  string // failed, cantTell, passed, inapplicable, noProblemsFound, untested
	Failed   int    // pages
	CantTell int
	Passed   int
	Rules    []RuleLine
}

// RuleLine says in words what one rule found.
type RuleLine struct {
	Rule, Text string
}

// CheckOn names the audited pages to check a criterion on by hand.
type CheckOn struct {
	Why   string
	Pages []string // refs
}

// Issue is one non-accessible piece of content, for the statement.
type Issue struct {
	Category    string // NonCompliance (default), DisproportionateBurden or OutOfScope
	What        Text   // what fails, in plain language
	Where       Text   // pages, sections
	FixBy       string // planned fix: YYYY-MM-DD or YYYY-MM
	Assessment  string // reference to the burden assessment
	Exemption   string // one of Exemptions
	Alternative Text   // the accessible alternative offered

	Line int
}

// Effective returns the verdict that counts for the statement: the
// person's, or else a failure the rules found (they have no false
// positives to confirm), or else what the rules decide on their own
// (3.1.1); automatic says it is the rules'. "" means no verdict yet.
func (c *Criterion) Effective() (verdict string, automatic bool) {
	switch {
	case c == nil:
		return "", false
	case c.Verdict != "":
		return c.Verdict, false
	case c.Automated.Outcome == Failed:
		return Fail, true
	case c.Automated.Outcome == Passed:
		return Pass, true
	case c.Automated.Outcome == Inapplicable:
		return NotApplicable, true
	}
	return "", false
}

// CategoryOrDefault returns the issue's category, NonCompliance when none
// is given.
func (is Issue) CategoryOrDefault() string {
	if is.Category == "" {
		return NonCompliance
	}
	return is.Category
}

// Item is an element a rule could not decide: a person confirms it.
type Item struct {
	// Written by saavu.
	Page, Rule, Element, Snippet, Message string
	Gone                                  string // set by Update: not found in newer results

	// Written by a person.
	Confirm string // pass or fail
	Notes   Text

	Line int
}

// Documents are the documents the results list (PDF and office files
// linked from the pages), checked against EN 301 549 clause 10.
type Documents struct {
	Files      []DocFile
	HowToCheck string

	// Written by a person: a verdict for every document criterion that
	// has none of its own, and issues about the documents as a whole
	// (e.g. old files out of scope).
	Verdict string
	Notes   Text
	Issues  []Issue

	Criteria []*Criterion // no automated evidence, items or pages
}

// DocFile is a linked document.
type DocFile struct {
	URL        string
	LinkedFrom int // pages that link to it
	// What saavu's checks of documents found, in English: "failed:
	// pdf-figure-alt, pdf-title", "no failures", or why it was not
	// checked; "" when it was only listed.
	Automated string
	// PossiblyExempt: every date known of it is before 23 September 2018
	// (art. 1(4)(a) of the directive), for a person to confirm.
	PossiblyExempt bool
}

// docAutomated says in words what the checks found in a document.
func docAutomated(d report.Document) string {
	if !d.Audited() {
		if d.ErrorKind == "" {
			return ""
		}
		return d.Error
	}
	var failed, review []string
	for _, r := range d.Results {
		switch r.Outcome {
		case "failed":
			failed = append(failed, r.Rule)
		case "cantTell":
			review = append(review, r.Rule)
		}
	}
	switch {
	case len(failed) > 0:
		s := "failed: " + strings.Join(failed, ", ")
		if len(review) > 0 {
			s += "; to check: " + strings.Join(review, ", ")
		}
		return s
	case len(review) > 0:
		return "to check: " + strings.Join(review, ", ")
	}
	return "no failures"
}

// Text is text a person wrote: one string, or one per language.
type Text map[string]string

// In returns the text in lang, or the text given as one string, or any
// other language's (in en, fi, sv order), and the language it is in ("" when it
// was one string).
func (t Text) In(lang string) (s, in string) {
	if s := t[lang]; s != "" {
		return s, lang
	}
	if s := t[""]; s != "" {
		return s, ""
	}
	for _, l := range Languages {
		if s := t[l]; s != "" {
			return s, l
		}
	}
	return "", ""
}

// Empty reports whether the text says nothing.
func (t Text) Empty() bool {
	for _, s := range t {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// Options of a new worksheet.
type Options struct {
	Law  string // LawFI or LawEU
	Lang string // en, fi or sv
}

// Build makes a new worksheet from the evidence of automated results.
func Build(ev *Evidence, o Options) (*Worksheet, error) {
	if !slices.Contains(Languages, o.Lang) {
		return nil, fmt.Errorf("unknown language %q (choose one of %s)", o.Lang, strings.Join(Languages, ", "))
	}
	wcag := ev.Standard.WCAG
	if wcag == "" {
		wcag = "2.1"
	}
	profile, err := Profile(o.Law, wcag)
	if err != nil {
		return nil, err
	}
	tr := translator(o.Lang)
	w := &Worksheet{
		Version: Version, Law: o.Law, Lang: o.Lang, WCAG: wcag,
		Standard: strings.TrimSpace(ev.Standard.Name + " " + ev.Standard.Version),
		Results:  Results{GeneratedAt: ev.GeneratedAt, Audited: len(ev.Pages), NotAudited: ev.NotAudited},
		NotRun:   ev.NotRun,
	}
	if w.Standard == "" {
		w.Standard = "EN 301 549 V3.2.1"
	}
	w.StatementLink = &StatementLink{Checked: ev.StatementLink != nil}
	if ev.StatementLink != nil {
		w.StatementLink.Without = ev.Refs(ev.StatementLink.Without)
	}
	for _, p := range ev.Pages {
		w.Pages = append(w.Pages, Page(p))
	}
	for _, c := range profile {
		w.Criteria = append(w.Criteria, newCriterion(ev, c, tr))
	}
	if len(ev.Documents) > 0 {
		d := &Documents{HowToCheck: DocumentsProcedure(o.Lang)}
		for _, doc := range ev.Documents {
			d.Files = append(d.Files, DocFile{URL: doc.URL, LinkedFrom: len(doc.LinkedFrom), Automated: docAutomated(doc), PossiblyExempt: doc.Exemption != ""})
		}
		for _, c := range profile {
			clause := DocumentClause(c)
			if clause == "" {
				continue
			}
			title, _ := TitleIn(c, o.Lang)
			d.Criteria = append(d.Criteria, &Criterion{SC: c.SC, Title: title, Level: c.Level, Clause: clause})
		}
		w.Documents = d
	}
	return w, nil
}

func newCriterion(ev *Evidence, c checks.Criterion, tr tr) *Criterion {
	title, _ := TitleIn(c, tr.lang)
	clause, _ := ev.std().Clause(c.SC)
	out := &Criterion{SC: c.SC, Title: title, Level: c.Level, Clause: clause}
	ce := ev.Criterion(c.SC)
	out.Automated = Automated{Outcome: ce.Outcome}
	if ce.Outcome != Untested {
		out.Automated.Failed, out.Automated.CantTell, out.Automated.Passed = len(ce.Failed), len(ce.CantTell), len(ce.Passed)
	}
	for _, id := range ce.Rules {
		out.Automated.Rules = append(out.Automated.Rules, RuleLine{Rule: id, Text: ruleText(ev, ce.ByRule[id], tr)})
	}
	pick := ev.CheckOn(c.SC)
	out.CheckOn = CheckOn{Pages: ev.Refs(pick.Pages), Why: checkOnWhy(pick, len(ev.Pages), tr)}
	if p, ok := ProcedureFor(c.SC); ok {
		out.HowToCheck = p.How[tr.lang]
	}
	for _, it := range ce.Items {
		msg := it.Message
		if tr.lang != "en" && it.Text.Key != "" {
			if s, ok := it.Text.In(tr.lang); ok {
				msg = s
			}
		}
		out.Items = append(out.Items, Item{Page: ev.Pages[it.Page].Ref, Rule: it.Rule, Element: it.Selector, Snippet: it.Snippet, Message: msg})
	}
	return out
}

// exampleRefs is how many pages a rule line names.
const exampleRefs = 3

func ruleText(ev *Evidence, re *RuleEvidence, tr tr) string {
	var parts []string
	if n := len(re.Failed); n > 0 {
		parts = append(parts, tr.n("rule.failed", n)+" ("+examples(ev, re.Failed)+")")
	}
	if n := len(re.CantTell); n > 0 {
		parts = append(parts, tr.n("rule.cantTell", n)+" ("+examples(ev, re.CantTell)+")")
	}
	if n := len(re.Passed); n > 0 {
		parts = append(parts, tr.n("rule.passed", n))
	}
	if len(parts) == 0 {
		return tr.t("rule.none")
	}
	return strings.Join(parts, "; ")
}

func examples(ev *Evidence, idx []int) string {
	refs := ev.Refs(idx[:min(len(idx), exampleRefs)])
	s := strings.Join(refs, ", ")
	if len(idx) > exampleRefs {
		s += ", …"
	}
	return s
}

func checkOnWhy(pick Pick, total int, tr tr) string {
	if pick.All() {
		return tr.n("checkOn.all", total)
	}
	var names []string
	for _, f := range pick.Features {
		names = append(names, tr.t("feature."+f))
	}
	what := tr.join(names)
	switch {
	case pick.Unknown:
		return fmt.Sprintf(tr.t("checkOn.unknown"), what)
	case len(pick.Pages) == 0:
		return fmt.Sprintf(tr.t("checkOn.none"), what)
	}
	return fmt.Sprintf(tr.t("checkOn.some"), what)
}

// Criterion returns the worksheet's criterion sc, or nil.
func (w *Worksheet) Criterion(sc string) *Criterion {
	for _, c := range w.Criteria {
		if c.SC == sc {
			return c
		}
	}
	return nil
}

// PageURL returns the URL of a page ref (the ref itself when unknown).
func (w *Worksheet) PageURL(ref string) string {
	for _, p := range w.Pages {
		if p.Ref == ref {
			return p.URL
		}
	}
	return ref
}

// UnmarshalYAML reads a text given as one string or as a mapping of
// languages to strings (in org.yaml; the worksheet is read by Read).
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = nil
		if n.Tag != "!!null" && n.Value != "" {
			*t = Text{"": n.Value}
		}
		return nil
	case yaml.MappingNode:
		m := map[string]string{}
		if err := n.Decode(&m); err != nil {
			return err
		}
		for lang := range m {
			if !slices.Contains(Languages, lang) {
				return fmt.Errorf("line %d: %q is not a language of the statement (%s)", n.Line, lang, strings.Join(Languages, ", "))
			}
		}
		*t = m
		return nil
	}
	return fmt.Errorf("line %d: expected text, or text per language ({fi: …, sv: …, en: …})", n.Line)
}
