package cmd

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"

	"saavu/browser"
	"saavu/crawl"
	"saavu/document"
	"saavu/document/audit"
	"saavu/document/pdf"
	"saavu/report"
)

// DocumentOptions are the flags about documents (PDF and office files),
// checked against EN 301 549 clause 10.
type DocumentOptions struct {
	Check   bool   // crawl: fetch and check the linked documents (--documents)
	MaxSize string // --max-document-size, e.g. "50MB"

	maxSize int64
}

// addDocumentSizeFlag declares --max-document-size (check and crawl).
func addDocumentSizeFlag(fl *pflag.FlagSet, o *DocumentOptions) {
	fl.StringVar(&o.MaxSize, "max-document-size", "50MB", "do not download a document (PDF, office file) larger than this (e.g. 20MB, 500kB)")
}

// complete reads --max-document-size.
func (o *DocumentOptions) complete(f *Factory) error {
	if strings.TrimSpace(o.MaxSize) == "" {
		o.maxSize = document.DefaultMaxSize
		return nil
	}
	n, err := parseSize(o.MaxSize)
	if err != nil {
		return f.valueErrorf([]string{"max-document-size"}, "%v", err)
	}
	o.maxSize = n
	return nil
}

// parseSize reads a size: bytes, or a number with kB, MB or GB (powers of
// 1024, as file managers show them), e.g. "50MB", "1.5GB", "500k".
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v < 1 {
		return 0, fmt.Errorf("%q is not a size: give bytes or a number with kB, MB or GB, e.g. 50MB", s)
	}
	return int64(v * float64(mult)), nil
}

// documentAuditor is the checker of documents of a run: the PDF engine
// starts on the first PDF (a first run compiles it, a few seconds; later
// runs load it from the user's cache folder). close releases it.
func documentAuditor(ctx context.Context, f *Factory, extra bool, concurrency int) (*audit.Auditor, func()) {
	lazy := &audit.Lazy{Start: func() (*pdf.Engine, error) {
		f.logger().Debug("starting the PDF engine")
		return pdf.NewEngine(ctx, pdf.Options{CacheDir: pdf.DefaultCacheDir(), Concurrency: concurrency})
	}}
	return &audit.Auditor{StartPDF: lazy.Get, Extra: extra}, lazy.Close
}

// isDocumentArg reports whether an argument of check names a document
// rather than a page: a local file that is one (by its first bytes, or its
// extension), or an address whose path ends in a document's extension.
func isDocumentArg(a string) bool {
	if crawl.IsLocalFile(a) {
		if document.ByName(a) != document.Unknown {
			return true
		}
		fh, err := os.Open(a)
		if err != nil {
			return false
		}
		defer fh.Close()
		head := make([]byte, 1024)
		n, _ := fh.Read(head)
		k := document.Sniff(head[:n], nil, 0)
		return k == document.PDF || k.Legacy() || (k == document.Unknown && strings.HasPrefix(string(head[:n]), "PK\x03\x04"))
	}
	if strings.HasPrefix(a, "file://") {
		if u, err := url.Parse(a); err == nil {
			return isDocumentArg(u.Path)
		}
	}
	u, err := url.Parse(a)
	if err != nil || !strings.Contains(a, "://") {
		return false
	}
	return document.ByName(u.Path) != document.Unknown
}

// checkDocuments checks the documents given to check: local files read
// in place, addresses downloaded to a temporary file first.
func checkDocuments(ctx context.Context, opts *CheckOptions, args []string) ([]report.Document, error) {
	f := opts.Factory
	a, stop := documentAuditor(ctx, f, opts.Extra, 1)
	defer stop()
	var out []report.Document
	for _, arg := range args {
		var d report.Document
		path := arg
		if strings.HasPrefix(arg, "file://") {
			if u, err := url.Parse(arg); err == nil {
				path = u.Path
			}
		}
		if crawl.IsLocalFile(path) {
			d = report.Document{URL: arg, Size: -1}
			if st, err := os.Stat(path); err == nil {
				d.Size = st.Size()
			}
			au, err := a.File(ctx, path)
			if err != nil {
				return out, err
			}
			audit.Fill(&d, au)
		} else {
			u, err := normalizeURL(arg)
			if err != nil {
				return out, err
			}
			d, err = a.Remote(ctx, u, document.FetchOptions{UserAgent: "saavu/" + f.Version + " (accessibility audit)", MaxSize: opts.Docs.maxSize})
			if err != nil {
				return out, err
			}
			d.URL = arg
		}
		if !opts.Quiet {
			fmt.Fprintf(f.IO.ErrOut, "saavu: %s: %s\n", arg, documentWord(&d))
		}
		out = append(out, d)
	}
	return out, nil
}

// documentWord is a document's progress line.
func documentWord(d *report.Document) string {
	if !d.Audited() {
		return d.Error
	}
	failed := 0
	for _, r := range d.Results {
		if r.Outcome == "failed" {
			failed++
		}
	}
	if failed == 0 {
		return "no failures"
	}
	return fmt.Sprintf("%d check(s) failed", failed)
}

// checkOnlyDocuments is check with documents only: no browser.
func checkOnlyDocuments(ctx context.Context, opts *CheckOptions, sinks *sinks, args []string) error {
	docs, err := checkDocuments(ctx, opts, args)
	if err != nil && ctx.Err() == nil {
		return err
	}
	// No page rule ran: the report lists none.
	rep := report.New(reportMeta(opts.Factory, "", opts.standard()), nil, nil)
	setCheckedDocuments(rep, docs, opts.Extra)
	return opts.finish(runEnd{sinks: sinks, report: rep, interrupted: err != nil, done: len(docs), documents: true})
}

