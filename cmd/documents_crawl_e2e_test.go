package cmd_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"saavu/report"
)

// TestCrawlDocuments crawls a local site whose pages link documents on
// its own host (one by a link without an extension, recognised by its
// Content-Type) and on a second host with a robots.txt of its own, and
// bad input of every kind. Each document gets its results or a clear
// reason, the crawl goes on, and no temporary file is left.
func TestCrawlDocuments(t *testing.T) {
	needChrome(t)
	docs := "../testdata/documents"
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(docs, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var mu sync.Mutex
	requests := map[string]int{}
	count := func(r *http.Request) {
		mu.Lock()
		requests[r.Host+r.URL.Path]++
		mu.Unlock()
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count(r)
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/files/untagged.pdf", "/private/untagged.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(read("untagged.pdf"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer other.Close()
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) // another host for the scope

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		count(r)
		fmt.Fprintf(w, `<!doctype html><html lang="fi"><head><title>Asiakirjat</title></head><body><main><h1>Asiakirjat</h1><ul>
<li><a href="/asiakirjat/hyva.pdf">Hyvä</a></li>
<li><a href="/download?id=42">Lataa pöytäkirja</a></li>
<li><a href="%[1]s/files/untagged.pdf">Toisella palvelimella</a></li>
<li><a href="%[1]s/private/untagged.pdf">Kielletty</a></li>
<li><a href="/virhe.pdf">Virhesivu</a></li>
<li><a href="/iso.pdf">Iso</a></li>
<li><a href="/salattu.pdf">Salattu</a></li>
<li><a href="/puuttuu.pdf">Puuttuu</a></li>
<li><a href="/vanha.doc">Vanha</a></li>
</ul></main></body></html>`, otherURL)
	})
	serve := func(path, ctype string, data []byte) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			count(r)
			w.Header().Set("Content-Type", ctype)
			w.Write(data)
		})
	}
	serve("/asiakirjat/hyva.pdf", "application/pdf", read("tagged-good.pdf"))
	serve("/download", "application/pdf", read("figure-no-alt.pdf"))
	serve("/virhe.pdf", "application/pdf", read("html-as-pdf.pdf"))
	serve("/iso.pdf", "application/pdf", append(read("tagged-good.pdf"), bytes.Repeat([]byte("%padding\n"), 10_000)...))
	serve("/salattu.pdf", "application/pdf", read("password.pdf"))
	serve("/vanha.doc", "application/msword", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 a Word 97 file"))
	mux.HandleFunc("/puuttuu.pdf", func(w http.ResponseWriter, r *http.Request) { count(r); http.NotFound(w, r) })
	site := httptest.NewServer(mux)
	defer site.Close()

	dir := t.TempDir()
	tmp := t.TempDir()
	out := filepath.Join(dir, "r.json")
	r := saavuEnv(t, dir, []string{"TMPDIR=" + tmp}, "crawl", "--rules", "document-title", "--max-document-size", "40kB", "--state", filepath.Join(dir, "state"),
		"-o", "json="+out, "-o", "html="+filepath.Join(dir, "r.html"), site.URL+"/")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (documents fail)", r.code)
	}
	if !strings.Contains(r.stderr, "documents checked") && !strings.Contains(r.stderr, "of 9 documents checked") {
		t.Errorf("the last progress line does not count the documents:\n%s", r.stderr)
	}
	rep := readReport(t, out)
	if len(rep.Pages) != 1 {
		t.Errorf("%d pages, want 1 (the extensionless link to a PDF is a document)", len(rep.Pages))
	}
	got := map[string]report.Document{}
	for _, d := range rep.Documents {
		got[strings.TrimPrefix(strings.TrimPrefix(d.URL, site.URL), otherURL)] = d
	}
	result := func(d report.Document, rule string) string {
		for _, res := range d.Results {
			if res.Rule == rule {
				return res.Outcome
			}
		}
		return ""
	}
	for _, tc := range []struct {
		path, errorKind, rule, outcome string
	}{
		{"/asiakirjat/hyva.pdf", "", "pdf-figure-alt", "passed"},
		{"/download?id=42", "", "pdf-figure-alt", "failed"},
		{"/files/untagged.pdf", "", "pdf-tagged", "failed"},
		{"/private/untagged.pdf", "robots", "", ""},
		{"/virhe.pdf", "not-document", "", ""},
		{"/iso.pdf", "too-large", "", ""},
		{"/salattu.pdf", "encrypted", "", ""},
		{"/puuttuu.pdf", "http", "", ""},
		{"/vanha.doc", "legacy", "", ""},
	} {
		d, ok := got[tc.path]
		if !ok {
			t.Errorf("%s: not in the documents (%d listed)", tc.path, len(rep.Documents))
			continue
		}
		if d.ErrorKind != tc.errorKind {
			t.Errorf("%s: errorKind %q (%s), want %q", tc.path, d.ErrorKind, d.Error, tc.errorKind)
		}
		if tc.errorKind != "" && (d.Error == "" || len(d.Results) != 0) {
			t.Errorf("%s: error %q with %d results, want a reason and none", tc.path, d.Error, len(d.Results))
		}
		if tc.rule != "" && result(d, tc.rule) != tc.outcome {
			t.Errorf("%s: %s %q, want %q", tc.path, tc.rule, result(d, tc.rule), tc.outcome)
		}
		if len(d.LinkedFrom) != 1 || d.LinkedFrom[0] != site.URL+"/" {
			t.Errorf("%s: linked from %v, want the home page", tc.path, d.LinkedFrom)
		}
	}
	mu.Lock()
	if n := requests[strings.TrimPrefix(otherURL, "http://")+"/private/untagged.pdf"]; n != 0 {
		t.Errorf("the document robots.txt disallows was fetched %d times", n)
	}
	mu.Unlock()
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		if strings.HasPrefix(e.Name(), "saavu-doc-") {
			t.Errorf("a downloaded document was left behind: %s", e.Name())
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "r.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(html, []byte("pdf-figure-alt")) {
		t.Error("the HTML report does not show the documents' failed checks")
	}
}

// saavuEnv runs the binary in dir with more environment variables.
func saavuEnv(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	old := extraEnv
	extraEnv = env
	defer func() { extraEnv = old }()
	return saavu(t, dir, args...)
}
