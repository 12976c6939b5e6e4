package checks

// ContentOnHover checks that content shown when the pointer is over an
// element (a submenu, a tooltip) can itself be hovered, and that content
// shown on hover or on keyboard focus can be dismissed with Escape when
// it covers other content (WCAG 1.4.13). It
// reads what the hover probe saw (Page.Hover): style rules that show
// content on hover, tried with the mouse.
var ContentOnHover = &Rule{
	ID:      "content-on-hover",
	Title:   "Content that appears on hover can be hovered and dismissed",
	Doc:     doc("content-on-hover"),
	HelpURL: understanding("1.4.13"),
	WCAG:    []string{"1.4.13"},
	Impact:  Serious,
	Probes:  []Probe{ProbeHover},
	Run:     runContentOnHover,
}

// runContentOnHover applies to each element whose hover showed other
// content. It fails when the content vanished as the pointer moved onto
// it (people who magnify the screen must move onto it to read it), or
// when it covers other content and Escape did not hide it. Otherwise it
// passes. Content that style rules show on keyboard focus (:focus,
// :focus-within) is tried by focusing the element: it fails when it
// covers other content and Escape did not hide it. Content that scripts
// show is not tried.
func runContentOnHover(pass *Pass) error {
	p := pass.Page
	if p.Hover == nil {
		return nil
	}
	for _, h := range p.Hover.Popups {
		var n *Node
		if h.Trigger > 0 && h.Trigger < len(p.Nodes) {
			n = p.Nodes[h.Trigger]
		}
		what := msg("the content that appears")
		if h.Popup > 0 && h.Popup < len(p.Nodes) {
			what = msg("the content that appears (%s)", p.Nodes[h.Popup].Snippet())
		}
		switch {
		case h.Focus && !h.Dismissed && h.Covers:
			pass.Failed(n, "When keyboard focus is on this element, %s covers other content, and pressing Escape does not hide it. Keyboard users, and people who magnify the screen, then cannot see what is under it without moving focus elsewhere. Let Escape hide it (a keydown listener), or show it where it covers nothing.", what)
		case !h.Hoverable:
			pass.Failed(n, "When the pointer is over this element, %s vanishes as soon as the pointer moves onto it. People who magnify the screen must move the pointer onto such content to read it. Keep it shown while the pointer is over it too (for example .menu:hover .submenu, .submenu:hover, with no gap between the two).", what)
		case !h.Dismissed && h.Covers:
			pass.Failed(n, "When the pointer is over this element, %s covers other content, and pressing Escape does not hide it. People who magnify the screen, or whose pointer rests there, then cannot see what is under it without moving the pointer away. Let Escape hide it (a keydown listener), or show it where it covers nothing.", what)
		default:
			pass.Passed(n)
		}
	}
	return nil
}
