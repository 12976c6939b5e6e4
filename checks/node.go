package checks

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// NodeType is the DOM nodeType.
type NodeType int

// DOM node types kept in the page model.
const (
	ElementNode  NodeType = 1
	TextNode     NodeType = 3
	CommentNode  NodeType = 8
	DocumentNode NodeType = 9
	DoctypeNode  NodeType = 10
	FragmentNode NodeType = 11 // a shadow root
)

// Node is one DOM node of a captured page.
type Node struct {
	Type      NodeType `json:"type"`
	Name      string   `json:"name"`                // lower-case tag name of an element; "#text", "#document"…
	Namespace string   `json:"namespace,omitempty"` // "svg" or "math" for foreign elements
	Parent    int      `json:"parent"`              // index of the parent node, -1 for the top document
	Children  []int    `json:"children,omitempty"`
	Attrs     []Attr   `json:"attrs,omitempty"`
	Text      string   `json:"text,omitempty"`    // data of a text or comment node
	Value     string   `json:"value,omitempty"`   // current value of an input or textarea
	Checked   bool     `json:"checked,omitempty"` // current state of a checkbox or radio button
	Frame     int      `json:"frame,omitempty"`   // index of the document node of the iframe holding this node; 0 for the page
	Shadow    string   `json:"shadow,omitempty"`  // "open" or "closed" for a node inside a shadow tree
	Layout    *Layout  `json:"layout,omitempty"`  // nil when the node is not rendered
	AX        *AX      `json:"ax,omitempty"`      // nil when the node has no accessibility object

	// Index is the node's position in Page.Nodes.
	Index int `json:"-"`

	page *Page
	dom  *html.Node
	sel  string
}

// Attr is one attribute of an element. It encodes as a [name, value] pair.
type Attr struct {
	Name, Value string
}

// MarshalJSON encodes the attribute as a two-element array.
func (a Attr) MarshalJSON() ([]byte, error) { return json.Marshal([2]string{a.Name, a.Value}) }

// UnmarshalJSON decodes a [name, value] pair.
func (a *Attr) UnmarshalJSON(b []byte) error {
	var p [2]string
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	a.Name, a.Value = p[0], p[1]
	return nil
}

// Layout is where and how a rendered node was laid out.
type Layout struct {
	Box       Rect              `json:"box"`                 // document coordinates, CSS px
	TextBoxes []Rect            `json:"textBoxes,omitempty"` // line boxes of a text node
	Style     map[string]string `json:"style,omitempty"`     // computed style (a chosen list of properties)
	Paint     int               `json:"paint,omitempty"`     // paint order
	// Pseudo are the boxes of the element's ::before and ::after, which
	// take its clicks, when they have an area (document coordinates).
	Pseudo []Rect `json:"pseudo,omitempty"`
}

// Rect is an axis-aligned box in CSS pixels.
type Rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

// Empty reports whether the box has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// AX is the node's entry in the browser's accessibility tree.
type AX struct {
	Role        string            `json:"role,omitempty"` // computed role, e.g. "link", "generic", "none"
	Name        string            `json:"name,omitempty"` // computed accessible name
	NameFrom    string            `json:"nameFrom,omitempty"`
	Description string            `json:"description,omitempty"`
	Ignored     bool              `json:"ignored,omitempty"` // not exposed to assistive technology
	Props       map[string]string `json:"props,omitempty"`   // states and properties: focusable, hidden, level…
}

// Page returns the page the node belongs to.
func (n *Node) Page() *Page { return n.page }

// IsElement reports whether n is an element.
func (n *Node) IsElement() bool { return n.Type == ElementNode }

// Is reports whether n is an HTML element with one of the tag names.
func (n *Node) Is(tags ...string) bool {
	if n.Type != ElementNode || n.Namespace != "" {
		return false
	}
	for _, t := range tags {
		if n.Name == t {
			return true
		}
	}
	return false
}

// Attr returns the value of the attribute and whether it is present.
func (n *Node) Attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// AttrOr returns the attribute's value, or def when it is absent.
func (n *Node) AttrOr(name, def string) string {
	if v, ok := n.Attr(name); ok {
		return v
	}
	return def
}

