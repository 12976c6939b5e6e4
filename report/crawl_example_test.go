package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"saavu/checks"
)

// crawlInput is a made-up crawl of 50 pages of a municipality's site that
// share a template, with the faults templates have: written by
// TestGoldenCrawl -update from crawlExample, read by the HTML audit test.
const crawlInput = "../testdata/golden/crawl.json"

// crawlExample builds the report of a crawl of 50 pages (plus two that
// could not be audited) sharing a header, a search form and a footer, so
// that the same faults repeat on every page.
func crawlExample(t *testing.T) *Report {
	t.Helper()
	ids := []string{"color-contrast", "document-title", "form-field-name", "html-has-lang", "image-alt", "link-name", "meta-viewport"}
	rules, err := checks.Lookup(ids)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*checks.Rule{}
	for _, r := range rules {
		byID[r.ID] = r
	}
	shot := exampleScreenshot()
	crop := func(x, y, w, h int) string { return exampleCrop(shot, image.Rect(x, y, x+w, y+h)) }
	sections := []string{"asuminen", "liikenne", "kulttuuri", "terveys", "opetus"}
	var pages []Page
	for i := range 50 {
		sec := sections[i%len(sections)]
		url := fmt.Sprintf("https://www.esimerkkikunta.fi/%s/sivu-%02d", sec, i+1)
		if i == 0 {
			url = "https://www.esimerkkikunta.fi/"
		}
		withShot := i < 3 // screenshots only on a few pages, to keep the file small
		pick := func(s string) string {
			if withShot {
				return s
			}
			return ""
		}
		res := func(id, outcome string, passed int, nodes ...Node) Result {
			r := byID[id]
			return Result{Rule: id, Outcome: outcome, WCAG: r.WCAG, EN301549: r.EN301549(), ACT: r.ACT, Impact: string(r.Impact), Passed: passed, Nodes: nodes}
		}
		p := Page{URL: url, FinalURL: url, Status: 200, ContentType: "text/html; charset=utf-8", Title: fmt.Sprintf("Sivu %d – Esimerkkikunta", i+1)}
		p.Facts = exampleFacts(sec, i)
		// The header logo has no alt on every page; three pages also have
		// an article image without one.
		imgNodes := []Node{withText(Node{Outcome: "failed", Selector: "body > header > a > img", Snippet: `<img src="/static/logo-esimerkkikunta.svg" class="site-logo">`,
			Screenshot: pick(crop(20, 16, 180, 48))}, noAlt(tx("The image is inside a link: write in the alt text where the link goes (e.g. alt=\"Front page\"). An empty alt is right only if the link has other text.")))}
		if i%17 == 4 {
			imgNodes = append(imgNodes, withText(Node{Outcome: "failed", Selector: "#main > article > figure > img", Snippet: fmt.Sprintf(`<img src="/kuvat/uutinen-%d.jpg" width="640">`, i)},
				noAlt(tx("If the image gives information, write what it tells in the alt text (e.g. alt=\"Map of the city centre\"); if it is only decoration, use an empty alt=\"\"."))))
		}
		p.Results = append(p.Results, res("image-alt", "failed", 3, imgNodes...))
		// Six social media icon links in the footer have no name.
		var links []Node
		for k, some := range []string{"facebook", "instagram", "youtube", "linkedin", "tiktok", "bluesky"} {
			n := withText(Node{Outcome: "failed", Selector: fmt.Sprintf("body > footer > ul > li:nth-of-type(%d) > a", k+1),
				Snippet: fmt.Sprintf(`<a href="https://%s.example/esimerkkikunta" class="some-%s">…</a>`, some, some)},
				tx("This link has no text that a screen reader can announce: {0}. {1}",
					and(tx("it contains only elements without text, such as an icon font or a CSS background image, which screen readers cannot read")),
					tx("Add text that says where the link goes: visible text, visually hidden text, or an aria-label on the link.")))
			if k == 0 {
				n.Screenshot = pick(crop(40, 560, 260, 40))
			}
			links = append(links, n)
		}
		p.Results = append(p.Results, res("link-name", "failed", 24, links...))
		// The search field has only a placeholder.
		p.Results = append(p.Results, res("form-field-name", "failed", 0, withText(Node{Outcome: "failed", Selector: "#haku > input", Snippet: `<input type="search" name="q" placeholder="Hae sivustolta">`,
			Screenshot: pick(crop(760, 20, 220, 36))}, tx("This input field has no name that a screen reader can announce: {0}. {1}", tx("no <label> is connected to it"),
			tx("Connect a visible label to it: give the field an id and write <label for=\"that-id\">…</label>, or put the field inside the <label>.")))))
		// News pages (every other one) have a pale date line; the text
		// differs, the style is the template's.
		switch {
		case i%2 == 1:
			p.Results = append(p.Results, res("color-contrast", "failed", 40, withText(Node{Outcome: "failed", Selector: "#main > article > p.pvm",
				Snippet: fmt.Sprintf(`<p class="pvm">Julkaistu %d.3.2026</p>`, i%28+1), Screenshot: pick(crop(60, 200, 200, 24))},
				tx("Contrast is {0} ({1} on {2}){3}; it must be at least {4} for text of this size ({5}). {6}", "2.84:1", "#999999", "#ffffff", tx(""), "4.5:1",
					tx("{0}", "14px"), tx("Darken the text or lighten the background.")))))
		case i%5 == 0:
			p.Results = append(p.Results, res("color-contrast", "cantTell", 38, withText(Node{Outcome: "cantTell", Selector: "#main > .hero > h1", Snippet: `<h1>Tervetuloa Esimerkkikuntaan</h1>`},
				tx("{0}, so saavu cannot measure the contrast. Check by eye that the text ({1}) has a contrast of at least {2} with what is behind it everywhere, as needed for text of this size ({3}).",
					tx("The text is over a background image ({0})", tx("the background of <{0}> ({1})", "div", "#main > .hero")), tx("{0}", "#ffffff"), "3:1", tx("large text, {0}", "32px")))))
		default:
			p.Results = append(p.Results, res("color-contrast", "passed", 41))
		}
		p.Results = append(p.Results, res("document-title", "passed", 1), res("html-has-lang", "passed", 1))
		if i == 7 {
			p.Results = append(p.Results, res("meta-viewport", "failed", 0, withText(Node{Outcome: "failed", Selector: `meta[name="viewport"]`,
				Snippet: `<meta name="viewport" content="width=device-width, user-scalable=no">`},
				tx("On phones and tablets, people cannot enlarge this page to read it: {0}. Remove user-scalable and maximum-scale from the viewport meta element, e.g. <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">.",
					and(tx("user-scalable={0} turns zooming off", "no"))))))
		} else {
			p.Results = append(p.Results, res("meta-viewport", "passed", 1))
		}
		pages = append(pages, p)
	}
	pages = append(pages,
		Page{URL: "https://www.esimerkkikunta.fi/tapahtumat/kalenteri", Status: 0, Title: "", Error: "page load timed out after 30s", ErrorKind: "timeout"},
		Page{URL: "https://www.esimerkkikunta.fi/asuminen/lomake", Status: 500, ContentType: "text/html", Error: "the server answered 500 Internal Server Error", ErrorKind: "http"},
	)
	r := New(Meta{Version: "1.0.0", GeneratedAt: "2026-11-23T08:30:00Z", Browser: "Chrome/156.0.8078.79"}, rules, pages)
	// The site rules a default run (V3.2.1) runs.
	if err := r.CheckSite(checks.DefaultStandard.SiteRules()); err != nil {
		t.Fatal(err)
	}
	r.SetCrawl(
		[]Document{
			{URL: "https://www.esimerkkikunta.fi/tiedostot/talousarvio-2026.pdf", ContentType: "application/pdf", Size: 2480000, Status: 200, LinkedFrom: []string{"https://www.esimerkkikunta.fi/", "https://www.esimerkkikunta.fi/asuminen/sivu-06"}},
			{URL: "https://www.esimerkkikunta.fi/tiedostot/hakemus.docx", ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Size: 48200, Status: 200, LinkedFrom: []string{"https://www.esimerkkikunta.fi/asuminen/sivu-11"}},
			{URL: "https://www.esimerkkikunta.fi/tiedostot/vanha.pdf", Size: -1, Status: 404, LinkedFrom: []string{"https://www.esimerkkikunta.fi/opetus/sivu-05"}},
		},
		[]BrokenLink{
			{URL: "https://www.esimerkkikunta.fi/palvelut/vanha-sivu", Status: 404, Error: "404 Not Found", LinkedFrom: []string{"https://www.esimerkkikunta.fi/liikenne/sivu-02", "https://www.esimerkkikunta.fi/terveys/sivu-04"}},
		},
		[]SkippedPage{
			{URL: "https://www.esimerkkikunta.fi/hallinto/", Reason: "disallowed by robots.txt", LinkedFrom: []string{"https://www.esimerkkikunta.fi/"}},
			{URL: "https://www.esimerkkikunta.fi/intra/", Reason: "disallowed by robots.txt", LinkedFrom: []string{"https://www.esimerkkikunta.fi/"}},
			{URL: "https://www.esimerkkikunta.fi/vanha", Reason: "redirected out of scope to https://vanha.esimerkkikunta.fi/", LinkedFrom: []string{"https://www.esimerkkikunta.fi/asuminen/sivu-06"}},
		},
	)
	return r
}

