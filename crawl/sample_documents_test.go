package crawl

import (
	"slices"
	"testing"
)

func TestSampleDocuments(t *testing.T) {
	docs := []Document{
		{URL: "https://k.fi/b.pdf", Referrers: []string{"https://k.fi/asuminen/a"}},
		{URL: "https://k.fi/a.pdf", Referrers: []string{"https://k.fi/asuminen/b"}},
		{URL: "https://cdn.k.fi/c.docx", Referrers: []string{"https://k.fi/liikunta/"}},
		{URL: "https://k.fi/d.pdf", Referrers: []string{"https://k.fi/"}},
	}
	picks, missing := SampleDocuments(docs, 10)
	var urls []string
	for _, p := range picks {
		urls = append(urls, p.URL)
	}
	// One per site section, the first by URL: /liikunta, / and /asuminen.
	want := []string{"https://cdn.k.fi/c.docx", "https://k.fi/a.pdf", "https://k.fi/d.pdf"}
	if !slices.Equal(urls, want) || missing != "" {
		t.Errorf("picks %v (missing %q), want %v", urls, missing, want)
	}
	if picks[1].Reason != "document of site section /asuminen" {
		t.Errorf("reason %q", picks[1].Reason)
	}
	if _, missing := SampleDocuments(nil, 10); missing != MissingDocument {
		t.Errorf("no documents: missing %q, want %q", missing, MissingDocument)
	}
	if picks, _ := SampleDocuments(docs, 1); len(picks) != 1 {
		t.Errorf("max 1: %d picks", len(picks))
	}
}
