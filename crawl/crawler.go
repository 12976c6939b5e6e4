package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"saavu/browser"
	"saavu/checks"
)

// RobotsAgent is the token saavu looks for in robots.txt User-agent lines.
const RobotsAgent = "saavu"

// CrawlOptions configure Crawl.
type CrawlOptions struct {
	Start            []string // start URLs (http or https)
	Include, Exclude []string // regular expressions over path?query; see Scope
	MaxPages         int      // pages loaded at most; 0: no limit
	MaxDepth         int      // link hops from a start URL; <0: no limit
	IgnoreRobots     bool
	Rate             float64 // page loads per second per host; 0: no limit
	Concurrency      int
	UserAgent        string        // User-Agent of the requests made from Go (robots.txt, sitemaps, documents)
	Client           *http.Client  // for those requests; a 15 s timeout client when nil
	State            *State        // where pages done are logged, and resumed from; nil: none
	RetryPause       time.Duration // before trying a page again; default 2s
	Log              *slog.Logger  // warnings and debug lines; nil: none

	// Document checks a linked document (downloads and audits it) and
	// fills in d; nil lists the site's documents with a HEAD request
	// only. With it, documents linked on any host are checked (unless
	// --exclude matches them), and links without a document's extension
	// that lead to one (by their Content-Type) are documents too. It is
	// called after the pages, from Concurrency goroutines, once robots.txt
	// of the document's host allows it and its host's --rate allows a
	// request (see documents.go).
	Document func(ctx context.Context, d *Document)
	// DocumentDone is called from one goroutine as each document is
	// done: how many are done, of how many.
	DocumentDone func(d Document, done, total int)
}

// CrawlPage is one audited (or failed) page of a crawl.
type CrawlPage struct {
	browser.Done
	Depth  int
	Start  bool // a start URL
	Queued int  // pages queued so far, for progress lines
}

// Document is a linked document (PDF, office file…): listed, not audited.
type Document struct {
	URL         string
	Status      int
	ContentType string
	Size        int64 // bytes; -1 when the server did not say
	Error       string
	Referrers   []string
	robots      bool // robots.txt keeps the crawl from it
}

// Robots reports whether robots.txt kept the crawl from the document.
func (d Document) Robots() bool { return d.robots }

// CrawlResult is what a crawl found besides the pages.
type CrawlResult struct {
	Documents []Document // sorted by URL
	Skipped   []Skipped  // sorted by URL: robots.txt, redirects out of scope
	Pending   []string   // sorted: pages queued but not done when the crawl stopped early
	referrers func(string) []string
}

// Referrers returns the audited pages that link to the normalised URL u.
func (r *CrawlResult) Referrers(u string) []string {
	if r.referrers == nil {
		return nil
	}
	return r.referrers(u)
}

