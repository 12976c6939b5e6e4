package cmd_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/chrometest"
	"saavu/report"
)

// binary is the saavu executable built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "saavu-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "saavu")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build saavu:", err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// needChrome skips a test that needs the browser when there is none
// (a failure when SAAVU_REQUIRE_CHROME is set, as in CI).
func needChrome(t *testing.T) {
	t.Helper()
	chrometest.Need(t)
}

type run struct {
	code           int
	stdout, stderr string
}

// extraEnv is added to the environment of the binary (saavuEnv).
var extraEnv []string

// saavu runs the binary in dir with args.
func saavu(t *testing.T, dir string, args ...string) run {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1"), extraEnv...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := run{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run saavu: %v", err)
	}
	t.Logf("saavu %s → exit %d\nstderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	return r
}

func site(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.FileServer(http.Dir("../testdata/site")))
	t.Cleanup(ts.Close)
	return ts
}

func readReport(t *testing.T, path string) *report.Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func pageOf(t *testing.T, r *report.Report, suffix string) report.Page {
	t.Helper()
	for _, p := range r.Pages {
		if strings.HasSuffix(p.URL, suffix) {
			return p
		}
	}
	t.Fatalf("no page %s in report", suffix)
	return report.Page{}
}

func TestCheckCleanPage(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	r := saavu(t, dir, "check", "--rules", "document-title", ts.URL+"/index.html")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 for a clean page\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "1 page of "+ts.URL+" audited") || !strings.Contains(r.stdout, "No failures.") {
		t.Errorf("the summary lacks the page or the totals:\n%s", r.stdout)
	}
}

// TestCheckBarriers audits a page with known barriers and checks that
// each rule reports exactly the elements that break it, in the JSON, the
// HTML report and the terminal table.
func TestCheckBarriers(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil { // saavu makes no folders
		t.Fatal(err)
	}
	r := saavu(t, dir, "check", "-o", "json=out/report.json", "-o", "html=out/report.html", "-o", "text=-", ts.URL+"/esteet.html", ts.URL+"/index.html")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (failures)\n%s", r.code, r.stdout)
	}
	rep := readReport(t, filepath.Join(dir, "out/report.json"))
	if rep.SchemaVersion != report.SchemaVersion || rep.Tool.Name != "saavu" || len(rep.Rules) != len(checks.All())+len(checks.EN301549V321.SiteRules()) {
		t.Errorf("report header: schema %q tool %+v, %d rules", rep.SchemaVersion, rep.Tool, len(rep.Rules))
	}
	bad := pageOf(t, rep, "/esteet.html")
	if bad.Status != 200 || bad.Error != "" {
		t.Fatalf("esteet.html: status %d error %q", bad.Status, bad.Error)
	}
	// The barriers planted in testdata/site/esteet.html, by rule.
	want := map[string][]string{
		"document-title":  {"html"},
		"html-has-lang":   {"html"},
		"image-alt":       {"body > div:nth-of-type(1) > a:nth-of-type(1) > img", "#tiny-logo-link", "#house-photo"},
		"link-name":       {"body > div:nth-of-type(1) > a:nth-of-type(1)", "body > div:nth-of-type(1) > a:nth-of-type(4)"},
		"form-field-name": {"#name-field", "#area-field"},
		"button-name":     {"#icon-button"},
		"frame-title":     {"#map-frame"},
		"meta-viewport":   {"head > meta:nth-of-type(2)"},
		"meta-refresh":    {"head > meta:nth-of-type(3)"},
		"color-contrast":  {"#pale-text"},
		"bypass":          {"html"},
	}
	registered := map[string]bool{}
	for _, rule := range checks.All() {
		registered[rule.ID] = true
	}
	for rule, sels := range want {
		if !registered[rule] {
			t.Errorf("rule %s is not in the registry", rule)
			continue
		}
		var res *report.Result
		for i := range bad.Results {
			if bad.Results[i].Rule == rule {
				res = &bad.Results[i]
			}
		}
		if res == nil {
			t.Errorf("%s: no result", rule)
			continue
		}
		if res.Outcome != "failed" {
			t.Errorf("%s: outcome %s, want failed", rule, res.Outcome)
		}
		var got []string
		for _, n := range res.Nodes {
			if n.Outcome == "failed" {
				got = append(got, n.Selector)
				if n.Message == "" || n.Snippet == "" {
					t.Errorf("%s on %s: empty message or snippet", rule, n.Selector)
				}
			}
		}
		slices.Sort(got)
		sorted := slices.Sorted(slices.Values(sels))
		if !slices.Equal(got, sorted) {
			t.Errorf("%s failed on %q, want %q", rule, got, sorted)
		}
		if len(res.WCAG) == 0 || len(res.EN301549) == 0 {
			t.Errorf("%s: cites no WCAG SC or EN 301 549 clause", rule)
		}
		if !strings.Contains(r.stdout, rule) {
			t.Errorf("terminal table does not list failing rule %s", rule)
		}
	}
	good := pageOf(t, rep, "/index.html")
	for _, res := range good.Results {
		if res.Outcome == "failed" {
			t.Errorf("index.html (a clean page): %s failed on %+v", res.Rule, res.Nodes)
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "out/report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"esteet.html", "#house-photo", "Page has a title", "data:image/png;base64,"} {
		if !bytes.Contains(html, []byte(s)) {
			t.Errorf("HTML report lacks %q", s)
		}
	}
}

