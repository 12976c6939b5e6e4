package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const statementResults = "../testdata/statement/results.json"

func TestReviewFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  string // in the error; "" for none
		check func(t *testing.T, o *ReviewOptions)
	}{
		{name: "a new worksheet to a file", args: []string{"r.json", "-o", "review.yaml", "-o", "html=review.html"}, check: func(t *testing.T, o *ReviewOptions) {
			if len(o.Outputs) != 2 || o.Outputs[0] != (Output{"yaml", "review.yaml"}) || o.Outputs[1] != (Output{"html", "review.html"}) || o.Law != "fi" {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "the worksheet to stdout by default", args: []string{"r.json", "--law", "eu", "--lang", "sv"}, check: func(t *testing.T, o *ReviewOptions) {
			if len(o.Outputs) != 1 || o.Outputs[0] != (Output{"yaml", "-"}) || o.Law != "eu" || o.Lang != "sv" {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "update", args: []string{"--update", "review.yaml", "new.json"}, check: func(t *testing.T, o *ReviewOptions) {
			if o.Update != "review.yaml" || len(o.Outputs) != 0 {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "no results", args: nil, want: "give at least one JSON results file"},
		{name: "update without results", args: []string{"--update", "review.yaml"}, want: "--update needs the newer JSON results"},
		{name: "view with results", args: []string{"--view", "review.yaml", "r.json"}, want: "--view reads only the worksheet"},
		{name: "update and view", args: []string{"--update", "a.yaml", "--view", "a.yaml", "r.json"}, want: "cannot be used together"},
		{name: "law with update", args: []string{"--update", "a.yaml", "--law", "eu", "r.json"}, want: "the worksheet says its law"},
		{name: "unknown law", args: []string{"--law", "se", "r.json"}, want: `--law: "se" is not one of fi, eu`},
		{name: "unknown language", args: []string{"--lang", "de", "r.json"}, want: `--lang: "de" is not one of en, fi, sv`},
		{name: "unknown view", args: []string{"-o", "pdf=x.pdf", "r.json"}, want: `unknown format "pdf" (choose one of yaml, html, csv)`},
		{name: "two worksheets", args: []string{"-o", "a.yaml", "-o", "yaml=b.yaml", "r.json"}, want: "give the worksheet (yaml) once"},
		{name: "two to stdout", args: []string{"-o", "html", "r.json"}, want: "only one output can go to standard output"},
		{name: "view writing the worksheet", args: []string{"--view", "a.yaml", "-o", "b.yaml"}, want: "--view writes views only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *ReviewOptions
			cmd := NewCmdReview(f, func(_ context.Context, o *ReviewOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			err := cmd.Execute()
			if tt.want != "" {
				var fe *FlagError
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
				if !asFlagError(err, &fe) {
					t.Errorf("%v is not a FlagError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
		})
	}
}

func asFlagError(err error, fe **FlagError) bool {
	e, ok := err.(*FlagError)
	*fe = e
	return ok
}

// TestReviewCommand makes a worksheet, fills it, updates it with the same
// results (a backup is written first) and views it, through Execute.
func TestReviewCommand(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "review.yaml")
	run := func(args ...string) (int, string, string) {
		f, out, errb := testFactory()
		code := Execute(context.Background(), f, args)
		return code, out.String(), errb.String()
	}
	code, _, stderr := run("review", statementResults, "-o", ws, "-o", "html="+filepath.Join(dir, "review.html"), "-o", "csv="+filepath.Join(dir, "review.csv"))
	if code != ExitOK || !strings.Contains(stderr, "worksheet of 49 criteria: 6 failed in the automated tests, 2 have elements to confirm, 41 to check by hand") {
		t.Fatalf("review: exit %d\n%s", code, stderr)
	}
	data, err := os.ReadFile(ws)
	if err != nil {
		t.Fatal(err)
	}
	filledData := strings.Replace(string(data), "  - sc: 2.4.2\n", "  # Checked by hand on 1 Dec.\n  - sc: 2.4.2\n", 1)
	if err := os.WriteFile(ws, []byte(filledData), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run("review", "--update", ws, statementResults, "-o", "html="+filepath.Join(dir, "review.html"))
	if code != ExitOK || !strings.Contains(stderr, "updated "+ws+" (the old one is in "+ws+".bak)") || !strings.Contains(stderr, "nothing changed") {
		t.Fatalf("update: exit %d\n%s", code, stderr)
	}
	bak, err := os.ReadFile(ws + ".bak")
	if err != nil || string(bak) != filledData {
		t.Errorf("the backup is not the worksheet as it was (%v)", err)
	}
	after, _ := os.ReadFile(ws)
	if !strings.Contains(string(after), "# Checked by hand on 1 Dec.\n") {
		t.Error("the update lost a comment")
	}
	// A bad verdict: --view says where, and exits 2.
	bad := strings.Replace(string(after), "verdict: # pass, fail or notApplicable", "verdict: good", 1)
	if err := os.WriteFile(ws, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run("review", "--view", ws, "-o", "csv=-")
	if code != ExitError || !strings.Contains(stderr, ws+":") || !strings.Contains(stderr, `"good" is not a verdict`) {
		t.Errorf("view of a bad worksheet: exit %d\n%s", code, stderr)
	}
	// A partial audit is refused unless allowed.
	code, _, stderr = run("review", goldenReport)
	if code != ExitError || !strings.Contains(stderr, "partial audit") || !strings.Contains(stderr, "--allow-partial") {
		t.Errorf("partial results: exit %d\n%s", code, stderr)
	}
	if code, _, stderr = run("review", "--allow-partial", goldenReport, "-o", filepath.Join(dir, "p.yaml")); code != ExitOK {
		t.Errorf("--allow-partial: exit %d\n%s", code, stderr)
	}
}
