package crawl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/sync/errgroup"

	"saavu/browser"
)

// Discovery is what Discover found: the site's pages, described for
// sample selection, and the documents and pages it did not describe.
type Discovery struct {
	Candidates []Candidate // in the order found
	Documents  []Document  // linked documents, sorted by URL (not checked with HEAD)
	Broken     []Document  // linked pages that answered with an HTTP error, sorted by URL
	Skipped    []Skipped   // sorted by URL: robots.txt, redirects out of scope, errors
	// Failed are the start URLs that could not be loaded, in the order
	// given: Status is the server's answer (0 when it could not be
	// reached) and Error says why in words.
	Failed []Document
	// Allowed says why robots.txt keeps the audit from a URL of any
	// host, nil when it does not (or robots.txt is ignored). It is not
	// safe for concurrent use.
	Allowed func(string) error
}

// maxDiscoverBody is how much of a page Discover reads.
const maxDiscoverBody = 4 << 20

// Discover walks the site the way Crawl does (same scope, robots.txt,
// sitemaps, depth and page limits) but fetches pages over plain HTTP
// without a browser and audits nothing: it is the fast first pass of a
// sampled audit. Links that only scripts add are not seen. It returns
// ctx's error when cancelled, with what was found until then.
func Discover(ctx context.Context, opts CrawlOptions, log *slog.Logger) (*Discovery, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	site, err := newSite(ctx, opts, client, log)
	if err != nil {
		return nil, err
	}
	site.addSitemaps(ctx, opts, client, log)
	// Never follow a redirect out of scope: stop at it and record it.
	scoped := *client
	scoped.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		if n, err := Normalize(req.URL.String()); err != nil || site.scope.In(n) != nil {
			return http.ErrUseLastResponse
		}
		return nil
	}
	client = &scoped
	front := site.front
	limiter := newHostLimiter(opts.Rate)
	workers := max(opts.Concurrency, 1) * 2

	jobs := make(chan Item)
	results := make(chan fetched)
	g, gctx := errgroup.WithContext(ctx)
	for range workers {
		g.Go(func() error {
			for it := range jobs {
				f := fetchPage(gctx, client, limiter, opts.UserAgent, it)
				select {
				case results <- f:
				case <-gctx.Done():
					return nil
				}
			}
			return nil
		})
	}

	d := &Discovery{Allowed: site.allowed}
	for _, f := range site.unreachable {
		d.Failed = append(d.Failed, Document{URL: f.url, Error: f.err.Error()})
	}
	texts := map[string][]string{} // link target -> texts of links to it
	byURL := map[string]int{}      // candidate URL -> index
	inflight := 0
	searchAt := "" // the results page of the site search, once found
	var broken []Document
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
		case f := <-results:
			inflight--
			if f.final != "" && f.final != f.it.URL {
				front.MarkSeen(f.final)
				if err := site.scope.In(f.final); err != nil && !f.it.Start {
					front.Skip(f.it.URL, fmt.Sprintf(ReasonRedirectOut, f.final))
					continue
				}
				if _, dup := byURL[f.final]; dup {
					continue
				}
			}
			if f.it.Start && (f.status >= 400 || browser.IsKind(f.err, browser.KindNetwork)) {
				// Not a broken link: the page asked for.
				msg := fmt.Sprintf("the server answered HTTP %d %s", f.status, http.StatusText(f.status))
				if f.err != nil {
					msg = f.err.Error()
				}
				d.Failed = append(d.Failed, Document{URL: f.it.URL, Status: f.status, Error: msg})
				continue
			}
			if f.status >= 400 {
				broken = append(broken, Document{URL: f.it.URL, Status: f.status, Error: f.skip})
				continue
			}
			if f.skip != "" {
				front.Skip(f.it.URL, f.skip)
				continue
			}
			key := cmp.Or(f.final, f.it.URL)
			byURL[key] = len(d.Candidates)
			f.cand.URL = key
			f.cand.Search = f.cand.Search || f.it.URL == searchAt
			d.Candidates = append(d.Candidates, f.cand)
			if f.search != "" && searchAt == "" {
				// The site search's results page counts as a page
				// linked from the first page with the search form.
				searchAt = f.search
				f.links = append(f.links, link{url: f.search})
			}
			for _, l := range f.links {
				if l.text != "" && len(texts[l.url]) < 5 && !slices.Contains(texts[l.url], l.text) {
					texts[l.url] = append(texts[l.url], l.text)
				}
				_ = front.Add(l.url, f.it.Depth+1, key, false)
			}
		case <-ctx.Done():
			break loop
		}
	}
	close(jobs)
	_ = g.Wait()

	for i := range d.Candidates {
		c := &d.Candidates[i]
		c.LinkTexts = texts[c.URL]
	}
	for _, u := range front.Documents() {
		d.Documents = append(d.Documents, Document{URL: u, Size: -1, Referrers: front.Referrers(u)})
	}
	for _, b := range broken {
		b.Referrers = front.Referrers(b.URL)
		d.Broken = append(d.Broken, b)
	}
	slices.SortFunc(d.Broken, func(a, b Document) int { return strings.Compare(a.URL, b.URL) })
	d.Skipped = front.Skipped()
	log.Info("discovered", "pages", len(d.Candidates), "documents", len(d.Documents), "skipped", len(d.Skipped))
	return d, ctx.Err()
}

