package checks

import "slices"

// FocusOrder asks about elements that keyboard focus reaches out of the
// page's reading order: Tab jumps to them from far away in the page, and
// back. A positive tabindex is the usual cause. Whether the order still
// makes sense is for a person to judge, so the rule never fails; it lists
// the jumps. It reads the Tab walk of the focus probe (Page.Focus) and,
// without it, works out the order from the tabindex values.
var FocusOrder = &Rule{
	ID:      "focus-order",
	Title:   "Keyboard focus moves in the reading order",
	Doc:     doc("focus-order"),
	HelpURL: understanding("2.4.3"),
	WCAG:    []string{"2.4.3"},
	Impact:  Serious,
	Probes:  []Probe{ProbeFocus},
	Run:     runFocusOrder,
}

// minJump is how many places in the reading order an element must be
// away from where Tab reaches it to be asked about: a small swap inside a
// widget keeps the order understandable.
const minJump = 3

// runFocusOrder applies to the elements in the sequential focus order:
// those the probe's Tab walk reached, after the elements with a positive
// tabindex, which come first from the top of the page.
// Their reading order is their order in the document. The elements that
// Tab reaches in the same order form the longest run in reading order
// (the longest increasing subsequence); they pass. Each other element is
// out of order: it gets cantTell when it is at least minJump places from
// its place in the reading order, naming the element Tab comes from and
// the element it follows in the reading order; otherwise it passes.
// Elements inside shadow trees, slotted into them, or inside dialogs are
// left out: their focus order follows rules the document order does not
// show.
func runFocusOrder(pass *Pass) error {
	p := pass.Page
	var seq []*Node
	walked := p.Focus != nil
	if walked {
		// The probe starts its walk inside the page, from where Tab
		// reaches the elements with tabindex 0 or none only; a user who
		// comes to the page from the address bar meets the elements with
		// a positive tabindex first.
		var walk []*Node
		for _, st := range focusOrder(p) {
			walk = append(walk, p.Nodes[st[0].Node])
		}
		for _, n := range tabindexOrder(p) {
			if t, ok := tabIndex(n); ok && t > 0 && !slices.Contains(walk, n) {
				seq = append(seq, n)
			}
		}
		seq = append(seq, walk...)
	} else {
		seq = tabindexOrder(p)
	}
	pos := map[*Node]int{}
	for i, n := range allElements(p) {
		pos[n] = i
	}
	var stops []*Node
	for _, n := range seq {
		if _, ok := pos[n]; ok && n.Frame == 0 && !inShadowOrSlot(n) && !withinRole(n, "dialog", "alertdialog") {
			stops = append(stops, n)
		}
	}
	if len(stops) < 2 {
		for _, n := range stops {
			pass.Passed(n)
		}
		return nil
	}
	reading := slices.Clone(stops)
	slices.SortFunc(reading, func(a, b *Node) int { return pos[a] - pos[b] })
	rank := map[*Node]int{}
	for i, n := range reading {
		rank[n] = i
	}
	ranks := make([]int, len(stops))
	for i, n := range stops {
		ranks[i] = rank[n]
	}
	inOrder := longestIncreasing(ranks)
	positive := slices.ContainsFunc(stops, func(n *Node) bool { t, ok := tabIndex(n); return ok && t > 0 })
	for i, n := range stops {
		r := rank[n]
		if inOrder[i] || abs(i-r) < minJump {
			pass.Passed(n)
			continue
		}
		from := msg("none, it comes first")
		if i > 0 {
			from = focusName(stops[i-1])
		}
		after := msg("none, it comes first")
		if r > 0 {
			after = focusName(reading[r-1])
		}
		why := Text{}
		if t, ok := tabIndex(n); ok && t > 0 {
			why = msg(" Its tabindex=\"%d\" puts it before every element without a positive tabindex.", t)
		} else if positive {
			why = msg(" Elements with a positive tabindex on this page come first in the Tab order, before it.")
		} else if walked && p.Focus.Moved {
			why = msg(" The page's scripts moved focus while saavu pressed Tab.")
		}
		how := msg("Tab reaches this element")
		if !walked {
			how = msg("By the tabindex values, Tab reaches this element")
		}
		pass.CantTell(n, "%s as stop %d (the stop before it: %s), but in the page's reading order it is number %d (the element before it: %s).%s A keyboard user's focus jumps here and back, away from what they read. Check that the order still makes sense; if not, remove the positive tabindex, or move the element in the HTML to where it is reached.", how, i+1, from, r+1, after, why)
	}
	return nil
}

// tabindexOrder returns the page's elements in the sequential focus
// order that their tabindex values give: positive values first, in
// increasing order, then the elements with tabindex 0 or none, each in
// document order.
func tabindexOrder(p *Page) []*Node {
	var pos, zero []*Node
	for _, n := range allElements(p) {
		if !n.Focusable() || !visibleBox(n) || ariaHidden(n) {
			continue
		}
		t, ok := tabIndex(n)
		switch {
		case ok && t < 0:
		case ok && t > 0:
			pos = append(pos, n)
		default:
			zero = append(zero, n)
		}
	}
	slices.SortStableFunc(pos, func(a, b *Node) int {
		ta, _ := tabIndex(a)
		tb, _ := tabIndex(b)
		return ta - tb
	})
	return append(pos, zero...)
}

// longestIncreasing marks the elements of a longest strictly increasing
// subsequence of s.
func longestIncreasing(s []int) []bool {
	tails := []int{} // index in s of the last element of the best run of each length
	prev := make([]int, len(s))
	for i, v := range s {
		k, _ := slices.BinarySearchFunc(tails, v, func(j, v int) int { return s[j] - v })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	out := make([]bool, len(s))
	if len(tails) == 0 {
		return out
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		out[i] = true
	}
	return out
}

// inShadowOrSlot reports whether the element is in a shadow tree or is a
// light child of a shadow host (slotted), where the focus order follows
// the rendered tree rather than the document.
func inShadowOrSlot(n *Node) bool {
	if n.Shadow != "" {
		return true
	}
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		for _, c := range e.Children {
			if e.Page().Nodes[c].Type == FragmentNode {
				return true
			}
		}
	}
	return false
}

// focusName names an element for a message: its accessible name, or its
// tag.
func focusName(n *Node) Text {
	if name := collapse(n.AccessibleName()); name != "" {
		return msg("%s (%s)", quoteShort(name), "<"+n.Name+">")
	}
	return msg("%s", "<"+n.Name+">")
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
