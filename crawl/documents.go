package crawl

import (
	"context"
	"mime"
	"strings"

	"golang.org/x/sync/errgroup"

	"saavu/browser"
)

// downloadTypes are Content-Types servers give any file to download:
// such a link may be a document, which its first bytes tell.
var downloadTypes = []string{"application/octet-stream", "application/x-download", "application/force-download", "binary/octet-stream", "application/download"}

// documentTypes are the media types of the documents saavu checks, and
// of the legacy ones it lists.
var documentTypes = []string{
	"application/pdf", "application/x-pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
	"application/vnd.oasis.opendocument.presentation",
	"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/rtf", "text/rtf",
}

// leadsToDocument reports whether a page the browser would not audit
// (not HTML) is a document: its Content-Type names one, or is the
// generic type of a download (the file's first bytes then decide).
func leadsToDocument(d browser.Done) bool {
	if !browser.IsKind(d.Err, browser.KindNotHTML) || d.Page == nil {
		return false
	}
	mt, _, err := mime.ParseMediaType(d.Page.ContentType)
	if err != nil {
		return false
	}
	mt = strings.ToLower(mt)
	for _, t := range append(documentTypes, downloadTypes...) {
		if mt == t {
			return true
		}
	}
	return false
}

// checkDocuments checks the documents with opts.Document, in
// opts.Concurrency goroutines: each one after robots.txt of its host
// allows it (documents robots.txt keeps out are listed with the reason)
// and its host's rate limit lets a request go. It returns them in the
// order of urls.
func checkDocuments(ctx context.Context, opts CrawlOptions, urls []string, front *Frontier, s *site, limiter *hostLimiter) []Document {
	docs := make([]Document, len(urls))
	jobs := make(chan int)
	done := make(chan int)
	g, gctx := errgroup.WithContext(ctx)
	for range max(opts.Concurrency, 1) {
		g.Go(func() error {
			for i := range jobs {
				if err := limiter.Wait(gctx, docs[i].URL); err == nil {
					opts.Document(gctx, &docs[i])
				}
				select {
				case done <- i:
				case <-gctx.Done():
					return nil
				}
			}
			return nil
		})
	}
	go func() {
		defer close(jobs)
		for i, u := range urls {
			docs[i] = Document{URL: u, Size: -1, Referrers: front.Referrers(u)}
			if s.allowed != nil {
				// robots.txt of the document's host, fetched once per host
				// (here, in one goroutine: the cache is not shared).
				if err := s.allowed(u); err != nil {
					docs[i].Error = "not checked: " + err.Error()
					docs[i].robots = true
					select {
					case done <- i:
					case <-gctx.Done():
						return
					}
					continue
				}
			}
			select {
			case jobs <- i:
			case <-gctx.Done():
				return
			}
		}
	}()
	for n := 1; n <= len(urls); n++ {
		var i int
		select {
		case i = <-done:
		case <-ctx.Done():
			_ = g.Wait()
			return docs
		}
		if opts.DocumentDone != nil {
			opts.DocumentDone(docs[i], n, len(urls))
		}
	}
	_ = g.Wait()
	return docs
}
