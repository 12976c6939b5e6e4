package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	"image/png"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"saavu/checks"
	"saavu/crawl"
)

// TestMessagesComplete checks that every language has every text, and that
// the format verbs agree, so no report shows a missing or broken string.
func TestMessagesComplete(t *testing.T) {
	if got := slices.Sorted(maps.Keys(messages)); !slices.Equal(got, Languages) {
		t.Fatalf("languages with texts = %v, want %v", got, Languages)
	}
	verbs := regexp.MustCompile(`%(\[\d\])?[a-z]`)
	kinds := func(s string) []string {
		var out []string
		for _, v := range verbs.FindAllString(s, -1) {
			out = append(out, v[len(v)-1:])
		}
		slices.Sort(out)
		return out
	}
	en := messages["en"]
	for _, lang := range Languages {
		msgs := messages[lang]
		for _, key := range slices.Sorted(maps.Keys(en)) {
			s, ok := msgs[key]
			switch {
			case !ok:
				t.Errorf("%s: missing %q", lang, key)
			case strings.TrimSpace(s) == "":
				t.Errorf("%s: %q is empty", lang, key)
			case !slices.Equal(kinds(s), kinds(en[key])):
				t.Errorf("%s: %q has format verbs %v, English has %v", lang, key, kinds(s), kinds(en[key]))
			}
		}
		for _, key := range slices.Sorted(maps.Keys(msgs)) {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: %q is not an English key", lang, key)
			}
		}
	}
}

func TestHTMLLanguages(t *testing.T) {
	r, _ := readGoldenInput(t)
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (HTMLWriter{Lang: lang}).Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.Contains(out, `<html lang="`+lang+`">`) {
				t.Errorf("no <html lang=%q>", lang)
			}
			if want := messages[lang]["doc.title"]; !strings.Contains(out, "<title>"+want) {
				t.Errorf("title is not %q", want)
			}
			for _, bad := range []string{"%!", "ZgotmplZ", "<no value>"} {
				if i := strings.Index(out, bad); i >= 0 {
					t.Errorf("output contains %q: …%s…", bad, out[max(0, i-80):min(len(out), i+80)])
				}
			}
			// Success criterion titles come from the translations.
			sc := map[string]string{"en": "Non-text Content", "fi": "Ei-tekstuaalinen sisältö", "sv": "Innehåll som inte är text"}[lang]
			if !strings.Contains(out, sc) {
				t.Errorf("no %q in the %s report", sc, lang)
			}
			// Rule titles are in the report's language when the rule's
			// explanation is translated, and marked English otherwise.
			rules, err := checks.Lookup([]string{"color-contrast"})
			if err != nil {
				t.Fatal(err)
			}
			title := `<span>Text has enough contrast</span>`
			if doc, ok := rules[0].DocIn(lang); lang != "en" && ok {
				title = "<span>" + template.HTMLEscapeString(renderDoc(doc).Title) + "</span>"
			} else if lang != "en" {
				title = `<span lang="en">Text has enough contrast</span>`
			}
			if !strings.Contains(out, title) {
				t.Errorf("no rule title %s", title)
			}
		})
	}
	if err := (HTMLWriter{Lang: "de"}).Write(&bytes.Buffer{}, r); err == nil {
		t.Error("Lang de: no error")
	}
	var def, en bytes.Buffer
	if err := (HTMLWriter{}).Write(&def, r); err != nil {
		t.Fatal(err)
	}
	if err := (HTMLWriter{Lang: "en"}).Write(&en, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(def.Bytes(), en.Bytes()) {
		t.Error("the default language is not English")
	}
}

