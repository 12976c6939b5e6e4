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
