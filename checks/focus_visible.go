package checks

import "strings"

// FocusVisible checks that keyboard focus is visible on the elements that
// Tab reaches (ACT oj04fd). It reads what the focus probe saw in the live
// page (Page.Focus).
var FocusVisible = &Rule{
	ID:      "focus-visible",
	Title:   "Keyboard focus is visible",
	Doc:     doc("focus-visible"),
	HelpURL: understanding("2.4.7"),
	WCAG:    []string{"2.4.7"},
	ACT:     []string{"oj04fd"},
	Impact:  Serious,
	Probes:  []Probe{ProbeFocus},
	Run:     runFocusVisible,
}

// ACT oj04fd applies to elements in sequential focus order. It passes
// when focusing the element changes how the page looks. saavu compares
// the computed styles and position of the element, its three nearest
// ancestors and its neighbours, focused and as captured (nothing
// focused). It reports failed only when nothing there changed and the
// focused element has neither an outline nor a box shadow.
func runFocusVisible(pass *Pass) error {
	p := pass.Page
	if p.Focus == nil {
		focusNotFollowed(pass)
		return nil
	}
	for _, st := range focusOrder(p) {
		n := p.Nodes[st[0].Node]
		changed, focusedBefore := false, n.AX != nil && n.AX.Props["focused"] == "true"
		outline := st[0].Outline
		for _, s := range st {
			if len(s.Changed) > 0 {
				changed = true
			}
		}
		switch {
		case changed:
			pass.Passed(n)
		case focusedBefore:
			pass.CantTell(n, "This element already had focus when saavu captured the page, so saavu could not compare it with and without focus. Press Tab to it and check that you can see where the focus is.")
		case outline == "none none":
			pass.Failed(n, "When this element gets keyboard focus, nothing on the page changes: its outline is switched off (outline: none) and no other focus style replaces it. Keyboard users cannot see where they are. Remove outline: none, or add a clear :focus-visible style (e.g. outline: 3px solid).")
		default:
			pass.CantTell(n, "saavu saw no change in this element's style when it got keyboard focus (its outline may be drawn all the time, or the focus shows some other way). Press Tab to it and check that you can see where the focus is.")
		}
	}
	return nil
}

// focusOrder returns, for each element the focus probe reached with Tab,
// in order of first visit, its stops. Stops in iframes and on elements the
// snapshot did not capture are left out.
func focusOrder(p *Page) [][]FocusStop {
	var out [][]FocusStop
	at := map[int]int{}
	for _, s := range p.Focus.Stops {
		if s.Node < 0 || s.Node >= len(p.Nodes) || s.Frame {
			continue
		}
		i, ok := at[s.Node]
		if !ok {
			i = len(out)
			at[s.Node] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], s)
	}
	return out
}

// focusNotFollowed reports cantTell once for the page when the focus
// probe did not run and the page has elements Tab can reach.
func focusNotFollowed(pass *Pass) {
	for _, n := range allElements(pass.Page) {
		if n.Focusable() && n.Rendered() && !strings.HasPrefix(strings.TrimSpace(n.AttrOr("tabindex", "")), "-") {
			pass.CantTell(nil, "saavu could not follow keyboard focus on this page. Press Tab through the page and check this by hand.")
			return
		}
	}
}
