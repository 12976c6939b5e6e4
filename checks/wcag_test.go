package checks_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
)

// TestCriteriaData keeps the criteria's flags and notes honest: a decided
// criterion is one EN 301 549 requires, some required rule tests it, and
// docs/json-report.md says why its rules decide it; a note is in all
// three languages.
func TestCriteriaData(t *testing.T) {
	doc, err := os.ReadFile("../docs/json-report.md")
	if err != nil {
		t.Fatal(err)
	}
	_, decidedDocs, _ := strings.Cut(string(doc), "### Criteria the rules decide")
	decidedDocs, _, _ = strings.Cut(decidedDocs, "\n### ")
	decided := 0
	for _, c := range checks.Criteria() {
		if c.EveryPage && !c.Decided {
			t.Errorf("%s: everyPage without decided", c.SC)
		}
		if (c.Note != "") != (c.NoteFi != "") || (c.Note != "") != (c.NoteSv != "") {
			t.Errorf("%s: the note is not in all of en, fi and sv", c.SC)
		}
		if !c.Decided {
			continue
		}
		decided++
		if !c.InWCAG21AA {
			t.Errorf("%s: decided, but not one of the criteria EN 301 549 requires", c.SC)
		}
		if !slices.ContainsFunc(checks.All(), func(r *checks.Rule) bool { return slices.Contains(r.WCAG, c.SC) }) {
			t.Errorf("%s: decided, but no rule tests it", c.SC)
		}
		if !strings.Contains(decidedDocs, "\n| "+c.SC+" ") {
			t.Errorf("%s: decided, but docs/json-report.md (Criteria the rules decide) does not say why", c.SC)
		}
	}
	if decided == 0 {
		t.Error("no criterion is decided")
	}
	if c, _ := checks.LookupSC("2.4.2"); c.Decided {
		t.Error("2.4.2 is decided, but document-title does not check that the title describes the page")
	}
}
