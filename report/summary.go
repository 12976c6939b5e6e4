package report

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"saavu/checks"
)

// SummaryWriter writes the short terminal view, what a run prints when
// its reports go to files: the pages audited and not, the failures by
// WCAG criterion, the pages with the most failed rules, with a baseline
// the new failures first, and the report files written. It fits a
// screen whatever the size of the site: each list shows its first few
// rows and says how many more there are (TextWriter lists them all).
type SummaryWriter struct {
	Color bool // ANSI colours (only on a terminal with NO_COLOR unset)
	Width int  // terminal width; 0 for no limit

	// Reports are the report files this run wrote, named at the end;
	// when there are none, the summary says how to get the full report.
	Reports []string
}

// How many rows each list of the summary shows at most; with a
// baseline, the new failures come first and the other lists are shorter,
// so that the summary stays within about 40 lines.
const (
	summaryNotAudited       = 3
	summaryNew              = 5
	summaryCriteria         = 8
	summaryCriteriaBaseline = 5
	summaryPages            = 5
	summaryPagesBaseline    = 3
)

// Failing counts the failures that decide the exit status (as
// Report.Failures does): the failed results whose rule has at least
// the impact min (any, when min is empty) and whose failed elements are
// not all accepted in a baseline.
type Failing struct {
	Results  int // such results: a rule failing on a page
	Pages    int // the pages they are on
	Elements int // their failed elements not in the baseline
	// Documents are the documents with such a result (a check of a
	// document failing counts as a result, its places as elements).
	Documents int
	Site      []string // the site rules that failed so (once each, for the site), by id
}

// CountFailing counts the failures at or above min.
func CountFailing(r *Report, min checks.Impact) Failing {
	var f Failing
	_ = r.EachPage(func(_ int, p *Page) error {
		n := f.Results
		for _, res := range p.Results {
			if res.Outcome != string(checks.Failed) || checks.Impact(res.Impact).Rank() < min.Rank() || res.allBaselined() {
				continue
			}
			f.Results++
			f.Elements += newElements(&res)
		}
		if f.Results > n {
			f.Pages++
		}
		return nil
	})
	countFailingDocuments(r, min, &f)
	f.Site = r.FailedSite(min)
	return f
}

// newElements counts the failed elements of a result that are not in
// the baseline.
func newElements(res *Result) int {
	n := 0
	for _, node := range res.Nodes {
		if node.Outcome == string(checks.Failed) && !node.Baselined {
			n++
		}
	}
	return n
}

// summaryPage is a page in the list of pages with the most failures.
type summaryPage struct {
	order                   int // in the report
	url                     string
	failed, fresh, elements int // failed results, those not all baselined, failed elements
}

// summaryNewFailure is a new failure in the list of them.
type summaryNewFailure struct {
	order             int // of its page in the report
	url, rule, impact string
	fresh, failed     int // its new and all its failed elements
	first             string
}

// summaryCriterion is a criterion in the list of failed criteria.
type summaryCriterion struct {
	pages, fresh int             // pages where a rule citing it failed; … with a new failure
	rules        map[string]bool // the rules that failed
}

