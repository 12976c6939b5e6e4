package checks_test

import (
	"path/filepath"
	"testing"

	"saavu/checks"
	"saavu/internal/fixture"
)

// TestSnapshots runs the rules on the captured fixture pages in
// testdata/pages, without a browser, and checks them against the inline
// expectations of their fixtures.
func TestSnapshots(t *testing.T) {
	snaps, err := filepath.Glob("../testdata/pages/*.json")
	if err != nil || len(snaps) == 0 {
		t.Fatalf("no snapshots in testdata/pages: %v", err)
	}
	for _, path := range snaps {
		name := fixture.Name(path)
		t.Run(name, func(t *testing.T) {
			s, err := fixture.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := fixture.Hash(filepath.Join("../testdata", s.Fixture))
			if err != nil {
				t.Fatalf("fixture of %s: %v", path, err)
			}
			if sum != s.SHA256 {
				t.Fatalf("snapshot %s is stale: its fixture %s changed; run: go test ./crawl -run TestFixtures -update", path, s.Fixture)
			}
			probs, err := fixture.Problems(name, s.Page, checks.Every())
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range probs {
				t.Error(p)
			}
		})
	}
}

// TestEveryFixtureHasASnapshot catches a fixture added without running
// -update.
func TestEveryFixtureHasASnapshot(t *testing.T) {
	files, _ := fixture.Fixtures("../testdata/rules")
	for _, f := range files {
		snap := filepath.Join("../testdata/pages", fixture.Name(f)+".json")
		if _, err := fixture.Load(snap); err != nil {
			t.Errorf("fixture %s has no usable snapshot (%v); run: go test ./crawl -run TestFixtures -update", f, err)
		}
	}
}
