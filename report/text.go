package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"saavu/checks"
)

// TextWriter writes the terminal summary: one table of pages, one of
// failures, and the pages that could not be audited.
type TextWriter struct {
	Color bool // ANSI colours (only on a terminal with NO_COLOR unset)
	Width int  // terminal width; 0 for no limit
}

const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

func (t TextWriter) paint(code, s string) string {
	if !t.Color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t TextWriter) table(w io.Writer, header []string) *tablewriter.Table {
	symbols := tw.NewSymbols(tw.StyleASCII)
	if t.Color {
		symbols = tw.NewSymbols(tw.StyleLight)
	}
	opts := []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: symbols})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAutoWrap(tw.WrapNormal),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	}
	if t.Width > 0 {
		opts = append(opts, tablewriter.WithMaxWidth(t.Width))
	}
	tb := tablewriter.NewTable(w, opts...)
	tb.Header(header)
	return tb
}

// Write renders the summary.
func (t TextWriter) Write(w io.Writer, r *Report) error {
	s := r.Summary
	fmt.Fprintf(w, "%s %s: %s %s (WCAG %s %s)\n", r.Tool.Name, r.Tool.Version, r.Standard.Name, r.Standard.Version, r.Standard.WCAG, r.Standard.Level)
	fmt.Fprintf(w, "%d page(s): %d audited, %d not audited\n\n", s.Pages, s.Audited, s.NotAudited)

	// The tables are laid out once all their rows are in: their rows are
	// kept, short, and the pages are read once.
	pages := t.table(w, []string{"Page", "Status", "Failed", "Needs review", "Passed"})
	fails := t.table(w, []string{"Page", "Rule", "WCAG", "Impact", "Elements", "First element"})
	var notAudited [][2]string
	err := r.EachPage(func(_ int, p *Page) error {
		if !p.Audited() {
			_ = pages.Append([]string{p.URL, statusText(*p), t.paint(ansiRed, "not audited"), "", ""})
			notAudited = append(notAudited, [2]string{p.URL, p.Error})
			return nil
		}
		var failed, review, passed int
		for _, res := range p.Results {
			switch checks.Outcome(res.Outcome) {
			case checks.Failed:
				failed++
				fails.Append(failRow(p, &res))
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
		_ = pages.Append([]string{p.URL, statusText(*p), f, rv, strconv.Itoa(passed)})
		return nil
	})
	if err != nil {
		return err
	}
	if err := pages.Render(); err != nil {
		return err
	}

	if s.Failed > 0 {
		fmt.Fprintln(w, "\nFailures:")
		if err := fails.Render(); err != nil {
			return err
		}
	}

	if len(notAudited) > 0 {
		fmt.Fprintln(w, "\nNot audited:")
		for _, na := range notAudited {
			fmt.Fprintf(w, "  %s\n    %s\n", na[0], t.paint(ansiRed, na[1]))
		}
	}
	if len(r.DisabledRules) > 0 {
		fmt.Fprintln(w, "\nDisabled rules (not checked):")
		for _, d := range r.DisabledRules {
			fmt.Fprintf(w, "  %s: %s\n", d.ID, d.Reason)
		}
	}
	fmt.Fprintf(w, "\n%d failed, %d need review, %d passed (rule × page results)\n", s.Failed, s.CantTell, s.Passed)
	if b := r.Baseline; b != nil {
		fmt.Fprintf(w, "Baseline: %d new, %d baselined (failed elements)\n", b.New, b.Baselined)
	}
	return nil
}

// failRow is the row of a failed result in the table of failures.
func failRow(p *Page, res *Result) []string {
	n, old, first := 0, 0, ""
	for _, node := range res.Nodes {
		if node.Outcome == string(checks.Failed) {
			if n == 0 {
				first = node.Selector
			}
			n++
			if node.Baselined {
				old++
			}
		}
	}
	count := strconv.Itoa(n)
	if old > 0 {
		count += fmt.Sprintf(" (%d baselined)", old)
	}
	return []string{p.URL, res.Rule, strings.Join(res.WCAG, " "), res.Impact, count, first}
}

func statusText(p Page) string {
	if p.Status == 0 {
		return "-"
	}
	return strconv.Itoa(p.Status)
}
