package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"saavu/checks"
	"saavu/monitor"
	"saavu/report"
)

// MonitorOptions hold what `saavu monitor` was asked to do: the options
// of crawl, which each site's crawl starts from, and the list, the
// folder and the shard.
type MonitorOptions struct {
	CrawlOptions

	SitesFile string // SITES
	Out       string // --out DIR
	Overview  string // --overview DIR: only write the overview of DIR
	Shard     string // --shard I/N; "": from the environment
	Getenv    func(string) string

	maxPagesSet bool // --max-pages was given: it overrides a sample's default
	shard       monitor.Shard
	shardFrom   string // the environment variables that chose the shard; "" for --shard or none
}

// overviewFormats are the formats of the overview across sites.
var overviewFormats = []string{"html", "csv", "json"}

// NewCmdMonitor builds `saavu monitor`. runF replaces the run in tests of
// flag parsing.
func NewCmdMonitor(f *Factory, runF func(context.Context, *MonitorOptions) error) *cobra.Command {
	opts := &MonitorOptions{CrawlOptions: CrawlOptions{CheckOptions: CheckOptions{Factory: f, IO: f.IO}}, Getenv: os.Getenv}
	out := &reportFlags{
		what: "the overview across sites", formats: overviewFormats, folder: true, outputs: &opts.Outputs,
		langs: report.Languages, langWhat: "language of the HTML overview", lang: &opts.Lang,
	}
	cmd := &cobra.Command{
		Use:   "monitor SITES --out DIR",
		Short: "Audit a list of sites, in shards, and write an overview across them",
		Long: `Crawl each site of the file SITES, as 'saavu crawl' would, and write its
results to DIR/sites/NAME/results.json (its crawl state in DIR/sites/NAME/state),
then an overview across the sites. See docs/scale.md.

SITES is a text file of start URLs, one a line (# comments and blank lines are
skipped), or, when its name ends in .yaml or .yml, a YAML list whose items are
a start URL or a mapping with url and the site's own sample, include, exclude
and max-pages. The crawl flags (--sample, --max-pages, --rate, --browser-url,
--concurrency…) apply to every site; a site's own options win.

NAME is the site's host and path made safe for file names, then a hash of its
start URL: www.example.fi_fi-5d41402a. A site that cannot be reached is
recorded with the reason and the others go on. --resume skips the sites a run
into DIR finished and continues the crawls it left unfinished.

Sharding: --shard I/N crawls only the sites whose shard is I: 1 + FNV-1a (32
bit) of the normalised start URL, mod N. Without --shard the shard comes from a
Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based, with N from
SAAVU_SHARDS) or GitLab parallel jobs (CI_NODE_INDEX and CI_NODE_TOTAL), else
the run takes every site. Each shard writes DIR/manifests/shard-I-of-N.json.
An unsharded run writes DIR/overview.html, .csv and .json at its end; a sharded
one leaves that to 'saavu monitor --overview DIR' once all shards are done.

Exit status: 2 on bad input, or when a site could not be audited (the others
are audited and reported first, as a crawl of it would exit 2); 1 when a
site failed at or above --fail-on; 0 otherwise. --overview exits 1 when sites
are missing: owned by a shard whose manifest is missing or did not finish them.`,
		Example: `  saavu monitor sites.txt --out runs/2026-05 --sample 30
  saavu monitor sites.yaml --out /data/run --shard 3/8 --browser-url http://chrome:9222
  saavu monitor --overview /data/run -o html=overview.html -o csv=overview.csv -o json=overview.json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := out.validate(f); err != nil {
				return err
			}
			if opts.Overview != "" {
				if len(args) > 0 || opts.Out != "" || cmd.Flags().Changed("shard") {
					return flagErrorf("--overview DIR reads a finished run: give no SITES, --out or --shard")
				}
				if runF != nil {
					return runF(cmd.Context(), opts)
				}
				return overviewRun(opts)
			}
			if len(args) == 0 {
				return flagErrorf("give the file that lists the sites: saavu monitor SITES --out DIR")
			}
			if opts.Out == "" {
				return flagErrorf("--out DIR: name the folder of the run's results")
			}
			opts.SitesFile = args[0]
			if err := opts.complete(); err != nil {
				return err
			}
			if err := opts.validateCrawl(cmd); err != nil {
				return err
			}
			opts.maxPagesSet = cmd.Flags().Changed("max-pages")
			if opts.Shard != "" {
				s, err := monitor.ParseShard(opts.Shard)
				if err != nil {
					return flagErrorf("--shard %v", err)
				}
				opts.shard = s
			} else {
				s, from, err := monitor.ShardFromEnv(opts.Getenv)
				if err != nil {
					return err
				}
				opts.shard, opts.shardFrom = s, from
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return monitorRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	addAuditFlags(cmd, &opts.CheckOptions)
	addCrawlFlags(cmd, &opts.CrawlOptions)
	fl := cmd.Flags()
	fl.StringVar(&opts.Out, "out", "", "folder of the run: sites/NAME/results.json, manifests/, overview.* (made when missing)")
	fl.StringVar(&opts.Overview, "overview", "", "write the overview of the run in this folder from its manifests and results (-o), and audit nothing")
	fl.StringVar(&opts.Shard, "shard", "", "crawl only the sites of shard I of N (I/N, I from 1); default from JOB_COMPLETION_INDEX and SAAVU_SHARDS, or CI_NODE_INDEX and CI_NODE_TOTAL")
	fl.BoolVar(&opts.Resume, "resume", false, "skip the sites a run into --out finished, and continue the crawls it left unfinished")
	return cmd
}

func monitorRun(ctx context.Context, opts *MonitorOptions) error {
	f := opts.Factory
	errOut := f.IO.ErrOut
	sites, err := monitor.ReadSites(opts.SitesFile)
	if err != nil {
		return &FlagError{Err: err}
	}
	now := func() string {
		if f.Now == nil {
			return ""
		}
		return f.Now().UTC().Format(time.RFC3339)
	}
	m := &monitor.Manifest{SchemaVersion: monitor.ManifestSchema, Shard: opts.shard.I, Shards: opts.shard.N, Started: now(), SitesFile: opts.SitesFile}
	m.Tool.Name, m.Tool.Version = "saavu", f.Version
	var owned []monitor.Site
	for _, s := range sites {
		shard := monitor.ShardOf(s.URL, opts.shard.N)
		m.List = append(m.List, monitor.ListedSite{URL: s.URL, Name: s.Name, Shard: shard})
		if shard == opts.shard.I {
			owned = append(owned, s)
			m.Sites = append(m.Sites, monitor.SiteRun{URL: s.URL, Name: s.Name, Status: monitor.StatusPending})
		}
	}
	manifestPath := filepath.Join(monitor.ManifestDir(opts.Out), opts.shard.ManifestName())
	writeManifest := func() error {
		m.Updated = now()
		if err := monitor.WriteJSON(manifestPath, m); err != nil {
			return fmt.Errorf("write the manifest: %w", err)
		}
		return nil
	}
	if err := writeManifest(); err != nil {
		return err
	}
	if !opts.Quiet {
		from := ""
		if opts.shardFrom != "" {
			from = " (from " + opts.shardFrom + ")"
		}
		fmt.Fprintf(errOut, "saavu: monitor: shard %s%s: %s of the %s in %s; results in %s\n",
			opts.shard, from, plural(len(owned), "site", "sites"), plural(len(sites), "site", "sites"), opts.SitesFile, opts.Out)
	}
	min := checks.Impact(opts.FailOn)
	if opts.FailOn == "any" || opts.FailOn == "none" {
		min = ""
	}
	for i, s := range owned {
		if ctx.Err() != nil {
			break
		}
		prefix := fmt.Sprintf("saavu: monitor: site %d/%d %s", i+1, len(owned), s.URL)
		if !opts.Quiet {
			fmt.Fprintf(errOut, "%s: crawling into %s\n", prefix, monitor.SiteDir(opts.Out, s.Name))
		}
		r, skipped := monitorSite(ctx, opts, s, min)
		m.Sites[i] = r
		if r.Status != monitor.StatusPending {
			if err := monitor.WriteSiteRecord(opts.Out, r); err != nil {
				return fmt.Errorf("write the record of %s: %w", s.URL, err)
			}
		}
		if err := writeManifest(); err != nil {
			return err
		}
		switch {
		case skipped:
			fmt.Fprintf(errOut, "%s: finished before (--resume), skipped\n", prefix)
		case r.Status == monitor.StatusFinished:
			fmt.Fprintf(errOut, "%s: finished: %d audited, %d not audited, %d failing at or above --fail-on %s\n", prefix, r.Audited, r.NotAudited, r.Failing, opts.FailOn)
		case r.Status == monitor.StatusPending:
			fmt.Fprintf(errOut, "%s: interrupted (continue with --resume)\n", prefix)
		default:
			fmt.Fprintf(errOut, "%s: %s: %s\n", prefix, r.Status, r.Reason)
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the manifest %s says how far the run got; continue it with the same command and --resume", ctx.Err(), manifestPath)
	}
	m.Complete = true
	if err := writeManifest(); err != nil {
		return err
	}
	if opts.shard.N == 1 {
		outs := opts.Outputs
		for _, format := range overviewFormats {
			outs = append(outs, Output{Format: format, Path: filepath.Join(opts.Out, "overview."+outputExt(format))})
		}
		if _, err := writeOverview(opts, opts.Out, outs); err != nil {
			return err
		}
	} else if !opts.Quiet {
		fmt.Fprintf(errOut, "saavu: monitor: shard %s done; once every shard is, write the overview with: saavu monitor --overview %s\n", opts.shard, opts.Out)
	}
	return monitorExit(opts, m)
}

// monitorExit is the exit status of a shard's run: 2 when a site it
// owned could not be audited, 1 when one failed at or above --fail-on.
func monitorExit(opts *MonitorOptions, m *monitor.Manifest) error {
	w := opts.Factory.IO.ErrOut
	finished, failing, unreached := 0, 0, 0
	for _, r := range m.Sites {
		switch r.Status {
		case monitor.StatusFinished:
			finished++
			if r.Failing > 0 {
				failing++
			}
		default:
			unreached++
		}
	}
	// A site that could not be audited fails the run, as a crawl of it
	// would (a dead site must never pass): after the others, with the
	// manifest and overview written.
	if unreached > 0 {
		fmt.Fprintf(w, "saavu: exit 2: %s of %d could not be audited (see the manifest and the overview for why)\n", plural(unreached, "site", "sites"), len(m.Sites))
		return exitCodeError{ExitError}
	}
	if failing > 0 && opts.FailOn != "none" {
		fmt.Fprintf(w, "saavu: exit 1: %s of %d failed at or above --fail-on %s\n", plural(failing, "site", "sites"), finished, opts.FailOn)
		return exitCodeError{ExitFindings}
	}
	return nil
}

// monitorSite crawls one site into its folder and says what became of
// it; skipped is true when --resume found it finished before.
func monitorSite(ctx context.Context, opts *MonitorOptions, s monitor.Site, min checks.Impact) (r monitor.SiteRun, skipped bool) {
	r = monitor.SiteRun{URL: s.URL, Name: s.Name, Status: monitor.StatusPending}
	if opts.Resume {
		old, ok, err := monitor.ReadSiteRecord(opts.Out, s.Name)
		if err == nil && ok && old.Status == monitor.StatusFinished && old.URL == s.URL {
			if _, err := os.Stat(filepath.Join(opts.Out, filepath.FromSlash(old.Results))); err == nil {
				return old, true
			}
		}
	}
	dir := monitor.SiteDir(opts.Out, s.Name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		r.Status, r.Reason = monitor.StatusFailed, err.Error()
		return r, false
	}
	co := opts.CrawlOptions // a copy: the site's own options go in it
	co.Targets = []string{s.URL}
	co.State = filepath.Join(dir, "state")
	results := filepath.Join(opts.Out, filepath.FromSlash(monitor.ResultsPath(s.Name)))
	co.Outputs = []Output{{Format: "json", Path: results}}
	if s.Include != nil {
		co.Include = s.Include
	}
	if s.Exclude != nil {
		co.Exclude = s.Exclude
	}
	if s.Sample > 0 {
		co.Sample = s.Sample
		if !opts.maxPagesSet && opts.CrawlOptions.Sample == 0 {
			co.MaxPages = sampleDiscoverPages
		}
	}
	if s.MaxPages > 0 {
		co.MaxPages = s.MaxPages
	}
	// A sample is not resumed but chosen again (the same seed picks the
	// same pages); a crawl continues where it stopped.
	co.Resume = opts.Resume && co.Sample == 0
	co.Fresh = !co.Resume
	r.Sample = co.Sample
	os.Remove(results) // results left by an earlier run are not this one's
	err := crawlRun(ctx, &co)
	if ctx.Err() != nil {
		return r, false
	}
	rep, rerr := report.ReadFile(results)
	if rerr != nil {
		r.Status = monitor.StatusFailed
		r.Reason = "no results"
		if err != nil {
			r.Reason = err.Error()
		}
		return r, false
	}
	r.Results = monitor.ResultsPath(s.Name)
	r.Pages, r.Audited, r.NotAudited = rep.Summary.Pages, rep.Summary.Audited, rep.Summary.NotAudited
	if f := opts.Factory; f.Now != nil {
		r.Finished = f.Now().UTC().Format(time.RFC3339)
	}
	if r.Audited == 0 {
		r.Status, r.Reason = monitor.StatusUnreachable, unreachableReason(rep, s.URL, err)
		return r, false
	}
	r.Status = monitor.StatusFinished
	fl := report.CountFailing(rep, min)
	r.Failing = fl.Results + len(fl.Site)
	return r, false
}

// unreachableReason says why a site's crawl audited no page: the error
// of its start page, else why it was skipped, else the crawl's error.
func unreachableReason(rep *report.Report, start string, err error) string {
	var why []string
	_ = rep.EachPage(func(_ int, p *report.Page) error {
		if p.Error != "" && (p.URL == start || len(why) == 0) {
			if p.URL == start {
				why = why[:0]
			}
			why = append(why, p.Error)
		}
		return nil
	})
	if len(why) > 0 {
		return why[0]
	}
	for _, s := range rep.Skipped {
		if s.URL == start {
			return s.Reason
		}
	}
	var code exitCodeError
	if err != nil && !errors.As(err, &code) {
		return err.Error()
	}
	return "no page of the site could be audited"
}

// overviewRun is `saavu monitor --overview DIR`.
func overviewRun(opts *MonitorOptions) error {
	outs := opts.Outputs
	if len(outs) == 0 {
		for _, format := range overviewFormats {
			outs = append(outs, Output{Format: format, Path: filepath.Join(opts.Overview, "overview."+outputExt(format))})
		}
	}
	ov, err := writeOverview(opts, opts.Overview, outs)
	if err != nil {
		return err
	}
	if n := ov.Summary.Missing; n > 0 {
		fmt.Fprintf(opts.Factory.IO.ErrOut, "saavu: exit 1: %s missing from the run (see the overview for which and why)\n", plural(n, "site is", "sites are"))
		return exitCodeError{ExitFindings}
	}
	return nil
}

// writeOverview builds the overview of the run in dir and writes it to
// outs.
func writeOverview(opts *MonitorOptions, dir string, outs []Output) (*report.SitesOverview, error) {
	f := opts.Factory
	ov, err := monitor.BuildOverview(dir)
	if err != nil {
		return nil, err
	}
	ov.Tool = report.Tool{Name: "saavu", Version: f.Version}
	if f.Now != nil {
		ov.GeneratedAt = f.Now().UTC().Format(time.RFC3339)
	}
	var written []string
	for _, o := range outs {
		w, err := report.NewOverviewWriter(o.Format, opts.Lang)
		if err != nil {
			return nil, err
		}
		if o.Path == "-" {
			if err := w.WriteOverview(f.IO.Out, ov); err != nil {
				return nil, err
			}
			continue
		}
		fh, err := os.Create(o.Path)
		if err != nil {
			return nil, fmt.Errorf("cannot write the overview %s: %w", o.Path, err)
		}
		err = w.WriteOverview(fh, ov)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", o.Path, err)
		}
		written = append(written, o.Path)
	}
	if !opts.Quiet && len(written) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: monitor: overview of %s: %s\n", plural(len(ov.Sites), "site", "sites"), strings.Join(written, ", "))
	}
	return ov, nil
}
