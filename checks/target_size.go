package checks

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// TargetSize checks that what people click or tap is at least 24 × 24
// CSS px, or has room around it (WCAG 2.5.8, new in WCAG 2.2). It reads
// the layout boxes of the page model, and the targets probe's
// measurements of the browser's own size of small form controls
// (Page.Targets).
var TargetSize = &Rule{
	ID:           "target-size",
	Title:        "Click and tap targets are at least 24 by 24 pixels, or have room around them",
	Doc:          doc("target-size"),
	HelpURL:      understanding("2.5.8"),
	WCAG:         []string{"2.5.8"},
	Impact:       Moderate,
	Probes:       []Probe{ProbeTargets},
	ProbesRefine: true,
	Run:          runTargetSize,
}

// targetMin is the size of 2.5.8 in CSS px, and targetSlack what a box
// may miss it by and still count as meeting it (layout rounds).
const (
	targetMin   = 24.0
	targetSlack = 0.05
)

// targetRoles are the ARIA roles of elements people click or tap.
var targetRoles = []string{
	"button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio",
	"option", "treeitem", "slider", "spinbutton", "combobox", "textbox", "searchbox",
}

// target is one element that takes pointer input, and the region of the
// window that does: its box with those of what it holds (children,
// ::before and ::after, and the labels of a form control), less what an
// ancestor clips away.
type target struct {
	n     *Node
	rects []Rect // the region; an inline element over several lines by its lines
	box   Rect   // their bounding box
	small bool   // box smaller than 24 × 24
	// fixed is the fixed element t is in (a cookie banner), nil for one
	// that scrolls with the page: the two move apart when the page
	// scrolls, so only targets of the same are each other's neighbours.
	fixed *Node
}

func (t *target) center() (float64, float64) { return t.box.X + t.box.W/2, t.box.Y + t.box.H/2 }

// The rule applies to the targets of the top document: links, buttons,
// form controls, summary, and elements with a widget role, that are shown
// (rendered, visible, on the page, not clipped away, not transparent, not
// disabled, taking pointer events). Undersized ones (no 24 × 24 square fits in
// their bounding box) fail unless an exception of 2.5.8 holds:
//
//   - inline: the target is on a line with text that is no target (a link
//     in a sentence): passed;
//   - user agent control: a form control whose size equals that of an
//     unstyled copy (the targets probe): passed; unknown: cantTell;
//   - spacing: a 24 px circle on the middle of its bounding box touches
//     no other target and no circle of another undersized target: passed;
//   - equivalent: another target as large as required leads to the same
//     address (or has the same name): cantTell, a person judges whether it
//     does the same;
//   - essential: a target on a map: cantTell.
func runTargetSize(pass *Pass) error {
	p := pass.Page
	ts := pageTargets(p)
	around, eqs := newTargetIndex(ts), newEquivalents(ts)
	byNode := map[*Node]*target{}
	for _, t := range ts {
		byNode[t.n] = t
	}
	for _, t := range ts {
		if !t.small {
			pass.Passed(t.n)
			continue
		}
		if inlineTarget(t, byNode) {
			pass.Passed(t.n)
			continue
		}
		ua, uaKnown := uaSized(p, t.n)
		if ua {
			pass.Passed(t.n)
			continue
		}
		near := crowding(t, around)
		if near == nil {
			pass.Passed(t.n)
			continue
		}
		size := fmt.Sprintf("%s×%s", px(t.box.W), px(t.box.H))
		switch {
		case !uaKnown:
			pass.CantTell(t.n, "This form control is %s CSS px, smaller than 24 × 24, and a 24 px circle around its middle touches %s. That is allowed if the browser decides its size (the site's styles do not change it); saavu could not compare it with the browser's default. Check its styles; if they set its size, make it at least 24 × 24 px or move it further from other targets.", size, near.n.Snippet())
		case onMap(t.n) != nil:
			pass.CantTell(t.n, "This target is %s CSS px, smaller than 24 × 24, and a 24 px circle around its middle touches %s. It is on what looks like a map (%s): if its size and place are essential (a pin at a place), that is allowed. Otherwise make it at least 24 × 24 px or move it further from other targets.", size, near.n.Snippet(), onMap(t.n).Snippet())
		case equivalent(t, eqs) != nil:
			eq := equivalent(t, eqs)
			pass.CantTell(t.n, "This target is %s CSS px, smaller than 24 × 24, and a 24 px circle around its middle touches %s. Another target on the page, large enough, seems to do the same: %s. If it does, this is allowed; if not, make this one at least 24 × 24 px or move it further from other targets.", size, near.n.Snippet(), eq.n.Snippet())
		default:
			pass.Failed(t.n, "This target is %s CSS px, smaller than 24 × 24, and too close to another: a 24 px circle around its middle touches %s. People with tremors or large fingers hit the wrong one. Make it at least 24 × 24 px (e.g. with padding, or min-width and min-height), or leave room so that no other target is within 12 px of its middle.", size, near.n.Snippet())
		}
	}
	return nil
}

