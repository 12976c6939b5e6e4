package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"saavu/checks"
)

// JUnitWriter writes the report as JUnit XML for CI test views (GitLab,
// Jenkins, Azure DevOps): one <testsuite> per page, one <testcase> per
// rule that applied to it. A failed rule is a <failure>; everything else
// passes, so the test view fails exactly when there are failures:
//
//   - cantTell (a person must check) passes, with the elements to check
//     in <system-out>;
//   - inapplicable (nothing on the page the rule applies to) is left out:
//     it tested nothing, and as <skipped> it would outnumber the tests
//     that ran (the JSON report keeps it);
//   - a failure whose failed elements are all accepted in a baseline
//     (--baseline) passes, with a note in <system-out>, as it does not
//     count for the exit code either;
//   - a page that could not be audited is one test case with an <error>;
//   - the site rules, which compare the pages, are a last <testsuite>
//     named "site", one <testcase> per site rule that applied.
//
// Every other failed rule is a <failure>, whatever --fail-on says: gate
// on saavu's exit code, or on the JUnit report, not both with different
// thresholds.
type JUnitWriter struct{}

type junitSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Properties *junitPropertys `xml:"properties,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitPropertys struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

// junitText is element text kept readable in the file: CDATA, so line
// breaks and quotes stay as they are.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitMessage struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",cdata"`
}