// exampleFacts are the facts of page i, of the section sec, of the crawl
// example: every page has the main menu, the search and the footer; the
// health section's template swaps two links of the menu (a failure of
// consistent navigation), the education section's footer names the
// feedback link differently (to review for consistent identification).
func exampleFacts(sec string, i int) *Facts {
	menu := []checks.NavLink{{Href: "/", Name: "Etusivu"}, {Href: "/asuminen", Name: "Asuminen"}, {Href: "/liikenne", Name: "Liikenne"},
		{Href: "/kulttuuri", Name: "Kulttuuri"}, {Href: "/terveys", Name: "Terveys"}, {Href: "/opetus", Name: "Opetus"}}
	if sec == "terveys" && i > 0 {
		menu[4], menu[1] = menu[1], menu[4]
	}
	feedback := "Anna palautetta"
	if sec == "opetus" {
		feedback = "Palaute"
	}
	return &checks.Facts{
		Lang: "fi",
		Nav: []checks.NavBlock{
			{Key: "navigation:päävalikko", Kind: checks.BlockNavigation, Label: "Päävalikko", Selector: "body > header > nav", Links: menu},
			{Key: "contentinfo", Kind: checks.BlockFooter, Selector: "body > footer", Links: []checks.NavLink{
				{Href: "/saavutettavuusseloste", Name: "Saavutettavuusseloste"}, {Href: "/tietosuoja", Name: "Tietosuoja"}, {Href: "/palaute", Name: feedback}}},
		},
		Search: []checks.SearchForm{{Action: "/haku", Region: checks.BlockBanner, Label: "Sivuston haku", Input: "Hae sivustolta", Button: "Hae", Selector: "#haku"}},
	}
}

