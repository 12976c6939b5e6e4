package checks

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Facts are what the site rules (site.go) need to know of one page:
// its navigation blocks with their links in order, its search forms and
// its links to other ways of finding pages (a site map, an A–Z index),
// and its help mechanisms (contact details, a chat, a help page).
// PageFacts takes them from the captured page. They are small, so that
// the results of every page keep them, and the site rules can run again
// on saved results (saavu report).
type Facts struct {
	Lang   string       `json:"lang,omitempty"` // primary subtag of the page's language: pages are compared within a language
	Nav    []NavBlock   `json:"nav,omitempty"`
	Search []SearchForm `json:"search,omitempty"`
	Ways   []Way        `json:"ways,omitempty"`
	Help   []Help       `json:"help,omitempty"` // help mechanisms (3.2.6), in document order
}

// NavBlock is a block of links repeated from page to page: a navigation
// landmark (<nav>, role=navigation), the page's header (banner) or footer
// (contentinfo) outside the navigation in them, or a container named as
// a menu (id or class nav, menu, navbar…).
type NavBlock struct {
	// Key identifies the block across pages: its kind, then its label,
	// or without one its id or first class and the landmark it is in
	// ("navigation.menu@contentinfo"), then "~2", "~3"… for a second,
	// third block of the page with the same key.
	Key      string    `json:"key"`
	Kind     string    `json:"kind"`            // navigation, banner, contentinfo or menu
	Label    string    `json:"label,omitempty"` // accessible name of the landmark
	Selector string    `json:"selector"`
	Links    []NavLink `json:"links"` // in document order
}

// NavLink is a link of a navigation block.
type NavLink struct {
	// Href is where the link leads: the path and query on the page's own
	// site ("/palvelut"), an absolute URL elsewhere, "#id" for a place on
	// the page itself. A trailing slash and the fragment are dropped.
	Href    string `json:"href"`
	Name    string `json:"name"`              // accessible name, white space collapsed
	Current bool   `json:"current,omitempty"` // marked as the current page (aria-current, or a class current, active or selected)
}

// SearchForm is a search on the page: a search landmark, or a form with a
// search field.
type SearchForm struct {
	Action   string `json:"action"`           // where it sends the search, as NavLink.Href; "" when scripts handle it
	Region   string `json:"region,omitempty"` // the landmark it is in: banner, navigation, main, contentinfo, complementary
	Label    string `json:"label,omitempty"`  // accessible name of the search landmark or form
	Input    string `json:"input,omitempty"`  // accessible name of its search field
	Button   string `json:"button,omitempty"` // accessible name of its submit button
	Selector string `json:"selector"`
}

// Way is a way to find pages besides the navigation: a link to a site
// map, to an A–Z index or to a search page, or the page itself being one.
type Way struct {
	Kind string `json:"kind"`           // sitemap, index or search
	Href string `json:"href,omitempty"` // as NavLink.Href; "" when the page itself is the site map or index
	Name string `json:"name"`           // the link's name, or the page's title
}

// The kinds of NavBlock.
const (
	BlockNavigation = "navigation"
	BlockBanner     = "banner"
	BlockFooter     = "contentinfo"
	BlockMenu       = "menu"
)

// The kinds of Way.
const (
	WaySitemap = "sitemap"
	WayIndex   = "index"
	WaySearch  = "search"
)

// Limits that keep the facts of a page small.
const (
	maxBlocks     = 20
	maxBlockLinks = 200
	maxSearch     = 5
	maxWays       = 10
	maxFactName   = 100 // runes
)

// PageFacts takes from a built page what the site rules need. It returns
// nil for a page that is not HTML.
func PageFacts(p *Page) *Facts {
	if p.Build() != nil {
		return nil
	}
	root := htmlRoot(p)
	if root == nil {
		return nil
	}
	f := &Facts{}
	if lang, ok := p.Lang(); ok {
		f.Lang = primaryLanguage(lang)
	}
	base := pageBase(p)
	x := factsWalk{p: p, base: base, f: f, keys: map[string]int{}}
	x.walk(root, nil, false)
	x.pageWays()
	f.Help = pageHelp(root, base)
	if len(f.Nav) > maxBlocks {
		f.Nav = f.Nav[:maxBlocks]
	}
	return f
}

