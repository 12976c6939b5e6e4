package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// htmlTypes are the media types saavu audits.
var htmlTypes = map[string]bool{
	"text/html": true, "application/xhtml+xml": true, "image/svg+xml": true,
}

// navState follows a tab's navigations through its events.
type navState struct {
	mu        sync.Mutex
	responses map[cdp.LoaderID]*network.Response // main-frame document responses
	lifecycle map[cdp.LoaderID]map[string]bool
	inflight  map[network.RequestID]bool      // requests of the current page not yet finished
	resources map[network.RequestID]*resource // every request of the current page, for its render hash (fingerprint.go)
	idle      time.Time                       // when the last of them finished
	crashed   bool
	changed   chan struct{}

	frame string // the tab's top frame
	doc   string // unique id of the execution context of its document's main world
}

func newNavState() *navState {
	return &navState{
		responses: map[cdp.LoaderID]*network.Response{},
		lifecycle: map[cdp.LoaderID]map[string]bool{},
		inflight:  map[network.RequestID]bool{},
		resources: map[network.RequestID]*resource{},
		changed:   make(chan struct{}, 1),
	}
}

// reset forgets the previous page's navigations.
func (s *navState) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.responses)
	clear(s.lifecycle)
	clear(s.inflight)
	clear(s.resources)
	s.idle = time.Now()
}

func (s *navState) signal() {
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *navState) listen(ev any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.track(ev)
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.inflight[ev.RequestID] = true
		return
	case *network.EventLoadingFinished:
		s.finished(ev.RequestID)
	case *network.EventLoadingFailed:
		s.finished(ev.RequestID)
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument && ev.Response != nil {
			if _, ok := s.responses[ev.LoaderID]; !ok {
				s.responses[ev.LoaderID] = ev.Response
			}
		}
	case *page.EventLifecycleEvent:
		m := s.lifecycle[ev.LoaderID]
		if m == nil {
			m = map[string]bool{}
			s.lifecycle[ev.LoaderID] = m
		}
		m[ev.Name] = true
	case *inspector.EventTargetCrashed:
		s.crashed = true
	case *runtime.EventExecutionContextCreated:
		var aux struct {
			FrameID   string `json:"frameId"`
			IsDefault bool   `json:"isDefault"`
		}
		if json.Unmarshal(ev.Context.AuxData, &aux) == nil && aux.IsDefault && aux.FrameID == s.frame {
			s.doc = ev.Context.UniqueID
		}
		return
	case *runtime.EventExecutionContextDestroyed:
		if ev.ExecutionContextUniqueID == s.doc {
			s.doc = ""
		}
		return
	case *runtime.EventExecutionContextsCleared:
		s.doc = ""
		return
	default:
		return
	}
	s.signal()
}

// document returns the unique id of the execution context of the main
// world of the tab's top document, where the scripts run (see Tab.call);
// "" while there is none.
func (s *navState) document() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.doc
}

func (s *navState) isCrashed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.crashed
}

// wait blocks until cond holds (checked under the lock), the tab crashes,
// d passes or ctx ends. It reports whether cond held.
func (s *navState) wait(ctx context.Context, d time.Duration, cond func() bool) (bool, error) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		s.mu.Lock()
		ok, crashed := cond(), s.crashed
		s.mu.Unlock()
		switch {
		case crashed:
			return false, errCrashed
		case ok:
			return true, nil
		}
		select {
		case <-s.changed:
		case <-timer.C:
			return false, nil
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}

func (s *navState) finished(id network.RequestID) {
	if s.inflight[id] {
		delete(s.inflight, id)
		if len(s.inflight) == 0 {
			s.idle = time.Now()
		}
	}
}

