package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
)

// el is a failed or cantTell element in a grouping test.
type el struct {
	page, rule, outcome, sel, snip string
	shot                           bool
}

// groupReport builds an audited report from elements: one result per page
// and rule, failed when any of its elements failed.
func groupReport(els []el) *Report {
	impact := map[string]string{"image-alt": "critical", "link-name": "serious", "color-contrast": "serious", "region": "moderate"}
	var pages []Page
	find := func(url string) *Page {
		for i := range pages {
			if pages[i].URL == url {
				return &pages[i]
			}
		}
		pages = append(pages, Page{URL: url, Status: 200})
		return &pages[len(pages)-1]
	}
	for _, e := range els {
		p := find(e.page)
		i := slices.IndexFunc(p.Results, func(r Result) bool { return r.Rule == e.rule })
		if i < 0 {
			p.Results = append(p.Results, Result{Rule: e.rule, Outcome: "cantTell", WCAG: []string{"1.1.1"}, Impact: impact[e.rule]})
			i = len(p.Results) - 1
		}
		res := &p.Results[i]
		o := e.outcome
		if o == "" {
			o = "failed"
		}
		if o == "failed" {
			res.Outcome = "failed"
		}
		n := Node{Outcome: o, Selector: e.sel, Snippet: e.snip, Message: "m " + e.page}
		if e.shot {
			n.Screenshot = "shot " + e.page
		}
		res.Nodes = append(res.Nodes, n)
	}
	return New(Meta{}, nil, pages)
}

// describe renders groups as "rule outcome pages elements [varies]" lines.
func describe(groups []Group) []string {
	var out []string
	for _, g := range groups {
		s := fmt.Sprintf("%s %s %s %s %d", g.ID, g.Rule, g.Outcome, strings.Join(g.Pages, ","), g.Elements)
		if g.Varies {
			s += " varies"
		}
		out = append(out, s)
	}
	return out
}

