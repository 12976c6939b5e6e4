package cmd_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"saavu/monitor"
	"saavu/report"
)

// monitorSite serves a small site of two pages; bad puts an image with
// no text alternative on its home page.
func monitorSite(t *testing.T, title string, bad bool) *httptest.Server {
	t.Helper()
	img := ""
	if bad {
		img = `<img src="/logo.png">`
	}
	mux := http.NewServeMux()
	page := func(h1, body string) string {
		return `<!doctype html><html lang="en"><head><title>` + title + ` ` + h1 + `</title></head><body><main><h1>` + h1 + `</h1>` + body + `</main></body></html>`
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Home", img+`<p><a href="/about">About us</a></p>`))
	})
	mux.HandleFunc("/about", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("About", `<p>We are `+title+`.</p>`))
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// closedAddress is an address where nothing listens.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/"
}

func readOverview(t *testing.T, path string) *report.SitesOverview {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o report.SitesOverview
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &o
}

// comparable is what two overviews of the same sites must share: the
// sites (not their shard), the criteria and their outcomes, the barriers.
func comparableOverview(o *report.SitesOverview) any {
	sites := slices.Clone(o.Sites)
	for i := range sites {
		sites[i].Shard = 0
	}
	return []any{sites, o.Criteria, o.Barriers, o.Summary}
}

