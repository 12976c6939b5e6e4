package report

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"saavu/checks"
)

// TextWriter writes the full terminal report: one table of pages, one
// row per page, one of failures, one row per rule failing on a page, and
// the pages that could not be audited. With a baseline, the failures
// that are new come first, in a table of their own. SummaryWriter is the
// short view.
//
// When every page is on one site (scheme and host), the site is named
// once at the top and the pages are shown by their path. With a Width,
// the tables fit it: the long columns (pages, selectors, criteria) are
// narrowed, widest first, and their cells wrapped at a / or a space.
type TextWriter struct {
	Color bool // ANSI colours (only on a terminal with NO_COLOR unset)
	Width int  // terminal width; 0 for no limit

	// Reports are the report files this run wrote, named at the end (on
	// a terminal, the last lines are the ones that stay in sight).
	Reports []string
}

const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

func paint(color bool, code, s string) string {
	if !color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t TextWriter) paint(code, s string) string { return paint(t.Color, code, s) }

// table is a table laid out once all its rows are in (see fit).
type table struct {
	header []string
	rows   [][]string
	flex   map[int]column // the columns that may be narrowed, and how
	right  []bool         // the columns aligned right (SummaryWriter's lists)
}

// column says how a narrowed column breaks or cuts its cells.
type column struct {
	min     int    // never narrower than this
	breaks  string // wrap a line after one of these characters
	keepEnd bool   // cut at the start: the end says the most (the page, the element)
	later   int    // columns with a higher value are narrowed only once the others are at their minimum
}

var (
	pathColumn     = column{min: 12, breaks: "/-?&_.", keepEnd: true}
	selectorColumn = column{min: 12, breaks: " ", keepEnd: true}
	ruleColumn     = column{min: 10, breaks: "-", later: 1}
	wordsColumn    = column{min: 6, breaks: " "}
)

// render writes the table with the writer's symbols, fitted to its width.
func (t TextWriter) render(w io.Writer, tb *table) error {
	symbols := tw.NewSymbols(tw.StyleASCII)
	if t.Color {
		symbols = tw.NewSymbols(tw.StyleLight)
	}
	out := tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: symbols})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone), // fit wraps
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	)
	// A bordered table takes 3 columns per column, and one.
	rows := fit(tb, t.Width-3*len(tb.header)-1, wrapCell)
	out.Header(tb.header)
	for _, row := range rows {
		if err := out.Append(row); err != nil {
			return err
		}
	}
	return out.Render()
}

// fit narrows the flexible columns of tb so that the widths of its
// columns add up to at most room (no limit when room is 0 or less), and
// returns its rows: the widest flexible column (of those narrowed first:
// see column.later) loses a column at a time, down to its minimum (or the
// longest word of its header), and cut shortens its cells to the width
// left. The rows are changed in place.
func fit(tb *table, room int, cut func(s string, width int, c column) string) [][]string {
	n := len(tb.header)
	widths := make([]int, n)
	for i, h := range tb.header {
		widths[i] = twwidth.Width(h)
	}
	for _, row := range tb.rows {
		for i, cell := range row {
			for _, line := range strings.Split(cell, "\n") {
				widths[i] = max(widths[i], twwidth.Width(line))
			}
		}
	}
	natural := append([]int(nil), widths...)
	if room > 0 {
		total := 0
		for _, w := range widths {
			total += w
		}
		for total > room {
			widest := -1
			for i, c := range tb.flex {
				if widths[i] <= max(c.min, longestWord(tb.header[i])) {
					continue
				}
				if widest < 0 || cmp.Or(cmp.Compare(tb.flex[widest].later, c.later), cmp.Compare(widths[i], widths[widest]), cmp.Compare(widest, i)) > 0 {
					widest = i
				}
			}
			if widest < 0 {
				break // as narrow as it goes: let the terminal wrap
			}
			widths[widest]--
			total--
		}
	}
	for i, c := range tb.flex {
		if widths[i] < natural[i] {
			tb.header[i] = cut(tb.header[i], widths[i], column{breaks: " "})
			for _, row := range tb.rows {
				row[i] = cut(row[i], widths[i], c)
			}
		}
	}
	return tb.rows
}

// longestWord is the width of the widest word of s.
func longestWord(s string) int {
	n := 0
	for _, word := range strings.Fields(s) {
		n = max(n, twwidth.Width(word))
	}
	return n
}

// wrapCell breaks s into lines of at most width columns, after one of
// c.breaks when there is one in the line, else at the width.
func wrapCell(s string, width int, c column) string {
	if width < 1 || twwidth.Width(s) <= width {
		return s
	}
	var lines []string
	for twwidth.Width(s) > width {
		runes := []rune(s)
		end, brk := 0, 0 // runes that fit; runes up to the last break among them
		for w := 0; end < len(runes); end++ {
			w += twwidth.Width(string(runes[end]))
			if w > width {
				break
			}
			if strings.ContainsRune(c.breaks, runes[end]) && end+1 < len(runes) {
				brk = end + 1
			}
		}
		if brk > 0 {
			end = brk
		}
		end = max(end, 1)
		lines = append(lines, strings.TrimRight(string(runes[:end]), " "))
		s = strings.TrimLeft(string(runes[end:]), " ")
	}
	return strings.Join(append(lines, s), "\n")
}