// px formats a length in CSS px for a message: whole pixels, or one
// decimal when it is not whole (23.5).
func px(v float64) string {
	if math.Abs(v-math.Round(v)) < 0.05 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

// pageTargets returns the targets of the page, in document order.
func pageTargets(p *Page) []*target {
	var out []*target
	labels := labelsByFor(p)
	for _, n := range p.Elements() {
		if n.Frame != 0 || !isTarget(n) || !shown(n) {
			continue
		}
		rects := targetRegion(n, labels)
		if len(rects) == 0 {
			continue
		}
		t := &target{n: n, rects: rects, box: bounds(rects), fixed: fixedAncestor(n)}
		if t.box.W <= 1 || t.box.H <= 1 {
			continue // visually hidden (1 × 1 px)
		}
		if t.box.X+t.box.W <= 0 || t.box.Y+t.box.H <= 0 || (p.Content.W > 0 && t.box.X >= p.Content.W) {
			continue // moved off the page (left: -10000px): not on display
		}
		t.small = t.box.W < targetMin-targetSlack || t.box.H < targetMin-targetSlack
		out = append(out, t)
	}
	return out
}

// fixedAncestor returns n or its nearest ancestor that is fixed to the
// window (position: fixed), or nil.
func fixedAncestor(n *Node) *Node {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Style("position") == "fixed" {
			return e
		}
	}
	return nil
}

// isTarget reports whether n takes pointer input: a link, a button, a
// form control, a summary, or an element with a widget role.
func isTarget(n *Node) bool {
	if n.Namespace == "" {
		switch n.Name {
		case "a":
			return n.HasAttr("href")
		case "button", "select", "textarea", "summary":
			return true
		case "input":
			return !strings.EqualFold(n.AttrOr("type", ""), "hidden")
		}
	}
	role, _, _ := strings.Cut(strings.TrimSpace(n.AttrOr("role", "")), " ")
	return slices.Contains(targetRoles, strings.ToLower(role))
}

// shown reports whether a target can be seen and used with a pointer:
// laid out, visible, not transparent, not clipped to nothing, not
// disabled or inert, taking pointer events.
func shown(n *Node) bool {
	if !n.Rendered() || n.Layout.Box.Empty() || n.Style("visibility") == "hidden" || n.Style("visibility") == "collapse" || n.Style("pointer-events") == "none" {
		return false
	}
	if n.Is("button", "input", "select", "textarea") && n.HasAttr("disabled") {
		return false
	}
	if strings.EqualFold(n.AttrOr("aria-disabled", ""), "true") {
		return false
	}
	for e := n; e != nil; e = e.ParentElement() {
		if e.Style("opacity") == "0" || e.HasAttr("inert") {
			return false
		}
		if clip := e.Style("clip"); clip != "" && clip != "auto" && (e.Style("position") == "absolute" || e.Style("position") == "fixed") {
			return false // visually hidden
		}
		if cp := e.Style("clip-path"); cp != "" && cp != "none" && e == n {
			return false
		}
	}
	return true
}

