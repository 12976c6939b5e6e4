package checks

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is everything the crawler captured of one page, once, after its
// scripts ran. Rules read it and never change it.
//
// The DOM comes as a table of nodes (as Chrome's DOMSnapshot gives it),
// each with its layout box, computed style and accessibility-tree entry.
// Call Build (or Decode) before use: it links the table into a tree and
// builds the goquery document over it.
type Page struct {
	URL         string   `json:"url"`         // as requested
	FinalURL    string   `json:"finalUrl"`    // after redirects
	Status      int      `json:"status"`      // HTTP status of the document
	ContentType string   `json:"contentType"` // media type of the document, without parameters
	Title       string   `json:"title"`       // document.title
	Viewport    Size     `json:"viewport"`    // CSS px
	Content     Size     `json:"content"`     // size of the whole document, CSS px
	Notes       []string `json:"notes,omitempty"`
	Nodes       []*Node  `json:"nodes"` // node 0 is the top document

	// Unprobed are the live-page probes that did not run on the page, or
	// failed: no rule of the run needed them, the page was too large for
	// them, the run was quick, or they ran out of time (see Check for
	// what that does to the rules that need them).
	Unprobed []Probe `json:"unprobed,omitempty"`
	// Cut says that saavu removed part of the page before capturing it
	// (a page too large to audit in full: see the notes). What was
	// removed was not checked, so no rule passes or is inapplicable on
	// it (see Check).
	Cut bool `json:"cut,omitempty"`

	// RenderHash stands for what the rules read of the page (its DOM
	// snapshot, the bodies of its responses, the viewport), when the
	// crawl asked for it; "" when there is none (see browser's
	// fingerprint.go and docs/crawl.md, --since).
	RenderHash string `json:"renderHash,omitempty"`
	// Reused says that the page is unchanged since an earlier audit,
	// whose results the crawl reuses: it was captured for its links
	// only, and no rule runs on it.
	Reused bool `json:"reused,omitempty"`

	// Results of the live-page probes (see probes.go); nil when a probe
	// did not run.
	Media     []MediaState `json:"media,omitempty"`     // every audio and video element the media probe saw
	Focus     *FocusWalk   `json:"focus,omitempty"`     // keyboard focus moved with Tab
	Rotations []Rotation   `json:"rotations,omitempty"` // html, body and the page's main boxes, portrait and landscape
	Hover     *HoverView   `json:"hover,omitempty"`     // content shown on hover, tried with the mouse
	Keys      *InputView   `json:"keys,omitempty"`      // what single printable keys did, pressed with nothing focused
	Motion    *InputView   `json:"motion,omitempty"`    // what tilting and shaking the device did
	Auto      *AutoView    `json:"auto,omitempty"`      // text that changed by itself while the page was watched
	Moving    *MovingView  `json:"moving,omitempty"`    // what moved by itself for more than 5 s
	Paste     *PasteView   `json:"paste,omitempty"`     // what pasting into password fields did
	Drag      *DragView    `json:"drag,omitempty"`      // elements that listen to dragging
	Targets   *TargetsView `json:"targets,omitempty"`   // the browser's own size of small form controls
	// What focusing, clicking, keys and changes did (see probes.go).
	Activate *ActivateView `json:"activate,omitempty"`
	// Results of the layout probes (see probes_layout.go).
	Zoom      *ZoomView    `json:"zoom,omitempty"`      // the page at 640 × 512 CSS px (200 % zoom)
	Reflow    *ReflowView  `json:"reflow,omitempty"`    // the page at 320 × 256 CSS px (400 % zoom)
	Spacing   *SpacingView `json:"spacing,omitempty"`   // the page with wider text spacing
	Scrollers []Scroller   `json:"scrollers,omitempty"` // every element with overflow auto or scroll, measured; an element missing was not measured
	// Backdrops are what is behind the text of the elements listed by
	// BackdropTargets, by index in Nodes (see probe_backdrop.go); an
	// element missing was not measured.
	Backdrops map[int]Backdrop `json:"backdrops,omitempty"`
	// Controls are the borders of text fields and the paints of icons,
	// read in the live page for the elements listed by ControlTargets
	// (see probe_controls.go); an element missing was not read.
	Controls []ControlLook `json:"controls,omitempty"`

	// Shots are screenshots of the regions of the page around the
	// elements the rules reported, taken after the rules ran; nil when
	// screenshots are off or the page passed.
	Shots []Shot `json:"-"`
	// NoShot are the reported elements left out of Shots on purpose (an
	// earlier page of the run had them photographed): they get no
	// screenshot. See ShotAreas.
	NoShot map[ShotRef]bool `json:"-"`
	// ShotCovered are the photographed elements that other content of the
	// page (not fixed or sticky, which is hidden for the shot) still
	// covered when their shot was taken.
	ShotCovered map[*Node]bool `json:"-"`

	doc   *goquery.Document
	byDOM map[*html.Node]*Node
	ids   map[string]int // id attribute -> number of elements with it
}