type factsWalk struct {
	p    *Page
	base *url.URL
	f    *Facts
	keys map[string]int // block keys given so far, for the ordinal
}

// walk visits the elements under n; block is the navigation block the
// links there belong to (nil outside one); off is true inside a block of
// links that is not navigation, where no block starts.
func (x *factsWalk) walk(n *Node, block *NavBlock, off bool) {
	for _, c := range n.ChildNodes() {
		if c.Type != ElementNode || c.Name == "template" || ariaHidden(c) {
			continue
		}
		switch kind, skip := x.blockKind(c, block != nil); {
		case off:
		case skip:
			// Breadcrumbs, pagination, a carousel, news: not navigation
			// repeated from page to page. Their links belong to no block.
			x.walk(c, nil, true)
			continue
		case kind != "":
			if !c.Rendered() {
				continue // a menu not shown (a mobile menu at desktop width)
			}
			b := x.newBlock(c, kind)
			x.walk(c, b, false)
			if len(b.Links) > 0 {
				x.f.Nav = append(x.f.Nav, *b)
			}
			continue
		}
		if r, _ := semanticRole(c); r == "search" || c.Is("form") {
			x.search(c)
		}
		if isLink(c) {
			l, ok := x.link(c)
			if ok {
				if block != nil && len(block.Links) < maxBlockLinks {
					block.Links = append(block.Links, l)
				}
				x.way(l)
			}
		}
		x.walk(c, block, off)
	}
}

func isLink(n *Node) bool {
	if !n.Is("a", "area") {
		return false
	}
	r, _ := semanticRole(n)
	return r == "link" && n.HasAttr("href")
}

// notNavigation matches the labels, ids and classes of blocks of links
// that are not navigation repeated on the pages of a site: breadcrumbs,
// pagination, tables of contents, related links, news, carousels.
var notNavigation = regexp.MustCompile(`(?i)bread|crumb|murupol|murupolku|navigointipolku|brödsmul|brodsmul|sijaintisi|du är här|you are here|olet tässä|` +
	`paginat|pager|sivutus|sivunumer|paginering|` +
	`table of contents|\btoc\b|sisällys|innehåll|on this page|tällä sivulla|på den här sidan|på denna sida|` +
	`related|liittyv|relaterad|katso myös|se även|see also|` +
	`\bnews\b|uutis|nyhet|ajankohtai|aktuellt|popular|suosituim|luetuim|populär|mest läst|` +
	`carousel|karusel|slider|slideshow|swiper|slick|glide`)

// menuToken matches the ids and class names of containers that hold a
// site's menu or header or footer without a landmark role.
var menuToken = regexp.MustCompile(`(?i)^(?:(?:main|primary|top|site|global|header)[-_]?)?(?:nav|navi|navbar|navigation|menu)$|^(?:site[-_]?|page[-_]?)?(?:header|footer)$`)

// blockKind says whether n starts a navigation block, and of what kind;
// skip is true for a block of links that is not navigation. A container
// named as a menu starts a block only outside other blocks (the list of
// links in a <nav> is that navigation's).
func (x *factsWalk) blockKind(n *Node, inBlock bool) (kind string, skip bool) {
	role, _ := semanticRole(n)
	switch role {
	case "navigation":
		kind = BlockNavigation
	case "banner":
		kind = BlockBanner
	case "contentinfo":
		kind = BlockFooter
	}
	if isLink(n) || role == "button" {
		return "", false
	}
	// What the block says it is: its label (of a landmark; other
	// elements' names come from their text), id, class and role
	// description.
	label := n.AttrOr("aria-label", "")
	if kind == BlockNavigation || role == "region" || role == "complementary" {
		label = landmarkName(n)
	}
	hint := strings.Join([]string{label, n.AttrOr("id", ""), n.AttrOr("class", ""), n.AttrOr("aria-roledescription", "")}, " ")
	if (kind == BlockNavigation || kind == "") && notNavigation.MatchString(hint) && !wrapsPage(n) {
		return "", true
	}
	if kind == "" && !inBlock && (role == "generic" || role == "list" || role == roleNoneHTML) {
		for _, t := range append([]string{n.AttrOr("id", "")}, strings.Fields(n.AttrOr("class", ""))...) {
			if menuToken.MatchString(t) {
				switch {
				case strings.Contains(strings.ToLower(t), "header"):
					kind = BlockBanner
				case strings.Contains(strings.ToLower(t), "footer"):
					kind = BlockFooter
				default:
					kind = BlockMenu
				}
				break
			}
		}
	}
	return kind, false
}

