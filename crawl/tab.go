package crawl

import (
	"context"

	"saavu/checks"
)

// Tab is the browser tab a worker of a crawl audits its pages in, one
// after another (a browser.Worker; cmd opens them for Crawl). Whatever
// keeps it working is behind it: a tab that broke is replaced, a
// browser that died is started again.
type Tab interface {
	// Ready readies the tab for the next page. A *browser.PageError (no
	// tab could be opened) fails that page; any other error, ctx's
	// aside, means the browser cannot go on: the crawl stops.
	Ready(ctx context.Context) error
	// Stay makes the next captures refuse to follow a redirect of the
	// page to an address for which stay returns false: the page then
	// fails with a browser.KindOutOfScope error, and the browser never
	// loads the other address. nil follows every redirect.
	Stay(stay func(url string) bool)
	// Capture loads url and captures it. The page is never nil: on
	// failure it holds what was learnt (status, final URL), and the
	// error is a *browser.PageError or ctx's.
	Capture(ctx context.Context, url string) (*checks.Page, error)
	// Check runs the crawl's rules on the page Capture returned.
	Check(ctx context.Context, p *checks.Page) ([]checks.Result, error)
	// Lost reports whether a page failed with err because the browser
	// died while showing it: it is worth another try.
	Lost(err error) bool
	// Close closes the tab.
	Close()
}
