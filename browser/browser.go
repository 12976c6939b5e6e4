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
	// BrowserURLs are the ws:// or http:// DevTools addresses of running
	// Chromes: when set, no browser is started, and the tabs are spread
	// over them.
	BrowserURLs []string
	UserAgent   string // appended to Chrome's own user agent

	// Width and Height are the size of Chrome's window in CSS px, default
	// 1280×900. The page's viewport is as wide, but in new-headless
	// Chromium less tall by the browser's hidden toolbars: 1280×757 with
	// Chromium 156 (innerHeight; Page.getLayoutMetrics).
	Width, Height int

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

// Browser is a running Chrome that pages are captured in, one tab each,
// or a fleet of remote Chromes (Options.BrowserURLs) that the tabs are
// spread over. When the Chrome process dies (killed for lack of memory, a
// crash) the Workers of a Session start it again; when the connection to
// a remote Chrome drops they connect to it again (see pick and revive).
type Browser struct {
	opts    Options
	parent  context.Context // Launch's context: a restarted Chrome lives under it too
	Version string
	ua      string // Chrome's user agent with Options.UserAgent appended; empty to keep Chrome's

	keyWalk bool      // tests: the focus probe always presses Tab (probe_focus.go)
	bodies  bodyCache // of the render hashes (fingerprint.go)

	mu     sync.Mutex
	conns  []*conn // one per remote browser; one for a Chrome saavu started
	next   int     // the conn the next tab goes to when several are as busy
	closed bool
}

// conn is one Chrome of a Browser. Its fields are guarded by Browser.mu.
type conn struct {
	url      string          // the address given; "" for the Chrome saavu started
	ctx      context.Context // the chromedp context tabs are opened under
	cancel   context.CancelFunc
	restarts int       // how many times it was started or connected again
	fails    int       // failed tries to start or connect again in a row
	retryAt  time.Time // no new try before then
	gone     error     // it could not be started or reached again: given up
	reviving bool      // being started or connected again (revive)
	tabs     int       // tabs open in it

	popups popupGuard // the browser layer of the guard (guard.go)
}

// name is how the logs and errors call the conn's browser.
func (c *conn) name() string {
	if c.url == "" {
		return "Chrome"
	}
	return "the browser at " + c.url
}

// maxRestarts is how many times a Browser restarts a Chrome that died.
const maxRestarts = 10

// reconnectTries is how many times in a row saavu tries to start or reach
// a browser again, waiting 0.5s, 1s, 2s… between the tries, before it
// gives up on it.
const reconnectTries = 4

// Launch starts Chrome (or connects to opts.BrowserURLs). The browser
// lives until Close is called or ctx ends.
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	opts.defaults()
	b := &Browser{opts: opts, parent: ctx}
	urls := opts.BrowserURLs
	if len(urls) == 0 {
		urls = []string{""}
	}
	for _, u := range urls {
		c := &conn{url: u}
		bctx, cancel, err := start(ctx, opts, u)
		if err != nil {
			b.Close()
			return nil, err
		}
		c.ctx, c.cancel = bctx, cancel
		b.conns = append(b.conns, c)
		if b.Version != "" {
			continue
		}
		if v, err := chromedp.CallBrowser(bctx, browser.GetVersion, cdp.Empty{}); err == nil {
			b.Version = v.Product
			if opts.UserAgent != "" {
				b.ua = v.UserAgent + " " + opts.UserAgent
			}
		}
	}
	return b, nil
}

