// Package browser runs headless Chrome for saavu. It launches Chrome (or
// attaches to a running one), opens tabs, loads a page in each and
// captures it, once, into a checks.Page: the DOM snapshot, the
// accessibility tree, and what the live-page probes learn by trying the
// page out (keyboard focus, media, hover, zoom, reflow…; their JavaScript
// is in js/). It then runs the rules on the page and photographs what they
// reported (Tab.Check), and audits lists of addresses (Browser.Audit).
//
// It is the only package of saavu that imports chromedp and cdproto. The
// site walk (package crawl) drives it through a small interface, which a
// Session's Workers satisfy: they open tabs as they need them, and start
// Chrome again when it died.
package browser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/remote"

	"saavu/checks"
)

// ErrChromeNotFound means no Chrome or Chromium binary could be found.
var ErrChromeNotFound = errors.New("Chrome not found: install Chromium (Debian/Ubuntu: sudo apt-get install chromium), or pass --chrome PATH or set SAAVU_CHROME")

// ChromeNames are the executables looked for on PATH, in order.
var ChromeNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// FindChrome returns the Chrome executable to use: explicit if set, then
// $SAAVU_CHROME, then the first of ChromeNames on PATH.
func FindChrome(explicit string) (string, error) {
	for _, p := range []string{explicit, os.Getenv("SAAVU_CHROME")} {
		if p == "" {
			continue
		}
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("Chrome not found at %q: %w", p, err)
		}
		return path, nil
	}
	for _, name := range ChromeNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	for _, path := range []string{"/usr/bin/chromium", "/usr/lib/chromium/chromium", "/opt/google/chrome/chrome",
		"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"} {
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
	}
	return "", ErrChromeNotFound
}

// Options configure the browser and the capture of each page.
type Options struct {
	ChromePath string // executable; found with FindChrome when empty
	BrowserURL string // ws:// or http:// address of a running Chrome; when set, no browser is started
	UserAgent  string // appended to Chrome's own user agent

	Width, Height int // viewport in CSS px; default 1280×900

	PageTimeout time.Duration // everything for one page; default 60s
	LoadTimeout time.Duration // wait for the load event; default 30s
	Settle      time.Duration // after load, wait until no request has been in flight this long (default 150ms, at most 2s)

	Screenshots bool // photograph the elements the rules reported (Tab.Check)

	// SkipProbes are live-page probes not to run, because no rule of the
	// run reads them (checks.NeededProbes); their page data stays nil.
	SkipProbes []checks.Probe

	// Pace, when set, is waited on before Audit loads each URL: it
	// spaces the loads out per host (check --rate). An error (ctx's)
	// stops the worker.
	Pace func(ctx context.Context, url string) error

	Log *slog.Logger
}

func (o *Options) defaults() {
	if o.Width == 0 {
		o.Width = 1280
	}
	if o.Height == 0 {
		o.Height = 900
	}
	if o.PageTimeout == 0 {
		o.PageTimeout = 60 * time.Second
	}
	if o.LoadTimeout == 0 || o.LoadTimeout > o.PageTimeout {
		o.LoadTimeout = min(30*time.Second, o.PageTimeout*2/3)
	}
	if o.Settle == 0 {
		o.Settle = 150 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// Browser is a running Chrome that pages are captured in, one tab each.
// When the Chrome process dies (killed for lack of memory, a crash) the
// Workers of a Session start it again; see revive.
type Browser struct {
	opts    Options
	parent  context.Context // Launch's context: a restarted Chrome lives under it too
	Version string
	ua      string // Chrome's user agent with Options.UserAgent appended; empty to keep Chrome's

	mu       sync.Mutex
	ctx      context.Context // the browser's chromedp context
	cancel   context.CancelFunc
	closed   bool
	restarts int

	popups popupGuard // the browser layer of the guard (guard.go)
}

// maxRestarts is how many times a Browser restarts a Chrome that died.
const maxRestarts = 10

// Launch starts Chrome (or connects to opts.BrowserURL). The browser lives
// until Close is called or ctx ends.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	opts.defaults()
	bctx, cancel, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	b := &Browser{opts: opts, parent: ctx, ctx: bctx, cancel: cancel}
	if v, err := chromedp.CallBrowser(bctx, browser.GetVersion, cdp.Empty{}); err == nil {
		b.Version = v.Product
		if opts.UserAgent != "" {
			b.ua = v.UserAgent + " " + opts.UserAgent
		}
	}
	return b, nil
}

// start starts Chrome or connects to it, and returns its chromedp context.
func start(ctx context.Context, opts Options) (context.Context, context.CancelFunc, error) {
	var allocCtx context.Context
	var allocCancel context.CancelFunc
	if opts.BrowserURL != "" {
		allocCtx, allocCancel = remote.NewAllocator(ctx, opts.BrowserURL)
	} else {
		path, err := FindChrome(opts.ChromePath)
		if err != nil {
			return nil, nil, err
		}
		flags := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.WindowSize(opts.Width, opts.Height),
			chromedp.DisableGPU,
			chromedp.Flag("hide-scrollbars", true),
			chromedp.Flag("mute-audio", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-default-browser-check", true),
			chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
			chromedp.Flag("font-render-hinting", "none"),
			// One renderer for a page and its cross-origin iframes, so
			// that the DOM snapshot and the accessibility tree hold
			// their content too.
			chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,site-per-process,IsolateOrigins"),
			chromedp.Flag("disable-site-isolation-trials", true),
		)
		off, why, err := noSandbox(os.Geteuid(), os.Getenv("SAAVU_NO_SANDBOX"))
		if err != nil {
			return nil, nil, err
		}
		if off {
			opts.Log.Debug("Chrome's sandbox is off", "why", why)
			flags = append(flags, chromedp.NoSandbox)
		}
		allocCtx, allocCancel = chromedp.NewExecAllocator(ctx, flags...)
	}
	bctx, bcancel := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(func(f string, a ...any) { opts.Log.Debug(fmt.Sprintf(f, a...)) }),
		chromedp.WithErrorf(func(f string, a ...any) { opts.Log.Debug("chrome: " + fmt.Sprintf(f, a...)) }),
	)
	cancel := func() { bcancel(); allocCancel() }
	// Start the browser, bounded: a broken binary must not hang the run.
	startErr := make(chan error, 1)
	go func() { startErr <- chromedp.Do(bctx) }()
	select {
	case err := <-startErr:
		if err != nil {
			cancel()
			if opts.BrowserURL != "" {
				return nil, nil, fmt.Errorf("connect to Chrome at %s: %w (is it running with --remote-debugging-port?)", opts.BrowserURL, err)
			}
			return nil, nil, fmt.Errorf("start Chrome: %w (try --chrome PATH, or run with --log-level debug)", err)
		}
	case <-time.After(60 * time.Second):
		cancel()
		return nil, nil, errors.New("start Chrome: no answer within 60s (run with --log-level debug to see why)")
	case <-ctx.Done():
		cancel()
		return nil, nil, ctx.Err()
	}
	// A link to a PDF or a ZIP must not fill the disk: refuse downloads.
	_, _ = chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny})
	return bctx, cancel, nil
}

