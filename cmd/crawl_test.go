package cmd

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"saavu/browser"
	"saavu/crawl"
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
		{name: "discover only", args: []string{"--discover-only", "-o", "urls=u.txt", "a.example"}, check: func(t *testing.T, o *CrawlOptions) {
			if !o.DiscoverOnly || !slices.Equal(o.Outputs, []Output{{"urls", "u.txt"}}) {
				t.Errorf("the summary is not dropped, or urls not read: %+v", o.Outputs)
			}
		}},
		{name: "discover only to stdout", args: []string{"--discover-only", "-o", "urls=-", "a.example"}, check: func(t *testing.T, o *CrawlOptions) {
			if !slices.Equal(o.Outputs, []Output{{"urls", "-"}}) {
				t.Errorf("%+v", o.Outputs)
			}
		}},
		{name: "discover only without urls", args: []string{"--discover-only", "a.example"}, wantErr: "--discover-only needs -o urls=PATH"},
		{name: "discover only with a report", args: []string{"--discover-only", "-o", "urls=u.txt", "-o", "json=r.json", "a.example"}, wantErr: "writes no report"},
		{name: "urls without discover only", args: []string{"-o", "urls=u.txt", "a.example"}, wantErr: "add --discover-only"},
		{name: "discover only and sample", args: []string{"--discover-only", "-o", "urls=-", "--sample", "5", "a.example"}, wantErr: "--discover-only and --sample"},
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

// TestSayStartFailures: why a start address was not audited, in words,
// and the http:// address to try only when it might help.
func TestSayStartFailures(t *testing.T) {
	var b bytes.Buffer
	sayStartFailures(&b, []startFailure{
		{url: "https://a.example:8761/", kind: browser.KindNetwork, why: "connection refused: no web server is listening at that address and port"},
		{url: "https://b.example/", kind: browser.KindNetwork, why: "host not found (DNS lookup failed): check the address"},
		{url: "https://c.example/", kind: browser.KindHTTP, why: "the server answered HTTP 404 Not Found"},
		{url: "https://d.example/", why: crawl.ReasonRobots},
		{url: "https://e.example/", kind: browser.KindNotHTML, why: "not a web page (application/pdf); only HTML pages are audited"},
	}, map[string]string{"https://a.example:8761/": "a.example:8761/", "https://b.example/": "b.example", "https://c.example/": "c.example"})
	want := `saavu: the start address https://a.example:8761/ could not be loaded: connection refused: no web server is listening at that address and port
saavu: https:// was assumed for a.example:8761/: if the site is served over plain HTTP, give the address as http://a.example:8761/
saavu: the start address https://b.example/ could not be loaded: host not found (DNS lookup failed): check the address
saavu: the start address https://c.example/ could not be loaded: the server answered HTTP 404 Not Found
saavu: the start address https://d.example/ was not crawled: robots.txt disallows it; on a site you are responsible for, --ignore-robots crawls it anyway
saavu: the start address https://e.example/ could not be audited: not a web page (application/pdf); only HTML pages are audited
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
