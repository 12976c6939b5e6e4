package checks

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// htmlPage builds a page model from HTML without a browser: every element
// is rendered unless it or an ancestor has the hidden attribute, and
// nothing has an accessibility-tree entry (names come from the markup).
func htmlPage(t *testing.T, url, src string) *Page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	p := &Page{URL: url, FinalURL: url, ContentType: "text/html"}
	var add func(h *html.Node, parent int, hidden bool) int
	add = func(h *html.Node, parent int, hidden bool) int {
		n := &Node{Parent: parent}
		switch h.Type {
		case html.DocumentNode:
			n.Type, n.Name = DocumentNode, "#document"
		case html.ElementNode:
			n.Type, n.Name = ElementNode, h.Data
			for _, a := range h.Attr {
				n.Attrs = append(n.Attrs, Attr{a.Key, a.Val})
				if a.Key == "hidden" {
					hidden = true
				}
			}
			if !hidden {
				n.Layout = &Layout{Box: Rect{W: 10, H: 10}}
			}
		case html.TextNode:
			n.Type, n.Name, n.Text = TextNode, "#text", h.Data
		default:
			return -1
		}
		i := len(p.Nodes)
		p.Nodes = append(p.Nodes, n)
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if ci := add(c, i, hidden); ci >= 0 {
				n.Children = append(n.Children, ci)
			}
		}
		return i
	}
	add(doc, -1, false)
	if err := p.Build(); err != nil {
		t.Fatal(err)
	}
	return p
}

const factsPage = `<!DOCTYPE html>
<html lang="fi-FI"><head><title>Vuokra-asunnot – Esimerkkilä</title></head>
<body class="page-news-list">
<header>
  <a href="#sisalto">Siirry sisältöön</a>
  <a href="/"><img src="logo.svg" alt="Esimerkkilän kunta"></a>
  <a href="/sv/asuminen/vuokra">På svenska</a>
  <form action="/haku/" role="search" aria-label="Sivuston haku">
    <label for="q">Hae sivustolta</label><input id="q" name="q"><button>Hae</button>
  </form>
  <nav aria-label="Päävalikko">
    <ul class="menu">
      <li><a href="/">Etusivu</a></li>
      <li class="current-menu-item"><a href="/asuminen/" aria-current="page">Asuminen</a>
        <ul hidden><li><a href="/asuminen/vuokra?utm_source=x">Vuokra-asunnot</a></li></ul></li>
      <li><a href="https://www.example.fi/liikenne#top">Liikenne</a></li>
      <li><a href="/uutiset">Uutiset</a></li>
      <li><a href="javascript:void(0)">Lisää</a></li>
    </ul>
  </nav>
  <nav class="mobile-nav" hidden><a href="/">Etusivu</a><a href="/asuminen">Asuminen</a></nav>
</header>
<nav aria-label="Murupolku"><a href="/">Etusivu</a> › <a href="/asuminen">Asuminen</a></nav>
<main id="sisalto">
  <h1>Vuokra-asunnot</h1>
  <div class="carousel"><nav><a href="/uutiset/1">Uutinen</a><a href="/uutiset/2">Toinen</a></nav></div>
  <p>Katso myös <a href="/palvelut-a-o">Palvelut A–Ö</a>.</p>
</main>
<footer>
  <a href="/saavutettavuus">Saavutettavuusseloste</a>
  <a href="/sivukartta.html">Sivukartta</a>
  <a href="/sitemap.xml">XML</a>
</footer>
</body></html>`

