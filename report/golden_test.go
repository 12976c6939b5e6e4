package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"
)

var update = flag.Bool("update", false, "rewrite golden files")

// helsinki is the time zone of the Finnish golden reports: their time is
// local, with its offset. The other goldens are in UTC.
var helsinki = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki") // from time/tzdata when the system has none
	if err != nil {
		panic(err)
	}
	return loc
}()

const goldenInput = "../testdata/golden/report.json"

func readGoldenInput(t *testing.T) (*Report, []byte) {
	t.Helper()
	in, err := os.ReadFile(goldenInput)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ReadJSON(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("%s: %v", goldenInput, err)
	}
	return r, in
}

// TestGolden renders the hand-made report testdata/golden/report.json in
// every format and compares the output byte for byte with the files in
// testdata/golden/out. Run with -update to rewrite them (and review the
// diff).
func TestGolden(t *testing.T) {
	r, _ := readGoldenInput(t)
	tests := []struct {
		file string
		w    Writer
	}{
		{"report.json", JSONWriter{}},
		{"report.txt", TextWriter{}},
		{"report.html", HTMLWriter{Lang: "en", Location: time.UTC}},
		{"report.fi.html", HTMLWriter{Lang: "fi", Location: helsinki}},
		{"report.sv.html", HTMLWriter{Lang: "sv", Location: time.UTC}},
		{"report.sarif", SARIFWriter{}},
		{"report.junit.xml", JUnitWriter{}},
		{"report.csv", CSVWriter{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.w.Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			// Write twice: the output must not depend on map order or the clock.
			var again bytes.Buffer
			if err := tt.w.Write(&again, r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Fatalf("two writes of the same report differ:\n%s", firstDiff(buf.Bytes(), again.Bytes()))
			}
			path := filepath.Join("..", "testdata", "golden", "out", tt.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (if the change is intended, run with -update and review the diff):\n%s",
					tt.file, firstDiff(want, buf.Bytes()))
			}
		})
	}
}

// TestGoldenInput keeps the hand-made input honest: its summary is what New
// computes from its pages, and reading and writing it changes nothing.
func TestGoldenInput(t *testing.T) {
	r, in := readGoldenInput(t)
	if got := summarize(r.Std(), r.Rules, r.Pages).withSite(r.Rules, r.SiteResults); !reflect.DeepEqual(got, r.Summary) {
		t.Errorf("the summary in %s is not what summarize computes from its pages; got\n%+v\nwant\n%+v", goldenInput, got, r.Summary)
	}
	var out bytes.Buffer
	if err := (JSONWriter{}).Write(&out, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), in) {
		t.Errorf("JSON round trip of %s changes it:\n%s", goldenInput, firstDiff(in, out.Bytes()))
	}
	// The input covers what the writers must show.
	var audited, notAudited, notes, shots, plain, cantTell int
	for _, p := range r.Pages {
		if !p.Audited() {
			notAudited++
			continue
		}
		audited++
		if len(p.Notes) > 0 {
			notes++
		}
		for _, res := range p.Results {
			if res.Outcome == "cantTell" {
				cantTell++
			}
			for _, n := range res.Nodes {
				if n.Screenshot != "" {
					shots++
				} else if n.Outcome == "failed" {
					plain++
				}
			}
		}
	}
	site := map[string]int{}
	for _, res := range r.SiteResults {
		site[res.Outcome]++
	}
	for what, n := range map[string]int{"audited pages": audited, "pages not audited": notAudited, "pages with notes": notes,
		"nodes with a screenshot": shots, "failed nodes without one": plain, "cantTell results": cantTell,
		"failed site results": site["failed"], "cantTell site results": site["cantTell"], "passed site results": site["passed"]} {
		if n == 0 {
			t.Errorf("%s has no %s", goldenInput, what)
		}
	}
}

// firstDiff describes the first line where a and b differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y || i >= len(al) || i >= len(bl) {
			return fmt.Sprintf("line %d:\n  want: %.300q\n  got:  %.300q", i+1, x, y)
		}
	}
	return "(no difference)"
}
