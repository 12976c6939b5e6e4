package crawl_test

// Throwaway (names helper): captures the ACT example pages into /tmp/actnames.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/internal/chrometest"
	"saavu/internal/fixture"
)

func TestZZActNamesProbe(t *testing.T) {
	root := "/work/shared/act/w3c-wcag-act-rules"
	ids := strings.Fields(os.Getenv("ACTNAMES"))
	if len(ids) == 0 {
		t.Skip("ACTNAMES not set")
	}
	b := chrometest.Browser(t)
	ts := httptest.NewServer(http.FileServer(http.Dir(root)))
	defer ts.Close()
	var tcs []struct{ RuleID, Expected, Page string }
	raw, _ := os.ReadFile(root + "/testcases.json")
	json.Unmarshal(raw, &tcs)
	for _, tc := range tcs {
		keep := false
		for _, id := range ids {
			keep = keep || tc.RuleID == id
		}
		if !keep {
			continue
		}
		p, err := b.Capture(context.Background(), ts.URL+"/"+tc.Page)
		if err != nil {
			t.Errorf("%s: %v", tc.Page, err)
			continue
		}
		out := filepath.Join("/tmp/actnames", tc.RuleID, filepath.Base(tc.Page)+".json")
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := fixture.Save(out, &fixture.Snapshot{Fixture: tc.Page, Page: p}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestZZActNamesFixtures captures only the named fixtures (globs under
// testdata/rules) into testdata/pages, like TestFixtures -update does,
// without deleting the other snapshots.
func TestZZActNamesFixtures(t *testing.T) {
	globs := strings.Fields(os.Getenv("NAMESFIX"))
	if len(globs) == 0 {
		t.Skip("NAMESFIX not set")
	}
	b := chrometest.Browser(t)
	ts := testdataServer(t)
	for _, g := range globs {
		files, _ := filepath.Glob("../testdata/rules/" + g + ".html")
		for _, f := range files {
			name := fixture.Name(f)
			p, err := b.Capture(context.Background(), ts.URL+"/rules/"+filepath.Base(f))
			if err != nil {
				t.Fatalf("capture: %v", err)
			}
			p.URL, p.FinalURL = "http://fixtures.test/rules/"+filepath.Base(f), "http://fixtures.test/rules/"+filepath.Base(f)
			sum, _ := fixture.Hash(f)
			if err := fixture.Save(filepath.Join("../testdata/pages", name+".json"), &fixture.Snapshot{Fixture: "rules/" + filepath.Base(f), SHA256: sum, Page: p}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