// noSandbox decides whether Chrome starts without its sandbox, and says
// why, from the effective user id and the value of $SAAVU_NO_SANDBOX.
//
// The sandbox is on unless SAAVU_NO_SANDBOX is 1 (or true): the switch for
// a container that runs as a user other than root but cannot give Chrome
// the user namespaces its sandbox needs (Docker's and Kubernetes' default
// seccomp profiles refuse them; Chrome then fails with "No usable
// sandbox!"). As root the sandbox is always off: Chrome refuses to start
// it as root ("Running as root without --no-sandbox is not supported"),
// and CI jobs and containers commonly run as root, so asking for the
// switch there would only make saavu fail where it worked.
func noSandbox(euid int, env string) (off bool, why string, err error) {
	set := false
	if env != "" {
		set, err = strconv.ParseBool(env)
		if err != nil {
			return false, "", fmt.Errorf("SAAVU_NO_SANDBOX=%q: set it to 1 to run Chrome without its sandbox, or to 0 (or leave it unset) to keep the sandbox", env)
		}
	}
	switch {
	case euid == 0:
		return true, "running as root, where Chrome cannot start its sandbox", nil
	case set:
		return true, "SAAVU_NO_SANDBOX=" + env, nil
	}
	return false, "", nil
}

// browserCtx is the chromedp context of the current Chrome, which tabs
// are opened under.
func (b *Browser) browserCtx() context.Context {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ctx
}

// generation counts the Chromes started: 0 for the first.
func (b *Browser) generation() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.restarts
}

// dead reports whether the Chrome process of generation gen went away
// while nobody asked it to stop (it may have been started again since).
// It waits up to wait for the loss to be noticed: a call that failed
// because the process died can return before chromedp cancels the
// browser's context.
func (b *Browser) dead(gen int, wait time.Duration) bool {
	b.mu.Lock()
	bctx, restarted := b.ctx, b.restarts != gen
	b.mu.Unlock()
	if restarted {
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-bctx.Done():
	case <-t.C:
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return !b.closed && b.parent.Err() == nil
}

// revive starts Chrome again when it died, at most maxRestarts times. It
// reports whether it restarted it; several callers seeing the same dead
// browser restart it once.
func (b *Browser) revive(ctx context.Context) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx.Err() == nil {
		return false, nil
	}
	if b.closed || b.parent.Err() != nil {
		return false, context.Canceled
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if b.restarts >= maxRestarts {
		return false, fmt.Errorf("Chrome stopped %d times during the run; giving up (is the machine out of memory? lower --concurrency)", b.restarts+1)
	}
	b.restarts++
	b.opts.Log.Warn("Chrome stopped; starting it again", "restart", b.restarts)
	b.cancel() // clean up what is left of the dead one
	bctx, cancel, err := start(b.parent, b.opts)
	if err != nil {
		return false, fmt.Errorf("Chrome stopped and could not be started again: %w", err)
	}
	b.ctx, b.cancel = bctx, cancel
	return true, nil
}

// Restarts is how many times Chrome was started again after it died.
func (b *Browser) Restarts() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.restarts
}

// pid is the Chrome process's id; 0 for a remote browser.
func (b *Browser) pid() int {
	if c := chromedp.FromContext(b.browserCtx()); c != nil && c.Browser != nil {
		if p := c.Browser.Process(); p != nil {
			return p.Pid
		}
	}
	return 0
}

// Close stops the browser (or disconnects from a remote one).
func (b *Browser) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	b.cancel()
}

// Viewport is the size of the tabs' viewport, CSS px.
func (b *Browser) Viewport() (width, height int) { return b.opts.Width, b.opts.Height }
