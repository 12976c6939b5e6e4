package checks

import (
	"net/url"
	"slices"
	"strings"
)

// ScriptedControlKeyboard checks that what a script does when an element
// is clicked can also be done with the keyboard (WCAG 2.1.1). It reads
// what the activation probe saw when it clicked, with the mouse, the
// elements that may act on a click but are not native controls, and
// pressed Enter and Space on those that Tab reaches (Page.Activate).
var ScriptedControlKeyboard = &Rule{
	ID:      "scripted-control-keyboard",
	Title:   "Controls that work with a click also work with the keyboard",
	Doc:     doc("scripted-control-keyboard"),
	HelpURL: understanding("2.1.1"),
	WCAG:    []string{"2.1.1"},
	Impact:  Critical,
	Probes:  []Probe{ProbeActivate},
	Run:     runScriptedControlKeyboard,
}

// controlRoles are the roles that say an element is a control a click
// works.
var controlRoles = []string{"button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio"}

// compositeRoles are the widgets whose items the arrow keys move
// between, with one of them (or the widget) in the Tab order.
var compositeRoles = []string{"listbox", "menu", "menubar", "tablist", "tree", "treegrid", "grid", "radiogroup", "toolbar", "combobox"}

// runScriptedControlKeyboard applies to the elements, not native controls,
// that changed the page when clicked: content or attributes changed,
// focus moved, a navigation, a new window, a form sent or a request,
// the print dialog, or scrolling. For one that Tab does not reach it
// fails when it is clearly a control (a control role, or its own click
// listener with a pointing-hand cursor) and the page offers no other way
// that saavu can see (a link to the same address, a control with the
// same name, or one that controls what the click changed); otherwise a
// person must judge. For one that Tab reaches, it passes when Enter and
// Space both do something, asks a person when one does, and fails when
// neither does, unless another way is seen. Items of a composite widget
// (a tab list, a menu…) are for a person: the arrow keys may work them.
func runScriptedControlKeyboard(pass *Pass) error {
	p := pass.Page
	if p.Activate == nil {
		if scriptedControls(p) {
			pass.CantTell(nil, "saavu could not click this page's controls. Check by hand that everything that works with a click also works with the keyboard (Tab to it, then Enter or Space).")
		}
		return nil
	}
	for _, c := range p.Activate.Clicks {
		n := actNode(p, c.Node)
		if n == nil || !c.Click.Any() || nativeControl(n) {
			continue
		}
		did := effectText(p, c.Click, n)
		alt := otherWay(p, n, c.Click)
		composite := inComposite(n)
		if browserDoes(c.Click) {
			// Scrolling and printing: the browser's own keys do that.
			pass.CantTell(n, "When clicked, this element %s. Keyboard users can do that with the browser's own keys (Home, Page Up and Down, Ctrl+P), so this need not fail. Check that the element does nothing more; better, make it a <button> or a link.", did)
			continue
		}
		if !c.Keys {
			switch {
			case requestsOnly(c.Click):
				pass.CantTell(n, "When clicked, this element %s, but it cannot be reached with the Tab key. If it is a control, keyboard users cannot use it. Check what it does; if it is a control, make it a <button> (or give it tabindex=\"0\", a role and a keydown listener for Enter and Space).", did)
			case composite != nil:
				pass.CantTell(n, "When clicked, this element %s, but it cannot be reached with the Tab key. It is in a %s widget, whose items the arrow keys may reach. Check that you can reach and use it with the keyboard: Tab to the widget, then the arrow keys, then Enter or Space.", did, composite.AttrOr("role", ""))
			case alt != nil:
				pass.CantTell(n, "When clicked, this element %s, but it cannot be reached with the Tab key. Another element that can, %s, may do the same. Check that keyboard users can do everything this element does in that other way; if not, make this element a <button> or a link.", did, alt.Snippet())
			case controlLike(n, c.Listeners):
				pass.Failed(n, "When clicked, this element %s, but it cannot be reached with the Tab key, and saavu found no link or control on the page that does the same. Keyboard users, and many screen reader users, cannot use it. Make it a real control: a <button> for an action, or a link (<a href>) for another page; or give it tabindex=\"0\" and a keydown listener for Enter and Space.", did)
			default:
				pass.CantTell(n, "When clicked, this element %s, but it cannot be reached with the Tab key. If it is a control, keyboard users cannot use it. Check what it does; if it is a control, make it a <button> or a link.", did)
			}
			continue
		}
		enter, space := c.Enter.Any(), c.Space.Any()
		switch {
		case enter && space:
			pass.Passed(n)
		case enter || space:
			works, dead := "Enter", "Space"
			if space {
				works, dead = dead, works
			}
			pass.CantTell(n, "When clicked, this element %s. Pressing %s on it does something too, but %s does nothing. WCAG needs one key, but users expect a button to work with both, and a link with Enter. Check that its role matches the keys, and that the key that works does what the click does.", did, works, dead)
		case composite != nil:
			pass.CantTell(n, "When clicked, this element %s, but neither Enter nor Space did anything when it had focus. It is in a %s widget, whose items may work with other keys (the arrow keys). Check that you can do with the keyboard what the click does.", did, composite.AttrOr("role", ""))
		case alt != nil:
			pass.CantTell(n, "When clicked, this element %s, but neither Enter nor Space did anything when it had focus. Another element, %s, may do the same. Check that keyboard users can do everything this element does in that other way; if not, handle Enter and Space (or make it a <button>).", did, alt.Snippet())
		default:
			pass.Failed(n, "When clicked, this element %s, but neither Enter nor Space did anything when it had keyboard focus. Keyboard users can reach it but not use it. Make it a <button> (which handles both keys), or add a keydown listener for Enter and Space that does what the click does.", did)
		}
	}
	return nil
}

