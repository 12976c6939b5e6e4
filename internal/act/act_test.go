package act_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"saavu/checks"
	"saavu/internal/act"
	"saavu/internal/build"
	"saavu/internal/chrometest"
)

var (
	table   = flag.Bool("act.table", false, "print the per-rule table and the comparison with other tools (Markdown; run with -v)")
	earl    = flag.String("act.earl", "", "write the EARL implementation report (JSON-LD) to this file")
	doc     = flag.String("act.doc", "", "rewrite the generated section of this Markdown file (docs/act.md) with the table")
	only    = flag.String("act.rules", "", "audit only the test cases of these ACT rules (comma-separated ACT or saavu rule ids)")
	version = flag.String("act.version", build.Version, "saavu version named in the EARL report")
	settle  = flag.Duration("act.settle", 0, "quiet network awaited after each page's load event (browser.Options.Settle; 0: saavu's default)")
)

// tabs is the number of pages audited at once. Keep it at 2: CI machines
// and developer laptops run other tests beside this one.
const tabs = 2

func TestMain(m *testing.M) {
	flag.Parse()
	chrometest.Options.Screenshots = false // verdicts only: no report is written
	if *settle > 0 {
		chrometest.Options.Settle = *settle
	}
	code := m.Run()
	chrometest.Close()
	os.Exit(code)
}

