// Command gen writes saavu's test documents and their expected outcomes
// (expected.json) into testdata/documents. Run it from the module root
// with `go generate ./document/...`; the tests of document/pdf and
// document/office check that the files are up to date.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"saavu/internal/docfixture"
)

func main() {
	dir := flag.String("dir", "testdata/documents", "folder to write the documents to")
	flag.Parse()
	fs := docfixture.All()
	for _, f := range fs {
		if err := os.WriteFile(filepath.Join(*dir, f.Name), f.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	if err := os.WriteFile(filepath.Join(*dir, "expected.json"), docfixture.ExpectedJSON(fs), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("gen: wrote %d documents and expected.json to %s\n", len(fs), *dir)
}
