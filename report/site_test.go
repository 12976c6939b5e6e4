package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"saavu/checks"
)

// TestSiteOnePage: one page is no set of pages. The site rules do not
// apply, their criteria stay untested, and the views for people leave
// them out.
func TestSiteOnePage(t *testing.T) {
	golden, _ := readGoldenInput(t)
	r := Rebuild(Meta{Version: "test"}, golden.Rules, golden.Pages[:1])
	if err := r.CheckSite(checks.SiteRules()); err != nil {
		t.Fatal(err)
	}
	if len(r.SiteResults) != len(checks.SiteRules()) {
		t.Fatalf("%d site results, want one per site rule", len(r.SiteResults))
	}
	for _, res := range r.SiteResults {
		if res.Outcome != string(checks.Inapplicable) || len(res.Nodes) > 0 {
			t.Errorf("%s: %s %+v, want inapplicable", res.Rule, res.Outcome, res.Nodes)
		}
	}
	for _, c := range r.Summary.Criteria {
		if (c.SC == "2.4.5" || c.SC == "3.2.3" || c.SC == "3.2.4") && c.Outcome != Untested {
			t.Errorf("%s reads %s, want untested", c.SC, c.Outcome)
		}
	}
	for _, w := range []Writer{TextWriter{}, SummaryWriter{}, HTMLWriter{Lang: "fi"}} {
		var buf bytes.Buffer
		if err := w.Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		if s := buf.String(); strings.Contains(s, "Whole site") || strings.Contains(s, `id="site"`) {
			t.Errorf("%T shows the site rules of a one-page report", w)
		}
	}
}

// TestSiteMerge: the pages of the golden report saved one per file and
// merged give the golden report's site results: Merge runs the site rules
// again over all the pages' facts.
func TestSiteMerge(t *testing.T) {
	golden, _ := readGoldenInput(t)
	var parts []Part
	for _, p := range golden.Pages {
		part := Rebuild(Meta{Version: golden.Tool.Version, GeneratedAt: golden.GeneratedAt}, golden.Rules, []Page{p})
		if err := part.CheckSite(checks.DefaultStandard.SiteRules()); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, Part{Name: p.URL, Report: part})
	}
	merged, warns, err := Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Errorf("warnings: %q", warns)
	}
	if !reflect.DeepEqual(merged.SiteResults, golden.SiteResults) {
		t.Errorf("merged site results\n%+v\nwant\n%+v", merged.SiteResults, golden.SiteResults)
	}
	if !reflect.DeepEqual(merged.Summary, golden.Summary) {
		t.Errorf("merged summary differs from the golden one")
	}
}