// wrapsPage reports whether n holds a part of the page rather than being
// one: it is <body> or holds the main content, the header or the footer
// (<body class="page-news-list">, a wrapper <div class="news-page">).
func wrapsPage(n *Node) bool {
	if n.Is("html", "body", "main") {
		return true
	}
	for _, d := range n.Descendants() {
		switch r, _ := semanticRole(d); r {
		case "main", "banner", "contentinfo":
			return true
		}
	}
	return false
}

// landmarkName is the accessible name of a landmark: the browser's, or
// aria-label, or the text of the elements aria-labelledby names.
func landmarkName(n *Node) string {
	if name := collapse(n.AccessibleName()); name != "" {
		return name
	}
	if l := collapse(n.AttrOr("aria-label", "")); l != "" {
		return l
	}
	var parts []string
	for _, id := range strings.Fields(n.AttrOr("aria-labelledby", "")) {
		if e := byID(n, id); e != nil {
			parts = append(parts, collapse(e.TextContent()))
		}
	}
	return collapse(strings.Join(parts, " "))
}

func (x *factsWalk) newBlock(n *Node, kind string) *NavBlock {
	b := &NavBlock{Kind: kind, Label: clip(landmarkName(n)), Selector: n.Selector()}
	key := kind
	switch {
	case b.Label != "":
		key += ":" + strings.ToLower(b.Label)
	case n.AttrOr("id", "") != "" && !hasDigits(n.AttrOr("id", "")):
		key += "#" + n.AttrOr("id", "")
	default:
		for _, c := range strings.Fields(n.AttrOr("class", "")) {
			if !stateClass.MatchString(c) && !hasDigits(c) {
				key += "." + c
				break
			}
		}
	}
	if b.Label == "" && (kind == BlockNavigation || kind == BlockMenu) {
		// An unnamed menu in the header is not the one in the footer.
		if r := x.region(n); r != "" && r != "navigation" {
			key += "@" + r
		}
	}
	x.keys[key]++
	if k := x.keys[key]; k > 1 {
		key += "~" + strconv.Itoa(k)
	}
	b.Key = key
	return b
}

// stateClass matches class names that say a state, not what a block is.
var stateClass = regexp.MustCompile(`(?i)^(?:is-|has-|js-)|^(?:active|open|opened|closed|collapsed|expanded|show|hidden|sticky|fixed|current|selected)$`)

