package cmd

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"saavu/checks"
	"saavu/report"
)

func testFactory() (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	f := &Factory{IO: &IOStreams{Out: &out, ErrOut: &errb}, Version: "test",
		Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}
	return f, &out, &errb
}

// TestCheckFlags parses flags through runF, without a browser.
func TestCheckFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		check   func(t *testing.T, o *CheckOptions)
	}{
		{name: "defaults", args: []string{"https://a.example/"}, check: func(t *testing.T, o *CheckOptions) {
			if !slices.Equal(o.Outputs, []Output{{"summary", "-"}}) || o.FailOn != "any" || o.Concurrency != 2 || o.PageTimeout != time.Minute || !o.Screenshots || o.Lang != "en" {
				t.Errorf("defaults: %+v", o)
			}
		}},
		{name: "files keep the table on stdout", args: []string{"-o", "json=a.json", "-o", "html=b.html", "x"}, check: func(t *testing.T, o *CheckOptions) {
			want := []Output{{"json", "a.json"}, {"html", "b.html"}, {"summary", "-"}}
			if !slices.Equal(o.Outputs, want) {
				t.Errorf("outputs %+v, want %+v", o.Outputs, want)
			}
		}},
		{name: "outputs", args: []string{"-o", "json=a.json", "-o", "HTML=../testdata/b.html", "--output", "json", "x"}, check: func(t *testing.T, o *CheckOptions) {
			want := []Output{{"json", "a.json"}, {"html", "../testdata/b.html"}, {"json", "-"}}
			if !slices.Equal(o.Outputs, want) {
				t.Errorf("outputs %+v, want %+v", o.Outputs, want)
			}
		}},
		{name: "rules", args: []string{"--rules", "image-alt,link-name", "--skip-rules", "color-contrast", "--fail-on", "serious", "--lang", "fi", "x"}, check: func(t *testing.T, o *CheckOptions) {
			if !slices.Equal(o.Rules, []string{"image-alt", "link-name"}) || !slices.Equal(o.SkipRules, []string{"color-contrast"}) || o.FailOn != "serious" || o.Lang != "fi" {
				t.Errorf("%+v", o)
			}
		}},
		{name: "standard", args: []string{"--standard", "en301549-v4.1.1", "x"}, check: func(t *testing.T, o *CheckOptions) {
			if o.standard() != checks.EN301549V411 {
				t.Errorf("standard %v", o.standard())
			}
		}},
		{name: "default standard", args: []string{"x"}, check: func(t *testing.T, o *CheckOptions) {
			if o.Standard != "en301549-v3.2.1" || o.standard() != checks.EN301549V321 {
				t.Errorf("standard %q (%v)", o.Standard, o.standard())
			}
		}},
		{name: "bad standard", args: []string{"--standard", "wcag-2.2", "x"}, wantErr: `--standard: unknown standard "wcag-2.2" (choose one of en301549-v3.2.1, en301549-v4.1.1)`},
		{name: "no target", args: nil, wantErr: "at least one URL"},
		{name: "bad format", args: []string{"-o", "xml=a", "x"}, wantErr: "unknown format"},
		{name: "empty path", args: []string{"-o", "json=", "x"}, wantErr: "missing file name"},
		{name: "bad fail-on", args: []string{"--fail-on", "blocker", "x"}, wantErr: "--fail-on"},
		{name: "bad lang", args: []string{"--lang", "de", "x"}, wantErr: "--lang"},
		{name: "bad concurrency", args: []string{"--concurrency", "0", "x"}, wantErr: "--concurrency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *CheckOptions
			cmd := NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
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

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{in: "https://www.example.fi/a?b=1", want: "https://www.example.fi/a?b=1"},
		{in: "www.example.fi", want: "https://www.example.fi"},
		{in: "example.fi/palvelut", want: "https://example.fi/palvelut"},
		{in: "ftp://example.fi/", err: "only http and https"},
		{in: "./page.html", err: "no such file"},
		{in: "page.html", err: "no such file"},
		{in: "http://", err: "no host"},
	}
	for _, tt := range tests {
		got, err := normalizeURL(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestSelectRules(t *testing.T) {
	if _, err := selectRules(checks.DefaultStandard, []string{"nope"}, nil); err == nil || !strings.Contains(err.Error(), "saavu rules") {
		t.Errorf("unknown rule: %v", err)
	}
	if _, err := selectRules(checks.DefaultStandard, nil, []string{"nope"}); err == nil {
		t.Error("unknown skipped rule accepted")
	}
	rules, err := selectRules(checks.DefaultStandard, []string{"document-title"}, nil)
	if err != nil || len(rules) != 1 || rules[0].ID != "document-title" {
		t.Errorf("got %v, %v", rules, err)
	}
	if _, err := selectRules(checks.DefaultStandard, []string{"document-title"}, []string{"document-title"}); err == nil {
		t.Error("no rules left, no error")
	}
}

// TestStandardRules: each standard runs its own rules by default, and
// --extra runs every rule under either.
func TestStandardRules(t *testing.T) {
	for _, std := range checks.Standards {
		rules, err := selectRules(std, nil, nil)
		if err != nil || len(rules) != len(std.Rules()) || slices.ContainsFunc(rules, func(r *checks.Rule) bool { return !std.Required(r) }) {
			t.Errorf("%s: %d rules (%v), want its %d", std, len(rules), err, len(std.Rules()))
		}
		opts := &CheckOptions{FailOn: "any", Concurrency: 1, Lang: "en", Extra: true, Standard: std.ID}
		if err := opts.complete(); err != nil {
			t.Fatal(err)
		}
		if rules, err = selectRules(opts.standard(), opts.Rules, opts.SkipRules); err != nil || len(rules) != len(checks.Every()) {
			t.Errorf("%s --extra: %d rules (%v), want %d", std, len(rules), err, len(checks.Every()))
		}
	}
}

func TestExtraRules(t *testing.T) {
	rules, err := selectRules(checks.DefaultStandard, nil, nil)
	if err != nil || slices.ContainsFunc(rules, func(r *checks.Rule) bool { return r.Extra }) {
		t.Errorf("the default set has extra rules: %v", err)
	}
	opts := &CheckOptions{FailOn: "any", Concurrency: 1, Lang: "en", Extra: true}
	if err := opts.complete(); err != nil {
		t.Fatal(err)
	}
	rules, err = selectRules(checks.DefaultStandard, opts.Rules, opts.SkipRules)
	if err != nil || len(rules) != len(checks.Every()) {
		t.Errorf("--extra runs %d rules (%v), want %d", len(rules), err, len(checks.Every()))
	}
	opts = &CheckOptions{FailOn: "any", Concurrency: 1, Lang: "en", Extra: true, Rules: []string{"image-alt"}}
	if err := opts.complete(); err == nil {
		t.Error("--extra with --rules accepted")
	}
	if extra := checks.Extra(); len(extra) > 0 {
		rules, err = selectRules(checks.DefaultStandard, []string{extra[0].ID}, nil)
		if err != nil || len(rules) != 1 {
			t.Errorf("--rules %s: %v, %v", extra[0].ID, rules, err)
		}
	}
}

func TestExecuteExitCodes(t *testing.T) {
	f, out, _ := testFactory()
	if code := Execute(context.Background(), f, []string{"version"}); code != ExitOK || !strings.HasPrefix(out.String(), "saavu test") {
		t.Errorf("version: exit %d, out %q", code, out.String())
	}
	f, _, errb := testFactory()
	if code := Execute(context.Background(), f, []string{"check", "--nope"}); code != ExitError || !strings.Contains(errb.String(), "saavu --help") {
		t.Errorf("bad flag: exit %d, stderr %q", code, errb.String())
	}
}

// TestOutputOnTerminal: -o FORMAT without a file is refused when standard
// output is a terminal (a report would flood it), for every format and
// command; FORMAT=- still writes there, and a pipe takes FORMAT alone.
func TestOutputOnTerminal(t *testing.T) {
	for _, format := range report.Formats {
		if format == "summary" || format == "text" {
			continue // made for a terminal: see TestTerminalFormatsOnTerminal
		}
		for _, args := range [][]string{
			{"check", "-o", format, "https://a.example/"},
			{"crawl", "-o", format, "https://a.example/"},
			{"report", "-o", format, "r.json"},
		} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				f, out, errb := testFactory()
				f.IO.OutTTY = true
				code := Execute(context.Background(), f, args)
				want := fmt.Sprintf("saavu: -o %[1]s needs a file: -o %[1]s=report.%[2]s; -o %[1]s=- writes to stdout\n", format, outputExt(format))
				if code != ExitError || !strings.HasPrefix(errb.String(), want) || out.Len() > 0 {
					t.Errorf("exit %d, stderr %q, stdout %d bytes; want exit 2 and %q", code, errb.String(), out.Len(), want)
				}
			})
		}
	}
	for _, tty := range []bool{true, false} {
		f, _, _ := testFactory()
		f.IO.OutTTY = tty
		var got *CheckOptions
		cmd := NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
		args := []string{"-o", "html=-", "x"}
		if !tty {
			args = []string{"-o", "html", "x"}
		}
		cmd.SetArgs(args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("terminal %v, %q: %v", tty, args, err)
		}
		if want := []Output{{"html", "-"}}; !slices.Equal(got.Outputs, want) {
			t.Errorf("terminal %v, %q: outputs %v, want %v", tty, args, got.Outputs, want)
		}
	}
}