// setCheckedDocuments puts the documents checked in the report.
func setCheckedDocuments(rep *report.Report, docs []report.Document, extra bool) {
	rep.SetDocumentRules(audit.RuleInfos(extra))
	rep.SetCrawl(docs, rep.BrokenLinks, rep.Skipped)
}

// crawledDocuments are the documents a crawl checked, by URL.
type crawledDocuments struct {
	mu    sync.Mutex
	byURL map[string]report.Document
	close func()
}

// crawlDocuments sets up the checking of a crawl's documents (unless
// --documents=false): each is downloaded to a temporary file (at most
// --max-document-size), checked and removed, and the progress counts it.
func crawlDocuments(ctx context.Context, opts *CrawlOptions, copts *crawl.CrawlOptions, prog *progress) *crawledDocuments {
	c := &crawledDocuments{byURL: map[string]report.Document{}, close: func() {}}
	if !opts.Docs.Check {
		return c
	}
	f := opts.Factory
	a, stop := documentAuditor(ctx, f, opts.Extra, opts.Concurrency)
	c.close = stop
	fo := document.FetchOptions{UserAgent: copts.UserAgent, MaxSize: opts.Docs.maxSize}
	copts.Document = func(ctx context.Context, d *crawl.Document) {
		rd, err := a.Remote(ctx, d.URL, fo)
		if err != nil {
			d.Error = "not checked: the crawl was interrupted"
			return
		}
		d.Status, d.ContentType, d.Size, d.Error = rd.Status, rd.ContentType, rd.Size, rd.Error
		c.mu.Lock()
		c.byURL[d.URL] = rd
		c.mu.Unlock()
	}
	copts.DocumentDone = func(d crawl.Document, done, total int) {
		c.mu.Lock()
		rd, ok := c.byURL[d.URL]
		c.mu.Unlock()
		if !ok {
			rd = report.Document{URL: d.URL, Error: d.Error}
		}
		prog.document(d.URL, documentWord(&rd), rd.Audited(), done, total)
	}
	return c
}

// documents are the report's documents: those checked, with the pages
// that link them, and the others as the crawl listed them.
func (c *crawledDocuments) documents(found []crawl.Document) []report.Document {
	var out []report.Document
	for _, d := range found {
		c.mu.Lock()
		rd, ok := c.byURL[d.URL]
		c.mu.Unlock()
		if !ok {
			rd = report.Document{URL: d.URL, ContentType: d.ContentType, Size: d.Size, Status: d.Status, Error: d.Error}
			if d.Robots() {
				rd.ErrorKind = document.KindRobots
			}
		}
		rd.LinkedFrom = d.Referrers
		out = append(out, rd)
	}
	return out
}

// sampledDocument is a document a sampled audit chose and checked.
type sampledDocument struct {
	crawl.SampleDocument
	checked report.Document
}

// maxSampleDocuments is how many documents a sampled audit checks at most.
const maxSampleDocuments = 20

// sampleDocuments chooses and checks the documents of a sampled audit
// (clause e of the EU monitoring method, crawl.SampleDocuments), after
// robots.txt of their host; missing gets MissingDocument when the site
// links none.
func sampleDocuments(ctx context.Context, opts *CrawlOptions, found *crawl.Discovery, missing []string) ([]sampledDocument, []string) {
	f := opts.Factory
	var allowed []crawl.Document
	for _, d := range found.Documents {
		if found.Allowed != nil && found.Allowed(d.URL) != nil {
			continue
		}
		allowed = append(allowed, d)
	}
	picks, miss := crawl.SampleDocuments(allowed, maxSampleDocuments)
	if miss != "" {
		if !opts.Quiet {
			fmt.Fprintf(f.IO.ErrOut, "saavu: not found on the site: %s\n", miss)
		}
		return nil, append(missing, miss)
	}
	a, stop := documentAuditor(ctx, f, opts.Extra, 1)
	defer stop()
	fo := document.FetchOptions{UserAgent: "saavu/" + f.Version + " (accessibility audit)", MaxSize: opts.Docs.maxSize}
	var out []sampledDocument
	limiter := crawl.NewLimiter(opts.Rate)
	for _, p := range picks {
		if err := limiter.Wait(ctx, p.URL); err != nil {
			break
		}
		rd, err := a.Remote(ctx, p.URL, fo)
		if err != nil {
			break
		}
		if !opts.Quiet {
			fmt.Fprintf(f.IO.ErrOut, "saavu: %s (%s): %s\n", p.URL, p.Reason, documentWord(&rd))
		}
		out = append(out, sampledDocument{SampleDocument: p, checked: rd})
	}
	return out, missing
}

// pagesToDocuments moves the addresses given to check that turned out to
// lead to a document (the browser found a document's Content-Type, or a
// download's) from the pages to the documents.
func pagesToDocuments(pages []report.Page, docArgs []string) ([]report.Page, []string) {
	var kept []report.Page
	for _, p := range pages {
		if p.ErrorKind == browser.KindNotHTML && strings.Contains(p.URL, "://") &&
			(document.IsDocumentType(p.ContentType) || p.ContentType == "application/octet-stream") {
			docArgs = append(docArgs, p.URL)
			continue
		}
		kept = append(kept, p)
	}
	return kept, docArgs
}
