package statement

import (
	"strings"

	"saavu/report"
	"saavu/review"
)

// EARL is what the review adds to the automated results in the EARL
// evaluation report (report.EARLWriter): the scope, the people, and a
// verdict per criterion that has one (its notes and issues as the
// description). Under law fi, 1.2.4, which 306/2019 does not require, is
// asserted inapplicable.
func EARL(st *Statement, in Input) *report.EARLEvaluation {
	w := in.Worksheet
	e := &report.EARLEvaluation{
		Title:        translator(st.Lang).t("doc.title") + ": " + st.Body,
		Summary:      st.view().StatusText + " " + st.view().CountsText,
		Commissioner: st.Body,
		Evaluator:    st.Body,
		Date:         st.Preparation.Reviewed,
		Technologies: in.Org.Optional.Technologies,
		Verdicts:     map[string]report.EARLVerdict{},
	}
	if e.Date == "" {
		e.Date = st.Preparation.Prepared
	}
	if st.Preparation.Method == ThirdParty && st.Preparation.Assessor != "" {
		e.Evaluator = st.Preparation.Assessor
	}
	var urls []string
	for _, s := range st.Sites {
		urls = append(urls, s.URL)
	}
	e.SiteScope = strings.Join(urls, ", ")
	if len(st.Sites) > 0 {
		e.SiteName = st.Sites[0].Name
		if e.SiteName == "" {
			e.SiteName = st.Sites[0].URL
		}
	}
	for _, c := range review.StandardFor(w.WCAG).Criteria() {
		e.Criteria = append(e.Criteria, c.SC)
	}
	profile, _ := review.Profile(w.Law, w.WCAG)
	inProfile := map[string]bool{}
	for _, c := range profile {
		inProfile[c.SC] = true
	}
	for _, sc := range e.Criteria {
		if !inProfile[sc] {
			e.Verdicts[sc] = report.EARLVerdict{Outcome: "inapplicable", Description: "Not required by the law the statement is made under (" + w.Law + ")."}
			continue
		}
		web := w.Criterion(sc)
		var doc *review.Criterion
		docVerdict := "-"
		if w.Documents != nil {
			for _, dc := range w.Documents.Criteria {
				if dc.SC == sc {
					doc, docVerdict = dc, Effective(dc)
				}
			}
		}
		verdict := combine(Effective(web), docVerdict)
		if verdict == "" || (web != nil && web.Verdict == "" && (doc == nil || doc.Verdict == "")) {
			continue // no person's verdict: the automated outcome stands
		}
		var desc []string
		for _, c := range []*review.Criterion{web, doc} {
			if c == nil {
				continue
			}
			if s, _ := c.Notes.In(w.Lang); s != "" {
				desc = append(desc, s)
			}
			for _, is := range c.Issues {
				if s, _ := is.What.In(w.Lang); s != "" {
					desc = append(desc, is.CategoryOrDefault()+": "+s)
				}
			}
		}
		e.Verdicts[sc] = report.EARLVerdict{Outcome: earlOutcome[verdict], Description: strings.Join(desc, "\n")}
	}
	return e
}

var earlOutcome = map[string]string{review.Pass: "passed", review.Fail: "failed", review.NotApplicable: "inapplicable"}
