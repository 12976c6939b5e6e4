package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"saavu/checks"
)

// Documents in the report: the results of their checks (EN 301 549
// clause 10) come in the `documents` list, in the same shape as a page's
// results (Result), added within schema 2 (docs/json-report.md). They are
// counted apart from the pages (Summary.Documents), so that the pages'
// counts still add up, and they count in the criteria: a failed check of
// a document makes the criterion it cites fail (Criterion.FailedDocuments).

// DocumentSummary counts the documents and their results.
type DocumentSummary struct {
	Documents    int `json:"documents"`    // documents listed
	Audited      int `json:"audited"`      // documents checked (they have results)
	NotAudited   int `json:"notAudited"`   // documents = audited + notAudited
	Failed       int `json:"failed"`       // document × check results that failed
	CantTell     int `json:"cantTell"`     // … that need review
	Passed       int `json:"passed"`       // … that passed
	Inapplicable int `json:"inapplicable"` // … that were inapplicable
	Exempt       int `json:"exempt"`       // documents with an exemption hint
}

// Audited reports whether the document was checked: it has results.
func (d *Document) Audited() bool { return d.Error == "" && len(d.Results) > 0 }

// ExemptionCutoff is the day from which the Web Accessibility Directive
// covers office files (documents) published on public-sector sites: art.
// 1(4)(a) exempts those published before 23 September 2018, unless they
// are needed for active administrative processes.
var ExemptionCutoff = time.Date(2018, time.September, 23, 0, 0, 0, 0, time.UTC)

// ExemptionHint is the Exemption of a document whose every known date is
// before ExemptionCutoff.
const ExemptionHint = "possibly exempt (WAD art. 1(4)(a)) unless needed for an active administrative process: every date known (in the file and from the server) is before 23 September 2018"

// exemption returns ExemptionHint when every date known of the document
// (created, modified, the server's Last-Modified) is before the cutoff,
// and at least one is known; "" otherwise. A document is never dropped
// for it: the hint is for a person to confirm.
func exemption(d *Document) string {
	known := 0
	for _, s := range []string{d.Created, d.Modified, d.LastModified} {
		if s == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			continue
		}
		if !t.Before(ExemptionCutoff) {
			return ""
		}
		known++
	}
	if known == 0 {
		return ""
	}
	return ExemptionHint
}