// actNode returns the element at index i of the page, or nil.
func actNode(p *Page, i int) *Node {
	if i > 0 && i < len(p.Nodes) {
		return p.Nodes[i]
	}
	return nil
}

// nativeControl reports whether n is, or is in, an element the browser
// makes work with the keyboard: a link, a form control, a summary, or a
// label.
func nativeControl(n *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		switch {
		case e.Is("a", "area") && e.HasAttr("href"), e.Is("button", "input", "select", "textarea", "label", "summary", "option", "video", "audio", "iframe"):
			return true
		}
	}
	return false
}

// controlLike reports whether n is clearly a control: it has a control
// role, or its own click listener (listeners) and a pointing hand.
func controlLike(n *Node, listeners []string) bool {
	role := strings.Fields(strings.ToLower(n.AttrOr("role", "")))
	if len(role) > 0 && slices.Contains(controlRoles, role[0]) {
		return true
	}
	return len(listeners) > 0 && n.Style("cursor") == "pointer"
}

// inComposite returns the composite widget (listbox, menu, tab list…)
// that n is in, or nil.
func inComposite(n *Node) *Node {
	for e := n; e != nil; e = e.ParentElement() {
		role := strings.Fields(strings.ToLower(e.AttrOr("role", "")))
		if len(role) > 0 && slices.Contains(compositeRoles, role[0]) {
			return e
		}
		if e != n && e.HasAttr("aria-activedescendant") {
			return e
		}
	}
	return nil
}

// requestsOnly reports whether all the action did was requests.
func requestsOnly(e *Effect) bool {
	return len(e.Requests) > 0 && len(e.Changed) == 0 && e.Focus == 0 && !e.Blurred && e.Navigate == "" && !e.NewWindow && e.Submit == "" && !e.Print && !e.Scrolled
}

// browserDoes reports whether all the action did was scroll the page or
// open the print dialog, which the browser does with keys too.
func browserDoes(e *Effect) bool {
	return (e.Scrolled || e.Print) && len(e.Changed) == 0 && e.Focus == 0 && !e.Blurred && e.Navigate == "" && !e.NewWindow && e.Submit == "" && len(e.Requests) == 0
}