// TestHTMLEscapesPageData feeds hostile text from an audited page into
// every field the report shows: none of it may come out as markup.
func TestHTMLEscapesPageData(t *testing.T) {
	const (
		script = `<script>alert(1)</script>`
		img    = `"><img src=x onerror=alert(2)>`
		attr   = `' onmouseover='alert(3)`
	)
	evil := script + img + attr
	r := &Report{
		SchemaVersion: SchemaVersion, Tool: Tool{Name: "saavu", Version: "test"}, Standard: DefaultStandard,
		Browser: evil,
		Rules:   []RuleInfo{{ID: "image-alt", Title: evil, Summary: evil, HelpURL: "javascript:alert(4)", WCAG: []string{"1.1.1"}, Impact: evil}},
		Pages: []Page{
			{URL: "https://example.com/?q=" + evil, FinalURL: "javascript:alert(5)", Status: 200, ContentType: evil, Title: evil, Notes: []string{evil},
				Results: []Result{{Rule: "image-alt", Outcome: "failed", WCAG: []string{"1.1.1"}, Impact: evil, ACT: []string{evil},
					Nodes: []Node{{Outcome: "failed", Selector: evil, Snippet: evil, Message: evil, Screenshot: "data:image/png;base64,x\" onerror=\"alert(6)"}}}}},
			{URL: "javascript:alert(7)//" + evil, FinalURL: evil, Title: evil, Error: evil, ErrorKind: evil, Notes: []string{evil}, Results: []Result{}},
		},
	}
	r.Summary = summarize(r.Std(), r.Rules, r.Pages)
	for _, lang := range Languages {
		var buf bytes.Buffer
		if err := (HTMLWriter{Lang: lang}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		// Parse the report as a browser would, and look at what became
		// markup. The one script is the report's own, word for word.
		z := html.NewTokenizer(strings.NewReader(out))
		scripts := 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script":
				scripts++
				z.Next()
				if got := strings.TrimSpace(string(z.Text())); len(tok.Attr) > 0 || got != strings.TrimSpace(ownScript) {
					t.Errorf("%s: the report has a <script> that is not its own: %s %.200q", lang, tok, got)
				}
			case "img", "iframe", "object", "embed", "link", "base", "meta", "form":
				if tok.Data == "meta" || tok.Data == "form" && tok.String() == `<form id="filters" class="filters" hidden="">` {
					break
				}
				t.Errorf("%s: the report has a <%s> element: %s", lang, tok.Data, tok)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: event handler attribute %s in %s", lang, a.Key, tok)
				case (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:")):
					t.Errorf("%s: unsafe URL in %s", lang, tok)
				}
			}
		}
		if scripts != 1 {
			t.Errorf("%s: %d scripts, want 1 (the report's own)", lang, scripts)
		}
		// The text is still there, escaped, for the reader to see.
		for _, want := range []string{
			"&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(2)&gt;&#39; onmouseover=&#39;alert(3)",
			"<code>&lt;script&gt;alert(1)&lt;/script&gt;", // snippet and selector
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the escaped page data %q is missing", lang, want)
			}
		}
	}
}

// ownScript is the report's script, as embedded.
var ownScript = func() string {
	b, err := templatesFS.ReadFile("templates/report.js.tmpl")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// TestHTMLEmpty renders reports with nothing in them: no pages, and one
// page that no rule applied to.
func TestHTMLEmpty(t *testing.T) {
	reports := []*Report{
		New(Meta{}, nil, nil),
		New(Meta{Version: "dev"}, nil, []Page{{URL: "file.html", Status: 200}}),
	}
	for i, r := range reports {
		for _, lang := range Languages {
			var buf bytes.Buffer
			if err := (HTMLWriter{Lang: lang}).Write(&buf, r); err != nil {
				t.Errorf("report %d, %s: %v", i, lang, err)
			}
		}
	}
}

func TestScreenshotURL(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 7, 3))); err != nil {
		t.Fatal(err)
	}
	good := pngPrefix + base64.StdEncoding.EncodeToString(buf.Bytes())
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"png", good, true},
		{"empty", "", false},
		{"jpeg type", strings.Replace(good, "image/png", "image/jpeg", 1), false},
		{"svg", "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", false},
		{"html", "data:text/html;base64,PHNjcmlwdD4=", false},
		{"http", "https://example.com/x.png", false},
		{"quote", good + `" onerror="alert(1)`, false},
		{"not base64", pngPrefix + "!!!!", false},
		{"not a png", pngPrefix + base64.StdEncoding.EncodeToString([]byte("GIF89a...")), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, w, h := screenshotURL(tt.in)
			if (u != "") != tt.ok {
				t.Fatalf("screenshotURL ok = %v, want %v", u != "", tt.ok)
			}
			if tt.ok && (string(u) != tt.in || w != 7 || h != 3) {
				t.Errorf("got %q %dx%d, want the input, 7x3", u, w, h)
			}
		})
	}
}

