package cmd_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"saavu/browser"
)

// remoteChrome is a Chromium started apart from saavu, as a Chrome of a
// fleet would be, listening for DevTools on port.
type remoteChrome struct {
	port int
	cmd  *exec.Cmd
	done chan struct{}
}

// startRemoteChrome starts a headless Chromium with remote debugging on
// port (0: any), and reads the port it listens on from its stderr.
func startRemoteChrome(t *testing.T, port int) *remoteChrome {
	t.Helper()
	chrome, err := browser.FindChrome("")
	if err != nil {
		t.Fatal(err)
	}
	// Not t.TempDir: Chromium's helper processes may still write there
	// for a moment after it was killed.
	profile, err := os.MkdirTemp("", "saavu-chrome")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", fmt.Sprintf("--remote-debugging-port=%d", port), "--user-data-dir=" + profile,
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu", "about:blank"}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox")
	}
	c := exec.Command(chrome, args...)
	stderr, err := c.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	rc := &remoteChrome{cmd: c, done: make(chan struct{})}
	go func() { c.Wait(); close(rc.done) }()
	t.Cleanup(func() {
		rc.kill()
		time.Sleep(200 * time.Millisecond) // its helper processes quit after it
		os.RemoveAll(profile)
	})
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "DevTools listening on ws://"); ok {
			host, _, _ := strings.Cut(after, "/")
			_, p, _ := net.SplitHostPort(host)
			fmt.Sscan(p, &rc.port)
			break
		}
	}
	if rc.port == 0 {
		t.Fatal("Chromium did not say where DevTools listens")
	}
	go io.Copy(io.Discard, stderr)
	return rc
}

func (rc *remoteChrome) url() string { return fmt.Sprintf("http://127.0.0.1:%d", rc.port) }

// kill kills the Chromium and waits until it is gone.
func (rc *remoteChrome) kill() {
	rc.cmd.Process.Kill()
	<-rc.done
}

// pages lists the page targets of the Chromium (/json/list).
func (rc *remoteChrome) pages(t *testing.T) []string {
	t.Helper()
	resp, err := http.Get(rc.url() + "/json/list")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var targets []struct{ Type, URL string }
	if err := json.NewDecoder(resp.Body).Decode(&targets); err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, tg := range targets {
		if tg.Type == "page" {
			urls = append(urls, tg.URL)
		}
	}
	return urls
}

// fleetSite is a small site: / links to /p0…/p{n-1}; each page takes
// delay, and /slow (linked too) takes slow, calling onSlow first.
func fleetSite(t *testing.T, n int, delay, slow time.Duration, onSlow func()) (*httptest.Server, []string) {
	t.Helper()
	paths := []string{"/", "/slow"}
	for i := range n {
		paths = append(paths, fmt.Sprintf("/p%d", i))
	}
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt", "/sitemap.xml", "/favicon.ico":
			http.NotFound(w, r)
			return
		case "/slow":
			if onSlow != nil {
				once.Do(onSlow)
			}
			time.Sleep(slow)
		default:
			time.Sleep(delay)
		}
		var page strings.Builder
		fmt.Fprintf(&page, "<!doctype html><html lang=en><head><meta charset=utf-8><title>Page %s</title></head><body><main><h1>%s</h1>", r.URL.Path, r.URL.Path)
		if r.URL.Path == "/" {
			for _, p := range paths[1:] {
				fmt.Fprintf(&page, "<a href='%s'>%s</a> ", p, p)
			}
		}
		page.WriteString("</main></body></html>")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page.String())
	}))
	t.Cleanup(srv.Close)
	return srv, paths
}

