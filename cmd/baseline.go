package cmd

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"saavu/checks"
	"saavu/report"
)

// BaselineOptions hold what `saavu baseline` was asked to do.
type BaselineOptions struct {
	IO *IOStreams

	Files  []string // saved JSON results
	Output string   // the baseline file; - for stdout

	Factory *Factory
}

// NewCmdBaseline builds `saavu baseline`. runF replaces the run in tests
// of flag parsing.
func NewCmdBaseline(f *Factory, runF func(context.Context, *BaselineOptions) error) *cobra.Command {
	opts := &BaselineOptions{Factory: f, IO: f.IO}
	cmd := &cobra.Command{
		Use:   "baseline RESULTS.json...",
		Short: "Accept the failures of saved results, so that later audits report only new ones",
		Long: `Write a baseline: the failed elements of saved JSON results (several files
are merged as by 'saavu report'), accepted to be fixed later.

'saavu check', 'saavu crawl' and 'saavu report' given --baseline FILE still list
the accepted failures, marked "baselined", and exit 1 only for new failures.

A failure is recognised by its rule, the path and query of its page (not the
host: a baseline made on a staging site holds on production) and its element:
the same selector and HTML, else the same HTML (the selector moved), else the
same selector (the content changed). Pages that could not be audited add
nothing to the baseline.`,
		Example: `  saavu check -o json=results.json https://www.example.fi/
  saavu baseline results.json -o saavu-baseline.json
  saavu check --baseline saavu-baseline.json https://www.example.fi/`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagErrorf("give at least one JSON results file (written with -o json=FILE)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if opts.Output == "" {
				return flagErrorf("-o: missing file name (use - for standard output)")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return baselineRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "-", "write the baseline to this file (- for standard output)")
	return cmd
}

func baselineRun(_ context.Context, opts *BaselineOptions) error {
	rep, done, err := readResults(opts.IO, opts.Files)
	if err != nil {
		return err
	}
	defer done()
	base := report.NewBaseline(rep)
	if err := rep.Err(); err != nil {
		return err
	}
	if rep.Summary.NotAudited > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "saavu: %d page(s) were not audited: the baseline has nothing of them\n", rep.Summary.NotAudited)
	}
	if opts.Output == "-" {
		return base.Write(opts.IO.Out)
	}
	fh, err := os.Create(opts.Output)
	if err != nil {
		return fmt.Errorf("cannot write baseline %s: %w", opts.Output, err)
	}
	if err := base.Write(fh); err != nil {
		_ = fh.Close()
		return fmt.Errorf("write baseline %s: %w", opts.Output, err)
	}
	if err := fh.Close(); err != nil {
		return fmt.Errorf("write baseline %s: %w", opts.Output, err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "saavu: %s: %d accepted failure(s) on %d page(s)\n", opts.Output, len(base.Findings), rep.Summary.Audited)
	return nil
}

// loadBaseline reads the file given to --baseline; at names where it was
// given ("--baseline", or the key of the configuration file).
func loadBaseline(at, path string) (*report.Baseline, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (make a baseline with 'saavu baseline RESULTS.json -o %s')", at, err, path)
	}
	defer fh.Close()
	b, err := report.ReadBaseline(fh, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", at, err)
	}
	return b, nil
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

// applyRuleChoices records the disabled rules in the report and compares
// its failures with the baseline.
func (opts *CheckOptions) applyRuleChoices(rep *report.Report) {
	rep.SetDisabled(opts.disabled)
	if opts.baseline != nil {
		opts.baseline.Apply(rep)
	}
}
