// Package statement writes the accessibility statement of the EU model
// (Commission Implementing Decision (EU) 2018/1523; in Finland the
// saavutettavuusseloste of 306/2019) from automated results, the filled
// review worksheet (package review) and what org.yaml says about the
// body: as an accessible HTML page (or a fragment to paste into a CMS),
// Markdown and JSON, in Finnish, Swedish and English. See
// docs/statement.md.
package statement

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"saavu/checks"
	"saavu/review"
)

// SchemaVersion is the version of the statement's JSON form
// (docs/statement.md). Adding fields keeps it; removing or changing one
// bumps it.
const SchemaVersion = "1"

// Compliance statuses of the model statement.
const (
	Full    = "full"    // every applicable criterion passes, nothing exempted
	Partial = "partial" // failures, criteria without a verdict, or exemptions
	None    = "none"    // most requirements are not met (see Status)
)

// Input is everything a statement is made from.
type Input struct {
	Org       *Org
	Worksheet *review.Worksheet
	Evidence  *review.Evidence
	Tool      string    // "saavu 1.2.0"
	Now       time.Time // for the yearly-review warning
	Draft     bool
}

// Statement is the accessibility statement in one language.
type Statement struct {
	SchemaVersion string      `json:"statementVersion"`
	Lang          string      `json:"lang"`
	Law           string      `json:"law"`
	Draft         bool        `json:"draft,omitempty"`
	Body          string      `json:"body"`
	NationalLaw   string      `json:"nationalLaw,omitempty"`
	Sites         []SiteOut   `json:"sites"`
	Apps          []AppOut    `json:"apps,omitempty"`
	StatementURL  string      `json:"statementUrl,omitempty"`
	Standard      StandardOut `json:"standard"`
	Status        string      `json:"status"` // full, partial or none
	Counts        Counts      `json:"counts"` // the criteria on the web pages
	// DocumentCounts are the criteria in the linked documents (EN 301 549
	// clause 10); nil when the results list no documents.
	DocumentCounts *Counts `json:"documentCounts,omitempty"`
	// NoVerdict are the criteria no one has judged yet: the statement
	// lists them, and they keep it from being full.
	NoVerdict     []CriterionRef `json:"withoutVerdict"`
	NonCompliance []Group        `json:"nonCompliance"` // by WCAG principle
	// Documents are failures of the linked documents as a whole (EN 301
	// 549 clause 10), not of one criterion.
	Documents   []Item       `json:"documents,omitempty"`
	Burden      []Item       `json:"disproportionateBurden"`
	OutOfScope  []Item       `json:"outOfScope"`
	Preparation Preparation  `json:"preparation"`
	Feedback    FeedbackOut  `json:"feedback"`
	Contact     ContactOut   `json:"contact"`
	Authority   AuthorityOut `json:"enforcement"`
	Optional    OptionalOut  `json:"optional"`

	// Warnings are for the author, not the public: they are printed,
	// not rendered.
	Warnings []string `json:"-"`
}

// SiteOut is a site the statement covers.
type SiteOut struct {
	URL  string `json:"url"`
	Name string `json:"name,omitempty"`
}

// AppOut is an app the statement covers.
type AppOut struct {
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	Platforms string `json:"platforms,omitempty"`
}

// StandardOut is the benchmark.
type StandardOut struct {
	Name    string `json:"name"`    // "EN 301 549"
	Version string `json:"version"` // "V3.2.1"
	WCAG    string `json:"wcag"`    // "2.1"
	Level   string `json:"level"`   // "AA"
}