// HasAttr reports whether the attribute is present.
func (n *Node) HasAttr(name string) bool {
	_, ok := n.Attr(name)
	return ok
}

// ParentNode returns the parent node, or nil for the top document.
func (n *Node) ParentNode() *Node {
	if n.Parent < 0 || n.page == nil {
		return nil
	}
	return n.page.Nodes[n.Parent]
}

// ParentElement returns the nearest ancestor that is an element, crossing
// shadow roots but not documents.
func (n *Node) ParentElement() *Node {
	for p := n.ParentNode(); p != nil; p = p.ParentNode() {
		switch p.Type {
		case ElementNode:
			return p
		case DocumentNode:
			return nil
		}
	}
	return nil
}

// ChildNodes returns the children, shadow roots flattened into their host.
func (n *Node) ChildNodes() []*Node {
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		cn := n.page.Nodes[c]
		switch cn.Type {
		case FragmentNode:
			out = append(out, cn.ChildNodes()...)
		case DocumentNode:
		default:
			out = append(out, cn)
		}
	}
	return out
}

// ContentDocument returns the document of an iframe or frame element, when
// it was captured.
func (n *Node) ContentDocument() *Node {
	for _, c := range n.Children {
		if cn := n.page.Nodes[c]; cn.Type == DocumentNode {
			return cn
		}
	}
	return nil
}

// Closest returns n or its nearest ancestor element that has one of the tag
// names, or nil.
func (n *Node) Closest(tags ...string) *Node {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Is(tags...) {
			return e
		}
	}
	return nil
}

// walk visits n and its descendants in document order, shadow trees and
// iframe documents included; fn returns false to skip a node's children.
func (n *Node) walk(fn func(*Node) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.Children {
		n.page.Nodes[c].walk(fn)
	}
}

// Descendants returns the elements below n in document order (shadow trees
// included, iframe documents excluded).
func (n *Node) Descendants() []*Node {
	var out []*Node
	for _, c := range n.ChildNodes() {
		if c.Type == ElementNode {
			out = append(out, c)
			out = append(out, c.Descendants()...)
		}
	}
	return out
}

// TextContent returns the concatenated text of the node's descendants.
func (n *Node) TextContent() string {
	if n.Type == TextNode {
		return n.Text
	}
	var b strings.Builder
	for _, c := range n.ChildNodes() {
		if c.Type == TextNode || c.Type == ElementNode {
			b.WriteString(c.TextContent())
		}
	}
	return b.String()
}

// Style returns a computed style property, "" when the node is not rendered.
func (n *Node) Style(prop string) string {
	if n.Layout == nil {
		return ""
	}
	return n.Layout.Style[prop]
}

// Rendered reports whether the browser laid the node out (it is not
// display:none and not inside such an element).
func (n *Node) Rendered() bool { return n.Layout != nil }

// Exposed reports whether the node is in the accessibility tree.
func (n *Node) Exposed() bool { return n.AX != nil && !n.AX.Ignored }

// Role returns the computed role ("" when not exposed).
func (n *Node) Role() string {
	if n.AX == nil {
		return ""
	}
	return n.AX.Role
}

// AccessibleName returns the computed accessible name.
func (n *Node) AccessibleName() string {
	if n.AX == nil {
		return ""
	}
	return n.AX.Name
}

// Focusable reports whether the browser says the node can take focus.
func (n *Node) Focusable() bool { return n.AX != nil && n.AX.Props["focusable"] == "true" }

// Selector returns a CSS selector that matches this element and no other
// in its document. Elements in a shadow tree or an iframe are addressed
// from their host: "host-selector >>> inner-selector".
func (n *Node) Selector() string {
	if n.sel != "" {
		return n.sel
	}
	n.sel = n.selector()
	return n.sel
}