// Write encodes the JUnit XML with two-space indentation. The pages are
// read twice: for the totals on <testsuites>, then for the suites,
// written one at a time.
func (JUnitWriter) Write(w io.Writer, r *Report) error {
	out := junitSuites{Name: "saavu: " + standardName(r.Standard)}
	docs := r.documentPages() // documents.go: one suite each, after the pages
	err := r.EachPage(func(_ int, p *Page) error {
		s := junitPageSuite(r, p)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		return nil
	})
	if err != nil {
		return err
	}
	for i := range docs {
		s := junitPageSuite(r, &docs[i])
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
	}
	site := junitSiteSuite(r)
	if site != nil {
		out.Tests += site.Tests
		out.Failures += site.Failures
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	start := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "name"}, Value: out.Name},
		{Name: xml.Name{Local: "tests"}, Value: strconv.Itoa(out.Tests)},
		{Name: xml.Name{Local: "failures"}, Value: strconv.Itoa(out.Failures)},
		{Name: xml.Name{Local: "errors"}, Value: strconv.Itoa(out.Errors)},
	}}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	err = r.EachPage(func(_ int, p *Page) error {
		return enc.EncodeElement(junitPageSuite(r, p), xml.StartElement{Name: xml.Name{Local: "testsuite"}})
	})
	if err != nil {
		return err
	}
	for i := range docs {
		if err := enc.EncodeElement(junitPageSuite(r, &docs[i]), xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
			return err
		}
	}
	if site != nil {
		if err := enc.EncodeElement(site, xml.StartElement{Name: xml.Name{Local: "testsuite"}}); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	if _, err := io.WriteString(bw, "\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// junitPageSuite is the test suite of one page.
func junitPageSuite(r *Report, p *Page) junitSuite {
	s := junitSuite{Name: p.URL}
	var props []junitProperty
	if p.FinalURL != "" && p.FinalURL != p.URL {
		props = append(props, junitProperty{Name: "finalUrl", Value: p.FinalURL})
	}
	if p.Title != "" {
		props = append(props, junitProperty{Name: "title", Value: p.Title})
	}
	if len(props) > 0 {
		s.Properties = &junitPropertys{Property: props}
	}
	if !p.Audited() {
		kind := p.ErrorKind
		if kind == "" {
			kind = "error"
		}
		s.Cases = append(s.Cases, junitCase{
			Classname: "page",
			Name:      "audit " + p.URL,
			Error:     &junitMessage{Message: p.Error, Type: kind, Body: xmlSafe("The page could not be audited: " + p.Error)},
		})
		s.Errors++
	}
	for _, res := range p.Results {
		if res.Outcome == string(checks.Inapplicable) {
			continue
		}
		c := junitTestCase(r, *p, res)
		if c.Failure != nil {
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	return s
}

// junitTestCase is the test case of one rule on one page. The class is
// the rule id, so CI views group a rule's results across pages; the name
// carries the page so that every test case is unique.
func junitTestCase(r *Report, p Page, res Result) junitCase {
	ri, _ := r.Rule(res.Rule)
	title := ri.Title
	if title == "" {
		title = res.Rule
	}
	c := junitCase{Classname: res.Rule, Name: title + " (" + p.URL + ")"}
	var failed, review []Node
	baselined := 0
	for _, n := range res.Nodes {
		switch {
		case n.Outcome == string(checks.Failed) && n.Baselined:
			baselined++
		case n.Outcome == string(checks.Failed):
			failed = append(failed, n)
		case n.Outcome == string(checks.CantTell):
			review = append(review, n)
		}
	}
	var notes strings.Builder
	switch res.Outcome {
	case string(checks.Failed):
		if len(failed) > 0 || baselined == 0 {
			c.Failure = &junitMessage{Message: failureMessage(failed), Type: res.Rule, Body: nodeList(failed) + ruleFooter(ri, res, r.Standard.WCAG)}
		}
	}
	if baselined > 0 {
		fmt.Fprintf(&notes, "%d failed %s accepted in the baseline.\n", baselined, plural(baselined, "element", "elements"))
	}
	if len(review) > 0 {
		if notes.Len() > 0 {
			notes.WriteString("\n")
		}
		fmt.Fprintf(&notes, "Check by hand (%d):\n\n%s", len(review), nodeList(review))
	}
	if notes.Len() > 0 {
		c.SystemOut = &junitText{Text: xmlSafe(notes.String())}
	}
	if c.Failure != nil {
		c.Failure.Body = xmlSafe(c.Failure.Body)
	}
	return c
}

// junitSiteSuite is the test suite of the site rules: a test case per
// site rule that applied, failing as a page rule fails; nil when none
// applied.
func junitSiteSuite(r *Report) *junitSuite {
	s := &junitSuite{Name: "site"}
	for _, res := range r.SiteResults {
		if res.Outcome == string(checks.Inapplicable) {
			continue
		}
		ri, _ := r.Rule(res.Rule)
		c := junitCase{Classname: res.Rule, Name: cmpOr(ri.Title, res.Rule) + " (" + plural(res.Pages, "1 page", strconv.Itoa(res.Pages)+" pages") + " compared)"}
		var failed, review []string
		baselined := 0
		for _, n := range res.Nodes {
			text := siteNodeText(n)
			switch {
			case n.Outcome == string(checks.Failed) && n.Baselined:
				baselined++
			case n.Outcome == string(checks.Failed):
				failed = append(failed, text)
			case n.Outcome == string(checks.CantTell):
				review = append(review, text)
			}
		}
		if res.Outcome == string(checks.Failed) && (len(failed) > 0 || baselined == 0) {
			msg := "failed"
			if len(res.Nodes) > 0 {
				msg = res.Nodes[0].Message
			}
			c.Failure = &junitMessage{Message: msg, Type: res.Rule, Body: xmlSafe(strings.Join(failed, "") + ruleFooter(ri, Result{Impact: res.Impact, WCAG: res.WCAG, EN301549: res.EN301549}, r.Standard.WCAG))}
			s.Failures++
		}
		var notes strings.Builder
		if baselined > 0 {
			fmt.Fprintf(&notes, "%d %s accepted in the baseline.\n", baselined, plural(baselined, "failure", "failures"))
		}
		if len(review) > 0 {
			if notes.Len() > 0 {
				notes.WriteString("\n")
			}
			fmt.Fprintf(&notes, "Check by hand (%d):\n\n%s", len(review), strings.Join(review, ""))
		}
		if notes.Len() > 0 {
			c.SystemOut = &junitText{Text: xmlSafe(notes.String())}
		}
		s.Cases = append(s.Cases, c)
	}
	if len(s.Cases) == 0 {
		return nil
	}
	s.Tests = len(s.Cases)
	return s
}

// siteNodeText is a site finding in a failure or note: its message, the
// pages where it is seen and those it was compared with.
func siteNodeText(n SiteNode) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", n.Message)
	pages := func(label string, list []PageRef, total int) {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(&b, "  %s:\n", label)
		for _, p := range list {
			if p.Selector != "" {
				fmt.Fprintf(&b, "    %s (%s)\n", p.URL, p.Selector)
			} else {
				fmt.Fprintf(&b, "    %s\n", p.URL)
			}
		}
		if more := total - len(list); more > 0 {
			fmt.Fprintf(&b, "    and %d more\n", more)
		}
	}
	pages("Pages", n.Pages, n.PageCount)
	pages("Compared with", n.Compared, n.ComparedCount)
	b.WriteString("\n")
	return b.String()
}

func failureMessage(failed []Node) string {
	switch len(failed) {
	case 0:
		return "failed"
	case 1:
		return failed[0].Message
	}
	return fmt.Sprintf("%d elements fail; first: %s", len(failed), failed[0].Message)
}

// nodeList lists elements for a failure or a note: selector, snippet and
// message of each.
func nodeList(nodes []Node) string {
	var b strings.Builder
	for _, n := range nodes {
		fmt.Fprintf(&b, "%s\n", cmpOr(n.Selector, "(page)"))
		if n.Snippet != "" {
			fmt.Fprintf(&b, "  %s\n", oneLine(n.Snippet))
		}
		fmt.Fprintf(&b, "  %s\n\n", n.Message)
	}
	return b.String()
}

func ruleFooter(ri RuleInfo, res Result, wcag string) string {
	var parts []string
	if res.Impact != "" {
		parts = append(parts, "Impact: "+res.Impact)
	}
	if len(res.WCAG) > 0 {
		parts = append(parts, "WCAG "+wcagOf(wcag, res.WCAG)+": "+strings.Join(res.WCAG, ", "))
	}
	if len(res.EN301549) > 0 {
		parts = append(parts, "EN 301 549: "+strings.Join(res.EN301549, ", "))
	}
	s := strings.Join(parts, ". ")
	if ri.HelpURL != "" {
		s += "\nMore: " + ri.HelpURL
	}
	return s + "\n"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// xmlSafe replaces the characters XML 1.0 cannot hold (most control
// characters) with U+FFFD; CDATA sections are not escaped, so a stray
// control character in a page's text would make the file unreadable.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

// oneLine collapses whitespace, line breaks included, into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
