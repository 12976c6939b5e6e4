package report

import (
	"slices"
	"testing"

	"saavu/checks"
)

// helpPages are the golden report's pages with a contact link in the
// footer, and on the last audited page in the header instead.
func helpPages(t *testing.T) (*Report, []Page) {
	t.Helper()
	whole, _ := readGoldenInput(t)
	pages := slices.Clone(whole.Pages)
	last := -1
	for i := range pages {
		if !pages[i].Audited() || pages[i].Facts == nil {
			continue
		}
		f := *pages[i].Facts
		f.Help = []checks.Help{{Kind: checks.HelpContact, Target: "/yhteystiedot", Name: "Yhteystiedot", Region: "contentinfo", Place: "after", Selector: "footer a"}}
		pages[i].Facts = &f
		last = i
	}
	pages[last].Facts.Help = []checks.Help{{Kind: checks.HelpContact, Target: "/yhteystiedot", Name: "Yhteystiedot", Region: "banner", Place: "before", Selector: "header a"}}
	return whole, pages
}

// TestConsistentHelpStandards: the 2.2 site rule cites clause 9.3.2.6
// and fails criterion 3.2.6 under V4.1.1; under V3.2.1 (run as an extra
// rule) it cites no clause, is extra, and leaves the 50 criteria as they
// are.
func TestConsistentHelpStandards(t *testing.T) {
	whole, pages := helpPages(t)
	rules := []*checks.SiteRule{checks.ConsistentHelp}

	v4 := Rebuild(Meta{Version: "test", Standard: checks.EN301549V411}, whole.Rules, pages)
	if err := v4.CheckSite(rules); err != nil {
		t.Fatal(err)
	}
	if len(v4.SiteResults) != 1 || v4.SiteResults[0].Outcome != string(checks.Failed) || !slices.Equal(v4.SiteResults[0].EN301549, []string{"9.3.2.6"}) {
		t.Fatalf("V4.1.1 site results %+v", v4.SiteResults)
	}
	if info, _ := v4.Rule("consistent-help"); info.Extra || !info.Site || !slices.Equal(info.EN301549, []string{"9.3.2.6"}) {
		t.Errorf("V4.1.1 rule info %+v", info)
	}
	i := slices.IndexFunc(v4.Summary.Criteria, func(c Criterion) bool { return c.SC == "3.2.6" })
	if i < 0 || v4.Summary.Criteria[i].Outcome != string(checks.Failed) || v4.Summary.Criteria[i].FailedPages != 1 {
		t.Errorf("V4.1.1 criterion 3.2.6: %+v", v4.Summary.Criteria[i])
	}
	if n := len(v4.FailedSite("")); n != 1 {
		t.Errorf("%d failed site rules, want 1", n)
	}

	v3 := Rebuild(Meta{Version: "test"}, whole.Rules, pages)
	before := slices.Clone(v3.Summary.Criteria)
	if err := v3.CheckSite(rules); err != nil {
		t.Fatal(err)
	}
	if len(v3.SiteResults) != 1 || v3.SiteResults[0].Outcome != string(checks.Failed) || len(v3.SiteResults[0].EN301549) != 0 {
		t.Fatalf("V3.2.1 site results %+v", v3.SiteResults)
	}
	if info, _ := v3.Rule("consistent-help"); !info.Extra || len(info.EN301549) != 0 {
		t.Errorf("V3.2.1 rule info %+v", info)
	}
	if len(v3.Summary.Criteria) != 50 || !slices.EqualFunc(before, v3.Summary.Criteria, func(a, b Criterion) bool {
		return a.SC == b.SC && a.Outcome == b.Outcome && a.FailedPages == b.FailedPages && slices.Equal(a.Rules, b.Rules)
	}) {
		t.Errorf("V3.2.1: the criteria changed with the 2.2 site rule")
	}

	// Read back and merged, the results are the same.
	back := roundTrip(t, "help.json", v4)
	merged, _, err := Merge([]Part{back})
	if err != nil {
		t.Fatal(err)
	}
	j := slices.IndexFunc(merged.SiteResults, func(res SiteResult) bool { return res.Rule == "consistent-help" })
	if j < 0 || merged.SiteResults[j].Outcome != string(checks.Failed) {
		t.Errorf("merged: consistent-help at %d of %+v", j, merged.SiteResults)
	}
}