// Write renders the tables.
func (t TextWriter) Write(w io.Writer, r *Report) error {
	s := r.Summary
	// The tables are laid out once all their rows are in: their rows are
	// kept, short, and the pages are read once.
	pages := &table{header: []string{"Page", "Status", "Failed", "Needs review", "Passed"}, flex: map[int]column{0: pathColumn}}
	fails := failTable(r.Baseline != nil)
	accepted := failTable(false)
	var notAudited [][2]string
	var urls []string
	err := r.EachPage(func(_ int, p *Page) error {
		urls = append(urls, p.URL)
		if !p.Audited() {
			pages.rows = append(pages.rows, []string{p.URL, statusText(*p), t.paint(ansiRed, "not audited"), "", ""})
			notAudited = append(notAudited, [2]string{p.URL, p.Error})
			return nil
		}
		var failed, review, passed int
		for _, res := range p.Results {
			switch checks.Outcome(res.Outcome) {
			case checks.Failed:
				failed++
				if res.allBaselined() {
					accepted.rows = append(accepted.rows, failRow(p, &res))
				} else {
					fails.rows = append(fails.rows, failRow(p, &res))
				}
			case checks.CantTell:
				review++
			case checks.Passed:
				passed++
			}
		}
		f := strconv.Itoa(failed)
		if failed > 0 {
			f = t.paint(ansiRed+ansiBold, f)
		} else {
			f = t.paint(ansiGreen, f)
		}
		rv := strconv.Itoa(review)
		if review > 0 {
			rv = t.paint(ansiYellow, rv)
		}
		pages.rows = append(pages.rows, []string{p.URL, statusText(*p), f, rv, strconv.Itoa(passed)})
		return nil
	})
	if err != nil {
		return err
	}
	site := commonSite(urls)
	for _, tb := range []*table{pages, fails, accepted} {
		last := ""
		for _, row := range tb.rows {
			page := row[0]
			row[0] = relURL(site, page)
			// On a terminal, a page's failures show it once; plain
			// output keeps every row whole, for grep.
			if t.Width > 0 && tb != pages && page == last {
				row[0] = ""
			}
			last = page
		}
	}

	fmt.Fprintf(w, "%s %s: %s %s (WCAG %s %s)\n", r.Tool.Name, r.Tool.Version, r.Standard.Name, r.Standard.Version, r.Standard.WCAG, r.Standard.Level)
	if site != "" {
		fmt.Fprintf(w, "Site: %s\n", site)
	}
	fmt.Fprintf(w, "%d page(s): %d audited, %d not audited\n\n", s.Pages, s.Audited, s.NotAudited)
	if err := t.render(w, pages); err != nil {
		return err
	}
	switch {
	case r.Baseline != nil && len(fails.rows) > 0:
		fmt.Fprintln(w, "\nNew failures (not in the baseline):")
		if err := t.render(w, fails); err != nil {
			return err
		}
	case r.Baseline != nil:
		fmt.Fprintln(w, "\nNo new failures (none that is not in the baseline).")
	case len(fails.rows) > 0:
		fmt.Fprintln(w, "\nFailures:")
		if err := t.render(w, fails); err != nil {
			return err
		}
	}
	if len(accepted.rows) > 0 {
		fmt.Fprintln(w, "\nFailures accepted in the baseline:")
		if err := t.render(w, accepted); err != nil {
			return err
		}
	}

	if r.siteCompared() {
		fmt.Fprintln(w, "\nWhole site (site rules, which compare the pages):")
		if err := t.render(w, siteTable(r, site, t.Width > 0)); err != nil {
			return err
		}
	}

	if len(notAudited) > 0 {
		fmt.Fprintln(w, "\nNot audited:")
		for _, na := range notAudited {
			why := wrapCell(oneLine(na[1]), t.Width-4, column{breaks: " "})
			fmt.Fprintf(w, "  %s\n    %s\n", relURL(site, na[0]), t.paint(ansiRed, strings.ReplaceAll(why, "\n", "\n    ")))
		}
	}
	if r.Quick() {
		fmt.Fprintln(w, "\nQuick audit (--profile quick): no live-page probes and no screenshots; the audit is partial.")
		if u := r.QuickUntested(); len(u) > 0 {
			fmt.Fprintf(w, "  Untested criteria: %s\n", strings.Join(u, ", "))
		}
		if pr := r.ProbeRules(); len(pr) > 0 {
			fmt.Fprintf(w, "  Rules that report only failures or what to review: %s\n", strings.Join(pr, ", "))
		}
	}
	if len(r.DisabledRules) > 0 {
		fmt.Fprintln(w, "\nDisabled rules (not checked):")
		for _, d := range r.DisabledRules {
			fmt.Fprintf(w, "  %s: %s\n", d.ID, d.Reason)
		}
	}
	if err := t.documents(w, r); err != nil { // documents.go
		return err
	}
	fmt.Fprintf(w, "\n%d failed, %d need review, %d passed (rule × page results)", s.Failed, s.CantTell, s.Passed)
	if r.siteCompared() {
		var failed, review, passed int
		for _, res := range r.SiteResults {
			switch checks.Outcome(res.Outcome) {
			case checks.Failed:
				failed++
			case checks.CantTell:
				review++
			case checks.Passed:
				passed++
			}
		}
		fmt.Fprintf(w, "\nSite rules: %d failed, %d need review, %d passed", failed, review, passed)
	}
	fmt.Fprintln(w)
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline: %d new, %d baselined (failed elements)\n", b.New, b.Baselined)
	}
	writeReports(w, t.Reports)
	return nil
}

