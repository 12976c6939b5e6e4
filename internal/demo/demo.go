// Package demo is Esimerkkilän kunta, a small made-up Finnish
// municipality site bundled in the binary for `saavu crawl --demo`: a
// first audit that needs no network. Some of its pages pass every rule;
// the others carry the barriers that Pages lists, each small and of a kind
// real municipal sites have, with the rule that must find it. The site is
// in site/ (static files, no external resources); docs/demo.md shows the
// same table to users.
package demo

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"time"

	"saavu/checks"
)

//go:embed site
var files embed.FS

// Site returns the demo site's files, index.html at the top.
func Site() fs.FS {
	site, err := fs.Sub(files, "site")
	if err != nil {
		panic(err) // the folder is embedded: it is there
	}
	return site
}

// Page is a page of the demo site and the barriers planted on it.
type Page struct {
	Path     string    // URL path on the demo site
	Title    string    // its <title>; empty where the empty title is a barrier
	Barriers []Barrier // none: the page passes every rule saavu runs by default
}

// Barrier is a planted barrier and the rule that must find it.
type Barrier struct {
	Rule    string         // rule ID
	Outcome checks.Outcome // checks.Failed, or checks.CantTell where the rule can only ask a person
	What    string         // the barrier, in a few words
}

// The site links one page that is not there (the report lists it as a
// broken link) and one PDF document (listed with the documents).
const (
	BrokenLink = "/ajankohtaista/kesan-uimakoulut.html"
	Document   = "/asiakirjat/valtuusto-2026-11-23.pdf"
)

// Pages are the site's pages in the order of their paths, as the report
// sorts them. kartta/upotus.html is not one: it is the map shown in a
// frame on yhteystiedot.html, audited as part of that page.
var Pages = []Page{
	{Path: "/", Title: "Etusivu – Esimerkkilän kunta", Barriers: []Barrier{
		{"auto-updating-text", checks.CantTell, "the notices change every 1.5 s and nothing pauses them (the page has other controls, so saavu asks a person)"},
		{"image-alt", checks.Failed, "the picture of the first news item has no alt attribute"},
	}},
	{Path: "/ajankohtaista/", Title: "Ajankohtaista – Esimerkkilän kunta", Barriers: []Barrier{
		{"aria-hidden-focus", checks.Failed, "the carousel hides its other slides with aria-hidden, but their links still take focus"},
		{"color-contrast", checks.Failed, "publication dates in pale grey (#a3a3a3 on white, 2.5:1)"},
		{"meta-refresh", checks.Failed, "the page reloads itself every 5 minutes (meta refresh)"},
	}},
	{Path: "/asiointi/palaute.html", Title: "Anna palautetta – Esimerkkilän kunta", Barriers: []Barrier{
		{"autocomplete-valid", checks.Failed, `the phone field has autocomplete="phone" (the token is "tel")`},
		{"focus-visible", checks.Failed, "the form's style removes the focus outline of its fields and button"},
		{"form-field-name", checks.Failed, "the feedback text area's visible label is a span, not a label"},
		{"label-in-name", checks.Failed, `the button shows "Lähetä palaute" but aria-label="Submit" names it`},
	}},
	{Path: "/palvelut/", Title: "Palvelut – Esimerkkilän kunta"},
	{Path: "/palvelut/rakennusvalvonta.html", Title: "Rakennusvalvonta – Esimerkkilän kunta", Barriers: []Barrier{
		{"aria-valid-attr-value", checks.Failed, `the FAQ buttons say aria-expanded="no" ("true" or "false")`},
		{"reflow", checks.Failed, "a notice box of fixed width (46rem) runs off a narrow screen"},
		{"text-spacing-clipped", checks.Failed, "the box of service hours has a fixed height and cuts off text when the spacing widens"},
		{"zoom-text-clipped", checks.Failed, "the same box cuts off its second line at 200 % zoom"},
	}},
	{Path: "/palvelut/uimahalli.html", Title: "Uimahalli – Esimerkkilän kunta", Barriers: []Barrier{
		{"audio-autoplay", checks.Failed, "the presentation video plays with sound by itself, loops, and has no controls"},
		{"moving-content", checks.Failed, "the same video moves beside the text without end, and nothing pauses it"},
		{"scrollable-region-focusable", checks.Failed, "the exceptional opening hours scroll in a box the keyboard cannot reach"},
		{"th-has-data-cells", checks.Failed, `the price table's "Eläkeläiset" column has a header and no data`},
		{"video-caption", checks.CantTell, "the video has no caption track: a person must check whether its sound needs captions"},
		{"video-description", checks.CantTell, "a person must check that what the video shows is also told"},
	}},
	{Path: "/palvelut/varhaiskasvatus.html", Title: "Varhaiskasvatus – Esimerkkilän kunta"},
	{Path: "/saavutettavuusseloste.html", Title: "Saavutettavuusseloste – Esimerkkilän kunta"},
	{Path: "/sv/", Title: "På svenska – Esimerkkilä kommun", Barriers: []Barrier{
		{"html-lang-matches-content", checks.Failed, `the Swedish page keeps the template's lang="fi"`},
	}},
	{Path: "/tapahtumat/", Title: "", Barriers: []Barrier{
		{"bypass", checks.Failed, "the event calendar (a vendor's template) has no main landmark and no headings, and its skip link leads nowhere"},
		{"button-name", checks.Failed, "the previous and next month buttons are arrows without a name"},
		{"document-title", checks.Failed, "the <title> is empty"},
		{"html-lang-valid", checks.Failed, `lang="fi_FI" (a language tag uses a hyphen: fi-FI, or just fi)`},
		{"meta-viewport", checks.Failed, "user-scalable=no and maximum-scale=1 stop zooming on phones"},
	}},
	{Path: "/yhteystiedot.html", Title: "Yhteystiedot – Esimerkkilän kunta", Barriers: []Barrier{
		{"frame-title", checks.Failed, "the map frame has no title"},
		{"keyboard-trap", checks.Failed, "the map's cookie notice catches Tab: focus cannot leave its button"},
		{"link-name", checks.Failed, "the social media links are SVG icons without a name"},
	}},
}

// Server serves the demo site on the loopback interface.
type Server struct {
	URL string // http://127.0.0.1:PORT, without a trailing slash
	srv *http.Server
}

// Serve starts serving the demo site on 127.0.0.1, on a free port. Close
// it when done.
func Serve() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve the demo site: %w", err)
	}
	s := &Server{
		URL: "http://" + ln.Addr().String(),
		srv: &http.Server{Handler: http.FileServerFS(Site()), ReadHeaderTimeout: 10 * time.Second},
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the browser reports the pages it could not load
		}
	}()
	return s, nil
}

// Close stops the server at once.
func (s *Server) Close() error {
	return s.srv.Close()
}
