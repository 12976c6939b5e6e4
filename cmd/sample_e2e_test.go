package cmd_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCrawlSample audits a sample of the test site: pages found over
// HTTP, three chosen (the home page first), only those audited, and the
// report says how they were chosen.
func TestCrawlSample(t *testing.T) {
	needChrome(t)
	ts := newCrawlSite(t)
	dir := t.TempDir()
	r := saavu(t, dir, "crawl", "--sample", "3", "--rules", "document-title", "--rate", "0", "-o", "json=r.json", ts.URL+"/index.html")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	rep := readReport(t, filepath.Join(dir, "r.json"))
	s := rep.Sample
	if s == nil {
		t.Fatal("no sample in the report")
	}
	// Found over plain HTTP: every page but the one only a script links to.
	// Three pages, and the site's one document (clause e: a document
	// per type of service).
	if s.Found != 8 || s.Size != 3 || len(s.Pages) != 4 || s.Seed == 0 {
		t.Errorf("sample found %d, size %d, pages %d, seed %d; want 8, 3, 4, non-zero", s.Found, s.Size, len(s.Pages), s.Seed)
	}
	if last := s.Pages[len(s.Pages)-1]; last.Clause != "e" || !strings.HasSuffix(last.URL, "/asiakirjat/hinnasto.pdf") {
		t.Errorf("last sampled %+v, want the document, clause e", last)
	}
	if len(rep.Documents) != 1 || rep.Documents[0].Kind == "" && rep.Documents[0].ErrorKind == "" {
		t.Errorf("the sampled document was not checked: %+v", rep.Documents)
	}
	if len(s.Pages) > 0 && (s.Pages[0].URL != ts.URL+"/" || s.Pages[0].Clause != "a" || s.Pages[0].Reason != "home page") {
		t.Errorf("first sampled page %+v, want the home page", s.Pages[0])
	}
	if !slices.Contains(s.Missing, "a: contact page") || !slices.Contains(s.Missing, "c: accessibility statement") {
		t.Errorf("missing %q", s.Missing)
	}
	var sampled, audited []string
	for _, p := range s.Pages {
		if p.Clause != "e" {
			sampled = append(sampled, p.URL)
		}
	}
	for _, p := range rep.Pages {
		audited = append(audited, p.URL)
		if !p.Audited() {
			t.Errorf("%s not audited: %s", p.URL, p.Error)
		}
	}
	slices.Sort(sampled)
	if !slices.Equal(sampled, audited) {
		t.Errorf("audited %q, sampled %q", audited, sampled)
	}
	if ts.loads["/private/salainen.html"] != 0 {
		t.Error("robots.txt Disallow not obeyed while finding pages")
	}
	if len(rep.BrokenLinks) != 1 || !strings.HasSuffix(rep.BrokenLinks[0].URL, "/puuttuu.html") || rep.BrokenLinks[0].Status != 404 {
		t.Errorf("broken links %+v", rep.BrokenLinks)
	}
	if !strings.Contains(r.stderr, "found 8 pages in") || !strings.Contains(r.stderr, "not found on the site: a: contact page") {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	// The same command picks the same sample; --resume makes no sense.
	again := saavu(t, dir, "crawl", "--sample", "3", "--rules", "document-title", "--rate", "0", "-o", "json=r2.json", ts.URL+"/index.html")
	if rep2 := readReport(t, filepath.Join(dir, "r2.json")); again.code != 0 || rep2.Sample == nil || !slices.Equal(rep2.Sample.Pages, s.Pages) {
		t.Errorf("a second run chose another sample (exit %d)", again.code)
	}
	if bad := saavu(t, dir, "crawl", "--sample", "3", "--resume", ts.URL+"/"); bad.code != 2 || !strings.Contains(bad.stderr, "--sample and --resume: cannot be used together") {
		t.Errorf("--sample --resume: exit %d\n%s", bad.code, bad.stderr)
	}
}
