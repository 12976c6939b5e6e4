package cmd

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	statementReview = "../testdata/statement/review.yaml"
	statementOrg    = "../testdata/statement/org.yaml"
)

func TestStatementFlags(t *testing.T) {
	base := []string{"r.json", "--review", "review.yaml", "--org", "org.yaml"}
	tests := []struct {
		name  string
		args  []string
		want  string // in the error; "" for none
		check func(t *testing.T, o *StatementOptions)
	}{
		{name: "html to stdout by default", args: base, check: func(t *testing.T, o *StatementOptions) {
			if len(o.Outputs) != 1 || o.Outputs[0] != (Output{"html", "-"}) || o.Langs != nil {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "languages with {lang}", args: append(base, "--lang", "fi,sv", "-o", "html=s-{lang}.html", "-o", "json=s-{lang}.json"), check: func(t *testing.T, o *StatementOptions) {
			if strings.Join(o.Langs, ",") != "fi,sv" || len(o.Outputs) != 2 {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "init", args: []string{"--init", "org.yaml"}, check: func(t *testing.T, o *StatementOptions) {
			if o.Init != "org.yaml" {
				t.Errorf("opts %+v", o)
			}
		}},
		{name: "init with more", args: []string{"--init", "org.yaml", "r.json"}, want: "--init writes only the org.yaml template"},
		{name: "no results", args: []string{"--review", "r.yaml", "--org", "o.yaml"}, want: "give the JSON results"},
		{name: "no review", args: []string{"r.json", "--org", "o.yaml"}, want: "--review: give the filled review worksheet"},
		{name: "no org", args: []string{"r.json", "--review", "r.yaml"}, want: "saavu statement --init org.yaml"},
		{name: "unknown language", args: append(base, "--lang", "fi,de"), want: `--lang: "de" is not one of en, fi, sv`},
		{name: "several languages, one file", args: append(base, "--lang", "fi,sv", "-o", "html=seloste.html"), want: "2 languages (fi,sv) need {lang} in the path, e.g. -o html=seloste-{lang}.html"},
		{name: "unknown format", args: append(base, "-o", "pdf=s.pdf"), want: `unknown format "pdf" (choose one of html, md, json, earl)`},
		{name: "fragment without html", args: append(base, "--fragment", "-o", "md=s.md"), want: "--fragment changes the HTML output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *StatementOptions
			cmd := NewCmdStatement(f, func(_ context.Context, o *StatementOptions) error { got = o; return nil })
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

// TestStatementCommand: --init, a draft of the template, the real
// statement in three languages, and the warning of an old review with an
// injected clock.
func TestStatementCommand(t *testing.T) {
	dir := t.TempDir()
	run := func(now time.Time, args ...string) (int, string, string) {
		f, out, errb := testFactory()
		f.Now = func() time.Time { return now }
		code := Execute(context.Background(), f, args)
		return code, out.String(), errb.String()
	}
	day := time.Date(2026, 12, 10, 0, 0, 0, 0, time.UTC)
	org := filepath.Join(dir, "org.yaml")
	if code, _, stderr := run(day, "statement", "--init", org); code != ExitOK || !strings.Contains(stderr, "wrote "+org) {
		t.Fatalf("--init: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(day, "statement", "--init", org); code != ExitError || !strings.Contains(stderr, "does not overwrite") {
		t.Errorf("--init over a file: exit %d\n%s", code, stderr)
	}
	code, _, stderr := run(day, "statement", statementResults, "--review", statementReview, "--org", org)
	if code != ExitError || !strings.Contains(stderr, "name is still the template's example value") {
		t.Errorf("the template in a real run: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := run(day, "statement", statementResults, "--review", statementReview, "--org", org, "--draft")
	if code != ExitOK || !strings.Contains(stdout, "Luonnos") || !strings.Contains(stdout, "Malliniemen kunta") {
		t.Errorf("a draft from the template: exit %d\n%s", code, stderr)
	}

	out := filepath.Join(dir, "seloste-{lang}.html")
	code, _, stderr = run(day, "statement", statementResults, "--review", statementReview, "--org", statementOrg, "--lang", "fi,sv,en", "-o", "html="+out, "-o", "earl="+filepath.Join(dir, "evaluation-{lang}.jsonld"))
	if code != ExitOK || !strings.Contains(stderr, "compliance partial (7 of 41 applicable criteria fail, 2 without a verdict)") {
		t.Fatalf("statement: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "12 months") {
		t.Errorf("a week-old review gets the yearly warning:\n%s", stderr)
	}
	for lang, title := range map[string]string{"fi": "Saavutettavuusseloste", "sv": "Tillgänglighetsutlåtande", "en": "Accessibility statement"} {
		b, err := os.ReadFile(strings.ReplaceAll(out, "{lang}", lang))
		if err != nil || !strings.Contains(string(b), "<h1>"+title+"</h1>") || !strings.Contains(string(b), `<html lang="`+lang+`">`) {
			t.Errorf("%s statement: %v", lang, err)
		}
	}
	_, _, stderr = run(time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC), "statement", statementResults, "--review", statementReview, "--org", statementOrg, "-o", "md="+filepath.Join(dir, "s.md"))
	if !strings.Contains(stderr, "warning: the statement was last reviewed on 2026-12-03, more than 12 months ago") {
		t.Errorf("no yearly warning a year later:\n%s", stderr)
	}

	// A worksheet made from other results is refused unless --draft.
	other := filepath.Join(dir, "other.yaml")
	data, _ := os.ReadFile(statementReview)
	os.WriteFile(other, []byte(strings.Replace(string(data), "audited: 5", "audited: 7", 1)), 0o644)
	code, _, stderr = run(day, "statement", statementResults, "--review", other, "--org", statementOrg)
	if code != ExitError || !strings.Contains(stderr, "was made from other results") || !strings.Contains(stderr, "saavu review --update") {
		t.Errorf("a worksheet of other results: exit %d\n%s", code, stderr)
	}
	// An invalid worksheet names the line.
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(data), "verdict: fail", "verdict: failed", 1)), 0o644)
	code, _, stderr = run(day, "statement", statementResults, "--review", bad, "--org", statementOrg)
	if code != ExitError || !strings.Contains(stderr, bad+":") || !strings.Contains(stderr, `"failed" is not a verdict`) {
		t.Errorf("an invalid worksheet: exit %d\n%s", code, stderr)
	}
}
