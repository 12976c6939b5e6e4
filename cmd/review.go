package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"saavu/report"
	"saavu/review"
)

// ReviewOptions hold what `saavu review` was asked to do.
type ReviewOptions struct {
	IO      *IOStreams
	Factory *Factory

	Files        []string // saved JSON results
	Outputs      []Output // yaml (the worksheet), html and csv (views)
	Law          string
	Lang         string
	Update       string // worksheet to bring up to date with Files
	View         string // worksheet to check and write views of
	AllowPartial bool
}

// reviewFormats are the outputs of `saavu review`: the worksheet and its
// read-only views.
var reviewFormats = append([]string{"yaml"}, review.Views...)

// NewCmdReview builds `saavu review`. runF replaces the run in tests of
// flag parsing.
func NewCmdReview(f *Factory, runF func(context.Context, *ReviewOptions) error) *cobra.Command {
	opts := &ReviewOptions{Factory: f, IO: f.IO}
	out := &reportFlags{
		what: "the worksheet (yaml) or a view of it", formats: reviewFormats, bare: "yaml", outputs: &opts.Outputs,
		langs: review.Languages, langWhat: "language of saavu's texts in the worksheet and its views", lang: &opts.Lang,
	}
	cmd := &cobra.Command{
		Use:   "review RESULTS.json... -o review.yaml",
		Short: "Make the worksheet of what a person must check by hand, for the accessibility statement",
		Long: `Make the manual-review worksheet from saved JSON results: one entry per
success criterion of the law (--law fi: the 49 WCAG 2.1 A/AA criteria that
306/2019 applies; --law eu: all 50; for results of --standard en301549-v4.1.1,
the 54 or 55 of WCAG 2.2), with what the automated rules found on
the audited pages, every element a person must confirm, and for what no rule
decides, how to check it by hand and on which audited pages.

The worksheet is a YAML file a person edits: a verdict per criterion (pass,
fail or notApplicable), notes, and for failures the issues the accessibility
statement lists. 'saavu statement' reads it. -o html=FILE and -o csv=FILE
write read-only views of it.

  saavu review results.json -o review.yaml -o html=review.html

--update brings a filled worksheet up to date with newer results: it keeps
every verdict, note and comment, adds what is new, marks verdicts whose
automated evidence changed with recheck, and says what changed. The old file
is first copied to FILE.bak.

  saavu review --update review.yaml newer.json -o html=review.html

--view checks a worksheet (every problem with its line) and writes its views.

Results of a partial audit (--rules, --skip-rules, --disable, --profile quick) are refused
unless --allow-partial; the statement then says which checks did not run.`,
		Example: `  saavu crawl --sample 30 https://www.example.fi/ -o json=results.json
  saavu review results.json --lang fi -o review.yaml -o html=review.html
  saavu review --update review.yaml results-2027.json
  saavu review --view review.yaml -o html=review.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := out.validate(f); err != nil {
				return err
			}
			if err := opts.complete(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return reviewRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Law, "law", review.LawFI, "the law whose criteria to review: fi (306/2019, 49 criteria) or eu (Directive 2016/2102, 50)")
	fl.StringVar(&opts.Update, "update", "", "bring this filled worksheet up to date with the newer results given, keeping what a person wrote")
	fl.StringVar(&opts.View, "view", "", "check this worksheet and write its views (-o html=FILE, -o csv=FILE)")
	fl.BoolVar(&opts.AllowPartial, "allow-partial", false, "accept results of a partial audit (--rules, --skip-rules, --disable, --profile quick)")
	return cmd
}

// complete checks the flags that do not go together and adds the
// worksheet on stdout when no -o writes it (-o and --lang: reportFlags).
func (opts *ReviewOptions) complete(cmd *cobra.Command) error {
	switch {
	case opts.Update != "" && opts.View != "":
		return flagErrorf("--update and --view cannot be used together: --update reads newer results, --view only the worksheet")
	case opts.View != "" && len(opts.Files) > 0:
		return flagErrorf("--view reads only the worksheet: to use the results %s, run 'saavu review --update %s %s'", strings.Join(opts.Files, " "), opts.View, strings.Join(opts.Files, " "))
	case opts.View == "" && len(opts.Files) == 0:
		if opts.Update != "" {
			return flagErrorf("--update needs the newer JSON results: saavu review --update %s RESULTS.json", opts.Update)
		}
		return flagErrorf("give at least one JSON results file (written with -o json=FILE by saavu check or saavu crawl)")
	case (opts.Update != "" || opts.View != "") && cmd.Flags().Changed("law"):
		return flagErrorf("--law: the worksheet says its law (law: in the file); edit it there")
	case (opts.Update != "" || opts.View != "") && cmd.Flags().Changed("lang"):
		return flagErrorf("--lang: the worksheet says its language (lang: in the file); edit it there")
	case opts.View != "" && slices.ContainsFunc(opts.Outputs, func(o Output) bool { return o.Format == "yaml" }):
		return flagErrorf("--view writes views only (-o html=FILE, -o csv=FILE): the worksheet is the file you edit")
	}
	if !slices.Contains(review.Laws, opts.Law) {
		return flagErrorf("--law: %q is not one of %s", opts.Law, strings.Join(review.Laws, ", "))
	}
	if n := countFormat(opts.Outputs, "yaml"); n > 1 {
		return flagErrorf("-o: give the worksheet (yaml) once, not %d times", n)
	}
	if opts.Update == "" && opts.View == "" && countFormat(opts.Outputs, "yaml") == 0 {
		opts.Outputs = append(opts.Outputs, Output{Format: "yaml", Path: "-"})
	}
	if n := countPath(opts.Outputs, "-"); n > 1 {
		return flagErrorf("-o: only one output can go to standard output (-), not %d", n)
	}
	return nil
}

func countFormat(outs []Output, format string) int {
	n := 0
	for _, o := range outs {
		if o.Format == format {
			n++
		}
	}
	return n
}

func countPath(outs []Output, path string) int {
	n := 0
	for _, o := range outs {
		if o.Path == path {
			n++
		}
	}
	return n
}

func reviewRun(_ context.Context, opts *ReviewOptions) error {
	errOut := opts.IO.ErrOut
	if opts.View != "" {
		data, err := os.ReadFile(opts.View)
		if err != nil {
			return err
		}
		w, _, err := review.Read(data, opts.View)
		if err != nil && review.AsInvalid(err) == nil {
			return err
		}
		if werr := writeReviewOutputs(opts, w, nil); werr != nil {
			return werr
		}
		return err
	}
	ev, err := readEvidence(opts.IO, opts.Files, opts.AllowPartial)
	if err != nil {
		return err
	}
	if opts.Update != "" {
		old, err := os.ReadFile(opts.Update)
		if err != nil {
			return fmt.Errorf("read the worksheet to update: %w", err)
		}
		u, err := review.Update(old, opts.Update, ev)
		if err != nil {
			return err
		}
		backup := opts.Update + ".bak"
		if err := os.WriteFile(backup, old, 0o644); err != nil {
			return fmt.Errorf("write the backup %s before updating: %w", backup, err)
		}
		if countFormat(opts.Outputs, "yaml") == 0 {
			opts.Outputs = append(opts.Outputs, Output{Format: "yaml", Path: opts.Update})
		}
		if err := writeReviewOutputs(opts, u.Worksheet, u.Data); err != nil {
			return err
		}
		fmt.Fprintf(errOut, "saavu: updated %s (the old one is in %s):\n", opts.Update, backup)
		for _, c := range u.Changes {
			fmt.Fprintf(errOut, "  %s\n", c)
		}
		return u.Problems
	}
	w, err := review.Build(ev, review.Options{Law: opts.Law, Lang: opts.Lang})
	if err != nil {
		return err
	}
	if err := writeReviewOutputs(opts, w, nil); err != nil {
		return err
	}
	failed, items, byHand := 0, 0, 0
	for _, c := range w.Criteria {
		switch {
		case c.Automated.Outcome == review.Failed:
			failed++
		case len(c.Items) > 0:
			items++
		default:
			byHand++
		}
	}
	fmt.Fprintf(errOut, "saavu: worksheet of %d criteria: %d failed in the automated tests, %d have elements to confirm, %d to check by hand. Fill in the verdicts, then run 'saavu statement'.\n",
		len(w.Criteria), failed, items, byHand)
	return nil
}

// readEvidence reads saved results and what they say per criterion,
// refusing a partial audit unless allowed.
func readEvidence(ios *IOStreams, files []string, allowPartial bool) (*review.Evidence, error) {
	rep, done, err := readResults(ios, files)
	if err != nil {
		return nil, err
	}
	defer done()
	return evidenceOf(rep, files, allowPartial)
}

// evidenceOf reads what results say per criterion, refusing a partial
// audit unless allowed.
func evidenceOf(rep *report.Report, files []string, allowPartial bool) (*review.Evidence, error) {
	ev, err := review.Collect(rep)
	if err != nil {
		return nil, err
	}
	if len(ev.Pages) == 0 {
		return nil, fmt.Errorf("%s: no page in the results was audited, so there is nothing to review", strings.Join(files, ", "))
	}
	if !allowPartial {
		if err := partialError(files, ev); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

func partialError(files []string, ev *review.Evidence) error {
	if len(ev.NotRun) == 0 {
		return nil
	}
	var disabled []string
	for _, d := range ev.Disabled {
		disabled = append(disabled, d.ID)
	}
	list := ev.NotRun
	more := ""
	if len(list) > 8 {
		list, more = list[:8], fmt.Sprintf(" and %d more", len(ev.NotRun)-8)
	}
	why := "--rules or --skip-rules"
	switch {
	case len(disabled) > 0:
		why = "--disable " + strings.Join(disabled, ", ")
	case ev.Quick:
		why = "--profile quick: the rules that need the live pages could only fail or ask"
	}
	return fmt.Errorf("%s: the results come from a partial audit: %d rule(s) did not run (%s%s; %s), so a person would have to check by hand what they test. Audit again with all the rules, or pass --allow-partial (the statement then says which checks did not run)",
		strings.Join(files, ", "), len(ev.NotRun), strings.Join(list, ", "), more, why)
}

// writeReviewOutputs writes the worksheet (data, or w encoded) and its
// views.
func writeReviewOutputs(opts *ReviewOptions, w *review.Worksheet, data []byte) error {
	var errs []error
	for _, o := range opts.Outputs {
		var buf bytes.Buffer
		var err error
		switch o.Format {
		case "yaml":
			if data != nil {
				buf.Write(data)
			} else {
				err = w.Write(&buf)
			}
		default:
			err = w.WriteView(&buf, o.Format)
		}
		if err == nil {
			err = writeOut(opts.IO.Out, o.Path, buf.Bytes())
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", o.Path, err))
		}
	}
	return errors.Join(errs...)
}

// writeOut writes data to a file (making its folder) or to out for "-".
func writeOut(out io.Writer, path string, data []byte) error {
	if path == "-" {
		_, err := out.Write(data)
		return err
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, data, 0o644)
}