// Crawl audits the start URLs and the pages they lead to, by links in
// the rendered DOM and by sitemaps, each page once, in opts.Concurrency
// tabs: each worker opens one with tabs (called from the workers'
// goroutines) and closes it at the end. done is called from one goroutine
// as pages finish; an error from it stops the crawl.
//
// With opts.State, each page done is logged there after done returns, and
// a resumed state's log is replayed first: the pages it lists are not
// audited again, and done is not called for them.
//
// A start URL whose server does not answer when its robots.txt is asked
// for (and robots.txt is obeyed) is not loaded: done gets it as a page
// that failed with a *PageError of kind network.
//
// A page that fails for a passing reason (a reset connection, a refused
// one, HTTP 502, 503 or 504) is tried once more after opts.RetryPause. A
// page lost because the browser died (Tab.Lost) is tried again at once.
//
// Crawl returns ctx's error when it was cancelled, with what was found
// until then (CrawlResult.Pending lists the pages not done).
func Crawl(ctx context.Context, tabs func() Tab, opts CrawlOptions, done func(CrawlPage) error) (*CrawlResult, error) {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	if opts.RetryPause == 0 {
		opts.RetryPause = 2 * time.Second
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	site, err := newSite(ctx, opts, client, log)
	if err != nil {
		return nil, err
	}
	scope, front := site.scope, site.front
	if opts.Document != nil {
		front.SetDocumentsAnyHost()
	}
	state := opts.State
	audited := map[string]string{} // normalised final URL -> URL audited

	// consume applies a page done to the frontier, as the crawl does and
	// as a replay of the state's log does.
	consume := func(r stateRecord) {
		if r.Doc {
			front.AddDocument(r.URL)
			return
		}
		front.MarkSeen(r.Final)
		if r.Skip != "" {
			front.Skip(r.URL, r.Skip)
			return
		}
		if r.OK {
			audited[r.Final] = r.URL
		}
		for _, l := range r.Links {
			_ = front.Add(l, r.Depth+1, r.URL, false)
		}
	}

	// Sitemaps: the robots.txt Sitemap: lines of each start origin, else
	// /sitemap.xml. Their pages are queued at depth 1. A resumed crawl
	// takes them from its log.
	var sitemap []string
	replayed := false
	if state != nil && state.Resumed {
		err := state.replay(func(r stateRecord) error {
			if r.Sitemap != nil || r.URL == "" {
				sitemap, replayed = r.Sitemap, true
				for _, p := range r.Sitemap {
					_ = front.Add(p, 1, "", false)
				}
				return nil
			}
			consume(r)
			return nil
		})
		if err != nil {
			return nil, err
		}
		front.Drop(func(it Item) bool { return state.Done(it.URL) })
	}
	if !replayed {
		sitemap = site.addSitemaps(ctx, opts, client, log)
		if state != nil && ctx.Err() == nil {
			if err := state.logRecord(stateRecord{Sitemap: sitemap}); err != nil {
				return nil, err
			}
		}
	}

	// A start URL whose server did not answer for robots.txt is a page
	// that could not be loaded.
	for _, f := range site.unreachable {
		if state != nil && state.Done(f.url) {
			continue
		}
		page := CrawlPage{Done: browser.Done{URL: f.url, Page: &checks.Page{URL: f.url, FinalURL: f.url}, Err: f.err}, Start: true, Queued: front.Admitted()}
		if err := done(page); err != nil {
			return nil, err
		}
		if state != nil {
			if err := state.logRecord(stateRecord{URL: f.url, Final: f.url, Start: true, Page: true}); err != nil {
				return nil, err
			}
		}
	}

	limiter := newHostLimiter(opts.Rate)
	type result struct {
		CrawlPage
		links []string
	}
	jobs := make(chan Item)
	results := make(chan result)
	stopCtx, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	workers, wctx := errgroup.WithContext(stopCtx)
	for range opts.Concurrency {
		workers.Go(func() error {
			w := &worker{tab: tabs(), scope: scope, limiter: limiter, log: log, pause: opts.RetryPause}
			defer w.close()
			for it := range jobs {
				d, links, err := w.page(wctx, it)
				if err != nil {
					return err // the browser cannot be started again
				}
				select {
				case results <- result{CrawlPage: CrawlPage{Done: d, Depth: it.Depth, Start: it.Start}, links: links}:
				case <-wctx.Done():
					return nil
				}
			}
			return nil
		})
	}

	inflight := map[string]Item{}
	var stopErr error
loop:
	for {
		var send chan Item
		next, ok := front.Peek()
		if ok {
			send = jobs
		} else if len(inflight) == 0 {
			break
		}
		select {
		case send <- next:
			front.Pop()
			inflight[next.URL] = next
		case r := <-results:
			if errors.Is(r.Err, context.Canceled) || errors.Is(r.Err, context.DeadlineExceeded) {
				continue // stopped, not done: it stays pending
			}
			delete(inflight, r.URL)
			final, err := Normalize(r.Page.FinalURL)
			if err != nil {
				final = r.URL
			}
			rec := stateRecord{URL: r.URL, Final: final, Depth: r.Depth, Start: r.Start, OK: r.Err == nil}
			switch {
			case opts.Document != nil && !r.Start && leadsToDocument(r.Done):
				rec = stateRecord{URL: r.URL, Doc: true}
			case browser.IsKind(r.Err, browser.KindOutOfScope):
				rec.Skip = r.Err.Error()
			case r.Err == nil && audited[final] != "":
				rec.Skip = fmt.Sprintf(ReasonSameAs, r.Page.FinalURL, audited[final])
			default:
				rec.Links = r.links
			}
			consume(rec)
			if rec.Skip == "" && !rec.Doc {
				r.Queued = front.Admitted()
				if err := done(r.CrawlPage); err != nil {
					stopErr = err
					break loop
				}
				rec.Page = true
			}
			if state != nil {
				if err := state.logRecord(rec); err != nil {
					stopErr = err
					break loop
				}
			}
		case <-wctx.Done():
			break loop
		}
	}
	close(jobs)
	stopWorkers() // a worker may be waiting to hand over a result
	werr := workers.Wait()
	if stopErr == nil && ctx.Err() == nil {
		stopErr = werr
	}

	res := &CrawlResult{referrers: front.Referrers}
	for u := range inflight {
		res.Pending = append(res.Pending, u)
	}
	for {
		it, ok := front.Peek()
		if !ok {
			break
		}
		front.Pop()
		res.Pending = append(res.Pending, it.URL)
	}
	slices.Sort(res.Pending)
	res.Skipped = front.Skipped()
	if stopErr != nil || ctx.Err() != nil {
		// Documents are not checked: the crawl did not finish.
		for _, d := range front.Documents() {
			res.Documents = append(res.Documents, Document{URL: d, Size: -1, Referrers: front.Referrers(d)})
		}
		if stopErr != nil {
			return res, stopErr
		}
		return res, ctx.Err()
	}
	docs := front.Documents()
	if len(docs) > maxDocuments {
		log.Warn("too many documents: only the first are checked", "found", len(docs), "checked", maxDocuments)
		docs = docs[:maxDocuments]
	}
	if opts.Document != nil {
		res.Documents = checkDocuments(ctx, opts, docs, front, site, limiter)
		return res, ctx.Err()
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			break
		}
		doc := Document{URL: d, Size: -1, Referrers: front.Referrers(d)}
		var robots error
		if site.allowed != nil {
			robots = site.allowed(d)
		}
		if robots != nil {
			doc.Error = "not checked: " + robots.Error()
		} else if err := limiter.Wait(ctx, d); err == nil {
			headDocument(ctx, client, opts.UserAgent, &doc)
		}
		res.Documents = append(res.Documents, doc)
	}
	return res, ctx.Err()
}

