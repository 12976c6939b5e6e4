package checks_test

import (
	"strings"
	"testing"

	"saavu/checks"
)

// help builds a page's help mechanisms from a short notation, in document
// order: "kind target region place", e.g. "contact /yhteystiedot
// contentinfo after"; "-" for an empty region or place, and a kind ending
// in "?" for one found in the text.
func help(items ...string) []checks.Help {
	var out []checks.Help
	for _, it := range items {
		f := strings.Fields(it)
		h := checks.Help{Kind: f[0], Target: f[1], Region: f[2], Place: f[3], Selector: f[2] + " a", Name: f[1]}
		if strings.HasSuffix(h.Kind, "?") {
			h.Kind, h.Text = strings.TrimSuffix(h.Kind, "?"), true
		}
		for _, p := range []*string{&h.Region, &h.Place} {
			if *p == "-" {
				*p = ""
			}
		}
		out = append(out, h)
	}
	return out
}

func helpSite(pages map[string][]checks.Help, order ...string) *checks.Site {
	var s checks.Site
	for _, url := range order {
		s.Add(url, &checks.Facts{Lang: "fi", Help: pages[url]})
	}
	return &s
}

func TestConsistentHelp(t *testing.T) {
	const (
		footer  = "contact /yhteystiedot contentinfo after"
		header  = "contact /yhteystiedot banner before"
		phoneF  = "phone tel:0912345678 contentinfo after"
		faqF    = "help /ukk contentinfo after"
		chatEnd = "chat chat:giosg - after"
	)
	tests := []struct {
		name           string
		pages          map[string][]checks.Help
		want           checks.Outcome
		page, compared string // the first finding's first page and page compared
		message        string
	}{
		{name: "a contact link in the footer on every page", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(footer, phoneF), "/a": help(footer, phoneF), "/b": help(footer, phoneF), "/c": help(footer, phoneF)}},
		{name: "in the header on the front page too", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(header, footer), "/a": help(footer), "/b": help(footer), "/c": help(footer)}},
		{name: "missing from some pages", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(footer, faqF), "/a": help(footer), "/b": help(faqF), "/c": nil}},
		{name: "a chat widget at the end of every page", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(chatEnd), "/a": help(chatEnd), "/b": help(chatEnd), "/c": nil}},
		{name: "on one page only", want: checks.Inapplicable, pages: map[string][]checks.Help{
			"/": help(footer), "/a": nil, "/b": help(faqF), "/c": nil}},
		{name: "no help", want: checks.Inapplicable, pages: map[string][]checks.Help{"/": nil, "/a": nil, "/b": nil, "/c": nil}},
		{name: "in the header on one page, the footer on the others", want: checks.Failed, page: "/c", compared: "/",
			message: `This help mechanism (contact link "/yhteystiedot" to /yhteystiedot) is in another place`, pages: map[string][]checks.Help{
				"/": help(footer), "/a": help(footer), "/b": help(footer), "/c": help(header)}},
		{name: "two help links swap places in the footer", want: checks.Failed, page: "/c", compared: "/",
			message: `in the page footer: help link "/ukk" to /ukk comes before contact link "/yhteystiedot"`, pages: map[string][]checks.Help{
				"/": help(footer, faqF), "/a": help(footer, faqF), "/b": help(footer, faqF), "/c": help(faqF, footer)}},
		{name: "a phone number in the text moves", want: checks.CantTell, page: "/c", compared: "/",
			message: "saavu is not sure of it", pages: map[string][]checks.Help{
				"/": help("phone? tel:0912345678 contentinfo after"), "/a": help("phone? tel:0912345678 contentinfo after"),
				"/c": help("phone? tel:0912345678 banner before")}},
		{name: "a block known by its class only", want: checks.CantTell, page: "/c", compared: "/",
			message: "saavu is not sure of it", pages: map[string][]checks.Help{
				"/": help("contact /yhteystiedot footer after"), "/a": help("contact /yhteystiedot footer after"),
				"/c": help("contact /yhteystiedot header before")}},
		{name: "pages without main content in another block", want: checks.CantTell, page: "/c", compared: "/",
			message: "saavu is not sure of it", pages: map[string][]checks.Help{
				"/": help(footer), "/a": help(footer), "/c": help("contact /yhteystiedot - -")}},
		{name: "pages without main content in the same kind of block", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(footer), "/a": help(footer), "/c": help("contact /yhteystiedot footer -")}},
		{name: "a swap in a second navigation block", want: checks.CantTell, page: "/c", compared: "/",
			message: "seem to be in a different order", pages: map[string][]checks.Help{
				"/":  help("contact /yhteystiedot navigation~2 after", "help /ukk navigation~2 after"),
				"/a": help("contact /yhteystiedot navigation~2 after", "help /ukk navigation~2 after"),
				"/c": help("help /ukk navigation~2 after", "contact /yhteystiedot navigation~2 after")}},
		{name: "a different phone number is another mechanism", want: checks.Passed, pages: map[string][]checks.Help{
			"/": help(phoneF), "/a": help(phoneF), "/c": help("phone tel:0998765432 banner before")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := checks.CheckSite(helpSite(tt.pages, "/", "/a", "/b", "/c"), []*checks.SiteRule{checks.ConsistentHelp})[0]
			if res.Outcome != tt.want {
				t.Fatalf("outcome %s, want %s; findings %+v", res.Outcome, tt.want, res.Targets)
			}
			if tt.page == "" {
				if len(res.Targets) > 0 {
					t.Errorf("findings %+v, want none", res.Targets)
				}
				return
			}
			f := res.Targets[0]
			if len(f.Pages) == 0 || f.Pages[0].URL != tt.page || len(f.Compared) == 0 || f.Compared[0].URL != tt.compared {
				t.Errorf("pages %+v compared %+v, want %s compared with %s", f.Pages, f.Compared, tt.page, tt.compared)
			}
			if !strings.Contains(f.Message, tt.message) {
				t.Errorf("message %q, want it to say %q", f.Message, tt.message)
			}
			for _, lang := range checks.MessageLanguages {
				if s, ok := f.Text.In(lang); !ok {
					t.Errorf("not all translated to %s: %q", lang, s)
				}
			}
		})
	}
}