// quiet waits until no request of the page has been in flight for q, or
// max passes. The quiet time counts from when the last request finished,
// which may be before the wait began.
func (s *navState) quiet(ctx context.Context, q, max time.Duration) error {
	deadline := time.Now().Add(max)
	for {
		s.mu.Lock()
		n, idle, crashed := len(s.inflight), s.idle, s.crashed
		s.mu.Unlock()
		if crashed {
			return errCrashed
		}
		now := time.Now()
		wait := deadline.Sub(now)
		if wait <= 0 {
			return nil
		}
		if n == 0 {
			left := q - now.Sub(idle)
			if left <= 0 {
				return nil
			}
			// A request that starts meanwhile is seen when the timer
			// fires; one that finishes wakes the wait.
			wait = min(wait, left)
		}
		timer := time.NewTimer(wait)
		select {
		case <-s.changed:
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
		timer.Stop()
	}
}

var errCrashed = pageErr(KindCrash, "the browser tab crashed while showing the page (out of memory, or a browser bug the page triggers)")

// Tab is one browser tab that captures pages one after another. A tab
// that crashed, hung or timed out is Broken: close it and open another.
type Tab struct {
	b      *Browser
	c      *conn           // the browser it is open in
	gen    int             // c's generation when it opened
	parent context.Context // c's chromedp context when it opened
	ctx    context.Context
	cancel context.CancelFunc
	st     *navState
	broken bool
	pages  int // captures so far

	// backend maps the DOM's backend node ids to the indexes in the page
	// model of the page captured last, for the screenshots (shots.go).
	backend map[cdp.BackendNodeID]int

	// Redirects of the page's own navigation to an address stay rejects
	// are refused before the browser loads them (see Stay).
	mu       sync.Mutex
	stay     func(url string) bool
	refused  string // the address last refused
	fetching bool   // Fetch interception is on

	// While the guard is on (guard.go), requests it holds back are
	// refused, and listed in held.
	guarding bool
	held     []string

	// hash makes captures compute the page's render hash; a page for
	// which reuse then returns true is not audited (fingerprint.go).
	hash  bool
	reuse func(url, hash string) bool

	// early is when the load event of the page being captured came, if
	// the quiet wait after it was cut short to look for an unchanged page
	// sooner (earlySettle); zero otherwise.
	early time.Time

	// focusWhy says why the last focus walk pressed Tab; "" when it was a
	// script walk (probe_focus.go).
	focusWhy string
}

// Stay makes the tab refuse, from its next Capture on, to follow a
// redirect of the page to an address for which stay returns false: the
// page is then reported as an out-of-scope redirect, and the browser
// never loads the other address. nil follows every redirect.
func (t *Tab) Stay(stay func(url string) bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stay = stay
}

// paused answers a request the tab's Fetch interception paused: a
// redirect of the top document to an address it must not stay at is
// refused, one the guard holds back is refused too (guard.go),
// everything else goes on.
func (t *Tab) paused(ev *fetch.EventRequestPaused) {
	t.mu.Lock()
	refuse := t.stay != nil && ev.RedirectedRequestID != "" && ev.ResourceType == network.ResourceTypeDocument &&
		ev.Request != nil && string(ev.FrameID) == t.frameID() && !t.stay(ev.Request.URL)
	if refuse {
		t.refused = ev.Request.URL
	}
	hold := !refuse && t.guarding && t.holdBack(ev)
	t.mu.Unlock()
	if hold {
		t.hold(ev.Request.Method + " " + ev.Request.URL)
		t.answerHeld(ev)
		return
	}
	if refuse {
		_, _ = chromedp.Call(t.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	_, _ = chromedp.Call(t.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
}

// frameID is the id of the tab's top frame (a page target's id).
func (t *Tab) frameID() string {
	if c := chromedp.FromContext(t.ctx); c != nil && c.Target != nil {
		return string(c.Target.TargetID)
	}
	return ""
}

// intercept turns on the interception of the top document's requests
// when Stay asked for it.
func (t *Tab) intercept(ctx context.Context) error {
	t.mu.Lock()
	t.refused = ""
	need := t.stay != nil && !t.fetching
	t.mu.Unlock()
	if !need {
		return nil
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
		{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageRequest},
	}}); err != nil {
		return err
	}
	t.mu.Lock()
	t.fetching = true
	t.mu.Unlock()
	return nil
}

// NewTab opens a tab, in the least busy browser of a fleet. An error
// other than a *PageError or ctx's means no browser can be started or
// reached any more.
func (b *Browser) NewTab(ctx context.Context) (*Tab, error) {
	c, gen, err := b.pick(ctx)
	if err != nil {
		return nil, err
	}
	return b.newTab(ctx, c, gen)
}

// newTab opens a tab in c, of generation gen, which pick counted it in.
func (b *Browser) newTab(ctx context.Context, c *conn, gen int) (*Tab, error) {
	b.mu.Lock()
	parent := c.ctx
	b.mu.Unlock()
	tabCtx, tcancel := chromedp.NewContext(parent)
	cancel := func() {
		tcancel()
		b.mu.Lock()
		if c.restarts == gen {
			c.tabs--
		}
		b.mu.Unlock()
	}
	cancel = sync.OnceFunc(cancel)
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	if err := chromedp.Do(tabCtx); err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, pageErr(KindBrowser, "could not open a browser tab: %v", err)
	}
	if b.ua != "" { // identify the audit to the site
		if _, err := chromedp.Call(tabCtx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: b.ua}); err != nil {
			cancel()
			return nil, pageErr(KindBrowser, "could not set the tab's user agent: %v", err)
		}
	}
	// Note the page's repeating timers from its first script on (the
	// auto-update probe, probe_auto.go).
	if _, err := chromedp.Call(tabCtx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: timersJS}); err != nil {
		cancel()
		return nil, pageErr(KindBrowser, "could not prepare the browser tab: %v", err)
	}
	t := &Tab{b: b, c: c, gen: gen, parent: parent, ctx: tabCtx, cancel: cancel, st: newNavState()}
	if c.url != "" {
		b.opts.Log.Debug("tab opened", "browser", c.url, "target", t.frameID())
	}
	t.st.frame = t.frameID()
	if err := chromedp.Listen(tabCtx, t.st.listen); err != nil {
		cancel()
		return nil, pageErr(KindBrowser, "could not follow the browser tab: %v", err)
	}
	if err := chromedp.Listen(tabCtx, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			go t.paused(ev) // answering from the listener would block the tab's events
		}
	}); err != nil {
		cancel()
		return nil, pageErr(KindBrowser, "could not follow the browser tab: %v", err)
	}
	dialogs := chromedp.Events(tabCtx, page.JavascriptDialogOpening)
	go func() { // alert(), confirm() and prompt() would block the page: dismiss them
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			leave := ev.Type == page.DialogTypeBeforeunload // let the tab move on to the next page
			_, _ = chromedp.Call(tabCtx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: leave})
		}
	}()
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() {
	t.unguard(t.ctx)
	t.cancel()
}

