package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"saavu/monitor"
)

func TestMonitorFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, o *MonitorOptions)
	}{
		{name: "unsharded", args: []string{"sites.txt", "--out", "run", "--sample", "30", "--concurrency", "1"}, check: func(t *testing.T, o *MonitorOptions) {
			if o.shard != monitor.Whole || o.SitesFile != "sites.txt" || o.Out != "run" || o.Sample != 30 || o.MaxPages != sampleDiscoverPages || o.Concurrency != 1 || len(o.Outputs) != 0 {
				t.Errorf("%+v", o)
			}
		}},
		{name: "shard", args: []string{"sites.txt", "--out", "run", "--shard", "2/3", "--resume"}, env: map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"}, check: func(t *testing.T, o *MonitorOptions) {
			if o.shard != (monitor.Shard{I: 2, N: 3}) || !o.Resume {
				t.Errorf("--shard should win over the environment: %+v", o.shard)
			}
		}},
		{name: "kubernetes", args: []string{"sites.txt", "--out", "run"}, env: map[string]string{"JOB_COMPLETION_INDEX": "0", "SAAVU_SHARDS": "4"}, check: func(t *testing.T, o *MonitorOptions) {
			if o.shard != (monitor.Shard{I: 1, N: 4}) {
				t.Errorf("shard %v, want 1/4", o.shard)
			}
		}},
		{name: "kubernetes without N", args: []string{"sites.txt", "--out", "run"}, env: map[string]string{"JOB_COMPLETION_INDEX": "0"}, wantErr: "SAAVU_SHARDS is not"},
		{name: "bad shard", args: []string{"sites.txt", "--out", "run", "--shard", "3/2"}, wantErr: "--shard"},
		{name: "no out", args: []string{"sites.txt"}, wantErr: "--out DIR"},
		{name: "no sites", args: []string{"--out", "run"}, wantErr: "SITES"},
		{name: "overview", args: []string{"--overview", "run", "-o", "csv=-"}, check: func(t *testing.T, o *MonitorOptions) {
			if o.Overview != "run" || len(o.Outputs) != 1 || o.Outputs[0] != (Output{"csv", "-"}) {
				t.Errorf("%+v", o)
			}
		}},
		{name: "overview and sites", args: []string{"--overview", "run", "sites.txt"}, wantErr: "give no SITES"},
		{name: "overview format", args: []string{"--overview", "run", "-o", "sarif=x.sarif"}, wantErr: "unknown format"},
		{name: "crawl flags", args: []string{"sites.txt", "--out", "run", "--max-pages", "0"}, wantErr: "--max-pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{monitor.EnvJobIndex, monitor.EnvShards, monitor.EnvNodeIndex, monitor.EnvNodeTotal} {
				t.Setenv(k, tt.env[k])
			}
			f, _, _ := testFactory()
			var got *MonitorOptions
			cmd := NewCmdMonitor(f, func(_ context.Context, o *MonitorOptions) error { got = o; return nil })
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
