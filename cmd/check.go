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
	BrowserURL  string
	Concurrency int
	PageTimeout time.Duration
	Screenshots bool
	Lang        string
	Quiet       bool
	Disable     []string // id=reason: rules turned off, and why
	Baseline    string   // file of accepted failures (saavu baseline)

	disabled []report.DisabledRule
	baseline *report.Baseline

	Factory *Factory
}

// Output is one requested report: a format and a path ("-" for stdout).
type Output struct {
	Format string
	Path   string
}

// parseOutput reads "format=path", or "format" for standard output; on a
// terminal (tty) only the formats made for one (terminalFormat) may go
// there without "=-": an HTML or JSON report would flood it. The folder
// of path must exist. at names the key of the configuration file that
// gave s; "" when the command line did (-o s).
func parseOutput(s string, tty bool, at string) (Output, error) {
	fail := func(format string, args ...any) (Output, error) {
		if at != "" {
			return Output{}, fmt.Errorf("%s: %s", at, fmt.Sprintf(format, args...))
		}
		return Output{}, &FlagError{Err: fmt.Errorf("-o %s: %s", s, fmt.Sprintf(format, args...))}
	}
	format, path, ok := strings.Cut(s, "=")
	format = strings.ToLower(strings.TrimSpace(format))
	if !report.KnownFormat(format) {
		return fail("unknown format %q (choose one of %s)", format, strings.Join(report.Formats, ", "))
	}
	switch {
	case !ok && tty && !terminalFormat(format):
		example := "report." + outputExt(format)
		if at != "" {
			return fail("%s needs a file name on a terminal: %s=%s, or %s=- to write it to standard output", s, format, example, format)
		}
		return Output{}, flagErrorf("-o %s needs a file: -o %s=%s; -o %s=- writes to stdout", s, format, example, format)
	case !ok:
		path = "-"
	case path == "":
		return fail("missing file name after '=' (use - for standard output)")
	}
	if path != "-" {
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil {
			return fail("the folder %s does not exist: create it, or write the report elsewhere", dir)
		} else if !fi.IsDir() {
			return fail("%s is not a folder", dir)
		}
	}
	return Output{Format: format, Path: path}, nil
}

// terminalFormat reports whether a format is made to be read on a
// terminal, so that -o FORMAT alone may write it there.
func terminalFormat(format string) bool { return format == "summary" || format == "text" }

// outputExt is the usual file name extension of a report format.
func outputExt(format string) string {
	switch format {
	case "text", "table":
		return "txt"
	case "junit":
		return "junit.xml"
	case "earl":
		return "jsonld"
	}
	return format
}

