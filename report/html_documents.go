package report

import (
	"slices"
	"strings"

	"saavu/checks"
)

// The HTML report's documents: the issues found in them, grouped by
// check, and the list of every document with its verdict.

// docIssueView is a check that failed (or needs review) on documents.
type docIssueView struct {
	ID, Title string
	Clauses   string // EN 301 549 clauses, "10.1.1.1"
	PDFUA     string
	Review    bool // cantTell only
	Docs      []docIssueDoc
}

// docIssueDoc is a document with the issue, and where in it.
type docIssueDoc struct {
	URL        string
	Link       bool
	Places     []Node // the first few
	More       int    // places not shown
	LinkedFrom []string
}

// docIssueMax is how many places of one document one issue shows.
const docIssueMax = 5

// documentViews builds the documents' table rows and their issues.
func documentViews(r *Report, tr translator) ([]docView, []docIssueView) {
	var rows []docView
	issues := map[string]*docIssueView{}
	for _, d := range r.Documents {
		v := docView{URL: d.URL, Link: isWebURL(d.URL), Type: d.ContentType, Size: formatSize(d.Size, tr.lang),
			Status: d.Status, Answer: httpAnswer(d.Status, d.Error, tr), LinkedFrom: d.LinkedFrom, Kind: strings.ToUpper(d.Kind),
			Exempt: d.Exemption != "", Checked: d.Audited() || d.ErrorKind != ""}
		if d.Audited() {
			v.Answer = answerView{}
		} else if d.ErrorKind != "" {
			v.Answer = answerView{Error: d.Error}
			v.Reason = d.Error
		}
		for _, res := range d.Results {
			if res.Outcome != string(checks.Failed) && res.Outcome != string(checks.CantTell) {
				continue
			}
			if res.Outcome == string(checks.Failed) {
				v.Failed++
			} else {
				v.Review++
			}
			iv := issues[res.Rule]
			if iv == nil {
				iv = &docIssueView{ID: res.Rule, Title: res.Rule, Clauses: strings.Join(res.EN301549, ", "), Review: true}
				if ri, ok := r.documentRule(res.Rule); ok {
					iv.Title, iv.PDFUA = ri.Title, ri.PDFUA
				}
				issues[res.Rule] = iv
			}
			iv.Review = iv.Review && res.Outcome == string(checks.CantTell)
			dv := docIssueDoc{URL: d.URL, Link: isWebURL(d.URL), LinkedFrom: d.LinkedFrom}
			for i, n := range res.Nodes {
				if i < docIssueMax {
					dv.Places = append(dv.Places, n)
				}
			}
			dv.More = len(res.Nodes) - len(dv.Places)
			iv.Docs = append(iv.Docs, dv)
		}
		rows = append(rows, v)
	}
	var out []docIssueView
	for _, iv := range issues {
		out = append(out, *iv)
	}
	// Failures first, then by how many documents, then by id.
	slices.SortFunc(out, func(a, b docIssueView) int {
		switch {
		case a.Review != b.Review:
			if a.Review {
				return 1
			}
			return -1
		case len(a.Docs) != len(b.Docs):
			return len(b.Docs) - len(a.Docs)
		}
		return strings.Compare(a.ID, b.ID)
	})
	return rows, out
}

func (r *Report) documentRule(id string) (RuleInfo, bool) {
	i := slices.IndexFunc(r.DocumentRules, func(ri RuleInfo) bool { return ri.ID == id })
	if i < 0 {
		return RuleInfo{}, false
	}
	return r.DocumentRules[i], true
}