// Counts are the success criteria by verdict.
type Counts struct {
	Criteria      int `json:"criteria"`   // of the law
	Applicable    int `json:"applicable"` // all but notApplicable
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"notApplicable"`
	NoVerdict     int `json:"withoutVerdict"`
}

// CriterionRef names a criterion.
type CriterionRef struct {
	SC         string `json:"sc"`
	Title      string `json:"title"`
	TitleLang  string `json:"-"` // set when the title is in another language (English)
	Unofficial bool   `json:"unofficialTitle,omitempty"`
	Clause     string `json:"en301549"`
	Level      string `json:"level"`
}

// Group is the failed criteria of one WCAG principle.
type Group struct {
	Principle   string `json:"principle"` // "1" to "4"
	Name        string `json:"name"`
	Description string `json:"description"`
	Items       []Item `json:"items"`
}

// Item is one piece of non-accessible content.
type Item struct {
	CriterionRef
	Documents     bool   `json:"documents,omitempty"` // in linked documents (EN 301 549 clause 10)
	What          string `json:"what"`
	WhatLang      string `json:"-"`
	Where         string `json:"where,omitempty"`
	WhereLang     string `json:"-"`
	FixBy         string `json:"fixBy,omitempty"`
	Assessment    string `json:"assessment,omitempty"`
	Exemption     string `json:"exemption,omitempty"`
	ExemptionText string `json:"exemptionText,omitempty"`
	Alternative   string `json:"alternative,omitempty"`
	AltLang       string `json:"-"`
}

// Preparation says how and when the statement was made.
type Preparation struct {
	Prepared string   `json:"prepared"`
	Reviewed string   `json:"reviewed,omitempty"`
	Method   string   `json:"method"` // self or thirdParty
	Assessor string   `json:"assessor,omitempty"`
	Report   string   `json:"report,omitempty"`
	Pages    int      `json:"pagesAudited"`
	Sampled  bool     `json:"sampled"`
	Results  string   `json:"resultsDate,omitempty"`
	Tool     string   `json:"tool"`
	NotRun   []string `json:"checksNotRun,omitempty"`
}

// FeedbackOut is the feedback mechanism.
type FeedbackOut struct {
	URL          string `json:"url,omitempty"`
	Email        string `json:"email,omitempty"`
	Phone        string `json:"phone,omitempty"`
	ResponseDays int    `json:"responseDays,omitempty"`
}

// ContactOut is who handles accessibility.
type ContactOut struct {
	Unit    string `json:"unit,omitempty"`
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Address string `json:"address,omitempty"`
}

// AuthorityOut is the enforcement body.
type AuthorityOut struct {
	Name    string `json:"name"`
	URL     string `json:"url,omitempty"`
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Address string `json:"address,omitempty"`
}

// OptionalOut is the model's optional content.
type OptionalOut struct {
	Published    string   `json:"published,omitempty"`
	Revised      string   `json:"revised,omitempty"`
	Policy       string   `json:"policy,omitempty"`
	ActionPlan   string   `json:"actionPlan,omitempty"`
	Training     string   `json:"training,omitempty"`
	UserTesting  string   `json:"userTesting,omitempty"`
	Technologies []string `json:"technologies,omitempty"`
	TestedWith   []string `json:"testedWith,omitempty"`
}

// verdicts of one criterion, its web pages and documents together.
type scVerdict struct {
	c        checks.Criterion
	web, doc string // effective verdicts; "" for none, "-" for no such entry
	webC     *review.Criterion
	docC     *review.Criterion
}

// Effective returns the verdict that counts for a worksheet criterion
// (see review.Criterion.Effective); "" means no verdict yet.
func Effective(c *review.Criterion) string {
	v, _ := c.Effective()
	return v
}

// combine is the verdict of a criterion over pages and documents: it
// fails if either fails, has none if either has none, is not applicable
// only if neither applies.
func combine(web, doc string) string {
	if doc == "-" {
		return web
	}
	switch {
	case web == review.Fail || doc == review.Fail:
		return review.Fail
	case web == "" || doc == "":
		return ""
	case web == review.NotApplicable && doc == review.NotApplicable:
		return review.NotApplicable
	}
	return review.Pass
}

// Status decides the compliance status from the counts of the web
// criteria, those of the documents (nil when there are none) and the
// number of exempted items (disproportionate burden or out of scope):
//
//   - none when more than half of the applicable web criteria (those not
//     notApplicable) fail: "most requirements are not met";
//   - full only when every applicable criterion, on the pages and in the
//     documents, has a pass verdict (a person's, or the rules' where they
//     decide the criterion alone) and nothing is exempted as a
//     disproportionate burden or out of scope;
//   - partial otherwise: failures, criteria without a verdict, or
//     exemptions.
//
// Documents count apart: one inaccessible PDF fails nearly every clause
// 10 criterion, which says little about how much of the site is
// accessible, so they keep a statement from full but never make it none.
func Status(web Counts, docs *Counts, exempted int) string {
	switch {
	case web.Applicable > 0 && 2*web.Fail > web.Applicable:
		return None
	case web.Fail > 0 || web.NoVerdict > 0 || exempted > 0:
		return Partial
	case docs != nil && (docs.Fail > 0 || docs.NoVerdict > 0):
		return Partial
	}
	return Full
}

// Build makes the statement in lang.
func Build(in Input, lang string) (*Statement, error) {
	o, w, ev := in.Org, in.Worksheet, in.Evidence
	tr := translator(lang)
	wtr := w.Lang // the language of what the person wrote as one string
	s := &Statement{
		SchemaVersion: SchemaVersion, Lang: lang, Law: o.Law, Draft: in.Draft,
		StatementURL: o.StatementAt,
		Standard:     StandardOut{Name: "EN 301 549", Version: review.StandardFor(w.WCAG).Version, WCAG: w.WCAG, Level: "AA"},
	}
	if ev.Standard.Name != "" {
		s.Standard.Name, s.Standard.Version = ev.Standard.Name, ev.Standard.Version
	}
	s.Body, _ = text(o.Name, lang, "")
	s.NationalLaw, _ = text(o.NationalLaw, lang, "")
	for _, site := range o.Scope.Sites {
		name, _ := text(site.Name, lang, "")
		s.Sites = append(s.Sites, SiteOut{URL: site.URL, Name: name})
	}
	for _, app := range o.Scope.Apps {
		name, _ := text(app.Name, lang, "")
		s.Apps = append(s.Apps, AppOut{Name: name, Version: app.Version, Platforms: app.Platforms})
	}

	profile, err := review.Profile(w.Law, w.WCAG)
	if err != nil {
		return nil, err
	}
	var scs []scVerdict
	for _, c := range profile {
		v := scVerdict{c: c, doc: "-"}
		v.webC = w.Criterion(c.SC)
		v.web = Effective(v.webC)
		if w.Documents != nil {
			for _, dc := range w.Documents.Criteria {
				if dc.SC == c.SC {
					v.docC, v.doc = dc, Effective(dc)
					if v.doc == "" {
						v.doc = w.Documents.Verdict
					}
				}
			}
		}
		scs = append(scs, v)
	}
	exempted := 0
	groups := map[string]*Group{}
	if w.Documents != nil {
		s.DocumentCounts = &Counts{}
	}
	count := func(c *Counts, verdict string) {
		c.Criteria++
		switch verdict {
		case review.Pass:
			c.Pass++
		case review.Fail:
			c.Fail++
		case review.NotApplicable:
			c.NotApplicable++
		default:
			c.NoVerdict++
		}
	}
	for _, v := range scs {
		ref := criterionRef(v.c, lang, w.WCAG)
		count(&s.Counts, v.web)
		if v.web == "" {
			s.NoVerdict = append(s.NoVerdict, ref)
		}
		if v.doc != "-" {
			count(s.DocumentCounts, v.doc)
		}
		for _, part := range []struct {
			c       *review.Criterion
			verdict string
			docs    bool
		}{{v.webC, v.web, false}, {v.docC, v.doc, true}} {
			if part.c == nil {
				continue
			}
			nonCompliant := false
			for _, is := range part.c.Issues {
				it := s.item(ref, is, part.docs, tr, wtr)
				switch is.CategoryOrDefault() {
				case review.DisproportionateBurden:
					exempted++
					s.Burden = append(s.Burden, it)
					if is.Assessment == "" {
						s.warnf("%s: a disproportionate burden without an assessment reference (assessment:): the model statement asks for one", v.c.SC)
					}
					if is.Alternative.Empty() {
						s.warnf("%s: a disproportionate burden without an accessible alternative (alternative:)", v.c.SC)
					}
				case review.OutOfScope:
					exempted++
					s.OutOfScope = append(s.OutOfScope, it)
					if is.Exemption == "" {
						s.warnf("%s: content out of scope without its exemption category (exemption:), which the model statement asks for", v.c.SC)
					}
				default:
					if part.verdict == review.Fail {
						nonCompliant = true
						s.group(groups, v.c.SC, tr).Items = append(s.group(groups, v.c.SC, tr).Items, it)
					}
				}
			}
			// A failure no one described gets the criterion's plain
			// failure sentence; a document criterion that fails only by
			// the verdict on all documents is described by the
			// documents' own issues.
			if part.verdict == review.Fail && !nonCompliant && (!part.docs || part.c.Verdict == review.Fail) {
				it := s.automatedItem(ref, part.c, part.docs, ev, tr)
				s.group(groups, v.c.SC, tr).Items = append(s.group(groups, v.c.SC, tr).Items, it)
			}
			if part.c.Recheck != "" {
				s.warnf("%s: the verdict is marked for re-check in the worksheet (%s): check it again and delete the recheck line", v.c.SC, part.c.Recheck)
			}
		}
	}
	if d := w.Documents; d != nil {
		// Issues about the documents as a whole cite EN 301 549 clause 10.
		ref := CriterionRef{Clause: "10"}
		for _, is := range d.Issues {
			it := s.item(ref, is, true, tr, wtr)
			it.Clause = "10"
			switch is.CategoryOrDefault() {
			case review.DisproportionateBurden:
				exempted++
				s.Burden = append(s.Burden, it)
			case review.OutOfScope:
				exempted++
				s.OutOfScope = append(s.OutOfScope, it)
			default:
				s.Documents = append(s.Documents, it)
			}
		}
		if d.Verdict == review.Fail && len(s.Documents) == 0 {
			s.Documents = append(s.Documents, Item{CriterionRef: CriterionRef{Clause: "10"}, Documents: true, What: tr.t("documents.fail")})
		}
		s.DocumentCounts.Applicable = s.DocumentCounts.Criteria - s.DocumentCounts.NotApplicable
		if n := s.DocumentCounts.NoVerdict; n > 0 {
			s.warnf("%d document criteria have no verdict: give the documents a verdict (documents: verdict:) or each criterion one", n)
		}
	}
	s.Counts.Applicable = s.Counts.Criteria - s.Counts.NotApplicable
	s.Status = Status(s.Counts, s.DocumentCounts, exempted)
	for _, p := range []string{"1", "2", "3", "4"} {
		if g := groups[p]; g != nil {
			s.NonCompliance = append(s.NonCompliance, *g)
		}
	}
	if s.NonCompliance == nil {
		s.NonCompliance = []Group{}
	}
	if s.Burden == nil {
		s.Burden = []Item{}
	}
	if s.OutOfScope == nil {
		s.OutOfScope = []Item{}
	}
	if s.NoVerdict == nil {
		s.NoVerdict = []CriterionRef{}
	} else {
		s.warnf("%d criteria have no verdict yet, so the statement lists them as not yet assessed and cannot be full: give them verdicts in %s", len(s.NoVerdict), "the worksheet")
	}

	s.Preparation = Preparation{
		Prepared: o.Dates.Prepared, Reviewed: o.Dates.Reviewed, Method: o.Assessment.Method, Report: o.Assessment.Report,
		Pages: len(ev.Pages), Sampled: ev.Sample != nil, Tool: in.Tool, NotRun: ev.NotRun,
	}
	s.Preparation.Assessor, _ = text(o.Assessment.Assessor, lang, "")
	if t, err := time.Parse(time.RFC3339, ev.GeneratedAt); err == nil {
		s.Preparation.Results = t.UTC().Format(time.DateOnly)
	}
	s.Feedback = FeedbackOut{URL: o.Feedback.URL, Email: o.Feedback.Email, Phone: o.Feedback.Phone, ResponseDays: o.ResponseDays}
	s.Contact = ContactOut{Email: o.Contact.Email, Phone: o.Contact.Phone}
	s.Contact.Unit, _ = text(o.Contact.Unit, lang, "")
	s.Contact.Address, _ = text(o.Contact.Address, lang, "")
	if a := o.Authority; a != nil {
		s.Authority = AuthorityOut{Email: a.Email, Phone: a.Phone}
		s.Authority.Name, _ = text(a.Name, lang, "")
		s.Authority.URL, _ = text(a.URL, lang, "")
		s.Authority.Address, _ = text(a.Address, lang, "")
		for _, f := range []string{s.Authority.Name, s.Authority.URL, s.Authority.Email, s.Authority.Address} {
			if outdatedAuthority.MatchString(f) {
				s.warnf("authority: %q names the Regional State Administrative Agency (AVI), which has not supervised accessibility since 1 January 2025: remove authority: from org.yaml to print Traficom, or write its details", f)
				break
			}
		}
	}
	op := o.Optional
	s.Optional = OptionalOut{Published: o.Dates.Published, Revised: o.Dates.Revised, Technologies: op.Technologies, TestedWith: op.TestedWith}
	s.Optional.Policy, _ = text(op.Policy, lang, "")
	s.Optional.ActionPlan, _ = text(op.ActionPlan, lang, "")
	s.Optional.Training, _ = text(op.Training, lang, "")
	s.Optional.UserTesting, _ = text(op.UserTesting, lang, "")

	// The author's warnings.
	last := o.Dates.Reviewed
	if last == "" {
		last = o.Dates.Prepared
	}
	if t, err := time.Parse(time.DateOnly, last); err == nil && !in.Now.IsZero() && in.Now.After(t.AddDate(1, 0, 0)) {
		s.warnf("the statement was last reviewed on %s, more than 12 months ago: review it (and the site) again and set dates.reviewed", last)
	}
	if o.Feedback.URL == "" {
		s.warnf("feedback: no link (feedback.url): the model statement asks for a link to the feedback mechanism")
	}
	switch {
	case ev.StatementLink == nil:
		s.warnf("the audit did not look for a link to the statement on the pages (the statement-link rule did not run; 'saavu crawl --sample' runs it)")
	case len(ev.StatementLink.Without) > 0:
		s.warnf("%d audited page(s) have no link to the accessibility statement, which the model asks for on every page: %s", len(ev.StatementLink.Without), strings.Join(ev.Refs(ev.StatementLink.Without), ", "))
	}
	return s, nil
}

func (s *Statement) warnf(format string, args ...any) {
	s.Warnings = append(s.Warnings, fmt.Sprintf(format, args...))
}

func (s *Statement) group(groups map[string]*Group, sc string, tr tr) *Group {
	p := review.Principle(sc)
	g := groups[p]
	if g == nil {
		g = &Group{Principle: p, Name: tr.t("principle." + p), Description: tr.t("principle." + p + ".about")}
		groups[p] = g
	}
	return g
}

func criterionRef(c checks.Criterion, lang, wcag string) CriterionRef {
	title, tlang := review.TitleIn(c, lang)
	clause, _ := review.StandardFor(wcag).Clause(c.SC)
	ref := CriterionRef{SC: c.SC, Title: title, Clause: clause, Level: c.Level, Unofficial: review.UnofficialTitle(c, lang)}
	if tlang != lang {
		ref.TitleLang = tlang
	}
	return ref
}

// item is an issue a person wrote.
func (s *Statement) item(ref CriterionRef, is review.Issue, docs bool, tr tr, wtr string) Item {
	it := Item{CriterionRef: ref, Documents: docs, FixBy: is.FixBy, Assessment: is.Assessment, Exemption: is.Exemption}
	if docs && ref.SC != "" {
		it.Clause = documentClause(ref)
	}
	it.What, it.WhatLang = text(is.What, tr.lang, wtr)
	if it.What == "" && ref.SC != "" {
		it.What, it.WhatLang = review.FailureText(ref.SC, tr.lang), ""
	}
	it.Where, it.WhereLang = text(is.Where, tr.lang, wtr)
	it.Alternative, it.AltLang = text(is.Alternative, tr.lang, wtr)
	if is.Exemption != "" {
		it.ExemptionText = tr.t("exemption." + is.Exemption)
	}
	return it
}

// automatedItem describes a failure no one wrote an issue for: the
// criterion's plain-language failure, and where the rules found it.
func (s *Statement) automatedItem(ref CriterionRef, c *review.Criterion, docs bool, ev *review.Evidence, tr tr) Item {
	it := Item{CriterionRef: ref, Documents: docs, What: review.FailureText(ref.SC, tr.lang)}
	if docs {
		it.Clause = documentClause(ref)
		it.Where = tr.t("where.documents")
		return it
	}
	ce := ev.Criterion(ref.SC)
	if n := len(ce.Failed); n > 0 {
		it.Where = tr.where(n, len(ev.Pages), ev.Sections(ce.Failed))
	}
	return it
}

func documentClause(ref CriterionRef) string {
	c, _ := checks.LookupSC(ref.SC)
	return review.DocumentClause(c)
}

// text returns a person's text in lang, and the language to mark it
// with when it is another ("" when it is lang). Text given as one string
// is taken to be in the worksheet's or org file's language, wlang.
func text(t Text, lang, wlang string) (string, string) {
	s, in := t.In(lang)
	if in == "" {
		in = wlang
	}
	if in == lang || s == "" {
		return s, ""
	}
	return s, in
}

// Langs checks a list of statement languages.
func Langs(list []string) error {
	for _, l := range list {
		if !slices.Contains(review.Languages, l) {
			return fmt.Errorf("%q is not a language of the statement (choose from %s)", l, strings.Join(review.Languages, ", "))
		}
	}
	return nil
}
