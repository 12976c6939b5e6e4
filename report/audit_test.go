package report_test

import (
	"bytes"
	"context"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/chrometest"
	"saavu/report"
)

func TestMain(m *testing.M) {
	code := m.Run()
	chrometest.Close()
	os.Exit(code)
}

// TestHTMLReportPassesOwnRules audits the HTML reports of the golden
// inputs (a few pages; a crawl of 50 pages with documents, broken links,
// skipped pages and its sample) in every language with every rule saavu
// has, the extra ones too (as check --extra): our own report must not
// fail our own rules. The reflow probe looks at the reports in a window
// 320 px wide, where nothing may reach beyond the edge: the wide tables
// scroll inside boxes of their own, which keyboard users can reach.
func TestHTMLReportPassesOwnRules(t *testing.T) {
	b := chrometest.Browser(t)
	dir := t.TempDir()
	// out/documents: a report of documents with results (documents_test.go).
	inputs := []string{"report", "crawl", "out/documents"}
	for _, in := range inputs {
		r := readGolden(t, in)
		in = filepath.Base(in)
		if in == "crawl" {
			r = everyRule(r)
		}
		for _, lang := range report.Languages {
			writeHTML(t, filepath.Join(dir, in+"."+lang+".html"), r, lang)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	rules := checks.Every()
	t.Logf("%d rules", len(rules))
	for _, in := range inputs {
		in = filepath.Base(in)
		for _, lang := range report.Languages {
			t.Run(in+"/"+lang, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
				defer cancel()
				page := capture(ctx, t, b, srv.URL+"/"+in+"."+lang+".html")
				auditOwnPage(t, page, rules)
				// The script ran: the filters are shown, and the live region
				// says how many findings are shown.
				form, shown := page.ElementByID("filters"), page.ElementByID("shown")
				switch {
				case in == "documents": // no page: no findings to filter
				case form == nil || shown == nil:
					t.Errorf("no filter form or live region")
				case form.HasAttr("hidden"):
					t.Errorf("the filter form is still hidden: the script did not run")
				case strings.TrimSpace(shown.TextContent()) == "":
					t.Errorf("the live region is empty: the script did not run")
				}
			})
		}
	}
}

// TestOtherHTMLPassesOwnRules audits saavu's other HTML pages with every
// rule, as TestHTMLReportPassesOwnRules audits the report: the diff and
// trend goldens (testdata/golden/diff/out) and the overview of a
// monitoring run, in every language they have.
func TestOtherHTMLPassesOwnRules(t *testing.T) {
	b := chrometest.Browser(t)
	dir := t.TempDir()
	var pages []string
	golden := filepath.Join("..", "testdata", "golden", "diff", "out")
	for _, name := range []string{"diff.html", "diff.fi.html", "diff.sv.html", "trend.html", "trend.fi.html"} {
		data, err := os.ReadFile(filepath.Join(golden, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, name)
	}
	for _, lang := range report.Languages {
		w, err := report.NewOverviewWriter("html", lang)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := w.WriteOverview(&buf, report.TestOverview()); err != nil {
			t.Fatal(err)
		}
		name := "overview." + lang + ".html"
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, name)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	// statement-link asks a site's pages to link to the site's statement:
	// these are files saavu writes for one person, outside any site (the
	// report passes it only as its title names accessibility).
	rules := slices.DeleteFunc(checks.Every(), func(r *checks.Rule) bool { return r.ID == "statement-link" })
	for _, name := range pages {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
			defer cancel()
			auditOwnPage(t, capture(ctx, t, b, srv.URL+"/"+name), rules)
		})
	}
}

// auditOwnPage checks one of saavu's own pages with rules: no rule may
// fail (what needs review is logged), its tables scroll in named regions,
// and in a window 320 px wide nothing reaches beyond the right edge, not
// even a table, which WCAG would let pass.
func auditOwnPage(t *testing.T, page *checks.Page, rules []*checks.Rule) {
	t.Helper()
	results, err := checks.Check(page, rules)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	outcomes := map[checks.Outcome][]string{}
	for _, res := range results {
		outcomes[res.Outcome] = append(outcomes[res.Outcome], res.Rule.ID)
		for _, tg := range res.Targets {
			switch tg.Outcome {
			case checks.Failed:
				t.Errorf("%s failed on %s: %s\n  %s", res.Rule.ID, tg.Node.Selector(), tg.Message, tg.Node.Snippet())
			case checks.CantTell:
				t.Logf("%s needs review on %s: %s", res.Rule.ID, tg.Node.Selector(), tg.Message)
			}
		}
		if res.Outcome == checks.Failed && !hasFailedTarget(res) {
			t.Errorf("%s failed", res.Rule.ID)
		}
	}
	t.Logf("passed: %v; inapplicable: %v; cantTell: %v", outcomes[checks.Passed], outcomes[checks.Inapplicable], outcomes[checks.CantTell])
	checkTableRegions(t, page)
	if page.Reflow != nil {
		for _, w := range page.Reflow.Wide {
			what := "an element"
			if w.Node > 0 && w.Node < len(page.Nodes) {
				what = page.Nodes[w.Node].Selector()
			}
			t.Errorf("at 320 px, %s reaches %.0f px (%s)", what, w.Right, w.Kind)
		}
	}
}

