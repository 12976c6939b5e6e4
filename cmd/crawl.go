package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"saavu/crawl"
	"saavu/report"
)

// CrawlOptions hold what `saavu crawl` was asked to do: the options of
// check, plus the crawl's limits and scope.
type CrawlOptions struct {
	CheckOptions

	MaxPages     int
	MaxDepth     int
	Include      []string
	Exclude      []string
	IgnoreRobots bool
	Rate         float64
}

// NewCmdCrawl builds `saavu crawl`. runF replaces the crawl in tests of
// flag parsing.
func NewCmdCrawl(f *Factory, runF func(context.Context, *CrawlOptions) error) *cobra.Command {
	opts := &CrawlOptions{CheckOptions: CheckOptions{Factory: f, IO: f.IO}}
	var outputs []string
	cmd := &cobra.Command{
		Use:   "crawl URL...",
		Short: "Audit a site: follow links and sitemaps from the given pages",
		Long: `Audit the given pages and the pages of the same site they lead to: links in
the rendered page (links added by scripts count) and the site's sitemaps.
Each page is audited once. See docs/crawl.md.

Scope: the host of a start URL (www.example.fi and example.fi are the same
site), narrowed by --include and --exclude, regular expressions matched
against the path and query (e.g. --include '^/palvelut/' --exclude '\.php$').

robots.txt rules for the user agent "saavu" (else "*") are obeyed unless
--ignore-robots. Linked documents (PDF, Word, Excel, OpenDocument…) are
listed with the pages that link them, and so are links to pages that answer
with an HTTP error (broken links).

Outputs and exit status are those of 'saavu check'.`,
		Example: `  saavu crawl https://www.example.fi/
  saavu crawl --max-pages 500 -o html=report.html -o json=report.json https://www.example.fi/
  saavu crawl --include '^/fi/' --exclude '^/fi/uutiset/' https://www.example.fi/fi/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagErrorf("give at least one URL to start the crawl from")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Targets = args
			if err := opts.complete(outputs); err != nil {
				return err
			}
			if opts.MaxPages < 1 {
				return flagErrorf("--max-pages must be at least 1")
			}
			if opts.MaxDepth < 0 {
				return flagErrorf("--max-depth must be 0 (only the start pages) or more")
			}
			if opts.Rate < 0 {
				return flagErrorf("--rate must be 0 (no limit) or more")
			}
			for _, a := range args {
				if _, err := normalizeURL(a); err != nil {
					return err
				}
			}
			if _, err := crawl.NewScope(nil, opts.Include, opts.Exclude); err != nil {
				return &FlagError{Err: err}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return crawlRun(cmd.Context(), opts)
		},
	}
	addAuditFlags(cmd, &opts.CheckOptions, &outputs)
	fl := cmd.Flags()
	fl.IntVar(&opts.MaxPages, "max-pages", 100, "audit at most this many pages")
	fl.IntVar(&opts.MaxDepth, "max-depth", 5, "follow links at most this many clicks away from a start URL")
	fl.StringArrayVar(&opts.Include, "include", nil, "only crawl URLs whose path?query matches this regular expression (repeatable)")
	fl.StringArrayVar(&opts.Exclude, "exclude", nil, "do not crawl URLs whose path?query matches this regular expression (repeatable)")
	fl.BoolVar(&opts.IgnoreRobots, "ignore-robots", false, "do not obey robots.txt (only on sites you are responsible for)")
	fl.Float64Var(&opts.Rate, "rate", 4, "pages loaded per second per host at most (0: no limit)")
	return cmd
}

func crawlRun(ctx context.Context, opts *CrawlOptions) error {
	f := opts.Factory
	log := f.logger()
	rules, err := selectRules(opts.Rules, opts.SkipRules)
	if err != nil {
		return err
	}
	var starts []string
	for _, a := range opts.Targets {
		u, err := normalizeURL(a)
		if err != nil {
			return err
		}
		starts = append(starts, u)
	}
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()

	userAgent := "saavu/" + f.Version
	b, err := crawl.Launch(ctx, crawl.Options{
		ChromePath: opts.Chrome, BrowserURL: opts.BrowserURL, PageTimeout: opts.PageTimeout,
		Screenshots: opts.Screenshots, UserAgent: userAgent, Log: log,
	})
	if err != nil {
		return err
	}
	defer b.Close()

	var pages []report.Page
	var broken []crawl.CrawlPage
	n := 0
	res, crawlErr := b.Crawl(ctx, crawl.CrawlOptions{
		Start: starts, Include: opts.Include, Exclude: opts.Exclude,
		MaxPages: opts.MaxPages, MaxDepth: opts.MaxDepth, IgnoreRobots: opts.IgnoreRobots,
		Rate: opts.Rate, Concurrency: opts.Concurrency, UserAgent: userAgent + " (accessibility audit)",
	}, rules, func(d crawl.CrawlPage) {
		n++
		rp := report.PageResult(d.Page, d.Results, d.Err)
		rp.URL = d.URL
		if !d.Start && crawl.IsKind(d.Err, crawl.KindHTTP) {
			broken = append(broken, d) // a broken link, listed apart
		} else {
			pages = append(pages, rp)
		}
		if !opts.Quiet {
			fmt.Fprintf(f.IO.ErrOut, "[%d/%d] %s: %s\n", n, d.Queued, rp.URL, progressWord(rp))
		}
	})
	if res == nil {
		return crawlErr
	}
	extra := func(rep *report.Report) {
		var docs []report.Document
		for _, d := range res.Documents {
			docs = append(docs, report.Document{URL: d.URL, ContentType: d.ContentType, Size: d.Size, Status: d.Status, Error: d.Error, LinkedFrom: d.Referrers})
		}
		var links []report.BrokenLink
		for _, d := range broken {
			links = append(links, report.BrokenLink{URL: d.URL, Status: d.Page.Status, Error: d.Err.Error(), LinkedFrom: res.Referrers(d.URL)})
		}
		var skipped []report.SkippedPage
		for _, s := range res.Skipped {
			skipped = append(skipped, report.SkippedPage{URL: s.URL, Reason: s.Reason, LinkedFrom: s.Referrers})
		}
		rep.SetCrawl(docs, links, skipped)
	}
	return finish(&opts.CheckOptions, sinks, b.Version, rules, pages, extra, crawlErr != nil, n)
}
