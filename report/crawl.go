package report

import (
	"slices"
	"strings"
)

// Document is a document (PDF, office file…) linked from the crawled
// pages, or given to check. A document that was audited (EN 301 549
// clause 10) has Results, in the shape of a page's; see documents.go.
type Document struct {
	URL         string   `json:"url"`
	ContentType string   `json:"contentType,omitempty"` // from the server
	Size        int64    `json:"size"`                  // bytes; -1 when the server did not say
	Status      int      `json:"status"`                // 0 when not checked
	Error       string   `json:"error,omitempty"`
	LinkedFrom  []string `json:"linkedFrom"` // pages linking to it, sorted

	// Added within schema 2: the audit of the document (documents.go).
	Kind         string   `json:"kind,omitempty"`         // pdf, docx, xlsx, pptx, odt, ods, odp, doc, xls, ppt, rtf
	Title        string   `json:"title,omitempty"`        // from its metadata
	Pages        int      `json:"pages,omitempty"`        // pages (slides, sheets)
	ErrorKind    string   `json:"errorKind,omitempty"`    // why it was not audited, for machines
	Created      string   `json:"created,omitempty"`      // RFC 3339, from the file
	Modified     string   `json:"modified,omitempty"`     // RFC 3339: the latest date in the file
	LastModified string   `json:"lastModified,omitempty"` // RFC 3339, the HTTP Last-Modified
	Exemption    string   `json:"exemption,omitempty"`    // possibly exempt from the directive, and why
	Notes        []string `json:"notes,omitempty"`
	Results      []Result `json:"results,omitempty"` // one per check that ran, sorted by check id; absent when not audited
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
	r.summarizeDocuments()
}
