package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"saavu/checks"
)

// goldenBaselined is the golden report compared with a baseline of its
// own failures less two: the second image of the home page, and the
// third of the eleven unnamed links, which are then new.
func goldenBaselined(t *testing.T) *Report {
	t.Helper()
	r := freshGolden(t)
	base := NewBaseline(r)
	base.Findings = slices.DeleteFunc(base.Findings, func(f Finding) bool {
		return f.Selector == "#nostot > article:nth-child(3) > img" || f.Selector == "footer > ul.some > li:nth-child(3) > a"
	})
	base.Apply(r)
	return r
}

// terminalGolden renders the tests' writers on the golden report (with
// a baseline when asked: see goldenBaselined) and compares the output
// with the files in testdata/golden/out (-update rewrites them).
func terminalGolden(t *testing.T, tests []terminalCase) {
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := freshGolden(t)
			if tt.baseline {
				r = goldenBaselined(t)
			}
			got := render(t, tt.w, r)
			if again := render(t, tt.w, r); !bytes.Equal(got, again) {
				t.Fatalf("two writes of the same report differ:\n%s", firstDiff(got, again))
			}
			path := filepath.Join("..", "testdata", "golden", "out", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run %s -update to create it)", err, t.Name())
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (if the change is intended, run with -update and review the diff):\n%s",
					tt.file, firstDiff(want, got))
			}
		})
	}
}

type terminalCase struct {
	file     string
	w        Writer
	baseline bool
}

// goldenReports are the report files the terminal goldens name.
var goldenReports = []string{"saavu.html", "saavu.json"}

// TestTextGolden: the full text view to a terminal of 72 columns, and
// with a baseline (report.txt is in TestGolden).
func TestTextGolden(t *testing.T) {
	terminalGolden(t, []terminalCase{
		{"report.w72.txt", TextWriter{Width: 72, Reports: goldenReports}, false},
		{"report.baseline.txt", TextWriter{}, true},
	})
}

// TestBaselineNewFirst: with a baseline, the new failures come first,
// each shown by its new element, not by the first of its elements (which
// is in the baseline).
func TestBaselineNewFirst(t *testing.T) {
	r := goldenBaselined(t)
	for name, w := range map[string]Writer{"text": TextWriter{}, "summary": SummaryWriter{}} {
		out := string(render(t, w, r))
		newAt := strings.Index(out, "New failures")
		li3 := strings.Index(out, "footer > ul.some > li:nth-child(3) > a")
		img3 := strings.Index(out, "#nostot > article:nth-child(3) > img")
		if newAt < 0 || li3 < newAt || img3 < newAt {
			t.Errorf("%s: the new failures are not listed first by their new elements:\n%s", name, out)
		}
		if name == "text" {
			accepted := strings.Index(out, "Failures accepted in the baseline")
			if accepted < li3 || accepted < img3 || strings.Contains(out[:accepted], "li:nth-child(1)") {
				t.Errorf("text: the accepted failures are not after the new ones, or a new failure shows an old element:\n%s", out)
			}
		}
	}
}

