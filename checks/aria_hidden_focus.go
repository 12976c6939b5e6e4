package checks

import "strings"

// ARIAHiddenFocus checks that content hidden from assistive technology
// with aria-hidden="true" cannot be reached with the Tab key (ACT 6cfa84).
var ARIAHiddenFocus = &Rule{
	ID:      "aria-hidden-focus",
	Title:   "Content hidden with aria-hidden cannot be reached with the keyboard",
	Doc:     doc("aria-hidden-focus"),
	HelpURL: understanding("4.1.2"),
	WCAG:    []string{"4.1.2"},
	ACT:     []string{"6cfa84"},
	Impact:  Serious,
	Run:     runARIAHiddenFocus,
}

// ACT 6cfa84 applies to elements with aria-hidden="true". None of them or
// their descendants (shadow trees included) may be in the sequential focus
// order. The browser leaves such content out of the accessibility tree,
// so focusability is judged by HTML rules: natively focusable elements and
// tabindex >= 0, unless disabled, inert or not rendered.
func runARIAHiddenFocus(pass *Pass) error {
	if !ariaHTMLDoc(pass.Page) {
		return nil
	}
	modals := openModals(pass.Page)
	scripted := scriptsMayMoveFocus(pass.Page)
	for _, n := range allElements(pass.Page) {
		if (n.Namespace != "" && n.Namespace != "svg") || !equalFoldTrim(n.AttrOr("aria-hidden", ""), "true") {
			continue
		}
		if p := upElement(n); p != nil && ariaHidden(p) {
			continue // the outer aria-hidden element covers this one
		}
		clean := true
		var hits []*Node
		for _, d := range append([]*Node{n}, n.Descendants()...) {
			_, seq := htmlFocusable(d)
			if d.Is("iframe") && d.Rendered() && !htmlDisabled(d) {
				if doc := d.ContentDocument(); doc == nil {
					clean = false
					pass.CantTell(d, "This frame is inside content hidden with aria-hidden=\"true\" (%s), and saavu cannot see into it. Check with the Tab key whether anything in the frame takes focus; if so, hide the frame with display:none or take its content out of the tab order.", hiddenBy(n, d))
					continue
				} else if frameFocusables(doc) {
					clean = false
					pass.Failed(d, "This frame is inside content hidden with aria-hidden=\"true\" (%s), but it has links or controls that the Tab key reaches, so screen reader users land on something that is not announced. Hide the frame with display:none, or remove aria-hidden.", hiddenBy(n, d))
					continue
				}
				seq = false
			}
			if seq {
				hits = append(hits, d)
			}
		}
		if len(hits) > 0 {
			clean = false
		}
		switch {
		case len(hits) > 0 && scripted && len(modals) > 0 && !containsAny(n, modals):
			// Content behind an open modal dialog: the dialog's script
			// normally keeps focus inside it, which only a keyboard test
			// can show.
			pass.CantTell(n, "This content is hidden from screen readers with aria-hidden=\"true\" while a dialog is open, but %d link(s) or control(s) in it can take focus (the first: %s). That is fine only if the dialog keeps keyboard focus inside itself until it closes. Check with the Tab key that focus never leaves the dialog; if it does, make the content behind it inert or take it out of the tab order.", len(hits), hits[0].Selector())
		default:
			for _, d := range hits {
				if scripted && focusGuard(d, len(modals) > 0) {
					pass.CantTell(d, "This element takes keyboard focus although it is hidden with aria-hidden=\"true\" (%s). It looks like a focus guard of a dialog or pop-up, which is fine if it immediately moves focus elsewhere. Check with the Tab key that focus never stays on it.", hiddenBy(n, d))
					continue
				}
				pass.Failed(d, "%s", hiddenFocusMessage(n, d))
			}
		}
		if clean {
			pass.Passed(n)
		}
	}
	return nil
}

// containsAny reports whether one of the nodes is n or inside it.
func containsAny(n *Node, nodes []*Node) bool {
	for _, m := range nodes {
		if m == n || isAncestor(n, m) {
			return true
		}
	}
	return false
}