// targetRegion returns the rectangles of the region that takes n's
// pointer input: its box (by its lines, for an inline element over
// several), the boxes of the elements it holds, its and their ::before
// and ::after, and the labels of a form control; each less what an
// ancestor that clips its overflow cuts away. None when nothing of it is
// left.
func targetRegion(n *Node, labels map[string][]*Node) []Rect {
	var rects []Rect
	addEl := func(e *Node) {
		if e.Layout == nil {
			return
		}
		rects = append(rects, e.Layout.Box)
		rects = append(rects, e.Layout.Pseudo...)
	}
	if lines := inlineLines(n); len(lines) > 1 {
		rects = append(rects, lines...)
		rects = append(rects, n.Layout.Pseudo...)
	} else {
		addEl(n)
	}
	for _, d := range n.Descendants() {
		if d.Rendered() && !strings.HasPrefix(d.Style("display"), "inline") {
			addEl(d)
		} else if d.Rendered() && len(d.Layout.Pseudo) > 0 {
			rects = append(rects, d.Layout.Pseudo...)
		}
	}
	if n.Is("input", "select", "textarea") {
		for _, l := range labelsOf(n, labels) {
			addEl(l)
		}
	}
	var out []Rect
	for _, r := range rects {
		if r.Empty() {
			continue
		}
		r = clipByAncestors(n, r)
		if !r.Empty() {
			out = append(out, r)
		}
	}
	return out
}

// inlineLines returns the line boxes of an inline element's text when it
// runs over more than one line (a link that wraps); nil otherwise.
func inlineLines(n *Node) []Rect {
	if n.Style("display") != "inline" {
		return nil
	}
	var lines []Rect
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			switch {
			case c.Type == TextNode && c.Layout != nil:
				lines = append(lines, c.Layout.TextBoxes...)
			case c.Type == ElementNode && c.Style("display") == "inline":
				walk(c)
			}
		}
	}
	walk(n)
	ys := map[float64]bool{}
	for _, l := range lines {
		ys[math.Round(l.Y)] = true
	}
	if len(ys) < 2 {
		return nil
	}
	return lines
}

