package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// BenchmarkCrawlReport writes every report format of a crawl of n pages
// (copies of one audited page of the bench site, ../testdata/bench) held
// in memory as before, and streamed from the crawl's pages file as saavu
// crawl writes them now. Besides the time it reports peak-MB, the largest
// Go heap seen while writing (sampled every millisecond):
//
//	go test ./report -run '^$' -bench CrawlReport -benchtime 1x
func BenchmarkCrawlReport(b *testing.B) {
	page, err := os.ReadFile("../testdata/bench/page.json")
	if err != nil {
		b.Fatal(err)
	}
	var tmpl Page
	if err := json.Unmarshal(page, &tmpl); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{200, 2000} {
		path, lines := benchPageFile(b, tmpl, n)
		for _, mode := range []string{"memory", "streamed"} {
			b.Run(fmt.Sprintf("pages=%d/%s", n, mode), func(b *testing.B) {
				var peak uint64
				for b.Loop() {
					runtime.GC()
					stop := samplePeakHeap(&peak)
					var r *Report
					if mode == "memory" {
						r = benchMemoryReport(b, path)
					} else {
						pf, err := OpenPageFile(path)
						if err != nil {
							b.Fatal(err)
						}
						for _, l := range lines {
							pf.Add(l.url, l.off, l.n)
						}
						pf.Sort()
						if r, err = rebuildStreamed(Meta{Version: "bench"}, benchRules(tmpl), pf); err != nil {
							b.Fatal(err)
						}
						defer pf.Close()
					}
					for _, f := range Formats {
						w, _ := NewWriter(f, Options{Lang: "fi"})
						if err := w.Write(io.Discard, r); err != nil {
							b.Fatal(err)
						}
					}
					stop()
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			})
		}
	}
}

type benchLine struct {
	url string
	off int64
	n   int
}

// benchPageFile writes n copies of the page under their own URLs, one
// JSON object per line as a crawl's state folder holds them.
func benchPageFile(b *testing.B, tmpl Page, n int) (string, []benchLine) {
	path := filepath.Join(b.TempDir(), "pages.jsonl")
	var buf bytes.Buffer
	var lines []benchLine
	sections := []string{"asuminen", "liikenne", "kulttuuri", "terveys", "opetus", "palvelut"}
	for i := range n {
		p := tmpl
		p.URL = fmt.Sprintf("https://www.esimerkkikunta.fi/%s/sivu-%04d.html", sections[i%len(sections)], (i*7919)%n)
		p.FinalURL = p.URL
		line, err := json.Marshal(p)
		if err != nil {
			b.Fatal(err)
		}
		lines = append(lines, benchLine{p.URL, int64(buf.Len()), len(line)})
		buf.Write(append(line, '\n'))
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, lines
}

// benchMemoryReport reads every page into memory, as the crawl did before
// its reports were streamed.
func benchMemoryReport(b *testing.B, path string) *Report {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var pages []Page
	for line := range bytes.Lines(data) {
		var p Page
		if err := json.Unmarshal(line, &p); err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
	}
	data = nil
	return Rebuild(Meta{Version: "bench"}, benchRules(pages[0]), pages)
}

// benchRules describes the rules of the page's results.
func benchRules(p Page) []RuleInfo {
	var rules []RuleInfo
	for _, res := range p.Results {
		rules = append(rules, RuleInfo{ID: res.Rule, Title: res.Rule, WCAG: res.WCAG, EN301549: res.EN301549, Impact: res.Impact})
	}
	return rules
}

// samplePeakHeap records the largest heap (live and not yet collected
// objects) into peak until stop is called.
func samplePeakHeap(peak *uint64) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			*peak = max(*peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
