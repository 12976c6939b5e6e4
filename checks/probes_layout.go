package checks

// What the layout probes saw: the page at other viewport sizes (as a
// zoomed browser shows it), with the text spacing a reader may set, and
// the scroll sizes of its scrollable boxes. Like the other probes (see probes.go), they run in the live page
// after the snapshot, and a field stays nil when its probe did not run.

// ZoomView is how elements with overflow hidden or clip cut the text of a
// page laid out in some way: what the zoom probe saw with the viewport at
// 640 × 512 CSS px (the size of the page on a 1280 × 1024 screen zoomed to
// 200 %), and what the text spacing probe saw before and after widening
// the spacing (SpacingView).
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

// SpacingView is what the text spacing probe saw: the page as captured
// and with the text spacing of WCAG 1.4.12 forced on every element (line
// height 1.5 times the font size, paragraph spacing 2 times, letter
// spacing 0.12 times, word spacing 0.16 times), both at the captured
// viewport. Before and After are nil when no rendered text was inside an
// element with overflow hidden or clip, so that no spacing could cut any
// off.
type SpacingView struct {
	Before *ZoomView `json:"before,omitempty"`
	After  *ZoomView `json:"after,omitempty"`
}

// ReflowView is what the reflow probe saw with the viewport at 320 × 256
// CSS px: the size of the page on a 1280 × 1024 screen zoomed to 400 %,
// where WCAG 1.4.10 wants content to fit the width of the window.
type ReflowView struct {
	Viewport Size `json:"viewport"`
	// ScrollWidth is how wide the page's content is, CSS px.
	ScrollWidth float64 `json:"scrollWidth"`
	// Scrolls says the window can be scrolled sideways: the page does not
	// hide what sticks out (overflow-x hidden or clip on html or body).
	Scrolls bool `json:"scrolls"`
	// Wide are the elements that reach beyond the right edge of the
	// window, at most MaxReflowBoxes of them, in document order.
	Wide []WideBox `json:"wide,omitempty"`
	// Clip is how the elements with overflow hidden or clip cut text at
	// this size, as the zoom probe records it at 640 px (ZoomView); nil
	// when nothing on the page can clip text.
	Clip *ZoomView `json:"clip,omitempty"`
}

// MaxReflowBoxes bounds ReflowView.Wide.
const MaxReflowBoxes = 20

// WideBox is an element that reaches beyond the right edge of the window
// at 320 CSS px.
type WideBox struct {
	Node int `json:"node"` // index in Page.Nodes; -1 when the snapshot did not capture it
	// Kind is "text" for an element whose text reaches beyond the edge
	// (the outermost element that does, the one to make narrower),
	// "media" for an image, video, canvas, embedded frame or object, and
	// "control" for a form field.
	Kind  string  `json:"kind"`
	Right float64 `json:"right"`           // how far right it, or its text, reaches, CSS px
	Width float64 `json:"width"`           // its width, CSS px
	Texts int     `json:"texts,omitempty"` // its text nodes that reach beyond the edge
	// Word says the text sticks out of the element rather than with it:
	// a word too long for the window (long compound words are common in
	// Finnish), or white-space: nowrap.
	Word bool `json:"word,omitempty"`
	// Exempt names the element around the text whose content may need
	// two dimensions to be understood (WCAG 1.4.10's exception): "table",
	// "pre", "code", "svg", "math", or a role such as "toolbar". It is
	// empty when the texts have different nearest such elements (a table
	// and the code in its cells), or some have none.
	Exempt string `json:"exempt,omitempty"`
	// Cut says that what reaches beyond the edge cannot be scrolled to:
	// the element is fixed in the window, or the page hides sideways
	// overflow.
	Cut bool `json:"cut,omitempty"`
}
