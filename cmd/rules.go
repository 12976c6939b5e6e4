package cmd

import (
	"context"
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"

	"saavu/checks"
)

// RulesOptions hold what `saavu rules` was asked to show.
type RulesOptions struct {
	IO *IOStreams
	ID string // one rule's documentation; empty for the catalogue
}

// NewCmdRules builds `saavu rules [ID]`.
func NewCmdRules(f *Factory, runF func(context.Context, *RulesOptions) error) *cobra.Command {
	opts := &RulesOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "rules [ID]",
		Short: "List the rules, or explain one",
		Long: `Without an argument, list every rule: its id, the WCAG success criteria
it tests, their level, the EN 301 549 clauses and the rule's title.
The rules of the criteria WCAG 2.2 added come next, with their EN 301 549
V4.1.1 clauses: check and crawl run them with --standard en301549-v4.1.1.
Site rules, marked "site", compare the pages audited together (consistent
navigation and identification, multiple ways) once they are all done; a
crawl runs them over its pages, 'saavu report' again over saved results.
Extra rules (WCAG AAA criteria and best practices, which EN 301 549 does not
require) are listed last, marked "extra"; check and crawl run them (and the
WCAG 2.2 rules under V3.2.1) only with --extra or when named in --rules.
With a rule id, print that rule's documentation.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.ID = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return rulesRun(opts)
		},
	}
}

func rulesRun(opts *RulesOptions) error {
	out := opts.IO.Out
	if opts.ID != "" {
		if site, _ := checks.LookupSite([]string{opts.ID}); len(site) > 0 {
			r := site[0]
			fmt.Fprintf(out, "%s: %s\n", r.ID, r.Title)
			if checks.EN301549V321.RequiredSite(r) {
				fmt.Fprintf(out, "WCAG 2.1:     %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
				fmt.Fprintf(out, "EN 301 549:   %s\n", strings.Join(r.EN301549(), ", "))
			} else {
				fmt.Fprintf(out, "WCAG 2.2:     %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
				fmt.Fprintf(out, "EN 301 549:   V4.1.1 %s (unverified numbering); not in V3.2.1 (run it with --standard en301549-v4.1.1, --extra or --rules %s)\n", strings.Join(checks.EN301549V411.Clauses(r.WCAG), ", "), r.ID)
			}
			fmt.Fprintf(out, "Site rule:    compares the pages audited together, once they are all done\n")
			fmt.Fprintf(out, "Impact:       %s\n", r.Impact)
			fmt.Fprintf(out, "More:         %s\n\n", r.HelpURL)
			fmt.Fprint(out, strings.TrimSpace(r.Doc)+"\n")
			return nil
		}
		rs, err := checks.Lookup([]string{opts.ID})
		if err != nil {
			return flagErrorf("%v (run 'saavu rules' to list them)", err)
		}
		r := rs[0]
		fmt.Fprintf(out, "%s: %s\n", r.ID, r.Title)
		switch {
		case !r.Extra && !checks.EN301549V321.Required(r):
			fmt.Fprintf(out, "WCAG 2.2:     %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
			fmt.Fprintf(out, "EN 301 549:   V4.1.1 %s (unverified numbering); not in V3.2.1 (run it with --standard en301549-v4.1.1, --extra or --rules %s)\n", strings.Join(checks.EN301549V411.Clauses(r.WCAG), ", "), r.ID)
		case !r.Extra:
			fmt.Fprintf(out, "WCAG 2.1:     %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
			fmt.Fprintf(out, "EN 301 549:   %s\n", strings.Join(r.EN301549(), ", "))
		case len(r.WCAG) > 0:
			fmt.Fprintf(out, "WCAG 2.1:     %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
			fmt.Fprintf(out, "EN 301 549:   not required (extra rule: run it with --extra or --rules %s)\n", r.ID)
		default:
			fmt.Fprintf(out, "WCAG 2.1:     none (a best practice)\n")
			fmt.Fprintf(out, "EN 301 549:   not required (extra rule: run it with --extra or --rules %s)\n", r.ID)
		}
		if len(r.ACT) > 0 {
			fmt.Fprintf(out, "W3C ACT rule: %s\n", strings.Join(r.ACT, ", "))
		}
		if len(r.Probes) > 0 {
			var did []string
			for _, p := range r.Probes {
				did = append(did, probeWords[p])
			}
			fmt.Fprintf(out, "Live page:    %s\n", strings.Join(did, "; "))
		}
		fmt.Fprintf(out, "Impact:       %s\n", r.Impact)
		fmt.Fprintf(out, "More:         %s\n\n", r.HelpURL)
		fmt.Fprint(out, strings.TrimSpace(r.Doc)+"\n")
		return nil
	}
	symbols := tw.NewSymbols(tw.StyleASCII)
	if opts.IO.Color {
		symbols = tw.NewSymbols(tw.StyleLight)
	}
	tb := tablewriter.NewTable(out,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: symbols})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	)
	tb.Header([]string{"ID", "WCAG", "Level", "EN 301 549", "ACT", "Title"})
	for _, r := range checks.All() {
		_ = tb.Append([]string{r.ID, strings.Join(r.WCAG, " "), r.Level(), strings.Join(r.EN301549(), " "), strings.Join(r.ACT, " "), r.Title})
	}
	for _, r := range checks.WCAG22() {
		_ = tb.Append([]string{r.ID, strings.Join(r.WCAG, " "), r.Level(), "V4.1.1 " + strings.Join(checks.EN301549V411.Clauses(r.WCAG), " "), strings.Join(r.ACT, " "), r.Title})
	}
	for _, r := range checks.SiteRules() {
		en := strings.Join(r.EN301549(), " ")
		if !checks.EN301549V321.RequiredSite(r) {
			en = "V4.1.1 " + strings.Join(checks.EN301549V411.Clauses(r.WCAG), " ")
		}
		_ = tb.Append([]string{r.ID, strings.Join(r.WCAG, " "), r.Level(), en, "site", r.Title})
	}
	for _, r := range checks.Extra() {
		level := r.Level()
		if level == "" {
			level = "-"
		}
		_ = tb.Append([]string{r.ID, strings.Join(r.WCAG, " "), level, "extra", strings.Join(r.ACT, " "), r.Title})
	}
	if err := tb.Render(); err != nil {
		return err
	}
	site21 := len(checks.EN301549V321.SiteRules())
	site22 := len(checks.SiteRules()) - site21
	fmt.Fprintf(out, "%d rules, %d of them site rules (marked site: they compare the pages together), %d rules of WCAG 2.2 that EN 301 549 V4.1.1 adds (run them with --standard en301549-v4.1.1; %d of them site rules), and %d extra rules that EN 301 549 does not require (run them with --extra). 'saavu rules ID' explains one.\n",
		len(checks.All())+site21, site21, len(checks.WCAG22())+site22, site22, len(checks.Extra()))
	return nil
}

// probeWords says what each live-page probe does to the page, for
// 'saavu rules ID'.
var probeWords = map[checks.Probe]string{
	checks.ProbeAuto:        "watches whether text changes by itself",
	checks.ProbeMedia:       "plays its audio and video for a moment",
	checks.ProbeFocus:       "presses Tab through the page",
	checks.ProbeOrientation: "turns the screen to portrait and landscape",
	checks.ProbeScroll:      "measures how far its boxes scroll",
	checks.ProbeBackdrop:    "reads the pixels behind text on images",
	checks.ProbeSpacing:     "widens the text spacing",
	checks.ProbeHover:       "moves the mouse over elements",
	checks.ProbeInput:       "presses single keys and tilts and shakes the device",
	checks.ProbeActivate:    "focuses, clicks and changes its controls, sending nothing and undoing everything",
	checks.ProbeZoom:        "lays the page out 640 px wide (200 % zoom)",
	checks.ProbeReflow:      "lays the page out 320 px wide (400 % zoom)",
	checks.ProbeMoving:      "watches for a few seconds whether anything moves, blinks or scrolls by itself",
	checks.ProbePaste:       "pastes into its password fields (a paste event only: nothing is typed)",
	checks.ProbeDrag:        "lists the elements that listen to pointer and drag events",
	checks.ProbeTargets:     "measures its small form controls against unstyled copies",
	checks.ProbeControls:    "reads the borders of text fields and the colours of icons",
}
