package cmd

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestDemoFlags parses crawl --demo through runF, without a browser.
func TestDemoFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		config  []string // urls: in saavu.yaml
		wantErr string
	}{
		{name: "demo", args: []string{"--demo", "-o", "html=report.html"}},
		{name: "config urls ignored", args: []string{"--demo"}, config: []string{"https://www.example.fi/"}},
		{name: "with a URL", args: []string{"--demo", "https://www.example.fi/"}, wantErr: "give no URL"},
		{name: "with --state", args: []string{"--demo", "--state", "tila"}, wantErr: "no --state or --resume"},
		{name: "with --resume", args: []string{"--demo", "--resume"}, wantErr: "no --state or --resume"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			f.ConfigURLs = tt.config
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
				var fe *FlagError
				if !errors.As(err, &fe) {
					t.Errorf("%v is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Demo || len(got.Targets) != 0 || got.State != "" {
				t.Errorf("demo %v, targets %q, state %q: want the demo, no targets and no state folder yet", got.Demo, got.Targets, got.State)
			}
		})
	}
}

// TestServeDemo starts the demo site as crawl --demo does and stops it.
func TestServeDemo(t *testing.T) {
	f, _, errb := testFactory()
	opts := &CrawlOptions{CheckOptions: CheckOptions{Factory: f, IO: f.IO}, Demo: true}
	stop, err := serveDemo(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(opts.Targets) != 1 || !strings.HasPrefix(opts.Targets[0], "http://127.0.0.1:") || !strings.HasSuffix(opts.Targets[0], "/") {
		t.Fatalf("targets %q, want the demo site's home page", opts.Targets)
	}
	if !strings.Contains(errb.String(), "saavu: serving the demo site at "+opts.Targets[0]+" ") {
		t.Errorf("stderr %q does not say where the demo site is", errb.String())
	}
	if st, err := os.Stat(opts.State); err != nil || !st.IsDir() {
		t.Fatalf("state folder %q: %v", opts.State, err)
	}
	resp, err := http.Get(opts.Targets[0])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %s", opts.Targets[0], resp.Status)
	}
	stop()
	if _, err := os.Stat(opts.State); !os.IsNotExist(err) {
		t.Errorf("state folder %s left behind (%v)", opts.State, err)
	}
	if resp, err := http.Get(opts.Targets[0]); err == nil {
		resp.Body.Close()
		t.Error("the demo site still answers after stop")
	}
}
