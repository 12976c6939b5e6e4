package crawl

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// KindOutOfScope is the PageError kind of a page that redirected out of
// the crawl's scope: it is not audited.
const KindOutOfScope = "out-of-scope"

// RobotsAgent is the token saavu looks for in robots.txt User-agent lines.
const RobotsAgent = "saavu"

// CrawlOptions configure Browser.Crawl.
type CrawlOptions struct {
	Start            []string // start URLs (http or https)
	Include, Exclude []string // regular expressions over path?query; see Scope
	MaxPages         int      // pages loaded at most; 0: no limit
	MaxDepth         int      // link hops from a start URL; <0: no limit
	IgnoreRobots     bool
	Rate             float64 // page loads per second per host; 0: no limit
	Concurrency      int
	UserAgent        string       // User-Agent of the requests made from Go (robots.txt, sitemaps, documents)
	Client           *http.Client // for those requests; a 15 s timeout client when nil
}

// CrawlPage is one audited (or failed) page of a crawl.
type CrawlPage struct {
	Done
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
}

// CrawlResult is what a crawl found besides the pages.
type CrawlResult struct {
	Documents []Document // sorted by URL
	Skipped   []Skipped  // sorted by URL: robots.txt, redirects out of scope
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
// the rendered DOM and by sitemaps, each page once. done is called from
// one goroutine as pages finish. Crawl returns ctx's error when it was
// cancelled, with what was found until then.
func (b *Browser) Crawl(ctx context.Context, opts CrawlOptions, rules []*checks.Rule, done func(CrawlPage)) (*CrawlResult, error) {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	log := b.opts.Log
	var starts []string
	for _, s := range opts.Start {
		n, err := Normalize(s)
		if err != nil {
			return nil, fmt.Errorf("start URL %s: %w", s, err)
		}
		starts = append(starts, n)
	}
	scope, err := NewScope(starts, opts.Include, opts.Exclude)
	if err != nil {
		return nil, err
	}

	// robots.txt, fetched once per origin by the consuming goroutine.
	robots := map[string]*Robots{}
	robotsFor := func(u *url.URL) *Robots {
		o := origin(u)
		rb, ok := robots[o]
		if !ok {
			var err error
			if rb, err = FetchRobots(ctx, client, u, RobotsAgent, opts.UserAgent); err != nil {
				log.Warn("robots.txt", "err", err)
			}
			robots[o] = rb
		}
		return rb
	}
	var allowed func(string) bool
	if !opts.IgnoreRobots {
		allowed = func(raw string) bool {
			u, err := url.Parse(raw)
			if err != nil {
				return false
			}
			return robotsFor(u).Allowed(robotsKey(u))
		}
	}
	front := NewFrontier(scope, allowed, opts.MaxPages, opts.MaxDepth)
	for _, s := range starts {
		if err := front.Add(s, 0, "", true); err != nil {
			log.Warn("start URL not crawled", "url", s, "err", err)
		}
	}

	// Sitemaps: the robots.txt Sitemap: lines of each start origin, else
	// /sitemap.xml. Their pages are queued at depth 1.
	var maps []string
	origins := map[string]bool{}
	for _, s := range starts {
		u, _ := url.Parse(s)
		if origins[origin(u)] {
			continue
		}
		origins[origin(u)] = true
		var listed []string
		if rb := robotsFor(u); rb != nil {
			listed = rb.Sitemaps
		}
		if len(listed) == 0 {
			listed = []string{origin(u) + "/sitemap.xml"}
		}
		maps = append(maps, listed...)
	}
	limit := MaxSitemapURLs
	if opts.MaxPages > 0 {
		limit = 10 * opts.MaxPages
	}
	keep := func(sm string) bool { return scope.SameSite(sm) && (allowed == nil || allowed(sm)) }
	warn := func(err error) { log.Info("sitemap not read", "err", err) }
	for _, p := range FetchSitemaps(ctx, client, opts.UserAgent, maps, limit, keep, warn) {
		if n, err := Normalize(p); err == nil && opts.MaxDepth != 0 {
			_ = front.Add(n, 1, "", false)
		}
	}

	limiter := newHostLimiter(opts.Rate)
	type result struct {
		CrawlPage
		links []string
	}
	jobs := make(chan Item)
	results := make(chan result)
	workers, wctx := errgroup.WithContext(ctx)
	for range opts.Concurrency {
		workers.Go(func() error {
			var tab *Tab
			defer func() {
				if tab != nil {
					tab.Close()
				}
			}()
			for it := range jobs {
				if tab != nil && tab.Broken() {
					tab.Close()
					tab = nil
				}
				r := result{CrawlPage: CrawlPage{Depth: it.Depth, Start: it.Start}}
				if tab == nil {
					var err error
					if tab, err = b.NewTab(wctx); err != nil {
						tab = nil
						r.Done = Done{URL: it.URL, Page: &checks.Page{URL: it.URL, FinalURL: it.URL}, Err: err}
					}
				}
				if tab != nil {
					r.Done, r.links = crawlOne(wctx, tab, it, scope, limiter, rules)
				}
				select {
				case results <- r:
				case <-wctx.Done():
					return nil
				}
			}
			return nil
		})
	}

	audited := map[string]string{} // normalised final URL -> URL audited
	inflight := 0
loop:
	for {
		var send chan Item
		next, ok := front.Peek()
		if ok {
			send = jobs
		} else if inflight == 0 {
			break
		}
		select {
		case send <- next:
			front.Pop()
			inflight++
		case r := <-results:
			inflight--
			final, err := Normalize(r.Page.FinalURL)
			if err != nil {
				final = r.URL
			}
			front.MarkSeen(final)
			if IsKind(r.Err, KindOutOfScope) {
				front.Skip(r.URL, r.Err.Error())
				continue
			}
			if prev, dup := audited[final]; dup && r.Err == nil {
				front.Skip(r.URL, fmt.Sprintf("redirects to %s, audited as %s", r.Page.FinalURL, prev))
				continue
			}
			if r.Err == nil {
				audited[final] = r.URL
			}
			r.Queued = front.Admitted()
			for _, l := range r.links {
				_ = front.Add(l, r.Depth+1, r.URL, false)
			}
			r.Queued = front.Admitted()
			done(r.CrawlPage)
		case <-ctx.Done():
			break loop
		}
	}
	close(jobs)
	_ = workers.Wait()

	res := &CrawlResult{referrers: front.Referrers}
	docs := front.Documents()
	if len(docs) > maxDocuments {
		log.Warn("too many documents: only the first are checked", "found", len(docs), "checked", maxDocuments)
		docs = docs[:maxDocuments]
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			break
		}
		doc := Document{URL: d, Size: -1, Referrers: front.Referrers(d)}
		if allowed != nil && !allowed(d) {
			doc.Error = "not checked: " + ErrRobots.Error()
		} else if err := limiter.Wait(ctx, d); err == nil {
			headDocument(ctx, client, opts.UserAgent, &doc)
		}
		res.Documents = append(res.Documents, doc)
	}
	res.Skipped = front.Skipped()
	return res, ctx.Err()
}

