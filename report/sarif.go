package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"regexp"
	"strings"

	"saavu/checks"
)

// SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.
// docs/outputs.md describes the mapping for CI users.

const (
	sarifVersion = "2.1.0"
	// sarifSchema is the OASIS publication of SARIF 2.1.0 (errata 01), the
	// schema in testdata/schemas that the tests validate against.
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifFingerprint names the partial fingerprint. A change of recipe
	// gets a new name, so code scanning does not match old and new hashes.
	sarifFingerprint = "saavuFinding/v1"
)

// SARIFWriter writes the report as a SARIF 2.1.0 log with one run: one
// rule descriptor per rule that ran, one result per failed element
// (kind "fail") and per element to check by hand (kind "review"), and
// the pages that could not be audited as tool execution notifications.
// A finding of a site rule is a result located on its first example
// page, its other example pages and the pages compared as related
// locations.
type SARIFWriter struct {
	// Docs returns the Markdown explanation of a rule (its Doc), used
	// as the rule's help. Nil, or an empty answer, falls back to the
	// rule's summary.
	Docs func(id string) string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]string `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string            `json:"name"`
	Version        string            `json:"version,omitempty"`
	InformationURI string            `json:"informationUri,omitempty"`
	Rules          []sarifDescriptor `json:"rules"`
}

type sarifDescriptor struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     *sarifMultiformat   `json:"shortDescription,omitempty"`
	FullDescription      *sarifMultiformat   `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformat   `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfiguration `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProps     `json:"properties,omitempty"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags   []string `json:"tags"`
	Impact string   `json:"impact,omitempty"`
	Level  string   `json:"wcagLevel,omitempty"` // WCAG conformance level: A or AA
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	EndTimeUTC                 string              `json:"endTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level      string            `json:"level"`
	Message    sarifMessage      `json:"message"`
	Locations  []sarifLocation   `json:"locations,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	BaselineState       string            `json:"baselineState,omitempty"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
}

type sarifLocation struct {
	ID               int            `json:"id,omitempty"` // of a related location, from 1
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
	Message          *sarifMessage  `json:"message,omitempty"` // of a related location: what it is
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int           `json:"startLine"`
	Snippet   *sarifContent `json:"snippet,omitempty"`
}

