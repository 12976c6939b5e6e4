package report

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
)

// PageFile is a PageSource over a file that holds pages as JSON, one per
// line (a crawl's pages.jsonl). It keeps where each page's line is, not
// the page: each pass reads the lines again.
type PageFile struct {
	f     *os.File
	name  string
	lines []pageLine
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
// each. Decoding JSON is most of the work of writing a report, so pages
// are decoded ahead, on as many goroutines as there are CPUs (up to 4),
// and handed to fn in order.
func (pf *PageFile) Each(fn func(*Page) error) error {
	workers := min(runtime.GOMAXPROCS(0), 4)
	if workers < 2 || len(pf.lines) < 8 {
		var buf []byte
		for _, l := range pf.lines {
			p, err := pf.read(l, &buf)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	}
	type decoded struct {
		p   *Page
		err error
	}
	type job struct {
		line pageLine
		out  chan decoded
	}
	jobs := make(chan job)
	order := make(chan chan decoded, 4*workers) // the results to come, in page order
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for _, l := range pf.lines {
			out := make(chan decoded, 1)
			select {
			case order <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{l, out}:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for j := range jobs {
				p, err := pf.read(j.line, &buf)
				j.out <- decoded{p, err}
			}
		}()
	}
	defer wg.Wait()
	defer close(stop)
	for out := range order {
		d := <-out
		if d.err != nil {
			return d.err
		}
		if err := fn(d.p); err != nil {
			return err
		}
	}
	return nil
}

// read decodes the page of line l, reading it into *buf.
func (pf *PageFile) read(l pageLine, buf *[]byte) (*Page, error) {
	if cap(*buf) < l.n {
		*buf = make([]byte, l.n)
	}
	b := (*buf)[:l.n]
	if _, err := pf.f.ReadAt(b, l.off); err != nil {
		return nil, fmt.Errorf("%s: %w", pf.name, err)
	}
	var p Page
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: the page at byte %d: %w", pf.name, l.off, err)
	}
	return &p, nil
}

// Close closes the file.
func (pf *PageFile) Close() error { return pf.f.Close() }