// worker audits pages one after another in its own tab.
type worker struct {
	tab     Tab
	scope   *Scope
	limiter *hostLimiter
	log     *slog.Logger
	pause   time.Duration
}

func (w *worker) close() { w.tab.Close() }

// page audits one page, trying it once more when it failed for a passing
// reason or because the browser died (it is then started again). The
// error is not nil only when the browser cannot go on.
func (w *worker) page(ctx context.Context, it Item) (browser.Done, []string, error) {
	var first error
	for try := 0; ; try++ {
		var d browser.Done
		var links []string
		var pe *browser.PageError
		switch err := w.tab.Ready(ctx); {
		case err == nil:
			d, links = crawlOne(ctx, w.tab, it, w.scope, w.limiter)
		case errors.As(err, &pe): // no tab could be opened
			d = browser.Done{URL: it.URL, Page: &checks.Page{URL: it.URL, FinalURL: it.URL}, Err: err}
		case ctx.Err() != nil:
			return browser.Done{URL: it.URL, Page: &checks.Page{URL: it.URL, FinalURL: it.URL}, Err: ctx.Err()}, nil, nil
		default:
			return browser.Done{}, nil, err
		}
		if d.Err == nil || ctx.Err() != nil || try > 0 {
			if d.Err == nil && first != nil {
				d.Page.Notes = append(d.Page.Notes, fmt.Sprintf("Audited at the second try: the first failed (%v).", first))
			}
			return d, links, nil
		}
		switch {
		case w.tab.Lost(d.Err):
			w.log.Warn("the browser stopped, or the connection to it dropped, while loading a page: trying the page again", "url", it.URL)
		case transient(d):
			w.log.Info("passing error: trying the page again", "url", it.URL, "err", d.Err, "after", w.pause)
			t := time.NewTimer(w.pause)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return d, links, nil
			}
		default:
			return d, links, nil
		}
		first = d.Err
	}
}

// transientNet are Chrome's network errors worth a second try.
var transientNet = []string{
	"ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_CONNECTION_REFUSED", "ERR_CONNECTION_ABORTED",
	"ERR_CONNECTION_FAILED", "ERR_EMPTY_RESPONSE", "ERR_CONNECTION_TIMED_OUT", "ERR_TIMED_OUT",
	"ERR_NETWORK_CHANGED", "ERR_NAME_RESOLUTION_FAILED",
}