// TestFormatTime: the human formats show local time with its offset from
// UTC (the <time> element and the JSON keep UTC), in summer and winter,
// east and west of Greenwich, and in UTC.
func TestFormatTime(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   string
		loc  *time.Location
		lang string
		want string
	}{
		{"2026-11-23T23:14:00Z", helsinki, "fi", "24.11.2026 klo 1.14 (UTC+2)"},
		{"2026-11-23T23:14:00Z", helsinki, "sv", "24.11.2026 kl. 1.14 (UTC+2)"},
		{"2026-11-23T23:14:00Z", helsinki, "en", "24 November 2026, 01:14 (UTC+2)"},
		{"2026-07-01T09:05:00Z", helsinki, "fi", "1.7.2026 klo 12.05 (UTC+3)"},
		{"2026-11-23T10:30:00+02:00", time.UTC, "en", "23 November 2026, 08:30 (UTC)"},
		{"2026-11-23T10:30:00+02:00", time.UTC, "fi", "23.11.2026 klo 8.30 (UTC)"},
		{"2026-11-23T10:30:00Z", newYork, "en", "23 November 2026, 05:30 (UTC\u22125)"},
		{"2026-11-23T10:30:00Z", time.FixedZone("IST", 5*3600+1800), "en", "23 November 2026, 16:00 (UTC+5:30)"},
		{"2026-11-23T10:30:00Z", time.FixedZone("IST", 5*3600+1800), "sv", "23.11.2026 kl. 16.00 (UTC+5.30)"},
	}
	for _, tt := range tests {
		got, iso := formatTime(tt.at, tt.lang, tt.loc)
		want, _ := time.Parse(time.RFC3339, tt.at)
		if got != tt.want || iso != want.UTC().Format(time.RFC3339) {
			t.Errorf("%s in %s, %s: got %q %q, want %q", tt.at, tt.loc, tt.lang, got, iso, tt.want)
		}
	}
	if got, _ := formatTime("", "en", time.UTC); got != "" {
		t.Errorf("empty time: got %q", got)
	}
	// The writer takes the zone from its options, and time.Local by default.
	r, _ := readGoldenInput(t)
	for _, tt := range []struct {
		w    Writer
		want string
	}{
		{HTMLWriter{Lang: "fi", Location: helsinki}, `<time datetime="2026-11-23T08:30:00Z">23.11.2026 klo 10.30 (UTC&#43;2)</time>`},
		{must(NewWriter("html", Options{Lang: "sv", Location: newYork})), `<time datetime="2026-11-23T08:30:00Z">23.11.2026 kl. 3.30 (UTC−5)</time>`},
	} {
		if out := string(render(t, tt.w, r)); !strings.Contains(out, tt.want) {
			t.Errorf("no %s", tt.want)
		}
	}
	local, _ := formatTime(r.GeneratedAt, "en", time.Local)
	local = strings.ReplaceAll(local, "+", "&#43;") // as html/template writes it
	if out := string(render(t, HTMLWriter{}, r)); !strings.Contains(out, ">"+local+"</time>") {
		t.Errorf("the default zone is not time.Local: no %q", local)
	}
}

func must(w Writer, err error) Writer {
	if err != nil {
		panic(err)
	}
	return w
}

