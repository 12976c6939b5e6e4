package report

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// PageFile is a PageSource over a file that holds pages as JSON, one per
// line (a crawl's pages.jsonl). It keeps where each page's line is, not
// the page: each pass reads the lines again.
type PageFile struct {
	f     *os.File
	name  string
	lines []pageLine
	buf   []byte
}

type pageLine struct {
	url string
	off int64
	n   int
}

// OpenPageFile opens the file; Add then says which lines are pages.
func OpenPageFile(path string) (*PageFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &PageFile{f: f, name: path}, nil
}

// Add records the page url whose JSON is the n bytes at off.
func (pf *PageFile) Add(url string, off int64, n int) {
	pf.lines = append(pf.lines, pageLine{url, off, n})
}

// Sort puts the pages in report order (ComparePages); pages that compare
// equal keep the order they were added in.
func (pf *PageFile) Sort() {
	slices.SortStableFunc(pf.lines, func(a, b pageLine) int { return ComparePages(a.url, b.url) })
}

// Len is the number of pages added.
func (pf *PageFile) Len() int { return len(pf.lines) }

// Each reads and decodes the pages, in the order of Sort, a fresh Page
// each.
func (pf *PageFile) Each(fn func(*Page) error) error {
	for _, l := range pf.lines {
		if cap(pf.buf) < l.n {
			pf.buf = make([]byte, l.n)
		}
		b := pf.buf[:l.n]
		if _, err := pf.f.ReadAt(b, l.off); err != nil {
			return fmt.Errorf("%s: %w", pf.name, err)
		}
		var p Page
		if err := json.Unmarshal(b, &p); err != nil {
			return fmt.Errorf("%s: the page at byte %d: %w", pf.name, l.off, err)
		}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the file.
func (pf *PageFile) Close() error { return pf.f.Close() }