// maxDocuments is how many linked documents a crawl checks with HEAD.
const maxDocuments = 1000

// crawlOne captures a page and, when it is in scope, audits it and lists
// its links.
func crawlOne(ctx context.Context, tab *Tab, it Item, scope *Scope, limiter *hostLimiter, rules []*checks.Rule) (Done, []string) {
	if err := limiter.Wait(ctx, it.URL); err != nil {
		return Done{URL: it.URL, Page: &checks.Page{URL: it.URL, FinalURL: it.URL}, Err: err}, nil
	}
	p, err := tab.Capture(ctx, it.URL)
	d := Done{URL: it.URL, Page: p, Err: err}
	if final, nerr := Normalize(p.FinalURL); nerr == nil && final != it.URL && !it.Start {
		if scope.In(final) != nil {
			d.Err = pageErr(KindOutOfScope, "redirected out of scope to %s: not audited", p.FinalURL)
			return d, nil
		}
	}
	if err != nil {
		return d, nil
	}
	d.Results, d.Err = checks.Check(p, rules)
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
	for _, n := range doc.Find("a[href], area[href]").Nodes {
		for _, a := range n.Attr {
			if a.Key != "href" || a.Namespace != "" {
				continue
			}
			if l := ResolveLink(base, a.Val); l != "" && !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
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