func (n *Node) selector() string {
	switch n.Type {
	case ElementNode:
	case DocumentNode:
		if n.Index == 0 {
			return ":root"
		}
		if f := n.ParentNode(); f != nil {
			return f.Selector()
		}
		return ":root"
	default:
		if p := n.ParentElement(); p != nil {
			return p.Selector()
		}
		return ":root"
	}
	top := n.Frame == 0 && n.Shadow == ""
	var parts []string
	e := n
	for {
		if id, ok := e.Attr("id"); ok && id != "" && top && n.page.ids[id] == 1 {
			parts = append(parts, "#"+cssIdent(id))
			break
		}
		if (e.Name == "body" || e.Name == "head") && top {
			parts = append(parts, e.Name)
			break
		}
		if e.Name == "html" {
			parts = append(parts, e.Name)
			if doc := e.ParentNode(); doc != nil && doc.Type == DocumentNode && doc.Index != 0 {
				if frame := doc.ParentNode(); frame != nil {
					return frame.Selector() + " >>> " + joinRev(parts)
				}
			}
			break
		}
		step := e.Name
		if pos, total := e.typeIndex(); total > 1 {
			step += ":nth-of-type(" + strconv.Itoa(pos) + ")"
		}
		parts = append(parts, step)
		up := e.ParentNode()
		switch {
		case up == nil:
			return joinRev(parts)
		case up.Type == DocumentNode: // top of an iframe's document
			if frame := up.ParentNode(); frame != nil {
				return frame.Selector() + " >>> " + joinRev(parts)
			}
			return joinRev(parts)
		case up.Type == FragmentNode: // a shadow root, when the snapshot keeps it
			if host := up.ParentNode(); host != nil {
				return host.Selector() + " >>> " + joinRev(parts)
			}
			return joinRev(parts)
		case e.Shadow != "" && up.Shadow == "" && up.Type == ElementNode: // crossed from a shadow tree to its host
			return up.Selector() + " >>> " + joinRev(parts)
		}
		e = up
	}
	return joinRev(parts)
}

func joinRev(parts []string) string {
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
		if i > 0 {
			b.WriteString(" > ")
		}
	}
	return b.String()
}

// typeIndex returns the 1-based position of n among its siblings of the
// same tag name, and how many such siblings there are.
func (n *Node) typeIndex() (pos, total int) {
	p := n.ParentNode()
	if p == nil {
		return 1, 1
	}
	for _, ci := range p.Children {
		c := n.page.Nodes[ci]
		if c.Type == ElementNode && c.Name == n.Name {
			total++
			if c == n {
				pos = total
			}
		}
	}
	return pos, total
}

// cssIdent escapes s for use as a CSS identifier.
func cssIdent(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '-' || r == '_' || r >= 0x80 || unicode.IsLetter(r):
			if i == 0 && r == '-' && len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
				b.WriteString(`\-`)
				continue
			}
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			if i == 0 {
				fmt.Fprintf(&b, `\3%c `, r)
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteByte('\\')
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Snippet returns a short HTML excerpt of the element: its start tag, the
// beginning of its text and its end tag.
func (n *Node) Snippet() string {
	const maxAttr, maxText = 80, 60
	switch n.Type {
	case TextNode:
		return truncate(strings.TrimSpace(n.Text), maxText)
	case DocumentNode:
		return "<!DOCTYPE html>"
	case ElementNode:
	default:
		return ""
	}
	var b strings.Builder
	b.WriteString("<" + n.Name)
	for _, a := range n.Attrs {
		b.WriteString(" " + a.Name)
		if a.Value != "" {
			b.WriteString(`="` + html.EscapeString(truncate(a.Value, maxAttr)) + `"`)
		}
	}
	b.WriteString(">")
	if voidElements[n.Name] {
		return b.String()
	}
	text := strings.Join(strings.Fields(n.TextContent()), " ")
	if n.Name == "html" || n.Name == "body" || n.Name == "head" {
		text = ""
	}
	if text != "" {
		b.WriteString(html.EscapeString(truncate(text, maxText)))
	} else if len(n.Descendants()) > 0 {
		b.WriteString("…")
	}
	b.WriteString("</" + n.Name + ">")
	return b.String()
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max-1]) + "…"
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}
