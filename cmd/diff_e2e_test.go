package cmd_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

// TestDiffExitCodes runs saavu diff on the golden audits of
// testdata/golden/diff: 1 for new failures, 0 when there are none (or none
// at or above --fail-on), 2 for files it cannot compare.
func TestDiffExitCodes(t *testing.T) {
	dir := t.TempDir()
	golden, err := filepath.Abs("../testdata/golden/diff")
	if err != nil {
		t.Fatal(err)
	}
	old, new := filepath.Join(golden, "old.json"), filepath.Join(golden, "new.json")
	// The later audit measured against another standard.
	data, err := os.ReadFile(new)
	if err != nil {
		t.Fatal(err)
	}
	var other map[string]any
	if err := json.Unmarshal(data, &other); err != nil {
		t.Fatal(err)
	}
	other["standard"] = report.Standard{Name: "EN 301 549", Version: "V4.1.1", WCAG: "2.2", Level: "AA"}
	data, _ = json.Marshal(other)
	v4 := filepath.Join(dir, "v4.json")
	if err := os.WriteFile(v4, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"schemaVersion": "2", "pages": [`), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   string // the start of its first line; "" for none
		stdout   string // a line of it
		wantFile string // written, in dir
	}{
		{name: "new failures", args: []string{old, new}, code: 1,
			stderr: "saavu: exit 1: 2 new failures of any impact (rule × page; 2 new elements on 2 pages) and 1 site rule with a new failure (consistent-navigation)",
			stdout: "New failures (2)"},
		{name: "fail-on critical", args: []string{"--fail-on", "critical", old, new}, code: 1,
			stderr: "saavu: exit 1: 1 new failure at or above critical (rule × page; 1 new element on 1 page)"},
		{name: "none new", args: []string{new, new}, code: 0, stdout: "New failures (0)"},
		{name: "fail-on none", args: []string{"--fail-on", "none", "-o", "html=d.html", "-o", "json=d.json", old, new}, code: 0,
			stdout: "Fixed (2)", wantFile: "d.html"},
		{name: "in Finnish", args: []string{"--lang", "fi", "--fail-on", "none", old, new}, code: 0, stdout: "Uudet virheet (2)"},
		{name: "missing file", args: []string{filepath.Join(dir, "nope.json"), new}, code: 2, stderr: "saavu: open "},
		{name: "not JSON results", args: []string{filepath.Join(dir, "broken.json"), new}, code: 2, stderr: "saavu: "},
		{name: "two standards", args: []string{old, v4}, code: 2, stderr: "saavu: the results were measured against different standards"},
		{name: "one file", args: []string{old}, code: 2, stderr: "saavu: give two JSON results files"},
		{name: "trend", args: []string{"report", "--trend", "--fail-on", "none", "-o", "json=t.json", "-o", "html=t.html", old, new}, code: 0, wantFile: "t.html"},
		{name: "trend, newest first", args: []string{"report", "--trend", new, old}, code: 2, stderr: "saavu: --trend: " + old + " (2026-01-10T08:00:00Z) is not later than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if args[0] != "report" {
				args = append([]string{"diff"}, args...)
			}
			r := saavu(t, dir, args...)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d", r.code, tt.code)
			}
			if tt.stderr == "" && r.stderr != "" {
				t.Errorf("stderr: %q, want nothing", r.stderr)
			}
			if !strings.HasPrefix(r.stderr, tt.stderr) {
				t.Errorf("stderr:\n%s\nwant it to start %q", r.stderr, tt.stderr)
			}
			if tt.stdout != "" && !strings.Contains(r.stdout, "\n"+tt.stdout+"\n") {
				t.Errorf("stdout has no line %q:\n%s", tt.stdout, r.stdout)
			}
			if tt.wantFile != "" {
				if _, err := os.Stat(filepath.Join(dir, tt.wantFile)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
