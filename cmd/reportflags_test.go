package cmd

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"saavu/report"
	"saavu/review"
	"saavu/statement"
)

// TestReportFlagsHelp: the help of -o and --lang lists the formats and
// languages each command takes, from the lists the packages keep.
func TestReportFlagsHelp(t *testing.T) {
	f, _, _ := testFactory()
	root := NewCmdRoot(f)
	for _, tt := range []struct {
		cmd     string
		formats []string
		langs   []string
		also    string // in the help of -o
	}{
		{cmd: "check", formats: report.Formats, langs: report.Languages, also: "in a folder that exists"},
		{cmd: "crawl", formats: report.Formats, langs: report.Languages, also: "in a folder that exists"},
		{cmd: "report", formats: report.Formats, langs: report.Languages, also: "in a folder that exists"},
		{cmd: "review", formats: reviewFormats, langs: review.Languages, also: "PATH alone is yaml=PATH"},
		{cmd: "statement", formats: statement.Formats, langs: review.Languages, also: "{lang} in PATH"},
		{cmd: "baseline", also: "write the baseline to this file (- for standard output)"},
	} {
		t.Run(tt.cmd, func(t *testing.T) {
			c, _, err := root.Find([]string{tt.cmd})
			if err != nil {
				t.Fatal(err)
			}
			o := c.Flags().Lookup("output")
			if o == nil || o.Shorthand != "o" {
				t.Fatalf("no -o")
			}
			if want := strings.Join(tt.formats, ", "); !strings.Contains(o.Usage, want) || !strings.Contains(o.Usage, tt.also) {
				t.Errorf("-o help %q lacks %q or %q", o.Usage, want, tt.also)
			}
			l := c.Flags().Lookup("lang")
			if tt.langs == nil {
				if l != nil {
					t.Errorf("--lang on %s", tt.cmd)
				}
				return
			}
			for _, lang := range tt.langs {
				if l == nil || !strings.Contains(l.Usage, lang) {
					t.Errorf("--lang help lacks %s", lang)
				}
			}
		})
	}
}

// TestReportFlagsCompletion: `saavu __complete`, which the shell
// completion scripts run, offers the formats of -o, then the files
// after FORMAT=, and the languages of --lang.
func TestReportFlagsCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"site/a.html", "site/b.json", "sivu.html", ".hidden"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	suffix := func(values []string, s string) []string {
		var out []string
		for _, v := range values {
			out = append(out, v+s)
		}
		return out
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"check", "-o", ""}, suffix(report.Formats, "=")},
		{[]string{"crawl", "--output", "ht"}, suffix(append(slices.Clone(report.Formats), "urls"), "=")}, // the shell keeps those that fit; urls with --discover-only
		{[]string{"report", "-o", ""}, suffix(report.Formats, "=")},
		{[]string{"review", "-o", ""}, suffix(reviewFormats, "=")},
		{[]string{"statement", "-o", ""}, suffix(statement.Formats, "=")},
		{[]string{"check", "-o", "html="}, []string{"html=site/", "html=sivu.html"}},
		{[]string{"check", "-o", "html=si"}, []string{"html=site/", "html=sivu.html"}},
		{[]string{"check", "-o", "json=site/"}, []string{"json=site/a.html", "json=site/b.json"}},
		{[]string{"check", "--lang", ""}, report.Languages},
		{[]string{"review", "--lang", ""}, review.Languages},
		{[]string{"statement", "--lang", ""}, review.Languages},
		{[]string{"statement", "--lang", "fi,"}, []string{"fi,en", "fi,sv"}},
		{[]string{"baseline", "-o", ""}, nil}, // a plain file: the shell's own completion
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f, out, errb := testFactory()
			if code := Execute(context.Background(), f, append([]string{"__complete"}, tt.args...)); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb)
			}
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				if !strings.HasPrefix(line, ":") { // the last line is the directive
					got = append(got, line)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReportFlagsValues: what -o and --lang take, command by command,
// parsed through each command's runF.
func TestReportFlagsValues(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	tests := []struct {
		name string
		args []string
		want string // the outputs, or what the error says
	}{
		{name: "report: the folder must exist", args: []string{"report", "r.json", "-o", "html=" + missing + "/r.html"},
			want: "-o html=" + missing + "/r.html: the folder " + missing + " does not exist"},
		{name: "report: the table alias", args: []string{"report", "r.json", "-o", "table"}, want: "[{table -}]"},
		{name: "crawl: unknown language", args: []string{"crawl", "--lang", "de", "https://a.example/"}, want: `--lang: "de" is not one of en, fi, sv`},
		{name: "baseline: a plain path", args: []string{"baseline", "r.json", "-o", "json=b.json"}, want: "json=b.json"},
		{name: "baseline: standard output", args: []string{"baseline", "r.json"}, want: "-"},
		{name: "baseline: no path", args: []string{"baseline", "r.json", "-o", ""}, want: "-o: missing file name (use - for standard output)"},
		{name: "diff: text on stdout by default", args: []string{"diff", "a.json", "b.json"}, want: "[{text -}]"},
		{name: "diff: html to a file", args: []string{"diff", "a.json", "b.json", "-o", "html=d.html"}, want: "[{html d.html} {text -}]"},
		{name: "diff: no sarif", args: []string{"diff", "a.json", "b.json", "-o", "sarif=d.sarif"}, want: `unknown format "sarif" (choose one of html, json, text)`},
		{name: "diff: unknown language", args: []string{"diff", "a.json", "b.json", "--lang", "de"}, want: `--lang: "de" is not one of en, fi, sv`},
		{name: "diff: one file", args: []string{"diff", "a.json"}, want: "give two JSON results files"},
		{name: "review: a path alone, in a folder to make", args: []string{"review", "r.json", "-o", missing + "/review.yaml", "-o", "CSV"},
			want: "[{yaml " + missing + "/review.yaml} {csv -}]"},
		{name: "review: unknown language", args: []string{"review", "r.json", "--lang", "de"}, want: `--lang: "de" is not one of en, fi, sv`},
		{name: "statement: a format alone", args: []string{"statement", "r.json", "--review", "r.yaml", "--org", "o.yaml", "-o", "MD"}, want: "[{md -}]"},
		{name: "statement: no file after =", args: []string{"statement", "r.json", "--review", "r.yaml", "--org", "o.yaml", "-o", "md="},
			want: "-o md=: missing file name after '='"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got any
			commands := map[string]*cobra.Command{
				"check":     NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o.Outputs; return nil }),
				"crawl":     NewCmdCrawl(f, func(_ context.Context, o *CrawlOptions) error { got = o.Outputs; return nil }),
				"report":    NewCmdReport(f, func(_ context.Context, o *ReportOptions) error { got = o.Outputs; return nil }),
				"baseline":  NewCmdBaseline(f, func(_ context.Context, o *BaselineOptions) error { got = o.Output; return nil }),
				"diff":      NewCmdDiff(f, func(_ context.Context, o *DiffOptions) error { got = o.Outputs; return nil }),
				"review":    NewCmdReview(f, func(_ context.Context, o *ReviewOptions) error { got = o.Outputs; return nil }),
				"statement": NewCmdStatement(f, func(_ context.Context, o *StatementOptions) error { got = o.Outputs; return nil }),
			}
			cmd := commands[tt.args[0]]
			cmd.SetArgs(tt.args[1:])
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			err := cmd.Execute()
			if err != nil {
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q, want %q", err, tt.want)
				}
				if _, ok := err.(*FlagError); !ok {
					t.Errorf("%v is not a FlagError", err)
				}
				return
			}
			if s := fmt.Sprint(got); s != tt.want {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}
