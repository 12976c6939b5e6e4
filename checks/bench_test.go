package checks_test

import (
	"path/filepath"
	"testing"

	"saavu/checks"
	"saavu/internal/fixture"
)

// BenchmarkCheck runs every rule on every captured fixture page: the cost
// of the rules alone, without the browser.
//
//	go test ./checks -run '^$' -bench Check -benchmem
func BenchmarkCheck(b *testing.B) {
	paths, _ := filepath.Glob("../testdata/pages/*.json")
	var pages []*checks.Page
	for _, p := range paths {
		s, err := fixture.Load(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, s.Page)
	}
	rules := checks.All()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := checks.Check(p, rules); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}
