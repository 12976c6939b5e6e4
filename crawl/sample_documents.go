package crawl

import (
	"context"
	"fmt"
	"slices"
)

// SampleDocument is a document chosen for a sampled audit, and why.
type SampleDocument struct {
	URL    string
	Reason string // "document of site section /asuminen"
}

// MissingDocument is the kind of page a sample lacks when the site links
// no document: clause (e) of Annex I point 3.2 of Decision (EU)
// 2018/1524.
const MissingDocument = "e: downloadable document"

// SampleDocuments chooses the documents of a sampled audit, as clause
// (e) of Annex I point 3.2 of Decision (EU) 2018/1524 asks ("where
// applicable, at least one relevant downloadable document per type of
// service"): one document for each site section (the first path segment
// of the first page that links it), the first by URL, at most max in
// all. missing is MissingDocument when there is none.
func SampleDocuments(docs []Document, max int) (picks []SampleDocument, missing string) {
	sorted := slices.Clone(docs)
	slices.SortFunc(sorted, func(a, b Document) int {
		if a.URL < b.URL {
			return -1
		}
		if a.URL > b.URL {
			return 1
		}
		return 0
	})
	seen := map[string]bool{}
	for _, d := range sorted {
		sec := ""
		if len(d.Referrers) > 0 {
			sec = section(d.Referrers[0])
		}
		if seen[sec] {
			continue
		}
		seen[sec] = true
		where := sec
		if where == "" {
			where = "/"
		}
		picks = append(picks, SampleDocument{URL: d.URL, Reason: fmt.Sprintf("document of site section %s", where)})
		if len(picks) >= max {
			break
		}
	}
	if len(picks) == 0 {
		return nil, MissingDocument
	}
	return picks, ""
}

// Limiter spaces requests to each host (--rate), for requests made
// outside Crawl and Discover (the documents of a sampled audit).
type Limiter struct{ l *hostLimiter }

// NewLimiter allows perSecond requests per second per host; 0: no limit.
func NewLimiter(perSecond float64) *Limiter { return &Limiter{newHostLimiter(perSecond)} }

// Wait blocks until a request to u's host may start.
func (l *Limiter) Wait(ctx context.Context, u string) error { return l.l.Wait(ctx, u) }