// Facts is checks.Facts, for short.
type Facts = checks.Facts

// tx builds a rule message as the rules do: a template with its
// arguments, each a string (code, shown as it is) or a Text (translated).
// The templates are the rules' own, so the Finnish and Swedish reports
// show their translations.
func tx(key string, args ...any) checks.Text {
	t := checks.Text{Key: key}
	for _, a := range args {
		switch a := a.(type) {
		case string:
			t.Args = append(t.Args, checks.Arg{Code: a})
		case checks.Text:
			t.Args = append(t.Args, checks.Arg{Text: &a})
		case []checks.Text:
			t.Args = append(t.Args, checks.Arg{And: a})
		}
	}
	return t
}

// and joins parts with "and", as a rule's list of reasons.
func and(parts ...checks.Text) checks.Text { return tx("{0}", parts) }

// noAlt is image-alt's message for an image without an alt attribute.
func noAlt(fix checks.Text) checks.Text {
	return tx("This image has no alt attribute, so screen readers announce it as an unnamed image or read out its file name. {0}", fix)
}

// withText gives a node its message, in English and as a Text.
func withText(n Node, t checks.Text) Node {
	n.Message, n.Text = t.String(), &t
	return n
}

// addReviewExample adds to the crawl example what a review of it would
// have: two rules turned off with a reason, a baseline that accepts the
// zoom-blocking viewport (a whole finding) and two of the three article
// images (part of one), and the EU sample the pages were chosen by.
func addReviewExample(r *Report) {
	r.SetDisabled([]DisabledRule{
		{ID: "identical-links-same-purpose", Reason: "The \"Lue lisää\" links of the news lists are checked by hand in the yearly audit."},
		{ID: "css-orientation-lock", Reason: "The info screen pages are locked to landscape by the screen supplier's contract (decision 12/2026)."},
	})
	b := &Baseline{BaselineVersion: BaselineVersion}
	images := 0
	for _, p := range r.Pages {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				accept := res.Rule == "meta-viewport" || (res.Rule == "image-alt" && strings.HasPrefix(n.Selector, "#main") && images < 2)
				if !accept || n.Outcome != "failed" {
					continue
				}
				if res.Rule == "image-alt" {
					images++
				}
				b.Findings = append(b.Findings, Finding{Rule: res.Rule, URL: p.URL, Selector: n.Selector, Snippet: n.Snippet})
			}
		}
	}
	b.Apply(r)

	s := &Sample{Found: 1184, Size: len(r.Pages), Templates: 4, Seed: 20261123,
		Missing: []string{"a: login page", "a: sitemap", "c: feedback page"}}
	sections := map[string]bool{}
	var random []SamplePage
	for i, p := range r.Pages {
		u := strings.TrimPrefix(p.URL, "https://www.esimerkkikunta.fi")
		sec, _, _ := strings.Cut(strings.Trim(u, "/"), "/")
		switch {
		case u == "/":
			s.Pages = append([]SamplePage{{URL: p.URL, Clause: "a", Reason: "home page", Template: 1}}, s.Pages...)
		case strings.HasSuffix(u, "/lomake"):
			s.Pages = append(s.Pages, SamplePage{URL: p.URL, Clause: "d", Reason: "page template 2", Template: 2})
		case strings.HasSuffix(u, "/kalenteri"):
			s.Pages = append(s.Pages, SamplePage{URL: p.URL, Clause: "d", Reason: "page template 3", Template: 3})
		case !sections[sec]:
			sections[sec] = true
			s.Pages = append(s.Pages, SamplePage{URL: p.URL, Clause: "b", Reason: "site section /" + sec, Template: 1 + 3*(i%2)})
		default:
			random = append(random, SamplePage{URL: p.URL, Clause: "g", Reason: "random page", Template: 1 + 3*(i%2)})
		}
	}
	s.Pages = append(s.Pages, random...)
	r.Sample = s
}