// start starts Chrome, or connects to the one at url, and returns the
// chromedp context to open tabs under. A remote browser's tabs are opened
// in a browser context of their own, which goes away with the connection:
// the cookies and storage of the run do not leak into another run sharing
// that Chrome.
func start(ctx context.Context, opts Options, url string) (context.Context, context.CancelFunc, error) {
	var allocCtx context.Context
	var allocCancel context.CancelFunc
	wait := 60 * time.Second
	if url != "" {
		ws, err := devtools(ctx, url, opts.Log)
		if err != nil {
			return nil, nil, err
		}
		if ws != url {
			opts.Log.Debug("connecting to the browser", "url", url, "ws", ws)
		}
		allocCtx, allocCancel = remote.NewAllocator(ctx, ws, remote.WithDialTimeout(remoteTimeout))
		wait = remoteTimeout + 5*time.Second
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
			// their content too. WebUIOmniboxPopup: headless Chrome
			// otherwise loads the address bar's popup, a web page of
			// its own, at start (about 0.3 CPU-s per browser).
			chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,site-per-process,IsolateOrigins,WebUIOmniboxPopup"),
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
			if url != "" {
				return nil, nil, unreachable(url, err)
			}
			return nil, nil, fmt.Errorf("start Chrome: %w (try --chrome PATH, or run with --log-level debug)", err)
		}
	case <-time.After(wait):
		cancel()
		if url != "" {
			return nil, nil, fmt.Errorf("could not reach the browser at %s: no answer within %s", url, wait)
		}
		return nil, nil, errors.New("start Chrome: no answer within 60s (run with --log-level debug to see why)")
	case <-ctx.Done():
		cancel()
		return nil, nil, ctx.Err()
	}
	var bcID cdp.BrowserContextID
	if url != "" {
		v, err := chromedp.CallBrowser(bctx, browser.GetVersion, cdp.Empty{})
		if err == nil {
			err = checkProduct(v.Product)
		}
		if err != nil {
			cancel()
			return nil, nil, fmt.Errorf("the browser at %s %w", url, err)
		}
		// A browser context of the run's own, disposed of when the
		// connection ends (chromedp's default: DisposeOnDetach).
		rctx, rcancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
		if err := chromedp.Do(rctx); err != nil {
			rcancel()
			cancel()
			return nil, nil, fmt.Errorf("the browser at %s: could not create a browser context for the run: %w", url, err)
		}
		bcID = chromedp.FromContext(rctx).BrowserContextID
		opts.Log.Debug("connected to the browser", "url", url, "product", v.Product, "browser_context", bcID)
		prev := cancel
		bctx, cancel = rctx, func() { rcancel(); prev() }
	}
	// A link to a PDF or a ZIP must not fill the disk: refuse downloads.
	_, _ = chromedp.CallBrowser(bctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny, BrowserContextID: bcID})
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

// pick returns the browser the next tab opens in, and its generation
// (how many times it was started again), counting the tab: the least
// busy of those that run, the next one in turn among equals. A browser
// that died or dropped is started or reached again in the background,
// when its backoff allows, while the others take the tabs; when none
// runs, pick waits for one. It fails when every browser was given up on.
func (b *Browser) pick(ctx context.Context) (*conn, int, error) {
	for {
		b.mu.Lock()
		if b.closed || b.parent.Err() != nil {
			b.mu.Unlock()
			return nil, 0, context.Canceled
		}
		var best *conn
		var errs []error
		now, wake := time.Now(), time.Time{}
		n := len(b.conns)
		for i := range n {
			c := b.conns[(b.next+i)%n]
			if c.gone != nil {
				errs = append(errs, c.gone)
				continue
			}
			if c.ctx.Err() != nil {
				// Started or connected again in the background: the
				// other browsers go on taking tabs meanwhile.
				if !c.reviving && !now.Before(c.retryAt) {
					c.reviving = true
					go b.revive(c)
				}
				at := now.Add(200 * time.Millisecond) // look again soon
				if c.retryAt.After(at) {
					at = c.retryAt
				}
				if wake.IsZero() || at.Before(wake) {
					wake = at
				}
				continue
			}
			if best == nil || c.tabs < best.tabs {
				best = c
			}
		}
		if best != nil {
			best.tabs++
			for i, c := range b.conns {
				if c == best {
					b.next = (i + 1) % n
				}
			}
			gen := best.restarts
			b.mu.Unlock()
			return best, gen, nil
		}
		b.mu.Unlock()
		if wake.IsZero() {
			return nil, 0, errors.Join(errs...)
		}
		t := time.NewTimer(time.Until(wake))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, 0, ctx.Err()
		}
	}
}