// TestACTConformance audits every page of the W3C ACT rules test suite in
// one run and checks that each ACT rule saavu implements is consistent
// with its examples: no failed example reported passed or inapplicable,
// no passed or inapplicable example reported failed.
func TestACTConformance(t *testing.T) {
	if testing.Short() && *only == "" {
		t.Skip("skipping: the W3C ACT suite takes minutes to audit; run without -short (or narrow it with -act.rules)")
	}
	dir, err := act.FindDir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	suite, err := act.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	rules := checks.Every() // the extra rules too: the suite has AAA and best-practice rules
	if *only != "" {
		if *earl != "" || *doc != "" {
			t.Fatal("-act.rules audits part of the suite: do not combine it with -act.earl or -act.doc")
		}
		if suite, err = suite.Select(strings.Split(*only, ","), rules); err != nil {
			t.Fatalf("-act.rules: %v", err)
		}
	}
	b := chrometest.Browser(t)
	srv := httptest.NewServer(suite.Handler())
	defer srv.Close()

	// Stop before go test's -timeout panics, to say how far the run got.
	ctx := t.Context()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-20*time.Second))
		defer cancel()
	}
	start := time.Now()
	audited := 0
	res, err := act.Run(ctx, b, srv.URL, suite, rules, tabs, func(n int) {
		audited = n
		if n%100 == 0 {
			t.Logf("%d of %d pages audited (%s)", n, len(suite.Cases), time.Since(start).Round(time.Second))
		}
	})
	if err != nil {
		if ctx.Err() != nil && t.Context().Err() == nil {
			t.Fatalf("out of time: %d of %d pages audited in %s; raise go test's -timeout (e.g. -timeout 30m)",
				audited, len(suite.Cases), time.Since(start).Round(time.Second))
		}
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	t.Logf("audited %d of %d test-case pages in %s with %d tabs (%.1f pages/s, %d rules, %s)",
		res.Audited, len(suite.Cases), elapsed.Round(100*time.Millisecond), tabs,
		float64(len(suite.Cases))/elapsed.Seconds(), len(rules), b.Version)
	for _, e := range res.PageErrors {
		t.Logf("not audited (counted as cantTell): %s", e)
	}
	for _, e := range res.RuleErrors {
		if strings.Contains(e, "internal error") {
			t.Errorf("rule crashed: %s", e)
		} else {
			t.Logf("rule gave up: %s", e)
		}
	}

	sc := act.ScoreVerdicts(suite, rules, res.Verdicts)
	if *only != "" {
		sc.Unknown = nil // the suite was cut down to the rules asked for
	}
	for _, id := range sc.Unknown {
		t.Logf("ACT rule %s is claimed by a saavu rule but has no test case in the suite (deprecated, or a typo in Rule.ACT?)", id)
	}
	for _, rs := range sc.Rules {
		if rs.Untested > 0 {
			t.Errorf("ACT %s: %d test cases got no verdict", rs.ID, rs.Untested)
		}
		if !rs.Consistent() {
			t.Errorf("%s", inconsistency(suite.Dir, rs))
		}
	}
	t.Log(sc.Totals.Summary())

	if *table {
		var out bytes.Buffer
		if err := act.WriteTable(&out, sc); err != nil {
			t.Fatal(err)
		}
		if tools, err := act.LoadTools(act.ToolsFile(suite.Dir)); err == nil && *only == "" {
			out.WriteString("\n")
			if err := act.WriteComparison(&out, sc, *version, tools); err != nil {
				t.Fatal(err)
			}
		} else if err != nil {
			t.Logf("no comparison with other tools: %v", err)
		}
		fmt.Fprintf(&out, "\nRun time: %d pages in %s with %d tabs (%.1f pages/s).\n",
			len(suite.Cases), elapsed.Round(time.Second), tabs, float64(len(suite.Cases))/elapsed.Seconds())
		fmt.Print(out.String())
	}
	if *doc != "" {
		if err := writeDoc(*doc, sc, suite.Dir, elapsed, len(suite.Cases)); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the table into %s", *doc)
	}
	if *earl != "" {
		var out bytes.Buffer
		by := act.Assertor{Name: "saavu", Version: *version,
			Description: "saavu " + *version + ", rules run on pages rendered by " + b.Version}
		if err := act.WriteEARL(&out, by, res.Verdicts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*earl, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the EARL implementation report to %s", *earl)
	}
}

// inconsistency explains an inconsistent ACT rule: each offending test
// case, with its path to open and what saavu reported.
func inconsistency(dir string, rs act.RuleScore) string {
	var b strings.Builder
	fmt.Fprintf(&b, "ACT %s %q (saavu: %s) is inconsistent: %d of %d failed examples missed, %d of %d passed/inapplicable examples reported failed. Open the pages under %s:",
		rs.ID, rs.Name, strings.Join(rs.Rules, ", "), rs.Missed, rs.FailedExamples, rs.FalsePositives, rs.OtherExamples, dir)
	for _, v := range rs.Problems {
		kind := "missed"
		if v.Case.Expected != checks.Failed {
			kind = "false positive"
		}
		fmt.Fprintf(&b, "\n  %s: %s (%s): expected %s, saavu said %s", kind, v.Case.Page, v.Case.Title, v.Case.Expected, v.Outcome)
		for _, d := range v.Details {
			fmt.Fprintf(&b, "\n      %s", d)
		}
		if v.Err != "" {
			fmt.Fprintf(&b, "\n      not audited: %s", v.Err)
		}
	}
	return b.String()
}

// Markers around the generated part of docs/act.md.
const (
	docStart = "<!-- act-table:start (generated by TestACTConformance -act.doc; do not edit) -->"
	docEnd   = "<!-- act-table:end -->"
)

// writeDoc replaces the generated section of the Markdown file with the
// table and the comparison.
func writeDoc(path string, sc act.Score, suiteDir string, elapsed time.Duration, pages int) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	before, rest, ok1 := strings.Cut(string(old), docStart)
	_, after, ok2 := strings.Cut(rest, docEnd)
	if !ok1 || !ok2 {
		return fmt.Errorf("%s: no generated section (the lines %q and %q)", path, docStart, docEnd)
	}
	var b bytes.Buffer
	b.WriteString(before + docStart + "\n\n")
	if err := act.WriteTable(&b, sc); err != nil {
		return err
	}
	if tools, err := act.LoadTools(act.ToolsFile(suiteDir)); err == nil {
		b.WriteString("\nThe same totals beside the results other tools published for these test cases (W3C implementation reports, recounted on this version of the suite):\n\n")
		if err := act.WriteComparison(&b, sc, *version, tools); err != nil {
			return err
		}
	}
	fmt.Fprintf(&b, "\nRun time: %d pages in %s with %d tabs (%.1f pages/s).\n\n", pages, elapsed.Round(time.Second), tabs,
		float64(pages)/elapsed.Seconds())
	b.WriteString(docEnd + after)
	return os.WriteFile(filepath.Clean(path), b.Bytes(), 0o644)
}
