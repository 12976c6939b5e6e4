package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// streamed is r as a crawl makes it: its pages in a JSON lines file
// (written last page first, so that the file must be put in order), read
// back by every writer.
func streamed(t *testing.T, r *Report) *Report {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pages.jsonl")
	var file bytes.Buffer
	type line struct {
		url    string
		off, n int
	}
	var lines []line
	for i := len(r.Pages) - 1; i >= 0; i-- {
		b, err := json.Marshal(r.Pages[i])
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line{r.Pages[i].URL, file.Len(), len(b)})
		file.Write(append(b, '\n'))
	}
	if err := os.WriteFile(path, file.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pf, err := OpenPageFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pf.Close() })
	for _, l := range lines {
		pf.Add(l.url, int64(l.off), l.n)
	}
	pf.Sort()
	s, err := rebuildStreamed(Meta{Version: r.Tool.Version, GeneratedAt: r.GeneratedAt, Browser: r.Browser}, r.Rules, pf)
	if err != nil {
		t.Fatal(err)
	}
	s.Documents, s.BrokenLinks, s.Skipped, s.Sample, s.DisabledRules = r.Documents, r.BrokenLinks, r.Skipped, r.Sample, r.DisabledRules
	return s
}

// allWriters are the writers of every format and language.
var allWriters = map[string]Writer{
	"json": JSONWriter{}, "text": TextWriter{}, "sarif": SARIFWriter{Docs: ruleDocs}, "junit": JUnitWriter{}, "csv": CSVWriter{},
	"html": HTMLWriter{Lang: "en"}, "html-fi": HTMLWriter{Lang: "fi"}, "html-sv": HTMLWriter{Lang: "sv"},
}

// TestStreamedSame checks that a report whose pages stay on disk
// (NewStreamed, as a crawl writes it) is written byte for byte as the same
// report held in memory, in every format, with and without a baseline.
func TestStreamedSame(t *testing.T) {
	for name, make := range map[string]func(*testing.T) *Report{"golden": freshGolden, "crawl": crawlExample} {
		for _, withBaseline := range []bool{false, true} {
			mem := make(t)
			mem = Rebuild(Meta{Version: mem.Tool.Version, GeneratedAt: mem.GeneratedAt, Browser: mem.Browser}, mem.Rules, mem.Pages)
			orig := make(t)
			mem.Documents, mem.BrokenLinks, mem.Skipped, mem.Sample, mem.DisabledRules = orig.Documents, orig.BrokenLinks, orig.Skipped, orig.Sample, orig.DisabledRules
			disk := streamed(t, mem)
			if !reflect.DeepEqual(disk.Summary, mem.Summary) {
				t.Errorf("%s: the streamed summary differs:\n%+v\nwant\n%+v", name, disk.Summary, mem.Summary)
			}
			if withBaseline {
				// Half the failures accepted: the marks must be the same on
				// every pass over the pages.
				b := NewBaseline(mem)
				if len(b.Findings) < 2 {
					t.Fatalf("%s: too few failures to baseline", name)
				}
				b.Findings = b.Findings[:len(b.Findings)/2]
				b.Apply(mem)
				b.Apply(disk)
				if *disk.Baseline != *mem.Baseline {
					t.Errorf("%s: baseline summary %+v, want %+v", name, *disk.Baseline, *mem.Baseline)
				}
			}
			if got, want := disk.Failures(""), mem.Failures(""); got != want || want == 0 {
				t.Errorf("%s, baseline %v: %d failures, want %d (not 0)", name, withBaseline, got, want)
			}
			for format, w := range allWriters {
				var a, b bytes.Buffer
				if err := w.Write(&a, mem); err != nil {
					t.Fatal(err)
				}
				if err := w.Write(&b, disk); err != nil {
					t.Fatalf("%s %s: %v", name, format, err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Errorf("%s, baseline %v: the streamed %s report differs:\n%s", name, withBaseline, format, firstDiff(a.Bytes(), b.Bytes()))
				}
			}
		}
	}
}

// TestStreamedReadError checks that a page file that changed under the
// report (a state folder removed mid-write) fails the writers rather than
// leaving pages out silently.
func TestStreamedReadError(t *testing.T) {
	disk := streamed(t, freshGolden(t))
	pf := disk.src.(*PageFile)
	if err := os.Truncate(pf.name, 10); err != nil {
		t.Fatal(err)
	}
	for format, w := range allWriters {
		if err := w.Write(&bytes.Buffer{}, disk); err == nil {
			t.Errorf("%s: no error from a page file cut short", format)
		}
	}
	if disk.Err() == nil {
		t.Error("Err is nil after failed reads")
	}
}
