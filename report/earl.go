package report

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"saavu/checks"
)

// EARLWriter writes the audit as an evaluation in the JSON-LD form of the
// W3C WCAG-EM Report Tool (https://www.w3.org/WAI/eval/report-tool/):
// the scope (the site), the sample (the audited pages) and, for every
// success criterion, an EARL assertion about the site, with one
// assertion per page where a rule failed, could not decide, or (for a
// criterion the rules decide alone) passed. Open it in the tool with
// "Open an existing evaluation". A criterion the rules do not decide is
// never "passed" here: it is cantTell (a person must check) or untested.
//
// Eval adds what a manual review knows (see statement.EARL): the
// verdicts replace the automated outcome of the site-level assertions.
type EARLWriter struct {
	Eval *EARLEvaluation
}

// EARLEvaluation is what a review adds to the automated results.
type EARLEvaluation struct {
	Title        string // of the evaluation report
	Summary      string
	Commissioner string
	Evaluator    string
	Date         string // YYYY-MM-DD
	SiteName     string
	SiteScope    string
	Technologies []string
	// Criteria are the success criteria to assert, in WCAG order;
	// default: those of the report's standard (its summary's criteria).
	Criteria []string
	// Verdicts are the people's verdicts by criterion; a criterion
	// missing has only its automated outcome.
	Verdicts map[string]EARLVerdict
}

// EARLVerdict is a person's verdict on a criterion for the whole site.
type EARLVerdict struct {
	Outcome     string // passed, failed, cantTell, inapplicable or untested
	Description string
}

// RulesDecide reports whether saavu's rules decide a success criterion on
// their own (checks.Criterion.Decided, the JSON's Criterion.decided) and
// all the rules of the standard std citing it ran: what they pass needs
// no person's judgement.
func RulesDecide(std *checks.Standard, sc string, ran []string) bool {
	if c, ok := checks.LookupSC(sc); !ok || !c.Decided || !std.Requires(sc) {
		return false
	}
	for _, r := range std.Rules() {
		if slices.Contains(r.WCAG, sc) && !slices.Contains(ran, r.ID) {
			return false
		}
	}
	return true
}

// earlContext maps the names of the tool's evaluation format to their
// IRIs: WCAG-EM steps, EARL, Dublin Core and schema.org.
var earlContext = map[string]any{
	"dcterms":                          "http://purl.org/dc/terms/",
	"earl":                             "http://www.w3.org/ns/earl#",
	"schema":                           "http://schema.org/",
	"wcagem":                           "http://www.w3.org/TR/WCAG-EM/#",
	"WAI":                              "http://www.w3.org/WAI/",
	"WCAG21":                           "http://www.w3.org/TR/WCAG21/#",
	"WCAG22":                           "http://www.w3.org/TR/WCAG22/#",
	"title":                            "dcterms:title",
	"description":                      "dcterms:description",
	"summary":                          "dcterms:summary",
	"date":                             "dcterms:date",
	"hasVersion":                       "dcterms:hasVersion",
	"evaluator":                        "dcterms:creator",
	"Evaluation":                       "wcagem:procedure",
	"defineScope":                      "wcagem:step1",
	"scope":                            "wcagem:step1a",
	"conformanceTarget":                "wcagem:step1b",
	"accessibilitySupportBaseline":     "wcagem:step1c",
	"additionalEvaluationRequirements": "wcagem:step1d",
	"wcagVersion":                      "WAI:standards-guidelines/wcag/#versions",
	"exploreTarget":                    "wcagem:step2",
	"essentialFunctionality":           "wcagem:step2b",
	"pageTypeVariety":                  "wcagem:step2c",
	"technologiesReliedUpon":           "wcagem:step2d",
	"selectSample":                     "wcagem:step3",
	"structuredSample":                 "wcagem:step3a",
	"randomSample":                     "wcagem:step3b",
	"auditSample":                      "wcagem:step4",
	"reportFindings":                   "wcagem:step5",
	"documentSteps":                    "wcagem:step5a",
	"commissioner":                     "wcagem:commissioner",
	"evaluationSpecifics":              "wcagem:step5b",
	"assertedBy":                       "earl:assertedBy",
	"subject":                          "earl:subject",
	"test":                             "earl:test",
	"result":                           "earl:result",
	"outcome":                          map[string]string{"@id": "earl:outcome", "@type": "@id"},
	"mode":                             map[string]string{"@id": "earl:mode", "@type": "@id"},
	"source":                           map[string]string{"@id": "dcterms:source", "@type": "@id"},
}

