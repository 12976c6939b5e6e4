package report

import (
	"slices"
	"strings"
)

// Document is a document (PDF, office file…) linked from the crawled
// pages. Documents are listed, not audited.
type Document struct {
	URL         string   `json:"url"`
	ContentType string   `json:"contentType,omitempty"` // from a HEAD request
	Size        int64    `json:"size"`                  // bytes; -1 when the server did not say
	Status      int      `json:"status"`                // 0 when not checked
	Error       string   `json:"error,omitempty"`
	LinkedFrom  []string `json:"linkedFrom"` // pages linking to it, sorted
}

// BrokenLink is a linked page that answered with an HTTP error.
type BrokenLink struct {
	URL        string   `json:"url"`
	Status     int      `json:"status"`
	Error      string   `json:"error"`
	LinkedFrom []string `json:"linkedFrom"` // pages linking to it, sorted
}

// SkippedPage is a page a crawl found and did not audit, and why
// (robots.txt, a redirect out of scope, a redirect to a page audited
// under another address).
type SkippedPage struct {
	URL        string   `json:"url"`
	Reason     string   `json:"reason"`
	LinkedFrom []string `json:"linkedFrom,omitempty"`
}

// SetCrawl adds a crawl's findings beyond the pages, in a stable order.
func (r *Report) SetCrawl(docs []Document, broken []BrokenLink, skipped []SkippedPage) {
	slices.SortFunc(docs, func(a, b Document) int { return strings.Compare(a.URL, b.URL) })
	slices.SortFunc(broken, func(a, b BrokenLink) int { return strings.Compare(a.URL, b.URL) })
	slices.SortFunc(skipped, func(a, b SkippedPage) int { return strings.Compare(a.URL, b.URL) })
	for i := range docs {
		if docs[i].LinkedFrom == nil {
			docs[i].LinkedFrom = []string{}
		}
		slices.Sort(docs[i].LinkedFrom)
	}
	for i := range broken {
		if broken[i].LinkedFrom == nil {
			broken[i].LinkedFrom = []string{}
		}
		slices.Sort(broken[i].LinkedFrom)
	}
	r.Documents, r.BrokenLinks, r.Skipped = docs, broken, skipped
}
