package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

const goldenReport = "../testdata/golden/report.json"

func readGolden(t *testing.T) (*report.Report, []byte) {
	t.Helper()
	data, err := os.ReadFile(goldenReport)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.ReadPart(bytes.NewReader(data), goldenReport)
	if err != nil {
		t.Fatal(err)
	}
	return r, data
}

func writeReport(t *testing.T, path string, r *report.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (report.JSONWriter{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func metaOf(r *report.Report) report.Meta {
	return report.Meta{Version: r.Tool.Version, GeneratedAt: r.GeneratedAt, Browser: r.Browser}
}

// TestReportCommand re-renders and merges saved results without a browser.
func TestReportCommand(t *testing.T) {
	whole, golden := readGolden(t)
	dir := t.TempDir()
	p := whole.Pages
	a := writeReport(t, filepath.Join(dir, "a.json"), report.Rebuild(metaOf(whole), whole.Rules, p[:2]))
	b := writeReport(t, filepath.Join(dir, "b.json"), report.Rebuild(metaOf(whole), whole.Rules, p[2:]))
	v2 := filepath.Join(dir, "v2.json")
	if err := os.WriteFile(v2, []byte(`{"schemaVersion": "99"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout []byte
		wantStderr string
	}{
		// The golden report has a page that was not audited: exit 2, as check.
		{name: "one file comes back unchanged", args: []string{"report", goldenReport, "-o", "json=-"}, wantCode: ExitError,
			wantStdout: golden, wantStderr: "1 of 4 page(s) in the results could not be audited"},
		{name: "two parts make the whole", args: []string{"report", b, a, "-o", "json=-"}, wantCode: ExitError, wantStdout: golden},
		{name: "standard input", args: []string{"report", "-", "-o", "json=-"}, stdin: string(golden), wantCode: ExitError, wantStdout: golden},
		{name: "the same page twice", args: []string{"report", a, goldenReport, "-o", "json=-"}, wantCode: ExitError, wantStdout: golden,
			wantStderr: "is in both " + a + " and " + goldenReport + ": keeping the one from " + goldenReport + " (given later)"},
		{name: "another schema version", args: []string{"report", a, v2}, wantCode: ExitError,
			wantStderr: v2 + `: schemaVersion "99" is not supported by this saavu`},
		{name: "a missing file", args: []string{"report", filepath.Join(dir, "nope.json")}, wantCode: ExitError, wantStderr: "nope.json: no such file"},
		{name: "no file", args: []string{"report"}, wantCode: ExitError, wantStderr: "at least one JSON results file"},
		{name: "bad format", args: []string{"report", "-o", "pdf=x", a}, wantCode: ExitError, wantStderr: "unknown format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, out, errb := testFactory()
			f.IO.In = strings.NewReader(tt.stdin)
			code := Execute(context.Background(), f, tt.args)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, errb)
			}
			if tt.wantStdout != nil && !bytes.Equal(out.Bytes(), tt.wantStdout) {
				t.Errorf("stdout is not the expected report (%d bytes, want %d)", out.Len(), len(tt.wantStdout))
			}
			if !strings.Contains(errb.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", errb, tt.wantStderr)
			}
		})
	}
}

// TestBaselineCommands: saavu baseline of saved results, then saavu report
// with that baseline: exit 0 and nothing new; a new failure is exactly
// the one new, and decides the exit status.
func TestBaselineCommands(t *testing.T) {
	whole, _ := readGolden(t)
	dir := t.TempDir()
	audited := whole.Pages[:3] // the fourth, a PDF, was not audited
	results := writeReport(t, filepath.Join(dir, "results.json"), report.Rebuild(metaOf(whole), whole.Rules, audited))
	base := filepath.Join(dir, "base.json")

	run := func(args ...string) (int, string, string) {
		f, out, errb := testFactory()
		code := Execute(context.Background(), f, args)
		return code, out.String(), errb.String()
	}
	if code, _, stderr := run("report", results); code != ExitFindings {
		t.Fatalf("report without a baseline: exit %d, want 1\n%s", code, stderr)
	}
	if code, _, stderr := run("report", "--fail-on", "none", results); code != ExitOK {
		t.Fatalf("--fail-on none: exit %d\n%s", code, stderr)
	}
	code, _, stderr := run("baseline", results, "-o", base)
	// 16 failed elements, and the menu out of order (a site rule's failure).
	if code != ExitOK || !strings.Contains(stderr, "17 accepted failure(s) on 3 page(s)") {
		t.Fatalf("baseline: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := run("report", "--baseline", base, results)
	if code != ExitOK || !strings.Contains(stdout, "Baseline: 5 accepted (17 elements); 0 new") {
		t.Fatalf("report with its own baseline: exit %d, want 0\n%s\n%s", code, stdout, stderr)
	}

	// One new failed element, on a rule that failed before too.
	changed, _ := readGolden(t)
	for i, res := range changed.Pages[0].Results {
		if res.Rule == "image-alt" {
			changed.Pages[0].Results[i].Nodes = append(res.Nodes, report.Node{Outcome: "failed", Selector: "#uusi", Snippet: `<img src="uusi.jpg" id="uusi">`, Message: "no alt"})
		}
	}
	later := writeReport(t, filepath.Join(dir, "later.json"), report.Rebuild(metaOf(changed), changed.Rules, changed.Pages[:3]))
	code, stdout, stderr = run("report", "--baseline", base, "-o", "json=-", later)
	if code != ExitFindings {
		t.Fatalf("a new failure: exit %d, want 1\n%s", code, stderr)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var fresh []string
	for _, p := range rep.Pages {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				if n.Outcome == "failed" && !n.Baselined {
					fresh = append(fresh, res.Rule+" "+n.Selector)
				}
			}
		}
	}
	if len(fresh) != 1 || fresh[0] != "image-alt #uusi" || rep.Baseline == nil || rep.Baseline.New != 1 || rep.Baseline.Baselined != 17 {
		t.Errorf("new failures %q, summary %+v; want only image-alt #uusi", fresh, rep.Baseline)
	}
	// --fail-on looks at new failures only: the baselined serious ones do not count.
	if code, _, _ := run("report", "--baseline", base, "--fail-on", "critical", later); code != ExitFindings {
		t.Errorf("--fail-on critical with a new critical failure: exit %d", code)
	}
	if code, _, _ := run("report", "--baseline", base, "--fail-on", "critical", results); code != ExitOK {
		t.Errorf("--fail-on critical, all baselined: exit %d", code)
	}
	if code, _, stderr := run("report", "--baseline", filepath.Join(dir, "none.json"), results); code != ExitError || !strings.Contains(stderr, "saavu baseline RESULTS.json") {
		t.Errorf("missing baseline: exit %d, stderr %q", code, stderr)
	}
}