// stale reports whether the browser t was opened in went away (it may
// have been started again since).
func (b *Browser) stale(t *Tab) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return t.c.restarts != t.gen || t.c.ctx.Err() != nil
}

// dead reports whether the Chrome of c, of generation gen, went away
// while nobody asked it to stop (it may have been started again since).
// It waits up to wait for the loss to be noticed: a call that failed
// because the process died can return before chromedp cancels the
// browser's context.
func (b *Browser) dead(c *conn, gen int, wait time.Duration) bool {
	b.mu.Lock()
	bctx, restarted := c.ctx, c.restarts != gen
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

// revive starts the Chrome of c again, or connects to it again, after it
// died or the connection dropped: at most maxRestarts times in a run, and
// reconnectTries times in a row, with a backoff between them (see pick).
// pick calls it in a goroutine of its own, with c.reviving set.
func (b *Browser) revive(c *conn) {
	b.mu.Lock()
	if c.restarts >= maxRestarts {
		if c.url == "" {
			c.gone = fmt.Errorf("Chrome stopped %d times during the run; giving up (is the machine out of memory? lower --concurrency)", c.restarts+1)
		} else {
			c.gone = fmt.Errorf("the connection to the browser at %s dropped %d times during the run; giving up", c.url, c.restarts+1)
		}
		c.reviving = false
		b.mu.Unlock()
		return
	}
	if c.url == "" {
		b.opts.Log.Warn("Chrome stopped; starting it again", "restart", c.restarts+1)
	} else {
		b.opts.Log.Warn("the connection to the browser dropped; connecting again", "url", c.url, "try", c.fails+1)
	}
	c.cancel() // clean up what is left of the dead one
	b.mu.Unlock()

	bctx, cancel, err := start(b.parent, b.opts, c.url)

	b.mu.Lock()
	defer b.mu.Unlock()
	c.reviving = false
	if b.closed || b.parent.Err() != nil {
		if err == nil {
			cancel()
		}
		return
	}
	if err != nil {
		c.fails++
		if c.fails >= reconnectTries {
			if c.url == "" {
				c.gone = fmt.Errorf("Chrome stopped and could not be started again: %w", err)
			} else {
				c.gone = fmt.Errorf("the connection to the browser at %s dropped, and %d tries to connect again failed: %w", c.url, c.fails, err)
			}
			b.opts.Log.Error("giving up on the browser", "browser", c.name(), "err", err)
			return
		}
		c.retryAt = time.Now().Add(500 * time.Millisecond << (c.fails - 1))
		b.opts.Log.Warn("could not start or reach the browser again; trying again later", "browser", c.name(), "err", err, "at", c.retryAt.Format(time.TimeOnly))
		return
	}
	c.ctx, c.cancel, c.fails = bctx, cancel, 0
	c.restarts++
	c.tabs = 0 // the dead one's tabs are closed by their workers
}

// Restarts is how many times a Chrome was started again after it died,
// or connected to again after the connection dropped.
func (b *Browser) Restarts() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, c := range b.conns {
		n += c.restarts
	}
	return n
}

// pid is the process id of the Chrome saavu started; 0 for a remote browser.
func (b *Browser) pid() int {
	b.mu.Lock()
	bctx := b.conns[0].ctx
	b.mu.Unlock()
	if c := chromedp.FromContext(bctx); c != nil && c.Browser != nil {
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
	for _, c := range b.conns {
		c.cancel()
	}
}

// Viewport is the size of the tabs' viewport, CSS px.
func (b *Browser) Viewport() (width, height int) { return b.opts.Width, b.opts.Height }
