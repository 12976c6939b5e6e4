package audit

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"saavu/internal/docfixture"
)

// BenchmarkDocuments checks 200 generated documents of mixed kinds and
// sizes (PDFs of 1 to 60 pages, tagged and not, and office files) and
// reports documents per second and the peak of the Go heap and of the
// process's resident memory (which includes PDFium's WebAssembly memory):
//
//	go test ./document/audit -run '^$' -bench Documents -benchtime 1x
func BenchmarkDocuments(b *testing.B) {
	var files [][]byte
	var names []string
	all := docfixture.All()
	for i := 0; len(files) < 200; i++ {
		switch {
		case i%4 == 0:
			pages := 1 + (i*7)%60
			files = append(files, docfixture.LongPDF(pages, i%8 == 0))
			names = append(names, fmt.Sprintf("long-%d.pdf", pages))
		default:
			f := all[i%len(all)]
			files = append(files, f.Data)
			names = append(names, f.Name)
		}
	}
	var total int64
	for _, f := range files {
		total += int64(len(f))
	}
	a := &Auditor{PDF: engine, Extra: true}
	b.ResetTimer()
	for range b.N {
		var peakHeap uint64
		start := time.Now()
		for i, f := range files {
			if _, err := a.Reader(b.Context(), bytes.NewReader(f), int64(len(f)), names[i], ""); err != nil {
				b.Fatal(err)
			}
			var ms runtime.MemStats
			if i%10 == 0 {
				runtime.ReadMemStats(&ms)
				peakHeap = max(peakHeap, ms.HeapAlloc)
			}
		}
		el := time.Since(start)
		b.ReportMetric(float64(len(files))/el.Seconds(), "docs/s")
		b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-rss-MB")
		b.ReportMetric(float64(total)/(1<<20), "input-MB")
	}
}

// peakRSS is the process's peak resident set (VmHWM), 0 when unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			f := strings.Fields(l)
			if len(f) >= 2 {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}