func TestGroups(t *testing.T) {
	const (
		logo  = `<img src="/kuvat/logo.png" class="site-logo">`
		fb    = `<a href="https://facebook.example/kunta" class="some">…</a>`
		empty = `<a href="#">…</a>`
	)
	tests := []struct {
		name string
		els  []el
		want []string
	}{
		{
			name: "same selector and snippet on three pages",
			els: []el{
				{page: "https://k.fi/a", rule: "link-name", sel: "footer > a", snip: fb},
				{page: "https://k.fi/b", rule: "link-name", sel: "footer > a", snip: fb},
				{page: "https://k.fi/c", rule: "link-name", sel: "footer > a", snip: fb},
			},
			want: []string{"g1 link-name failed https://k.fi/a,https://k.fi/b,https://k.fi/c 3"},
		},
		{
			name: "the same HTML under another selector is another element",
			els: []el{
				{page: "https://k.fi/a", rule: "image-alt", sel: "body > header > img", snip: logo},
				{page: "https://k.fi/b", rule: "image-alt", sel: "body > div:nth-of-type(2) > header > img", snip: logo},
			},
			want: []string{
				"g1 image-alt failed https://k.fi/b 1",
				"g2 image-alt failed https://k.fi/a 1",
			},
		},
		{
			name: "short snippet under another selector is another element",
			els: []el{
				{page: "https://k.fi/a", rule: "link-name", sel: "body > nav > a", snip: empty},
				{page: "https://k.fi/b", rule: "link-name", sel: "#main > p > a", snip: empty},
			},
			want: []string{
				"g1 link-name failed https://k.fi/b 1",
				"g2 link-name failed https://k.fi/a 1",
			},
		},
		{
			name: "same place, other text: each page's own content",
			els: []el{
				{page: "https://k.fi/a", rule: "link-name", sel: "#main > p > a", snip: `<a href="/a" class="lisaa"><img src="/nuoli.svg"></a>`},
				{page: "https://k.fi/b", rule: "link-name", sel: "#main > p > a", snip: `<a href="/b" class="lisaa"><img src="/nuoli.svg"></a>`},
			},
			want: []string{
				"g1 link-name failed https://k.fi/a 1",
				"g2 link-name failed https://k.fi/b 1",
			},
		},
		{
			name: "how it looks: the same start tag in the same place, whatever the text",
			els: []el{
				{page: "https://k.fi/a", rule: "color-contrast", sel: "#main > h1", snip: `<h1 class="otsikko">Asuminen</h1>`},
				{page: "https://k.fi/b", rule: "color-contrast", sel: "#main > h1", snip: `<h1 class="otsikko">Liikenne</h1>`},
				{page: "https://k.fi/c", rule: "color-contrast", sel: "#main > h1", snip: `<h1 class="otsikko" style="color: #aaa">Kulttuuri</h1>`},
				{page: "https://k.fi/a", rule: "reflow", sel: "#main > article", snip: `<article class="sisalto">Asuminen Vuokra-asunnot…</article>`},
				{page: "https://k.fi/b", rule: "reflow", sel: "#main > article", snip: `<article class="sisalto">Liikenne Pysäköinti…</article>`},
			},
			want: []string{
				"g1 color-contrast failed https://k.fi/a,https://k.fi/b 2 varies",
				"g2 color-contrast failed https://k.fi/c 1", // its own inline style
				"g3 reflow failed https://k.fi/a,https://k.fi/b 2 varies",
			},
		},
		{
			name: "a different content image on each page: a fix on each page, not one",
			els: []el{
				{page: "https://k.fi/a", rule: "image-alt", sel: "#main > figure > img", snip: `<img src="/kuvat/uimahalli.jpg" width="720">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "#main > figure > img", snip: `<img src="/kuvat/kirjasto.jpg" width="720">`},
				{page: "https://k.fi/c", rule: "image-alt", sel: "#main > figure > img", snip: `<img src="/kuvat/satama.jpg" width="720">`},
			},
			want: []string{
				"g1 image-alt failed https://k.fi/a 1",
				"g2 image-alt failed https://k.fi/b 1",
				"g3 image-alt failed https://k.fi/c 1",
			},
		},
		{
			name: "the same image source in the same place is the same element",
			els: []el{
				{page: "https://k.fi/a", rule: "image-alt", sel: "header > a > img", snip: `<img src="/logo.svg" class="logo" width="200">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "header > a > img", snip: `<img src="/logo.svg" class="logo logo-pieni" width="120">`},
				{page: "https://k.fi/c", rule: "image-alt", sel: "header > a > img", snip: `<img src="/logo.svg" class="logo" width="200">`},
			},
			want: []string{"g1 image-alt failed https://k.fi/a,https://k.fi/b,https://k.fi/c 3 varies"},
		},
		{
			name: "same place, other shape",
			els: []el{
				{page: "https://k.fi/a", rule: "image-alt", sel: "#main > img", snip: `<img src="a.jpg">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "#main > img", snip: `<img src="b.jpg" alt="b.jpg">`},
			},
			want: []string{
				"g1 image-alt failed https://k.fi/a 1",
				"g2 image-alt failed https://k.fi/b 1",
			},
		},
		{
			name: "generated ids do not split a group, meaningful ones do",
			els: []el{
				{page: "https://k.fi/a", rule: "link-name", sel: "#ember1234 > a", snip: `<a id="ember1240" href="/x">…</a>`},
				{page: "https://k.fi/b", rule: "link-name", sel: "#ember5678 > a", snip: `<a id="ember5690" href="/x">…</a>`},
				{page: "https://k.fi/c", rule: "link-name", sel: `#\:r1\: > a`, snip: `<a>…</a>`},
				{page: "https://k.fi/d", rule: "link-name", sel: `#\:r7\: > a`, snip: `<a>…</a>`},
				{page: "https://k.fi/e", rule: "link-name", sel: "#haku > a", snip: `<a>…</a>`},
				{page: "https://k.fi/f", rule: "link-name", sel: "#valikko > a", snip: `<a>…</a>`},
			},
			want: []string{
				"g1 link-name failed https://k.fi/c,https://k.fi/d 2",
				"g2 link-name failed https://k.fi/a,https://k.fi/b 2", // the same once the ids are normalised
				"g3 link-name failed https://k.fi/e 1",
				"g4 link-name failed https://k.fi/f 1",
			},
		},
		{
			name: "outcome and rule are part of the key",
			els: []el{
				{page: "https://k.fi/a", rule: "color-contrast", sel: "footer > p", snip: `<p class="pieni">© Kunta</p>`},
				{page: "https://k.fi/b", rule: "color-contrast", outcome: "cantTell", sel: "footer > p", snip: `<p class="pieni">© Kunta</p>`},
				{page: "https://k.fi/c", rule: "link-name", sel: "footer > p", snip: `<p class="pieni">© Kunta</p>`},
			},
			want: []string{
				"g1 color-contrast failed https://k.fi/a 1",
				"g2 link-name failed https://k.fi/c 1",
				"g3 color-contrast cantTell https://k.fi/b 1",
			},
		},
		{
			name: "a row of siblings is one fault, on every page that has it",
			els: []el{
				{page: "https://k.fi/a", rule: "link-name", sel: "footer > ul > li:nth-of-type(1) > a", snip: `<a href="https://facebook.example/kunta" class="some">…</a>`},
				{page: "https://k.fi/a", rule: "link-name", sel: "footer > ul > li:nth-of-type(2) > a", snip: `<a href="https://instagram.example/kunta" class="some">…</a>`},
				{page: "https://k.fi/b", rule: "link-name", sel: "footer > ul > li:nth-of-type(1) > a", snip: `<a href="https://facebook.example/kunta" class="some">…</a>`},
				{page: "https://k.fi/b", rule: "link-name", sel: "footer > ul > li:nth-of-type(2) > a", snip: `<a href="https://instagram.example/kunta" class="some">…</a>`},
				{page: "https://k.fi/c", rule: "link-name", sel: "main > p:nth-of-type(3) > a", snip: `<a href="/x">…</a>`},
				{page: "https://k.fi/c", rule: "link-name", sel: "main > p:nth-of-type(4) > a", snip: `<a href="/y" class="z">…</a>`},
			},
			want: []string{
				"g1 link-name failed https://k.fi/a,https://k.fi/b 4 varies", // each page once
				"g2 link-name failed https://k.fi/c 1",
				"g3 link-name failed https://k.fi/c 1",
			},
		},
		{
			name: "siblings whose elements are on other pages stay apart",
			els: []el{
				// A gallery on each page; one photo is in both, in the same place.
				{page: "https://k.fi/a", rule: "image-alt", sel: "ul > li:nth-of-type(1) > img", snip: `<img src="/kuvat/1.jpg">`},
				{page: "https://k.fi/a", rule: "image-alt", sel: "ul > li:nth-of-type(2) > img", snip: `<img src="/kuvat/2.jpg">`},
				{page: "https://k.fi/a", rule: "image-alt", sel: "ul > li:nth-of-type(3) > img", snip: `<img src="/kuvat/3.jpg">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "ul > li:nth-of-type(1) > img", snip: `<img src="/kuvat/4.jpg">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "ul > li:nth-of-type(2) > img", snip: `<img src="/kuvat/2.jpg">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "ul > li:nth-of-type(3) > img", snip: `<img src="/kuvat/5.jpg">`},
			},
			want: []string{
				"g1 image-alt failed https://k.fi/a,https://k.fi/b 2",
				"g2 image-alt failed https://k.fi/a 2 varies",
				"g3 image-alt failed https://k.fi/b 2 varies",
			},
		},
		{
			name: "sorted by outcome, impact, pages, rule, selector",
			els: []el{
				{page: "https://k.fi/a", rule: "region", sel: "body > div", snip: `<div>…</div>`},
				{page: "https://k.fi/a", rule: "link-name", sel: "nav > a", snip: empty},
				{page: "https://k.fi/b", rule: "link-name", sel: "nav > a", snip: empty},
				{page: "https://k.fi/a", rule: "color-contrast", sel: "nav > a", snip: empty},
				{page: "https://k.fi/a", rule: "color-contrast", sel: "footer > a", snip: empty},
				{page: "https://k.fi/a", rule: "image-alt", outcome: "cantTell", sel: "main > img", snip: `<img src="x.png">`},
				{page: "https://k.fi/b", rule: "image-alt", sel: "main > img", snip: `<img src="x.png">`},
			},
			want: []string{
				"g1 image-alt failed https://k.fi/b 1",
				"g2 link-name failed https://k.fi/a,https://k.fi/b 2",
				"g3 color-contrast failed https://k.fi/a 1",
				"g4 color-contrast failed https://k.fi/a 1",
				"g5 region failed https://k.fi/a 1",
				"g6 image-alt cantTell https://k.fi/a 1",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(Groups(groupReport(tt.els)))
			if !slices.Equal(got, tt.want) {
				t.Errorf("groups:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			// The same elements in another order give the same groups.
			rev := slices.Clone(tt.els)
			slices.Reverse(rev)
			if again := describe(Groups(groupReport(rev))); !slices.Equal(again, got) {
				t.Errorf("in reverse order the groups are:\n  %s", strings.Join(again, "\n  "))
			}
		})
	}
}

func TestGroupsExample(t *testing.T) {
	r := groupReport([]el{
		{page: "https://k.fi/c", rule: "image-alt", sel: "header > img", snip: `<img src="/logo.png" class="site-logo">`, shot: true},
		{page: "https://k.fi/a", rule: "image-alt", sel: "header > img", snip: `<img src="/logo.png" class="site-logo">`},
		{page: "https://k.fi/b", rule: "image-alt", sel: "header > img", snip: `<img src="/logo.png" class="site-logo">`, shot: true},
	})
	g := Groups(r)
	if len(g) != 1 {
		t.Fatalf("%d groups, want 1", len(g))
	}
	// The first page, by URL, with a screenshot.
	if g[0].Page != "https://k.fi/b" || g[0].Node.Screenshot != "shot https://k.fi/b" || g[0].Node.Message != "m https://k.fi/b" {
		t.Errorf("example from %s (%q, %q), want https://k.fi/b", g[0].Page, g[0].Node.Screenshot, g[0].Node.Message)
	}
	if g[0].Impact != "critical" || !slices.Equal(g[0].WCAG, []string{"1.1.1"}) {
		t.Errorf("impact %q, wcag %v", g[0].Impact, g[0].WCAG)
	}
	// Pages that were not audited have no groups.
	r.Pages = append(r.Pages, Page{URL: "https://k.fi/x", Error: "timeout", Results: []Result{{Rule: "image-alt", Outcome: "failed", Nodes: []Node{{Outcome: "failed"}}}}})
	if g := Groups(r); len(g) != 1 || len(g[0].Pages) != 3 {
		t.Errorf("groups with a page not audited: %v", describe(g))
	}
	if g := Groups(New(Meta{}, nil, nil)); len(g) != 0 {
		t.Errorf("empty report: %v", describe(g))
	}
}

func TestTopFixes(t *testing.T) {
	var els []el
	pages := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("https://k.fi/%02d", i))
		}
		return out
	}
	// A footer link fails on all 10 pages; a logo on 6; on pages 0–3 the
	// search button and the search field fail link-name together with the
	// footer link; a cantTell on every page is not a failure.
	for i, p := range pages(10) {
		els = append(els, el{page: p, rule: "link-name", sel: "footer > a", snip: `<a href="https://some.example/kunta">…</a>`})
		els = append(els, el{page: p, rule: "color-contrast", outcome: "cantTell", sel: "h1", snip: `<h1>x</h1>`})
		if i < 6 {
			els = append(els, el{page: p, rule: "image-alt", sel: "header > img", snip: `<img src="/logo.png" class="site-logo">`})
		}
		if i < 4 {
			els = append(els, el{page: p, rule: "link-name", sel: "form > a", snip: `<a href="/haku" class="haku-nappi">…</a>`})
		}
	}
	r := groupReport(els)
	groups := Groups(r)
	fixes, total := TopFixes(r, 5)
	if total != 16 || total != r.Summary.Failed {
		t.Fatalf("total = %d, want 16 (summary: %d)", total, r.Summary.Failed)
	}
	var got []string
	for _, f := range fixes {
		g := groups[f.Group]
		got = append(got, fmt.Sprintf("%s %s %d", g.Rule, g.Node.Selector, f.Removes))
	}
	want := []string{
		"link-name footer > a 6", // share 6 + 4×½ = 8: pages 4–9; pages 0–3 also need the search link
		"image-alt header > img 6",
		"link-name form > a 4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("fixes:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	sum := 0
	for _, f := range fixes {
		sum += f.Removes
	}
	if sum != total {
		t.Errorf("the fixes remove %d of %d failures, want all", sum, total)
	}
	if fixes, _ := TopFixes(r, 1); len(fixes) != 1 || groups[fixes[0].Group].Rule != "link-name" {
		t.Errorf("TopFixes(1) = %v", fixes)
	}
}

func TestNormalise(t *testing.T) {
	ids := []struct{ in, want string }{
		{"main", "main"},
		{"content-2", "content-2"},
		{"col12", "col12"},
		{"ember1234", "ember0"},
		{":r1:", ":r0:"},
		{"yui_3_18_1_1_17", "yui_0_0_0_0_0"},
		{"3f2a9c1e-77b0-4c1a", "x-0b0-0c0a"},
		{"deadbeefcafe", "deadbeefcafe"},
		{"field-123", "field-0"},
	}
	for _, tt := range ids {
		if got := normID(tt.in); got != tt.want {
			t.Errorf("normID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	sels := []struct{ in, want string }{
		{"#main > p", "#main > p"},
		{"#ember1234 > a", "#ember0 > a"},
		{`#\:r5\: > a`, "#:r0: > a"},
		{`#\33 f2a9c1e77 > a`, "#x > a"},
		{"body  >  div", "body > div"},
	}
	for _, tt := range sels {
		if got := NewFingerprint(tt.in, "").Selector; got != tt.want {
			t.Errorf("NewFingerprint(%q).Selector = %q, want %q", tt.in, got, tt.want)
		}
	}
	snips := []struct{ in, norm, shape string }{
		{`<a id="ember1234" href="/x">…</a>`, `<a id="ember0" href="/x">…</a>`, "a href id"},
		{`<input aria-describedby="err-123 ohje" name="q">`, `<input aria-describedby="err-0 ohje" name="q">`, "input aria-describedby name"},
		{`<img src="a.png" alt>`, `<img src="a.png" alt>`, "img alt src"},
		{`Lue lisää`, `Lue lisää`, "#text"},
	}
	for _, tt := range snips {
		if got := normSnippet(tt.in); got != tt.norm {
			t.Errorf("normSnippet(%q) = %q, want %q", tt.in, got, tt.norm)
		}
		if got := snippetShape(tt.norm); got != tt.shape {
			t.Errorf("snippetShape(%q) = %q, want %q", tt.norm, got, tt.shape)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`<img src="/kuvat/logo.png" class="logo">`, "src\x00/kuvat/logo.png"},
		{`<img class="logo" src="/kuvat/logo.png" alt="">`, "src\x00/kuvat/logo.png"},
		{`<img data-src="/lazy.png" class="logo">`, `<img data-src="/lazy.png" class="logo">`},
		{`<a href="#">…</a>`, `<a href="#">…</a>`},
		{`<p>src="x"</p>`, `<p>src="x"</p>`},
	} {
		if got := elementIdentity("image-alt", tt.in); got != tt.want {
			t.Errorf("elementIdentity(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`<h1 class="otsikko">Asuminen</h1>`, "tag\x00" + `<h1 class="otsikko">`},
		{`<p title="a > b">x</p>`, "tag\x00" + `<p title="a > b">`},
		{`Lue lisää`, "tag\x00Lue lisää"},
	} {
		if got := elementIdentity("color-contrast", tt.in); got != tt.want {
			t.Errorf("elementIdentity(color-contrast, %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for id := range styleRules {
		if _, err := checks.Lookup([]string{id}); err != nil {
			t.Errorf("styleRules: %v", err)
		}
	}
}

// TestGroupsBaselined: elements accepted in the baseline stay in their
// group; a group of only accepted elements comes last, its example is a
// new element when it has one, and fixes leave accepted failures out.
func TestGroupsBaselined(t *testing.T) {
	var els []el
	for i := range 4 {
		p := fmt.Sprintf("https://k.fi/%02d", i)
		els = append(els,
			el{page: p, rule: "image-alt", sel: "header > img", snip: `<img src="/logo.png" class="site-logo">`, shot: true},
			el{page: p, rule: "link-name", sel: "footer > a", snip: `<a href="https://some.example/kunta">…</a>`},
			el{page: p, rule: "color-contrast", outcome: "cantTell", sel: "h1", snip: `<h1>x</h1>`})
	}
	r := groupReport(els)
	b := &Baseline{BaselineVersion: BaselineVersion}
	for i, p := range r.Pages {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				// Every logo (the worst fault), and the footer link on the first two pages.
				if res.Rule == "image-alt" || res.Rule == "link-name" && i < 2 {
					b.Findings = append(b.Findings, Finding{Rule: res.Rule, URL: p.URL, Selector: n.Selector, Snippet: n.Snippet})
				}
			}
		}
	}
	b.Apply(r)
	groups := Groups(r)
	var got []string
	for _, g := range groups {
		got = append(got, fmt.Sprintf("%s %s %d/%d accepted=%v example=%s", g.Rule, g.Outcome, g.Baselined, g.Elements, g.Accepted(), g.Page))
	}
	want := []string{
		"link-name failed 2/4 accepted=false example=https://k.fi/02",
		"color-contrast cantTell 0/4 accepted=false example=https://k.fi/00",
		"image-alt failed 4/4 accepted=true example=https://k.fi/00",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	fixes, total := TopFixes(r, 5)
	if total != 2 || total != r.Failures("") {
		t.Errorf("TopFixes total = %d, want 2 new failures (Failures: %d)", total, r.Failures(""))
	}
	if len(fixes) != 1 || groups[fixes[0].Group].Rule != "link-name" || fixes[0].Removes != 2 {
		t.Errorf("fixes = %+v, want the footer link, removing 2", fixes)
	}
}