func hasDigits(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// currentClass matches the classes that mark the link to the current
// page in a menu.
var currentClass = regexp.MustCompile(`(?i)^(?:is-|)(?:active|current|selected)(?:[-_](?:page|item|menu-item))?$|^current[-_]menu[-_]item$|^current[-_]page[-_]item$`)

// link reads a link; ok is false for one that leads nowhere saavu can
// tell (no address, "#", a script).
func (x *factsWalk) link(n *Node) (NavLink, bool) {
	href := normalHref(n.AttrOr("href", ""), x.base)
	if href == "" {
		return NavLink{}, false
	}
	l := NavLink{Href: href, Name: clip(linkText(n))}
	if v, ok := n.Attr("aria-current"); ok && v != "false" {
		l.Current = true
	}
	for e, i := n, 0; e != nil && i < 2 && !l.Current; e, i = e.ParentElement(), i+1 {
		for _, c := range strings.Fields(e.AttrOr("class", "")) {
			if currentClass.MatchString(c) {
				l.Current = true
				break
			}
		}
	}
	return l, true
}

// linkText is a link's accessible name: the browser's, or without one
// (a link not rendered, in a closed menu) its aria-label, or its text
// and the alt text of its images.
func linkText(n *Node) string {
	if name := collapse(n.AccessibleName()); name != "" {
		return name
	}
	if l := collapse(n.AttrOr("aria-label", "")); l != "" {
		return l
	}
	var b strings.Builder
	var visit func(*Node)
	visit = func(e *Node) {
		for _, c := range e.ChildNodes() {
			switch {
			case c.Type == TextNode:
				b.WriteString(c.Text)
			case c.Type != ElementNode || ariaHidden(c):
			case c.Is("img"):
				b.WriteString(" " + c.AttrOr("alt", "") + " ")
			default:
				visit(c)
			}
		}
	}
	visit(n)
	if s := collapse(b.String()); s != "" {
		return s
	}
	return collapse(n.AttrOr("title", ""))
}

// clip shortens a name to maxFactName characters.
func clip(s string) string { return truncate(collapse(s), maxFactName) }

// pageBase is the address links of the page are resolved against.
func pageBase(p *Page) *url.URL {
	raw := p.FinalURL
	if raw == "" {
		raw = p.URL
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	if b := p.Find("head > base[href]"); len(b) > 0 {
		if bu, err := url.Parse(strings.TrimSpace(b[0].AttrOr("href", ""))); err == nil {
			u = u.ResolveReference(bu)
		}
	}
	return u
}

// normalHref resolves href against base as NavLink.Href says; "" for a
// link that leads nowhere saavu can tell.
func normalHref(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	low := strings.ToLower(href)
	if href == "" || href == "#" || strings.HasPrefix(low, "javascript:") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if u.Scheme != "http" && u.Scheme != "https" {
		u.Fragment, u.RawFragment = "", ""
		return u.String()
	}
	if h, port, ok := strings.Cut(u.Host, ":"); ok && (port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https") {
		u.Host = h
	}
	if base != nil && u.Host == strings.ToLower(base.Host) && u.Path == base.Path && u.RawQuery == base.RawQuery && u.Fragment != "" {
		return "#" + u.Fragment // a place on the page itself
	}
	u.Fragment, u.RawFragment = "", ""
	if len(u.Path) > 1 {
		u.Path = strings.TrimRight(u.Path, "/")
		u.RawPath = ""
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if base != nil && u.Scheme == strings.ToLower(base.Scheme) && u.Host == strings.ToLower(base.Host) {
		u.Scheme, u.Host = "", ""
	}
	return u.String()
}

// searchWords match the names of search fields, buttons and pages.
var searchWords = regexp.MustCompile(`(?i)\b(?:search|hae|haku|hakusana|etsi|sök|söksträng)`)

// searchInputNames are the name attributes search fields are often
// given.
var searchInputNames = []string{"q", "s", "query", "search", "searchword", "search_api_fulltext", "keys", "keyword", "keywords", "haku", "hakusana", "sana", "sok", "term", "text", "fulltext"}

// search records the search form or landmark n, if it is one.
func (x *factsWalk) search(n *Node) {
	if len(x.f.Search) >= maxSearch {
		return
	}
	role, _ := semanticRole(n)
	landmark := role == "search"
	form := n
	if !n.Is("form") {
		form = nil
		for _, d := range n.Descendants() {
			if d.Is("form") {
				form = d
				break
			}
		}
	} else if up := n.ParentElement(); up != nil {
		for e := up; e != nil; e = e.ParentElement() {
			if r, _ := semanticRole(e); r == "search" {
				return // recorded with its landmark
			}
		}
	}
	var field *Node
	scope := n
	for _, d := range scope.Descendants() {
		if !d.Is("input") {
			continue
		}
		t := strings.ToLower(d.AttrOr("type", "text"))
		if t == "search" {
			field = d
			break
		}
		if t == "text" || t == "" {
			named := slices.Contains(searchInputNames, strings.ToLower(d.AttrOr("name", "")))
			labelled := searchWords.MatchString(strings.Join([]string{d.AccessibleName(), d.AttrOr("aria-label", ""), d.AttrOr("placeholder", ""), d.AttrOr("title", ""), d.AttrOr("id", "")}, " "))
			if field == nil && (named || labelled || landmark) {
				field = d
			}
		}
	}
	if !landmark && field == nil {
		return
	}
	s := SearchForm{Selector: n.Selector(), Region: x.region(n)}
	if form != nil {
		// A form without an action goes to the page itself: it has
		// none that is the same from page to page.
		if a := strings.TrimSpace(form.AttrOr("action", "")); a != "" {
			s.Action = normalHref(a, x.base)
		}
	}
	s.Label = clip(landmarkName(n))
	if s.Label == "" && form != nil && form != n {
		s.Label = clip(landmarkName(form))
	}
	if field != nil {
		s.Input = clip(fieldName(field))
	}
	for _, d := range scope.Descendants() {
		isSubmit := d.Is("button") && strings.ToLower(d.AttrOr("type", "submit")) == "submit" ||
			d.Is("input") && (strings.EqualFold(d.AttrOr("type", ""), "submit") || strings.EqualFold(d.AttrOr("type", ""), "image"))
		if isSubmit {
			s.Button = clip(buttonText(d))
			break
		}
	}
	x.f.Search = append(x.f.Search, s)
}

// fieldName is a form field's accessible name, or without one its
// aria-label, the text of its <label>, its placeholder or title.
func fieldName(n *Node) string {
	if name := collapse(n.AccessibleName()); name != "" {
		return name
	}
	if l := collapse(n.AttrOr("aria-label", "")); l != "" {
		return l
	}
	if id := n.AttrOr("id", ""); id != "" {
		for _, l := range n.Page().Find("label") {
			if l.AttrOr("for", "") == id {
				if s := collapse(l.TextContent()); s != "" {
					return s
				}
			}
		}
	}
	if l := n.Closest("label"); l != nil {
		if s := collapse(l.TextContent()); s != "" {
			return s
		}
	}
	return collapse(n.AttrOr("placeholder", n.AttrOr("title", "")))
}

func buttonText(n *Node) string {
	if name := collapse(n.AccessibleName()); name != "" {
		return name
	}
	if n.Is("input") {
		return collapse(n.AttrOr("value", n.AttrOr("alt", "")))
	}
	return linkText(n)
}

// region is the landmark n is in.
func (x *factsWalk) region(n *Node) string {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		switch r, _ := semanticRole(e); r {
		case "banner", "navigation", "main", "contentinfo", "complementary":
			return r
		}
	}
	return ""
}

// Words of the links to the other ways of finding pages, in English,
// Finnish and Swedish.
var (
	sitemapWords = regexp.MustCompile(`(?i)sivukartta|site ?map|webbplatskarta|sajtkarta|sidkarta|webbkarta`)
	sitemapPath  = regexp.MustCompile(`(?i)/(?:sivukartta|sitemap|site-map|webbplatskarta|sajtkarta)(?:\.html?|\.php|\.aspx?)?/?$`)
	indexWords   = regexp.MustCompile(`(?i)(?:^|[^\p{L}])a ?[-–—] ?(?:z|ö|å)(?:[^\p{L}]|$)|aakkos|hakemisto|site index|subject index|a to z|ämnesindex|index a`)
	searchName   = regexp.MustCompile(`(?i)^(?:hae|haku|etsi|search|sök|hae sivustolta|sök på webbplatsen|search the site|tarkennettu haku|advanced search|avancerad sökning)$`)
	searchPath   = regexp.MustCompile(`(?i)/(?:haku|search|sok|s%c3%b6k|hae)(?:\.html?|\.php|\.aspx?)?/?$`)
)

// way records the link l when it leads to another way of finding pages.
func (x *factsWalk) way(l NavLink) {
	path := l.Href
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	kind := ""
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".xml"):
		return // a sitemap for search engines, not for people
	case sitemapWords.MatchString(l.Name) || sitemapPath.MatchString(path):
		kind = WaySitemap
	case indexWords.MatchString(l.Name):
		kind = WayIndex
	case searchName.MatchString(l.Name) || searchPath.MatchString(path):
		kind = WaySearch
	default:
		return
	}
	x.addWay(Way{Kind: kind, Href: l.Href, Name: l.Name})
}

// pageWays records the page itself when it is a site map or an index.
func (x *factsWalk) pageWays() {
	heading := ""
	if h := x.p.Find("h1"); len(h) > 0 {
		heading = collapse(h[0].TextContent())
	}
	for _, s := range []string{heading, x.p.Title} {
		switch {
		case s == "":
		case sitemapWords.MatchString(s):
			x.addWay(Way{Kind: WaySitemap, Name: clip(s)})
			return
		case indexWords.MatchString(s):
			x.addWay(Way{Kind: WayIndex, Name: clip(s)})
			return
		}
	}
}

func (x *factsWalk) addWay(w Way) {
	if len(x.f.Ways) >= maxWays || slices.ContainsFunc(x.f.Ways, func(o Way) bool { return o.Kind == w.Kind && o.Href == w.Href }) {
		return
	}
	x.f.Ways = append(x.f.Ways, w)
}