// site is a crawl's start URLs, scope, robots.txt and frontier, shared
// by Crawl and Discover.
type site struct {
	starts    []string
	scope     *Scope
	front     *Frontier
	allowed   func(string) error // robots.txt, as NewFrontier takes it; nil when ignored
	robotsFor func(*url.URL) *Robots
	// unreachable are the start URLs whose server could not be reached
	// when robots.txt was asked for: they are not queued, and are pages
	// that could not be loaded rather than pages robots.txt keeps out.
	unreachable []failedStart
}

// failedStart is a start URL that could not be loaded, and why.
type failedStart struct {
	url string
	err error // a *PageError
}

// newSite prepares a crawl: scope, robots.txt (fetched once per origin,
// unless ignored) and the frontier with the start URLs at depth 0. It is
// not safe for concurrent use, like the Frontier.
func newSite(ctx context.Context, opts CrawlOptions, client *http.Client, log *slog.Logger) (*site, error) {
	s := &site{}
	for _, st := range opts.Start {
		n, err := Normalize(st)
		if err != nil {
			return nil, fmt.Errorf("start URL %s: %w", st, err)
		}
		s.starts = append(s.starts, n)
	}
	var err error
	if s.scope, err = NewScope(s.starts, opts.Include, opts.Exclude); err != nil {
		return nil, err
	}
	robots := map[string]*Robots{}
	s.robotsFor = func(u *url.URL) *Robots {
		o := origin(u)
		rb, ok := robots[o]
		if !ok {
			var err error
			if rb, err = FetchRobots(ctx, client, u, RobotsAgent, opts.UserAgent); err != nil {
				// An unreachable server is the pages' error: say so
				// where they are reported, not here.
				if re := rb.fetchErr(); re != nil && re.Unreachable() {
					log.Info("robots.txt", "err", err)
				} else {
					log.Warn("robots.txt", "err", err)
				}
			}
			robots[o] = rb
		}
		return rb
	}
	if !opts.IgnoreRobots {
		s.allowed = func(raw string) error {
			u, err := url.Parse(raw)
			if err != nil {
				return ErrRobots
			}
			rb := s.robotsFor(u)
			switch {
			case rb.Allowed(robotsKey(u)):
				return nil
			case rb.fetchErr() != nil:
				return robotsSkip(fmt.Sprintf(ReasonRobotsUnreachable, rb.fetchErr().why()))
			}
			return ErrRobots
		}
	}
	s.front = NewFrontier(s.scope, s.allowed, opts.MaxPages, opts.MaxDepth)
	failed := map[string]bool{}
	for _, st := range s.starts {
		if s.allowed != nil {
			// A server that did not answer for robots.txt will not
			// answer for the page either: the start page could not be
			// loaded, and that is what the crawl reports.
			u, _ := url.Parse(st)
			if re := s.robotsFor(u).fetchErr(); re != nil && re.Unreachable() {
				if !failed[st] {
					failed[st] = true
					s.front.MarkSeen(st)
					s.unreachable = append(s.unreachable, failedStart{url: st, err: re.Err})
				}
				continue
			}
		}
		if err := s.front.Add(st, 0, "", true); err != nil {
			log.Info("start URL not crawled", "url", st, "err", err)
		}
	}
	return s, nil
}

