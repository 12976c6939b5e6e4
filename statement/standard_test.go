package statement

import (
	"slices"
	"testing"

	"saavu/checks"
	"saavu/report"
	"saavu/review"
)

// TestStatementV411: a statement made from results of EN 301 549 V4.1.1
// names that standard and WCAG 2.2, and its EARL asserts the 55 criteria
// of WCAG 2.2, not 4.1.1.
func TestStatementV411(t *testing.T) {
	in, rep := input(t)
	rep.Standard = report.StandardOf(checks.EN301549V411)
	ev, err := review.Collect(rep)
	if err != nil {
		t.Fatal(err)
	}
	w, err := review.Build(ev, review.Options{Law: review.LawEU, Lang: "fi"})
	if err != nil {
		t.Fatal(err)
	}
	in.Worksheet, in.Evidence = w, ev
	st, err := Build(in, "fi")
	if err != nil {
		t.Fatal(err)
	}
	if st.Standard.Version != "V4.1.1" || st.Standard.WCAG != "2.2" {
		t.Errorf("standard %+v", st.Standard)
	}
	e := EARL(st, in)
	if len(e.Criteria) != 55 || slices.Contains(e.Criteria, "4.1.1") || !slices.Contains(e.Criteria, "2.5.8") {
		t.Errorf("EARL criteria (%d): %v", len(e.Criteria), e.Criteria)
	}
	if c := w.Criterion("2.4.11"); c == nil || c.Clause != "9.2.4.11" {
		t.Errorf("2.4.11 in the worksheet: %+v", c)
	}
}
