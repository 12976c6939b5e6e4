package act

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteTable writes the score as Markdown: one row per implemented ACT
// rule, then the totals.
func WriteTable(w io.Writer, sc Score) error {
	var b strings.Builder
	b.WriteString("| ACT rule | Name | saavu rules | Failed examples detected | cantTell | Missed | False positives | W3C consistency |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range sc.Rules {
		fmt.Fprintf(&b, "| [%s](https://www.w3.org/WAI/standards-guidelines/act/rules/%s/) | %s | %s | %d/%d | %d | %d | %d/%d | %s |\n",
			r.ID, r.ID, cell(r.Name), cell(strings.Join(r.Rules, ", ")), r.Detected, r.FailedExamples, r.CantTell, r.Missed,
			r.FalsePositives, r.OtherExamples, r.Consistency())
	}
	t := sc.Totals
	fmt.Fprintf(&b, "\nACT rules implemented: %d of %d; consistent (no miss, no false positive): %d "+
		"(complete %d, complete with cantTell %d, partial %d, inconsistent %d).\n",
		t.Implemented, t.ACTRules, t.Consistent, t.Complete, t.CompleteWithCantTell, t.Partial, t.Inconsistent)
	fmt.Fprintf(&b, "Failed examples detected: %d of %d of the implemented rules (%.1f%%), %d of all %d failed examples in the suite (%.1f%%); cantTell %d, missed %d.\n",
		t.Detected, t.FailedExamples, t.DetectionRate(), t.Detected, t.SuiteFailed, t.DetectionRateAll(), t.CantTell, t.Missed)
	fmt.Fprintf(&b, "False positives: %d of %d passed and inapplicable examples (%.1f%%).\n",
		t.FalsePositives, t.OtherExamples, t.FalsePositiveRate())
	if t.Errors > 0 {
		fmt.Fprintf(&b, "Pages that could not be audited (counted as cantTell): %d.\n", t.Errors)
	}
	if len(sc.Unknown) > 0 {
		fmt.Fprintf(&b, "ACT rules claimed by saavu rules but absent from the suite (deprecated or mistyped): %s.\n", strings.Join(sc.Unknown, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Tool is another tool's published result on the suite, from
// implementation-reports.json.
type Tool struct {
	Key                 string         `json:"key"`
	Name                string         `json:"name"`
	Vendor              string         `json:"vendor"`
	Version             any            `json:"version"` // a string, a number or null
	Type                string         `json:"type"`
	RulesWithProcedures int            `json:"rulesWithProcedures"`
	Consistency         map[string]int `json:"consistency"`
	FailedExamples      int            `json:"failedExamples"`
	Detected            int            `json:"detected"`
	CantTell            int            `json:"cantTell"`
	PassedInapplicable  int            `json:"passedInapplicable"`
	FalsePositives      int            `json:"falsePositives"`
}

// ToolsFile returns where the published results of other tools are kept:
// implementation-reports.json beside the suite folder.
func ToolsFile(suiteDir string) string {
	return filepath.Join(filepath.Dir(suiteDir), "implementation-reports.json")
}

// LoadTools reads the published results of other tools.
func LoadTools(path string) ([]Tool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Tools []Tool `json:"tools"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Tools, nil
}

// WriteComparison writes a Markdown table comparing saavu's totals with
// the other tools' published results on the same test cases.
func WriteComparison(w io.Writer, sc Score, version string, tools []Tool) error {
	var b strings.Builder
	b.WriteString("| Tool | Type | ACT rules implemented | Consistent | Failed examples detected (of all in the suite) | cantTell | False positives |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	t := sc.Totals
	row := func(name, typ string, rules, consistent, detected, suiteFailed, cantTell, fp, other int) {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d (%.1f%%) | %d | %d of %d (%.1f%%) |\n",
			cell(name), typ, rules, consistent, detected, percent(detected, suiteFailed), cantTell, fp, other, percent(fp, other))
	}
	row("**saavu "+version+"**", "Automated tool", t.Implemented, t.Consistent, t.Detected, t.SuiteFailed, t.CantTell, t.FalsePositives, t.OtherExamples)
	for _, tool := range tools {
		name := tool.Name
		if v := fmt.Sprint(tool.Version); tool.Version != nil && v != "" {
			name += " " + v
		}
		consistent := tool.Consistency["complete"] + tool.Consistency["complete-with-cantTell"]
		row(name, tool.Type, tool.RulesWithProcedures, consistent, tool.Detected, t.SuiteFailed, tool.CantTell, tool.FalsePositives, tool.PassedInapplicable)
	}
	b.WriteString("\nConsistent = W3C \"complete\" + \"complete with cantTell\": no failed example missed and no false positive.\n")
	_, err := io.WriteString(w, b.String())
	return err
}
