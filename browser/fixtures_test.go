package browser_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"saavu/checks"
	"saavu/internal/chrometest"
	"saavu/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite the page snapshots in testdata/pages")

func TestMain(m *testing.M) {
	// Short waits, so that the tests of pages that never load stay quick.
	chrometest.Options.PageTimeout = 20 * time.Second
	chrometest.Options.LoadTimeout = 4 * time.Second
	chrometest.Options.UserAgent = "saavu-test/1"
	code := m.Run()
	chrometest.Close()
	os.Exit(code)
}

// testdataServer serves the project's testdata folder as a site root.
func testdataServer(t *testing.T) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.FileServer(http.Dir("../testdata")))
	t.Cleanup(ts.Close)
	return ts
}

// TestFixtures captures every rule fixture in real Chrome and checks the
// rules' verdicts against the fixture's inline expectations. With -update
// it also rewrites the snapshots that the checks package tests without a
// browser.
func TestFixtures(t *testing.T) {
	b := chrometest.Browser(t)
	ts := testdataServer(t)
	files, err := fixture.Fixtures("../testdata/rules")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/rules: %v", err)
	}
	if *update { // drop the snapshots of fixtures that are gone
		old, _ := filepath.Glob("../testdata/pages/*.json")
		for _, f := range old {
			if _, err := os.Stat(filepath.Join("../testdata/rules", fixture.Name(f)+".html")); os.IsNotExist(err) {
				os.Remove(f)
			}
		}
	}
	for _, f := range files {
		name := fixture.Name(f)
		t.Run(name, func(t *testing.T) {
			p, err := b.Capture(context.Background(), ts.URL+"/rules/"+filepath.Base(f))
			if err != nil {
				t.Fatalf("capture: %v", err)
			}
			p.URL, p.FinalURL = "http://fixtures.test/rules/"+filepath.Base(f), "http://fixtures.test/rules/"+filepath.Base(f)
			if p.Activate != nil { // the addresses it tried to open, on the fixtures' host too
				b, _ := json.Marshal(p.Activate)
				p.Activate = nil
				if err := json.Unmarshal(bytes.ReplaceAll(b, []byte(ts.URL), []byte("http://fixtures.test")), &p.Activate); err != nil {
					t.Fatal(err)
				}
			}
			probs, err := fixture.Problems(name, p, checks.Every())
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range probs {
				t.Error(pr)
			}
			if *update {
				sum, err := fixture.Hash(f)
				if err != nil {
					t.Fatal(err)
				}
				snap := &fixture.Snapshot{Fixture: "rules/" + filepath.Base(f), SHA256: sum, Page: p}
				if err := fixture.Save(filepath.Join("../testdata/pages", name+".json"), snap); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