// bigReport is a crawl of n pages under long paths, each failing many
// rules on many elements, a few not audited, with a baseline that
// accepts half the failures.
func bigReport(n int) *Report {
	var rules []RuleInfo
	for _, r := range checks.All() {
		rules = append(rules, RuleInfo{ID: r.ID, Title: r.Title, WCAG: r.WCAG, Impact: string(r.Impact)})
	}
	var pages []Page
	for i := range n {
		u := fmt.Sprintf("https://www.example-kaupunki.fi/palvelut/asuminen-ja-ymparisto/rakentaminen/luvat-ja-ilmoitukset/sivu-%03d.html?kieli=fi", i)
		p := Page{URL: u, FinalURL: u, Status: 200}
		if i%50 == 7 {
			p.Error, p.ErrorKind = "the page did not finish loading within 60s: raise --page-timeout, or the server is too slow", "timeout"
			pages = append(pages, p)
			continue
		}
		for j, r := range rules {
			res := Result{Rule: r.ID, Outcome: "passed", WCAG: r.WCAG, Impact: r.Impact}
			if (i+j)%3 == 0 {
				res.Outcome = "failed"
				for k := range 1 + (i+j)%4 {
					res.Nodes = append(res.Nodes, Node{Outcome: "failed", Baselined: (i+k)%2 == 0,
						Selector: fmt.Sprintf("body > div.sivun-runko > main#sisalto > section:nth-of-type(%d) > div.kortti > a.lue-lisaa", k+1)})
				}
			}
			p.Results = append(p.Results, res)
		}
		pages = append(pages, p)
	}
	r := Rebuild(Meta{Version: "test"}, rules, pages)
	r.Baseline = baselineSummary(r)
	r.SetDisabled([]DisabledRule{{ID: "frame-title", Reason: "a map from a vendor"}})
	r.SetCrawl([]Document{{URL: "https://www.example-kaupunki.fi/a.pdf"}}, []BrokenLink{{URL: "https://www.example-kaupunki.fi/x", Status: 404}}, nil)
	return r
}

// TestTextFitsWidth: the tables of the full text view fit the terminal,
// and lose nothing: the pages and selectors are wrapped, not cut.
func TestTextFitsWidth(t *testing.T) {
	r := bigReport(3)
	for _, width := range []int{80, 100, 160} {
		out := string(render(t, TextWriter{Width: width}, r))
		for _, l := range strings.Split(out, "\n") {
			if (strings.HasPrefix(l, "|") || strings.HasPrefix(l, "+")) && twwidth.Width(l) > width {
				t.Errorf("width %d: table line %q is %d wide", width, l, twwidth.Width(l))
			}
		}
		// The cells of the first and the last column, line after line.
		var first, last strings.Builder
		for _, l := range strings.Split(out, "\n") {
			if cells := strings.Split(l, "|"); len(cells) > 2 {
				first.WriteString(strings.TrimSpace(cells[1]))
				last.WriteString(strings.TrimSpace(cells[len(cells)-2]))
			}
		}
		if want := "/palvelut/asuminen-ja-ymparisto/rakentaminen/luvat-ja-ilmoitukset/sivu-002.html?kieli=fi"; !strings.Contains(first.String(), want) {
			t.Errorf("width %d: page %q is not in the tables, even wrapped:\n%s", width, want, out)
		}
		if want := "body>div.sivun-runko>main#sisalto>section:nth-of-type(1)>div.kortti>a.lue-lisaa"; !strings.Contains(strings.ReplaceAll(last.String(), " ", ""), want) {
			t.Errorf("width %d: selector %q is not in the tables, even wrapped:\n%s", width, want, out)
		}
	}
	plain := string(render(t, TextWriter{}, r))
	if !strings.Contains(plain, "| /palvelut/asuminen-ja-ymparisto/rakentaminen/luvat-ja-ilmoitukset/sivu-000.html?kieli=fi | ") {
		t.Errorf("without a width, a page is not on one line of the table:\n%s", plain)
	}
}

func TestCommonSite(t *testing.T) {
	tests := []struct {
		urls []string
		want string
	}{
		{[]string{"https://a.fi/", "https://a.fi/b?c=d"}, "https://a.fi"},
		{[]string{"https://a.fi/", "http://a.fi/"}, ""},
		{[]string{"https://a.fi/", "https://b.a.fi/"}, ""},
		{[]string{"https://a.fi:8443/x"}, "https://a.fi:8443"},
		{[]string{"testdata/site/esteet.html"}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := commonSite(tt.urls); got != tt.want {
			t.Errorf("commonSite(%q) = %q, want %q", tt.urls, got, tt.want)
		}
	}
	for raw, want := range map[string]string{"https://a.fi": "/", "https://a.fi/": "/", "https://a.fi?x=1": "/?x=1", "https://a.fi/b#c": "/b#c"} {
		if got := relURL("https://a.fi", raw); got != want {
			t.Errorf("relURL(%q) = %q, want %q", raw, got, want)
		}
	}
}
