package report

import (
	"reflect"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"saavu/checks"
)

// TestSummaryGolden: the summary of the golden report, naming two report
// files, to a terminal of 60 columns, and with a baseline and no report
// file.
func TestSummaryGolden(t *testing.T) {
	terminalGolden(t, []terminalCase{
		{"summary.txt", SummaryWriter{Reports: goldenReports}, false},
		{"summary.w60.txt", SummaryWriter{Width: 60, Reports: goldenReports[:1]}, false},
		{"summary.baseline.txt", SummaryWriter{}, true},
	})
}

// TestSummaryScreenful: the summary of a large crawl fits a screen (40
// lines; 45 on a narrow terminal, where a few sentences wrap), and no
// line of it is wider than the terminal.
func TestSummaryScreenful(t *testing.T) {
	r := bigReport(500)
	for _, width := range []int{0, 60, 80, 120} {
		out := string(render(t, SummaryWriter{Width: width, Reports: []string{"saavu.html", "saavu.json"}}, r))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if limit := map[bool]int{true: 45, false: 40}[width == 60]; len(lines) > limit {
			t.Errorf("width %d: the summary of %d pages is %d lines:\n%s", width, r.Summary.Pages, len(lines), out)
		}
		for _, l := range lines {
			if width > 0 && twwidth.Width(l) > width {
				t.Errorf("width %d: line %q is %d wide", width, l, twwidth.Width(l))
			}
		}
		if !strings.HasSuffix(out, "saavu.json\n") {
			t.Errorf("width %d: the summary does not end with the reports:\n%s", width, out)
		}
		for _, want := range []string{"more new failures", "more pages with new failures", "… and 7 more pages not audited", "New failures:", "Failures by WCAG criterion:"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: the summary lacks %q:\n%s", width, want, out)
			}
		}
	}
}

// TestCountFailing: CountFailing counts what Report.Failures counts.
func TestCountFailing(t *testing.T) {
	for name, r := range map[string]*Report{"golden": freshGolden(t), "baselined": goldenBaselined(t), "small": baselineReport()} {
		for _, min := range []checks.Impact{"", checks.Minor, checks.Moderate, checks.Serious, checks.Critical} {
			f := CountFailing(r, min)
			if got, want := f.Results+len(f.Site), r.Failures(min); got != want {
				t.Errorf("%s, at or above %q: CountFailing counts %d results, Failures %d", name, min, got, want)
			}
		}
	}
	if got := CountFailing(goldenBaselined(t), ""); !reflect.DeepEqual(got, Failing{Results: 2, Pages: 2, Elements: 2}) {
		t.Errorf("baselined golden: %+v, want 2 new failures, on 2 pages, of an element each", got)
	}
}
