package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// documentsReport is a report of documents only, as check FILE.pdf… or a
// crawl's documents make one: checked with failures, checked clean,
// old (possibly exempt), not checked.
func documentsReport() *Report {
	r := New(Meta{Version: "1.0.0", GeneratedAt: "2026-11-23T08:30:00Z"}, nil, nil)
	r.SetDocumentRules([]RuleInfo{
		{ID: "pdf-figure-alt", Title: "Figures have alternative text", Summary: "Images need alt text.", HelpURL: "https://www.w3.org/WAI/WCAG21/Understanding/non-text-content.html",
			WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, Level: "A", Impact: "critical", PDFUA: "PDF/UA-1 7.3; Matterhorn 13-004"},
		{ID: "pdf-title", Title: "The PDF has a title, shown as the window title", Summary: "A title.", HelpURL: "https://www.w3.org/WAI/WCAG21/Understanding/page-titled.html",
			WCAG: []string{"2.4.2"}, EN301549: []string{"10.2.4.2"}, Level: "A", Impact: "serious"},
	})
	fig := func(outcome string, nodes ...Node) Result {
		return Result{Rule: "pdf-figure-alt", Outcome: outcome, WCAG: []string{"1.1.1"}, EN301549: []string{"10.1.1.1"}, Impact: "critical", Passed: 1, Nodes: nodes}
	}
	title := Result{Rule: "pdf-title", Outcome: "passed", WCAG: []string{"2.4.2"}, EN301549: []string{"10.2.4.2"}, Impact: "serious", Passed: 1}
	r.SetCrawl([]Document{
		{URL: "https://www.example.fi/asiakirjat/poytakirja.pdf", ContentType: "application/pdf", Size: 52_000, Status: 200, Kind: "pdf", Title: "Pöytäkirja", Pages: 3,
			Created: "2026-10-01T06:00:00Z", Modified: "2026-10-01T06:00:00Z", LinkedFrom: []string{"https://www.example.fi/"},
			Results: []Result{title, fig("failed", Node{Outcome: "failed", Selector: "page 2, Figure 1", Snippet: "<Figure>", Message: "This figure has no alternative text (/Alt)."})}},
		{URL: "https://www.example.fi/asiakirjat/hinnasto.pdf", ContentType: "application/pdf", Size: 12_000, Status: 200, Kind: "pdf", Title: "Hinnasto", Pages: 1,
			Created: "2017-03-04T10:00:00Z", Modified: "2018-01-01T10:00:00Z", LastModified: "2018-02-01T10:00:00Z", LinkedFrom: []string{"https://www.example.fi/", "https://www.example.fi/hinnat"},
			Results: []Result{fig("passed"), title}},
		{URL: "https://www.example.fi/asiakirjat/salattu.pdf", ContentType: "application/pdf", Size: 9_000, Status: 200, Kind: "pdf",
			Error: "not checked: the PDF needs a password to open; publish it without a password to open it", ErrorKind: "encrypted", LinkedFrom: []string{"https://www.example.fi/"}},
		{URL: "https://cdn.example.net/esite.doc", ContentType: "application/msword", Size: -1, Status: 0,
			Error: "not checked: disallowed by robots.txt", ErrorKind: "robots", LinkedFrom: []string{"https://www.example.fi/"}},
	}, nil, nil)
	return r
}

// TestDocumentsReport checks the documents' part of the summary and of
// the criteria, the exemption hint, and the output of every writer
// against testdata/golden/out/documents.* (-update rewrites them).
func TestDocumentsReport(t *testing.T) {
	r := documentsReport()
	ds := r.Summary.Documents
	if ds == nil || ds.Documents != 4 || ds.Audited != 2 || ds.NotAudited != 2 || ds.Failed != 1 || ds.Passed != 3 || ds.Exempt != 1 {
		t.Errorf("summary.documents = %+v", ds)
	}
	if r.Summary.Pages != 0 || r.Summary.Failed != 0 {
		t.Errorf("the pages' counts changed: %+v", r.Summary)
	}
	for _, c := range r.Summary.Criteria {
		switch c.SC {
		case "1.1.1":
			if c.Outcome != "failed" || c.FailedDocuments != 1 || c.FailedPages != 0 {
				t.Errorf("1.1.1: %+v, want failed on 1 document", c)
			}
		case "2.4.2":
			if c.Outcome != NoProblemsFound {
				t.Errorf("2.4.2: %s, want noProblemsFound", c.Outcome)
			}
		}
	}
	for _, d := range r.Documents {
		if want := strings.HasSuffix(d.URL, "hinnasto.pdf"); (d.Exemption != "") != want {
			t.Errorf("%s: exemption hint %q, want one: %t", d.URL, d.Exemption, want)
		}
	}
	if got := CountFailing(r, ""); got.Results != 1 || got.Documents != 1 {
		t.Errorf("CountFailing = %+v, want 1 result on 1 document", got)
	}
	sch := compileSARIFSchema(t)
	for _, tt := range []struct {
		file string
		w    Writer
	}{
		{"documents.json", JSONWriter{}},
		{"documents.txt", TextWriter{}},
		{"documents.summary.txt", SummaryWriter{}},
		{"documents.html", HTMLWriter{Lang: "en", Location: time.UTC}},
		{"documents.fi.html", HTMLWriter{Lang: "fi", Location: time.UTC}},
		{"documents.sarif", SARIFWriter{}},
		{"documents.junit.xml", JUnitWriter{}},
		{"documents.csv", CSVWriter{}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.w.Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			out := buf.Bytes()
			switch {
			case strings.HasSuffix(tt.file, ".sarif"):
				if err := validateSARIF(sch, out); err != nil {
					t.Errorf("not valid SARIF 2.1.0: %v", err)
				}
			case strings.HasSuffix(tt.file, ".xml"):
				if err := xml.Unmarshal(out, new(struct{})); err != nil {
					t.Errorf("not XML: %v", err)
				}
			}
			if !strings.Contains(buf.String(), "poytakirja.pdf") {
				t.Errorf("the failing document is not in the %s output", tt.file)
			}
			path := filepath.Join("..", "testdata", "golden", "out", tt.file)
			if *update {
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestDocumentsReport -update to create it)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s", tt.file, firstDiff(want, out))
			}
		})
	}
}