type sarifContent struct {
	Text string `json:"text"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// Write encodes the SARIF log with two-space indentation. The output
// depends on the report only: no clock, no map order.
func (w SARIFWriter) Write(out io.Writer, r *Report) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: r.Tool.Name, Version: r.Tool.Version, Rules: []sarifDescriptor{}}},
		Properties: map[string]string{"standard": standardName(r.Standard)},
	}
	if run.Tool.Driver.Name == "" {
		run.Tool.Driver.Name = "saavu"
	}
	if r.Browser != "" {
		run.Properties["browser"] = r.Browser
	}
	index := map[string]int{}
	for _, ri := range r.Rules {
		index[ri.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, w.descriptor(ri, r.Standard.WCAG))
	}
	// The checks of documents, and the documents that could not be
	// checked (documents.go).
	for _, ri := range r.DocumentRules {
		index[ri.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, w.descriptor(ri, r.Standard.WCAG))
	}
	// The pages are read twice: for what comes before the results (the
	// pages not audited, the rules the report does not list), then for
	// the results, written one at a time.
	inv := sarifInvocation{ExecutionSuccessful: true, EndTimeUTC: r.GeneratedAt}
	err := r.EachPage(func(_ int, p *Page) error {
		if !p.Audited() {
			n := sarifNotification{
				Level:     "error",
				Message:   sarifMessage{Text: p.URL + " was not audited: " + p.Error},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.URL)}}}},
			}
			if p.ErrorKind != "" {
				n.Properties = map[string]string{"errorKind": p.ErrorKind}
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
			return nil
		}
		for _, res := range p.Results {
			if _, ok := index[res.Rule]; !ok {
				// A result of a rule the report does not list: describe it
				// from the result so that ruleIndex stays valid.
				index[res.Rule] = len(run.Tool.Driver.Rules)
				run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, w.descriptor(RuleInfo{
					ID: res.Rule, WCAG: res.WCAG, EN301549: res.EN301549, ACT: res.ACT, Impact: res.Impact,
				}, r.Standard.WCAG))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range r.documentPages() {
		if !p.Audited() {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:      "error",
				Message:    sarifMessage{Text: p.URL + " was not checked: " + strings.TrimPrefix(p.Error, "not checked: ")},
				Locations:  []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.URL)}}}},
				Properties: map[string]string{"errorKind": p.ErrorKind},
			})
		}
	}
	run.Invocations = []sarifInvocation{inv}
	run.Results = nil
	head := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	return streamJSON(out, &head, `      "results"`, func(emit func(any) error) error {
		results := func(_ int, p *Page) error {
			if !p.Audited() {
				return nil
			}
			for _, res := range p.Results {
				if _, ok := index[res.Rule]; !ok {
					continue // a document's check the report does not list
				}
				for _, n := range res.Nodes {
					if err := emit(sarifFinding(r, *p, res, n, index[res.Rule])); err != nil {
						return err
					}
				}
			}
			return nil
		}
		if err := r.EachPage(results); err != nil {
			return err
		}
		for i, p := range r.documentPages() {
			if err := results(i, &p); err != nil {
				return err
			}
		}
		for _, res := range r.SiteResults {
			i, ok := index[res.Rule]
			if !ok {
				continue // a report always lists its site rules
			}
			for _, n := range res.Nodes {
				if err := emit(sarifSiteFinding(r, res, n, i)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// sarifSiteFinding is the result for a finding of a site rule: on its
// first example page, the others and the pages compared related to it.
func sarifSiteFinding(r *Report, res SiteResult, n SiteNode, ruleIndex int) sarifResult {
	loc := func(p PageRef) sarifLocation {
		l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.URL)}, Region: &sarifRegion{StartLine: 1}}}
		if p.Selector != "" {
			l.LogicalLocations = []sarifLogical{{FullyQualifiedName: p.Selector, Kind: "element"}}
		}
		return l
	}
	out := sarifResult{
		RuleID:              res.Rule,
		RuleIndex:           ruleIndex,
		Kind:                "fail",
		Level:               sarifLevel(res.Impact),
		Message:             sarifMessage{Text: cmpOr(n.Message, res.Rule)},
		PartialFingerprints: map[string]string{sarifFingerprint: fingerprint(res.Rule, "site", n.Key)},
	}
	if len(n.Pages) > 0 {
		out.Locations = []sarifLocation{loc(n.Pages[0])}
	} else {
		out.Locations = []sarifLocation{}
	}
	related := func(p PageRef, what string) {
		l := loc(p)
		l.ID = len(out.RelatedLocations) + 1
		l.Message = &sarifMessage{Text: what}
		out.RelatedLocations = append(out.RelatedLocations, l)
	}
	for i, p := range n.Pages {
		if i > 0 {
			related(p, "also here")
		}
	}
	for _, p := range n.Compared {
		related(p, "compared with this page")
	}
	if n.Outcome != string(checks.Failed) {
		out.Kind, out.Level = "review", "none"
	}
	if r.Baseline != nil && n.Outcome == string(checks.Failed) {
		out.BaselineState = "new"
		if n.Baselined {
			out.BaselineState = "unchanged"
		}
	}
	return out
}

// sarifFinding is the result for one element a rule failed or could not
// decide.
func sarifFinding(r *Report, p Page, res Result, n Node, ruleIndex int) sarifResult {
	uri := p.FinalURL
	if uri == "" {
		uri = p.URL
	}
	uri = sarifURI(uri)
	loc := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: uri},
		// A page has no lines. Code scanning needs a start line, so every
		// result is on line 1; the selector below names the element.
		Region: &sarifRegion{StartLine: 1},
	}}
	if n.Snippet != "" {
		loc.PhysicalLocation.Region.Snippet = &sarifContent{Text: n.Snippet}
	}
	if n.Selector != "" {
		loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: n.Selector, Kind: "element"}}
	}
	out := sarifResult{
		RuleID:              res.Rule,
		RuleIndex:           ruleIndex,
		Kind:                "fail",
		Level:               sarifLevel(res.Impact),
		Message:             sarifMessage{Text: n.Message},
		Locations:           []sarifLocation{loc},
		PartialFingerprints: map[string]string{sarifFingerprint: fingerprint(res.Rule, p.URL, n.Selector)},
	}
	if n.Outcome != string(checks.Failed) {
		// SARIF §3.27.10: a result whose kind is not "fail" has level "none".
		out.Kind, out.Level = "review", "none"
	}
	if r.Baseline != nil && n.Outcome == string(checks.Failed) {
		out.BaselineState = "new"
		if n.Baselined {
			out.BaselineState = "unchanged"
		}
	}
	if out.Message.Text == "" {
		out.Message.Text = res.Rule
	}
	return out
}

// sarifURI makes a page address a URI reference, as SARIF requires: a
// URL stays as it is; a local file audited by path ("docs/page one.html")
// becomes a path reference with its special characters escaped.
func sarifURI(s string) string {
	s = strings.ReplaceAll(s, "\\", "/")
	u, err := url.Parse(s)
	switch {
	case err == nil && u.Scheme != "" && !strings.Contains(s, " "):
		return s
	case err == nil && u.Scheme != "":
		return u.String() // escapes the spaces
	}
	return (&url.URL{Path: s}).String()
}

// fingerprint identifies a finding across runs: the same rule on the
// same element of the same page. Messages are left out on purpose: they
// carry measurements (a contrast ratio) that may change while the
// problem stays.
func fingerprint(rule, page, selector string) string {
	h := sha256.Sum256([]byte(rule + "\x00" + page + "\x00" + selector))
	return hex.EncodeToString(h[:])
}

// sarifLevel maps a rule's impact to a SARIF level: what blocks or badly
// hinders users is an error, what makes things harder a warning, a
// nuisance a note.
func sarifLevel(impact string) string {
	switch checks.Impact(impact) {
	case checks.Critical, checks.Serious:
		return "error"
	case checks.Minor:
		return "note"
	}
	return "warning"
}

func (w SARIFWriter) descriptor(ri RuleInfo, wcag string) sarifDescriptor {
	d := sarifDescriptor{
		ID:                   ri.ID,
		Name:                 pascal(ri.ID),
		HelpURI:              ri.HelpURL,
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(ri.Impact)},
		Properties:           &sarifRuleProps{Tags: ruleTags(ri, wcag), Impact: ri.Impact, Level: ri.Level},
	}
	if ri.Title != "" {
		d.ShortDescription = &sarifMultiformat{Text: ri.Title}
	}
	if ri.Summary != "" {
		d.FullDescription = &sarifMultiformat{Text: plainText(ri.Summary)}
	}
	doc := ""
	if w.Docs != nil {
		doc = w.Docs(ri.ID)
	}
	if doc == "" {
		doc = ri.Summary
	}
	if doc != "" {
		md := strings.TrimSpace(dropHeading(doc)) + "\n\n" + references(ri, wcag)
		d.Help = &sarifMultiformat{Text: plainText(md), Markdown: md}
	}
	return d
}

// wcagOf is the WCAG version to name the criteria scs by in a report
// against WCAG version wcag: that one, or 2.2 for a criterion that WCAG
// 2.2 added (an extra rule under EN 301 549 V3.2.1).
func wcagOf(wcag string, scs []string) string {
	if wcag == "" {
		wcag = "2.1"
	}
	for _, sc := range scs {
		if c, ok := checks.LookupSC(sc); ok && c.WCAGVersion == "2.2" {
			return "2.2"
		}
	}
	return wcag
}

// ruleTags are the rule's tags for filtering in code scanning: the
// WCAG criteria, EN 301 549 clauses and ACT rules it maps to.
func ruleTags(ri RuleInfo, wcag string) []string {
	tags := []string{"accessibility", "wcag" + wcagOf(wcag, ri.WCAG)}
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	for _, sc := range ri.WCAG {
		add("wcag:" + sc)
	}
	for _, c := range ri.EN301549 {
		add("en301549:" + c)
	}
	for _, a := range ri.ACT {
		add("act:" + a)
	}
	return tags
}

// references lists what the rule maps to, as a Markdown paragraph.
func references(ri RuleInfo, wcag string) string {
	var parts []string
	if len(ri.WCAG) > 0 {
		parts = append(parts, "WCAG "+wcagOf(wcag, ri.WCAG)+": "+strings.Join(ri.WCAG, ", "))
	}
	if len(ri.EN301549) > 0 {
		parts = append(parts, "EN 301 549: "+strings.Join(ri.EN301549, ", "))
	}
	if len(ri.ACT) > 0 {
		parts = append(parts, "W3C ACT: "+strings.Join(ri.ACT, ", "))
	}
	s := strings.Join(parts, ". ")
	if s != "" {
		s += "."
	}
	if ri.HelpURL != "" {
		s += "\n\nMore: " + ri.HelpURL
	}
	return strings.TrimSpace(s)
}

// dropHeading removes a leading "# Title" line: the title is already the
// short description.
func dropHeading(md string) string {
	md = strings.TrimLeft(md, "\n")
	if strings.HasPrefix(md, "# ") {
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			return md[i+1:]
		}
		return ""
	}
	return md
}

var (
	mdLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)
	mdMark = strings.NewReplacer("**", "", "`", "")
)

// plainText strips the little Markdown rule docs use: links become
// "text (url)", bold and code marks go.
func plainText(md string) string {
	return mdMark.Replace(mdLink.ReplaceAllString(md, "$1 ($2)"))
}

// pascal turns a kebab-case id into a PascalCase name: image-alt → ImageAlt.
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func standardName(s Standard) string {
	name := strings.TrimSpace(s.Name + " " + s.Version)
	if s.WCAG != "" {
		name += " (WCAG " + s.WCAG + " " + s.Level + ")"
	}
	return name
}

// ruleDocs returns the explanation of a registered rule, page or site
// rule, for SARIF help.
func ruleDocs(id string) string {
	doc, _, _ := ruleDocIn(id, "en")
	return doc
}