func TestCheckLocalFile(t *testing.T) {
	needChrome(t)
	dir := t.TempDir()
	r := saavu(t, "..", "check", "-o", "json="+filepath.Join(dir, "r.json"), "testdata/site/esteet.html")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	if len(rep.Pages) != 1 || rep.Pages[0].URL != "testdata/site/esteet.html" || rep.Pages[0].FinalURL != "testdata/site/esteet.html" {
		t.Fatalf("pages: %+v", rep.Pages)
	}
	if rep.Pages[0].Error != "" {
		t.Fatalf("local file not audited: %s", rep.Pages[0].Error)
	}
}

func TestCheckDeadURL(t *testing.T) {
	needChrome(t)
	ts := httptest.NewServer(http.NotFoundHandler())
	dead := ts.URL + "/"
	ts.Close() // nothing listens there any more
	dir := t.TempDir()
	r := saavu(t, dir, "check", "-o", "json=r.json", "-o", "html=r.html", dead)
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	if !strings.Contains(r.stderr, "could not be audited") || !strings.Contains(r.stderr, "connection refused") {
		t.Errorf("stderr does not explain:\n%s", r.stderr)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	if p := rep.Pages[0]; !strings.Contains(p.Error, "connection refused") || p.ErrorKind != "network" {
		t.Errorf("page error %q kind %q", p.Error, p.ErrorKind)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "r.html"))
	if !bytes.Contains(html, []byte("connection refused")) {
		t.Error("HTML report does not say why the page was not audited")
	}
}

// TestCheckMixedPages: one bad page never stops the others.
func TestCheckMixedPages(t *testing.T) {
	needChrome(t)
	ts := site(t)
	dir := t.TempDir()
	r := saavu(t, dir, "check", "--rules", "document-title", "-o", "json=r.json", ts.URL+"/index.html", ts.URL+"/missing.html", ts.URL+"/palvelut.html")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2 (a page could not be audited)", r.code)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	if rep.Summary.Audited != 2 || rep.Summary.NotAudited != 1 {
		t.Errorf("summary %+v", rep.Summary)
	}
	if p := pageOf(t, rep, "/missing.html"); p.Status != 404 || !strings.Contains(p.Error, "404") {
		t.Errorf("missing page: status %d error %q", p.Status, p.Error)
	}
	var urls []string
	for _, p := range rep.Pages {
		urls = append(urls, p.URL)
	}
	if !slices.IsSorted(urls) {
		t.Errorf("pages not sorted: %q", urls)
	}
}

func TestCheckNoChrome(t *testing.T) {
	r := saavu(t, t.TempDir(), "check", "--chrome", "/nonexistent/chrome", "https://example.invalid/")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "Chrome not found") {
		t.Errorf("want one line saying Chrome was not found, got:\n%s", r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"check"}, "at least one URL"},
		{[]string{"check", "--bogus", "x"}, "unknown flag"},
		{[]string{"check", "--rules", "no-such-rule", "https://example.invalid/"}, "unknown rule \"no-such-rule\""},
		{[]string{"check", "-o", "pdf=x.pdf", "https://example.invalid/"}, "unknown format"},
		{[]string{"check", "--fail-on", "bad", "https://example.invalid/"}, "--fail-on"},
		{[]string{"check", "ftp://example.invalid/"}, "only http and https"},
		{[]string{"check", "./missing.html"}, "no such file"},
		{[]string{"rules", "no-such-rule"}, "unknown rule"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := saavu(t, t.TempDir(), tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tt.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty on error: %q", r.stdout)
			}
		})
	}
}

