package cmd

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"saavu/browser"
	"saavu/checks"
	"saavu/crawl"
	"saavu/monitor"
	"saavu/report"
)

// CheckOptions hold what `saavu check` was asked to do.
type CheckOptions struct {
	IO *IOStreams

	Targets     []string // URLs or local files, as given
	Outputs     []Output // -o format=path
	FailOn      string   // any, critical, serious, moderate, minor, none
	Rules       []string // only these rule ids
	SkipRules   []string
	Extra       bool // also run the rules EN 301 549 does not require
	Chrome      string
	BrowserURLs []string
	Concurrency int
	PageTimeout time.Duration
	Screenshots bool
	Lang        string
	Quiet       bool
	Disable     []string        // id=reason: rules turned off, and why
	Baseline    string          // file of accepted failures (saavu baseline)
	Docs        DocumentOptions // documents (PDF, office files): see documents.go
	Standard    string          // --standard: the id of the standard to measure against (checks.Standards)
	Profile     string          // --profile: full, or quick (no live-page probes, no screenshots)

	// check --urls FILE [--shard I/N]: see urlsfile.go and docs/scale.md.
	URLsFile  string              // --urls: the pages to audit, one URL a line
	Shard     string              // --shard I/N; "": from the environment (with --urls only)
	SiteRate  float64             // --rate: page loads per second per host, of all shards together
	ShardRate float64             // --shard-rate: this run's own rate; 0: SiteRate/N
	Getenv    func(string) string // the environment, for the shard's defaults

	shard     monitor.Shard // of --shard or the environment; monitor.Whole without --urls
	shardFrom string        // the environment variables that chose the shard; "" for --shard or none
	pace      float64       // page loads per second per host of this run; 0: no limit

	std *checks.Standard // Standard, looked up by complete

	disabled []report.DisabledRule
	only     []string // --rules as given (before --extra names every rule)
	baseline *report.Baseline

	Factory *Factory
}

// terminalFormats are the formats made to be read on a terminal: -o
// FORMAT alone may write them there.
var terminalFormats = []string{"summary", "text"}

// auditReportFlags are -o and --lang of check, crawl and report: the
// formats of report.Formats, in a folder that exists, and the summary on
// stdout unless another report goes there.
func auditReportFlags(outputs *[]Output, lang *string) *reportFlags {
	return &reportFlags{
		what: "a report", formats: report.Formats, known: report.KnownFormat, terminal: terminalFormats,
		folder: true, summary: "summary", outputs: outputs,
		langs: report.Languages, langWhat: "language of the HTML report", lang: lang,
	}
}

