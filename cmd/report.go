package cmd

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"saavu/report"
)

// ReportOptions hold what `saavu report` was asked to do.
type ReportOptions struct {
	IO *IOStreams

	Files    []string // saved JSON results; - for standard input
	Outputs  []Output
	FailOn   string
	Baseline string
	Lang     string
	Trend    bool // the files are runs in time order; the last is the report's

	baseline *report.Baseline
	Factory  *Factory
}

// NewCmdReport builds `saavu report`. runF replaces the run in tests of
// flag parsing.
func NewCmdReport(f *Factory, runF func(context.Context, *ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{Factory: f, IO: f.IO}
	out := auditReportFlags(&opts.Outputs, &opts.Lang)
	cmd := &cobra.Command{
		Use:   "report RESULTS.json...",
		Short: "Write reports from saved JSON results, merging several, without auditing again",
		Long: `Write any report (-o as in 'saavu check') from JSON results saved with
-o json=FILE, without auditing again. Several files (a site audited in parts)
are merged into one report, as if one run had audited all their pages:

  - a page in several files is taken from the newest (generatedAt), or of
    equally old files from the last one given; saavu says so on stderr;
  - the rules are those of all files; the summary is computed anew;
  - the site rules (consistent navigation and identification, multiple
    ways), which compare the pages, run again over all the pages read;
  - documents, broken links and skipped pages are joined by URL.

--fail-on and --baseline work as in 'saavu check', so saved results can
decide a CI job: exit 0 when nothing (new) failed at or above --fail-on, 1 when
something did, 2 on an error or when a page in the results was not audited.

With --trend the files are not merged: they are audits of one site in time
order, oldest first, and the report is the last one's, with a trend section
(failed tests per audit, and the pages where each criterion failed, charted
and in a table) in the HTML and a trend block in the JSON. Files whose
generatedAt is missing or not ascending are refused (exit 2): saavu does not
reorder them, so that a mistyped order is not silently taken for another.

A file of another schemaVersion is refused (docs/json-report.md).

The pages are not held in memory: while the reports are written they wait
in a temporary file (in $TMPDIR, about as large as the JSON files), which
is removed at the end.`,
		Example: `  saavu report results.json -o html=report.html
  saavu report part1.json part2.json -o json=site.json -o html=site.html
  saavu report --baseline saavu-baseline.json --fail-on serious results.json
  saavu report --trend january.json february.json march.json -o html=trend.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagErrorf("give at least one JSON results file (written with -o json=FILE)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := out.validate(f); err != nil {
				return err
			}
			if err := opts.complete(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return reportRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.FailOn, "fail-on", "any", "exit 1 when a rule fails with at least this impact: any, critical, serious, moderate, minor, or none")
	fl.BoolVar(&opts.Trend, "trend", false, "the files are audits of one site, oldest first: report on the last, with the failures of all of them over time")
	fl.StringVar(&opts.Baseline, "baseline", "", "accepted failures (from 'saavu baseline'): they are marked, and only new failures decide the exit status")
	return cmd
}

// complete checks --fail-on and reads --baseline (-o and --lang:
// auditReportFlags).
func (opts *ReportOptions) complete() error {
	f := opts.Factory
	if err := validateFailOn(f, opts.FailOn); err != nil {
		return err
	}
	if opts.Baseline != "" {
		b, err := loadBaseline(f.flagName("baseline"), opts.Baseline)
		if err != nil {
			return err
		}
		opts.baseline = b
	}
	return nil
}

func reportRun(_ context.Context, opts *ReportOptions) error {
	f := opts.Factory
	// Read before opening the outputs: an output may overwrite an input.
	read := readResults
	if opts.Trend {
		read = readTrend
	}
	rep, done, err := read(opts.IO, opts.Files)
	if err != nil {
		return err
	}
	defer done()
	if opts.baseline != nil {
		opts.baseline.Apply(rep)
	}
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()
	if err := sinks.write(rep, report.Options{Lang: opts.Lang, Color: f.IO.Color, Width: f.IO.Width}, f.IO); err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return err
	}
	if rep.Summary.NotAudited > 0 {
		fmt.Fprintf(f.IO.ErrOut, "saavu: %d of %d page(s) in the results could not be audited (see the report for why)\n", rep.Summary.NotAudited, rep.Summary.Pages)
		return exitCodeError{ExitError}
	}
	return failuresExit(f.IO, rep, opts.FailOn)
}

// readResults reads saved JSON results ("-" is standard input) and merges
// them, telling on stderr what did not fit together. The pages wait in a
// temporary file (report.Spool), not in memory, until the caller is done
// with the report and calls done.
func readResults(io *IOStreams, files []string) (rep *report.Report, done func(), err error) {
	spool, err := report.NewSpool()
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			spool.Close()
		}
	}()
	var parts []report.Part
	for _, name := range files {
		var rep *report.Report
		if name == "-" {
			rep, err = spool.ReadPart(io.In, "standard input")
		} else {
			rep, err = readFile(spool, name)
		}
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, report.Part{Name: name, Report: rep})
	}
	rep, warns, err := report.Merge(parts)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range warns {
		fmt.Fprintf(io.ErrOut, "saavu: %s\n", w)
	}
	return rep, func() { spool.Close() }, nil
}

// readTrend reads audits of one site in time order: the report is the
// last one's, with the trend of them all (report.NewTrend).
func readTrend(_ *IOStreams, files []string) (rep *report.Report, done func(), err error) {
	spool, err := report.NewSpool()
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			spool.Close()
		}
	}()
	var parts []report.Part
	for _, name := range files {
		if name == "-" {
			return nil, nil, flagErrorf("--trend reads files only, in time order: not standard input")
		}
		r, err := readFile(spool, name)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, report.Part{Name: name, Report: r})
	}
	trend, err := report.NewTrend(parts)
	if err != nil {
		return nil, nil, fmt.Errorf("--trend: %w", err)
	}
	rep = parts[len(parts)-1].Report
	rep.Trend = trend
	return rep, func() { spool.Close() }, nil
}

func readFile(spool *report.Spool, name string) (*report.Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return spool.ReadPart(f, name)
}
