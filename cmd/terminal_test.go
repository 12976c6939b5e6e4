package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

// TestTerminalWidth: on a terminal, the summary and the text tables fit
// its width; a text report written to a file has none (and no colours).
func TestTerminalWidth(t *testing.T) {
	whole, _ := readGolden(t)
	dir := t.TempDir()
	// Long page addresses, as on a real site.
	pages := whole.Pages[:3]
	for i := range pages {
		pages[i].URL += "/palvelut-ja-asiointi/asuminen-ja-rakentaminen/jatehuolto-ja-kierratys"
	}
	results := writeReport(t, filepath.Join(dir, "results.json"), report.Rebuild(metaOf(whole), whole.Rules, pages))

	for _, tt := range []struct {
		width int
		args  []string
	}{
		{60, []string{"report", results}},
		{80, []string{"report", "-o", "text=-", "-o", "text=" + filepath.Join(dir, "full.txt"), results}},
	} {
		f, out, _ := testFactory()
		f.IO.OutTTY, f.IO.Width = true, tt.width
		if code := Execute(context.Background(), f, tt.args); code != ExitFindings {
			t.Fatalf("%q: exit %d, want 1", tt.args, code)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if n := len([]rune(line)); n > tt.width {
				t.Errorf("%q: a line of %d columns on a terminal of %d:\n%s", tt.args, n, tt.width, line)
			}
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "full.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "| /asuminen/jatehuolto/palvelut-ja-asiointi/asuminen-ja-rakentaminen/jatehuolto-ja-kierratys | link-name ") {
		t.Errorf("the text report written to a file is fitted to the terminal:\n%s", data)
	}
}

func TestExitReason(t *testing.T) {
	tests := []struct {
		f        report.Failing
		failOn   string
		baseline bool
		want     string
	}{
		{report.Failing{Results: 299, Pages: 60, Elements: 563}, "any", false, "exit 1: 299 failures of any impact (rule × page; 563 elements on 60 pages)"},
		{report.Failing{Results: 2, Pages: 1, Elements: 3}, "serious", true, "exit 1: 2 new failures at or above serious (rule × page; 3 new elements on 1 page)"},
		{report.Failing{Results: 1, Pages: 1, Elements: 1}, "critical", false, "exit 1: 1 failure at or above critical (rule × page; 1 element on 1 page)"},
		{report.Failing{Site: []string{"consistent-navigation"}}, "any", false, "exit 1: 1 failed site rule of any impact (consistent-navigation)"},
		{report.Failing{Results: 2, Pages: 1, Elements: 3, Site: []string{"consistent-navigation"}}, "moderate", true,
			"exit 1: 2 new failures at or above moderate (rule × page; 3 new elements on 1 page) and 1 site rule with a new failure (consistent-navigation)"},
	}
	for _, tt := range tests {
		if got := exitReason(tt.f, tt.failOn, tt.baseline); got != tt.want {
			t.Errorf("exitReason(%+v, %s, %v) = %q, want %q", tt.f, tt.failOn, tt.baseline, got, tt.want)
		}
	}
}