// TestMonitor runs saavu monitor over three local sites and an address
// where nothing listens: unsharded, then in two shards into one folder,
// whose overview must be the same; then with a shard's manifest gone.
func TestMonitor(t *testing.T) {
	needChrome(t)
	a, b, c := monitorSite(t, "A", true), monitorSite(t, "B", false), monitorSite(t, "C", true)
	down := closedAddress(t)
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.txt")
	list := "# three sites and one that is down\n" + a.URL + "\n\n" + b.URL + "/  # B\n" + c.URL + "\n" + down + "\n"
	if err := os.WriteFile(sites, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	common := []string{"--concurrency", "1", "--documents=false", "--screenshots=false", "--max-pages", "5", "--rate", "0"}

	// Unsharded: every site, the overview written at the end.
	r := saavu(t, dir, append([]string{"monitor", "sites.txt", "--out", "whole"}, common...)...)
	if r.code != 2 {
		t.Fatalf("unsharded run: exit %d, want 2 (one site is down; A and C fail)\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"site 1/4", "site 4/4", "unreachable: connection refused"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	whole := readOverview(t, filepath.Join(dir, "whole", "overview.json"))
	if whole.Summary != (report.OverviewSummary{Sites: 4, Finished: 3, Unreachable: 1, Audited: 6}) {
		t.Errorf("summary %+v, want 4 sites, 3 finished, 1 unreachable, 6 pages audited", whole.Summary)
	}
	for _, s := range whole.Sites {
		if s.URL == down {
			if s.Status != monitor.StatusUnreachable || !strings.Contains(s.Reason, "connection refused") {
				t.Errorf("the site that is down: %s, %q; want unreachable, connection refused", s.Status, s.Reason)
			}
			continue
		}
		if s.Status != monitor.StatusFinished || s.Audited != 2 || s.NotAudited != 0 {
			t.Errorf("%s: %s, %d audited, %d not; want finished, 2 and 0", s.URL, s.Status, s.Audited, s.NotAudited)
		}
		if _, err := os.Stat(filepath.Join(dir, "whole", filepath.FromSlash(s.Results))); err != nil {
			t.Errorf("%s: results: %v", s.URL, err)
		}
	}
	if len(whole.Barriers) == 0 || whole.Barriers[0].Rule != "image-alt" || whole.Barriers[0].Sites != 2 {
		t.Errorf("barriers %+v, want image-alt on 2 sites first", whole.Barriers)
	}
	i := slices.IndexFunc(whole.Criteria, func(c report.OverviewCriterion) bool { return c.SC == "1.1.1" })
	if i < 0 || whole.Criteria[i].FailedSites != 2 {
		t.Errorf("1.1.1 should fail on 2 sites: %+v", whole.Criteria)
	}
	for _, f := range []string{"overview.html", "overview.csv", "manifests/shard-1-of-1.json"} {
		if _, err := os.Stat(filepath.Join(dir, "whole", f)); err != nil {
			t.Error(err)
		}
	}

	// --resume skips what is done.
	r = saavu(t, dir, append([]string{"monitor", "sites.txt", "--out", "whole", "--resume"}, common...)...)
	if r.code != 2 || strings.Count(r.stderr, "finished before (--resume), skipped") != 3 {
		t.Errorf("--resume: exit %d, want 2 (the site that is down is tried again), and the 3 finished sites skipped:\n%s", r.code, r.stderr)
	}

	// Two shards into one folder; the second from GitLab's variables.
	owned := map[int][]string{}
	for shard := 1; shard <= 2; shard++ {
		args := append([]string{"monitor", "sites.txt", "--out", "sharded"}, common...)
		if shard == 1 {
			args = append(args, "--shard", "1/2")
			extraEnv = nil
		} else {
			extraEnv = []string{"CI_NODE_INDEX=2", "CI_NODE_TOTAL=2"}
		}
		r := saavu(t, dir, args...)
		extraEnv = nil
		m, err := monitor.ReadManifest(filepath.Join(dir, "sharded", "manifests", fmt.Sprintf("shard-%d-of-2.json", shard)))
		if err != nil {
			t.Fatal(err)
		}
		if !m.Complete || m.Shard != shard || m.Shards != 2 || len(m.List) != 4 {
			t.Errorf("manifest of shard %d: complete %v, shard %d/%d, %d listed", shard, m.Complete, m.Shard, m.Shards, len(m.List))
		}
		want, finished, failing, down := 0, 0, 0, 0
		for _, s := range m.Sites {
			owned[shard] = append(owned[shard], s.URL)
			if s.Status != monitor.StatusFinished {
				down++
			}
			if s.Status == monitor.StatusFinished {
				finished++
				if s.Failing > 0 {
					failing++
				}
			}
		}
		switch {
		case down > 0:
			want = 2
		case failing > 0:
			want = 1
		}
		if r.code != want {
			t.Errorf("shard %d/2: exit %d, want %d", shard, r.code, want)
		}
		if _, err := os.Stat(filepath.Join(dir, "sharded", "overview.json")); err == nil {
			t.Errorf("shard %d/2 wrote the overview: only --overview should", shard)
		}
	}
	if len(owned[1])+len(owned[2]) != 4 {
		t.Fatalf("the shards own %d and %d sites, want 4 in all", len(owned[1]), len(owned[2]))
	}
	r = saavu(t, dir, "monitor", "--overview", "sharded", "-o", "json=sharded.json", "-o", "html=sharded.html", "-o", "csv=sharded.csv", "--lang", "fi")
	if r.code != 0 {
		t.Fatalf("--overview: exit %d, want 0", r.code)
	}
	sharded := readOverview(t, filepath.Join(dir, "sharded.json"))
	if got, want := comparableOverview(sharded), comparableOverview(whole); !reflect.DeepEqual(got, want) {
		gj, _ := json.MarshalIndent(got, "", " ")
		wj, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("the sharded overview differs from the unsharded one:\n%s\nwant\n%s", gj, wj)
	}
	if html, _ := os.ReadFile(filepath.Join(dir, "sharded.html")); !strings.Contains(string(html), `<html lang="fi">`) {
		t.Error("the HTML overview is not in Finnish")
	}

	// A shard's manifest lost: its sites are missing, by name, and exit 1.
	lost := 1
	if len(owned[1]) == 0 {
		lost = 2
	}
	if err := os.Remove(filepath.Join(dir, "sharded", "manifests", fmt.Sprintf("shard-%d-of-2.json", lost))); err != nil {
		t.Fatal(err)
	}
	r = saavu(t, dir, "monitor", "--overview", "sharded", "-o", "json=lost.json")
	if r.code != 1 || !strings.Contains(r.stderr, "missing") {
		t.Fatalf("--overview with a manifest lost: exit %d, want 1, and stderr saying sites are missing:\n%s", r.code, r.stderr)
	}
	o := readOverview(t, filepath.Join(dir, "lost.json"))
	var missing []string
	for _, s := range o.Sites {
		if s.Status == monitor.StatusMissing {
			missing = append(missing, s.URL)
			if !strings.Contains(s.Reason, fmt.Sprintf("manifest of shard %d/2 is missing", lost)) {
				t.Errorf("%s: reason %q", s.URL, s.Reason)
			}
		}
	}
	slices.Sort(missing)
	slices.Sort(owned[lost])
	if !slices.Equal(missing, owned[lost]) || o.Summary.Missing != len(owned[lost]) || len(o.Sites) != 4 {
		t.Errorf("missing %v (%d of %d sites), want the sites of shard %d: %v", missing, o.Summary.Missing, len(o.Sites), lost, owned[lost])
	}
}
