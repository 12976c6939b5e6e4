package checks

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateCatalogue = flag.Bool("update", false, "rewrite docs/rules.md from the registry")

// catalogue is docs/rules.md: every rule with its criteria, clauses, ACT
// rules and explanation, generated from the registry so that it cannot
// drift from what `saavu rules ID` prints.
func catalogue() []byte {
	var b bytes.Buffer
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rule registry by `go test ./checks -run TestCatalogue -update`; do not edit. -->\n\n")
	fmt.Fprintf(&b, "saavu has %d rules that test the WCAG 2.1 level A and AA success criteria required by EN 301 549 (run by default), %d rules for the criteria that WCAG 2.2 added, which EN 301 549 V4.1.1 requires (run with `--standard en301549-v4.1.1`), and %d extra rules for WCAG AAA criteria and good practice, which EN 301 549 does not require (run with `--extra` or `--rules ID`). `saavu rules` lists them and `saavu rules ID` prints one rule's explanation; the explanations are also in Finnish and Swedish in the HTML report (`--lang fi|sv`).\n\n", len(All()), len(WCAG22()), len(Extra()))
	b.WriteString("Outcomes follow the W3C ACT Rules Format: each rule reports, per element it applies to, *passed*, *failed* or *cantTell* (a person must check), and *inapplicable* when nothing on the page is in its scope. See [act.md](act.md) for how the rules fare on the W3C ACT test suite.\n\n")
	table := func(title string, rules []*Rule) {
		fmt.Fprintf(&b, "## %s\n\n| Rule | WCAG | Level | EN 301 549 | W3C ACT | Impact | Title |\n|---|---|---|---|---|---|---|\n", title)
		for _, r := range rules {
			en := strings.Join(r.EN301549(), ", ")
			switch {
			case r.Extra:
				en = "not required"
			case !EN301549V321.Required(r):
				en = "V4.1.1 " + strings.Join(EN301549V411.Clauses(r.WCAG), ", ") + " (unverified)"
			}
			fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s | %s | %s |\n", r.ID, r.ID, orDash(strings.Join(r.WCAG, ", ")), orDash(r.Level()), orDash(en), orDash(strings.Join(r.ACT, ", ")), r.Impact, r.Title)
		}
		b.WriteString("\n")
	}
	table("Required by EN 301 549", All())
	table("Required by EN 301 549 V4.1.1 (WCAG 2.2)", WCAG22())
	fmt.Fprintf(&b, "## Site rules\n\nThese %d rules, also required by EN 301 549, compare the audited pages with one another once they are all done (`saavu crawl`, or `saavu check` of several pages; `saavu report` runs them again over saved results). Each gives one result for the whole site, with example pages. A site rule of a criterion that WCAG 2.2 added runs by default with `--standard en301549-v4.1.1`; under V3.2.1 it runs only with `--extra` or `--rules ID`.\n\n", len(SiteRules()))
	b.WriteString("| Rule | WCAG | Level | EN 301 549 | Impact | Title |\n|---|---|---|---|---|---|\n")
	for _, r := range SiteRules() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s | %s | %s |\n", r.ID, r.ID, strings.Join(r.WCAG, ", "), r.Level(), siteClauses(r), r.Impact, r.Title)
	}
	b.WriteString("\n")
	table("Extra rules", Extra())
	heading := regexp.MustCompile(`(?m)^(#+) `)
	for _, r := range Every() {
		fmt.Fprintf(&b, "## %s\n\n", r.ID)
		fmt.Fprintf(&b, "- **Kind:** %s\n", r.Kind())
		if len(r.WCAG) > 0 {
			fmt.Fprintf(&b, "- **WCAG:** %s (level %s)\n", strings.Join(r.WCAG, ", "), r.Level())
		}
		switch {
		case !r.Extra && !EN301549V321.Required(r):
			fmt.Fprintf(&b, "- **EN 301 549:** V4.1.1 %s (numbering unverified); not in V3.2.1\n", strings.Join(EN301549V411.Clauses(r.WCAG), ", "))
		case !r.Extra:
			fmt.Fprintf(&b, "- **EN 301 549:** %s\n", strings.Join(r.EN301549(), ", "))
		}
		if len(r.ACT) > 0 {
			var links []string
			for _, id := range r.ACT {
				links = append(links, fmt.Sprintf("[%s](https://www.w3.org/WAI/standards-guidelines/act/rules/%s/)", id, id))
			}
			fmt.Fprintf(&b, "- **W3C ACT rule:** %s\n", strings.Join(links, ", "))
		}
		fmt.Fprintf(&b, "- **Impact:** %s\n- **More:** %s\n\n", r.Impact, r.HelpURL)
		// The rule's own headings go two levels down, under its section.
		doc := heading.ReplaceAllString(strings.TrimSpace(r.Doc), "$1## ")
		b.WriteString(doc + "\n\n")
	}
	for _, r := range SiteRules() {
		fmt.Fprintf(&b, "## %s\n\n", r.ID)
		kind, en := "site rule (EN 301 549)", strings.Join(r.EN301549(), ", ")
		if !EN301549V321.RequiredSite(r) {
			kind = "site rule (EN 301 549 V4.1.1)"
			en = "V4.1.1 " + strings.Join(EN301549V411.Clauses(r.WCAG), ", ") + " (numbering unverified); not in V3.2.1"
		}
		fmt.Fprintf(&b, "- **Kind:** %s\n- **WCAG:** %s (level %s)\n- **EN 301 549:** %s\n", kind, strings.Join(r.WCAG, ", "), r.Level(), en)
		fmt.Fprintf(&b, "- **Impact:** %s\n- **More:** %s\n\n", r.Impact, r.HelpURL)
		doc := heading.ReplaceAllString(strings.TrimSpace(r.Doc), "$1## ")
		b.WriteString(doc + "\n\n")
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// siteClauses is the EN 301 549 column of a site rule in the table.
func siteClauses(r *SiteRule) string {
	if !EN301549V321.RequiredSite(r) {
		return "V4.1.1 " + strings.Join(EN301549V411.Clauses(r.WCAG), ", ") + " (unverified)"
	}
	return strings.Join(r.EN301549(), ", ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func TestCatalogue(t *testing.T) {
	const path = "../docs/rules.md"
	want := append(catalogue(), '\n')
	if *updateCatalogue {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (generate it with go test ./checks -run TestCatalogue -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date with the rule registry: regenerate it with go test ./checks -run TestCatalogue -update", path)
	}
}
