package cmd

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"saavu/checks"
	"saavu/report"
)

// captured are the options the commands were run with.
type captured struct {
	check  *CheckOptions
	crawl  *CrawlOptions
	report *ReportOptions
}

// runRoot runs the whole command tree (so that the configuration file is
// read as in the program) with check, crawl and report replaced by
// functions that keep their options.
func runRoot(t *testing.T, args ...string) (captured, *Factory, error) {
	t.Helper()
	f, _, _ := testFactory()
	root := NewCmdRoot(f)
	var got captured
	var old []*cobra.Command
	for _, c := range root.Commands() {
		if slices.Contains(configCommands, c.Name()) {
			old = append(old, c)
		}
	}
	root.RemoveCommand(old...)
	root.AddCommand(
		NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got.check = o; return nil }),
		NewCmdCrawl(f, func(_ context.Context, o *CrawlOptions) error { got.crawl = o; return nil }),
		NewCmdReport(f, func(_ context.Context, o *ReportOptions) error { got.report = o; return nil }),
	)
	root.SetArgs(args)
	root.SetOut(&bytes.Buffer{})
	root.SetErr(&bytes.Buffer{})
	err := root.ExecuteContext(context.Background())
	return got, f, err
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if err := os.WriteFile(base, []byte(`{"baselineVersion": "1", "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		yaml    string
		args    []string // before --config FILE is added
		wantErr string
		check   func(t *testing.T, got captured)
	}{
		{
			name: "the file sets flags",
			yaml: `
urls: [https://www.example.fi/]
max-pages: 7
max-depth: 0
include: ^/fi/
exclude: ['\.pdf$', '^/en/']
rules: [document-title, image-alt, color-contrast]
fail-on: serious
outputs: [json=r.json, html=r.html]
lang: fi
page-timeout: 30s
screenshots: false
concurrency: 1
disable:
  color-contrast: brand colours, decided in ticket 12
baseline: ` + base + `
`,
			args: []string{"crawl"},
			check: func(t *testing.T, got captured) {
				o := got.crawl
				if o.MaxPages != 7 || o.MaxDepth != 0 || !slices.Equal(o.Include, []string{"^/fi/"}) || !slices.Equal(o.Exclude, []string{`\.pdf$`, "^/en/"}) ||
					!slices.Equal(o.Rules, []string{"document-title", "image-alt", "color-contrast"}) || o.FailOn != "serious" || o.Lang != "fi" ||
					o.PageTimeout != 30*time.Second || o.Screenshots || o.Concurrency != 1 || o.Baseline != base || o.baseline == nil {
					t.Errorf("%+v", o)
				}
				if want := []Output{{"json", "r.json"}, {"html", "r.html"}, {"summary", "-"}}; !slices.Equal(o.Outputs, want) {
					t.Errorf("outputs %v, want %v", o.Outputs, want)
				}
				if !slices.Equal(o.Targets, []string{"https://www.example.fi/"}) {
					t.Errorf("targets %v", o.Targets)
				}
				if want := []report.DisabledRule{{ID: "color-contrast", Reason: "brand colours, decided in ticket 12"}}; !slices.Equal(o.disabled, want) {
					t.Errorf("disabled %v", o.disabled)
				}
				if !slices.Contains(o.skipped(), "color-contrast") {
					t.Errorf("a disabled rule is not skipped: %v", o.skipped())
				}
			},
		},
		{
			name: "a fleet of browsers as a list, or one as a value",
			yaml: "browser-url: [http://chrome-0.chrome:9222, http://chrome-1.chrome:9222]\nurls: [https://a.example/]\n",
			args: []string{"crawl"},
			check: func(t *testing.T, got captured) {
				if want := []string{"http://chrome-0.chrome:9222", "http://chrome-1.chrome:9222"}; !slices.Equal(got.crawl.BrowserURLs, want) {
					t.Errorf("browser urls %v, want %v", got.crawl.BrowserURLs, want)
				}
			},
		},
		{
			name: "browser-urls is browser-url",
			yaml: "browser-urls: http://localhost:9222\nurls: [https://a.example/]\n",
			args: []string{"check", "--browser-url", "ws://127.0.0.1:9222/devtools/browser/x", "--browser-url", "http://10.0.0.2:9222"},
			check: func(t *testing.T, got captured) {
				if want := []string{"ws://127.0.0.1:9222/devtools/browser/x", "http://10.0.0.2:9222"}; !slices.Equal(got.check.BrowserURLs, want) {
					t.Errorf("browser urls %v, want %v (flags win)", got.check.BrowserURLs, want)
				}
			},
		},
		{
			name: "flags win over the file",
			yaml: "fail-on: serious\nrules: [image-alt]\nurls: [https://a.example/]\noutputs: {html: r.html}\n",
			args: []string{"check", "--fail-on", "critical", "--rules", "document-title", "-o", "json=-", "https://b.example/"},
			check: func(t *testing.T, got captured) {
				o := got.check
				if o.FailOn != "critical" || !slices.Equal(o.Rules, []string{"document-title"}) || !slices.Equal(o.Targets, []string{"https://b.example/"}) ||
					!slices.Equal(o.Outputs, []Output{{"json", "-"}}) {
					t.Errorf("%+v", o)
				}
			},
		},
		{
			name: "outputs as a map, urls as one value, keys of other commands ignored",
			yaml: "outputs:\n  html: r.html\n  json: r.json\nurls: www.example.fi\nmax-pages: 5\nrate: 2\n",
			args: []string{"check"},
			check: func(t *testing.T, got captured) {
				if want := []Output{{"html", "r.html"}, {"json", "r.json"}, {"summary", "-"}}; !slices.Equal(got.check.Outputs, want) {
					t.Errorf("outputs %v, want %v", got.check.Outputs, want)
				}
				if !slices.Equal(got.check.Targets, []string{"www.example.fi"}) {
					t.Errorf("targets %v", got.check.Targets)
				}
			},
		},
		{
			name: "report reads the shared keys",
			yaml: "urls: [https://a.example/]\nfail-on: moderate\nlang: sv\nmax-pages: 5\nbaseline: " + base + "\n",
			args: []string{"report", "r.json"},
			check: func(t *testing.T, got captured) {
				o := got.report
				if o.FailOn != "moderate" || o.Lang != "sv" || o.baseline == nil || !slices.Equal(o.Files, []string{"r.json"}) {
					t.Errorf("%+v", o)
				}
			},
		},
		{
			name: "standard",
			yaml: "standard: en301549-v4.1.1\nurls: [https://a.example/]\n",
			args: []string{"crawl"},
			check: func(t *testing.T, got captured) {
				if o := got.crawl; o.Standard != "en301549-v4.1.1" || o.standard() != checks.EN301549V411 {
					t.Errorf("standard %q (%v)", o.Standard, o.standard())
				}
			},
		},
		{name: "an unknown standard", yaml: "standard: wcag22\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:1: standard: unknown standard "wcag22" (choose one of en301549-v3.2.1, en301549-v4.1.1)`},
		{name: "persistent flags too", yaml: "log-level: loud\n", args: []string{"check", "x.example"}, wantErr: `saavu.yaml:1: log-level: "loud" is not one of debug`},
		{name: "no urls anywhere", yaml: "fail-on: serious\n", args: []string{"check"}, wantErr: "give at least one URL"},
		{name: "unknown key, with its line", yaml: "fail-on: serious\n\nmax-page: 5\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:3: unknown key "max-page"`},
		{name: "a list for one value", yaml: "fail-on: [serious, critical]\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:1: fail-on: takes one value, not a list"},
		{name: "a map for one value", yaml: "lang:\n  fi: yes\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:1: lang: takes one value, not a map"},
		{name: "not a number", yaml: "urls: [x.example]\nmax-pages: lots\n", args: []string{"crawl"},
			wantErr: `saavu.yaml:2: max-pages: "lots" is not a whole number`},
		{name: "not a duration", yaml: "page-timeout: 30\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:1: page-timeout: "30" is not a length of time: give it with a unit, e.g. 30s or 2m`},
		{name: "no value", yaml: "fail-on:\n", args: []string{"check", "x.example"}, wantErr: "saavu.yaml:1: fail-on: no value"},
		{name: "a nested list item", yaml: "rules:\n  - [a, b]\n", args: []string{"check", "x.example"}, wantErr: "a list item must be a single value"},
		{name: "set twice", yaml: "outputs: [json=a.json]\noutput: [html=b.html]\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:2: output is set twice (also on line 1)"},
		{name: "not settable", yaml: "config: other.yaml\n", args: []string{"check", "x.example"}, wantErr: "config cannot be set"},
		{name: "not a mapping", yaml: "- max-pages: 5\n", args: []string{"check", "x.example"}, wantErr: "saavu.yaml:1: expected settings"},
		{name: "bad YAML", yaml: "fail-on: [serious\n", args: []string{"check", "x.example"}, wantErr: "saavu.yaml: yaml:"},
		{name: "values are checked as flags are", yaml: "disable: {nope: because}\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:1: disable: unknown rule "nope"`},
		{name: "a disabled rule needs a reason", yaml: "disable: [color-contrast]\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:1: disable: color-contrast: say why the rule is off"},
		// An error in a value names the file, the line and the key, not
		// a flag that was never typed.
		{name: "fail-on", yaml: "lang: fi\nfail-on: bogus\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:2: fail-on: "bogus" is not one of any, critical`},
		{name: "an unknown format", yaml: "outputs: {htm: x.html}\n", args: []string{"check", "x.example"},
			wantErr: `saavu.yaml:1: outputs: unknown format "htm"`},
		{name: "a missing folder", yaml: "outputs: [html=/nonexistent/dir/r.html]\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:1: outputs: the folder /nonexistent/dir does not exist"},
		{name: "lang", yaml: "lang: de\n", args: []string{"report", "r.json"}, wantErr: `saavu.yaml:1: lang: "de" is not one of en, fi, sv`},
		{name: "concurrency", yaml: "concurrency: 0\n", args: []string{"check", "x.example"}, wantErr: "saavu.yaml:1: concurrency: must be at least 1"},
		{name: "rules", yaml: "rules: [nope]\n", args: []string{"check", "x.example"}, wantErr: `saavu.yaml:1: rules: unknown rule "nope"`},
		{name: "skip-rules", yaml: "skip-rules: nope\n", args: []string{"check", "x.example"}, wantErr: `saavu.yaml:1: skip-rules: unknown rule "nope"`},
		{name: "extra and rules", yaml: "extra: true\nrules: [image-alt]\n", args: []string{"check", "x.example"},
			wantErr: "saavu.yaml:1: extra and rules (line 2): --rules picks the rules to run"},
		{name: "baseline", yaml: "baseline: missing.json\n", args: []string{"check", "x.example"}, wantErr: "saavu.yaml:1: baseline: open missing.json"},
		{name: "max-pages", yaml: "max-pages: 0\n", args: []string{"crawl", "x.example"}, wantErr: "saavu.yaml:1: max-pages: must be at least 1"},
		{name: "rate", yaml: "rate: -1\n", args: []string{"crawl", "x.example"}, wantErr: "saavu.yaml:1: rate: must be 0 (no limit) or more"},
		{name: "include", yaml: "include: '('\n", args: []string{"crawl", "x.example"}, wantErr: `saavu.yaml:1: include: "(" is not a regular expression`},
		{name: "crawl urls", yaml: "urls: [ftp://x.example/]\n", args: []string{"crawl"}, wantErr: "saavu.yaml:1: urls: ftp://x.example/: only http and https"},
		{name: "check urls", yaml: "urls: [./missing.html]\n", args: []string{"check"}, wantErr: "saavu.yaml:1: urls: ./missing.html: no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "saavu.yaml")
			if err := os.WriteFile(path, []byte(tt.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append(slices.Clone(tt.args[:1]), append([]string{"--config", path}, tt.args[1:]...)...)
			got, _, err := runRoot(t, args...)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				// Usage is for mistakes on the command line.
				if _, usage := err.(*FlagError); usage && strings.Contains(tt.wantErr, "saavu.yaml:") {
					t.Errorf("an error in the configuration file is a FlagError (usage printed): %v", err)
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

// TestConfigEmpty: a command given no page names the configuration file
// it read, not saavu.yaml.
func TestConfigEmpty(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"check", "crawl"} {
		_, _, err := runRoot(t, c, "--config", empty)
		if err == nil || !strings.Contains(err.Error(), empty+" has no urls:") || strings.Contains(err.Error(), "saavu.yaml") {
			t.Errorf("%s --config empty.yaml: %v", c, err)
		}
	}
	t.Chdir(dir)
	if _, _, err := runRoot(t, "check"); err == nil || !strings.Contains(err.Error(), "(or urls: in saavu.yaml)") {
		t.Errorf("no configuration file: %v", err)
	}
}

// TestConfigInWorkingDirectory: saavu.yaml is read without --config, and
// a missing --config file is an error.
func TestConfigInWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "saavu.yaml"), []byte("urls: [https://a.example/]\nfail-on: minor\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	got, _, err := runRoot(t, "check")
	if err != nil {
		t.Fatal(err)
	}
	if got.check.FailOn != "minor" || !slices.Equal(got.check.Targets, []string{"https://a.example/"}) {
		t.Errorf("%+v", got.check)
	}
	// Commands other than check, crawl and report do not read it.
	if err := os.WriteFile(filepath.Join(dir, "saavu.yaml"), []byte("nonsense: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runRoot(t, "version"); err != nil {
		t.Errorf("version reads saavu.yaml: %v", err)
	}
	if _, _, err := runRoot(t, "check", "--config", "missing.yaml", "x.example"); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing --config file: %v", err)
	}
}