// TestCrawlRemoteChromeRestarts kills the remote Chromium given by
// --browser-url in the middle of a crawl and starts another on the same
// port, as when a pod is rescheduled: saavu connects again and every
// page is audited, the one the browser was showing at the second try.
// With the Chromium gone for good, the pages are listed as not audited,
// with the reason, and saavu exits 2.
func TestCrawlRemoteChromeRestarts(t *testing.T) {
	needChrome(t)
	rc := startRemoteChrome(t, 0)
	port := rc.port
	var next *remoteChrome
	restarted := make(chan struct{})
	site, paths := fleetSite(t, 4, 100*time.Millisecond, 3*time.Second, func() {
		go func() {
			time.Sleep(300 * time.Millisecond) // the page is loading
			rc.kill()
			next = startRemoteChrome(t, port)
			close(restarted)
		}()
	})
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavu(t, dir, "crawl", "-q", "--browser-url", rc.url(), "--concurrency", "2", "--rules", "document-title,html-has-lang",
		"-o", "json="+out, site.URL+"/")
	select {
	case <-restarted:
	default:
		t.Fatal("the browser was not killed during the crawl")
	}
	if r.code != 0 {
		t.Errorf("exit %d, want 0: every page audited", r.code)
	}
	if !strings.Contains(r.stderr, "the connection to the browser dropped") {
		t.Errorf("stderr does not say the connection dropped:\n%s", r.stderr)
	}
	rep := readReport(t, out)
	for _, p := range paths {
		if pg := pageOf(t, rep, site.URL+p); !pg.Audited() {
			t.Errorf("%s not audited: %s", p, pg.Error)
		}
	}
	if got := pageOf(t, rep, site.URL+"/slow").Notes; len(got) == 0 || !strings.Contains(strings.Join(got, " "), "second try") {
		t.Errorf("/slow: notes %q, want one that says it was audited at the second try", got)
	}
	if left := next.pages(t); len(left) > 1 {
		t.Errorf("tabs left open in the browser after the run: %q", left)
	}

	// Gone for good: the page the browser showed, and those not done,
	// are listed with the reason.
	site2, paths2 := fleetSite(t, 4, 100*time.Millisecond, 3*time.Second, func() {
		go func() {
			time.Sleep(300 * time.Millisecond)
			next.kill()
		}()
	})
	r = saavu(t, dir, "crawl", "-q", "--browser-url", next.url(), "--concurrency", "2", "--rules", "document-title,html-has-lang",
		"-o", "json="+out, site2.URL+"/")
	if r.code != 2 {
		t.Errorf("exit %d, want 2: the browser went away", r.code)
	}
	if !strings.Contains(r.stderr, "could not reach the browser at "+next.url()) {
		t.Errorf("stderr does not say the browser could not be reached:\n%s", r.stderr)
	}
	rep = readReport(t, out)
	for _, p := range paths2 {
		u := site2.URL + p
		found := false
		for _, pg := range rep.Pages {
			if pg.URL == u {
				found = true
				if !pg.Audited() && pg.Error == "" {
					t.Errorf("%s not audited, with no reason", p)
				}
			}
		}
		for _, s := range rep.Skipped {
			if s.URL == u {
				found = true
				if s.Reason == "" {
					t.Errorf("%s skipped, with no reason", p)
				}
			}
		}
		if !found && p != "/" {
			// The links of / were found: each must be in the report.
			t.Errorf("%s is neither audited nor listed as not audited", p)
		}
	}
}

// TestCrawlChromeFleet crawls with two remote Chromiums and two tabs:
// each gets tabs, and when one goes away, the other audits its pages.
func TestCrawlChromeFleet(t *testing.T) {
	needChrome(t)
	a, b := startRemoteChrome(t, 0), startRemoteChrome(t, 0)
	site, paths := fleetSite(t, 5, 300*time.Millisecond, 300*time.Millisecond, nil)
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavu(t, dir, "crawl", "-q", "--log-level", "debug", "--browser-url", a.url(), "--browser-url", b.url(),
		"--concurrency", "2", "--rules", "document-title", "-o", "json="+out, site.URL+"/")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0", r.code)
	}
	for _, c := range []*remoteChrome{a, b} {
		if n := strings.Count(r.stderr, `msg="tab opened" browser=`+c.url()+" "); n == 0 {
			t.Errorf("no tab opened in %s", c.url())
		}
		if !strings.Contains(r.stderr, `msg="connected to the browser" url=`+c.url()) {
			t.Errorf("no browser context made in %s", c.url())
		}
		if left := c.pages(t); len(left) > 1 {
			t.Errorf("tabs left open in %s after the run: %q", c.url(), left)
		}
	}
	rep := readReport(t, out)
	for _, p := range paths {
		if pg := pageOf(t, rep, site.URL+p); !pg.Audited() {
			t.Errorf("%s not audited: %s", p, pg.Error)
		}
	}

	// One of them goes away for good mid-crawl: its page is audited in
	// the other, and so is the rest of the site.
	site2, paths2 := fleetSite(t, 5, 100*time.Millisecond, 3*time.Second, func() {
		go func() {
			time.Sleep(300 * time.Millisecond)
			b.kill()
		}()
	})
	r = saavu(t, dir, "crawl", "-q", "--browser-url", a.url(), "--browser-url", b.url(),
		"--concurrency", "2", "--rules", "document-title", "-o", "json="+out, site2.URL+"/")
	if r.code != 0 {
		t.Errorf("exit %d, want 0", r.code)
	}
	if !strings.Contains(r.stderr, "the connection to the browser dropped; connecting again\" url="+b.url()) {
		t.Errorf("stderr does not say the connection to %s dropped:\n%s", b.url(), r.stderr)
	}
	rep = readReport(t, out)
	for _, p := range paths2 {
		if pg := pageOf(t, rep, site2.URL+p); !pg.Audited() {
			t.Errorf("%s not audited: %s", p, pg.Error)
		}
	}
}

// TestBrowserURLRefused starts no run when a --browser-url is not a Chrome
// that answers: the error names the address and what it answered.
func TestBrowserURLRefused(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	refused := closed.URL
	closed.Close()
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"Browser": "HeadlessChrome/109.0.5414.74", "webSocketDebuggerUrl": "ws://%s/devtools/browser/x"}`, r.Host)
	}))
	t.Cleanup(old.Close)
	dir := t.TempDir()
	for _, tt := range []struct{ url, want string }{
		{refused, "saavu: could not reach the browser at " + refused + ": connection refused"},
		{old.URL, "saavu: the browser at " + old.URL + " is too old: it is HeadlessChrome/109.0.5414.74, and saavu needs Chrome or Chromium 120 or newer"},
	} {
		r := saavu(t, dir, "check", "-q", "--browser-url", tt.url, "https://example.invalid/")
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("--browser-url %s: exit %d, stderr %q; want exit 2 and %q", tt.url, r.code, r.stderr, tt.want)
		}
	}
}