func TestPageFacts(t *testing.T) {
	p := htmlPage(t, "https://www.example.fi/asuminen/vuokra", factsPage)
	got := PageFacts(p)
	want := &Facts{
		Lang: "fi",
		Nav: []NavBlock{
			{Key: "banner", Kind: BlockBanner, Selector: "body > header", Links: []NavLink{
				{Href: "#sisalto", Name: "Siirry sisältöön"},
				{Href: "/", Name: "Esimerkkilän kunta"},
				{Href: "/sv/asuminen/vuokra", Name: "På svenska"},
			}},
			{Key: "navigation:päävalikko", Kind: BlockNavigation, Label: "Päävalikko", Selector: "body > header > nav:nth-of-type(1)", Links: []NavLink{
				{Href: "/", Name: "Etusivu"},
				{Href: "/asuminen", Name: "Asuminen", Current: true},
				{Href: "/asuminen/vuokra", Name: "Vuokra-asunnot"},
				{Href: "/liikenne", Name: "Liikenne"},
				{Href: "/uutiset", Name: "Uutiset"},
			}},
			{Key: "contentinfo", Kind: BlockFooter, Selector: "body > footer", Links: []NavLink{
				{Href: "/saavutettavuus", Name: "Saavutettavuusseloste"},
				{Href: "/sivukartta.html", Name: "Sivukartta"},
				{Href: "/sitemap.xml", Name: "XML"},
			}},
		},
		Search: []SearchForm{{Action: "/haku", Region: "banner", Label: "Sivuston haku", Input: "Hae sivustolta", Button: "Hae", Selector: "body > header > form"}},
		Ways: []Way{
			{Kind: WayIndex, Href: "/palvelut-a-o", Name: "Palvelut A–Ö"},
			{Kind: WaySitemap, Href: "/sivukartta.html", Name: "Sivukartta"},
		},
	}
	// The banner comes after the navigation in it: a block is added when
	// its walk ends.
	if w, g := jsonOf(t, sortBlocks(want)), jsonOf(t, sortBlocks(got)); w != g {
		t.Errorf("PageFacts:\n got %s\nwant %s", g, w)
	}
	// Facts survive JSON, as the page results keep them.
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var back Facts
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &back) {
		t.Errorf("JSON round trip changes the facts:\n%+v\n%+v", got, &back)
	}
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sortBlocks(f *Facts) *Facts {
	c := *f
	c.Nav = append([]NavBlock(nil), f.Nav...)
	for i := range c.Nav {
		for j := i + 1; j < len(c.Nav); j++ {
			if c.Nav[j].Key < c.Nav[i].Key {
				c.Nav[i], c.Nav[j] = c.Nav[j], c.Nav[i]
			}
		}
	}
	return &c
}

func TestPageFactsKeys(t *testing.T) {
	p := htmlPage(t, "https://www.example.fi/", `<html lang="sv"><body>
<nav id="menu-123" class="is-open main-nav"><a href="/a">A</a></nav>
<nav class="main-nav"><a href="/b">B</a></nav>
<div id="navigation"><a href="/c">C</a></div>
<footer><nav><a href="/d">D</a></nav></footer>
<header><nav><a href="/e">E</a></nav></header>
<search><form><input type="search" name="s"></form></search>
</body></html>`)
	f := PageFacts(p)
	var keys []string
	for _, b := range f.Nav {
		keys = append(keys, b.Key)
	}
	if want := []string{"navigation.main-nav", "navigation.main-nav~2", "menu#navigation", "navigation@contentinfo", "navigation@banner"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	if len(f.Search) != 1 || f.Search[0].Action != "" || f.Search[0].Input != "" {
		t.Errorf("search %+v: want one, handled by the page itself (no action)", f.Search)
	}
	if f.Lang != "sv" {
		t.Errorf("lang %q", f.Lang)
	}
}

func TestNormalHref(t *testing.T) {
	p := htmlPage(t, "https://www.example.fi/a/b?x=1", "<p>")
	base := pageBase(p)
	for in, want := range map[string]string{
		"":                                 "",
		"#":                                "",
		"javascript:go()":                  "",
		"#top":                             "#top",
		"?x=1#top":                         "#top",
		"c/":                               "/a/c",
		"/":                                "/",
		"HTTPS://WWW.EXAMPLE.FI:443/d":     "/d",
		"http://www.example.fi/d":          "http://www.example.fi/d",
		"https://other.fi/e/#f":            "https://other.fi/e",
		"/f?utm_source=n&id=2":             "/f?id=2",
		"mailto:kirjaamo@example.fi":       "mailto:kirjaamo@example.fi",
		"https://www.example.fi/a/b?x=2#c": "/a/b?x=2",
	} {
		if got := normalHref(in, base); got != want {
			t.Errorf("normalHref(%q) = %q, want %q", in, got, want)
		}
	}
}