type earlDoc struct {
	Context        map[string]any `json:"@context"`
	Type           string         `json:"@type"`
	Language       string         `json:"@language"`
	DefineScope    earlScope      `json:"defineScope"`
	ExploreTarget  earlExplore    `json:"exploreTarget"`
	SelectSample   earlSample     `json:"selectSample"`
	AuditSample    []earlAssert   `json:"auditSample"`
	ReportFindings earlFindings   `json:"reportFindings"`
}

type earlScope struct {
	ID                               string      `json:"@id"`
	Scope                            earlSubject `json:"scope"`
	ConformanceTarget                string      `json:"conformanceTarget"`
	WCAGVersion                      string      `json:"wcagVersion"`
	AccessibilitySupportBaseline     string      `json:"accessibilitySupportBaseline"`
	AdditionalEvaluationRequirements string      `json:"additionalEvaluationRequirements"`
}

type earlExplore struct {
	ID                     string      `json:"@id"`
	TechnologiesReliedUpon []earlTitle `json:"technologiesReliedUpon"`
	EssentialFunctionality string      `json:"essentialFunctionality"`
	PageTypeVariety        string      `json:"pageTypeVariety"`
}

type earlTitle struct {
	Title string `json:"title"`
}

type earlSample struct {
	ID               string        `json:"@id"`
	StructuredSample []earlSubject `json:"structuredSample"`
	RandomSample     []earlSubject `json:"randomSample"`
}