func TestRulesAndVersion(t *testing.T) {
	r := saavu(t, t.TempDir(), "rules")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	for _, rule := range checks.All() {
		if !strings.Contains(r.stdout, rule.ID) {
			t.Errorf("rules list lacks %s", rule.ID)
		}
	}
	doc := saavu(t, t.TempDir(), "rules", "document-title")
	if doc.code != 0 || !strings.Contains(doc.stdout, "9.2.4.2") || !strings.Contains(doc.stdout, "How to fix") {
		t.Errorf("rules document-title:\n%s", doc.stdout)
	}
	if strings.Contains(doc.stdout, "Live page:") {
		t.Errorf("rules document-title says it tries out the live page:\n%s", doc.stdout)
	}
	kt := saavu(t, t.TempDir(), "rules", "keyboard-trap")
	if kt.code != 0 || !strings.Contains(kt.stdout, "\nLive page:    presses Tab through the page\n") {
		t.Errorf("rules keyboard-trap:\n%s", kt.stdout)
	}
	v := saavu(t, t.TempDir(), "version")
	if v.code != 0 || !strings.HasPrefix(v.stdout, "saavu ") {
		t.Errorf("version: %q", v.stdout)
	}
}

func TestJSONToStdout(t *testing.T) {
	needChrome(t)
	ts := site(t)
	r := saavu(t, t.TempDir(), "check", "-q", "-o", "json=-", ts.URL+"/palvelut.html")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("stdout is not only the JSON report: %v\n%s", err, r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("--quiet printed on stderr: %q", r.stderr)
	}
}

// TestCheckCrossOriginFrame audits a page whose form is in an iframe from
// another site: the rules see into it, and the selector says how to reach
// the element. With a Chrome that keeps the frame in another process (one
// given by --browser-url, started with site isolation), the report says
// that the frame was not checked.
func TestCheckCrossOriginFrame(t *testing.T) {
	needChrome(t)
	frame := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Booking</title></head>
<body><form><input type="text" name="who"><button>Book</button></form></body></html>`)
	}))
	t.Cleanup(frame.Close)
	// 127.0.0.1 and localhost are different sites.
	frameURL := strings.Replace(frame.URL, "127.0.0.1", "localhost", 1) + "/booking"
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Book a sauna</title></head>
<body><main><h1>Book a sauna</h1><iframe title="Booking" src="%s" width="600" height="200"></iframe></main></body></html>`, frameURL)
	}))
	t.Cleanup(page.Close)
	dir := t.TempDir()

	out := filepath.Join(dir, "r.json")
	saavu(t, dir, "check", "-q", "--rules", "form-field-name", "-o", "json="+out, page.URL+"/")
	res := pageOf(t, readReport(t, out), "/").Results
	if len(res) != 1 || res[0].Outcome != "failed" || len(res[0].Nodes) != 1 || res[0].Nodes[0].Selector != "body > main > iframe >>> html > body > form > input" {
		t.Fatalf("form-field-name in the cross-origin frame: %+v", res)
	}

	// A Chrome of its own, with site isolation on.
	chrome, err := browser.FindChrome("")
	if err != nil {
		t.Fatal(err)
	}
	profile, err := os.MkdirTemp("", "saavu-chrome")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "--remote-debugging-port=0", "--user-data-dir=" + profile,
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu", "about:blank"}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, chrome, args...)
	stderr, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		c.Wait()
		time.Sleep(200 * time.Millisecond) // its helper processes quit after it
		os.RemoveAll(profile)
	})
	ws := ""
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "DevTools listening on "); ok {
			ws = after
			break
		}
	}
	if ws == "" {
		t.Fatal("Chrome did not say where DevTools listens")
	}
	go io.Copy(io.Discard, stderr)
	saavu(t, dir, "check", "-q", "--browser-url", ws, "--rules", "form-field-name", "-o", "json="+out, page.URL+"/")
	p := pageOf(t, readReport(t, out), "/")
	want := "The content of a frame (" + frameURL + ") could not be captured"
	if len(p.Notes) != 1 || !strings.HasPrefix(p.Notes[0], want) {
		t.Errorf("notes: %q, want one that starts %q", p.Notes, want)
	}
}