// hiddenBy names the aria-hidden element, for messages.
func hiddenBy(hidden, d *Node) Text {
	if hidden == d {
		return msg("on the element itself")
	}
	return msg("on %s", hidden.Selector())
}

func hiddenFocusMessage(hidden, d *Node) Text {
	fix := msg("remove it from the tab order with tabindex=\"-1\" (and disable it if it is a control), hide it completely with display:none, or remove aria-hidden")
	if d == hidden {
		fix = msg("remove aria-hidden from it, or remove tabindex if it need not take focus")
	}
	by := hiddenBy(hidden, d)
	switch {
	case d.Is("a"):
		return msg("This link can be reached with the Tab key, but it is hidden from screen readers with aria-hidden=\"true\" (%s), so screen reader users land on something that is not announced. To fix, %s.", by, fix)
	case d.Is("button") || d.Is("summary"):
		return msg("This button can be reached with the Tab key, but it is hidden from screen readers with aria-hidden=\"true\" (%s), so screen reader users land on something that is not announced. To fix, %s.", by, fix)
	case d.Is("input", "select", "textarea"):
		return msg("This form field can be reached with the Tab key, but it is hidden from screen readers with aria-hidden=\"true\" (%s), so screen reader users land on something that is not announced. To fix, %s.", by, fix)
	}
	return msg("This element can be reached with the Tab key, but it is hidden from screen readers with aria-hidden=\"true\" (%s), so screen reader users land on something that is not announced. To fix, %s.", by, fix)
}

// frameFocusables reports whether a frame's document has an element in
// the sequential focus order.
func frameFocusables(doc *Node) bool {
	found := false
	doc.walk(func(e *Node) bool {
		if found {
			return false
		}
		if e.Type == ElementNode {
			if _, seq := htmlFocusable(e); seq {
				found = true
			}
		}
		return true
	})
	return found
}

// openModals returns the modal dialogs the page shows.
func openModals(p *Page) []*Node {
	var out []*Node
	for _, n := range allElements(p) {
		if !n.Rendered() || ariaHidden(n) {
			continue
		}
		if equalFoldTrim(n.AttrOr("aria-modal", ""), "true") || (n.AX != nil && n.AX.Props["modal"] == "true") {
			out = append(out, n)
		}
	}
	return out
}

// focusGuard reports whether a focusable element inside aria-hidden looks
// like the focus guard of a dialog or pop-up: an invisible, empty element
// made focusable with tabindex, or an off-screen element while a modal
// dialog is open. Such guards move focus on as soon as they get it, which
// only running the page can show.
func focusGuard(d *Node, modal bool) bool {
	invisible := d.Layout == nil || d.Layout.Box.W <= 1 || d.Layout.Box.H <= 1 || offScreen(d.Layout.Box) || d.Style("opacity") == "0"
	if !invisible {
		return false
	}
	if modal {
		return true
	}
	_, hasTab := d.Attr("tabindex")
	return hasTab && !nativelyFocusable(d) && strings.TrimSpace(d.TextContent()) == ""
}

// scriptsMayMoveFocus reports whether a script on the page could move focus
// on from a focus guard: the page loads a script file, or an inline script
// or event handler attribute deals with focus. Without such a script a
// focus guard is just a trap.
func scriptsMayMoveFocus(p *Page) bool {
	for _, n := range allElements(p) {
		for _, a := range n.Attrs {
			if strings.HasPrefix(a.Name, "on") && strings.Contains(strings.ToLower(a.Value), "focus") {
				return true
			}
		}
		if !n.Is("script") {
			continue
		}
		t := strings.ToLower(strings.TrimSpace(n.AttrOr("type", "")))
		if t != "" && t != "module" && !strings.Contains(t, "javascript") && !strings.Contains(t, "ecmascript") {
			continue
		}
		if strings.TrimSpace(n.AttrOr("src", "")) != "" || strings.Contains(strings.ToLower(n.TextContent()), "focus") {
			return true
		}
	}
	return false
}

// offScreen reports whether a box lies entirely outside the page, above
// or to the left of it.
func offScreen(b Rect) bool { return b.X+b.W <= 0 || b.Y+b.H <= 0 }
