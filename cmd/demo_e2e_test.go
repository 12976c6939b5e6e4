package cmd_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/demo"
	"saavu/report"
)

// TestDemo runs the README's first command, crawl --demo, and holds the
// report to the demo's barrier table (internal/demo): every barrier found
// by its rule on its page with the outcome the table gives, nothing else
// failed or needing review, the passing pages clean, and exit status 1.
func TestDemo(t *testing.T) {
	needChrome(t)
	dir := t.TempDir()
	tmp := t.TempDir() // TMPDIR of the run: the state folder must not outlive it
	cmd := exec.Command(binary, "crawl", "--demo", "-o", "json=report.json", "-o", "html=report.html")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TMPDIR="+tmp)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	t.Logf("saavu crawl --demo → %v\nstderr:\n%s", err, errb.String())
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1 (failures)\n%s", err, out.String())
	}
	m := regexp.MustCompile(`saavu: serving the demo site at (http://127\.0\.0\.1:\d+)/ `).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("stderr does not say where the demo site is served")
	}
	base := m[1]
	if strings.Contains(errb.String(), "crawl state in") {
		t.Error("stderr points at the temporary state folder, which is gone after the run")
	}

	rep := readReport(t, filepath.Join(dir, "report.json"))
	var got, want []string
	for _, p := range rep.Pages {
		got = append(got, strings.TrimPrefix(p.URL, base))
	}
	for _, p := range demo.Pages {
		want = append(want, p.Path)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages audited:\n got %q\nwant %q", got, want)
	}
	for _, dp := range demo.Pages {
		p := pageOf(t, rep, base+dp.Path)
		if p.Status != 200 || p.Error != "" {
			t.Errorf("%s: status %d error %q", dp.Path, p.Status, p.Error)
			continue
		}
		results := map[string]report.Result{}
		for _, r := range p.Results {
			results[r.Rule] = r
		}
		planted := map[string]bool{}
		for _, b := range dp.Barriers {
			planted[b.Rule] = true
			r, ok := results[b.Rule]
			switch {
			case !ok:
				t.Errorf("%s: %s did not run", dp.Path, b.Rule)
			case r.Outcome != string(b.Outcome):
				t.Errorf("%s: %s %s, want %s: %s\n%s", dp.Path, b.Rule, r.Outcome, b.Outcome, b.What, messages(r))
			case !slices.ContainsFunc(r.Nodes, func(n report.Node) bool { return n.Outcome == r.Outcome }):
				t.Errorf("%s: %s %s without an element", dp.Path, b.Rule, r.Outcome)
			}
		}
		for _, r := range p.Results {
			if (r.Outcome == string(checks.Failed) || r.Outcome == string(checks.CantTell)) && !planted[r.Rule] {
				t.Errorf("%s: %s %s, not in the barrier table (internal/demo)\n%s", dp.Path, r.Rule, r.Outcome, messages(r))
			}
		}
	}
	if len(rep.BrokenLinks) != 1 || rep.BrokenLinks[0].URL != base+demo.BrokenLink || rep.BrokenLinks[0].Status != 404 {
		t.Errorf("broken links %+v, want %s (404)", rep.BrokenLinks, demo.BrokenLink)
	}
	if len(rep.Documents) != 1 || rep.Documents[0].URL != base+demo.Document || rep.Documents[0].ContentType != "application/pdf" {
		t.Errorf("documents %+v, want %s", rep.Documents, demo.Document)
	}

	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range demo.Pages {
		if !bytes.Contains(html, []byte(base+p.Path)) {
			t.Errorf("the HTML report does not show %s", p.Path)
		}
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "saavu-demo-*"))
	files, _ := os.ReadDir(dir)
	if len(left) > 0 || len(files) != 2 {
		t.Errorf("left behind: %q in TMPDIR, %d files in the working directory (want the 2 reports)", left, len(files))
	}
}

// messages lists what a result says about its elements.
func messages(r report.Result) string {
	var b strings.Builder
	for _, n := range r.Nodes {
		b.WriteString("  " + n.Outcome + " " + n.Selector + ": " + n.Message + "\n")
	}
	return b.String()
}
