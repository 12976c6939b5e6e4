package cmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"saavu/monitor"
)

func TestParseURLs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		wantErr  string
	}{
		{name: "comments and blanks", in: "\uFEFF# found by saavu\n\nhttps://a.example/\n  http://a.example/b?x=1#top  \n\t\n# end\n",
			want: []string{"https://a.example/", "http://a.example/b?x=1#top"}},
		{name: "no trailing newline", in: "https://a.example/x", want: []string{"https://a.example/x"}},
		{name: "relative", in: "https://a.example/\n/b\n", wantErr: "urls.txt:2: \"/b\": give an absolute http:// or https:// URL"},
		{name: "other scheme", in: "# x\nftp://a.example/\n", wantErr: "urls.txt:2:"},
		{name: "no host", in: "https:///b\n", wantErr: "urls.txt:1: \"https:///b\": the address has no host name"},
		{name: "not a URL", in: "\n\nhttps://a.example/%zz\n", wantErr: "urls.txt:3:"},
		{name: "empty", in: "# nothing\n\n", wantErr: "urls.txt: no URL in the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseURLs("urls.txt", strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestShardURLs: for each N, every URL is in exactly one of the N
// shards, whatever the other URLs, and in the shard monitor's hash gives
// its normalised URL.
func TestShardURLs(t *testing.T) {
	var urls []string
	for i := range 300 {
		urls = append(urls, fmt.Sprintf("https://www.example.fi/sivu/%d?a=%d", i, i%7))
	}
	urls = append(urls, "https://WWW.Example.fi:443/sivu/1?a=1#osio") // the same page as urls[1], written otherwise
	for _, n := range []int{1, 2, 3, 8} {
		count := map[string]int{}
		total := 0
		for i := 1; i <= n; i++ {
			part := shardURLs(urls, monitor.Shard{I: i, N: n})
			total += len(part)
			if n > 1 && (len(part) == 0 || len(part) == len(urls)) {
				t.Errorf("N=%d: shard %d holds %d of %d URLs", n, i, len(part), len(urls))
			}
			for _, u := range part {
				count[u]++
			}
			// A shard's share does not depend on the rest of the list.
			for _, u := range part[:min(len(part), 5)] {
				if got := shardURLs([]string{u}, monitor.Shard{I: i, N: n}); len(got) != 1 {
					t.Errorf("N=%d: %s is in shard %d only among others", n, u, i)
				}
			}
		}
		if total != len(urls) {
			t.Errorf("N=%d: the shards hold %d URLs, want %d", n, total, len(urls))
		}
		for _, u := range urls {
			if count[u] != 1 {
				t.Errorf("N=%d: %s is in %d shards", n, u, count[u])
			}
		}
		if n > 1 {
			in := func(u string) int {
				for i := 1; i <= n; i++ {
					if len(shardURLs([]string{u}, monitor.Shard{I: i, N: n})) == 1 {
						return i
					}
				}
				return 0
			}
			if a, b := in(urls[1]), in(urls[len(urls)-1]); a != b {
				t.Errorf("N=%d: the same page written two ways is in shards %d and %d", n, a, b)
			}
		}
	}
}

// TestCheckURLsFlags parses --urls, --shard and the rates through runF.
func TestCheckURLsFlags(t *testing.T) {
	for _, env := range []string{monitor.EnvJobIndex, monitor.EnvShards, monitor.EnvNodeIndex, monitor.EnvNodeTotal} {
		t.Setenv(env, "")
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "urls.txt")
	var urls []string
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("https://a.example/%d", i))
	}
	if err := os.WriteFile(list, []byte("# pages\n"+strings.Join(urls, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("https://a.example/\n\nnot a url\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, o *CheckOptions)
	}{
		{name: "whole list", args: []string{"--urls", list}, check: func(t *testing.T, o *CheckOptions) {
			if !slices.Equal(o.Targets, urls) || o.shard != monitor.Whole || o.pace != 4 {
				t.Errorf("targets %q, shard %v, pace %g", o.Targets, o.shard, o.pace)
			}
		}},
		{name: "a shard at rate/N", args: []string{"--urls", list, "--shard", "2/4", "--rate", "2"}, check: func(t *testing.T, o *CheckOptions) {
			if !slices.Equal(o.Targets, shardURLs(urls, monitor.Shard{I: 2, N: 4})) || o.shard != (monitor.Shard{I: 2, N: 4}) || o.pace != 0.5 {
				t.Errorf("targets %q, shard %v, pace %g", o.Targets, o.shard, o.pace)
			}
		}},
		{name: "shard rate", args: []string{"--urls", list, "--shard", "1/4", "--shard-rate", "3"}, check: func(t *testing.T, o *CheckOptions) {
			if o.pace != 3 {
				t.Errorf("pace %g, want 3", o.pace)
			}
		}},
		{name: "no limit", args: []string{"--urls", list, "--shard", "1/4", "--rate", "0"}, check: func(t *testing.T, o *CheckOptions) {
			if o.pace != 0 {
				t.Errorf("pace %g, want 0", o.pace)
			}
		}},
		{name: "shard from a Kubernetes Indexed Job", args: []string{"--urls", list}, env: map[string]string{monitor.EnvJobIndex: "2", monitor.EnvShards: "3"},
			check: func(t *testing.T, o *CheckOptions) {
				if o.shard != (monitor.Shard{I: 3, N: 3}) || !slices.Equal(o.Targets, shardURLs(urls, o.shard)) {
					t.Errorf("shard %v, targets %q", o.shard, o.Targets)
				}
			}},
		{name: "shard from GitLab", args: []string{"--urls", list}, env: map[string]string{monitor.EnvNodeIndex: "1", monitor.EnvNodeTotal: "2"},
			check: func(t *testing.T, o *CheckOptions) {
				if o.shard != (monitor.Shard{I: 1, N: 2}) {
					t.Errorf("shard %v", o.shard)
				}
			}},
		{name: "plain check keeps the rate", args: []string{"--rate", "1.5", "x.example"}, check: func(t *testing.T, o *CheckOptions) {
			if o.pace != 1.5 || o.shard != monitor.Whole {
				t.Errorf("pace %g, shard %v", o.pace, o.shard)
			}
		}},
		{name: "bad line", args: []string{"--urls", bad}, wantErr: "bad.txt:3:"},
		{name: "missing file", args: []string{"--urls", filepath.Join(dir, "none.txt")}, wantErr: "--urls: open"},
		{name: "urls and arguments", args: []string{"--urls", list, "x.example"}, wantErr: "give no URL or file arguments"},
		{name: "shard without urls", args: []string{"--shard", "1/2", "x.example"}, wantErr: "give --urls FILE"},
		{name: "bad shard", args: []string{"--urls", list, "--shard", "3/2"}, wantErr: "--shard"},
		{name: "Indexed Job without N", args: []string{"--urls", list}, env: map[string]string{monitor.EnvJobIndex: "0"}, wantErr: monitor.EnvShards},
		{name: "bad shard rate", args: []string{"--urls", list, "--shard-rate", "0"}, wantErr: "--shard-rate"},
		{name: "urls output", args: []string{"-o", "urls=u.txt", "x.example"}, wantErr: "crawl --discover-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			var got *CheckOptions
			cmd := NewCmdCheck(f, func(_ context.Context, o *CheckOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
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
