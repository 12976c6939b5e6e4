package cmd

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"saavu/browser"
	"saavu/crawl"
)

// formatURLs is the output of `saavu crawl --discover-only`: the pages
// found, one URL a line. It is no report format (report.Formats): only a
// discovery writes it.
const formatURLs = "urls"

// discoverOutputs checks the outputs of a crawl against --discover-only:
// a discovery writes only -o urls=PATH (at least one), and only a
// discovery writes urls. auto is the summary the report flags add on
// stdout when no -o goes there; a discovery drops it.
func (opts *CrawlOptions) discoverOutputs(auto bool) error {
	if !opts.DiscoverOnly {
		for _, o := range opts.Outputs {
			if o.Format == formatURLs {
				return flagErrorf("-o %s=%s: the list of URLs is written by a discovery: add --discover-only (which audits no page)", o.Format, o.Path)
			}
		}
		return nil
	}
	if auto {
		opts.Outputs = opts.Outputs[:len(opts.Outputs)-1]
	}
	for _, o := range opts.Outputs {
		if o.Format != formatURLs {
			return flagErrorf("-o %s=%s: --discover-only audits no page, so it writes no report: give -o urls=PATH (then 'saavu check --urls PATH')", o.Format, o.Path)
		}
	}
	if len(opts.Outputs) == 0 {
		return flagErrorf("--discover-only needs -o urls=PATH (or -o urls=- for standard output)")
	}
	return nil
}

// discoverRun is `saavu crawl --discover-only`: it walks the site over
// plain HTTP (crawl.Discover: scope, robots.txt, sitemaps, --max-depth,
// --max-pages, --rate), audits nothing, and writes the URLs of the pages
// found, sorted, one a line. assumed is as for sayStartFailures.
func discoverRun(ctx context.Context, opts *CrawlOptions, starts []string, assumed map[string]string) error {
	f := opts.Factory
	// Open the files first: a typo in a path should not cost a crawl.
	var files []*os.File
	defer func() {
		for _, fh := range files {
			_ = fh.Close()
		}
	}()
	for _, o := range opts.Outputs {
		if o.Path == "-" {
			files = append(files, nil)
			continue
		}
		fh, err := os.Create(o.Path)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", o.Path, err)
		}
		files = append(files, fh)
	}
	if !opts.Quiet {
		fmt.Fprintf(f.IO.ErrOut, "saavu: finding the pages of the site (at most %d) without auditing them\n", opts.MaxPages)
	}
	found, err := crawl.Discover(ctx, crawl.CrawlOptions{
		Start: starts, Include: opts.Include, Exclude: opts.Exclude,
		MaxPages: opts.MaxPages, MaxDepth: opts.MaxDepth, IgnoreRobots: opts.IgnoreRobots,
		Rate: opts.Rate, Concurrency: opts.Concurrency, UserAgent: "saavu/" + f.Version + " (accessibility audit)",
	}, f.logger())
	if err != nil {
		return fmt.Errorf("finding the pages of the site: %w", err)
	}
	var failed []startFailure
	for _, d := range found.Failed {
		kind := browser.KindNetwork
		if d.Status != 0 {
			kind = browser.KindHTTP
		}
		failed = append(failed, startFailure{url: d.URL, why: d.Error, kind: kind})
	}
	for _, s := range found.Skipped {
		if slices.Contains(starts, s.URL) && crawl.RobotsReason(s.Reason) {
			failed = append(failed, startFailure{url: s.URL, why: s.Reason})
		}
	}
	sayStartFailures(f.IO.ErrOut, failed, assumed)
	urls := make([]string, 0, len(found.Candidates))
	for _, c := range found.Candidates {
		urls = append(urls, c.URL)
	}
	slices.Sort(urls)
	urls = slices.Compact(urls)
	for i, o := range opts.Outputs {
		var w io.Writer = f.IO.Out
		if files[i] != nil {
			w = files[i]
		}
		if err := writeURLs(w, urls); err != nil {
			return fmt.Errorf("write %s: %w", o.Path, err)
		}
		if files[i] != nil {
			if err := files[i].Close(); err != nil {
				return fmt.Errorf("write %s: %w", o.Path, err)
			}
			files[i] = nil
		}
	}
	if !opts.Quiet && len(urls) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: found %s, none audited (and %s, %s, %s)\n", plural(len(urls), "page", "pages"),
			plural(len(found.Documents), "linked document", "linked documents"), plural(len(found.Broken), "broken link", "broken links"),
			plural(len(found.Skipped), "page skipped", "pages skipped"))
	}
	if len(failed) > 0 {
		return exitCodeError{ExitError}
	}
	if len(urls) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: no page was found from %s\n", starts[0])
		return exitCodeError{ExitError}
	}
	return nil
}

// writeURLs writes urls one a line.
func writeURLs(w io.Writer, urls []string) error {
	bw := bufio.NewWriter(w)
	for _, u := range urls {
		bw.WriteString(u)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