// labelsOf returns the label elements of a form control: the label
// around it and those whose for names its id.
func labelsOf(n *Node, labels map[string][]*Node) []*Node {
	var out []*Node
	if l := n.Closest("label"); l != nil {
		out = append(out, l)
	}
	if id := n.AttrOr("id", ""); id != "" && n.Shadow == "" {
		for _, l := range labels[id] {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// labelsByFor lists the label elements of the page with a for attribute
// by its value, in document order.
func labelsByFor(p *Page) map[string][]*Node {
	out := map[string][]*Node{}
	for _, l := range p.Find("label[for]") {
		f := l.AttrOr("for", "")
		out[f] = append(out[f], l)
	}
	return out
}

// clipByAncestors cuts r to the boxes of n's ancestors that clip their
// overflow (overflow other than visible), up to the first fixed one.
func clipByAncestors(n *Node, r Rect) Rect {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Layout == nil || e.Name == "html" || e.Name == "body" {
			continue
		}
		ox, oy := e.Style("overflow-x"), e.Style("overflow-y")
		if (ox != "" && ox != "visible") || (oy != "" && oy != "visible") {
			r = intersect(r, e.Layout.Box)
			if r.Empty() {
				return r
			}
		}
		if e.Style("position") == "fixed" {
			break
		}
	}
	return r
}

func intersect(a, b Rect) Rect {
	x0, y0 := math.Max(a.X, b.X), math.Max(a.Y, b.Y)
	x1, y1 := math.Min(a.X+a.W, b.X+b.W), math.Min(a.Y+a.H, b.Y+b.H)
	if x1 <= x0 || y1 <= y0 {
		return Rect{}
	}
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

func bounds(rs []Rect) Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rs {
		x0, y0 = math.Min(x0, r.X), math.Min(y0, r.Y)
		x1, y1 = math.Max(x1, r.X+r.W), math.Max(y1, r.Y+r.H)
	}
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// inlineTarget reports whether the inline exception holds: t is inline
// (not a block of its own) and shares a line with text that is no
// target, as a link in a sentence does.
func inlineTarget(t *target, targets map[*Node]*target) bool {
	if !strings.HasPrefix(t.n.Style("display"), "inline") {
		return false
	}
	block := t.n.ParentElement()
	for block != nil && (strings.HasPrefix(block.Style("display"), "inline") || block.Style("display") == "contents") {
		block = block.ParentElement()
	}
	if block == nil {
		return false
	}
	// Text in a target, or in a label (which its control takes clicks
	// through), is target text.
	inTarget := func(e *Node) bool {
		for ; e != nil && e != block; e = e.ParentElement() {
			if targets[e] != nil || isTarget(e) || e.Is("label") {
				return true
			}
		}
		return false
	}
	found := false
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			if found {
				return
			}
			switch {
			case c.Type == TextNode:
				if c.Layout == nil || strings.TrimSpace(c.Text) == "" || inTarget(c.ParentElement()) {
					continue
				}
				for _, tb := range c.Layout.TextBoxes {
					if onTargetLine(tb, t) {
						found = true
						return
					}
				}
			case c.Type == ElementNode && c.Rendered():
				walk(c)
			}
		}
	}
	walk(block)
	return found
}

// onTargetLine reports whether the text box tb is on a line of t: it overlaps
// one of t's rectangles vertically by half the lower of the two.
func onTargetLine(tb Rect, t *target) bool {
	for _, r := range t.rects {
		overlap := math.Min(tb.Y+tb.H, r.Y+r.H) - math.Max(tb.Y, r.Y)
		if overlap > 0 && overlap >= math.Min(tb.H, r.H)/2 {
			return true
		}
	}
	return false
}

// uaSized says whether the user agent control exception holds for n: a
// form control whose size equals that of an unstyled copy (measured by
// the targets probe). known is false for a form control the probe did
// not measure (it did not run); for any other element ua is false and
// known true.
func uaSized(p *Page, n *Node) (ua, known bool) {
	if !n.Is("input", "select", "textarea", "button") || (n.Is("input") && strings.EqualFold(n.AttrOr("type", ""), "image")) {
		return false, true
	}
	if p.Targets == nil {
		return false, false
	}
	u := p.Targets.UASizeOf(n)
	if u == nil {
		return false, false
	}
	b := n.Layout.Box
	return math.Abs(b.W-u.W) <= 0.5 && math.Abs(b.H-u.H) <= 0.5, true
}

// crowding returns another target that the 24 px circle around t's
// middle touches: a target whose region the circle intersects, or an
// undersized target whose own circle it intersects (their middles less
// than 24 px apart); nil when there is none (the spacing exception).
// Targets inside one another are not each other's neighbours, nor are a
// target fixed to the window (in a cookie banner) and one that scrolls
// with the page: where they meet depends on the scroll, and WCAG does not
// apply the criterion to a target while a banner covers it.
func crowding(t *target, ix *targetIndex) *target {
	const r = targetMin / 2
	cx, cy := t.center()
	for _, o := range ix.around(cx, cy, r+targetMin) {
		if o == t || o.fixed != t.fixed || contains(o.n, t.n) || contains(t.n, o.n) {
			continue
		}
		if o.box.X > cx+r+targetMin || o.box.X+o.box.W < cx-r-targetMin || o.box.Y > cy+r+targetMin || o.box.Y+o.box.H < cy-r-targetMin {
			continue
		}
		if o.small {
			ox, oy := o.center()
			if math.Hypot(ox-cx, oy-cy) < targetMin-targetSlack {
				return o
			}
		}
		for _, rect := range o.rects {
			dx := math.Max(math.Max(rect.X-cx, 0), cx-(rect.X+rect.W))
			dy := math.Max(math.Max(rect.Y-cy, 0), cy-(rect.Y+rect.H))
			if math.Hypot(dx, dy) < r-targetSlack {
				return o
			}
		}
	}
	return nil
}

// targetIndex finds the targets of a page near a point (a boxIndex of
// their bounding boxes).
type targetIndex struct {
	ts []*target
	ix *boxIndex
}

func newTargetIndex(ts []*target) *targetIndex {
	boxes := make([]Rect, len(ts))
	for i, t := range ts {
		boxes[i] = t.box
	}
	return &targetIndex{ts: ts, ix: newBoxIndex(boxes)}
}

// around returns, in document order, the targets whose bounding box
// meets the square of half side d around (x, y), edges included.
func (ix *targetIndex) around(x, y, d float64) []*target {
	idx := ix.ix.near(Rect{X: x - d, Y: y - d, W: 2 * d, H: 2 * d}, 0)
	out := make([]*target, len(idx))
	for k, i := range idx {
		out[k] = ix.ts[i]
	}
	return out
}

// contains reports whether e is an ancestor of n.
func contains(e, n *Node) bool {
	for a := n.ParentElement(); a != nil; a = a.ParentElement() {
		if a == e {
			return true
		}
	}
	return false
}

// mapHint matches the classes and ids of the map widgets of the web
// (Leaflet, OpenLayers, Mapbox, Google Maps, Esri, and "map" itself).
var mapHint = regexp.MustCompile(`(?i)(^|\s)(leaflet-container|ol-viewport|mapboxgl-map|maplibregl-map|gm-style|esri-view|map|kartta|karta)($|\s)`)

// onMap returns the map t's node is on, or nil.
func onMap(n *Node) *Node {
	for e := n; e != nil; e = e.ParentElement() {
		if mapHint.MatchString(e.AttrOr("class", "")) || mapHint.MatchString(e.AttrOr("id", "")) {
			return e
		}
	}
	return nil
}

// equivalent returns another target of the page that meets the size
// and seems to do what t does: a link to the same address, or a button
// with the same name; nil when there is none.
func equivalent(t *target, eqs equivalents) *target {
	href := strings.TrimSpace(t.n.AttrOr("href", ""))
	name := strings.TrimSpace(t.n.AccessibleName())
	switch {
	case t.n.Is("a") && href != "" && !strings.HasPrefix(href, "#"):
		return eqs.href[href]
	case !t.n.Is("a") && name != "":
		return eqs.name[foldKey(name)]
	}
	return nil
}

// equivalents are the targets of a page that are not undersized, the
// first of each link address and of each name of another target (its
// case folded), for equivalent.
type equivalents struct {
	href map[string]*target
	name map[string]*target
}

func newEquivalents(ts []*target) equivalents {
	eqs := equivalents{href: map[string]*target{}, name: map[string]*target{}}
	for _, o := range ts {
		if o.small {
			continue
		}
		if o.n.Is("a") {
			if h := strings.TrimSpace(o.n.AttrOr("href", "")); eqs.href[h] == nil {
				eqs.href[h] = o
			}
			continue
		}
		if k := foldKey(strings.TrimSpace(o.n.AccessibleName())); eqs.name[k] == nil {
			eqs.name[k] = o
		}
	}
	return eqs
}

// foldKey maps s to a key that two strings share when strings.EqualFold
// holds for them: each letter becomes the least of its case folding.
func foldKey(s string) string {
	return strings.Map(func(r rune) rune {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, s)
}
