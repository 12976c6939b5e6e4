package browser

import (
	"context"

	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// Done is one audited page: its capture, the rules' results, or the error
// that stopped it (a *PageError, or the context's error).
type Done struct {
	URL     string
	Page    *checks.Page // never nil; holds what was learnt before an error
	Results []checks.Result
	Err     error
}

// Audit captures every URL with concurrency tabs, runs the rules on each
// page and calls done for each page, from one goroutine, as pages finish.
// A page that fails never stops the others; only ctx does. Audit returns
// ctx's error when it was cancelled.
func (b *Browser) Audit(ctx context.Context, urls []string, rules []*checks.Rule, concurrency int, done func(Done)) error {
	if concurrency < 1 {
		concurrency = 1
	}
	shots := newShotSet(maxShotKeys)
	jobs := make(chan string)
	results := make(chan Done)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(jobs)
		for _, u := range urls {
			if gctx.Err() != nil {
				return nil
			}
			select {
			case jobs <- u:
			case <-gctx.Done():
				return nil
			}
		}
		return nil
	})
	workers, wctx := errgroup.WithContext(gctx)
	for range concurrency {
		workers.Go(func() error {
			// Each worker keeps one tab and replaces it when it breaks.
			var tab *Tab
			defer func() {
				if tab != nil {
					tab.Close()
				}
			}()
			for u := range jobs {
				if b.opts.Pace != nil {
					if err := b.opts.Pace(wctx, u); err != nil {
						return nil // cancelled
					}
				}
				if tab != nil && tab.Broken() {
					tab.Close()
					tab = nil
				}
				var d Done
				if tab == nil {
					var err error
					if tab, err = b.NewTab(wctx); err != nil {
						tab = nil
						d = Done{URL: u, Page: &checks.Page{URL: u, FinalURL: u}, Err: err}
					}
				}
				if tab != nil {
					d = auditOne(wctx, tab, u, rules, shots)
				}
				if wctx.Err() != nil {
					// Cut short by the cancellation: not a result; the
					// caller reports the pages it did not get as interrupted.
					return nil
				}
				select {
				case results <- d:
				case <-wctx.Done():
					return nil
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		err := workers.Wait()
		close(results)
		return err
	})
	for d := range results {
		if ctx.Err() != nil {
			continue // cancelled: no more pages are reported
		}
		done(d)
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

func auditOne(ctx context.Context, tab *Tab, url string, rules []*checks.Rule, shots *shotSet) Done {
	p, err := tab.Capture(ctx, url)
	d := Done{URL: url, Page: p, Err: err}
	if err != nil {
		return d
	}
	d.Results, d.Err = tab.Check(ctx, p, rules, shots)
	return d
}
