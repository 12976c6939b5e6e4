package cmd_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/report"
)

// withoutTime is a JSON report with generatedAt left out.
func withoutTime(t *testing.T, data []byte) []byte {
	t.Helper()
	var rep report.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("not a JSON report: %v\n%.300s", err, data)
	}
	rep.GeneratedAt = ""
	var buf bytes.Buffer
	if err := (report.JSONWriter{}).Write(&buf, &rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReportMergesRuns: two audits of one page each, merged by saavu
// report, give the report of one audit of both pages.
func TestReportMergesRuns(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	one, two := ts.URL+"/esteet.html", ts.URL+"/palvelut.html"
	common := []string{"check", "-q", "--screenshots=false", "--concurrency", "1"}
	if r := saavu(t, dir, append(common, "-o", "json=a.json", one)...); r.code != 1 {
		t.Fatalf("check a: exit %d, want 1", r.code)
	}
	if r := saavu(t, dir, append(common, "-o", "json=b.json", two)...); r.code != 0 {
		t.Fatalf("check b: exit %d, want 0", r.code)
	}
	if r := saavu(t, dir, append(common, "-o", "json=both.json", two, one)...); r.code != 1 {
		t.Fatalf("check both: exit %d, want 1", r.code)
	}
	merged := saavu(t, dir, "report", "a.json", "b.json", "-o", "json=-")
	if merged.code != 1 {
		t.Errorf("report: exit %d, want 1 (as check)", merged.code)
	}
	if !strings.HasPrefix(merged.stderr, "saavu: exit 1: ") || strings.Count(merged.stderr, "\n") != 1 {
		t.Errorf("warnings for results that fit together (want only the reason for exit 1):\n%s", merged.stderr)
	}
	both, err := os.ReadFile(filepath.Join(dir, "both.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, want := withoutTime(t, []byte(merged.stdout)), withoutTime(t, both)
	if !bytes.Equal(got, want) {
		t.Errorf("merged report differs from one run over both pages:\n%s", lineDiff(want, got))
	}
	// The HTML of the merge, from saved results only.
	if r := saavu(t, dir, "report", "a.json", "b.json", "-o", "html=r.html", "--lang", "fi"); r.code != 1 {
		t.Errorf("report -o html: exit %d", r.code)
	}
	if html, err := os.ReadFile(filepath.Join(dir, "r.html")); err != nil || !bytes.Contains(html, []byte("palvelut.html")) || !bytes.Contains(html, []byte("esteet.html")) {
		t.Errorf("HTML report lacks the merged pages (%v)", err)
	}
}

// TestBaselineRoundTrip: a baseline of an audit accepts all its failures;
// a new barrier on the page, which also moves the old ones, is then the
// only new failure and decides the exit status.
func TestBaselineRoundTrip(t *testing.T) {
	needChrome(t)
	web := t.TempDir()
	for _, name := range []string{"esteet.html", "logo.svg", "site.css", "kartta.html"} {
		data, err := os.ReadFile(filepath.Join("../testdata/site", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(web, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewServer(http.FileServer(http.Dir(web)))
	t.Cleanup(ts.Close)
	page := ts.URL + "/esteet.html"
	dir := t.TempDir()
	common := []string{"check", "-q", "--screenshots=false", "--concurrency", "1"}

	if r := saavu(t, dir, append(common, "-o", "json=first.json", page)...); r.code != 1 {
		t.Fatalf("first audit: exit %d, want 1", r.code)
	}
	if r := saavu(t, dir, "baseline", "first.json", "-o", "saavu-baseline.json"); r.code != 0 {
		t.Fatalf("baseline: exit %d", r.code)
	}
	again := saavu(t, dir, append(common, "--baseline", "saavu-baseline.json", "-o", "json=again.json", "-o", "text=-", page)...)
	if again.code != 0 {
		t.Errorf("audit with its own baseline: exit %d, want 0", again.code)
	}
	if rep := readReport(t, filepath.Join(dir, "again.json")); rep.Baseline == nil || rep.Baseline.New != 0 || rep.Baseline.Baselined == 0 {
		t.Errorf("baseline summary %+v, want 0 new", rep.Baseline)
	}
	if !strings.Contains(again.stdout, "Baseline: 0 new,") {
		t.Errorf("the summary does not say how many are new:\n%s", again.stdout)
	}

	// A new image without alt text in a new first <div>: every
	// "body > div:nth-of-type(N)" selector of the old failures shifts.
	html, err := os.ReadFile(filepath.Join(web, "esteet.html"))
	if err != nil {
		t.Fatal(err)
	}
	html = bytes.Replace(html, []byte("<body>"), []byte(`<body><div><img src="logo.svg" width="30" height="30"></div>`), 1)
	if err := os.WriteFile(filepath.Join(web, "esteet.html"), html, 0o644); err != nil {
		t.Fatal(err)
	}
	later := saavu(t, dir, append(common, "--baseline", "saavu-baseline.json", "-o", "json=later.json", page)...)
	if later.code != 1 {
		t.Errorf("audit with a new failure: exit %d, want 1", later.code)
	}
	rep := readReport(t, filepath.Join(dir, "later.json"))
	var fresh []string
	for _, p := range rep.Pages {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				if n.Outcome == "failed" && !n.Baselined {
					fresh = append(fresh, res.Rule+" "+n.Selector)
				}
			}
		}
	}
	if len(fresh) != 1 || fresh[0] != "image-alt body > div:nth-of-type(1) > img" {
		t.Errorf("new failures %q, want only the new image", fresh)
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %.300s\n  got:  %.300s", i+1, w, g)
		}
	}
	return "(no difference)"
}