// Write renders the summary.
func (s SummaryWriter) Write(w io.Writer, r *Report) error {
	var (
		site        siteOf
		notAudited  [][2]string
		worst       []summaryPage // by failed rules
		worstNew    []summaryPage // by new failures (with a baseline)
		fresh       []summaryNewFailure
		freshCount  int // new failures (results)
		freshPages  int
		failedPages int
		elements    int // failed elements
		criteria    = map[string]*summaryCriterion{}
	)
	nPages := summaryPages
	if r.Baseline != nil {
		nPages = summaryPagesBaseline
	}
	err := r.EachPage(func(i int, p *Page) error {
		site.add(p.URL)
		if !p.Audited() {
			if len(notAudited) <= summaryNotAudited {
				notAudited = append(notAudited, [2]string{p.URL, p.Error})
			}
			return nil
		}
		pg := summaryPage{order: i, url: p.URL}
		seen := map[string]bool{} // criteria counted on this page
		seenNew := map[string]bool{}
		for _, res := range p.Results {
			if res.Outcome != string(checks.Failed) {
				continue
			}
			pg.failed++
			n := 0
			for _, node := range res.Nodes {
				if node.Outcome == string(checks.Failed) {
					n++
				}
			}
			pg.elements += n
			isNew := !res.allBaselined()
			if isNew {
				pg.fresh++
			}
			scs := res.WCAG
			if len(scs) == 0 {
				scs = []string{""} // a best practice
			}
			for _, sc := range scs {
				c := criteria[sc]
				if c == nil {
					c = &summaryCriterion{rules: map[string]bool{}}
					criteria[strings.Clone(sc)] = c
				}
				c.rules[strings.Clone(res.Rule)] = true
				if !seen[sc] {
					seen[sc] = true
					c.pages++
				}
				if isNew && !seenNew[sc] {
					seenNew[sc] = true
					c.fresh++
				}
			}
			if r.Baseline != nil && isNew {
				freshCount++
				fresh = topN(fresh, summaryNew+1, summaryNewFailure{
					order: i, url: p.URL, rule: res.Rule, impact: res.Impact,
					fresh: newElements(&res), failed: n, first: firstNew(&res),
				}, compareNewFailures)
			}
		}
		elements += pg.elements
		if pg.failed > 0 {
			failedPages++
			worst = topN(worst, nPages+1, pg, compareWorst)
		}
		if pg.fresh > 0 && r.Baseline != nil {
			freshPages++
			worstNew = topN(worstNew, nPages+1, pg, compareWorstNew)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sum := r.Summary
	notAudited = notAudited[:capped(sum.NotAudited, summaryNotAudited)]
	fresh = fresh[:capped(freshCount, summaryNew)]
	// With a baseline, the pages with new failures, when there are any.
	worstTitle, worstWhat, listed := "Pages with the most failed rules:", "with failures", failedPages
	if freshPages > 0 {
		worst, listed = worstNew, freshPages
		worstTitle, worstWhat = "Pages with the most new failures:", "with new failures"
	}
	worst = worst[:capped(listed, nPages)]
	base := site.site()

	// The pages.
	s.para(w, "%s %s: %s %s (WCAG %s %s)", r.Tool.Name, r.Tool.Version, r.Standard.Name, r.Standard.Version, r.Standard.WCAG, r.Standard.Level)
	of := ""
	if base != "" {
		of = " of " + base
	}
	switch {
	case sum.NotAudited == 0:
		s.para(w, "%s%s audited", count(sum.Audited, "page", "pages"), of)
	default:
		s.para(w, "%s%s: %d audited, %s:", count(sum.Pages, "page", "pages"), of, sum.Audited, s.paint(ansiRed, strconv.Itoa(sum.NotAudited)+" not audited"))
		tb := &table{flex: map[int]column{0: pathColumn, 1: messageColumn}}
		for _, na := range notAudited {
			tb.rows = append(tb.rows, []string{relURL(base, na[0]), oneLine(na[1])})
		}
		s.list(w, tb)
		more(w, sum.NotAudited-len(notAudited), "page", "pages", "not audited")
	}
	if r.Quick() {
		s.para(w, "Quick audit (--profile quick): no live-page probes, no screenshots; untested: %s", strings.Join(r.QuickUntested(), ", "))
	}

	// The failures.
	fmt.Fprintln(w)
	siteFailed := len(r.FailedSite(""))
	switch {
	case sum.Failed == 0 && siteFailed == 0 && (sum.Pages > 0 || sum.Documents == nil):
		fmt.Fprintln(w, s.paint(ansiGreen, "No failures."))
	case sum.Failed == 0 && siteFailed > 0:
		fmt.Fprintln(w, s.paint(ansiGreen, "No failures on the pages."))
	case sum.Failed > 0:
		s.para(w, "Failures: %s (rule × page) on %s; %s",
			s.paint(ansiRed+ansiBold, strconv.Itoa(sum.Failed)), count(failedPages, "page", "pages"), count(elements, "element", "elements"))
	}
	if sum.CantTell > 0 {
		s.para(w, "To check by hand: %d (a rule could not decide)", sum.CantTell)
	}
	s.documents(w, r) // documents.go
	if b := r.Baseline; b != nil {
		s.para(w, "Baseline: %d accepted (%s); %s on %s (%s)", sum.Failed-freshCount, count(b.Baselined, "element", "elements"),
			s.paint(ansiRed+ansiBold, strconv.Itoa(freshCount)+" new"), count(freshPages, "page", "pages"), count(b.New, "element", "elements"))
		if freshCount > 0 {
			fmt.Fprintln(w, "\n"+s.paint(ansiBold, "New failures:"))
			tb := &table{header: []string{"Page", "Rule", "Impact", "New", "New element"},
				flex: map[int]column{0: pathColumn, 1: ruleColumn, 4: selectorColumn}}
			for _, f := range fresh {
				tb.rows = append(tb.rows, []string{relURL(base, f.url), f.rule, f.impact, fmt.Sprintf("%d of %d", f.fresh, f.failed), f.first})
			}
			s.list(w, tb)
			more(w, freshCount-len(fresh), "new failure", "new failures", "")
		}
	}
	if sum.Failed > 0 {
		s.writeCriteria(w, criteria, r.Baseline != nil)
		fmt.Fprintln(w, "\n"+s.paint(ansiBold, worstTitle))
		tb := &table{header: []string{"Failed", "Elements", "Page"}, right: []bool{true, true}, flex: map[int]column{2: pathColumn}}
		if r.Baseline != nil {
			tb.header = []string{"Failed", "New", "Elements", "Page"}
			tb.right = []bool{true, true, true}
			tb.flex = map[int]column{3: pathColumn}
		}
		for _, p := range worst {
			row := []string{strconv.Itoa(p.failed), strconv.Itoa(p.elements), relURL(base, p.url)}
			if r.Baseline != nil {
				row = slices.Insert(row, 1, strconv.Itoa(p.fresh))
			}
			tb.rows = append(tb.rows, row)
		}
		s.list(w, tb)
		more(w, listed-len(worst), "page", "pages", worstWhat)
	}

	s.writeSite(w, r, base)

	// What else the report holds.
	var also []string
	if n := len(r.BrokenLinks); n > 0 {
		also = append(also, count(n, "broken link", "broken links"))
	}
	if n := len(r.Documents); n > 0 {
		also = append(also, documentsAlso(r))
	}
	if n := len(r.Skipped); n > 0 {
		also = append(also, count(n, "page", "pages")+" found and not audited")
	}
	if len(also) > 0 || len(r.DisabledRules) > 0 {
		fmt.Fprintln(w)
	}
	if len(also) > 0 {
		s.para(w, "Also in the report: %s.", strings.Join(also, ", "))
	}
	if len(r.DisabledRules) > 0 {
		var ids []string
		for _, d := range r.DisabledRules {
			ids = append(ids, d.ID)
		}
		s.para(w, "Not checked (--disable): %s.", strings.Join(ids, ", "))
	}

	if len(s.Reports) == 0 {
		fmt.Fprintln(w)
		s.para(w, "-o html=report.html writes the full report; -o text=- lists every failure.")
		return nil
	}
	writeReports(w, s.Reports)
	return nil
}

// writeSite lists the findings of the site rules, failures first; a
// site whose site rules found nothing, or had one page to compare, gets
// a line or nothing.
func (s SummaryWriter) writeSite(w io.Writer, r *Report, base string) {
	var findings [][]string
	var failed, review, ran int
	for _, res := range r.SiteResults {
		if res.Outcome != string(checks.Inapplicable) {
			ran++
		}
		for _, n := range res.Nodes {
			outcome := s.paint(ansiYellow, "check")
			if n.Outcome == string(checks.Failed) {
				outcome = s.paint(ansiRed, "failed")
				if n.Baselined {
					outcome = "accepted"
				}
				failed++
			} else {
				review++
			}
			findings = append(findings, []string{outcome, res.Rule, siteNodePages(n, base), oneLine(n.Message)})
		}
	}
	if ran == 0 {
		return
	}
	fmt.Fprintln(w)
	if len(findings) == 0 {
		s.para(w, "Whole site: %s found nothing wrong over %s.", count(ran, "site rule", "site rules"), count(r.SiteResults[0].Pages, "page", "pages"))
		return
	}
	slices.SortStableFunc(findings, func(a, b []string) int { return cmp.Compare(siteRank(b[0]), siteRank(a[0])) })
	s.para(w, "Whole site (site rules, which compare the pages): %d failed, %d to check by hand", failed, review)
	shown := capped(len(findings), summaryCriteriaBaseline)
	// The rule ids differ at their end (…-navigation, …-identification).
	tb := &table{header: []string{"", "Rule", "Pages", "Finding"}, flex: map[int]column{1: {min: 12, breaks: "-", keepEnd: true, later: 1}, 2: pathColumn, 3: messageColumn}}
	tb.rows = findings[:shown]
	s.list(w, tb)
	more(w, len(findings)-shown, "finding", "findings", "")
}

// siteRank orders the rows of writeSite: failures first.
func siteRank(outcome string) int {
	if strings.Contains(outcome, "failed") {
		return 1
	}
	return 0
}

// writeCriteria lists the criteria that failed, on the most pages first.
func (s SummaryWriter) writeCriteria(w io.Writer, criteria map[string]*summaryCriterion, baseline bool) {
	order := map[string]int{}
	for i, c := range checks.Criteria() {
		order[c.SC] = i + 1
	}
	scs := slices.Collect(maps.Keys(criteria))
	slices.SortFunc(scs, func(a, b string) int {
		oa, ob := order[a], order[b]
		if a == "" {
			oa = len(order) + 1 // best practices last
		}
		if b == "" {
			ob = len(order) + 1
		}
		return cmp.Or(cmp.Compare(criteria[b].pages, criteria[a].pages), cmp.Compare(oa, ob), strings.Compare(a, b))
	})
	fmt.Fprintln(w, "\n"+s.paint(ansiBold, "Failures by WCAG criterion:"))
	tb := &table{header: []string{"WCAG", "Criterion", "Level", "Pages", "Rules"}, right: []bool{false, false, false, true},
		flex: map[int]column{1: titleColumn, 4: titleColumn}}
	if baseline {
		tb.header = []string{"WCAG", "Criterion", "Level", "Pages", "New", "Rules"}
		tb.right = []bool{false, false, false, true, true}
		tb.flex = map[int]column{1: titleColumn, 5: titleColumn}
	}
	shown := capped(len(scs), summaryCriteria)
	if baseline {
		shown = capped(len(scs), summaryCriteriaBaseline)
	}
	for _, sc := range scs[:shown] {
		c := criteria[sc]
		title, level := "", ""
		if sc == "" {
			title = "(best practice: no criterion)"
		} else if info, ok := checks.LookupSC(sc); ok {
			title, level = info.Title, info.Level
		}
		rules := slices.Sorted(maps.Keys(c.rules))
		row := []string{sc, title, level, strconv.Itoa(c.pages), strings.Join(rules, ", ")}
		if baseline {
			row = slices.Insert(row, 4, strconv.Itoa(c.fresh))
		}
		tb.rows = append(tb.rows, row)
	}
	s.list(w, tb)
	more(w, len(scs)-shown, "criterion", "criteria", "")
}

func (s SummaryWriter) paint(code, str string) string { return paint(s.Color, code, str) }

// para writes a line of prose, wrapped at spaces to the width.
func (s SummaryWriter) para(w io.Writer, format string, args ...any) {
	fmt.Fprintln(w, wrapCell(fmt.Sprintf(format, args...), s.Width, column{breaks: " "}))
}

// list writes a table without borders: indented by two spaces, columns
// two spaces apart, a row a line (the flexible columns are cut short,
// with an ellipsis, to fit the width).
func (s SummaryWriter) list(w io.Writer, tb *table) {
	n := 0
	if len(tb.rows) > 0 {
		n = len(tb.rows[0])
	}
	if tb.header == nil {
		tb.header = make([]string, n)
	}
	rows := fit(tb, s.Width-2-2*(n-1), truncCell)
	widths := make([]int, n)
	for _, row := range append([][]string{tb.header}, rows...) {
		for i, cell := range row {
			widths[i] = max(widths[i], twwidth.Width(cell))
		}
	}
	line := func(row []string, head bool) {
		var b strings.Builder
		b.WriteString("  ")
		for i, cell := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-twwidth.Width(cell))
			switch {
			case i < len(tb.right) && tb.right[i]:
				b.WriteString(pad + cell)
			case head:
				b.WriteString(s.paint(ansiBold, cell) + pad)
			default:
				b.WriteString(cell + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if strings.Join(tb.header, "") != "" {
		line(tb.header, true)
	}
	for _, row := range rows {
		line(row, false)
	}
}

// capped is how many of total rows a list shows when it shows at most
// limit: all of them when there is one more (its line would say "1
// more"), else limit. The lists keep limit+1 rows.
func capped(total, limit int) int {
	if total <= limit+1 {
		return total
	}
	return limit
}

// more says how many rows a list left out.
func more(w io.Writer, n int, one, many, what string) {
	if n <= 0 {
		return
	}
	if what != "" {
		what = " " + what
	}
	fmt.Fprintf(w, "  … and %d more %s%s\n", n, plural(n, one, many), what)
}

// count is "1 page" or "3 pages".
func count(n int, one, many string) string { return strconv.Itoa(n) + " " + plural(n, one, many) }

var (
	messageColumn = column{min: 20}
	titleColumn   = column{min: 12}
)

// truncCell cuts s to width columns with an ellipsis: at the start for
// paths and selectors, whose end says the most (the page, the element),
// else at the end.
func truncCell(s string, width int, c column) string {
	if width < 1 || twwidth.Width(s) <= width {
		return s
	}
	if !c.keepEnd {
		return twwidth.Truncate(s, width-1) + "…"
	}
	runes := []rune(s)
	for i := range runes {
		if twwidth.Width(string(runes[i:])) <= width-1 {
			return "…" + string(runes[i:])
		}
	}
	return "…"
}

// topN adds v to list, which holds the n smallest values by cmp, sorted.
func topN[T any](list []T, n int, v T, cmp func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(list, v, cmp)
	if i >= n {
		return list
	}
	list = slices.Insert(list, i, v)
	return list[:min(len(list), n)]
}

// compareWorst orders pages by failed rules, then failed elements, most
// first, then as in the report.
func compareWorst(a, b summaryPage) int {
	return cmp.Or(cmp.Compare(b.failed, a.failed), cmp.Compare(b.elements, a.elements), cmp.Compare(a.order, b.order))
}

// compareWorstNew orders pages by new failures, then as compareWorst.
func compareWorstNew(a, b summaryPage) int {
	return cmp.Or(cmp.Compare(b.fresh, a.fresh), compareWorst(a, b))
}

// compareNewFailures orders new failures by impact, worst first, then
// as in the report.
func compareNewFailures(a, b summaryNewFailure) int {
	return cmp.Or(cmp.Compare(checks.Impact(b.impact).Rank(), checks.Impact(a.impact).Rank()),
		cmp.Compare(a.order, b.order), strings.Compare(a.rule, b.rule))
}

// firstNew is the selector of the first failed element of res not in
// the baseline.
func firstNew(res *Result) string {
	for _, n := range res.Nodes {
		if n.Outcome == string(checks.Failed) && !n.Baselined {
			return cmpOr(n.Selector, "(page)")
		}
	}
	return ""
}

// siteOf finds the scheme and host shared by the pages added to it (see
// commonSite), a page at a time.
type siteOf struct {
	first string
	mixed bool
}

func (s *siteOf) add(url string) {
	if s.mixed {
		return
	}
	if s.first == "" {
		s.first = commonSite([]string{url})
		s.mixed = s.first == ""
		return
	}
	if commonSite([]string{url}) != s.first {
		s.mixed = true
	}
}

func (s *siteOf) site() string {
	if s.mixed {
		return ""
	}
	return s.first
}
