package checks

import "slices"

// AutoUpdatingText looks for text that changes by itself (ACT efbfc7): a
// news ticker, a counter, quotes that take turns. It reads what the
// auto-update probe saw while it watched the page (Page.Auto).
var AutoUpdatingText = &Rule{
	ID:      "auto-updating-text",
	Title:   "Text that changes by itself can be paused, stopped or hidden",
	Doc:     doc("auto-updating-text"),
	HelpURL: understanding("2.2.2"),
	WCAG:    []string{"2.2.2"},
	ACT:     []string{"efbfc7"},
	Impact:  Serious,
	Probes:  []Probe{ProbeAuto},
	Run:     runAutoUpdatingText,
}

// ACT efbfc7 applies to visible text that changes automatically from the
// page's load for more than 5 seconds, shown beside other content. It
// passes when some instrument pauses, stops or hides the change, or sets
// its frequency. The probe saw the changes, and whether the timer behind
// them still ran; whether a control on the page stops them is for a
// person to try, so the rule asks, except on a page that has nothing to
// operate at all: no link, button, form field or other focusable
// element. Text that changed only once is left out (a change that ends by
// itself), unless a timer still runs that was too slow to fire twice
// while watched.
func runAutoUpdatingText(pass *Pass) error {
	p := pass.Page
	if p.Auto == nil {
		pass.CantTell(nil, "saavu could not watch this page for text that changes by itself. Check by hand whether some text (a news ticker, a slideshow of quotes) changes while nobody does anything, and that it can be paused, stopped or hidden.")
		return nil
	}
	secs := (p.Auto.Watched + 999) / 1000 // whole seconds: no decimal point to translate
	operable := hasOperable(p)
	// A timer too slow to fire twice while watched: one change of its
	// may be the first of many.
	slow := len(p.Auto.Timers) > 0 && 2*slices.Max(p.Auto.Timers) > p.Auto.Watched
	for _, c := range p.Auto.Changed {
		if c.Changes < 2 && !(c.Changes == 1 && p.Auto.Running() && slow) {
			continue
		}
		var n *Node
		if c.Node > 0 && c.Node < len(p.Nodes) {
			n = p.Nodes[c.Node]
			if !showsText(n) {
				continue
			}
		}
		if !otherTextThan(p, n) {
			continue // the only content of the page: nothing else to be kept from
		}
		if c.Changes >= 2 && p.Auto.Running() && !operable {
			pass.Failed(n, "This text changed %d times in %d seconds while nobody did anything, and it goes on changing, but the page has nothing to pause, stop or hide it with: no link, button or other control at all. People who read slowly, or whose attention is drawn by movement, cannot read it or the rest of the page. Add a button that pauses or stops the changes, or change the text only when someone asks for it.", c.Changes, secs)
			continue
		}
		pass.CantTell(n, "This text changed %d times in %d seconds while nobody did anything. Check that a button or another control pauses, stops or hides the changes, or sets how often they come (a slideshow needs a pause button). Changes that end within 5 seconds need none.", c.Changes, secs)
	}
	return nil
}

// showsText reports whether the element shows text, or is laid out and
// visible while empty (its text comes later).
func showsText(n *Node) bool {
	texts := false
	for _, d := range n.Descendants() {
		if d.Type != TextNode || isBlank(d.Text) {
			continue
		}
		texts = true
		if visibleText(d) {
			return true
		}
	}
	return !texts && n.Rendered() && n.Style("visibility") != "hidden"
}

// otherTextThan reports whether the page shows text outside n (outside
// nothing, for nil).
func otherTextThan(p *Page, n *Node) bool {
	for _, t := range p.Nodes {
		if t.Type != TextNode || !visibleText(t) {
			continue
		}
		if n == nil {
			return true
		}
		inside := false
		for e := t.ParentNode(); e != nil; e = e.ParentNode() {
			if e == n {
				inside = true
				break
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// hasOperable reports whether the page has anything a person could
// operate: a focusable element or one with a click handler.
func hasOperable(p *Page) bool {
	for _, n := range allElements(p) {
		if n.Is("html", "body") {
			continue
		}
		if n.Focusable() && n.Rendered() || n.HasAttr("onclick") {
			return true
		}
	}
	return false
}
