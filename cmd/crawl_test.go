package cmd

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCrawlFlags parses flags through runF, without a browser.
func TestCrawlFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		check   func(t *testing.T, o *CrawlOptions)
	}{
		{name: "defaults", args: []string{"https://a.example/"}, check: func(t *testing.T, o *CrawlOptions) {
			if o.MaxPages != 100 || o.MaxDepth != 5 || o.Rate != 4 || o.IgnoreRobots || o.Concurrency != 2 || o.FailOn != "any" ||
				!slices.Equal(o.Outputs, []Output{{"summary", "-"}}) {
				t.Errorf("defaults: %+v", o)
			}
		}},
		{name: "crawl flags", args: []string{"--max-pages", "7", "--max-depth", "0", "--include", "^/fi/", "--include", "^/sv/", "--exclude", `\.php$`,
			"--ignore-robots", "--rate", "0.5", "-o", "json=r.json", "--lang", "sv", "a.example"}, check: func(t *testing.T, o *CrawlOptions) {
			if o.MaxPages != 7 || o.MaxDepth != 0 || !slices.Equal(o.Include, []string{"^/fi/", "^/sv/"}) || !slices.Equal(o.Exclude, []string{`\.php$`}) ||
				!o.IgnoreRobots || o.Rate != 0.5 || o.Lang != "sv" || !slices.Equal(o.Outputs, []Output{{"json", "r.json"}, {"summary", "-"}}) {
				t.Errorf("%+v", o)
			}
		}},
		{name: "state", args: []string{"--state", "tila", "--resume", "a.example"}, check: func(t *testing.T, o *CrawlOptions) {
			if o.State != "tila" || !o.Resume || o.Fresh {
				t.Errorf("%+v", o)
			}
		}},
		{name: "resume and fresh", args: []string{"--resume", "--fresh", "a.example"}, wantErr: "--resume and --fresh"},
		{name: "no start", wantErr: "at least one URL"},
		{name: "bad max-pages", args: []string{"--max-pages", "0", "x.example"}, wantErr: "--max-pages"},
		{name: "bad max-depth", args: []string{"--max-depth", "-1", "x.example"}, wantErr: "--max-depth"},
		{name: "bad rate", args: []string{"--rate", "-1", "x.example"}, wantErr: "--rate"},
		{name: "bad include", args: []string{"--include", "(", "x.example"}, wantErr: "--include"},
		{name: "not http", args: []string{"ftp://x.example/"}, wantErr: "only http and https"},
		{name: "shared check", args: []string{"--fail-on", "blocker", "x.example"}, wantErr: "--fail-on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *CrawlOptions
			cmd := NewCmdCrawl(f, func(_ context.Context, o *CrawlOptions) error { got = o; return nil })
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

func TestDefaultStateDir(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.example.fi/fi/": filepath.Join(".saavu", "www.example.fi"),
		"http://127.0.0.1:8080/":     filepath.Join(".saavu", "127.0.0.1_8080"),
	} {
		if got := defaultStateDir(in); got != want {
			t.Errorf("defaultStateDir(%s) = %s, want %s", in, got, want)
		}
	}
}