// everyRule returns r as if every rule of saavu but the disabled ones had
// run, as in a crawl with --extra (the crawl example lists only the rules
// it has results of): the criteria table then names all the tests of
// each criterion, the long rule ids among them, which must still fit a
// narrow window.
func everyRule(r *report.Report) *report.Report {
	var rules []*checks.Rule
	for _, rule := range checks.Every() {
		if !slices.ContainsFunc(r.DisabledRules, func(d report.DisabledRule) bool { return d.ID == rule.ID }) {
			rules = append(rules, rule)
		}
	}
	every := report.New(report.Meta{Version: r.Tool.Version, GeneratedAt: r.GeneratedAt, Browser: r.Browser}, rules, r.Pages)
	e := *r // its crawl data, disabled rules and baseline
	e.Rules, e.Summary = every.Rules, every.Summary
	return &e
}

// readGolden reads the golden results testdata/golden/NAME.json.
func readGolden(t *testing.T, name string) *report.Report {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "golden", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// writeHTML writes the HTML report of r in lang to path.
func writeHTML(t *testing.T, path string, r *report.Report, lang string) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := (report.HTMLWriter{Lang: lang}).Write(out, r); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// capture captures the report at url. A probe that does not finish in
// its time (on a busy machine) leaves a note and its rules cannot tell,
// which would let a failure pass unseen: the capture is tried again, and
// a page with notes still after three tries fails the test.
func capture(ctx context.Context, t *testing.T, b *browser.Browser, url string) *checks.Page {
	t.Helper()
	for try := 1; ; try++ {
		page, err := b.Capture(ctx, url)
		if err != nil {
			t.Fatalf("capture: %v", err)
		}
		if len(page.Notes) == 0 {
			return page
		}
		if try == 3 {
			t.Errorf("the audit was not complete after %d tries: %v", try, page.Notes)
			return page
		}
		t.Logf("try %d: %v", try, page.Notes)
	}
}

// checkTableRegions checks that every table of the report sits in a box
// of its own that scrolls sideways, so that in a narrow window the table
// scrolls and the page around it reflows, and that keyboard users can
// reach that box (tabindex="0") and hear what it holds: a region named
// by the table's caption.
func checkTableRegions(t *testing.T, page *checks.Page) {
	t.Helper()
	tables := page.Find("table")
	if len(tables) == 0 {
		t.Errorf("no table")
	}
	for _, tb := range tables {
		box := tb.ParentElement()
		caption := ""
		for _, c := range tb.ChildNodes() {
			if c.Is("caption") {
				caption = strings.Join(strings.Fields(c.TextContent()), " ")
			}
		}
		switch {
		case caption == "":
			t.Errorf("%s has no caption", tb.Selector())
		case box == nil || box.Style("overflow-x") != "auto":
			t.Errorf("%s is not in a box that scrolls sideways (overflow-x: auto)", tb.Selector())
		case box.AttrOr("tabindex", "") != "0" || !box.Focusable():
			t.Errorf("%s: keyboard users cannot reach its box %s (tabindex=\"0\")", tb.Selector(), box.Selector())
		case box.Role() != "region" || box.AccessibleName() != caption:
			t.Errorf("%s: its box %s is %q named %q, want a region named by the caption %q", tb.Selector(), box.Selector(), box.Role(), box.AccessibleName(), caption)
		}
	}
}

func hasFailedTarget(res checks.Result) bool {
	for _, tg := range res.Targets {
		if tg.Outcome == checks.Failed {
			return true
		}
	}
	return false
}

// TestHTMLReportScreenshots renders the crawl report in each language in
// headless Chrome and photographs its first 2,400 px, as a reader first
// sees it: the picture must be the report, not an empty or broken page.
// Set SAAVU_REPORT_SHOTS to a folder to keep the PNGs and look at them.
func TestHTMLReportScreenshots(t *testing.T) {
	chrome := chrometest.Need(t)
	dir := os.Getenv("SAAVU_REPORT_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	r := readGolden(t, "crawl")
	for _, lang := range report.Languages {
		t.Run(lang, func(t *testing.T) {
			page := filepath.Join(t.TempDir(), "report.html")
			writeHTML(t, page, r, lang)
			shot, err := filepath.Abs(filepath.Join(dir, "report.crawl."+lang+".png"))
			if err != nil {
				t.Fatal(err)
			}
			args := []string{"--headless", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2400", "--virtual-time-budget=3000",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + t.TempDir(), "--screenshot=" + shot, "file://" + page}
			if os.Geteuid() == 0 {
				args = append(args, "--no-sandbox")
			}
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			if b, err := exec.CommandContext(ctx, chrome, args...).CombinedOutput(); err != nil {
				t.Fatalf("chrome: %v\n%s", err, b)
			}
			pf, err := os.Open(shot)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(pf)
			pf.Close()
			if err != nil {
				t.Fatalf("%s: %v", shot, err)
			}
			if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2400 {
				t.Fatalf("screenshot is %v, want 1280×2400", b)
			}
			// A rendered report has text, tables and coloured badges: much
			// that is not white, in many colours.
			colours := map[color.RGBA]bool{}
			ink := 0
			for y := 0; y < 2400; y += 2 {
				for x := 0; x < 1280; x += 2 {
					c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
					colours[c] = true
					if c.R < 200 || c.G < 200 || c.B < 200 {
						ink++
					}
				}
			}
			share := float64(ink) / (640 * 1200)
			t.Logf("%s: %.1f%% ink, %d colours", shot, share*100, len(colours))
			if share < 0.02 || len(colours) < 50 {
				t.Errorf("%s looks empty: %.1f%% of it is not white, in %d colours", shot, share*100, len(colours))
			}
		})
	}
}
