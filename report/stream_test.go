package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
	"json": JSONWriter{}, "text": TextWriter{}, "summary": SummaryWriter{}, "sarif": SARIFWriter{Docs: ruleDocs}, "junit": JUnitWriter{}, "csv": CSVWriter{},
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

// TestSpoolSame checks that reports read with a Spool (as saavu report
// reads saved results) are merged and written exactly as those read into
// memory: one report alone, and the golden report split in two files.
func TestSpoolSame(t *testing.T) {
	spool, err := NewSpool()
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := spool.Close(); err != nil {
			t.Error(err)
		}
		if _, err := os.Stat(spool.f.Name()); !os.IsNotExist(err) {
			t.Errorf("the spool file is still there: %v", err)
		}
	}()
	read := func(r *Report, name string) (mem, disk Part) {
		data := jsonOf(t, r)
		m, err := ReadPart(bytes.NewReader(data), name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := spool.ReadPart(bytes.NewReader(data), name)
		if err != nil {
			t.Fatal(err)
		}
		if d.Pages != nil || d.PageCount() != len(m.Pages) {
			t.Fatalf("%s: the spooled report holds %d pages in memory and %d in all, want 0 and %d", name, len(d.Pages), d.PageCount(), len(m.Pages))
		}
		return Part{name, m}, Part{name, d}
	}
	same := func(what string, mem, disk []Part) {
		t.Helper()
		a, _, err := Merge(mem)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := Merge(disk)
		if err != nil {
			t.Fatal(err)
		}
		if b.src == nil {
			t.Fatalf("%s: the merge of spooled reports holds its pages in memory", what)
		}
		for format, w := range allWriters {
			var x, y bytes.Buffer
			if err := w.Write(&x, a); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(&y, b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x.Bytes(), y.Bytes()) {
				t.Errorf("%s: the %s report of the spooled reports differs:\n%s", what, format, firstDiff(x.Bytes(), y.Bytes()))
			}
		}
	}
	m, d := read(crawlExample(t), "crawl.json")
	same("one crawl report", []Part{m}, []Part{d})

	whole, golden := readGoldenInput(t)
	p := whole.Pages
	older := Meta{Version: whole.Tool.Version, GeneratedAt: "2026-11-23T08:00:00Z", Browser: whole.Browser}
	newer := Meta{Version: whole.Tool.Version, GeneratedAt: whole.GeneratedAt, Browser: whole.Browser}
	ma, da := read(Rebuild(newer, whole.Rules, []Page{p[3], p[0], p[1]}), "a.json")
	mb, db := read(Rebuild(older, whole.Rules, []Page{p[2], p[1]}), "b.json")
	same("two parts", []Part{ma, mb}, []Part{da, db})
	merged, _, err := Merge([]Part{db, da})
	if err != nil {
		t.Fatal(err)
	}
	if got := jsonOf(t, merged); !bytes.Equal(got, golden) {
		t.Errorf("the merge of the spooled parts is not the golden report:\n%s", firstDiff(golden, got))
	}

	for _, tt := range []struct{ in, want string }{
		{`{"schemaVersion": "3", "pages": 5}`, `old.json: schemaVersion "3" is not supported by this saavu (it reads 1 and 2)`},
		{`{"pages": []}`, "old.json: not a saavu JSON report (no schemaVersion)"},
		{`[1, 2]`, "old.json: not a saavu JSON report"},
		{`{"schemaVersion": "1", "pages": [{"url": "https://x.fi/"}`, "old.json: not a saavu JSON report"},
	} {
		if _, err := spool.ReadPart(strings.NewReader(tt.in), "old.json"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.in, err, tt.want)
		}
	}
}
