package checks_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"saavu/checks"
)

// htmlPage builds a page model from HTML as a browser 1280 px wide would
// capture it, enough for the reflow rule: every element and every text
// node is rendered, the texts on a line of their own.
func htmlPage(t *testing.T, src string) *checks.Page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	p := &checks.Page{URL: "http://x.test/", Viewport: checks.Size{W: 1280, H: 900}}
	var add func(h *html.Node, parent int)
	add = func(h *html.Node, parent int) {
		n := &checks.Node{Parent: parent}
		y := float64(20 * len(p.Nodes))
		switch h.Type {
		case html.DocumentNode:
			n.Type, n.Name = checks.DocumentNode, "#document"
		case html.ElementNode:
			n.Type, n.Name = checks.ElementNode, h.Data
			for _, a := range h.Attr {
				n.Attrs = append(n.Attrs, checks.Attr{Name: a.Key, Value: a.Val})
			}
			n.Layout = &checks.Layout{Box: checks.Rect{X: 8, Y: y, W: 600, H: 20}}
		case html.TextNode:
			n.Type, n.Name, n.Text = checks.TextNode, "#text", h.Data
			n.Layout = &checks.Layout{Box: checks.Rect{X: 8, Y: y, W: 100, H: 20}, TextBoxes: []checks.Rect{{X: 8, Y: y, W: 100, H: 20}}}
		default:
			return
		}
		i := len(p.Nodes)
		p.Nodes = append(p.Nodes, n)
		if parent >= 0 {
			p.Nodes[parent].Children = append(p.Nodes[parent].Children, i)
		}
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			add(c, i)
		}
	}
	add(doc, -1)
	if err := p.Build(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReflowTwoDimensional: WCAG 1.4.10's exception for content that needs
// two dimensions holds for an element reaching beyond the edge whose texts
// all lie in such content, even when the reflow probe names none because
// they lie in different ones (cells of a data table, some in <code>);
// text outside such content still fails.
func TestReflowTwoDimensional(t *testing.T) {
	p := htmlPage(t, `<!DOCTYPE html><html lang="en"><head><title>Report</title></head><body><main>
<section id="criteria"><h2>Criteria</h2>
<table><caption>WCAG 2.1 level AA</caption>
<thead><tr><th scope="col">Criterion</th><th scope="col">Outcome</th></tr></thead>
<tbody><tr><th scope="row">1.4.10 Reflow</th><td>Failed <span>tested by <code>reflow</code></span></td></tr></tbody>
</table></section>
<div id="wrap"><p>Fees of the permits by type of building.</p>
<table><tr><td>Detached house</td><td><code>1200</code></td></tr></table></div>
<div id="only"><table><tr><td>Row house</td><td><code>900</code></td></tr></table></div>
<table id="layout" role="presentation"><tr><td>Contact us</td><td><code>info@example.fi</code></td></tr></table>
</main></body></html>`)
	node := func(sel string) int {
		n := p.Find(sel)
		if len(n) != 1 {
			t.Fatalf("%s: %d elements", sel, len(n))
		}
		return n[0].Index
	}
	tests := []struct {
		name string
		wide checks.WideBox
		want checks.Outcome
	}{
		// What the probe saw of the crawl report's criteria table: its
		// texts in <code> have code as their nearest exempt element, the
		// others the table, so it named none.
		{"data table, texts in code and not", checks.WideBox{Node: node("#criteria > table"), Kind: "text", Right: 352, Width: 344, Texts: 5}, checks.Passed},
		{"data table, named by the probe", checks.WideBox{Node: node("#criteria > table"), Kind: "text", Right: 352, Width: 344, Texts: 5, Exempt: "table"}, checks.Passed},
		{"box holding only a data table", checks.WideBox{Node: node("#only"), Kind: "text", Right: 400, Width: 392, Texts: 2}, checks.Passed},
		{"box with a data table and a paragraph", checks.WideBox{Node: node("#wrap"), Kind: "text", Right: 500, Width: 492, Texts: 3}, checks.Failed},
		{"paragraph beside a data table", checks.WideBox{Node: node("#wrap > p"), Kind: "text", Right: 500, Width: 492, Texts: 1}, checks.Failed},
		{"layout table, text in code and not", checks.WideBox{Node: node("#layout"), Kind: "text", Right: 400, Width: 392, Texts: 2}, checks.Failed},
		{"element not captured", checks.WideBox{Node: -1, Kind: "text", Right: 400, Width: 392, Texts: 1}, checks.Failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.Reflow = &checks.ReflowView{Viewport: checks.Size{W: 320, H: 256}, ScrollWidth: tt.wide.Right, Scrolls: true, Wide: []checks.WideBox{tt.wide}}
			res, err := checks.Check(p, []*checks.Rule{checks.Reflow})
			if err != nil {
				t.Fatal(err)
			}
			if len(res[0].Targets) != 1 {
				t.Fatalf("%d targets, want 1: %+v", len(res[0].Targets), res[0].Targets)
			}
			if got := res[0].Targets[0].Outcome; got != tt.want {
				t.Errorf("%s: %s, want %s (%s)", tt.name, got, tt.want, res[0].Targets[0].Message)
			}
		})
	}
}