type earlSubject struct {
	ID          string   `json:"@id,omitempty"`
	Type        []string `json:"@type"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Source      string   `json:"source,omitempty"`
}

type earlAssert struct {
	Type       string       `json:"@type"`
	AssertedBy earlAssertor `json:"assertedBy"`
	Mode       string       `json:"mode"`
	Subject    earlSubject  `json:"subject"`
	Test       earlTest     `json:"test"`
	Result     earlResult   `json:"result"`
}

type earlAssertor struct {
	Type       []string `json:"@type"`
	Title      string   `json:"title"`
	HasVersion string   `json:"hasVersion,omitempty"`
}

type earlTest struct {
	ID    string   `json:"@id"`
	Type  []string `json:"@type"`
	Title string   `json:"title"`
}

type earlResult struct {
	Type        string `json:"@type"`
	Outcome     string `json:"outcome"`
	Description string `json:"description"`
	Date        string `json:"date,omitempty"`
}

type earlFindings struct {
	Title               string              `json:"title"`
	Summary             string              `json:"summary"`
	Commissioner        string              `json:"commissioner"`
	Evaluator           string              `json:"evaluator"`
	Date                string              `json:"date"`
	EvaluationSpecifics string              `json:"evaluationSpecifics"`
	DocumentSteps       []map[string]string `json:"documentSteps"`
}

// earlPage is what one page says about one criterion.
type earlPage struct {
	page    int
	outcome string
	lines   []string
}

// Write encodes the evaluation as indented JSON-LD.
func (e EARLWriter) Write(w io.Writer, r *Report) error {
	ev := e.Eval
	if ev == nil {
		ev = &EARLEvaluation{}
	}
	var ran []string
	for _, ri := range r.Rules {
		ran = append(ran, ri.ID)
	}
	type pageInfo struct{ url, title string }
	var pages []pageInfo
	found := map[string][]earlPage{} // criterion -> pages with something to say
	err := r.EachPage(func(_ int, p *Page) error {
		if !p.Audited() {
			return nil
		}
		i := len(pages)
		pages = append(pages, pageInfo{p.URL, p.Title})
		byCrit := map[string]*earlPage{}
		for _, res := range p.Results {
			if res.Outcome == string(checks.Inapplicable) {
				continue
			}
			for _, sc := range res.WCAG {
				ep := byCrit[sc]
				if ep == nil {
					ep = &earlPage{page: i, outcome: string(checks.Inapplicable)}
					byCrit[sc] = ep
				}
				if outcomeRank(res.Outcome) > outcomeRank(ep.outcome) {
					ep.outcome = res.Outcome
				}
				ep.lines = append(ep.lines, resultLine(res))
			}
		}
		for sc, ep := range byCrit {
			if ep.outcome == string(checks.Passed) && !RulesDecide(r.Std(), sc, ran) {
				continue // a pass the rules cannot vouch for
			}
			found[sc] = append(found[sc], *ep)
		}
		return nil
	})
	if err != nil {
		return err
	}
	siteLines := addSiteFindings(r, found, func(url string) int {
		return slices.IndexFunc(pages, func(p pageInfo) bool { return p.url == url })
	})
	crits := ev.Criteria
	if len(crits) == 0 {
		for _, c := range r.Summary.Criteria {
			crits = append(crits, c.SC)
		}
	}
	wcag := r.Standard.WCAG
	if wcag == "" {
		wcag = "2.1"
	}
	site := earlSubject{Type: []string{"earl:TestSubject", "schema:WebSite"}, Title: ev.SiteName, Description: ev.SiteScope}
	if site.Title == "" && len(pages) > 0 {
		site.Title = hostOf(pages[0].url)
	}
	if site.Description == "" {
		site.Description = fmt.Sprintf("The %d pages audited by saavu", len(pages))
	}
	sample := earlSample{ID: "_:selectSample", StructuredSample: []earlSubject{}, RandomSample: []earlSubject{}}
	random := map[string]bool{}
	if r.Sample != nil {
		for _, sp := range r.Sample.Pages {
			if sp.Clause == "g" || strings.HasPrefix(sp.Reason, "random") {
				random[sp.URL] = true
			}
		}
	}
	pageSubject := func(i int) earlSubject {
		return earlSubject{ID: pages[i].url, Type: []string{"earl:TestSubject", "schema:WebPage"}, Title: pages[i].title, Description: pages[i].url, Source: pages[i].url}
	}
	for i, p := range pages {
		if random[p.url] {
			sample.RandomSample = append(sample.RandomSample, pageSubject(i))
		} else {
			sample.StructuredSample = append(sample.StructuredSample, pageSubject(i))
		}
	}
	tool := earlAssertor{Type: []string{"earl:Assertor", "earl:Software"}, Title: r.Tool.Name, HasVersion: r.Tool.Version}
	person := earlAssertor{Type: []string{"earl:Assertor"}, Title: ev.Evaluator}
	if person.Title == "" {
		person.Title = "evaluator"
	}
	var asserts []earlAssert
	for _, sc := range crits {
		c, ok := checks.LookupSC(sc)
		if !ok {
			continue
		}
		test := earlTest{ID: earlTestID(c, wcag), Type: []string{"earl:TestCriterion", "earl:TestRequirement"}, Title: c.SC + " " + c.Title}
		pf := found[sc]
		auto, desc := automatedOutcome(r.Std(), sc, pf, len(pages), r.Summary.Criteria, ran)
		if lines := siteLines[sc]; len(lines) > 0 {
			desc += "\n\nWhole site: " + strings.Join(lines, "\n")
		}
		a := earlAssert{Type: "earl:Assertion", AssertedBy: tool, Mode: "earl:automatic", Subject: site, Test: test,
			Result: earlResult{Type: "earl:TestResult", Outcome: "earl:" + auto, Description: desc, Date: r.GeneratedAt}}
		if v, ok := ev.Verdicts[sc]; ok {
			a.AssertedBy, a.Mode = person, "earl:manual"
			if auto != Untested && len(pf) > 0 {
				a.Mode = "earl:semiAuto"
			}
			a.Result.Outcome = "earl:" + v.Outcome
			a.Result.Description = strings.TrimSpace(v.Description + "\n\nAutomated tests: " + desc)
			if ev.Date != "" {
				a.Result.Date = ev.Date
			}
		}
		asserts = append(asserts, a)
		for _, ep := range pf {
			asserts = append(asserts, earlAssert{Type: "earl:Assertion", AssertedBy: tool, Mode: "earl:automatic",
				Subject: earlSubject{ID: pages[ep.page].url, Type: []string{"earl:TestSubject", "schema:WebPage"}, Title: pages[ep.page].title, Description: pages[ep.page].url},
				Test:    test,
				Result:  earlResult{Type: "earl:TestResult", Outcome: "earl:" + ep.outcome, Description: strings.Join(ep.lines, "\n"), Date: r.GeneratedAt}})
		}
	}
	title := ev.Title
	if title == "" {
		title = "Accessibility evaluation of " + site.Title
	}
	date := ev.Date
	if date == "" && len(r.GeneratedAt) >= 10 {
		date = r.GeneratedAt[:10]
	}
	specifics := fmt.Sprintf("Automated tests by %s %s (%d rules) of %d pages, against %s %s (WCAG %s levels A and AA).", r.Tool.Name, r.Tool.Version, len(r.Rules), len(pages), r.Standard.Name, r.Standard.Version, wcag)
	if r.Browser != "" {
		specifics = strings.TrimSuffix(specifics, ".") + ", rendered in " + r.Browser + "."
	}
	tech := []earlTitle{}
	for _, t := range ev.Technologies {
		tech = append(tech, earlTitle{Title: t})
	}
	doc := earlDoc{
		Context:  earlContext,
		Type:     "Evaluation",
		Language: "en",
		DefineScope: earlScope{ID: "_:defineScope", Scope: site, ConformanceTarget: strings.ToUpper(r.Standard.Level),
			WCAGVersion: wcag, AdditionalEvaluationRequirements: "EN 301 549 " + r.Standard.Version + " clause 9 (web) and the law the statement is made under."},
		ExploreTarget: earlExplore{ID: "_:exploreTarget", TechnologiesReliedUpon: tech},
		SelectSample:  sample,
		AuditSample:   asserts,
		ReportFindings: earlFindings{Title: title, Summary: ev.Summary, Commissioner: ev.Commissioner, Evaluator: ev.Evaluator, Date: date, EvaluationSpecifics: specifics,
			DocumentSteps: []map[string]string{{"@id": "_:about"}, {"@id": "_:defineScope"}, {"@id": "_:exploreTarget"}, {"@id": "_:selectSample"}}},
	}
	if doc.DefineScope.ConformanceTarget == "" {
		doc.DefineScope.ConformanceTarget = "AA"
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// addSiteFindings adds the findings of the site rules to the pages they
// name (found, by criterion; index gives a page's number, -1 for one not
// audited) and returns them in words by criterion, for the site-level
// assertions.
func addSiteFindings(r *Report, found map[string][]earlPage, index func(url string) int) map[string][]string {
	lines := map[string][]string{}
	for _, res := range r.SiteResults {
		for _, n := range res.Nodes {
			line := res.Rule + ": " + n.Outcome + "; " + n.Message
			for _, sc := range res.WCAG {
				lines[sc] = append(lines[sc], line)
				for _, p := range n.Pages {
					i := index(p.URL)
					if i < 0 {
						continue
					}
					j := slices.IndexFunc(found[sc], func(ep earlPage) bool { return ep.page == i })
					if j < 0 {
						found[sc] = append(found[sc], earlPage{page: i, outcome: string(checks.Inapplicable)})
						j = len(found[sc]) - 1
					}
					ep := &found[sc][j]
					if outcomeRank(n.Outcome) > outcomeRank(ep.outcome) {
						ep.outcome = n.Outcome
					}
					ep.lines = append(ep.lines, line)
				}
			}
		}
	}
	for sc := range found {
		slices.SortStableFunc(found[sc], func(a, b earlPage) int { return a.page - b.page })
	}
	return lines
}

// automatedOutcome is the site-level outcome of the rules citing a
// criterion, and why, in words.
func automatedOutcome(std *checks.Standard, sc string, pf []earlPage, audited int, summary []Criterion, ran []string) (string, string) {
	var rules []string
	untested := false
	for _, c := range summary {
		if c.SC == sc {
			rules, untested = c.Rules, c.Outcome == Untested
		}
	}
	failed, cantTell, passed := 0, 0, 0
	for _, ep := range pf {
		switch ep.outcome {
		case string(checks.Failed):
			failed++
		case string(checks.CantTell):
			cantTell++
		case string(checks.Passed):
			passed++
		}
	}
	list := strings.Join(rules, ", ")
	switch {
	case len(rules) == 0 || audited == 0 || untested && len(pf) == 0:
		return Untested, "No automated rule covers this criterion: check it by hand."
	case failed > 0:
		return string(checks.Failed), fmt.Sprintf("The rules (%s) failed on %d of %d pages.", list, failed, audited)
	case cantTell > 0:
		return string(checks.CantTell), fmt.Sprintf("The rules (%s) found no failure; %d of %d pages have elements a person must check.", list, cantTell, audited)
	case RulesDecide(std, sc, ran) && passed > 0:
		return string(checks.Passed), fmt.Sprintf("The rules (%s) decide this criterion, and passed on %d of %d pages.", list, passed, audited)
	case RulesDecide(std, sc, ran):
		return string(checks.Inapplicable), fmt.Sprintf("The rules (%s) decide this criterion, and found nothing to test.", list)
	}
	return string(checks.CantTell), fmt.Sprintf("The rules (%s) found no problem on the %d pages, but they do not decide this criterion: a person must check.", list, audited)
}

func resultLine(res Result) string {
	line := res.Rule + ": " + res.Outcome
	n := 0
	for _, nd := range res.Nodes {
		if n == 3 {
			line += "; …"
			break
		}
		line += "; " + nd.Selector + ": " + nd.Message
		n++
	}
	return line
}

// earlTestID is the criterion's id in the WCAG Recommendation the audit
// measured against (wcag, "2.1" or "2.2"), as the tool knows it:
// "WCAG21:non-text-content"; a criterion that WCAG 2.2 added has its id
// in WCAG 2.2.
func earlTestID(c checks.Criterion, wcag string) string {
	slug := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(c.Title), "-"), "-")
	if c.WCAGVersion == "2.2" || wcag == "2.2" {
		return "WCAG22:" + slug
	}
	return "WCAG21:" + slug
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func hostOf(u string) string {
	if _, rest, ok := strings.Cut(u, "://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		return host
	}
	return u
}