// SetDocumentRules records the checks that ran on documents.
func (r *Report) SetDocumentRules(rules []RuleInfo) {
	r.DocumentRules = slices.Clone(rules)
	slices.SortFunc(r.DocumentRules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
	for i := range r.DocumentRules {
		ri := &r.DocumentRules[i]
		ri.WCAG, ri.EN301549 = orEmpty(ri.WCAG), orEmpty(ri.EN301549)
	}
}

// summarizeDocuments tidies the documents (results sorted, the exemption
// hint) and adds them to the summary: their own counts, and their part
// in the criteria. It is called once per report, by SetCrawl.
func (r *Report) summarizeDocuments() {
	if len(r.Documents) == 0 {
		r.Summary.Documents = nil
		return
	}
	s := &DocumentSummary{}
	failedDocs := map[string]int{}
	outcome := map[string]string{}
	rules := map[string][]string{}
	for i := range r.Documents {
		d := &r.Documents[i]
		for j := range d.Results {
			res := &d.Results[j]
			res.WCAG, res.EN301549 = orEmpty(res.WCAG), orEmpty(res.EN301549)
		}
		if !slices.IsSortedFunc(d.Results, compareResults) {
			slices.SortFunc(d.Results, compareResults)
		}
		if d.Exemption == "" {
			d.Exemption = exemption(d)
		}
		s.Documents++
		if d.Exemption != "" {
			s.Exempt++
		}
		if !d.Audited() {
			s.NotAudited++
			continue
		}
		s.Audited++
		failedHere := map[string]bool{}
		for _, res := range d.Results {
			switch checks.Outcome(res.Outcome) {
			case checks.Failed:
				s.Failed++
			case checks.CantTell:
				s.CantTell++
			case checks.Passed:
				s.Passed++
			default:
				s.Inapplicable++
			}
			for _, sc := range res.WCAG {
				if !slices.Contains(rules[sc], res.Rule) {
					rules[sc] = append(rules[sc], res.Rule)
				}
				if outcomeRank(res.Outcome) > outcomeRank(outcome[sc]) || outcome[sc] == "" {
					outcome[sc] = res.Outcome
				}
				if res.Outcome == string(checks.Failed) && !failedHere[sc] {
					failedHere[sc] = true
					failedDocs[sc]++
				}
			}
		}
	}
	r.Summary.Documents = s
	for i := range r.Summary.Criteria {
		c := &r.Summary.Criteria[i]
		o, ok := outcome[c.SC]
		if !ok {
			continue
		}
		c.FailedDocuments = failedDocs[c.SC]
		for _, id := range rules[c.SC] {
			if !slices.Contains(c.Rules, id) {
				c.Rules = append(c.Rules, id)
			}
		}
		switch {
		case o == string(checks.Failed) || o == string(checks.CantTell):
			if outcomeRank(o) > outcomeRank(c.Outcome) {
				c.Outcome = o
			}
		case c.Outcome == Untested:
			// The documents' checks found nothing wrong; they never
			// decide a criterion.
			c.Outcome = NoProblemsFound
		}
	}
}

// countFailingDocuments adds the documents' failures to f, as
// CountFailing counts the pages'.
func countFailingDocuments(r *Report, min checks.Impact, f *Failing) {
	for _, d := range r.Documents {
		n := f.Results
		for _, res := range d.Results {
			if res.Outcome != string(checks.Failed) || checks.Impact(res.Impact).Rank() < min.Rank() || res.allBaselined() {
				continue
			}
			f.Results++
			f.Elements += newElements(&res)
		}
		if f.Results > n {
			f.Documents++
		}
	}
}

// documentsAlso is the summary's words for the documents in the report.
func documentsAlso(r *Report) string {
	n := len(r.Documents)
	ds := r.Summary.Documents
	if ds == nil || ds.Audited == 0 {
		return count(n, "linked document", "linked documents") + " (not audited)"
	}
	failed := 0
	for _, d := range r.Documents {
		if slices.ContainsFunc(d.Results, func(res Result) bool { return res.Outcome == string(checks.Failed) }) {
			failed++
		}
	}
	return fmt.Sprintf("%s (%d checked, %d with failures, %d not checked)", count(n, "document", "documents"), ds.Audited, failed, ds.NotAudited)
}

// documentPages are the documents that were checked, or that could not
// be (with a reason of their own: a password, a broken file), as pages
// for the writers that list findings by page (SARIF, JUnit, CSV). The
// documents a crawl only listed are left out.
func (r *Report) documentPages() []Page {
	var out []Page
	for _, d := range r.Documents {
		if !d.Audited() && d.ErrorKind == "" {
			continue
		}
		p := Page{URL: d.URL, FinalURL: d.URL, Status: d.Status, ContentType: d.ContentType, Title: d.Title, Results: orEmpty(d.Results)}
		if !d.Audited() {
			p.Error, p.ErrorKind, p.Results = d.Error, d.ErrorKind, []Result{}
		}
		out = append(out, p)
	}
	return out
}

// summaryDocuments is how many documents with failures the summary lists.
const summaryDocuments = 5

// documents writes the summary's lines on the documents checked: their
// failures, and the documents with the most failed checks.
func (s SummaryWriter) documents(w io.Writer, r *Report) {
	ds := r.Summary.Documents
	if ds == nil || (ds.Audited == 0 && len(r.DocumentRules) == 0) {
		return
	}
	type docFailures struct {
		url    string
		failed int
	}
	var worst []docFailures
	for _, d := range r.Documents {
		n := 0
		for _, res := range d.Results {
			if res.Outcome == string(checks.Failed) {
				n++
			}
		}
		if n > 0 {
			worst = append(worst, docFailures{d.URL, n})
		}
	}
	if sum := r.Summary; sum.Pages > 0 || sum.Failed > 0 || sum.CantTell > 0 {
		fmt.Fprintln(w)
	}
	if ds.Failed == 0 {
		s.para(w, "Documents: %d checked, no failures; %d not checked.", ds.Audited, ds.NotAudited)
		return
	}
	s.para(w, "Documents: %d checked, %s (document × check) on %s; %d not checked.", ds.Audited,
		s.paint(ansiRed+ansiBold, count(ds.Failed, "failure", "failures")), count(len(worst), "document", "documents"), ds.NotAudited)
	slices.SortStableFunc(worst, func(a, b docFailures) int { return b.failed - a.failed })
	tb := &table{flex: map[int]column{1: pathColumn}}
	tb.header = []string{"failed", "document"}
	for _, d := range worst[:min(len(worst), summaryDocuments)] {
		tb.rows = append(tb.rows, []string{strconv.Itoa(d.failed), d.url})
	}
	s.list(w, tb)
	more(w, len(worst)-min(len(worst), summaryDocuments), "document", "documents", "with failures")
}

// documents writes the text report's documents: each one checked (or
// not, and why) and the failures of their checks.
func (t TextWriter) documents(w io.Writer, r *Report) error {
	docs := r.documentPages()
	if len(docs) == 0 {
		return nil
	}
	list := &table{header: []string{"Document", "Failed", "Needs review", "Passed"}, flex: map[int]column{0: pathColumn}}
	fails := failTable(false)
	fails.header[0], fails.header[5] = "Document", "First place"
	var notChecked [][2]string
	for i := range docs {
		p := &docs[i]
		if !p.Audited() {
			list.rows = append(list.rows, []string{p.URL, t.paint(ansiRed, "not checked"), "", ""})
			notChecked = append(notChecked, [2]string{p.URL, p.Error})
			continue
		}
		var failed, review, passed int
		for _, res := range p.Results {
			switch checks.Outcome(res.Outcome) {
			case checks.Failed:
				failed++
				fails.rows = append(fails.rows, failRow(p, &res))
			case checks.CantTell:
				review++
			case checks.Passed:
				passed++
			}
		}
		list.rows = append(list.rows, []string{p.URL, strconv.Itoa(failed), strconv.Itoa(review), strconv.Itoa(passed)})
	}
	fmt.Fprintf(w, "\nDocuments (EN 301 549 clause 10):\n")
	if err := t.render(w, list); err != nil {
		return err
	}
	if len(fails.rows) > 0 {
		fmt.Fprintln(w, "\nFailures in documents:")
		if err := t.render(w, fails); err != nil {
			return err
		}
	}
	if len(notChecked) > 0 {
		fmt.Fprintln(w, "\nDocuments not checked:")
		for _, na := range notChecked {
			fmt.Fprintf(w, "  %s\n    %s\n", na[0], t.paint(ansiRed, oneLine(na[1])))
		}
	}
	if ds := r.Summary.Documents; ds != nil {
		fmt.Fprintf(w, "\n%d failed, %d need review, %d passed (document × check results)\n", ds.Failed, ds.CantTell, ds.Passed)
	}
	return nil
}