// TestTerminalFormatsOnTerminal: -o summary and -o text alone are made
// for a terminal and still write there.
func TestTerminalFormatsOnTerminal(t *testing.T) {
	for _, format := range []string{"summary", "text"} {
		f, _, _ := testFactory()
		f.IO.OutTTY = true
		var got *CheckOptions
		cmd := NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
		cmd.SetArgs([]string{"-o", format, "x"})
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("-o %s on a terminal: %v", format, err)
		}
		if want := []Output{{format, "-"}}; !slices.Equal(got.Outputs, want) {
			t.Errorf("-o %s on a terminal: outputs %v, want %v", format, got.Outputs, want)
		}
	}
}

// TestStandardSiteRules: consistent-help (WCAG 2.2) runs by default under
// V4.1.1 only; under V3.2.1 with --extra or --rules.
func TestStandardSiteRules(t *testing.T) {
	ids := func(rules []*checks.SiteRule) []string {
		var out []string
		for _, r := range rules {
			out = append(out, r.ID)
		}
		return out
	}
	has := func(rules []*checks.SiteRule) bool { return slices.Contains(ids(rules), "consistent-help") }
	if got := selectSiteRules(checks.EN301549V321, nil, nil); has(got) || len(got) != len(checks.SiteRules())-1 {
		t.Errorf("V3.2.1 default: %v", ids(got))
	}
	if got := selectSiteRules(checks.EN301549V411, nil, nil); !has(got) || len(got) != len(checks.SiteRules()) {
		t.Errorf("V4.1.1 default: %v", ids(got))
	}
	if got := selectSiteRules(checks.EN301549V321, []string{"document-title", "consistent-help"}, nil); !slices.Equal(ids(got), []string{"consistent-help"}) {
		t.Errorf("V3.2.1 --rules consistent-help: %v", ids(got))
	}
	if got := selectSiteRules(checks.EN301549V411, nil, []string{"consistent-help"}); has(got) {
		t.Errorf("V4.1.1 --skip-rules consistent-help: %v", ids(got))
	}
	opts := &CheckOptions{FailOn: "any", Concurrency: 1, Lang: "en", Extra: true}
	if err := opts.complete(); err != nil {
		t.Fatal(err)
	}
	if got := selectSiteRules(opts.standard(), opts.Rules, opts.SkipRules); !has(got) {
		t.Errorf("V3.2.1 --extra: %v", ids(got))
	}
}
