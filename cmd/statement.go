package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"saavu/report"
	"saavu/review"
	"saavu/statement"
)

// StatementOptions hold what `saavu statement` was asked to do.
type StatementOptions struct {
	IO      *IOStreams
	Factory *Factory

	Files        []string // saved JSON results
	Review       string   // the filled worksheet
	Org          string   // org.yaml
	Init         string   // write the org.yaml template here and stop
	Outputs      []Output // html, md, json, earl; a path may hold {lang}
	Langs        []string // nil: the law's language (fi under fi, en under eu)
	Fragment     bool
	Draft        bool
	AllowPartial bool
}

// NewCmdStatement builds `saavu statement`. runF replaces the run in tests
// of flag parsing.
func NewCmdStatement(f *Factory, runF func(context.Context, *StatementOptions) error) *cobra.Command {
	opts := &StatementOptions{Factory: f, IO: f.IO}
	out := &reportFlags{
		what: "the statement", formats: statement.Formats, outputs: &opts.Outputs,
		langs: review.Languages, langWhat: "languages of the statement", langList: &opts.Langs, langNone: "fi under law fi, en under law eu",
	}
	cmd := &cobra.Command{
		Use:   "statement RESULTS.json... --review review.yaml --org org.yaml -o html=FILE",
		Short: "Write the accessibility statement (EU model; saavutettavuusseloste) from the results and the filled review",
		Long: `Write the accessibility statement of the EU model (Implementing Decision
(EU) 2018/1523; in Finland the saavutettavuusseloste of 306/2019) from saved
results, the review worksheet a person filled in ('saavu review') and
org.yaml, which says who the body is, what the statement covers, how to give
feedback and who supervises ('saavu statement --init org.yaml' writes a
commented example).

The compliance status is computed: full only when every applicable criterion
has a pass verdict and nothing is exempted; none when more than half of the
applicable criteria fail; partial otherwise. Criteria without a verdict are
listed as not yet assessed. Failures are listed by WCAG principle, in plain
language, with where they are and when they will be fixed.

Outputs: -o html=FILE (an accessible page; --fragment for a <section> to
paste into a CMS), -o md=FILE, -o json=FILE (the machine-readable form) and
-o earl=FILE (an evaluation report the W3C WCAG-EM Report Tool opens).
--lang fi,sv,en writes one of each per language: put {lang} in the paths.

Warnings (a review older than 12 months, no feedback link, an exemption
without its reason…) go to stderr; they do not change the exit status.`,
		Example: `  saavu statement --init org.yaml
  saavu statement results.json --review review.yaml --org org.yaml --lang fi,sv -o html=seloste-{lang}.html -o json=seloste-{lang}.json
  saavu statement results.json --review review.yaml --org org.yaml --fragment -o html=seloste.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := opts.complete(cmd, out); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return statementRun(cmd.Context(), opts)
		},
	}
	out.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Review, "review", "", "the review worksheet with the verdicts (made by 'saavu review')")
	fl.StringVar(&opts.Org, "org", "", "org.yaml: the body, scope, feedback, dates and supervisory authority")
	fl.StringVar(&opts.Init, "init", "", "write a commented org.yaml template to this file and stop")
	fl.BoolVar(&opts.Fragment, "fragment", false, "write the HTML without <html>, <head> and the page title, to paste into a CMS")
	fl.BoolVar(&opts.Draft, "draft", false, "make a draft: accept org.yaml's template values and a review made from other results, and say so in the statement")
	fl.BoolVar(&opts.AllowPartial, "allow-partial", false, "accept results of a partial audit (--rules, --skip-rules, --disable); the statement says which checks did not run")
	return cmd
}

// complete checks the flags of a statement, or of --init; out are -o and
// --lang, read after the checks of what is missing.
func (opts *StatementOptions) complete(cmd *cobra.Command, out *reportFlags) error {
	if opts.Init != "" {
		if len(opts.Files) > 0 || opts.Review != "" || opts.Org != "" || cmd.Flags().Changed("output") {
			return flagErrorf("--init writes only the org.yaml template: run it alone, e.g. saavu statement --init org.yaml")
		}
		return nil
	}
	switch {
	case len(opts.Files) == 0:
		return flagErrorf("give the JSON results the review was made from (written with -o json=FILE by saavu crawl or saavu check)")
	case opts.Review == "":
		return flagErrorf("--review: give the filled review worksheet (make it with 'saavu review RESULTS.json -o review.yaml')")
	case opts.Org == "":
		return flagErrorf("--org: give org.yaml (write a template with 'saavu statement --init org.yaml')")
	}
	if err := out.validate(opts.Factory); err != nil {
		return err
	}
	if len(opts.Outputs) == 0 {
		opts.Outputs = []Output{{Format: "html", Path: "-"}}
	}
	if opts.Fragment && !slices.ContainsFunc(opts.Outputs, func(o Output) bool { return o.Format == "html" }) {
		return flagErrorf("--fragment changes the HTML output: add -o html=FILE")
	}
	if len(opts.Langs) > 1 {
		for _, o := range opts.Outputs {
			if !strings.Contains(o.Path, "{lang}") {
				return flagErrorf("-o %s=%s: %d languages (%s) need {lang} in the path, e.g. -o %s=seloste-{lang}.%s", o.Format, o.Path, len(opts.Langs), strings.Join(opts.Langs, ","), o.Format, outputExt(o.Format))
			}
		}
	}
	if n := countPath(opts.Outputs, "-"); n > 1 {
		return flagErrorf("-o: only one output can go to standard output (-), not %d", n)
	}
	return nil
}

func statementRun(_ context.Context, opts *StatementOptions) error {
	f := opts.Factory
	errOut := opts.IO.ErrOut
	if opts.Init != "" {
		if _, err := os.Stat(opts.Init); err == nil {
			return fmt.Errorf("%s exists: saavu does not overwrite it; remove it or give --init another file name", opts.Init)
		}
		if err := writeOut(opts.IO.Out, opts.Init, statement.Template()); err != nil {
			return err
		}
		fmt.Fprintf(errOut, "saavu: wrote %s: replace its example values, then run 'saavu statement RESULTS.json --review review.yaml --org %s -o html=seloste.html' (or try it now with --draft)\n", opts.Init, opts.Init)
		return nil
	}
	orgData, err := os.ReadFile(opts.Org)
	if err != nil {
		return fmt.Errorf("read org.yaml: %w (write a template with 'saavu statement --init %s')", err, opts.Org)
	}
	org, err := statement.ReadOrg(orgData, opts.Org)
	if err != nil {
		return err
	}
	if err := org.Check(opts.Org, opts.Draft); err != nil {
		return err
	}
	wsData, err := os.ReadFile(opts.Review)
	if err != nil {
		return fmt.Errorf("read the review worksheet: %w", err)
	}
	ws, _, err := review.Read(wsData, opts.Review)
	if err != nil {
		return err
	}
	if ws.Law != org.Law {
		return fmt.Errorf("%s is for law %s, but %s says law %s: make the worksheet with 'saavu review --law %s', or change law: in %s", opts.Review, ws.Law, opts.Org, org.Law, org.Law, opts.Org)
	}
	rep, done, err := readResults(opts.IO, opts.Files)
	if err != nil {
		return err
	}
	defer done()
	ev, err := evidenceOf(rep, opts.Files, opts.AllowPartial)
	if err != nil {
		return err
	}
	if ws.Results.GeneratedAt != ev.GeneratedAt || ws.Results.Audited != len(ev.Pages) {
		msg := fmt.Sprintf("%s was made from other results (of %s, %d pages) than %s (of %s, %d pages): run 'saavu review --update %s %s' and check the verdicts it marks",
			opts.Review, ws.Results.GeneratedAt, ws.Results.Audited, strings.Join(opts.Files, ", "), ev.GeneratedAt, len(ev.Pages), opts.Review, strings.Join(opts.Files, " "))
		if !opts.Draft {
			return errors.New(msg + " (or pass --draft)")
		}
		fmt.Fprintf(errOut, "saavu: warning: %s\n", msg)
	}
	langs := opts.Langs
	if len(langs) == 0 {
		langs = []string{"en"}
		if org.Law == review.LawFI {
			langs = []string{"fi"}
		}
	}
	in := statement.Input{Org: org, Worksheet: ws, Evidence: ev, Tool: "saavu " + f.Version, Now: f.Now(), Draft: opts.Draft}
	var written []string
	var first *statement.Statement
	for _, lang := range langs {
		st, err := statement.Build(in, lang)
		if err != nil {
			return err
		}
		if first == nil {
			first = st
		}
		for _, o := range opts.Outputs {
			path := strings.ReplaceAll(o.Path, "{lang}", lang)
			var buf bytes.Buffer
			switch o.Format {
			case "html":
				err = st.WriteHTML(&buf, opts.Fragment)
			case "md":
				err = st.WriteMarkdown(&buf)
			case "json":
				err = st.WriteJSON(&buf)
			case "earl":
				err = report.EARLWriter{Eval: statement.EARL(st, in)}.Write(&buf, rep)
			}
			if err == nil {
				err = writeOut(opts.IO.Out, path, buf.Bytes())
			}
			if err != nil {
				return fmt.Errorf("write %s: %w", path, err)
			}
			if path != "-" {
				written = append(written, path)
			}
		}
	}
	for _, w := range first.Warnings {
		fmt.Fprintf(errOut, "saavu: warning: %s\n", w)
	}
	c := first.Counts
	fmt.Fprintf(errOut, "saavu: %s: compliance %s (%d of %d applicable criteria fail, %d without a verdict)", strings.Join(written, ", "), first.Status, c.Fail, c.Applicable, c.NoVerdict)
	if opts.Draft {
		fmt.Fprint(errOut, "; a draft")
	}
	fmt.Fprintln(errOut)
	return nil
}
