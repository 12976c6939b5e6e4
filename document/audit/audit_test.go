package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"saavu/document"
	"saavu/document/pdf"
	"saavu/internal/docfixture"
)

var update = flag.Bool("update", false, "write testdata/documents from internal/docfixture")

var engine *pdf.Engine

func TestMain(m *testing.M) {
	flag.Parse()
	ctx, cancel := context.WithCancel(context.Background())
	var err error
	engine, err = pdf.NewEngine(ctx, pdf.Options{CacheDir: pdf.DefaultCacheDir()})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	engine.Close()
	cancel()
	os.Exit(code)
}

const dir = "../../testdata/documents"

// TestFixturesUpToDate checks that testdata/documents holds what the
// generator makes (run `go generate ./document/...` or -update).
func TestFixturesUpToDate(t *testing.T) {
	fs := docfixture.All()
	files := map[string][]byte{"expected.json": docfixture.ExpectedJSON(fs)}
	for _, f := range fs {
		files[f.Name] = f.Data
	}
	for name, want := range files {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what internal/docfixture makes: run go generate ./document/... (or go test ./document/audit -update)", path)
		}
	}
}

// TestFixtures audits every fixture and compares its outcomes with
// expected.json.
func TestFixtures(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want []docfixture.Fixture
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	a := &Auditor{PDF: engine, Extra: true}
	for _, w := range want {
		t.Run(w.Name, func(t *testing.T) {
			got, err := a.File(t.Context(), filepath.Join(dir, w.Name))
			if err != nil {
				t.Fatal(err)
			}
			if got.ErrorKind != w.ErrorKind {
				t.Fatalf("error kind %q (%s), want %q", got.ErrorKind, got.Error, w.ErrorKind)
			}
			if w.ErrorKind != "" {
				if !strings.HasPrefix(got.Error, "not checked: ") {
					t.Errorf("error %q does not start with \"not checked: \"", got.Error)
				}
				return
			}
			res := map[string]string{}
			for _, r := range got.Results {
				res[r.Check] = string(r.Outcome)
			}
			keys := map[string]bool{}
			for k := range res {
				keys[k] = true
			}
			for k := range w.Results {
				keys[k] = true
			}
			var sorted []string
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				if res[k] != w.Results[k] {
					t.Errorf("%s: %q, want %q%s", k, res[k], w.Results[k], nodes(got, k))
				}
			}
		})
	}
}

func nodes(a *document.Audit, check string) string {
	var b strings.Builder
	for _, r := range a.Results {
		if r.Check == check {
			for _, n := range r.Nodes {
				fmt.Fprintf(&b, "\n\t%s: %s: %s", n.Where, n.Snippet, n.Message)
			}
		}
	}
	return b.String()
}