// NewCmdCheck builds `saavu check`. runF replaces the audit in tests of
// flag parsing.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Factory: f, IO: f.IO}
	var outputs []string
	cmd := &cobra.Command{
		Use:   "check URL|FILE...",
		Short: "Audit the given pages (no link following)",
		Long: `Audit each given page in headless Chrome against the rules of EN 301 549
(WCAG 2.1 A and AA). Links are not followed.

A FILE is served over HTTP from its folder, so that relative links, styles and
scripts load as they would on a site. An address without a scheme gets https://.

Outputs: a short summary on standard output, unless -o sends a report there
(-o text=- lists every failure). Repeat -o for several reports:
-o html=report.html -o json=report.json; "-" is standard output (-o json=-).
The folder of a report must exist. -o FORMAT with no file writes to standard
output when it is a pipe or a file; on a terminal only summary and text may.

Exit status: 0 when nothing failed at or above --fail-on, 1 when something did,
2 on a usage or runtime error or when a page could not be audited.`,
		Example: `  saavu check https://www.example.fi/
  saavu check -o html=report.html -o json=report.json https://www.example.fi/ https://www.example.fi/yhteystiedot
  saavu check --fail-on serious -o json=- page.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Targets = args
			if len(args) == 0 {
				opts.Targets = f.ConfigURLs // urls: in saavu.yaml
			}
			if len(opts.Targets) == 0 {
				return f.noURLs("give at least one URL or file to audit")
			}
			if len(args) == 0 {
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
			if err := opts.complete(outputs); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	addAuditFlags(cmd, opts, &outputs)
	return cmd
}

// complete parses the -o values and checks the flags shared by check and
// crawl.
func (opts *CheckOptions) complete(outputs []string) error {
	f := opts.Factory
	tty := opts.IO != nil && opts.IO.OutTTY
	for _, o := range outputs {
		out, err := parseOutput(o, tty, f.fromConfig("output"))
		if err != nil {
			return err
		}
		opts.Outputs = append(opts.Outputs, out)
	}
	// The summary goes to stdout unless another report takes it.
	if !slices.ContainsFunc(opts.Outputs, func(o Output) bool { return o.Path == "-" }) {
		opts.Outputs = append(opts.Outputs, Output{Format: "summary", Path: "-"})
	}
	if err := validateFailOn(f, opts.FailOn); err != nil {
		return err
	}
	if opts.Concurrency < 1 {
		return f.valueErrorf([]string{"concurrency"}, "must be at least 1")
	}
	if !slices.Contains([]string{"en", "fi", "sv"}, opts.Lang) {
		return f.valueErrorf([]string{"lang"}, "%q is not one of en, fi, sv", opts.Lang)
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

// addAuditFlags declares the flags shared by check and crawl.
func addAuditFlags(cmd *cobra.Command, opts *CheckOptions, outputs *[]string) {
	fl := cmd.Flags()
	fl.StringArrayVarP(outputs, "output", "o", nil, "write a report: FORMAT=PATH, FORMAT one of "+strings.Join(report.Formats, ", ")+"; PATH - for stdout, in a folder that exists (repeatable)")
	fl.StringVar(&opts.FailOn, "fail-on", "any", "exit 1 when a rule fails with at least this impact: any, critical, serious, moderate, minor, or none")
	fl.StringSliceVar(&opts.Rules, "rules", nil, "run only these rules (comma-separated ids; see 'saavu rules')")
	fl.StringSliceVar(&opts.SkipRules, "skip-rules", nil, "do not run these rules (comma-separated ids)")
	fl.StringArrayVar(&opts.Disable, "disable", nil, "do not run a rule, and say why in the reports: ID=REASON (repeatable)")
	fl.StringVar(&opts.Baseline, "baseline", "", "accepted failures (from 'saavu baseline'): they are marked, and only new failures decide the exit status")
	fl.BoolVar(&opts.Extra, "extra", false, "also run the extra rules, for WCAG AAA criteria and best practices, which EN 301 549 does not require")
	fl.StringVar(&opts.Chrome, "chrome", "", "Chrome or Chromium executable (default: $SAAVU_CHROME, then chromium, google-chrome… on PATH)")
	fl.StringVar(&opts.BrowserURL, "browser-url", "", "use a running Chrome at this DevTools address (ws://… or http://host:9222) instead of starting one")
	fl.IntVar(&opts.Concurrency, "concurrency", 2, "pages audited at once (browser tabs)")
	fl.DurationVar(&opts.PageTimeout, "page-timeout", 60*time.Second, "give up on a page after this long")
	fl.BoolVar(&opts.Screenshots, "screenshots", true, "include a cropped screenshot of failing elements in the reports")
	fl.StringVar(&opts.Lang, "lang", "en", "language of the HTML report: en, fi or sv")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress messages on stderr")
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

// skipProbes returns the live-page probes that none of the rules reads:
// a run of a few rules does not wait for the Tab walk or the relayouts
// when none of them needs it.
func skipProbes(rules []*checks.Rule) []checks.Probe {
	need := checks.NeededProbes(rules)
	return slices.DeleteFunc(slices.Clone(checks.Probes), func(p checks.Probe) bool { return slices.Contains(need, p) })
}

// selectRules applies --rules and --skip-rules to the registry of page
// rules (the ids of site rules among them pick site rules: see
// selectSiteRules). It fails when neither page nor site rules are left.
func selectRules(only, skip []string) ([]*checks.Rule, error) {
	rules := checks.All()
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
	if len(rules) == 0 && len(selectSiteRules(only, skip)) == 0 {
		return nil, flagErrorf("no rules left to run")
	}
	return rules, nil
}

// selectSiteRules applies --rules and --skip-rules to the site rules,
// which run after the pages over their facts: all of them, unless --rules
// names rules (then those of them that are site rules).
func selectSiteRules(only, skip []string) []*checks.SiteRule {
	rules := checks.SiteRules()
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

// resolveTargets turns arguments into URLs, serving local files.
func resolveTargets(args []string) ([]target, *crawl.FileServer, error) {
	var files []string
	for _, a := range args {
		if crawl.IsLocalFile(a) {
			files = append(files, a)
		} else if strings.HasPrefix(a, "file://") {
			u, err := url.Parse(a)
			if err != nil || !crawl.IsLocalFile(u.Path) {
				return nil, nil, flagErrorf("%s: no such file", a)
			}
			files = append(files, u.Path)
		}
	}
	var fs *crawl.FileServer
	if len(files) > 0 {
		var err error
		if fs, err = crawl.ServeFiles(files); err != nil {
			return nil, nil, err
		}
	}
	var out []target
	for _, a := range args {
		path := a
		if strings.HasPrefix(a, "file://") {
			u, _ := url.Parse(a)
			path = u.Path
		}
		if crawl.IsLocalFile(path) {
			u, err := fs.URL(path)
			if err != nil {
				return nil, nil, err
			}
			out = append(out, target{arg: a, url: u})
			continue
		}
		u, err := normalizeURL(a)
		if err != nil {
			if fs != nil {
				_ = fs.Close(context.Background())
			}
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
	rules, err := selectRules(opts.Rules, opts.skipped())
	if err != nil {
		return err
	}
	targets, files, err := resolveTargets(opts.Targets)
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

	b, err := browser.Launch(ctx, browser.Options{
		ChromePath: opts.Chrome, BrowserURL: opts.BrowserURL, PageTimeout: opts.PageTimeout,
		Screenshots: opts.Screenshots, UserAgent: "saavu/" + f.Version, Log: log,
		SkipProbes: skipProbes(rules),
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
	return finish(opts, sinks, b.Version, rules, pages, nil, interrupted, n)
}

// finish writes the reports and returns the error that gives the exit
// code (shared by check and crawl). extra adds to the report before it
// is written.
func finish(opts *CheckOptions, sinks *sinks, browser string, rules []*checks.Rule, pages []report.Page, extra func(*report.Report), interrupted bool, n int) error {
	return finishReport(opts, sinks, report.New(reportMeta(opts.Factory, browser), rules, pages), extra, interrupted, n)
}

// reportMeta is what a report says about this run.
func reportMeta(f *Factory, browser string) report.Meta {
	meta := report.Meta{Version: f.Version, Browser: browser}
	if f.Now != nil {
		meta.GeneratedAt = f.Now().UTC().Format(time.RFC3339)
	}
	return meta
}

// finishReport is finish for a report already made (a crawl's, whose
// pages stay on disk).
func finishReport(opts *CheckOptions, sinks *sinks, rep *report.Report, extra func(*report.Report), interrupted bool, n int) error {
	f := opts.Factory
	if extra != nil {
		extra(rep)
	}
	// The site rules compare the pages: they run once all are done.
	if err := rep.CheckSite(selectSiteRules(opts.Rules, opts.skipped())); err != nil {
		return err
	}
	opts.applyRuleChoices(rep)
	if err := sinks.write(rep, report.Options{Lang: opts.Lang, Color: f.IO.Color, Width: f.IO.Width}, f.IO); err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return err
	}
	if interrupted {
		return fmt.Errorf("interrupted: the reports cover the %d page(s) finished before the interruption", n)
	}
	if rep.Summary.NotAudited > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: %d of %d page(s) could not be audited (see the report for why)\n", rep.Summary.NotAudited, rep.Summary.Pages)
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
	var parts []string
	if f.Results > 0 {
		parts = append(parts, fmt.Sprintf("%s %s (rule × page; %s on %s)", plural(f.Results, what, what+"s"), at,
			plural(f.Elements, elements, elements+"s"), plural(f.Pages, "page", "pages")))
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