// effectText says what an action on n did, as the end of a sentence.
func effectText(p *Page, e *Effect, n *Node) Text {
	switch {
	case e.Navigate != "" && e.NewWindow:
		return msg("opens %s in a new window", e.Navigate)
	case e.NewWindow:
		return msg("opens a new window")
	case e.Navigate != "":
		return msg("opens %s", e.Navigate)
	case e.Submit != "":
		return msg("sends a form (%s)", e.Submit)
	case e.Print:
		return msg("opens the print dialog")
	case len(e.Changed) > 0:
		for _, c := range e.Changed {
			if m := actNode(p, c); m != nil && m != n {
				return msg("changes another part of the page (%s)", m.Snippet())
			}
		}
		return msg("changes this part of the page")
	case e.Focus != 0:
		if f := actNode(p, e.Focus); f != nil {
			return msg("moves keyboard focus to %s", f.Snippet())
		}
		return msg("moves keyboard focus")
	case e.Blurred:
		return msg("takes keyboard focus away")
	case len(e.Requests) > 0:
		return msg("sends a request (%s)", e.Requests[0])
	}
	return msg("scrolls the page")
}

// otherWay returns an element that Tab reaches, outside n, that may do
// what the action on n did: a visually hidden form control beside it, a
// link to the address it opened, a control with n's name, or one that
// controls (aria-controls) an element the action changed. nil when saavu
// sees none.
func otherWay(p *Page, n *Node, e *Effect) *Node {
	base, _ := url.Parse(p.FinalURL)
	if p.FinalURL == "" {
		base, _ = url.Parse(p.URL)
	}
	want := ""
	if e.Navigate != "" {
		want = sameTarget(e.Navigate, base)
	}
	name := strings.ToLower(collapse(n.AccessibleName()))
	if name == "" {
		name = strings.ToLower(collapse(n.TextContent()))
	}
	changed := map[string]bool{}
	for _, c := range e.Changed {
		for m := actNode(p, c); m != nil && m != n; m = m.ParentElement() {
			if id := m.AttrOr("id", ""); id != "" {
				changed[id] = true
			}
		}
	}
	// A form control beside it that Tab reaches but that is drawn as
	// nothing (a custom checkbox over a hidden native one).
	if up := n.ParentElement(); up != nil {
		if up = up.ParentElement(); up != nil {
			for _, m := range up.Descendants() {
				if _, seq := htmlFocusable(m); seq && m.Is("input", "select", "button") && !actWithin(n, m) && drawnAsNothing(m) {
					return m
				}
			}
		}
	}
	for _, m := range allElements(p) {
		if m.Frame != 0 || m == n || actWithin(n, m) {
			continue
		}
		if _, seq := htmlFocusable(m); !seq {
			continue
		}
		if want != "" && m.Is("a", "area") && sameTarget(linkTarget(m, base), base) == want {
			return m
		}
		if name != "" && len(name) <= 100 && (nativeControl(m) || m.HasAttr("role")) && strings.ToLower(collapse(m.AccessibleName())) == name {
			return m
		}
		for _, id := range strings.Fields(m.AttrOr("aria-controls", "")) {
			if changed[id] {
				return m
			}
		}
	}
	return nil
}

// drawnAsNothing reports whether a rendered element is too small to see
// or transparent: visually hidden.
func drawnAsNothing(n *Node) bool {
	b := n.Layout.Box
	return b.W <= 2 || b.H <= 2 || n.Style("opacity") == "0" || strings.HasPrefix(n.Style("clip"), "rect(0") || strings.Contains(n.Style("clip-path"), "inset(50%")
}

// actWithin reports whether m is n or inside it.
func actWithin(n, m *Node) bool {
	for e := m; e != nil; e = e.ParentElement() {
		if e == n {
			return true
		}
	}
	return false
}

// sameTarget returns an address without its fragment and trailing
// slash, for comparing where links lead.
func sameTarget(addr string, base *url.URL) string {
	u, err := url.Parse(addr)
	if err != nil || addr == "" {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment, u.RawFragment = "", ""
	return strings.TrimSuffix(u.String(), "/")
}

// scriptedControls reports whether the page has elements that may be
// controls worked by scripts: an onclick attribute, or a control role on
// an element that is not a native control.
func scriptedControls(p *Page) bool {
	for _, n := range allElements(p) {
		if !n.Rendered() || nativeControl(n) {
			continue
		}
		role := strings.Fields(strings.ToLower(n.AttrOr("role", "")))
		if n.HasAttr("onclick") || len(role) > 0 && slices.Contains(controlRoles, role[0]) {
			return true
		}
	}
	return false
}