// Broken reports whether the tab should be replaced: it crashed, hung
// or timed out, or it has shown tabPages pages (a renderer that lives
// through thousands of pages of a site keeps growing).
func (t *Tab) Broken() bool { return t.broken || t.pages >= tabPages }

// tabPages is how many pages a tab captures before it is replaced.
const tabPages = 100

// Capture loads url in a new tab, captures it and closes the tab. See
// Tab.Capture.
func (b *Browser) Capture(ctx context.Context, url string) (*checks.Page, error) {
	t, err := b.NewTab(ctx)
	if err != nil {
		return &checks.Page{URL: url, FinalURL: url}, err
	}
	defer t.Close()
	return t.Capture(ctx, url)
}

// Capture loads url in the tab and captures it. On failure it returns a
// *PageError (or ctx's error) and, when the server answered, a page with
// the URL, status and content type filled in.
func (t *Tab) Capture(ctx context.Context, url string) (*checks.Page, error) {
	b := t.b
	start := time.Now()
	p := &checks.Page{URL: url, FinalURL: url}
	opCtx, cancelOp := context.WithTimeout(t.ctx, b.opts.PageTimeout)
	defer cancelOp()
	stop := context.AfterFunc(ctx, cancelOp) // the caller's cancellation stops the capture
	defer stop()
	t.unguard(opCtx) // the last page's
	t.st.reset()
	t.pages++
	t.backend = nil

	err := t.intercept(opCtx)
	if err == nil {
		err = t.load(ctx, opCtx, p, url)
	}
	loaded := time.Now()
	if err == nil {
		err = t.capture(ctx, opCtx, p)
	}
	if err != nil {
		if ctx.Err() != nil {
			t.broken = true
			return p, ctx.Err()
		}
		var pe *PageError
		switch {
		case t.st.isCrashed():
			err = errCrashed
		case errors.As(err, &pe):
		case errors.Is(err, context.DeadlineExceeded):
			err = pageErr(KindTimeout, "the page could not be captured within %s: raise --page-timeout if the site is slow", b.opts.PageTimeout)
		default:
			err = pageErr(KindBrowser, "the browser failed while capturing the page: %v", err)
		}
		if errors.As(err, &pe) && (pe.Kind == KindCrash || pe.Kind == KindHung || pe.Kind == KindTimeout || pe.Kind == KindBrowser) {
			t.broken = true
		}
		return p, err
	}
	b.opts.Log.Debug("captured", "url", url, "nodes", len(p.Nodes),
		"load", loaded.Sub(start).Round(time.Millisecond), "capture", time.Since(loaded).Round(time.Millisecond))
	return p, nil
}

// earlySettle divides Options.Settle for the first look at a page in a
// crawl that reuses earlier results (load, capture).
const earlySettle = 3

