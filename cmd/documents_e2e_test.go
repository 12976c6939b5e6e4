package cmd_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDocuments checks PDF files given to check, a local file and
// an address, without a browser: their results go to the documents list,
// a failure sets exit 1, and a document that needs a password exit 2.
func TestCheckDocuments(t *testing.T) {
	docs, err := filepath.Abs("../testdata/documents")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.FileServer(http.Dir(docs)))
	defer ts.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavu(t, dir, "check", "-o", "json="+out, filepath.Join(docs, "tagged-good.pdf"), ts.URL+"/figure-no-alt.pdf")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (a figure without alt text)", r.code)
	}
	if !strings.Contains(r.stderr, "on 1 document)") {
		t.Errorf("stderr does not say the failure is in a document:\n%s", r.stderr)
	}
	rep := readReport(t, out)
	if len(rep.Pages) != 0 || len(rep.Documents) != 2 {
		t.Fatalf("%d pages and %d documents, want 0 and 2", len(rep.Pages), len(rep.Documents))
	}
	for _, d := range rep.Documents {
		want := "passed"
		if strings.HasSuffix(d.URL, "figure-no-alt.pdf") {
			want = "failed"
			if d.Status != 200 || d.ContentType != "application/pdf" {
				t.Errorf("%s: status %d, type %q, want 200 and application/pdf", d.URL, d.Status, d.ContentType)
			}
		}
		for _, res := range d.Results {
			if res.Rule == "pdf-figure-alt" && res.Outcome != want {
				t.Errorf("%s: pdf-figure-alt %s, want %s", d.URL, res.Outcome, want)
			}
		}
	}
	if rep.Summary.Documents == nil || rep.Summary.Documents.Audited != 2 {
		t.Errorf("summary.documents = %+v, want 2 audited", rep.Summary.Documents)
	}
	if len(rep.DocumentRules) == 0 {
		t.Error("no documentRules")
	}

	r = saavu(t, dir, "check", "-o", "json="+out, filepath.Join(docs, "password.pdf"))
	if r.code != 2 || !strings.Contains(r.stderr, "could not be checked") {
		t.Fatalf("exit %d, want 2 and a reason for a document that needs a password", r.code)
	}
	rep = readReport(t, out)
	if d := rep.Documents[0]; d.ErrorKind != "encrypted" || !strings.Contains(d.Error, "password") {
		t.Errorf("error %q (%s), want one about a password", d.Error, d.ErrorKind)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}

// TestCheckExtensionlessDocument checks an address without a document's
// extension that answers with a PDF: it is a document, not a page that
// could not be audited.
func TestCheckExtensionlessDocument(t *testing.T) {
	needChrome(t)
	pdf, err := os.ReadFile("../testdata/documents/figure-no-alt.pdf")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	}))
	defer ts.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavu(t, dir, "check", "-o", "json="+out, ts.URL+"/download?id=42")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the PDF's figure has no alt text)", r.code)
	}
	rep := readReport(t, out)
	if len(rep.Pages) != 0 || len(rep.Documents) != 1 || rep.Documents[0].Kind != "pdf" {
		t.Errorf("%d pages and documents %+v, want the address as a checked PDF", len(rep.Pages), rep.Documents)
	}
}