// addSitemaps reads the sitemaps of the start origins (robots.txt
// Sitemap: lines, else /sitemap.xml), queues their pages at depth 1 and
// returns them, normalised.
func (s *site) addSitemaps(ctx context.Context, opts CrawlOptions, client *http.Client, log *slog.Logger) []string {
	var maps []string
	origins := map[string]bool{}
	for _, st := range s.starts {
		u, _ := url.Parse(st)
		if origins[origin(u)] {
			continue
		}
		origins[origin(u)] = true
		var listed []string
		if rb := s.robotsFor(u); rb != nil {
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
	keep := func(sm string) bool { return s.scope.SameSite(sm) && (s.allowed == nil || s.allowed(sm) == nil) }
	warn := func(err error) { log.Info("sitemap not read", "err", err) }
	pages := []string{}
	for _, p := range FetchSitemaps(ctx, client, opts.UserAgent, maps, limit, keep, warn) {
		if n, err := Normalize(p); err == nil && opts.MaxDepth != 0 {
			_ = s.front.Add(n, 1, "", false)
			pages = append(pages, n)
		}
	}
	return pages
}

// link is a link found in a page: its normalised target and text.
type link struct{ url, text string }

// fetched is a page fetched by Discover.
type fetched struct {
	it     Item
	cand   Candidate
	final  string // normalised URL it redirected to
	status int    // HTTP status; 0 when there was no answer
	err    error  // why there was no answer (a *PageError), or ctx's error
	links  []link // its links
	search string // the results page of its search form
	skip   string // why it is not a candidate (an HTML page in scope); "" when it is one
}

// fetchPage gets one page over HTTP and describes it.
func fetchPage(ctx context.Context, c *http.Client, limiter *hostLimiter, userAgent string, it Item) fetched {
	f := fetched{it: it, cand: Candidate{URL: it.URL, Depth: it.Depth}}
	if err := limiter.Wait(ctx, it.URL); err != nil {
		f.err, f.skip = err, err.Error()
		return f
	}
	resp, err := do(ctx, c, http.MethodGet, it.URL, userAgent)
	if err != nil {
		f.err = fetchError(err)
		f.skip = "could not be fetched: " + f.err.Error()
		return f
	}
	defer resp.Body.Close()
	f.status = resp.StatusCode
	if n, err := Normalize(resp.Request.URL.String()); err == nil {
		f.final = n
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		// A redirect the client did not follow: it leaves the scope.
		if loc, err := resp.Request.URL.Parse(resp.Header.Get("Location")); err == nil {
			if n, err := Normalize(loc.String()); err == nil {
				f.final = n
			}
		}
		f.skip = fmt.Sprintf(ReasonRedirectOutStatus, resp.StatusCode)
		return f
	}
	if resp.StatusCode >= 400 {
		f.skip = fmt.Sprintf("HTTP %d", resp.StatusCode)
		return f
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		f.skip = "not a web page (" + mt + ")"
		return f
	}
	root, err := html.Parse(io.LimitReader(resp.Body, maxDiscoverBody))
	if err != nil {
		f.skip = "not readable as HTML: " + err.Error()
		return f
	}
	cand := &f.cand
	base := resp.Request.URL
	var paths []string
	var walk func(n *html.Node, parent, grand string)
	walk = func(n *html.Node, parent, grand string) {
		if n.Type != html.ElementNode {
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch, parent, grand)
			}
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		case atom.Title:
			if cand.Title == "" {
				cand.Title = strings.TrimSpace(textOf(n))
			}
		case atom.Base:
			if href := attr(n, "href"); href != "" {
				if b, err := base.Parse(href); err == nil {
					base = b
				}
			}
		case atom.A, atom.Area:
			if href, ok := attrOK(n, "href"); ok {
				if u := ResolveLink(base, href); u != "" {
					t := strings.Join(strings.Fields(textOf(n)), " ")
					if t == "" {
						t = attr(n, "aria-label")
					}
					if len(t) > 80 {
						t = t[:80]
					}
					f.links = append(f.links, link{url: u, text: t})
				}
			}
		case atom.Input:
			if strings.EqualFold(attr(n, "type"), "password") {
				cand.Password = true
			}
		case atom.Form:
			if f.search == "" {
				f.search = searchURL(n, base, cand.Title)
			}
		}
		self := n.Data
		if cls := strings.Fields(attr(n, "class")); len(cls) > 0 {
			slices.Sort(cls)
			self += "." + strings.Join(cls, ".")
		}
		paths = append(paths, grand+">"+parent+">"+self)
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch, self, parent)
		}
	}
	walk(root, "", "")
	cand.Shape = Shape(paths)
	cand.Search = isSearchURL(resp.Request.URL)
	return f
}

// searchNames are the names of the text field of a site's search form.
var searchNames = []string{"q", "query", "search", "s", "haku", "hakusana", "sok", "sokord", "keys", "keyword", "keywords", "text"}

// isSearchURL reports whether u looks like a search results page.
func isSearchURL(u *url.URL) bool {
	q := u.Query()
	for _, n := range searchNames {
		if q.Get(n) != "" {
			return true
		}
	}
	return false
}

// searchURL returns the address of a results page of form when it is a
// site search (a GET form with a search field), searching for a word of
// the page title; "" otherwise.
func searchURL(form *html.Node, base *url.URL, title string) string {
	if m := strings.ToLower(attr(form, "method")); m != "" && m != "get" {
		return ""
	}
	field := ""
	var find func(*html.Node)
	find = func(n *html.Node) {
		if field != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Input {
			name := attr(n, "name")
			typ := strings.ToLower(attr(n, "type"))
			if name != "" && (typ == "search" || (typ == "" || typ == "text") && slices.Contains(searchNames, strings.ToLower(name))) {
				field = name
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			find(ch)
		}
	}
	find(form)
	if field == "" {
		return ""
	}
	action, err := base.Parse(attr(form, "action"))
	if err != nil {
		return ""
	}
	term := "info"
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 4 {
			term = strings.ToLower(w)
			break
		}
	}
	q := action.Query()
	q.Set(field, term)
	action.RawQuery = q.Encode()
	action.Fragment = ""
	n, err := normalizeURL(action)
	if err != nil {
		return ""
	}
	return n
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}
