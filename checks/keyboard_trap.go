package checks

import "strings"

// KeyboardTrap checks that keyboard focus can leave every element that
// Tab reaches (ACT 80af7b, and a1b64e, its variant for standard keyboard
// navigation alone). It reads what the focus probe saw in the live
// page (Page.Focus).
var KeyboardTrap = &Rule{
	ID:      "keyboard-trap",
	Title:   "Keyboard focus is not trapped",
	Doc:     doc("keyboard-trap"),
	HelpURL: understanding("2.1.2"),
	WCAG:    []string{"2.1.2"},
	ACT:     []string{"80af7b", "a1b64e"},
	Impact:  Critical,
	Probes:  []Probe{ProbeFocus},
	Run:     runKeyboardTrap,
}

// keyInstructions are words of instructions for leaving a trap with other
// keys (ACT ebe86a): with them on the page, a trap is for a person to judge.
var keyInstructions = []string{"press", "ctrl", "esc", "key", "paina", "näppäin", "tryck", "tangent"}

// ACT 80af7b applies to focusable elements. It passes when focus can be
// moved away with standard keyboard navigation (a1b64e) or with other
// keys the page explains (ebe86a). The focus probe pressed Tab through the
// page, and Shift+Tab where focus kept coming back to the same elements;
// saavu reports failed only for an element that took focus back to itself
// both ways on a page that gives no key instructions.
func runKeyboardTrap(pass *Pass) error {
	p := pass.Page
	if p.Focus == nil {
		focusNotFollowed(pass)
		return nil
	}
	order := focusOrder(p)
	trapped := map[int]bool{}
	if len(p.Focus.Back) > 0 && len(p.Focus.Stops) > 0 {
		// The loop: the stops from the first visit of the last element.
		stops := p.Focus.Stops
		last := stops[len(stops)-1].Node
		first := 0
		for stops[first].Node != last {
			first++
		}
		for _, s := range stops[first:] {
			trapped[s.Node] = true
		}
		// Shift+Tab leaves the loop when focus goes out of it and stays
		// out. Focus taken back into the loop after it went out (by a
		// timer of the loop's element), or that does not stay anywhere
		// (two such elements stealing it from each other), has not left.
		out := false
		for _, s := range p.Focus.Back {
			in := s.Node >= 0 && trapped[s.Node] || s.Restless
			if out && in {
				out = false
				break
			}
			out = out || !in
		}
		if out {
			clear(trapped)
		}
	}
	lastStop := -1
	if p.Focus.Limit && len(p.Focus.Stops) > 0 {
		lastStop = p.Focus.Stops[len(p.Focus.Stops)-1].Node
	}
	instructions := hasKeyInstructions(p)
	for _, st := range order {
		n := p.Nodes[st[0].Node]
		switch {
		case !trapped[n.Index] && p.Focus.Moved && len(trapped) == 0:
			// The page moves focus by itself: stops may come from its
			// timers rather than from Tab.
			pass.CantTell(n, "This page moves keyboard focus by itself while Tab is pressed, so saavu could not tell whether focus can always leave this element. Check with Tab and Shift+Tab that you can move past it.")
		case !trapped[n.Index]:
			// Left by Tab: before the loop, when there is one (the loop
			// holds the page's verdict).
			if n.Index != lastStop { // the probe left this element
				pass.Passed(n)
			}
		case len(trapped) == 1 && simpleControl(n) && !instructions:
			pass.Failed(n, "Keyboard focus cannot leave this element: when you press Tab or Shift+Tab, the page moves focus straight back to it. Keyboard users are stuck here and cannot reach the rest of the page. Remove the script that moves focus back (for example on blur).")
		default:
			pass.CantTell(n, "When saavu pressed Tab and Shift+Tab, keyboard focus kept coming back to this element (and the others in the same loop). Check with the keyboard that you can move out of it; if it needs a special key, the page must say which.")
		}
	}
	return nil
}

// simpleControl reports whether n is a link, a button or an element made
// focusable with tabindex: one that Tab leaves in one press. Other form
// fields (a date input, a video's controls) may take several presses.
func simpleControl(n *Node) bool {
	switch {
	case n.Is("a", "button"):
		return true
	case n.Is("input"):
		switch strings.ToLower(n.AttrOr("type", "")) {
		case "button", "submit", "reset", "checkbox", "radio", "image":
			return true
		}
		return false
	case n.Is("select", "textarea", "iframe", "object", "embed", "audio", "video", "details", "summary"):
		return false
	}
	return n.HasAttr("tabindex")
}

// hasKeyInstructions reports whether the rendered text of the page names
// keys.
func hasKeyInstructions(p *Page) bool {
	var b strings.Builder
	for _, n := range p.Nodes {
		if n.Type == TextNode && n.Rendered() {
			b.WriteString(strings.ToLower(n.Text))
			b.WriteByte(' ')
		}
	}
	text := b.String()
	for _, w := range keyInstructions {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
