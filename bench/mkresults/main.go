// Command mkresults writes synthetic saavu results to merge, for
// bench/monitor.sh: -pages pages in all, split into -files JSON reports
// of one site. Every page is a copy of testdata/bench/page.json (a page
// of the generated bench site as saavu audited it: 53 rules, 17
// elements failed or to review, about 30 KB of JSON) under its own URL.
//
//	go run ./bench/mkresults -pages 100000 -files 10 -out DIR
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"saavu/checks"
	"saavu/report"
)

func main() {
	pages := flag.Int("pages", 100000, "pages in all")
	files := flag.Int("files", 10, "reports to split them into")
	tmplPath := flag.String("page", "testdata/bench/page.json", "the page to copy")
	out := flag.String("out", ".", "folder to write part-N.json into")
	flag.Parse()
	if err := run(*pages, *files, *tmplPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkresults:", err)
		os.Exit(1)
	}
}

func run(pages, files int, tmplPath, out string) error {
	data, err := os.ReadFile(tmplPath)
	if err != nil {
		return err
	}
	var tmpl report.Page
	if err := json.Unmarshal(data, &tmpl); err != nil {
		return fmt.Errorf("%s: %v", tmplPath, err)
	}
	for f := range files {
		var ps []report.Page
		for i := f; i < pages; i += files {
			p := tmpl
			p.URL = fmt.Sprintf("https://www.example-kunta.fi/sivu/%06d", i)
			p.FinalURL = p.URL
			ps = append(ps, p)
		}
		r := report.New(report.Meta{Version: "bench", GeneratedAt: "2026-01-01T00:00:00Z"}, checks.All(), ps)
		path := filepath.Join(out, fmt.Sprintf("part-%02d.json", f+1))
		fh, err := os.Create(path)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(fh)
		if err := (report.JSONWriter{}).Write(w, r); err != nil {
			fh.Close()
			return err
		}
		if err := w.Flush(); err != nil {
			fh.Close()
			return err
		}
		if err := fh.Close(); err != nil {
			return err
		}
	}
	return nil
}
