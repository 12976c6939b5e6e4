package report

import (
	"encoding/csv"
	"io"
	"strings"

	"saavu/checks"
)

// CSVWriter writes one row per finding, for spreadsheets and scripts:
// every failed element, every element to check by hand (cantTell) and
// every page that could not be audited (outcome "error"), then every
// finding of a site rule: on its first example page, with all its
// example pages and the pages compared in the last two columns. RFC
// 4180, UTF-8 without a byte order mark, with a header row.
type CSVWriter struct{}

// csvHeader names the columns. Adding a column at the end is compatible;
// renaming or reordering one is not.
var csvHeader = []string{
	"page_url", "rule", "outcome", "impact", "wcag", "en301549",
	"selector", "snippet", "message", "help_url", "baselined",
	"site_pages", "site_compared",
}

// Write encodes the rows with encoding/csv.
func (CSVWriter) Write(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	rows := func(_ int, p *Page) error {
		if !p.Audited() {
			return cw.Write([]string{p.URL, "", "error", "", "", "", "", "", oneLine(p.Error), "", "", "", ""})
		}
		for _, res := range p.Results {
			ri, _ := r.Rule(res.Rule)
			for _, n := range res.Nodes {
				if n.Outcome != string(checks.Failed) && n.Outcome != string(checks.CantTell) {
					continue
				}
				baselined := ""
				if n.Baselined {
					baselined = "yes"
				}
				row := []string{
					p.URL, res.Rule, n.Outcome, res.Impact,
					strings.Join(res.WCAG, " "), strings.Join(res.EN301549, " "),
					n.Selector, oneLine(n.Snippet), oneLine(n.Message), ri.HelpURL, baselined, "", "",
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := r.EachPage(rows); err != nil {
		return err
	}
	// The documents checked, after the pages: their URL in page_url
	// (documents.go).
	for i, p := range r.documentPages() {
		if err := rows(i, &p); err != nil {
			return err
		}
	}
	for _, res := range r.SiteResults {
		ri, _ := r.Rule(res.Rule)
		for _, n := range res.Nodes {
			first := PageRef{}
			if len(n.Pages) > 0 {
				first = n.Pages[0]
			}
			baselined := ""
			if n.Baselined {
				baselined = "yes"
			}
			row := []string{
				first.URL, res.Rule, n.Outcome, res.Impact,
				strings.Join(res.WCAG, " "), strings.Join(res.EN301549, " "),
				first.Selector, "", oneLine(n.Message), ri.HelpURL, baselined, pageURLs(n.Pages), pageURLs(n.Compared),
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// pageURLs joins the pages' addresses with spaces.
func pageURLs(pages []PageRef) string {
	urls := make([]string, len(pages))
	for i, p := range pages {
		urls[i] = p.URL
	}
	return strings.Join(urls, " ")
}
