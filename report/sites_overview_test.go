package report

import (
	"bytes"
	"encoding/csv"
	"maps"
	"slices"
	"strings"
	"testing"
)

func testOverview() *SitesOverview {
	return &SitesOverview{
		SchemaVersion: SitesOverviewSchema, Tool: Tool{Name: "saavu", Version: "1.0.0"}, GeneratedAt: "2026-05-01T10:00:00Z", Shards: 2,
		Manifests: []OverviewManifest{{Shard: 1, File: "manifests/shard-1-of-2.json", Present: true, Complete: true}, {Shard: 2}},
		Summary:   OverviewSummary{Sites: 3, Finished: 1, Unreachable: 1, Missing: 1, Audited: 2},
		Sites: []OverviewSite{
			{URL: "https://a.example.fi/", Name: "a.example.fi-00000001", Shard: 1, Status: "finished", Pages: 2, Audited: 2, Results: "sites/a.example.fi-00000001/results.json", Failed: 1},
			{URL: "https://b.example.fi/", Name: "b.example.fi-00000002", Shard: 1, Status: "unreachable", Reason: "host not found", Pages: 1, NotAudited: 1},
			{URL: "https://c.example.fi/", Name: "c.example.fi-00000003", Shard: 2, Status: "missing", Reason: "the manifest of shard 2/2 is missing"},
		},
		Criteria: []OverviewCriterion{
			{SC: "1.1.1", Level: "A", Title: "Non-text Content", Outcomes: []string{"failed", "", ""}, FailedSites: 1},
			{SC: "1.4.3", Level: "AA", Title: "Contrast (Minimum)", Outcomes: []string{"noProblemsFound", "", ""}},
		},
		Barriers: []Barrier{{Rule: "image-alt", Title: "Images have a text alternative", Impact: "critical", WCAG: []string{"1.1.1"}, Sites: 1, Pages: 1}},
	}
}

func TestOverviewMessagesComplete(t *testing.T) {
	keys := slices.Sorted(maps.Keys(overviewMessages["en"]))
	for _, lang := range Languages {
		if got := slices.Sorted(maps.Keys(overviewMessages[lang])); !slices.Equal(got, keys) {
			t.Errorf("%s: keys %v, want those of en %v", lang, got, keys)
		}
	}
}

func TestOverviewWriters(t *testing.T) {
	o := testOverview()
	for _, lang := range Languages {
		var buf bytes.Buffer
		w, _ := NewOverviewWriter("html", lang)
		if err := w.WriteOverview(&buf, o); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		html := buf.String()
		for _, want := range []string{
			`<html lang="` + lang + `">`,
			`<div class="scroll" role="region" tabindex="0" aria-labelledby="matrix-cap">`,
			`<caption id="missing-cap">`, `<caption id="unreached-cap">`, `<caption id="barriers-cap">`, `<caption id="pages-cap">`,
			"https://c.example.fi/", "host not found", `<code>image-alt</code>`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: the HTML lacks %s", lang, want)
			}
		}
		if strings.Contains(html, "mon.") {
			t.Errorf("%s: an untranslated key in the HTML", lang)
		}
	}
	var buf bytes.Buffer
	w, _ := NewOverviewWriter("csv", "en")
	if err := w.WriteOverview(&buf, o); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// A row per criterion of the finished site, one for each other site.
	if len(rows) != 1+2+1+1 || !slices.Equal(rows[0], OverviewCSVHeader) || rows[1][8] != "1.1.1" || rows[1][11] != "failed" || rows[3][4] != "host not found" || rows[4][3] != "missing" {
		t.Errorf("CSV:\n%v", rows)
	}
	if _, err := NewOverviewWriter("sarif", "en"); err == nil {
		t.Error("sarif: want an error")
	}
}
