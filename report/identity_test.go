package report

import (
	"slices"
	"testing"
)

func TestPageKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.example.fi/palvelut?b=2&a=1#top", "/palvelut?a=1&b=2"},
		{"http://localhost:8080/palvelut", "/palvelut"},
		{"https://www.example.fi", "/"},
		{"https://www.example.fi/a/./b/../c/", "/a/c"},
		{"https://www.example.fi/haku?q=a+b&q=c", "/haku?q=a+b&q=c"},
		{"testdata/site/esteet.html", "/testdata/site/esteet.html"},
		{"./esteet.html", "/esteet.html"},
		{"/asuminen", "/asuminen"}, // a worksheet's page ref
	}
	for _, tt := range tests {
		if got := PageKey(tt.in); got != tt.want {
			t.Errorf("PageKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// elem is an element as a report has it: rule, page address, selector and
// snippet.
type elem struct{ rule, page, sel, snip string }

func (e elem) id() Identity { return NewIdentity(e.rule, e.page, e.sel, e.snip) }

// TestIdentity: when one element of an earlier run and one of a later run
// are the same element.
func TestIdentity(t *testing.T) {
	const home = "https://www.example.fi/"
	img := elem{"image-alt", home, "#nostot > article:nth-of-type(2) > img", `<img src="/kuvat/uimahalli.jpg" class="nosto-kuva">`}
	link := elem{"link-name", home, "#ember1234 > a", `<a id="ember1235" href="/haku" class="ikoni">…</a>`}
	tests := []struct {
		name     string
		old, new elem
		same     bool
	}{
		{name: "unchanged", old: img, new: img, same: true},
		{name: "another host, scheme and port (staging to production)", old: img,
			new: elem{img.rule, "http://staging.example.fi:8080/", img.sel, img.snip}, same: true},
		{name: "a fragment", old: img, new: elem{img.rule, home + "#sisalto", img.sel, img.snip}, same: true},
		{name: "query parameters in another order",
			old: elem{"image-alt", "https://www.example.fi/haku?sivu=2&q=uimahalli", img.sel, img.snip},
			new: elem{"image-alt", "https://www.example.fi/haku?q=uimahalli&sivu=2", img.sel, img.snip}, same: true},
		{name: "white space", old: img,
			new: elem{img.rule, home, "#nostot >  article:nth-of-type(2)\n> img", "<img  src=\"/kuvat/uimahalli.jpg\"\n  class=\"nosto-kuva\">"}, same: true},
		{name: "generated ids renumbered", old: link,
			new: elem{link.rule, home, "#ember5678 > a", `<a id="ember5679" href="/haku" class="ikoni">…</a>`}, same: true},
		{name: "React ids renumbered",
			old: elem{"label", home, `#\:r5\:`, `<input id=":r5:" aria-describedby=":r6: ohje">`},
			new: elem{"label", home, `#\:r9\:`, `<input id=":r9:" aria-describedby=":r10: ohje">`}, same: true},
		{name: "moved: a new element above shifts the nth-of-type", old: img,
			new: elem{img.rule, home, "#nostot > article:nth-of-type(3) > img", img.snip}, same: true},
		{name: "changed: new text or attributes in the same place", old: img,
			new: elem{img.rule, home, img.sel, `<img src="/kuvat/uimahalli-2027.jpg" class="nosto-kuva">`}, same: true},

		{name: "another rule", old: img, new: elem{"image-redundant-alt", home, img.sel, img.snip}},
		{name: "another path", old: img, new: elem{img.rule, home + "en/", img.sel, img.snip}},
		{name: "another query value",
			old: elem{"image-alt", "https://www.example.fi/haku?sivu=2", img.sel, img.snip},
			new: elem{"image-alt", "https://www.example.fi/haku?sivu=3", img.sel, img.snip}},
		{name: "moved and changed", old: img,
			new: elem{img.rule, home, "#nostot > article:nth-of-type(3) > img", `<img src="/kuvat/kirjasto.jpg" class="nosto-kuva">`}},
		{name: "meaningful ids differ", old: elem{"link-name", home, "#haku > a", `<a href="/haku">…</a>`},
			new: elem{"link-name", home, "#valikko > a", `<a href="/valikko">…</a>`}},
		{name: "generated ids renumbered and the content changed", old: link,
			new: elem{link.rule, home, "#ember5678 > a", `<a id="ember5679" href="/palaute" class="ikoni">…</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Match([]Identity{tt.old.id()}, []Identity{tt.new.id()})
			if same := got[0] == 0; same != tt.same {
				t.Errorf("same = %v, want %v\nold %+v\nnew %+v", same, tt.same, tt.old.id(), tt.new.id())
			}
		})
	}
}

// TestMatch: how lists of elements pair up.
func TestMatch(t *testing.T) {
	const page = "https://www.example.fi/"
	a := elem{"image-alt", page, "main > img:nth-of-type(1)", `<img src="/a.png">`}
	b := elem{"image-alt", page, "main > img:nth-of-type(2)", `<img src="/b.png">`}
	tests := []struct {
		name     string
		old, new []elem
		want     []int
	}{
		{name: "unchanged", old: []elem{a, b}, new: []elem{a, b}, want: []int{0, 1}},
		{name: "a new element", old: []elem{a}, new: []elem{a, b}, want: []int{0, -1}},
		{name: "a fixed element", old: []elem{a, b}, new: []elem{b}, want: []int{1}},
		{name: "a second copy of an old element is new", old: []elem{a},
			new: []elem{a, {a.rule, page, "main > img:nth-of-type(3)", a.snip}}, want: []int{0, -1}},
		{name: "a new element above: moved elements keep their snippet, the new one is new", old: []elem{a, b},
			new:  []elem{{a.rule, page, a.sel, `<img src="/uusi.png">`}, {b.rule, page, b.sel, a.snip}, {b.rule, page, "main > img:nth-of-type(3)", b.snip}},
			want: []int{-1, 0, 1}},
		{name: "the same selector and snippet wins over an earlier same snippet",
			old: []elem{{a.rule, page, "footer > img", a.snip}, a},
			new: []elem{a}, want: []int{1}},
		{name: "the same snippet wins over an earlier same selector",
			old: []elem{{a.rule, page, a.sel, `<img src="/c.png">`}, {a.rule, page, "aside > img", a.snip}},
			new: []elem{a}, want: []int{1}},
		{name: "each page and rule apart", old: []elem{a, {"link-name", page, a.sel, a.snip}},
			new:  []elem{{"link-name", page, a.sel, a.snip}, {a.rule, page + "en/", a.sel, a.snip}, a},
			want: []int{1, -1, 0}},
		{name: "nothing before", new: []elem{a}, want: []int{-1}},
		{name: "nothing now", old: []elem{a}, want: []int{}},
	}
	ids := func(els []elem) []Identity {
		var out []Identity
		for _, e := range els {
			out = append(out, e.id())
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Match(ids(tt.old), ids(tt.new)); !slices.Equal(got, tt.want) {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	tests := []struct{ sel, snip, wantSel, wantSnip, wantExact string }{
		{"#main > p", "<p>Hei</p>", "#main > p", "<p>Hei</p>", "#main > p"},
		{" body  >\tdiv ", "<div\n class=\"a\">  x  </div>", "body > div", `<div class="a"> x </div>`, "body > div"},
		{"#ember1234 > a", `<a id="ember1234" href="/x">…</a>`, "#ember0 > a", `<a id="ember0" href="/x">…</a>`, "#ember1234 > a"},
		{`#\33 f2a9c1e77 > a`, `<label for="3f2a9c1e77">`, "#x > a", `<label for="x">`, `#\33 f2a9c1e77 > a`},
		{"#content-2", `<div id="content-2" data-n="1234">`, "#content-2", `<div id="content-2" data-n="1234">`, "#content-2"},
	}
	for _, tt := range tests {
		f := NewFingerprint(tt.sel, tt.snip)
		if f.Selector != tt.wantSel || f.Snippet != tt.wantSnip || f.Exact != tt.wantExact {
			t.Errorf("NewFingerprint(%q, %q) = %+v, want {%s %s %s}", tt.sel, tt.snip, f, tt.wantSel, tt.wantSnip, tt.wantExact)
		}
	}
}
