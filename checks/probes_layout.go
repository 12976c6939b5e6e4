package checks

// What the layout probes saw: the page at another viewport size (as a
// zoomed browser shows it) and the scroll sizes of its scrollable
// boxes. Like the other probes (see probes.go), they run in the live page
// after the snapshot, and a field stays nil when its probe did not run.

// ZoomView is what the zoom probe saw with the viewport at 640 × 512 CSS
// px: the size of the page on a 1280 × 1024 screen zoomed to 200 %.
type ZoomView struct {
	Viewport Size `json:"viewport"` // CSS px
	// Texts are the visible text nodes of the top document inside an
	// element whose overflow is hidden or clip (html and body excepted),
	// with how such elements cut them.
	Texts []ZoomText `json:"texts,omitempty"`
	// Boxes are the elements with overflow hidden or clip that cut a text
	// of Texts or hid one entirely.
	Boxes []ZoomBox `json:"boxes,omitempty"`
}

// ZoomText is one visible text node of the zoomed page.
type ZoomText struct {
	Node  int        `json:"node"`            // index of the text node in Page.Nodes
	Lines int        `json:"lines"`           // text boxes (lines, or fragments of a line) it was laid out in
	LineH float64    `json:"lineH"`           // height of its tallest text box, CSS px
	Clips []TextClip `json:"clips,omitempty"` // how elements with overflow hidden or clip cut it
}

// TextClip is how one element with overflow hidden or clip cut a text
// node, in one direction.
type TextClip struct {
	Box     int     `json:"box"`               // index in Page.Nodes of the clipping element
	Axis    string  `json:"axis"`              // "x" (sideways) or "y" (top or bottom)
	Cut     float64 `json:"cut"`               // the most CSS px cut off one line
	Partial int     `json:"partial,omitempty"` // lines cut through: partly visible
	Hidden  int     `json:"hidden,omitempty"`  // lines hidden entirely
}

// ZoomBox is an element with overflow hidden or clip on the zoomed page.
type ZoomBox struct {
	Node         int     `json:"node"`                   // index in Page.Nodes
	OverflowX    string  `json:"overflowX"`              // computed overflow-x
	OverflowY    string  `json:"overflowY"`              // computed overflow-y
	WhiteSpace   string  `json:"whiteSpace,omitempty"`   // computed white-space
	TextOverflow string  `json:"textOverflow,omitempty"` // computed text-overflow
	W            float64 `json:"w"`                      // size of its padding box (where it clips), CSS px
	H            float64 `json:"h"`
	// HiddenX and HiddenY count the text nodes it hid entirely, by
	// cutting them off sideways or at the top or bottom: the slides of a
	// carousel, the rest of a collapsed panel.
	HiddenX int `json:"hiddenX,omitempty"`
	HiddenY int `json:"hiddenY,omitempty"`
}

// ZoomBoxOf returns what the zoom probe recorded of the clipping element
// at index node, or nil.
func (z *ZoomView) ZoomBoxOf(node int) *ZoomBox {
	for i := range z.Boxes {
		if z.Boxes[i].Node == node {
			return &z.Boxes[i]
		}
	}
	return nil
}

// Scroller is an element whose content overflows it and that the user
// can scroll (overflow auto or scroll), as the scroll probe measured it.
type Scroller struct {
	Node int `json:"node"` // index in Page.Nodes
	// Distances the content can be scrolled, CSS px: scroll size minus
	// client size.
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// Computed padding, CSS px: top, right, bottom, left.
	Padding [4]float64 `json:"padding"`
}