// load navigates the tab and waits until the page is ready to capture.
func (t *Tab) load(ctx, opCtx context.Context, p *checks.Page, url string) error {
	b, st := t.b, t.st
	loadStart := time.Now()
	t.early = time.Time{}
	cpu := b.cpuMeter(ctx)
	loadCPU := cpu.now()
	navCtx, cancelNav := context.WithTimeout(opCtx, b.opts.LoadTimeout)
	defer cancelNav()
	nav, err := chromedp.Call(navCtx, page.Navigate, page.NavigateParams{URL: url})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			return pageErr(KindTimeout, "the server did not answer within %s: check that the site is up, or raise --page-timeout if it is slow", b.opts.LoadTimeout)
		}
		return err
	}
	st.mu.Lock()
	resp := st.responses[nav.LoaderID]
	st.mu.Unlock()
	if nav.ErrorText == "net::ERR_ABORTED" && !nav.IsDownload && resp == nil {
		// A renderer that crashes during the navigation aborts it; the
		// crash event comes right after.
		if _, err := st.wait(opCtx, 3*time.Second, func() bool { return false }); err != nil {
			return err
		}
	}
	if resp != nil {
		p.FinalURL = resp.URL
		p.Status = int(resp.Status)
		p.ContentType = mediaType(resp.MimeType)
	}
	t.mu.Lock()
	refused := t.refused
	t.mu.Unlock()
	switch {
	case refused != "" && nav.ErrorText != "":
		p.FinalURL = refused
		return pageErr(KindOutOfScope, "redirected to %s, where the tab was told not to go: not audited", refused)
	case nav.IsDownload:
		return pageErr(KindNotHTML, "not a web page (%s): the server sent a file to download; documents are not audited", orUnknown(p.ContentType))
	case nav.ErrorText != "":
		if resp != nil && resp.Status >= 400 {
			return httpError(p.Status, resp.StatusText)
		}
		if resp != nil && !htmlTypes[p.ContentType] {
			return pageErr(KindNotHTML, "not a web page (%s); only HTML pages are audited", orUnknown(p.ContentType))
		}
		return netError(nav.ErrorText)
	case resp == nil:
		// Served without a network response (about:, data:, chrome:).
		p.Status = 0
	case resp.Status >= 400:
		return httpError(p.Status, resp.StatusText)
	case !htmlTypes[p.ContentType]:
		return pageErr(KindNotHTML, "not a web page (%s); only HTML pages are audited", orUnknown(p.ContentType))
	}

	// Wait for the load event, then for a quiet network, both bounded.
	loaded, err := st.wait(opCtx, b.opts.LoadTimeout-time.Since(loadStart), func() bool {
		return st.lifecycle[nav.LoaderID]["load"]
	})
	if err != nil {
		return err
	}
	if !loaded {
		state, err := b.readyState(opCtx)
		if err != nil {
			return err
		}
		p.Notes = append(p.Notes, fmt.Sprintf("The page did not finish loading within %s (document state: %s); it was audited as it was then.",
			b.opts.LoadTimeout, state))
		return nil
	}
	// Then let late requests (scripts fetching content) finish: proceed
	// once nothing has been in flight for Settle, waiting 2s at most. In
	// a crawl that reuses earlier results, the wait is a third of that
	// at first, for the render hash: a page found unchanged goes no
	// further, the others wait the rest (capture).
	loadEvent, loadEventCPU := time.Now(), cpu.now()
	settle := b.opts.Settle
	if t.hash && t.reuse != nil {
		settle = settle / earlySettle
		t.early = loadEvent
	}
	err = st.quiet(opCtx, settle, 2*time.Second)
	b.opts.Log.Debug("loaded", "url", url, "load event", loadEvent.Sub(loadStart).Round(time.Millisecond),
		"quiet", time.Since(loadEvent).Round(time.Millisecond), "cpu", cpu.since(loadCPU), "cpu quiet", cpu.since(loadEventCPU))
	return err
}

// readyState asks the page for document.readyState. A page whose scripts
// never yield does not answer: that is reported as a hung page.
func (b *Browser) readyState(ctx context.Context) (string, error) {
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	res, err := chromedp.Call(pctx, runtime.Evaluate, runtime.EvaluateParams{Expression: "document.readyState", ReturnByValue: new(true)})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			return "", pageErr(KindHung, "the page's scripts keep the browser busy and it stopped responding (an endless loop?); it could not be audited")
		}
		return "", err
	}
	if res.Result == nil {
		return "unknown", nil
	}
	return strings.Trim(string(res.Result.Value), `"`), nil
}

func mediaType(v string) string {
	if t, _, err := mime.ParseMediaType(v); err == nil {
		return t
	}
	return strings.ToLower(strings.TrimSpace(v))
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown type"
	}
	return s
}
