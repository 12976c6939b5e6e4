package checks

// FocusNotObscured checks that an element that gets keyboard focus is not
// entirely hidden behind fixed or sticky content of the page, such as a
// sticky header or a cookie banner (WCAG 2.4.11, new in WCAG 2.2). It
// reads what the focus probe saw when it pressed Tab through the page
// (Page.Focus): at each element, what was on top at points over it in the
// window.
var FocusNotObscured = &Rule{
	ID:      "focus-not-obscured",
	Title:   "Keyboard focus is not hidden behind sticky content",
	Doc:     doc("focus-not-obscured"),
	HelpURL: understanding("2.4.11"),
	WCAG:    []string{"2.4.11"},
	Impact:  Serious,
	Probes:  []Probe{ProbeFocus},
	Run:     runFocusNotObscured,
}

// The rule applies to the elements Tab reached whose place in the window
// the probe could look at. It fails an element that opaque fixed or
// sticky content, there since the page loaded, covered at every point the
// probe looked at (its middle and a 3×3 grid to its edges): the element
// was entirely hidden. Partly hidden passes (hiding no part of it is
// 2.4.12, AAA). Content that appeared only while focus moved (a menu
// opened by focus) is cantTell: WCAG allows it when the user can uncover
// the element without moving focus (Escape). An element covered by other
// content (not fixed or sticky), or not in the window at all, gets no
// verdict: that is not what this criterion is about.
func runFocusNotObscured(pass *Pass) error {
	p := pass.Page
	if p.Focus == nil {
		focusNotFollowed(pass)
		return nil
	}
	for _, stops := range focusOrder(p) {
		n := p.Nodes[stops[0].Node]
		var hidden *FocusStop
		shown := false
		for i := range stops {
			switch stops[i].Hidden {
			case "", "partly":
				shown = true
			case "entirely":
				if hidden == nil {
					hidden = &stops[i]
				}
			}
		}
		switch {
		case hidden != nil:
			cover := p.nodeAt(hidden.Cover)
			switch {
			case cover == nil:
				pass.CantTell(n, "When this element gets keyboard focus, fixed or sticky content that saavu did not capture hides it entirely. Press Tab to it and check that you can see it: content that stays in place while the page scrolls (a header, a banner) must not cover the focused element.")
			case appearedLater(p, hidden.Top, cover):
				pass.CantTell(n, "When this element gets keyboard focus, content that appeared while saavu moved focus through the page (a menu or panel opened by focus) hides it entirely: %s. That is allowed only if you can uncover the element without moving focus, e.g. Escape closes what covers it. Press Tab to it and check.", cover.Snippet())
			default:
				pass.Failed(n, "When this element gets keyboard focus, it is entirely hidden behind content that stays in place while the page scrolls (%s), so keyboard users cannot see where they are. Keep it from covering focused elements: give the page scroll-padding as high as that content (scroll-padding-top for a header, scroll-padding-bottom for a banner), leave room at the end of the page for a banner at the bottom of the window, or make the banner a dialog that is closed before the page is used.", cover.Snippet())
			}
		case shown:
			pass.Passed(n)
		}
	}
	return nil
}

// nodeAt returns the node at index i of the table, or nil for an index
// out of range (-1: an element the snapshot did not capture).
func (p *Page) nodeAt(i int) *Node {
	if i <= 0 || i >= len(p.Nodes) {
		return nil
	}
	return p.Nodes[i]
}

// appearedLater reports whether what covered a focused element was not
// shown when the page was captured: the element on top at its middle
// (top) or one of its ancestors up to the fixed or sticky element cover
// was not rendered, or hidden, then.
func appearedLater(p *Page, top int, cover *Node) bool {
	e := p.nodeAt(top)
	if e == nil {
		return true
	}
	for ; e != nil; e = e.ParentElement() {
		if !e.Rendered() || e.Style("visibility") == "hidden" || e.Style("display") == "none" {
			return true
		}
		if e == cover {
			return false
		}
	}
	return false // top is not inside cover: cover was there, and covers it
}