// TestHTMLExtraRule: a finding of a rule that EN 301 549 does not require
// says so, so that nobody reads it as a failed requirement.
func TestHTMLExtraRule(t *testing.T) {
	r, _ := readGoldenInput(t)
	var failedRule string
	for _, p := range r.Pages {
		for _, res := range p.Results {
			if res.Outcome == "failed" && failedRule == "" {
				failedRule = res.Rule
			}
		}
	}
	render := func() string {
		var buf bytes.Buffer
		if err := (HTMLWriter{Lang: "en"}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	const note = "No – an extra test"
	if strings.Contains(render(), note) {
		t.Fatalf("the golden report has no extra rule, but says %q", note)
	}
	for i := range r.Rules {
		if r.Rules[i].ID == failedRule {
			r.Rules[i].Extra = true
		}
	}
	if out := render(); strings.Count(out, note) < 1 {
		t.Errorf("rule %s is extra, but its findings do not say so", failedRule)
	}
}

// TestSkipReason translates each reason the crawl gives for skipping a
// page, and leaves one it does not know in English, marked so.
func TestSkipReason(t *testing.T) {
	fi := translator{lang: "fi", msgs: messages["fi"]}
	for _, c := range []struct{ in, want, lang string }{
		{"disallowed by robots.txt", "robots.txt kieltää sen", ""},
		{"robots.txt could not be fetched (HTTP 503): under RFC 9309 that means everything is disallowed; use --ignore-robots on a site you are responsible for",
			"robots.txt-tiedostoa ei voitu hakea (HTTP 503): RFC 9309:n mukaan silloin kaikki on kielletty; käytä valitsinta --ignore-robots sivustolla, josta vastaat", ""},
		{"redirected out of scope to https://muu.example/: not audited", "ohjaa tarkastetun sivuston ulkopuolelle, osoitteeseen https://muu.example/", ""},
		{"redirects out of scope to https://muu.example/a", "ohjaa tarkastetun sivuston ulkopuolelle, osoitteeseen https://muu.example/a", ""},
		{"redirects out of scope (HTTP 301)", "ohjaa tarkastetun sivuston ulkopuolelle (HTTP 301)", ""},
		{"redirects to https://a.example/x, audited as https://a.example/y", "ohjaa osoitteeseen https://a.example/x, joka tarkastettiin nimellä https://a.example/y", ""},
		{"not audited yet: the crawl was interrupted (--resume continues it)", "ei vielä tarkastettu: läpikäynti keskeytyi (--resume jatkaa sitä)", ""},
		{"something new", "something new", "en"},
	} {
		if got, lang := skipReason(c.in, fi); got != c.want || lang != c.lang {
			t.Errorf("skipReason(%q) = %q, %q; want %q, %q", c.in, got, lang, c.want, c.lang)
		}
	}
	en := translator{lang: "en", msgs: messages["en"]}
	if got, lang := skipReason("something new", en); got != "something new" || lang != "" {
		t.Errorf("English: %q, %q", got, lang)
	}
	// Every reason the crawl gives is translated.
	for _, f := range crawl.ReasonFormats {
		var args []any
		for _, verb := range regexp.MustCompile(`%[sd]`).FindAllString(f, -1) {
			if verb == "%d" {
				args = append(args, 301)
			} else {
				args = append(args, "https://muu.example/a")
			}
		}
		reason := fmt.Sprintf(f, args...)
		for _, l := range []string{"fi", "sv"} {
			if got, lang := skipReason(reason, translator{lang: l, msgs: messages[l]}); lang != "" || strings.Contains(got, "%!") {
				t.Errorf("%s: the crawl's reason %q is not translated (%q)", l, reason, got)
			}
		}
	}
}

// TestHTMLCounts reads the rendered reports as a browser would and checks
// that every count agrees with what it counts: each heading, caption or
// summary marked data-count with the list that follows it, the legend of
// the criteria with the rows of the table, the overview's cards with the
// table of pages, each page's headings with its row there, and the
// overview's findings with the findings listed.
func TestHTMLCounts(t *testing.T) {
	golden, _ := readGoldenInput(t)
	crawled := crawlExample(t)
	addReviewExample(crawled)
	for name, r := range map[string]*Report{"report": golden, "crawl": crawled} {
		for _, lang := range Languages {
			var buf bytes.Buffer
			if err := (HTMLWriter{Lang: lang}).Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			for _, p := range countProblems(t, buf.String()) {
				t.Errorf("%s, %s: %s", name, lang, p)
			}
		}
	}
}

// countProblems lists the counts in a rendered report that do not agree
// with what they count.
func countProblems(t *testing.T, out string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var all []*html.Node // elements in document order
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			all = append(all, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	hasClass := func(n *html.Node, class string) bool {
		v, _ := attr(n, "class")
		return slices.Contains(strings.Fields(v), class)
	}
	var text func(*html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	inside := func(n, root *html.Node) bool {
		for ; n != nil; n = n.Parent {
			if n == root {
				return true
			}
		}
		return false
	}
	children := func(n *html.Node, tag string) int {
		k := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == tag {
				k++
			}
		}
		return k
	}
	number := regexp.MustCompile(`\d+`)
	var problems []string
	counted := 0
	for i, n := range all {
		v, ok := attr(n, "data-count")
		if !ok {
			continue
		}
		counted++
		want, err := strconv.Atoi(v)
		if err != nil {
			problems = append(problems, fmt.Sprintf("data-count %q", v))
			continue
		}
		label := strings.Join(strings.Fields(text(n)), " ")
		if !slices.Contains(number.FindAllString(label, -1), v) {
			problems = append(problems, fmt.Sprintf("%q does not say its count %d", label, want))
		}
		// The list it counts: the first list after it.
		var list *html.Node
		for _, m := range all[i+1:] {
			if !inside(m, n) && (m.Data == "ul" || m.Data == "ol" || m.Data == "tbody") {
				list = m
				break
			}
		}
		got := -1
		switch {
		case list == nil:
		case list.Data == "tbody":
			got = children(list, "tr")
		default:
			got = children(list, "li")
		}
		if got != want {
			problems = append(problems, fmt.Sprintf("%q: %d items follow it", label, got))
		}
	}
	if counted == 0 {
		problems = append(problems, "nothing is marked data-count")
	}

	// The legend counts the rows of the criteria table by outcome.
	rows := map[string]int{}
	total := 0
	for _, n := range all {
		if n.Data == "tr" && n.Parent.Data == "tbody" && hasClass(n.Parent.Parent, "criteria") {
			v, _ := attr(n, "class")
			rows[strings.TrimPrefix(v, "c-")]++
			total++
		}
	}
	legend := 0
	for _, n := range all {
		if n.Data != "div" || n.Parent == nil || !hasClass(n.Parent, "legend") {
			continue
		}
		var outcome string
		var count int
		for _, m := range all {
			if inside(m, n) && m.Data == "span" && strings.HasPrefix(func() string { v, _ := attr(m, "class"); return v }(), "o o-") && outcome == "" {
				v, _ := attr(m, "class")
				outcome = strings.TrimPrefix(v, "o o-")
			}
			if inside(m, n) && hasClass(m, "count") {
				count, _ = strconv.Atoi(number.FindString(text(m)))
			}
		}
		legend += count
		if rows[outcome] != count {
			problems = append(problems, fmt.Sprintf("the legend counts %d criteria %s; the table has %d", count, outcome, rows[outcome]))
		}
	}
	if legend != total {
		problems = append(problems, fmt.Sprintf("the legend counts %d criteria; the table has %d", legend, total))
	}

	// The cards count the results in the table of pages, and its rows;
	// each page's headings count its results there.
	stats := map[string]int{}
	for _, n := range all {
		if v, ok := attr(n, "data-stat"); ok {
			for _, m := range all {
				if inside(m, n) && hasClass(m, "num") {
					stats[v], _ = strconv.Atoi(text(m))
				}
			}
		}
	}
	sums := map[string]int{}
	pageRows := 0
	byAnchor := map[string][2]int{}
	for _, n := range all {
		if n.Data != "tr" || n.Parent.Data != "tbody" || !hasClass(n.Parent.Parent, "pages") {
			continue
		}
		pageRows++
		var cells []int
		var anchor string
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Data == "td" {
				k, _ := strconv.Atoi(text(c))
				cells = append(cells, k)
			}
			if c.Data == "th" && c.FirstChild != nil && c.FirstChild.Data == "a" {
				anchor, _ = attr(c.FirstChild, "href")
			}
		}
		if len(cells) != 3 {
			problems = append(problems, fmt.Sprintf("a row of the pages table has %d numbers", len(cells)))
			continue
		}
		sums["failed"] += cells[0]
		sums["cantTell"] += cells[1]
		sums["passed"] += cells[2]
		byAnchor[strings.TrimPrefix(anchor, "#")] = [2]int{cells[0], cells[1]}
	}
	for _, o := range []string{"failed", "cantTell", "passed"} {
		if stats[o] != sums[o] {
			problems = append(problems, fmt.Sprintf("the overview counts %d %s results; the table of pages %d", stats[o], o, sums[o]))
		}
	}
	if stats["audited"] != pageRows {
		problems = append(problems, fmt.Sprintf("the overview counts %d pages audited; the table of pages has %d", stats["audited"], pageRows))
	}
	cards := 0
	for _, n := range all {
		if hasClass(n, "card") {
			cards++
		}
	}
	if stats["notAudited"] != cards {
		problems = append(problems, fmt.Sprintf("the overview counts %d pages not audited; %d are described", stats["notAudited"], cards))
	}
	for _, n := range all {
		if n.Data != "section" || !hasClass(n, "page") {
			continue
		}
		id, _ := attr(n, "id")
		var got [2]int
		for _, m := range all {
			if !inside(m, n) || m.Data != "h4" {
				continue
			}
			k, _ := attr(m, "data-count")
			switch {
			case hasClass(m, "h-failed"):
				got[0], _ = strconv.Atoi(k)
			case hasClass(m, "h-cantTell"):
				got[1], _ = strconv.Atoi(k)
			}
		}
		if want := byAnchor[id]; got != want {
			problems = append(problems, fmt.Sprintf("page %s: headings count %v tests, its row in the table of pages %v", id, got, want))
		}
	}

	// The overview counts the findings listed.
	var findings [2]int
	for _, n := range all {
		if n.Data != "article" || !hasClass(n, "group") {
			continue
		}
		if _, accepted := attr(n, "data-accepted"); accepted {
			continue
		}
		if o, _ := attr(n, "data-outcome"); o == "failed" {
			findings[0]++
		} else {
			findings[1]++
		}
	}
	for _, n := range all {
		if id, _ := attr(n, "id"); id == "groups-summary" {
			nums := number.FindAllString(text(n), -1)
			if len(nums) < 2 || nums[0] != strconv.Itoa(findings[0]) || nums[1] != strconv.Itoa(findings[1]) {
				problems = append(problems, fmt.Sprintf("the overview says %q; there are %d failed findings and %d to review", text(n), findings[0], findings[1]))
			}
		}
	}
	return problems
}

// TestHTTPAnswer: what a server answered is in the report's language
// when it is an HTTP error, with the server's own words only when they
// are not the standard ones; other errors stay in English, marked so.
func TestHTTPAnswer(t *testing.T) {
	tests := []struct {
		status int
		err    string
		lang   string
		want   answerView
	}{
		{404, "the server answered HTTP 404 File not found", "fi", answerView{Status: "HTTP 404 – sivua ei löydy", Said: "File not found"}},
		{404, "the server answered HTTP 404 Not Found", "sv", answerView{Status: "HTTP 404 – sidan hittades inte"}},
		{0, "the server answered 500 Internal Server Error", "en", answerView{Status: "HTTP 500 – server error"}},
		{404, "404 Not Found", "fi", answerView{Status: "HTTP 404 – sivua ei löydy"}},
		{410, "", "fi", answerView{Status: "HTTP 410 – poistettu pysyvästi"}},
		{418, "", "en", answerView{Status: "HTTP 418 – the server refused the request"}},
		{599, "the server answered HTTP 599 ", "sv", answerView{Status: "HTTP 599 – serverfel"}},
		{0, "dial tcp 10.0.0.1:443: connect: connection refused", "fi", answerView{Error: "dial tcp 10.0.0.1:443: connect: connection refused", ErrorLng: "en"}},
		{0, "dial tcp 10.0.0.1:443: connect: connection refused", "en", answerView{Error: "dial tcp 10.0.0.1:443: connect: connection refused"}},
		{200, "", "fi", answerView{}},
	}
	for _, tt := range tests {
		if got := httpAnswer(tt.status, tt.err, translator{lang: tt.lang, msgs: messages[tt.lang]}); got != tt.want {
			t.Errorf("%d %q in %s: %+v, want %+v", tt.status, tt.err, tt.lang, got, tt.want)
		}
	}
	// The crawl example's broken link and the page the server refused.
	r := crawlExample(t)
	r.BrokenLinks[0].Error = "the server answered HTTP 404 File not found"
	for _, lang := range []string{"fi", "sv"} {
		out := string(render(t, HTMLWriter{Lang: lang}, r))
		if strings.Contains(out, "the server answered") {
			t.Errorf("%s: an HTTP error is not translated", lang)
		}
		want := map[string]string{"fi": "HTTP 404 – sivua ei löydy", "sv": "HTTP 404 – sidan hittades inte"}[lang]
		if !strings.Contains(out, want) || !strings.Contains(out, `<q lang="en">File not found</q>`) {
			t.Errorf("%s: no %q with the server's words", lang, want)
		}
	}
}