// NewCmdCheck builds `saavu check`. runF replaces the audit in tests of
// flag parsing.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Factory: f, IO: f.IO, Getenv: os.Getenv}
	out := auditReportFlags(&opts.Outputs, &opts.Lang)
	cmd := &cobra.Command{
		Use:   "check URL|FILE... | --urls FILE",
		Short: "Audit the given pages (no link following)",
		Long: `Audit each given page in headless Chrome against the rules of EN 301 549
(WCAG 2.1 A and AA; --standard en301549-v4.1.1 for WCAG 2.2 A and AA). Links
are not followed.

A FILE is served over HTTP from its folder, so that relative links, styles and
scripts load as they would on a site. An address without a scheme gets https://.

Outputs: a short summary on standard output, unless -o sends a report there
(-o text=- lists every failure). Repeat -o for several reports:
-o html=report.html -o json=report.json; "-" is standard output (-o json=-).
The folder of a report must exist. -o FORMAT with no file writes to standard
output when it is a pipe or a file; on a terminal only summary and text may.

--urls FILE audits the URLs listed in FILE, one a line (# starts a comment
line), as 'saavu crawl --discover-only -o urls=FILE' writes them. With --shard
I/N only the URLs of shard I are audited: 1 + FNV-1a (32 bit) of the
normalised URL, mod N, the hash of 'saavu monitor'. Without --shard the shard
comes from JOB_COMPLETION_INDEX and SAAVU_SHARDS (a Kubernetes Indexed Job) or
CI_NODE_INDEX and CI_NODE_TOTAL (GitLab parallel jobs). N machines that run
the shards 1/N to N/N audit every URL once; 'saavu report shard*.json' merges
their JSON reports (docs/scale.md).

--rate is the most pages loaded per second per host by all the shards
together: each of N shards loads at --rate/N, unless --shard-rate sets its
own rate.

Exit status: 0 when nothing failed at or above --fail-on, 1 when something did,
2 on a usage or runtime error or when a page could not be audited.`,
		Example: `  saavu check https://www.example.fi/
  saavu check -o html=report.html -o json=report.json https://www.example.fi/ https://www.example.fi/yhteystiedot
  saavu check --fail-on serious -o json=- page.html
  saavu check --urls urls.txt --shard 2/4 -o json=shard2.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Targets = args
			if err := opts.completeURLs(cmd); err != nil {
				return err
			}
			if len(args) == 0 && opts.URLsFile == "" {
				opts.Targets = f.ConfigURLs // urls: in saavu.yaml
			}
			if len(opts.Targets) == 0 && opts.URLsFile == "" {
				return f.noURLs("give at least one URL or file to audit")
			}
			if len(args) == 0 && opts.URLsFile == "" {
				// The pages of the configuration file: an error names it.
				for _, a := range opts.Targets {
					if crawl.IsLocalFile(a) || strings.HasPrefix(a, "file://") {
						continue
					}
					if _, err := normalizeURL(a); err != nil {
						return fmt.Errorf("%s: %v", f.fromConfig("urls"), err)
					}
				}
			}
			if err := out.validate(f); err != nil {
				return err
			}
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	addAuditFlags(cmd, opts)
	fl := cmd.Flags()
	fl.StringVar(&opts.URLsFile, "urls", "", "audit the URLs listed in this file, one a line (# comments), as 'saavu crawl --discover-only -o urls=FILE' writes them")
	fl.StringVar(&opts.Shard, "shard", "", "with --urls, audit only the URLs of shard I of N (I/N, I from 1); default from JOB_COMPLETION_INDEX and SAAVU_SHARDS, or CI_NODE_INDEX and CI_NODE_TOTAL")
	fl.Float64Var(&opts.SiteRate, "rate", 4, "pages loaded per second per host at most, by all the shards together: each of N shards loads at rate/N (0: no limit)")
	fl.Float64Var(&opts.ShardRate, "shard-rate", 0, "pages loaded per second per host at most by this shard, instead of --rate/N")
	return cmd
}

// completeURLs reads --urls, --shard (or the shard of the environment),
// --rate and --shard-rate into Targets, shard and pace.
func (opts *CheckOptions) completeURLs(cmd *cobra.Command) error {
	f := opts.Factory
	opts.shard = monitor.Whole
	if opts.SiteRate < 0 {
		return f.valueErrorf([]string{"rate"}, "must be 0 (no limit) or more")
	}
	if opts.ShardRate < 0 || (cmd.Flags().Changed("shard-rate") && opts.ShardRate == 0) {
		return f.valueErrorf([]string{"shard-rate"}, "must be more than 0 (--rate 0 is no limit)")
	}
	if opts.URLsFile == "" {
		if cmd.Flags().Changed("shard") {
			return flagErrorf("--shard splits the list of --urls: give --urls FILE")
		}
		if cmd.Flags().Changed("shard-rate") {
			return flagErrorf("--shard-rate is the rate of a shard of --urls: give --urls FILE, or use --rate")
		}
		opts.pace = opts.SiteRate
		return nil
	}
	if len(opts.Targets) > 0 {
		return flagErrorf("--urls FILE lists the pages to audit: give no URL or file arguments with it")
	}
	if opts.Shard != "" {
		s, err := monitor.ParseShard(opts.Shard)
		if err != nil {
			return flagErrorf("--shard %v", err)
		}
		opts.shard = s
	} else {
		s, from, err := monitor.ShardFromEnv(opts.Getenv)
		if err != nil {
			return flagErrorf("%v", err)
		}
		opts.shard, opts.shardFrom = s, from
	}
	urls, err := readURLsFile(opts.URLsFile)
	if err != nil {
		return err
	}
	opts.Targets = shardURLs(urls, opts.shard)
	opts.pace = opts.SiteRate / float64(opts.shard.N)
	if opts.ShardRate > 0 {
		opts.pace = opts.ShardRate
	}
	if !opts.Quiet && opts.shard.N > 1 {
		from := ""
		if opts.shardFrom != "" {
			from = " (from " + opts.shardFrom + ")"
		}
		rate := "no limit"
		if opts.pace > 0 {
			rate = fmt.Sprintf("%g pages/s per host", opts.pace)
		}
		fmt.Fprintf(opts.IO.ErrOut, "saavu: shard %s%s: %d of the %d URLs in %s; %s\n",
			opts.shard, from, len(opts.Targets), len(urls), opts.URLsFile, rate)
	}
	return nil
}

// complete checks the flags shared by check and crawl, but for -o and
// --lang (auditReportFlags).
func (opts *CheckOptions) complete() error {
	f := opts.Factory
	if err := validateFailOn(f, opts.FailOn); err != nil {
		return err
	}
	if err := opts.completeStandard(); err != nil {
		return err
	}
	if opts.Concurrency < 1 {
		return f.valueErrorf([]string{"concurrency"}, "must be at least 1")
	}
	switch opts.Profile {
	case "", "full", report.ProfileQuick:
	default:
		return f.valueErrorf([]string{"profile"}, "%q is not one of full, quick", opts.Profile)
	}
	if _, err := checks.LookupSite(opts.Rules); err != nil {
		return f.valueErrorf([]string{"rules"}, "%v (run 'saavu rules' to list them)", err)
	}
	if _, err := checks.LookupSite(opts.SkipRules); err != nil {
		return f.valueErrorf([]string{"skip-rules"}, "%v (run 'saavu rules' to list them)", err)
	}
	if err := opts.completeRuleChoices(); err != nil {
		return err
	}
	opts.only = slices.Clone(opts.Rules) // before --extra names every rule
	if err := opts.Docs.complete(f); err != nil {
		return err
	}
	if opts.Extra {
		if len(opts.Rules) > 0 {
			return f.valueErrorf([]string{"extra", "rules"}, "--rules picks the rules to run; name the extra rules you want there")
		}
		for _, r := range checks.Every() {
			opts.Rules = append(opts.Rules, r.ID)
		}
		for _, r := range checks.SiteRules() {
			opts.Rules = append(opts.Rules, r.ID)
		}
	}
	return nil
}

// completeRuleChoices reads --disable and --baseline for check and crawl.
func (opts *CheckOptions) completeRuleChoices() error {
	opts.disabled = nil
	for _, d := range opts.Disable {
		id, reason, _ := strings.Cut(d, "=")
		id, reason = strings.TrimSpace(id), strings.TrimSpace(reason)
		if reason == "" {
			if at := opts.Factory.fromConfig("disable"); at != "" {
				return fmt.Errorf("%s: %s: say why the rule is off: %s: REASON", at, id, id)
			}
			return flagErrorf("--disable %s: say why the rule is off: --disable %s=REASON", d, id)
		}
		if _, err := checks.LookupSite([]string{id}); err != nil {
			return opts.Factory.valueErrorf([]string{"disable"}, "%v (run 'saavu rules' to list them)", err)
		}
		opts.disabled = append(opts.disabled, report.DisabledRule{ID: id, Reason: reason})
	}
	if opts.Baseline != "" {
		b, err := loadBaseline(opts.Factory.flagName("baseline"), opts.Baseline)
		if err != nil {
			return err
		}
		opts.baseline = b
	}
	return nil
}

// skipped is --skip-rules plus the rules disabled with a reason.
func (opts *CheckOptions) skipped() []string {
	ids := slices.Clone(opts.SkipRules)
	for _, d := range opts.disabled {
		ids = append(ids, d.ID)
	}
	return ids
}

// applyRuleChoices records the disabled rules and the rule selection in
// the report and compares its failures with the baseline.
func (opts *CheckOptions) applyRuleChoices(rep *report.Report) {
	rep.SetDisabled(opts.disabled)
	rep.SetRuleSelection(opts.only, opts.SkipRules)
	if opts.quick() {
		rep.SetProfile(report.ProfileQuick)
	}
	if opts.baseline != nil {
		opts.baseline.Apply(rep)
	}
}

// addAuditFlags declares the flags shared by check and crawl, but for -o
// and --lang (auditReportFlags).
func addAuditFlags(cmd *cobra.Command, opts *CheckOptions) {
	fl := cmd.Flags()
	fl.StringVar(&opts.FailOn, "fail-on", "any", "exit 1 when a rule fails with at least this impact: any, critical, serious, moderate, minor, or none")
	fl.StringSliceVar(&opts.Rules, "rules", nil, "run only these rules (comma-separated ids; see 'saavu rules')")
	fl.StringSliceVar(&opts.SkipRules, "skip-rules", nil, "do not run these rules (comma-separated ids)")
	fl.StringArrayVar(&opts.Disable, "disable", nil, "do not run a rule, and say why in the reports: ID=REASON (repeatable)")
	fl.StringVar(&opts.Baseline, "baseline", "", "accepted failures (from 'saavu baseline'): they are marked, and only new failures decide the exit status")
	fl.BoolVar(&opts.Extra, "extra", false, "also run the extra rules, for WCAG AAA criteria and best practices, which EN 301 549 does not require")
	fl.StringVar(&opts.Chrome, "chrome", "", "Chrome or Chromium executable (default: $SAAVU_CHROME, then chromium, google-chrome… on PATH)")
	fl.StringArrayVar(&opts.BrowserURLs, "browser-url", nil, "use a running Chrome at this DevTools address (ws://… or http://host:9222) instead of starting one; repeat it for a fleet of Chromes, which the --concurrency tabs are spread over")
	fl.IntVar(&opts.Concurrency, "concurrency", 2, "pages audited at once (browser tabs)")
	fl.DurationVar(&opts.PageTimeout, "page-timeout", 60*time.Second, "give up on a page after this long")
	fl.BoolVar(&opts.Screenshots, "screenshots", true, "include a cropped screenshot of failing elements in the reports")
	fl.StringVar(&opts.Profile, "profile", "full", "full, or quick: no live-page probes (keyboard, pointer, zoom, media…) and no screenshots, for CI gates that need seconds; the rules that need the probes report only failures and what to review, so the results are partial (see docs/ci.md)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress messages on stderr")
	addDocumentSizeFlag(fl, &opts.Docs)
	fl.StringVar(&opts.Standard, "standard", checks.DefaultStandard.ID, "measure against en301549-v3.2.1 (WCAG 2.1 A and AA, the version the law cites) or en301549-v4.1.1 (WCAG 2.2 A and AA, approved in 2026, not yet cited)")
}

// completeStandard looks up --standard.
func (opts *CheckOptions) completeStandard() error {
	if opts.Standard == "" {
		opts.std = checks.DefaultStandard
		return nil
	}
	std, err := checks.LookupStandard(opts.Standard)
	if err != nil {
		return opts.Factory.valueErrorf([]string{"standard"}, "%v", err)
	}
	opts.std = std
	return nil
}

// standard is the standard to measure against: --standard, or the
// default one.
func (opts *CheckOptions) standard() *checks.Standard {
	if opts.std == nil {
		return checks.DefaultStandard
	}
	return opts.std
}

func validateFailOn(f *Factory, s string) error {
	switch s {
	case "any", "none":
		return nil
	}
	if checks.Impact(s).Rank() == 0 {
		return f.valueErrorf([]string{"fail-on"}, "%q is not one of any, critical, serious, moderate, minor, none", s)
	}
	return nil
}

// quick reports whether the run is quick (--profile quick).
func (opts *CheckOptions) quick() bool { return opts.Profile == report.ProfileQuick }

// skipProbes returns the live-page probes not to run: every one in a
// quick run, else those that none of the rules reads (skipProbes).
func (opts *CheckOptions) skipProbes(rules []*checks.Rule) []checks.Probe {
	if opts.quick() {
		return slices.Clone(checks.Probes)
	}
	return skipProbes(rules)
}

// skipProbes returns the live-page probes that none of the rules reads:
// a run of a few rules does not wait for the Tab walk or the relayouts
// when none of them needs it.
func skipProbes(rules []*checks.Rule) []checks.Probe {
	need := checks.NeededProbes(rules)
	return slices.DeleteFunc(slices.Clone(checks.Probes), func(p checks.Probe) bool { return slices.Contains(need, p) })
}

// selectRules applies --rules and --skip-rules to the page rules of the
// standard std (the ids of site rules among them pick site rules: see
// selectSiteRules). It fails when neither page nor site rules are left.
func selectRules(std *checks.Standard, only, skip []string) ([]*checks.Rule, error) {
	rules := std.Rules()
	if len(only) > 0 {
		sel, err := checks.Lookup(pageRuleIDs(only))
		if err != nil {
			return nil, flagErrorf("--rules: %v (run 'saavu rules' to list them)", err)
		}
		rules = sel
	}
	if len(skip) > 0 {
		if _, err := checks.LookupSite(skip); err != nil {
			return nil, flagErrorf("--skip-rules: %v (run 'saavu rules' to list them)", err)
		}
		rules = slices.DeleteFunc(rules, func(r *checks.Rule) bool { return slices.Contains(skip, r.ID) })
	}
	if len(rules) == 0 && len(selectSiteRules(std, only, skip)) == 0 {
		return nil, flagErrorf("no rules left to run")
	}
	return rules, nil
}

// selectSiteRules applies --rules and --skip-rules to the site rules,
// which run after the pages over their facts: those the standard std
// requires (under V3.2.1 not those of the criteria WCAG 2.2 added), unless
// --rules names rules (then those of them that are site rules; --extra
// names them all).
func selectSiteRules(std *checks.Standard, only, skip []string) []*checks.SiteRule {
	rules := std.SiteRules()
	if len(only) > 0 {
		rules, _ = checks.LookupSite(only)
	}
	return slices.DeleteFunc(rules, func(r *checks.SiteRule) bool { return slices.Contains(skip, r.ID) })
}

// pageRuleIDs leaves the site rules out of a list of rule ids.
func pageRuleIDs(ids []string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool {
		site, _ := checks.LookupSite([]string{id})
		return len(site) > 0
	})
}

// target is one page to audit: what the user typed and the URL to load.
type target struct {
	arg, url string
}

// fileServer serves the local files given to check (crawl.FileServer;
// an interface, so that tests see it closed).
type fileServer interface {
	URL(file string) (string, error)
	Path(u string) string
	Close(ctx context.Context) error
	Serves(u string) bool
}

// serveFiles starts a crawl.FileServer for the files.
func serveFiles(files []string) (fileServer, error) {
	fs, err := crawl.ServeFiles(files)
	if err != nil {
		return nil, err // not a nil *FileServer in an interface
	}
	return fs, nil
}

// resolveTargets turns arguments into URLs, serving local files with
// serve: the server returned, nil when no argument is a file, is the
// caller's to close; on an error it is closed already.
func resolveTargets(ctx context.Context, args []string, serve func(files []string) (fileServer, error)) (_ []target, _ fileServer, err error) {
	paths := make([]string, len(args)) // the file an argument names; "" for a URL
	var files []string
	for i, a := range args {
		switch {
		case crawl.IsLocalFile(a):
			paths[i] = a
		case strings.HasPrefix(a, "file://"):
			u, err := url.Parse(a)
			if err != nil || !crawl.IsLocalFile(u.Path) {
				return nil, nil, flagErrorf("%s: no such file", a)
			}
			paths[i] = u.Path
		default:
			continue
		}
		files = append(files, paths[i])
	}
	var fs fileServer
	if len(files) > 0 {
		if fs, err = serve(files); err != nil {
			return nil, nil, err
		}
		defer func() {
			if err != nil {
				_ = fs.Close(ctx)
			}
		}()
	}
	out := make([]target, 0, len(args))
	for i, a := range args {
		var u string
		if paths[i] != "" {
			u, err = fs.URL(paths[i])
		} else {
			u, err = normalizeURL(a)
		}
		if err != nil {
			return nil, nil, err
		}
		out = append(out, target{arg: a, url: u})
	}
	return out, fs, nil
}

// normalizeURL accepts http(s) URLs and bare host names (https assumed).
func normalizeURL(a string) (string, error) {
	if !strings.Contains(a, "://") {
		if looksLikePath(a) {
			return "", flagErrorf("%s: no such file", a)
		}
		a = "https://" + a
	}
	u, err := url.Parse(a)
	if err != nil {
		return "", flagErrorf("%s: not a valid URL: %v", a, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", flagErrorf("%s: only http and https addresses (or local files) can be audited", a)
	}
	if u.Host == "" {
		return "", flagErrorf("%s: the address has no host name", a)
	}
	return u.String(), nil
}

func looksLikePath(a string) bool {
	if strings.HasPrefix(a, ".") || strings.HasPrefix(a, "/") || strings.HasPrefix(a, "~") {
		return true
	}
	ext := strings.ToLower(filepath.Ext(strings.SplitN(a, "/", 2)[0]))
	return ext == ".html" || ext == ".htm" || ext == ".xhtml"
}

func checkRun(ctx context.Context, opts *CheckOptions) error {
	f := opts.Factory
	log := f.logger()
	rules, err := selectRules(opts.standard(), opts.Rules, opts.skipped())
	if err != nil {
		return err
	}
	// Documents (PDF, office files) are checked without the browser
	// (documents.go).
	var pageArgs, docArgs []string
	for _, a := range opts.Targets {
		if isDocumentArg(a) {
			docArgs = append(docArgs, a)
		} else {
			pageArgs = append(pageArgs, a)
		}
	}
	targets, files, err := resolveTargets(ctx, pageArgs, serveFiles)
	if err != nil {
		return err
	}
	if files != nil {
		defer files.Close(context.WithoutCancel(ctx))
	}
	// Open the output files first: a typo in a path should not cost an audit.
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()
	if len(pageArgs) == 0 && opts.URLsFile != "" && len(docArgs) == 0 {
		// A shard that owns none of the URLs: its report is empty, and
		// merges with the others all the same.
		return opts.finish(runEnd{sinks: sinks, report: report.New(reportMeta(f, "", opts.standard()), rules, nil)})
	}
	if len(pageArgs) == 0 {
		return checkOnlyDocuments(ctx, opts, sinks, docArgs)
	}

	b, err := browser.Launch(ctx, browser.Options{
		ChromePath: opts.Chrome, BrowserURLs: opts.BrowserURLs, PageTimeout: opts.PageTimeout,
		Screenshots: opts.Screenshots && !opts.quick(), UserAgent: "saavu/" + f.Version, Log: log,
		SkipProbes: opts.skipProbes(rules), Pace: pace(opts.pace, files),
	})
	if err != nil {
		return err
	}
	defer b.Close()

	argOf := map[string]string{}
	urls := make([]string, 0, len(targets))
	for _, t := range targets {
		if _, dup := argOf[t.url]; dup {
			continue
		}
		argOf[t.url] = t.arg
		urls = append(urls, t.url)
	}
	var pages []report.Page
	n := 0
	prog := newProgress(f.IO, opts.Quiet, f.Now) // see progress.go
	if prog != nil {
		prog.perPage, prog.limit = true, len(urls)
	}
	prog.run()
	auditErr := b.Audit(ctx, urls, rules, opts.Concurrency, func(d browser.Done) {
		n++
		rp := report.PageResult(d.Page, d.Results, d.Err)
		rp.URL = argOf[d.URL]
		if files != nil {
			if rp.FinalURL == d.URL {
				rp.FinalURL = rp.URL
			} else {
				rp.FinalURL = files.Path(rp.FinalURL)
			}
		}
		pages = append(pages, rp)
		prog.page(rp.URL, progressWord(rp), rp.Audited(), false, len(urls))
	})
	prog.end("checked")
	interrupted := auditErr != nil
	if interrupted {
		// Report what was done; mark the rest.
		seen := map[string]bool{}
		for _, p := range pages {
			seen[p.URL] = true
		}
		for _, u := range urls {
			if !seen[argOf[u]] {
				pages = append(pages, report.Page{URL: argOf[u], FinalURL: argOf[u], Error: "not audited: the run was interrupted", ErrorKind: "interrupted", Results: []report.Result{}})
			}
		}
	}

	for _, p := range pages {
		if httpMayHelp(p.ErrorKind, p.Error) && !strings.Contains(p.URL, "://") && !crawl.IsLocalFile(p.URL) {
			sayHTTPSAssumed(f.IO.ErrOut, p.URL)
		}
	}
	pages, docArgs = pagesToDocuments(pages, docArgs) // documents.go
	rep := report.New(reportMeta(f, b.Version, opts.standard()), rules, pages)
	if len(docArgs) > 0 && !interrupted {
		docs, err := checkDocuments(ctx, opts, docArgs)
		if err != nil && ctx.Err() == nil {
			return err
		}
		interrupted = err != nil
		setCheckedDocuments(rep, docs, opts.Extra)
	}
	return opts.finish(runEnd{sinks: sinks, report: rep, interrupted: interrupted, done: n, documents: len(docArgs) > 0})
}

// pace is Options.Pace of a rate in page loads per second per host; nil
// for 0, no limit. Local files, which saavu serves itself (files), are
// not paced.
func pace(perSecond float64, files fileServer) func(context.Context, string) error {
	if perSecond <= 0 {
		return nil
	}
	lim := crawl.NewLimiter(perSecond)
	return func(ctx context.Context, u string) error {
		if files != nil && files.Serves(u) {
			return nil
		}
		return lim.Wait(ctx, u)
	}
}

// runEnd is an audit run (check, crawl, a sample) at its end, for finish.
type runEnd struct {
	sinks       *sinks         // where the reports go
	report      *report.Report // made with reportMeta, with what the run adds (crawl, sample) set
	interrupted bool           // the run was interrupted: the reports cover the pages done
	done        int            // the pages done, for the message of an interrupted run
	documents   bool           // documents were asked for (check FILE.pdf): one not checked is an error, as a page is
}

// reportMeta is what a report says about this run.
func reportMeta(f *Factory, browser string, std *checks.Standard) report.Meta {
	meta := report.Meta{Version: f.Version, Browser: browser, Standard: std}
	if f.Now != nil {
		meta.GeneratedAt = f.Now().UTC().Format(time.RFC3339)
	}
	return meta
}

// finish records the rule choices (--disable, --baseline) in the report,
// writes the reports and returns the error that gives the exit status.
func (opts *CheckOptions) finish(end runEnd) error {
	f := opts.Factory
	rep := end.report
	// The site rules compare the pages: they run once all are done.
	if err := rep.CheckSite(selectSiteRules(opts.standard(), opts.Rules, opts.skipped())); err != nil {
		return err
	}
	opts.applyRuleChoices(rep)
	if err := end.sinks.write(rep, report.Options{Lang: opts.Lang, Color: f.IO.Color, Width: f.IO.Width}, f.IO); err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return err
	}
	if end.interrupted {
		return fmt.Errorf("interrupted: the reports cover the %d page(s) finished before the interruption", end.done)
	}
	if rep.Summary.NotAudited > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: %d of %d page(s) could not be audited (see the report for why)\n", rep.Summary.NotAudited, rep.Summary.Pages)
		return exitCodeError{ExitError}
	}
	if ds := rep.Summary.Documents; end.documents && ds != nil && ds.NotAudited > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: %d of %d document(s) could not be checked (see the report for why)\n", ds.NotAudited, ds.Documents)
		return exitCodeError{ExitError}
	}
	return failuresExit(f.IO, rep, opts.FailOn)
}

func progressWord(p report.Page) string {
	if !p.Audited() {
		return "not audited: " + p.Error
	}
	failed := 0
	for _, r := range p.Results {
		if r.Outcome == string(checks.Failed) {
			failed++
		}
	}
	if failed == 0 {
		return "no failures"
	}
	return fmt.Sprintf("%d rule(s) failed", failed)
}

// failuresExit ends a run whose reports are written and whose pages were
// all audited: exit 1, with the reason as the last line on stderr, when
// something (new) failed at or above --fail-on: a rule on a page, or a
// site rule.
func failuresExit(io *IOStreams, rep *report.Report, failOn string) error {
	min := checks.Impact(failOn)
	switch failOn {
	case "none":
		return nil
	case "any", "":
		min = ""
	}
	f := report.CountFailing(rep, min)
	if f.Results == 0 && len(f.Site) == 0 {
		return nil
	}
	fmt.Fprintf(io.ErrOut, "saavu: %s\n", exitReason(f, failOn, rep.Baseline != nil))
	return exitCodeError{ExitFindings}
}

// exitReason says what made the exit status 1, counted as the exit status
// counts: rules failing on pages (rule × page), with an element not in
// the baseline, and site rules failing (each once, for the site). "exit
// 1: 2 new failures at or above serious (rule × page; 3 new elements on 1
// page) and 1 failed site rule (consistent-navigation)".
func exitReason(f report.Failing, failOn string, baseline bool) string {
	what, elements, site := "failure", "element", "failed site rule"
	if baseline {
		what, elements, site = "new failure", "new element", "site rule with a new failure"
	}
	at := "at or above " + failOn
	if failOn == "any" || failOn == "" {
		at = "of any impact"
	}
	where := plural(f.Pages, "page", "pages")
	switch {
	case f.Documents > 0 && f.Pages == 0:
		where = plural(f.Documents, "document", "documents")
	case f.Documents > 0:
		where += " and " + plural(f.Documents, "document", "documents")
	}
	var parts []string
	if f.Results > 0 {
		parts = append(parts, fmt.Sprintf("%s %s (rule × page; %s on %s)", plural(f.Results, what, what+"s"), at,
			plural(f.Elements, elements, elements+"s"), where))
	}
	if len(f.Site) > 0 {
		sites := plural(len(f.Site), site, strings.Replace(site, "rule", "rules", 1))
		if len(parts) == 0 {
			sites += " " + at
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", sites, strings.Join(f.Site, ", ")))
	}
	return "exit 1: " + strings.Join(parts, " and ")
}

// sinks are the open destinations of the requested reports.
type sinks struct {
	outs  []Output
	files []*os.File
}

func openOutputs(outs []Output) (*sinks, error) {
	s := &sinks{outs: outs}
	for _, o := range outs {
		if o.Path == "-" {
			s.files = append(s.files, nil)
			continue
		}
		fh, err := os.Create(o.Path)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("cannot write report %s: %w", o.Path, err)
		}
		s.files = append(s.files, fh)
	}
	return s, nil
}

// write writes the reports: the files first, then standard output, whose
// view (the summary) names the files written, last, where it stays in
// sight. A file gets no colours and no terminal width.
func (s *sinks) write(rep *report.Report, ro report.Options, io *IOStreams) error {
	var errs []error
	var written []string
	for _, stdout := range []bool{false, true} {
		for i, o := range s.outs {
			if (s.files[i] == nil) != stdout {
				continue
			}
			opts := report.Options{Lang: ro.Lang}
			if stdout {
				opts = ro
				opts.Reports = written
			}
			w, err := report.NewWriter(o.Format, opts)
			if err != nil {
				return err
			}
			if stdout {
				err = w.Write(io.Out, rep)
			} else if err = w.Write(s.files[i], rep); err == nil {
				written = append(written, o.Path)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("write %s report: %w", o.Format, err))
			}
		}
	}
	return errors.Join(errs...)
}

func (s *sinks) close() {
	for _, fh := range s.files {
		if fh != nil {
			_ = fh.Close()
		}
	}
}