// transient reports whether a page failed for a reason that may pass: a
// network error of the kinds above, or HTTP 429, 502, 503 or 504.
func transient(d browser.Done) bool {
	if browser.IsKind(d.Err, browser.KindHTTP) {
		switch d.Page.Status {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	if !browser.IsKind(d.Err, browser.KindNetwork) {
		return false
	}
	msg := d.Err.Error()
	for _, c := range transientNet {
		if strings.HasSuffix(msg, "(net::"+c+")") {
			return true
		}
	}
	return false
}

// maxDocuments is how many linked documents a crawl checks with HEAD.
const maxDocuments = 1000

// crawlOne captures a page and, when it is in scope, audits it and lists
// its links.
func crawlOne(ctx context.Context, tab Tab, it Item, scope *Scope, limiter *hostLimiter) (browser.Done, []string) {
	if err := limiter.Wait(ctx, it.URL); err != nil {
		return browser.Done{URL: it.URL, Page: &checks.Page{URL: it.URL, FinalURL: it.URL}, Err: err}, nil
	}
	if it.Start {
		tab.Stay(nil) // a start address may redirect anywhere: where it lands is the site
	} else {
		tab.Stay(func(u string) bool {
			n, err := Normalize(u)
			return err == nil && scope.In(n) == nil
		})
	}
	p, err := tab.Capture(ctx, it.URL)
	d := browser.Done{URL: it.URL, Page: p, Err: err}
	out := browser.IsKind(err, browser.KindOutOfScope) // a redirect the tab refused (Stay)
	if final, nerr := Normalize(p.FinalURL); nerr == nil && final != it.URL && !it.Start {
		if scope.In(final) != nil {
			out = true
		}
	}
	if out {
		d.Err = &browser.PageError{Kind: browser.KindOutOfScope, Msg: fmt.Sprintf(ReasonRedirectedOut, p.FinalURL)}
		return d, nil
	}
	if err != nil {
		return d, nil
	}
	d.Results, d.Err = tab.Check(ctx, p) // rules, then screenshots of what they reported
	return d, Links(p)
}

// Links returns the normalised targets of the page's a[href] and
// area[href] elements in the rendered DOM (so links added by scripts
// count), resolved against <base href> and the page's final URL.
func Links(p *checks.Page) []string {
	doc := p.Doc()
	if doc == nil {
		return nil
	}
	base, err := url.Parse(p.FinalURL)
	if err != nil {
		return nil
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	var out []string
	seen := map[string]bool{}
	add := func(base *url.URL, href string) {
		if l := ResolveLink(base, href); l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, n := range doc.Find("a[href], area[href]").Nodes {
		for _, a := range n.Attr {
			if a.Key == "href" && a.Namespace == "" {
				add(base, a.Val)
			}
		}
	}
	// Then the links in the page's iframes, each resolved against its
	// frame's address (the src of its iframe) and <base href>.
	bases := map[int]*url.URL{} // frame document index -> base
	var frameBase func(doc int) *url.URL
	frameBase = func(doc int) *url.URL {
		if b, ok := bases[doc]; ok {
			return b
		}
		b := base
		if d := p.Nodes[doc]; d.Parent >= 0 {
			owner := p.Nodes[d.Parent]
			if src := strings.TrimSpace(owner.AttrOr("src", "")); src != "" && !owner.HasAttr("srcdoc") {
				ob := base
				if owner.Frame != 0 && owner.Frame < doc { // a frame in a frame
					ob = frameBase(owner.Frame)
				}
				if u, err := ob.Parse(src); err == nil {
					b = u
				}
			}
		}
		for _, n := range p.Nodes[doc+1:] {
			if href, ok := n.Attr("href"); ok && n.Frame == doc && n.Is("base") && n.Shadow == "" {
				if u, err := b.Parse(href); err == nil {
					b = u
				}
				break
			}
		}
		bases[doc] = b
		return b
	}
	for _, n := range p.Nodes {
		if n.Frame == 0 || n.Type != checks.ElementNode || n.Namespace != "" || !n.Is("a", "area") {
			continue
		}
		if href, ok := n.Attr("href"); ok {
			add(frameBase(n.Frame), href)
		}
	}
	return out
}

// headDocument asks the server for a document's type and size.
func headDocument(ctx context.Context, c *http.Client, userAgent string, d *Document) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	resp, err := do(ctx, c, http.MethodHead, d.URL, userAgent)
	if err == nil && (resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented) {
		resp.Body.Close()
		resp, err = do(ctx, c, http.MethodGet, d.URL, userAgent)
	}
	if err != nil {
		d.Error = err.Error()
		var ue *url.Error
		if errors.As(err, &ue) {
			d.Error = ue.Err.Error()
		}
		return
	}
	resp.Body.Close()
	d.Status = resp.StatusCode
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		d.ContentType = mt
	}
	if n, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64); err == nil {
		d.Size = n
	}
	if resp.StatusCode >= 400 {
		d.Error = fmt.Sprintf("the server answered HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
}

func do(ctx context.Context, c *http.Client, method, u, userAgent string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	return c.Do(req)
}

// hostLimiter spaces out requests to each host, across workers.
type hostLimiter struct {
	every time.Duration
	mu    sync.Mutex
	next  map[string]time.Time
}

func newHostLimiter(perSecond float64) *hostLimiter {
	if perSecond <= 0 {
		return nil
	}
	return &hostLimiter{every: time.Duration(float64(time.Second) / perSecond), next: map[string]time.Time{}}
}

// Wait blocks until a request to raw's host may start.
func (l *hostLimiter) Wait(ctx context.Context, raw string) error {
	if l == nil {
		return ctx.Err()
	}
	host := raw
	if u, err := url.Parse(raw); err == nil {
		host = u.Host
	}
	l.mu.Lock()
	now := time.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.every)
	l.mu.Unlock()
	t := time.NewTimer(time.Until(at))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