// siteTable lists the site results: a row for each finding, or for a
// result without one. Pages are shown relative to site; on a terminal
// (wrap) the message is wrapped in its column, else it stays one line.
func siteTable(r *Report, site string, wrap bool) *table {
	tb := &table{
		header: []string{"Rule", "WCAG", "Result", "Pages", "Finding"},
		flex:   map[int]column{0: ruleColumn, 3: pathColumn, 4: {min: 20, breaks: " "}},
	}
	if !wrap {
		delete(tb.flex, 4)
	}
	for _, res := range r.SiteResults {
		sc := strings.Join(res.WCAG, " ")
		if len(res.Nodes) == 0 {
			tb.rows = append(tb.rows, []string{res.Rule, sc, res.Outcome, fmt.Sprintf("%d compared", res.Pages), "-"})
			continue
		}
		for _, n := range res.Nodes {
			outcome := n.Outcome
			if n.Baselined {
				outcome += " (baselined)"
			}
			tb.rows = append(tb.rows, []string{res.Rule, sc, outcome, siteNodePages(n, site), oneLine(n.Message)})
		}
	}
	return tb
}

// siteNodePages names the pages of a site finding in a cell: the first
// example page, and how many more.
func siteNodePages(n SiteNode, site string) string {
	if len(n.Pages) == 0 {
		return "-"
	}
	s := relURL(site, n.Pages[0].URL)
	if more := n.PageCount - 1; more > 0 {
		s += fmt.Sprintf(" +%d", more)
	}
	return s
}

// failTable is an empty table of failures; newFirst names the column of
// the first element "First new element".
func failTable(newFirst bool) *table {
	first := "First element"
	if newFirst {
		first = "First new element"
	}
	return &table{
		header: []string{"Page", "Rule", "WCAG", "Impact", "Elements", first},
		flex:   map[int]column{0: pathColumn, 1: ruleColumn, 2: wordsColumn, 4: wordsColumn, 5: selectorColumn},
	}
}

// failRow is the row of a failed result in a table of failures. The
// element shown is the first new one, when it has any, and the count of
// elements says how many are new when some are in the baseline.
func failRow(p *Page, res *Result) []string {
	n, old, first, firstOld := 0, 0, "", ""
	for _, node := range res.Nodes {
		if node.Outcome != string(checks.Failed) {
			continue
		}
		n++
		switch {
		case node.Baselined:
			old++
			if firstOld == "" {
				firstOld = cmpOr(node.Selector, "(page)")
			}
		case first == "":
			first = cmpOr(node.Selector, "(page)")
		}
	}
	if first == "" {
		first = firstOld
	}
	count := strconv.Itoa(n)
	if old > 0 && old < n {
		count = fmt.Sprintf("%d new of %d", n-old, n)
	}
	return []string{p.URL, res.Rule, strings.Join(res.WCAG, " "), res.Impact, count, first}
}

func statusText(p Page) string {
	if p.Status == 0 {
		return "-"
	}
	return strconv.Itoa(p.Status)
}

// commonSite returns the scheme and host ("https://www.example.fi") that
// every page of urls shares, or "" when they do not share one (or are
// local files).
func commonSite(urls []string) string {
	site := ""
	for i, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "" || u.Host == "" || u.Opaque != "" || u.User != nil {
			return ""
		}
		s := u.Scheme + "://" + u.Host
		if i > 0 && s != site {
			return ""
		}
		site = s
	}
	return site
}

// relURL is raw without the site it starts with: its path, query and
// fragment ("/" for the home page).
func relURL(site, raw string) string {
	if site == "" || !strings.HasPrefix(raw, site) {
		return raw
	}
	rest := raw[len(site):]
	if rest == "" || rest[0] != '/' {
		rest = "/" + rest
	}
	return rest
}

// writeReports names the report files written, one a line.
func writeReports(w io.Writer, reports []string) {
	if len(reports) == 0 {
		return
	}
	label := "Report:"
	if len(reports) > 1 {
		label = "Reports:"
	}
	fmt.Fprintln(w)
	for i, path := range reports {
		if i > 0 {
			label = strings.Repeat(" ", len(label))
		}
		fmt.Fprintf(w, "%s %s\n", label, path)
	}
}
