package crawl

import (
	"errors"
	"net/url"
	"slices"
	"strings"
)

// errMaxPages means the crawl already holds --max-pages pages.
var errMaxPages = errors.New("more than --max-pages pages")

// Item is a page waiting in the frontier.
type Item struct {
	URL   string // normalised
	Depth int    // 0 for start URLs, links of a page at depth d are at d+1
	Start bool   // given on the command line
}

// Frontier is the crawl's queue: pages to audit in breadth-first order, a
// seen-set of normalised URLs so that no page is queued twice, the pages
// that link to each URL, and the documents found. It is not safe for
// concurrent use: the crawl's one result-consuming goroutine owns it.
type Frontier struct {
	scope    *Scope
	robots   func(string) error // robots.txt; nil allows all
	maxPages int                // 0: no limit
	maxDepth int                // <0: no limit

	queue     []Item
	seen      map[string]bool
	admitted  int
	referrers map[string]map[string]bool
	docs      map[string]bool
	skipped   map[string]string // URL -> why it was not audited
	// docsAnyHost records linked documents on every host, not only the
	// site's (SetDocumentsAnyHost).
	docsAnyHost bool
}

// SetDocumentsAnyHost makes the frontier record the documents linked on
// any host (unless --exclude matches them), as a crawl that checks them
// does: sites keep their files on document stores and CDNs.
func (f *Frontier) SetDocumentsAnyHost() { f.docsAnyHost = true }

// AddDocument records u as a document: a link without a document's
// extension that turned out to lead to one (by its Content-Type).
func (f *Frontier) AddDocument(u string) {
	f.seen[u] = true
	f.docs[u] = true
}

// NewFrontier makes an empty frontier. robots says why robots.txt keeps
// the crawl from a URL (an error that wraps ErrRobots, whose message is
// the skip reason), or nil when it does not; robots itself may be nil.
func NewFrontier(scope *Scope, robots func(string) error, maxPages, maxDepth int) *Frontier {
	return &Frontier{
		scope: scope, robots: robots, maxPages: maxPages, maxDepth: maxDepth,
		seen: map[string]bool{}, referrers: map[string]map[string]bool{}, docs: map[string]bool{}, skipped: map[string]string{},
	}
}

// Add offers a normalised URL found at depth (linked from referrer, or ""
// for start and sitemap URLs). It returns nil when the URL was queued or
// recorded as a document, or was already known; otherwise an error that
// wraps ErrOutOfScope, ErrMaxDepth, ErrRobots or says the page limit was
// reached.
func (f *Frontier) Add(u string, depth int, referrer string, start bool) error {
	if referrer != "" && referrer != u {
		refs := f.referrers[u]
		if refs == nil {
			refs = map[string]bool{}
			f.referrers[u] = refs
		}
		refs[referrer] = true
	}
	if f.seen[u] {
		return nil
	}
	if f.docsAnyHost && !start && IsDocument(u) && f.scope.DocumentIn(u) == nil {
		f.seen[u] = true
		f.docs[u] = true
		return nil
	}
	if !start {
		if err := f.scope.In(u); err != nil {
			return err
		}
	}
	if IsDocument(u) {
		f.seen[u] = true
		f.docs[u] = true
		return nil
	}
	if f.maxDepth >= 0 && depth > f.maxDepth {
		return ErrMaxDepth // not seen: a shorter path may still reach it
	}
	if f.robots != nil {
		if err := f.robots(u); err != nil {
			f.seen[u] = true
			f.skipped[u] = err.Error()
			return err
		}
	}
	if f.maxPages > 0 && f.admitted >= f.maxPages {
		return errMaxPages
	}
	f.seen[u] = true
	f.admitted++
	f.queue = append(f.queue, Item{URL: u, Depth: depth, Start: start})
	return nil
}

// MarkSeen records a URL reached another way (the final URL of a
// redirect), so that it is not queued again.
func (f *Frontier) MarkSeen(u string) { f.seen[u] = true }

// Skip records why a queued URL was not audited after all.
func (f *Frontier) Skip(u, why string) { f.skipped[u] = why }

// Peek returns the next page to audit.
func (f *Frontier) Peek() (Item, bool) {
	if len(f.queue) == 0 {
		return Item{}, false
	}
	return f.queue[0], true
}

// Pop removes the next page.
func (f *Frontier) Pop() { f.queue = f.queue[1:] }

// Drop removes the queued pages for which done is true (pages a resumed
// crawl already audited). They stay seen.
func (f *Frontier) Drop(done func(Item) bool) {
	f.queue = slices.DeleteFunc(f.queue, done)
}

// Len is the number of pages waiting.
func (f *Frontier) Len() int { return len(f.queue) }

// Admitted is the number of pages queued so far, done or not.
func (f *Frontier) Admitted() int { return f.admitted }

// Referrers returns the pages that link to u, sorted.
func (f *Frontier) Referrers(u string) []string {
	return sortedKeys(f.referrers[u])
}

// Documents returns the documents found, sorted.
func (f *Frontier) Documents() []string { return sortedKeys(f.docs) }

// Skipped returns the URLs that were not audited and why, sorted by URL.
func (f *Frontier) Skipped() []Skipped {
	var out []Skipped
	for _, u := range sortedKeys(f.skipped) {
		out = append(out, Skipped{URL: u, Reason: f.skipped[u], Referrers: f.Referrers(u)})
	}
	return out
}

// Skipped is a page the crawl found but did not audit.
type Skipped struct {
	URL       string
	Reason    string // one of the Reason formats below, filled in
	Referrers []string
}

// The reasons for skipping a page (Skipped.Reason), as formats. The HTML
// report translates a reason by its format (report.skipReasons): change
// one here, change it there; a test of the report checks each of these.
const (
	ReasonRobots            = "disallowed by robots.txt"
	ReasonRobotsUnreachable = "robots.txt could not be fetched (%s): under RFC 9309 that means everything is disallowed; use --ignore-robots on a site you are responsible for" // why: HTTP 503, or a network error
	ReasonRedirectOut       = "redirects out of scope to %s"                                                                                                                    // the address
	ReasonRedirectedOut     = "redirected out of scope to %s: not audited"                                                                                                      // the address the browser was sent to
	ReasonRedirectOutStatus = "redirects out of scope (HTTP %d)"                                                                                                                // a redirect status without a usable Location
	ReasonSameAs            = "redirects to %s, audited as %s"                                                                                                                  // the address, the page audited there
	ReasonInterrupted       = "not audited yet: the crawl was interrupted (--resume continues it)"
)

// ReasonFormats are the Reason formats, for tests.
var ReasonFormats = []string{ReasonRobots, ReasonRobotsUnreachable, ReasonRedirectOut, ReasonRedirectedOut, ReasonRedirectOutStatus, ReasonSameAs, ReasonInterrupted}

// RobotsReason reports whether a skip reason is robots.txt's:
// ReasonRobots or ReasonRobotsUnreachable.
func RobotsReason(reason string) bool {
	pre, _, _ := strings.Cut(ReasonRobotsUnreachable, "%s")
	return reason == ReasonRobots || strings.HasPrefix(reason, pre)
}

// robotsSkip is why robots.txt keeps the crawl from a page, other than
// ErrRobots: it says why, and is ErrRobots for errors.Is.
type robotsSkip string

func (e robotsSkip) Error() string        { return string(e) }
func (e robotsSkip) Is(target error) bool { return target == ErrRobots }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// robotsKey is the path and query that robots.txt rules match.
func robotsKey(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func origin(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}
