package cmd

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"

	"saavu/browser"
	"saavu/checks"
	"saavu/crawl"
	"saavu/document/audit"
	"saavu/report"
)

// sampleDiscoverPages is --max-pages when --sample is given and
// --max-pages is not: how many pages discovery may find.
const sampleDiscoverPages = 5000

// sampleRun audits a sample of the site: it finds the site's pages over
// plain HTTP (no browser, nothing audited), chooses opts.Sample pages the
// way the EU monitoring method does (crawl.Sample), audits them in the
// browser and writes the reports with the sample's manifest. assumed
// maps the start URLs given without a scheme to the address as given
// (see sayStartFailures).
func sampleRun(ctx context.Context, opts *CrawlOptions, starts []string, assumed map[string]string) error {
	f := opts.Factory
	log := f.logger()
	rules, err := selectRules(opts.standard(), opts.Rules, opts.skipped())
	if err != nil {
		return err
	}
	// A sample is what an accessibility statement is written from
	// (docs/statement.md), so it also looks for the link to the statement
	// on every page, unless the rules were chosen by hand.
	if len(opts.Rules) == 0 && !slices.Contains(opts.skipped(), checks.StatementLink.ID) {
		rules = append(rules, checks.StatementLink)
	}
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()

	userAgent := "saavu/" + f.Version
	if !opts.Quiet {
		fmt.Fprintf(f.IO.ErrOut, "saavu: finding the pages of the site (at most %d) to choose a sample of %d\n", opts.MaxPages, opts.Sample)
	}
	found, err := crawl.Discover(ctx, crawl.CrawlOptions{
		Start: starts, Include: opts.Include, Exclude: opts.Exclude,
		MaxPages: opts.MaxPages, MaxDepth: opts.MaxDepth, IgnoreRobots: opts.IgnoreRobots,
		Rate: opts.Rate, Concurrency: opts.Concurrency, UserAgent: userAgent + " (accessibility audit)",
	}, log)
	if err != nil {
		return fmt.Errorf("finding the pages of the site: %w", err)
	}
	// A start address that could not be loaded is a page that could not
	// be audited; one robots.txt keeps out is said too.
	var failed []startFailure
	var pages []report.Page
	for _, d := range found.Failed {
		kind := browser.KindNetwork
		if d.Status != 0 {
			kind = browser.KindHTTP
		}
		failed = append(failed, startFailure{url: d.URL, why: d.Error, kind: kind})
		pages = append(pages, report.Page{URL: d.URL, FinalURL: d.URL, Status: d.Status, Error: d.Error, ErrorKind: kind, Results: []report.Result{}})
	}
	for _, s := range found.Skipped {
		if slices.Contains(starts, s.URL) && crawl.RobotsReason(s.Reason) {
			failed = append(failed, startFailure{url: s.URL, why: s.Reason})
		}
	}
	sayStartFailures(f.IO.ErrOut, failed, assumed)
	// setFound adds to a report what discovery found besides pages.
	var sampledDocs map[string]report.Document // documents.go
	setFound := func(rep *report.Report) {
		var docs []report.Document
		for _, d := range found.Documents {
			if sd, ok := sampledDocs[d.URL]; ok {
				sd.LinkedFrom = d.Referrers
				docs = append(docs, sd)
				continue
			}
			docs = append(docs, report.Document{URL: d.URL, Size: d.Size, Error: "not checked in a sampled audit", LinkedFrom: d.Referrers})
		}
		if sampledDocs != nil {
			rep.SetDocumentRules(audit.RuleInfos(opts.Extra))
		}
		var broken []report.BrokenLink
		for _, d := range found.Broken {
			broken = append(broken, report.BrokenLink{URL: d.URL, Status: d.Status, Error: d.Error, LinkedFrom: d.Referrers})
		}
		var skipped []report.SkippedPage
		for _, s := range found.Skipped {
			skipped = append(skipped, report.SkippedPage{URL: s.URL, Reason: s.Reason, LinkedFrom: s.Referrers})
		}
		rep.SetCrawl(docs, broken, skipped)
	}
	if len(found.Candidates) == 0 {
		// Nothing to choose from: the reports say what was found, and
		// the run fails.
		rep := report.New(reportMeta(f, "", opts.standard()), rules, pages)
		setFound(rep)
		err := opts.finish(runEnd{sinks: sinks, report: rep})
		if len(failed) == 0 && (err == nil || errors.As(err, new(exitCodeError))) {
			return fmt.Errorf("no page of the site could be read over HTTP from %s, so no sample could be chosen (try 'saavu crawl' without --sample)", starts[0])
		}
		return neverPass(f.IO.ErrOut, err, failed, rep)
	}
	seed := opts.SampleSeed
	if seed == 0 {
		seed = siteSeed(starts)
	}
	sample := crawl.Sample(found.Candidates, opts.Sample, seed)
	if !opts.Quiet {
		fmt.Fprintf(f.IO.ErrOut, "saavu: found %d pages in %d templates; auditing a sample of %d\n", len(found.Candidates), sample.Templates, len(sample.Picks))
		for _, m := range sample.Missing {
			fmt.Fprintf(f.IO.ErrOut, "saavu: not found on the site: %s\n", m)
		}
	}

	b, err := browser.Launch(ctx, browser.Options{
		ChromePath: opts.Chrome, BrowserURLs: opts.BrowserURLs, PageTimeout: opts.PageTimeout,
		Screenshots: opts.Screenshots && !opts.quick(), UserAgent: userAgent, Log: log,
		SkipProbes: opts.skipProbes(rules),
	})
	if err != nil {
		return err
	}
	defer b.Close()

	urls := make([]string, 0, len(sample.Picks))
	for _, p := range sample.Picks {
		urls = append(urls, p.URL)
	}
	prog := newProgress(f.IO, opts.Quiet, f.Now)
	if prog != nil {
		prog.perPage, prog.limit = true, len(urls)
	}
	prog.run()
	auditErr := b.Audit(ctx, urls, rules, opts.Concurrency, func(d browser.Done) {
		rp := report.PageResult(d.Page, d.Results, d.Err)
		rp.URL = d.URL
		pages = append(pages, rp)
		prog.page(rp.URL, progressWord(rp), rp.Audited(), false, len(urls))
	})
	prog.end("checked")
	interrupted := auditErr != nil
	if interrupted {
		done := map[string]bool{}
		for _, p := range pages {
			done[p.URL] = true
		}
		for _, u := range urls {
			if !done[u] {
				pages = append(pages, report.Page{URL: u, FinalURL: u, Error: "not audited: the run was interrupted", ErrorKind: "interrupted", Results: []report.Result{}})
			}
		}
	}

	var docPicks []sampledDocument
	if !interrupted && opts.Docs.Check {
		docPicks, sample.Missing = sampleDocuments(ctx, opts, found, sample.Missing) // documents.go
		if ctx.Err() == nil {
			sampledDocs = map[string]report.Document{}
			for _, p := range docPicks {
				sampledDocs[p.URL] = p.checked
			}
		}
	}
	rep := report.New(reportMeta(f, b.Version, opts.standard()), rules, pages)
	setFound(rep)
	rep.Sample = sampleManifest(found, sample, opts.Sample)
	for _, p := range docPicks {
		rep.Sample.Pages = append(rep.Sample.Pages, report.SamplePage{URL: p.URL, Clause: "e", Reason: p.Reason})
	}
	err = opts.finish(runEnd{sinks: sinks, report: rep, interrupted: interrupted, done: len(pages)})
	if interrupted {
		return err
	}
	return neverPass(f.IO.ErrOut, err, failed, rep)
}

// sampleManifest is the report's record of how the sample was chosen.
func sampleManifest(found *crawl.Discovery, s crawl.SampleResult, size int) *report.Sample {
	m := &report.Sample{Found: len(found.Candidates), Size: size, Templates: s.Templates, Seed: s.Seed, Missing: s.Missing}
	for _, p := range s.Picks {
		m.Pages = append(m.Pages, report.SamplePage{URL: p.URL, Clause: p.Clause, Reason: p.Reason, Template: p.Template})
	}
	return m
}

// siteSeed is the default seed of a sample's random picks: the same site
// gets the same sample until it changes.
func siteSeed(starts []string) uint64 {
	h := fnv.New64a()
	for _, s := range starts {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return h.Sum64()
}