// exampleScreenshot draws a made-up page: a header bar, a search field, a
// text column and a footer, so that the crops show something.
func exampleScreenshot() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 1000, 620))
	fill := func(x, y, w, h int, c color.RGBA) {
		draw.Draw(img, image.Rect(x, y, x+w, y+h), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	fill(0, 0, 1000, 620, color.RGBA{0xff, 0xff, 0xff, 0xff})
	fill(0, 0, 1000, 80, color.RGBA{0x0b, 0x3d, 0x6e, 0xff})
	fill(24, 20, 170, 40, color.RGBA{0xff, 0xd5, 0x4f, 0xff})
	fill(764, 24, 212, 28, color.RGBA{0xf4, 0xf5, 0xf7, 0xff})
	for y := 120; y < 520; y += 28 {
		fill(60, y, 560-(y%5)*40, 12, color.RGBA{0x99, 0x99, 0x99, 0xff})
	}
	fill(0, 540, 1000, 80, color.RGBA{0x1d, 0x2b, 0x45, 0xff})
	for k := range 6 {
		fill(48+k*42, 566, 28, 28, color.RGBA{0xe8, 0xed, 0xf5, 0xff})
	}
	return img
}

// exampleCrop cuts the element and 24px around it out of the page and
// outlines it, as the real screenshots are.
func exampleCrop(page image.Image, el image.Rectangle) string {
	area := el.Inset(-24).Intersect(page.Bounds())
	img := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	draw.Draw(img, img.Bounds(), page, area.Min, draw.Src)
	r := el.Sub(area.Min).Inset(-3)
	for i := range 3 {
		rr := r.Inset(i)
		for x := rr.Min.X; x < rr.Max.X; x++ {
			img.Set(x, rr.Min.Y, highlight)
			img.Set(x, rr.Max.Y-1, highlight)
		}
		for y := rr.Min.Y; y < rr.Max.Y; y++ {
			img.Set(rr.Min.X, y, highlight)
			img.Set(rr.Max.X-1, y, highlight)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return pngPrefix + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// TestGoldenCrawl renders the crawl example, writes it as the JSON input
// of the HTML audit test, and compares the HTML with the golden file.
func TestGoldenCrawl(t *testing.T) {
	r := crawlExample(t)
	addReviewExample(r)
	var in bytes.Buffer
	if err := (JSONWriter{}).Write(&in, r); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{crawlInput: in.Bytes()}
	for _, lang := range []string{"en", "fi"} {
		var buf bytes.Buffer
		loc := time.UTC
		if lang == "fi" {
			loc = helsinki
		}
		if err := (HTMLWriter{Lang: lang, Location: loc}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		name := "report.crawl.html"
		if lang != "en" {
			name = "report.crawl." + lang + ".html"
		}
		files[filepath.Join("..", "testdata", "golden", "out", name)] = buf.Bytes()
	}
	for path, got := range files {
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./report -run TestGoldenCrawl -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (if the change is intended, run with -update and review the diff):\n%s", path, firstDiff(want, got))
		}
	}
}

// TestCrawlExampleGroups checks what a reader of the crawl example must
// see: a handful of findings instead of hundreds, in the right order, and
// fixes that remove most failures.
func TestCrawlExampleGroups(t *testing.T) {
	r := crawlExample(t)
	groups := Groups(r)
	var got []string
	for _, g := range groups {
		got = append(got, fmt.Sprintf("%s %s %d/%d", g.Rule, g.Outcome, len(g.Pages), g.Elements))
	}
	want := []string{
		"form-field-name failed 50/50",
		"image-alt failed 50/50",
		// The article images of three news pages: each page's own.
		"image-alt failed 1/1", "image-alt failed 1/1", "image-alt failed 1/1",
		"meta-viewport failed 1/1",
		"link-name failed 50/300", // six icon links in the footer of every page
	}
	want = append(want,
		"color-contrast failed 25/25", // the date line of the news pages: its style is the template's
		"color-contrast cantTell 5/5") // the same heading on five pages
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups:\n  %v\nwant\n  %v", got, want)
	}
	fixes, total := TopFixes(r, 5)
	removed := 0
	for _, f := range fixes {
		removed += f.Removes
	}
	// The four template faults remove 172: the search field and the icon
	// links on all 50 pages, the logo on the 47 pages without a news
	// image of their own, the date line's colour on 25. The fifth fix is
	// one page's own news image; what is left is each page's own.
	if total != 176 || total != r.Summary.Failed || removed != 173 {
		t.Errorf("fixes remove %d of %d (summary: %d failed), want 173 of 176", removed, total, r.Summary.Failed)
	}
}

// TestCrawlExampleTranslated keeps the example's messages those of the
// rules: each has a Finnish and a Swedish translation, so the golden
// reports in those languages show them.
func TestCrawlExampleTranslated(t *testing.T) {
	n := 0
	for _, p := range crawlExample(t).Pages {
		for _, res := range p.Results {
			for _, node := range res.Nodes {
				if node.Text == nil {
					t.Errorf("%s %s %s: no Text", p.URL, res.Rule, node.Selector)
					continue
				}
				n++
				for _, lang := range checks.MessageLanguages {
					if s, ok := node.Text.In(lang); !ok {
						t.Errorf("%s %s: not all in %s: %q", res.Rule, node.Selector, lang, s)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("the example has no messages")
	}
}
