package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"saavu/checks"
	"saavu/report"
)

// DiffOptions hold what `saavu diff` was asked to do.
type DiffOptions struct {
	IO *IOStreams

	Old, New string // saved JSON results, earlier and later
	Outputs  []Output
	Lang     string
	FailOn   string

	Factory *Factory
}

// NewCmdDiff builds `saavu diff`. runF replaces the run in tests of flag
// parsing.
func NewCmdDiff(f *Factory, runF func(context.Context, *DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f, IO: f.IO}
	out := &reportFlags{
		what: "the comparison", formats: report.DiffFormats, terminal: []string{"text"},
		folder: true, summary: "text", outputs: &opts.Outputs,
		langs: report.Languages, langWhat: "language of the text and HTML", lang: &opts.Lang,
	}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two saved audits: what was fixed, what is new, what still fails",
		Long: `Compare the JSON results of two audits of a site (written with -o json=FILE),
an earlier one (OLD.json) and a later one (NEW.json): the failed elements
fixed, new and still failing, per criterion, rule and page; the criteria whose
outcome changed; the findings of the site rules; the linked documents.

Elements are paired as a baseline pairs them (docs/identity.md): by rule and
page path and query (the host does not count, so staging compares with
production), then by selector and HTML, by HTML alone (the element moved), or
by selector alone (it changed). Pages that only one of the audits audited are
listed apart, and their failures count neither as fixed nor as new; so are
rules that ran in only one.

-o writes text (the default, on standard output), html or json
(docs/diff.md). Exit status: 1 when something new fails at or above
--fail-on, 0 when nothing does, 2 when a file cannot be read or the two
audits measured against different standards.`,
		Example: `  saavu diff last-month.json today.json
  saavu diff --fail-on serious -o html=diff.html -o json=diff.json old.json new.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return flagErrorf("give two JSON results files, the earlier first: saavu diff OLD.json NEW.json")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if err := out.validate(f); err != nil {
				return err
			}
			if err := validateFailOn(f, opts.FailOn); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return diffRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "any", "exit 1 when a new failure has at least this impact: any, critical, serious, moderate, minor, or none")
	return cmd
}

func diffRun(_ context.Context, opts *DiffOptions) error {
	f := opts.Factory
	// The pages wait in a temporary file while they are compared.
	spool, err := report.NewSpool()
	if err != nil {
		return err
	}
	defer spool.Close()
	old, err := readFile(spool, opts.Old)
	if err != nil {
		return err
	}
	new, err := readFile(spool, opts.New)
	if err != nil {
		return err
	}
	d, err := report.Compare(report.Part{Name: opts.Old, Report: old}, report.Part{Name: opts.New, Report: new}, f.Version)
	if err != nil {
		return err
	}
	sinks, err := openOutputs(opts.Outputs)
	if err != nil {
		return err
	}
	defer sinks.close()
	if err := sinks.writeDiff(d, report.Options{Lang: opts.Lang, Color: opts.IO.Color, Width: opts.IO.Width}, opts.IO); err != nil {
		return err
	}
	return newFailuresExit(opts.IO, d, opts.FailOn)
}

// writeDiff writes the comparison as sinks.write writes a report: files
// first, then standard output, the only one with colours and a width.
func (s *sinks) writeDiff(d *report.Diff, ro report.Options, io *IOStreams) error {
	var errs []error
	for _, stdout := range []bool{false, true} {
		for i, o := range s.outs {
			if (s.files[i] == nil) != stdout {
				continue
			}
			opts := report.Options{Lang: ro.Lang}
			if stdout {
				opts = ro
			}
			w, err := report.NewDiffWriter(o.Format, opts)
			if err != nil {
				return err
			}
			out := io.Out
			if !stdout {
				out = s.files[i]
			}
			if err := w.WriteDiff(out, d); err != nil {
				errs = append(errs, fmt.Errorf("write %s comparison: %w", o.Format, err))
			}
		}
	}
	return errors.Join(errs...)
}

// newFailuresExit returns the exit status 1, and says why on stderr, when
// the comparison has new failures at or above failOn.
func newFailuresExit(io *IOStreams, d *report.Diff, failOn string) error {
	min := checks.Impact(failOn)
	switch failOn {
	case "none":
		return nil
	case "any", "":
		min = ""
	}
	nf := d.NewFailing(min)
	if nf.Results == 0 && len(nf.Site) == 0 {
		return nil
	}
	fmt.Fprintf(io.ErrOut, "saavu: %s\n", exitReason(nf, failOn, true))
	return exitCodeError{ExitFindings}
}
