package checks

// FrameFocusableContent checks that an iframe holding keyboard-operable
// content is not taken out of the tab order (ACT akn7bn).
var FrameFocusableContent = &Rule{
	ID:      "frame-focusable-content",
	Title:   "Frames with interactive content are reachable with the keyboard",
	Doc:     doc("frame-focusable-content"),
	HelpURL: understanding("2.1.1"),
	WCAG:    []string{"2.1.1"},
	ACT:     []string{"akn7bn"},
	Impact:  Serious,
	Run:     runFrameFocusableContent,
}

// ACT akn7bn applies to iframe elements whose document holds a visible
// element in the sequential focus order; the iframe must not have a
// negative tabindex, which would take all of it out of the tab order.
func runFrameFocusableContent(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("iframe") || programmaticallyHidden(n) || !n.Exposed() || inert(n) {
			continue // hidden, or inert (outside an open modal dialog)
		}
		border, _ := cssPx(n.Style("border-top-width"))
		if box := n.Layout.Box; box.W-2*border <= 1 || box.H-2*border <= 1 || !onPage(box) {
			continue // a 1-pixel frame: nothing inside can be seen
		}
		ti, ok := tabIndex(n)
		negative := ok && ti < 0
		doc := n.ContentDocument()
		if doc == nil {
			if negative {
				pass.CantTell(n, "This frame has tabindex=\"%d\", which takes everything in it out of the keyboard tab order, but saavu could not see inside it. Check with the Tab key whether the frame holds links, buttons or form fields; if it does, remove the tabindex.", ti)
			}
			continue
		}
		target := firstTabStop(doc)
		if target == nil {
			continue
		}
		if negative {
			pass.Failed(n, "This frame has tabindex=\"%d\", so keyboard users cannot reach what is in it, such as %s. Remove the tabindex attribute from the <iframe> (or set it to 0).", ti, target.Snippet())
			continue
		}
		pass.Passed(n)
	}
	return nil
}

// inert reports whether the element or an ancestor, across frames, has
// the inert attribute.
func inert(n *Node) bool {
	for e := n; e != nil; e = upElement(e) {
		if e.HasAttr("inert") {
			return true
		}
	}
	return false
}

// firstTabStop returns the first visible element of the document that is
// in the sequential focus order, or nil.
func firstTabStop(doc *Node) *Node {
	var found *Node
	doc.walk(func(e *Node) bool {
		if found != nil {
			return false
		}
		if e != doc && e.Type == DocumentNode {
			return false // a nested frame's document: the frame itself counts
		}
		if e.Type != ElementNode {
			return true
		}
		if e.Name == "template" {
			return false
		}
		if _, seq := htmlFocusable(e); seq && visibleBox(e) {
			found = e
			return false
		}
		return true
	})
	return found
}
