package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"saavu/browser"
	"saavu/crawl"
	"saavu/document/audit"
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

	State  string // state folder; default .saavu/HOST
	Resume bool   // continue the crawl in State
	Fresh  bool   // start over even when State holds an unfinished crawl

	Sample     int    // audit this many representative pages (see sample.go); 0: every page found
	SampleSeed uint64 // seed of the sample's random picks; 0: one derived from the start URLs

	Demo bool // crawl the demo site bundled in saavu (demo.go)

	Since string // results JSON or state folder of an earlier crawl whose results of unchanged pages are reused (since.go)

	DiscoverOnly bool // find the pages and write their URLs (-o urls=PATH), audit none (discover.go)
}

// NewCmdCrawl builds `saavu crawl`. runF replaces the crawl in tests of
// flag parsing.
func NewCmdCrawl(f *Factory, runF func(context.Context, *CrawlOptions) error) *cobra.Command {
	opts := &CrawlOptions{CheckOptions: CheckOptions{Factory: f, IO: f.IO}}
	out := auditReportFlags(&opts.Outputs, &opts.Lang)
	out.formats = append(slices.Clone(out.formats), formatURLs)
	out.known = func(format string) bool { return report.KnownFormat(format) || format == formatURLs }
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

--sample N audits N pages that represent the site instead of every page: the
home page, login, sitemap, contact, help, legal pages, the accessibility
statement and feedback page, the search results page, a page of each page
template and of each site section, and random pages (Annex I of the EU
monitoring method, Commission Implementing Decision (EU) 2018/1524). The
pages are found over plain HTTP first, so links added by scripts are not
seen; the report lists how each page was chosen.

--discover-only finds the pages the way --sample does, over plain HTTP
(links in the HTML, sitemaps, robots.txt, the scope flags, --max-pages as the
cap on pages found), audits none and writes their URLs, sorted, one a line:
-o urls=urls.txt (or -o urls=- for standard output). 'saavu check --urls
urls.txt --shard I/N' then audits a share of them on each of N machines
(docs/scale.md). It exits 0 when pages were found, 2 when a start address
could not be loaded.

--demo crawls Esimerkkilän kunta, a small made-up municipal site bundled in
saavu and served on 127.0.0.1 for the run: a first audit that needs no
network (docs/demo.md).

Outputs and exit status are those of 'saavu check'. A crawl also exits 2 when a
start address could not be loaded or robots.txt kept the crawl from it, and when
it audited no page: it says why on stderr.`,
		Example: `  saavu crawl --demo -o html=report.html
  saavu crawl https://www.example.fi/
  saavu crawl --max-pages 500 -o html=report.html -o json=report.json https://www.example.fi/
  saavu crawl --include '^/fi/' --exclude '^/fi/uutiset/' https://www.example.fi/fi/
  saavu crawl --sample 40 -o html=otos.html https://www.example.fi/
  saavu crawl --discover-only --max-pages 200000 -o urls=urls.txt https://www.example.fi/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Targets = args
			if len(args) == 0 && !opts.Demo {
				opts.Targets = f.ConfigURLs // urls: in saavu.yaml
			}
			if err := opts.demoFlags(); err != nil {
				return err
			}
			if len(opts.Targets) == 0 && !opts.Demo {
				return f.noURLs("give at least one URL to start the crawl from")
			}
			if err := out.validate(f); err != nil {
				return err
			}
			if err := opts.discoverOutputs(len(opts.Outputs) > len(out.given)); err != nil {
				return err
			}
			if err := opts.complete(); err != nil {
				return err
			}
			if err := opts.validateCrawl(cmd); err != nil {
				return err
			}
			if opts.DiscoverOnly {
				for _, other := range []string{"sample", "resume", "fresh", "since", "state"} {
					if cmd.Flags().Changed(other) {
						return f.valueErrorf([]string{"discover-only", other}, "cannot be used together: a discovery audits no page and keeps no state")
					}
				}
			}
			if opts.Resume && opts.Fresh {
				return f.valueErrorf([]string{"resume", "fresh"}, "cannot be used together")
			}
			if opts.Sample > 0 && opts.Resume {
				return f.valueErrorf([]string{"sample", "resume"}, "cannot be used together: a sample is not resumed but run again (the same seed picks the same pages)")
			}
			if opts.Sample > 0 && opts.Since != "" {
				return f.valueErrorf([]string{"sample", "since"}, "cannot be used together")
			}
			for _, a := range opts.Targets {
				if _, err := normalizeURL(a); err != nil {
					if at := f.fromConfig("urls"); at != "" && len(args) == 0 {
						return fmt.Errorf("%s: %v", at, err)
					}
					return err
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return crawlRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	addAuditFlags(cmd, &opts.CheckOptions)
	addCrawlFlags(cmd, opts)
	fl := cmd.Flags()
	fl.StringVar(&opts.State, "state", "", "folder where the crawl saves its pages and queue as it goes (default .saavu/HOST)")
	fl.BoolVar(&opts.Resume, "resume", false, "continue the crawl saved in the --state folder: pages done are not audited again")
	fl.BoolVar(&opts.Fresh, "fresh", false, "start over, even when the --state folder holds an unfinished crawl")
	fl.StringVar(&opts.Since, "since", "", "results JSON or state folder of an earlier crawl: pages found unchanged keep their results instead of being audited again")
	fl.BoolVar(&opts.DiscoverOnly, "discover-only", false, "find the pages over plain HTTP and write their URLs with -o urls=PATH, auditing none (then 'saavu check --urls PATH --shard I/N'; see docs/scale.md)")
	fl.BoolVar(&opts.Demo, "demo", false, "crawl a small demo site bundled in saavu, served on 127.0.0.1 for the run (give no URL; see docs/demo.md)")
	return cmd
}

// addCrawlFlags declares the flags of a crawl's limits and scope, which
// crawl and monitor share (not --state, --resume, --fresh, --demo).
func addCrawlFlags(cmd *cobra.Command, opts *CrawlOptions) {
	fl := cmd.Flags()
	fl.IntVar(&opts.MaxPages, "max-pages", 100, "audit at most this many pages")
	fl.IntVar(&opts.MaxDepth, "max-depth", 5, "follow links at most this many clicks away from a start URL")
	fl.StringArrayVar(&opts.Include, "include", nil, "only crawl URLs whose path?query matches this regular expression (repeatable)")
	fl.StringArrayVar(&opts.Exclude, "exclude", nil, "do not crawl URLs whose path?query matches this regular expression (repeatable)")
	fl.BoolVar(&opts.IgnoreRobots, "ignore-robots", false, "do not obey robots.txt (only on sites you are responsible for)")
	fl.Float64Var(&opts.Rate, "rate", 4, "pages loaded per second per host at most (0: no limit)")
	fl.IntVar(&opts.Sample, "sample", 0, "audit a representative sample of this many pages, chosen as the EU monitoring method asks, from the pages found over HTTP (--max-pages of them, default 5000)")
	fl.Uint64Var(&opts.SampleSeed, "sample-seed", 0, "seed of the sample's random pages (default: derived from the start URLs, so a site gets the same sample)")
	fl.BoolVar(&opts.Docs.Check, "documents", true, "download and check the linked documents (PDF, office files) against EN 301 549 clause 10, on any host the site links them from; false lists the site's documents only")
}

// validateCrawl checks the values of addCrawlFlags, and makes a sample's
// --max-pages the default of a sample when it was not given.
func (opts *CrawlOptions) validateCrawl(cmd *cobra.Command) error {
	f := opts.Factory
	bad := func(names ...string) func(string, ...any) error {
		return func(format string, args ...any) error { return f.valueErrorf(names, format, args...) }
	}
	if opts.MaxPages < 1 {
		return bad("max-pages")("must be at least 1")
	}
	if opts.MaxDepth < 0 {
		return bad("max-depth")("must be 0 (only the start pages) or more")
	}
	if opts.Sample < 0 {
		return bad("sample")("must be 1 or more (or 0 to audit every page found)")
	}
	if opts.Sample > 0 {
		if !cmd.Flags().Changed("max-pages") {
			opts.MaxPages = sampleDiscoverPages
		}
	} else if cmd.Flags().Changed("sample-seed") {
		return bad("sample-seed")("needs --sample")
	}
	if opts.Rate < 0 {
		return bad("rate")("must be 0 (no limit) or more")
	}
	for _, fl := range []struct {
		name     string
		patterns []string
	}{{"include", opts.Include}, {"exclude", opts.Exclude}} {
		for _, p := range fl.patterns {
			if _, err := regexp.Compile(p); err != nil {
				return bad(fl.name)("%q is not a regular expression: %v", p, err)
			}
		}
	}
	if _, err := crawl.NewScope(nil, opts.Include, opts.Exclude); err != nil {
		return &FlagError{Err: err}
	}
	return nil
}

func crawlRun(ctx context.Context, opts *CrawlOptions) error {
	f := opts.Factory
	log := f.logger()
	rules, err := selectRules(opts.standard(), opts.Rules, opts.skipped())
	if err != nil {
		return err
	}
	if opts.Demo {
		stop, err := serveDemo(opts)
		if err != nil {
			return err
		}
		defer stop()
	}
	var starts []string
	assumed := map[string]string{} // start URL -> the address given without a scheme
	for _, a := range opts.Targets {
		u, err := normalizeURL(a)
		if err != nil {
			return err
		}
		n, err := crawl.Normalize(u)
		if err != nil {
			return flagErrorf("%s: %v", a, err)
		}
		starts = append(starts, n)
		if !strings.Contains(a, "://") {
			assumed[n] = a
		}
	}
	if opts.DiscoverOnly {
		return discoverRun(ctx, opts, starts, assumed)
	}
	if opts.Sample > 0 {
		return sampleRun(ctx, opts, starts, assumed)
	}
	if opts.State == "" {
		opts.State = defaultStateDir(starts[0])
	}
	var prev *since
	if opts.Since != "" {
		// Read whole now: the crawl may replace the folder it names.
		if prev, err = loadSince(opts.Since); err != nil {
			return err
		}
	}
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()

	var ruleIDs []string
	for _, r := range rules {
		ruleIDs = append(ruleIDs, r.ID)
	}
	slices.Sort(ruleIDs)
	meta := crawl.StateMeta{
		Start: starts, Include: opts.Include, Exclude: opts.Exclude, MaxDepth: opts.MaxDepth, IgnoreRobots: opts.IgnoreRobots,
		Rules: ruleIDs, MaxPages: opts.MaxPages, Version: f.Version,
	}
	if f.Now != nil {
		meta.Started = f.Now().UTC().Format(time.RFC3339)
	}
	mode := crawl.StateNew
	switch {
	case opts.Resume:
		mode = crawl.StateResume
	case opts.Fresh:
		mode = crawl.StateFresh
	}
	state, err := crawl.OpenState(opts.State, meta, mode)
	switch {
	case errors.Is(err, crawl.ErrStateUnfinished):
		return fmt.Errorf("%w: continue it with --resume, or start over with --fresh", err)
	case errors.Is(err, crawl.ErrStateLocked):
		return fmt.Errorf("%w: wait until it ends, or give this crawl a folder of its own with --state", err)
	case errors.Is(err, crawl.ErrStateMismatch):
		return fmt.Errorf("--resume: %w; resume it with the same start URLs, --include, --exclude, --max-depth, --ignore-robots, --standard, --rules and --skip-rules, or start over with --fresh or another --state folder", err)
	case err != nil:
		return err
	}
	defer state.Close()
	prog := newProgress(f.IO, opts.Quiet, f.Now)
	if prog != nil {
		prog.limit = opts.MaxPages
		if state.Resumed {
			fmt.Fprintf(f.IO.ErrOut, "saavu: resuming the crawl in %s: %d page(s) done before\n", opts.State, state.Kept())
			prog.resumed(state.Kept())
		} else if !opts.Demo {
			fmt.Fprintf(f.IO.ErrOut, "saavu: crawl state in %s (continue an interrupted crawl with --resume)\n", opts.State)
		}
	}

	userAgent := "saavu/" + f.Version
	b, err := browser.Launch(ctx, browser.Options{
		ChromePath: opts.Chrome, BrowserURLs: opts.BrowserURLs, PageTimeout: opts.PageTimeout,
		Screenshots: opts.Screenshots && !opts.quick(), UserAgent: userAgent, Log: log,
		SkipProbes: opts.skipProbes(rules),
	})
	if err != nil {
		return err
	}
	defer b.Close()

	// Each page's result goes to the state folder as soon as it is done,
	// and is read back from there for the reports: the crawl holds no
	// results in memory.
	isStart := map[string]bool{}
	for _, s := range starts {
		isStart[s] = true
	}
	brokenLink := func(p *report.Page) bool { return p.ErrorKind == browser.KindHTTP && !isStart[p.URL] }
	width, height := b.Viewport()
	settings := opts.auditSettings(f.Version, b.Version, ruleIDs, width, height)
	session := b.Session(rules) // one tab for each worker of the crawl
	var reuse func(url, hash string) bool
	if prev != nil {
		if why := prev.usable(settings); why != "" {
			if !opts.Quiet {
				fmt.Fprintf(f.IO.ErrOut, "saavu: --since: auditing every page: %s\n", why)
			}
			prev = nil
		} else {
			reuse = prev.reuse
		}
	}
	session.Hash(reuse)
	loaded := 0 // pages audited or reused by this run
	prog.run()
	tabs := func() crawl.Tab { return session.Worker() }
	copts := crawl.CrawlOptions{
		Start: starts, Include: opts.Include, Exclude: opts.Exclude,
		MaxPages: opts.MaxPages, MaxDepth: opts.MaxDepth, IgnoreRobots: opts.IgnoreRobots,
		Rate: opts.Rate, Concurrency: opts.Concurrency, UserAgent: userAgent + " (accessibility audit)",
		State: state, Log: log,
	}
	checked := crawlDocuments(ctx, opts, &copts, prog) // documents.go
	defer checked.close()
	res, crawlErr := crawl.Crawl(ctx, tabs, copts, func(d crawl.CrawlPage) error {
		var rp report.Page
		if d.Err == nil {
			loaded++
		}
		if d.Err == nil && d.Page.Reused {
			var err error
			if rp, err = prev.page(d.URL, d.Page.RenderHash); err != nil {
				return err
			}
		} else {
			rp = report.PageResult(d.Page, d.Results, d.Err)
		}
		rp.URL = d.URL
		if err := state.AddPage(rp); err != nil {
			return err
		}
		prog.page(rp.URL, progressWord(rp), rp.Audited(), brokenLink(&rp), d.Queued)
		return nil
	})
	if ctx.Err() != nil || crawlErr != nil {
		prog.end("stopped after")
	} else {
		prog.end("crawled")
	}
	if prev != nil && !opts.Quiet {
		pct := 0
		if loaded > 0 {
			pct = prev.reused * 100 / loaded
		}
		fmt.Fprintf(f.IO.ErrOut, "saavu: reused %d of %s (%d%%) from the audit of %s\n", prev.reused, plural(loaded, "page", "pages"), pct, prev.when())
	}
	// The reports need no browser: let its memory go before they are
	// built (they hold every page result; see docs/crawl.md, Memory).
	b.Close()
	if res == nil {
		return crawlErr
	}
	// The pages stay in the state folder: the report reads them from
	// there as each writer needs them, so that writing it holds a few
	// KB per page rather than the pages (docs/crawl.md, Memory).
	pages, err := report.OpenPageFile(state.PagesFile())
	if err != nil {
		return fmt.Errorf("read crawl state: %w", err)
	}
	defer pages.Close()
	var links []report.BrokenLink
	var failed []startFailure
	err = state.PageLines(func(off int64, line []byte) error {
		var p report.Page // only what decides where the page goes
		if err := json.Unmarshal(line, &struct {
			URL       *string `json:"url"`
			Status    *int    `json:"status"`
			Error     *string `json:"error"`
			ErrorKind *string `json:"errorKind"`
		}{&p.URL, &p.Status, &p.Error, &p.ErrorKind}); err != nil {
			return fmt.Errorf("read crawl state: %w", err)
		}
		if brokenLink(&p) {
			links = append(links, report.BrokenLink{URL: p.URL, Status: p.Status, Error: p.Error, LinkedFrom: res.Referrers(p.URL)})
		} else {
			pages.Add(p.URL, off, len(line))
		}
		if isStart[p.URL] && !p.Audited() {
			failed = append(failed, startFailure{url: p.URL, why: p.Error, kind: p.ErrorKind})
		}
		return nil
	})
	if err != nil {
		return err
	}
	pages.Sort()
	if crawlErr == nil {
		if state.Meta.Audit, err = json.Marshal(settings); err != nil {
			return err
		}
		if err := state.Finish(); err != nil {
			return err
		}
	}
	rep, err := report.NewStreamed(reportMeta(f, b.Version, opts.standard()), rules, pages)
	if err != nil {
		return err
	}
	rep.AuditSettings = settings
	docs := checked.documents(res.Documents)
	if opts.Docs.Check {
		rep.SetDocumentRules(audit.RuleInfos(opts.Extra))
	}
	var skipped []report.SkippedPage
	for _, s := range res.Skipped {
		skipped = append(skipped, report.SkippedPage{URL: s.URL, Reason: s.Reason, LinkedFrom: s.Referrers})
	}
	for _, u := range res.Pending {
		skipped = append(skipped, report.SkippedPage{URL: u, Reason: crawl.ReasonInterrupted, LinkedFrom: res.Referrers(u)})
	}
	rep.SetCrawl(docs, links, skipped)
	if prog != nil {
		// A large crawl's reports take a while (about 4 s per 1,000 pages
		// for every format): say where they go.
		var files []string
		for _, o := range opts.Outputs {
			if o.Path != "-" {
				files = append(files, o.Path)
			}
		}
		if len(files) > 0 {
			fmt.Fprintf(f.IO.ErrOut, "saavu: writing the reports of %s: %s\n", plural(pages.Len(), "page", "pages"), strings.Join(files, ", "))
		}
	}
	for _, s := range res.Skipped {
		if isStart[s.URL] && crawl.RobotsReason(s.Reason) {
			failed = append(failed, startFailure{url: s.URL, why: s.Reason})
		}
	}
	if crawlErr == nil {
		sayStartFailures(f.IO.ErrOut, failed, assumed)
	}
	err = opts.finish(runEnd{sinks: sinks, report: rep, interrupted: crawlErr != nil, done: pages.Len() + len(links)})
	if crawlErr == nil {
		// (A --resume of a finished crawl reports the pages audited
		// before: it has some.)
		err = neverPass(f.IO.ErrOut, err, failed, rep)
	}
	if crawlErr != nil && ctx.Err() == nil {
		// Not an interruption: say what stopped the crawl.
		return fmt.Errorf("the crawl stopped: %w; the reports cover the pages done, and --resume continues it", crawlErr)
	}
	if crawlErr != nil {
		return fmt.Errorf("%w; continue the crawl with the same command and --resume", err)
	}
	return err
}

// neverPass is the outcome err of finish, made exit status 2 when
// a start address was not audited or no page was: such a crawl never
// passes, whatever the pages it did audit hold.
func neverPass(w io.Writer, err error, failed []startFailure, rep *report.Report) error {
	if len(failed) == 0 && rep.Summary.Audited > 0 {
		return err
	}
	var code exitCodeError
	if err != nil && !errors.As(err, &code) {
		return err // the reports could not be written: say that
	}
	if len(failed) == 0 && rep.Summary.NotAudited == 0 {
		fmt.Fprintln(w, "saavu: no page was audited: the start addresses led to no web page (see the report)")
	}
	return exitCodeError{ExitError}
}

// startFailure is a start address a crawl did not audit, and why.
type startFailure struct {
	url  string
	why  string // the page's error, or why it was skipped (robots.txt)
	kind string // the page's error kind; "" when it was skipped
}

// sayStartFailures says on w, in words, why each start address was not
// audited and what to do. assumed maps the start URLs given without a
// scheme to the address as given: a network error there may only mean
// that the site does not speak HTTPS.
func sayStartFailures(w io.Writer, failed []startFailure, assumed map[string]string) {
	for _, s := range failed {
		switch {
		case s.kind == "":
			why := s.why
			if why == crawl.ReasonRobots {
				why = "robots.txt disallows it; on a site you are responsible for, --ignore-robots crawls it anyway"
			}
			fmt.Fprintf(w, "saavu: the start address %s was not crawled: %s\n", s.url, why)
		case s.kind == browser.KindNetwork || s.kind == browser.KindHTTP || s.kind == browser.KindTimeout:
			fmt.Fprintf(w, "saavu: the start address %s could not be loaded: %s\n", s.url, s.why)
		default:
			fmt.Fprintf(w, "saavu: the start address %s could not be audited: %s\n", s.url, s.why)
		}
		if a, ok := assumed[s.url]; ok && httpMayHelp(s.kind, s.why) {
			sayHTTPSAssumed(w, a)
		}
	}
}

// httpMayHelp reports whether a page that could not be loaded over
// https:// might load over http://: a network error, other than a host
// name that does not resolve.
func httpMayHelp(kind, why string) bool {
	return kind == browser.KindNetwork && !strings.HasPrefix(why, "host not found")
}

// sayHTTPSAssumed says that https:// was put before an address given
// without a scheme, which could not be loaded.
func sayHTTPSAssumed(w io.Writer, arg string) {
	fmt.Fprintf(w, "saavu: https:// was assumed for %s: if the site is served over plain HTTP, give the address as http://%s\n", arg, arg)
}

// defaultStateDir is .saavu/HOST (the start URL's host and port) in the
// working directory.
func defaultStateDir(start string) string {
	host := "site"
	if u, err := url.Parse(start); err == nil && u.Host != "" {
		host = u.Host
	}
	host = strings.Map(func(r rune) rune {
		if r == ':' || r == '/' || r == '\\' {
			return '_'
		}
		return r
	}, strings.ToLower(host))
	return filepath.Join(".saavu", host)
}
