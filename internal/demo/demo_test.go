package demo

import (
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"saavu/checks"
)

// file is the file served for a URL path ("/sv/" is sv/index.html).
func file(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

func parse(t *testing.T, name string) *goquery.Document {
	t.Helper()
	f, err := Site().Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// framed is the page shown in a frame on yhteystiedot.html: it is audited
// as part of that page, not as a page of its own.
const framed = "kartta/upotus.html"

// TestPages checks the barrier table against the site: every page is
// there with its title, and every barrier names a rule that runs by
// default and an outcome the rule can give.
func TestPages(t *testing.T) {
	def := map[string]bool{}
	for _, r := range checks.All() {
		def[r.ID] = true
	}
	if !slices.IsSortedFunc(Pages, func(a, b Page) int { return strings.Compare(a.Path, b.Path) }) {
		t.Error("Pages are not sorted by path")
	}
	passing := 0
	seen := map[string]bool{}
	for _, p := range Pages {
		if seen[p.Path] {
			t.Errorf("%s: listed twice", p.Path)
		}
		seen[p.Path] = true
		doc := parse(t, file(p.Path))
		if got := strings.TrimSpace(doc.Find("head > title").Text()); got != p.Title {
			t.Errorf("%s: title %q, the table says %q", p.Path, got, p.Title)
		}
		if len(p.Barriers) == 0 {
			passing++
		}
		rules := map[string]bool{}
		for _, b := range p.Barriers {
			switch {
			case !def[b.Rule]:
				t.Errorf("%s: %s is not a rule saavu runs by default", p.Path, b.Rule)
			case b.Outcome != checks.Failed && b.Outcome != checks.CantTell:
				t.Errorf("%s: %s: outcome %q, want failed or cantTell", p.Path, b.Rule, b.Outcome)
			case rules[b.Rule]:
				t.Errorf("%s: %s listed twice", p.Path, b.Rule)
			case b.What == "":
				t.Errorf("%s: %s: say what the barrier is", p.Path, b.Rule)
			}
			rules[b.Rule] = true
		}
	}
	if passing < 3 {
		t.Errorf("%d pages pass every rule, want at least 3", passing)
	}
	if !seen["/saavutettavuusseloste.html"] {
		t.Error("no accessibility statement (saavutettavuusseloste)")
	}
}

// TestSiteFiles checks that every HTML file of the site is a page of the
// table, or the page shown in a frame.
func TestSiteFiles(t *testing.T) {
	pages := map[string]bool{}
	for _, p := range Pages {
		pages[file(p.Path)] = true
	}
	err := fs.WalkDir(Site(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return err
		}
		if !pages[name] && name != framed {
			t.Errorf("%s is not in Pages", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if parse(t, "yhteystiedot.html").Find(`iframe[src="/`+framed+`"]`).Length() != 1 {
		t.Errorf("yhteystiedot.html does not show %s in a frame", framed)
	}
}

// cssURL finds url(…) in style sheets.
var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)

// TestLinks checks that the site's own links and resources are there
// (but for the one broken link), and that nothing loads from elsewhere:
// the demo works offline.
func TestLinks(t *testing.T) {
	site := Site()
	exists := func(p string) bool {
		_, err := fs.Stat(site, file(strings.SplitN(p, "#", 2)[0]))
		return err == nil
	}
	linked := map[string]bool{}
	names := append([]string{framed}, func() (out []string) {
		for _, p := range Pages {
			out = append(out, file(p.Path))
		}
		return out
	}()...)
	for _, name := range names {
		doc := parse(t, name)
		doc.Find("[href], [src]").Each(func(_ int, s *goquery.Selection) {
			for _, attr := range []string{"href", "src"} {
				v, ok := s.Attr(attr)
				if !ok {
					continue
				}
				external := strings.Contains(v, "//") || strings.HasPrefix(v, "data:")
				switch {
				case goquery.NodeName(s) == "a" && external:
					// a link to another site: the crawl does not follow it
				case strings.HasPrefix(v, "#"):
					// within the page (the skip link)
				case external:
					t.Errorf("%s: <%s %s=%q> loads from elsewhere: the demo must work offline", name, goquery.NodeName(s), attr, v)
				case !strings.HasPrefix(v, "/"):
					t.Errorf("%s: %s=%q: write site paths from the root", name, attr, v)
				case v == BrokenLink:
					linked[v] = true
				case !exists(v):
					t.Errorf("%s: %s=%q is not on the site", name, attr, v)
				default:
					linked[v] = true
				}
			}
		})
		doc.Find("style").Each(func(_ int, s *goquery.Selection) {
			if m := cssURL.FindStringSubmatch(s.Text()); m != nil {
				t.Errorf("%s: the style loads %s: keep the site's styles free of url()", name, m[1])
			}
		})
	}
	css, err := fs.ReadFile(site, "tyyli.css")
	if err != nil {
		t.Fatal(err)
	}
	if m := cssURL.FindStringSubmatch(string(css)); m != nil {
		t.Errorf("tyyli.css loads %s: keep the site's styles free of url()", m[1])
	}
	if exists(BrokenLink) || !linked[BrokenLink] {
		t.Errorf("%s must be linked and missing (the report's broken link)", BrokenLink)
	}
	if !exists(Document) || !linked[Document] {
		t.Errorf("%s must be linked and there (the report's document)", Document)
	}
	for _, p := range Pages {
		if p.Path != "/" && !linked[p.Path] {
			t.Errorf("no page links %s: the crawl would not find it", p.Path)
		}
	}
}

func TestServe(t *testing.T) {
	srv, err := Serve()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Errorf("URL %s, want http://127.0.0.1:PORT", srv.URL)
	}
	get := func(p string) (int, string, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
	}
	for _, tt := range []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/", 200, "text/html", "Tervetuloa Esimerkkilään"},
		{"/sv/", 200, "text/html", "på svenska"},
		{"/robots.txt", 200, "text/plain", "Allow: /"},
		{Document, 200, "application/pdf", "%PDF"},
		{BrokenLink, 404, "text/plain", ""},
	} {
		code, ctype, body := get(tt.path)
		if code != tt.status || !strings.HasPrefix(ctype, tt.ctype) || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s: %d (%s), want %d %s with %q", tt.path, code, ctype, tt.status, tt.ctype, tt.body)
		}
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if resp, err := http.Get(srv.URL + "/"); err == nil {
		resp.Body.Close()
		t.Error("the server still answers after Close")
	}
}

// docRow is a row of the table in docs/demo.md: page, rule, outcome.
var docRow = regexp.MustCompile("(?m)^\\| `([^`]+)`[^|]*\\| (?:`([^`]+)`)? *\\| ([a-z ]+) \\|")

// TestDocs checks that docs/demo.md shows the table of Pages.
func TestDocs(t *testing.T) {
	b, err := os.ReadFile("../../docs/demo.md")
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, m := range docRow.FindAllStringSubmatch(string(b), -1) {
		got = append(got, m[1]+" "+m[2]+" "+m[3])
	}
	words := map[checks.Outcome]string{checks.Failed: "failed", checks.CantTell: "needs review"}
	for _, p := range Pages {
		if len(p.Barriers) == 0 {
			want = append(want, p.Path+"  passes")
		}
		for _, b := range p.Barriers {
			want = append(want, p.Path+" "+b.Rule+" "+words[b.Outcome])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("docs/demo.md shows\n%s\nwant (internal/demo Pages)\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