// Size is a width and height in CSS pixels.
type Size struct {
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Decode reads a page saved as JSON (see testdata/pages) and builds it.
func Decode(r io.Reader) (*Page, error) {
	var p Page
	if err := json.NewDecoder(r).Decode(&p); err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	if err := p.Build(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Build links the node table into a tree and builds the goquery document.
// It is safe to call more than once.
func (p *Page) Build() error {
	if p.doc != nil {
		return nil
	}
	if len(p.Nodes) == 0 || p.Nodes[0].Type != DocumentNode {
		return fmt.Errorf("page %s: node table does not start with a document", p.URL)
	}
	p.byDOM = make(map[*html.Node]*Node, len(p.Nodes))
	p.ids = map[string]int{}
	for i, n := range p.Nodes {
		if n == nil {
			return fmt.Errorf("page %s: node %d is missing", p.URL, i)
		}
		n.Index, n.page = i, p
		if n.Parent >= len(p.Nodes) {
			return fmt.Errorf("page %s: node %d has parent %d out of range", p.URL, i, n.Parent)
		}
		for _, c := range n.Children {
			if c <= 0 || c >= len(p.Nodes) {
				return fmt.Errorf("page %s: node %d has child %d out of range", p.URL, i, c)
			}
		}
		if n.Type == ElementNode && n.Frame == 0 && n.Shadow == "" {
			if id, ok := n.Attr("id"); ok && id != "" {
				p.ids[id]++
			}
		}
	}
	root := p.Nodes[0]
	root.dom = &html.Node{Type: html.DocumentNode}
	p.byDOM[root.dom] = root
	p.attach(root, root.dom)
	p.doc = goquery.NewDocumentFromNode(root.dom)
	return nil
}

// attach builds the html.Node children of n under parent. Shadow roots are
// flattened into their host, as a browser renders them; the documents of
// iframes stay out of the tree (see Node.ContentDocument).
func (p *Page) attach(n *Node, parent *html.Node) {
	for _, ci := range n.Children {
		c := p.Nodes[ci]
		switch c.Type {
		case DocumentNode:
			continue // an iframe's document
		case FragmentNode:
			p.attach(c, parent) // a shadow root
			continue
		}
		h := c.toHTML()
		if h == nil {
			continue
		}
		c.dom = h
		p.byDOM[h] = c
		parent.AppendChild(h)
		if c.Name != "template" {
			p.attach(c, h)
		}
	}
}

func (n *Node) toHTML() *html.Node {
	switch n.Type {
	case ElementNode:
		h := &html.Node{Type: html.ElementNode, Data: n.Name, DataAtom: atom.Lookup([]byte(n.Name))}
		if n.Namespace != "" {
			h.Namespace = n.Namespace
		}
		for _, a := range n.Attrs {
			h.Attr = append(h.Attr, html.Attribute{Key: a.Name, Val: a.Value})
		}
		return h
	case TextNode:
		return &html.Node{Type: html.TextNode, Data: n.Text}
	case CommentNode:
		return &html.Node{Type: html.CommentNode, Data: n.Text}
	case DoctypeNode:
		return &html.Node{Type: html.DoctypeNode, Data: "html"}
	}
	return nil
}

// Doc returns the rendered DOM of the top document as a goquery document.
func (p *Page) Doc() *goquery.Document { return p.doc }

// NodeOf returns the captured node behind a goquery/html node.
func (p *Page) NodeOf(h *html.Node) *Node { return p.byDOM[h] }

// Find returns the nodes of the top document that match the CSS selector,
// in document order.
func (p *Page) Find(selector string) []*Node {
	var out []*Node
	p.doc.Find(selector).Each(func(_ int, s *goquery.Selection) {
		if n := p.byDOM[s.Get(0)]; n != nil {
			out = append(out, n)
		}
	})
	return out
}

// Root returns the html element of the top document, or nil.
func (p *Page) Root() *Node {
	for _, c := range p.Nodes[0].Children {
		if n := p.Nodes[c]; n.Type == ElementNode {
			return n
		}
	}
	return nil
}

// Document returns the top document node.
func (p *Page) Document() *Node { return p.Nodes[0] }

// Elements returns every element of the page in document order, those of
// shadow trees included, those of iframes' documents excluded.
func (p *Page) Elements() []*Node {
	var out []*Node
	p.Nodes[0].walk(func(n *Node) bool {
		if n.Type == DocumentNode && n.Index != 0 {
			return false
		}
		if n.Type == ElementNode {
			out = append(out, n)
		}
		return true
	})
	return out
}

// ElementByID returns the element of the top document whose id is id, the
// first one if several share it.
func (p *Page) ElementByID(id string) *Node {
	if p.ids[id] == 0 {
		return nil
	}
	for _, n := range p.Elements() {
		if v, ok := n.Attr("id"); ok && v == id && n.Frame == 0 && n.Shadow == "" {
			return n
		}
	}
	return nil
}

// IDCount returns how many elements of the top document have the id.
func (p *Page) IDCount(id string) int { return p.ids[id] }

// Lang returns the lang attribute of the html element, and whether it is set.
func (p *Page) Lang() (string, bool) {
	if r := p.Root(); r != nil {
		return r.Attr("lang")
	}
	return "", false
}

// HTML renders the DOM of the top document as HTML text.
func (p *Page) HTML() string {
	var b strings.Builder
	_ = html.Render(&b, p.Nodes[0].dom)
	return b.String()
}

// Shot is a PNG of one region of a page, one image pixel per CSS pixel.
type Shot struct {
	Area Rect   // in CSS px from the top left corner of the page
	PNG  []byte // Area.W × Area.H pixels
	// Only, when set, is the one element the shot is for: it was taken
	// with the fixed and sticky elements over that element hidden, which
	// may hide another element of its area (a cookie banner's own
	// button), so only Only's crop may come from it.
	Only *Node
}

// Serves reports whether n's crop may come from s.
func (s Shot) Serves(n *Node) bool { return s.Only == nil || s.Only == n }
