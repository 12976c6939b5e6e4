package browser

import (
	"context"
	"time"

	"saavu/checks"
)

// A Session audits the pages of one crawl in tabs that run the same rules
// and share what was photographed: an element reported on many pages (a
// template's) is photographed on the first only. Each worker of the
// crawl has a tab of its own (Worker).
type Session struct {
	b     *Browser
	rules []*checks.Rule
	shots *shotSet
	hash  bool                        // compute each page's render hash
	reuse func(url, hash string) bool // see Reuse
}

// Hash makes the session's captures compute each page's render hash
// (checks.Page.RenderHash; fingerprint.go), and, with reuse, skip the
// audit of a page for which reuse(url, hash) returns true: the page,
// captured for its links only, is Reused, and Check runs no rule on it.
// reuse is called from the workers' goroutines; nil audits every page.
// Call it before the first Worker.
func (s *Session) Hash(reuse func(url, hash string) bool) {
	s.hash, s.reuse = true, reuse
}

// Session starts a session that runs rules on each page.
func (b *Browser) Session(rules []*checks.Rule) *Session {
	return &Session{b: b, rules: rules, shots: newShotSet(maxShotKeys)}
}

// Worker is one tab of a session, for one worker of a crawl, which audits
// pages one after another: Ready, Stay, Capture and Check for each. It
// replaces its tab when the tab broke, and starts Chrome again when
// Chrome died, or connects to a remote one again (see Browser.pick).
type Worker struct {
	s   *Session
	tab *Tab
	c   *conn // the browser the last Ready opened a tab in, or tried to
	gen int   // its generation then
}

// Worker returns a new worker of the session. It opens its tab when it
// first needs one; Close closes it.
func (s *Session) Worker() *Worker { return &Worker{s: s} }

// Ready readies the worker for its next page: it closes a tab that broke
// or whose browser went away, and opens a tab when it has none, in the
// least busy browser (started or connected again when it went away).
// When no tab could be opened the error is a *PageError, for the page;
// any other error (ctx's aside) means no browser can be started or
// reached any more.
func (w *Worker) Ready(ctx context.Context) error {
	if w.tab != nil && (w.tab.Broken() || w.s.b.stale(w.tab)) {
		w.Close()
	}
	if w.tab == nil {
		c, gen, err := w.s.b.pick(ctx)
		if err != nil {
			return err
		}
		w.c, w.gen = c, gen
		tab, err := w.s.b.newTab(ctx, c, gen)
		if err != nil {
			return err
		}
		tab.hash, tab.reuse = w.s.hash, w.s.reuse
		w.tab = tab
	}
	w.c, w.gen = w.tab.c, w.tab.gen
	return nil
}

// Stay sets, after Ready, where the next pages may redirect to: see
// Tab.Stay.
func (w *Worker) Stay(stay func(url string) bool) { w.tab.Stay(stay) }

// Capture loads url in the worker's tab, after Ready, and captures it:
// see Tab.Capture.
func (w *Worker) Capture(ctx context.Context, url string) (*checks.Page, error) {
	return w.tab.Capture(ctx, url)
}

// Check runs the session's rules on p, the page Capture returned, and
// photographs what they reported: see Tab.Check.
func (w *Worker) Check(ctx context.Context, p *checks.Page) ([]checks.Result, error) {
	if p.Reused {
		return nil, nil // its results are the earlier audit's
	}
	return w.tab.Check(ctx, p, w.s.rules, w.s.shots)
}

// Lost reports whether a page failed with err because Chrome died, or
// the connection to a remote one dropped, while the worker's tab showed
// it. The tab is then closed, and the next Ready opens one in another
// browser or in the same one started or connected again: the page is
// worth another try.
func (w *Worker) Lost(err error) bool {
	if w.c == nil || !IsKind(err, KindBrowser) && !IsKind(err, KindCrash) && !IsKind(err, KindTimeout) {
		return false
	}
	if !w.s.b.dead(w.c, w.gen, 2*time.Second) {
		return false
	}
	w.Close()
	return true
}

// Close closes the worker's tab.
func (w *Worker) Close() {
	if w.tab != nil {
		w.tab.Close()
		w.tab = nil
	}
}
