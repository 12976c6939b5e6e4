package checks

import (
	"slices"
	"strings"
)

// NonTextContrast checks the contrast of what identifies a control other
// than its text (WCAG 1.4.11): the boundary of text fields, the focus
// indicators the page's style sheets draw, and the icons of controls
// without visible text. It reads what the focus probe saw (Page.Focus)
// and what the controls probe read of fields and icons (Page.Controls).
var NonTextContrast = &Rule{
	ID:      "non-text-contrast",
	Title:   "Text fields, focus indicators and icons stand out from their background",
	Doc:     doc("non-text-contrast"),
	HelpURL: understanding("1.4.11"),
	WCAG:    []string{"1.4.11"},
	Impact:  Serious,
	Probes:  []Probe{ProbeFocus, ProbeControls},
	Run:     runNonTextContrast,
}

// minNonTextContrast is the contrast WCAG 1.4.11 asks of the visual
// information that identifies a control and its state.
const minNonTextContrast = 3.0

// The rule applies to three kinds of element, enabled and visible:
//
//   - Text fields (input of a text type, textarea). A field passes when a
//     border, its background or a sharp box shadow has 3:1 or more
//     against the colours around it (or a small box around it has such a
//     border); it fails when it has such indicators and none reaches
//     3:1; cantTell when it has no boundary at all (its label or
//     position may show it) or saavu cannot see what is around it.
//   - Elements Tab reached whose focus style the page draws: an outline
//     other than the browser's own (outline-style: auto, exempt), a box
//     shadow or a border that focus adds or changes. It passes when one
//     of them has 3:1 against a colour next to it (what is around the
//     element, or its own background on the side it touches), fails when
//     none has against any and focus changes nothing else, cantTell
//     otherwise.
//   - Buttons and links without visible text (icon only). The icon's
//     paints (SVG fills and strokes, icon-font glyphs, bars drawn with
//     CSS), read by the controls probe, are compared with what is under
//     them: passed when each visible paint has 3:1, failed when none has,
//     cantTell for a raster image or a mix.
func runNonTextContrast(pass *Pass) error {
	p := pass.Page
	if htmlRoot(p) == nil {
		return nil
	}
	painters := paintingElements(p)
	for _, n := range textFields(p) {
		checkFieldBoundary(pass, n, painters)
	}
	for _, n := range iconControls(p) {
		checkIcon(pass, n, painters)
	}
	if p.Focus != nil {
		for _, st := range focusOrder(p) {
			checkFocusIndicator(pass, p.Nodes[st[0].Node], st[0], painters)
		}
	}
	return nil
}

// maxControlTargets bounds the elements of one page the controls probe
// reads.
const maxControlTargets = 60

// ControlTargets lists the elements whose look non-text-contrast needs
// from the live page (borders of text fields, paints of icons), in
// document order, at most maxControlTargets.
func ControlTargets(p *Page) []*Node {
	if htmlRoot(p) == nil {
		return nil
	}
	want := map[*Node]bool{}
	for _, n := range textFields(p) {
		want[n] = true
	}
	for _, n := range iconControls(p) {
		want[n] = true
	}
	var out []*Node
	for _, n := range p.Elements() {
		if want[n] && len(out) < maxControlTargets {
			out = append(out, n)
		}
	}
	return out
}

// shownControl reports whether the control is enabled, laid out, visible
// and larger than the tiny boxes that hide things.
func shownControl(n *Node) bool {
	if n.Frame != 0 || n.Shadow != "" || !visibleBox(n) || n.Layout.Box.W < 8 || n.Layout.Box.H < 8 {
		return false
	}
	if disabledControl(n) {
		return false
	}
	for a := n.ParentElement(); a != nil; a = a.ParentElement() {
		if strings.EqualFold(strings.TrimSpace(a.AttrOr("aria-disabled", "")), "true") {
			return false
		}
	}
	return true
}

// textFields returns the text fields of the page the rule applies to.
func textFields(p *Page) []*Node {
	var out []*Node
	for _, n := range p.Elements() {
		if textField(n) && shownControl(n) {
			out = append(out, n)
		}
	}
	return out
}

func textField(n *Node) bool {
	switch {
	case n.Is("textarea"):
		return true
	case n.Is("input"):
		switch asciiLower(strings.TrimSpace(n.AttrOr("type", ""))) {
		case "hidden", "checkbox", "radio", "submit", "reset", "button", "image", "file", "range", "color":
			return false
		}
		return true // an unknown type is a text field
	}
	return false
}

// iconControls returns the buttons and links without visible text.
func iconControls(p *Page) []*Node {
	var out []*Node
	for _, n := range p.Elements() {
		if r := n.Role(); r != "button" && r != "link" || n.Is("input", "select", "textarea") || !shownControl(n) {
			continue
		}
		if b := n.Layout.Box; b.W > 96 || b.H > 96 {
			continue // a picture, not an icon
		}
		if inControl(n) || hasVisibleText(n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// inControl reports whether n is inside another button or link.
func inControl(n *Node) bool {
	for a := n.ParentElement(); a != nil; a = a.ParentElement() {
		if r := a.Role(); r == "button" || r == "link" {
			return true
		}
	}
	return false
}

// hasVisibleText reports whether the control shows text: a text node with
// a letter or digit that is visible and not in an icon font.
func hasVisibleText(n *Node) bool {
	for _, t := range textsOf(n, n) {
		if !iconFont(t) {
			return true
		}
	}
	for _, d := range n.Descendants() {
		if d.Is("input", "select", "textarea") {
			return true
		}
	}
	return false
}

// indicator is one visual indicator of a control measured against a
// colour next to it.
type indicator struct {
	what   Text
	lo, hi float64 // lowest and highest contrast found
	fg, bg rgba    // the colours of the highest
	unsure Text    // why the contrast cannot be trusted ("" when it can)
}

func (in indicator) passes() bool { return in.unsure.Key == "" && in.lo >= minNonTextContrast }
func (in indicator) fails() bool  { return in.unsure.Key == "" && in.hi < minNonTextContrast }

// measure judges colour c, as the indicator what, against each scene
// next to it: it passes against any that gives 3:1 everywhere, fails
// when every scene is known and none gives 3:1 anywhere, and is unsure
// otherwise. The colours given are those of the highest contrast found.
func measure(what Text, c rgba, scenes ...*scene) indicator {
	best := indicator{what: what, fg: c}
	var unsure Text
	found := false
	for _, sc := range scenes {
		if sc == nil {
			continue
		}
		lo, hi, fg, bg, ok := sc.against(c)
		if !ok {
			unsure = msg("saavu cannot see what is painted next to it (an image, a gradient, a filter…)")
			continue
		}
		in := indicator{what: what, lo: lo, hi: hi, fg: fg, bg: bg}
		switch {
		case in.passes():
			return in
		case !found || in.hi > best.hi:
			best, found = in, true
		}
	}
	if unsure.Key != "" || !found {
		best.unsure = unsure
		if best.unsure.Key == "" {
			best.unsure = msg("saavu cannot see what is painted next to it (an image, a gradient, a filter…)")
		}
	}
	return best
}

// outsideScene is what is painted around element n, without n: the
// colours next to its outer edge, over area.
func outsideScene(n *Node, area Rect, painters *paintIndex) *scene {
	return areaScene(ancestorChain(n.ParentElement()), area, n.Layout.Paint, painters, func(s *Node) bool { return within(s, n) })
}

// insideScene is n's own background over what is around it: the colour
// inside its border. style, when not nil, replaces some of n's computed
// style (the focused one).
func insideScene(n *Node, style map[string]string, painters *paintIndex) *scene {
	chain := ancestorChain(n)
	if style != nil {
		c := *n
		lay := *n.Layout
		lay.Style = map[string]string{}
		for k, v := range n.Layout.Style {
			lay.Style[k] = v
		}
		for k, v := range style {
			lay.Style[k] = v
		}
		c.Layout = &lay
		chain[len(chain)-1] = &c
	}
	return areaScene(chain, n.Layout.Box, n.Layout.Paint, painters, func(s *Node) bool { return within(s, n) })
}

// within reports whether s is n or inside it.
func within(s, n *Node) bool {
	for e := s; e != nil; e = e.ParentElement() {
		if e == n {
			return true
		}
	}
	return false
}

// border is one side of an element's border.
type border struct {
	side  string
	width float64
	style string
	color string
}

func (b border) drawn() bool {
	c, ok := parseColor(b.color)
	return b.style != "" && b.style != "none" && b.style != "hidden" && b.width >= 0.5 && (!ok || c.A > 0.05)
}

// bordersOf returns the element's borders: all four from the controls
// probe, else the top and bottom ones of the page model (all is false).
// The probe's are not used when its top and bottom ones differ from the
// model's: it saw the element in another state (focused, say).
func bordersOf(n *Node) (bs []border, all bool) {
	look := n.Page().ControlOf(n)
	if look == nil || len(look.Borders) != 4 {
		return bordersOf2(n), false
	}
	for i, s := range look.Borders {
		f := strings.SplitN(s, " ", 3)
		if len(f) != 3 {
			return bordersOf2(n), false
		}
		w, _ := cssPx(f[0])
		side := []string{"top", "right", "bottom", "left"}[i]
		if (side == "top" || side == "bottom") && s != n.Style("border-"+side+"-width")+" "+n.Style("border-"+side+"-style")+" "+n.Style("border-"+side+"-color") {
			return bordersOf2(n), false
		}
		bs = append(bs, border{side, w, f[1], f[2]})
	}
	return bs, true
}

func bordersOf2(n *Node) []border {
	var bs []border
	for _, side := range []string{"top", "bottom"} {
		w, _ := cssPx(n.Style("border-" + side + "-width"))
		bs = append(bs, border{side, w, n.Style("border-" + side + "-style"), n.Style("border-" + side + "-color")})
	}
	return bs
}

// borderIndicators measures the drawn borders, those of one colour
// together, against the scenes next to them.
func borderIndicators(bs []border, scenes ...*scene) []indicator {
	byColour := map[string][]string{}
	var colours []string
	for _, b := range bs {
		if !b.drawn() {
			continue
		}
		if _, seen := byColour[b.color]; !seen {
			colours = append(colours, b.color)
		}
		byColour[b.color] = append(byColour[b.color], b.side)
	}
	var ins []indicator
	for _, cs := range colours {
		c, ok := parseColor(cs)
		what := borderText(byColour[cs], cs)
		if !ok {
			ins = append(ins, indicator{what: what, unsure: msg("saavu cannot read the colour %s", cs)})
			continue
		}
		in := measure(what, c, scenes...)
		in.what = borderText(byColour[cs], in.fg.hex())
		ins = append(ins, in)
	}
	return ins
}

// borderText names the border sides that share one colour.
func borderText(sides []string, c string) Text {
	if len(sides) == 4 {
		return msg("the border (%s)", c)
	}
	var names []Text
	for _, s := range sides {
		names = append(names, sideName(s))
	}
	return msg("the border (%s) on the %s side", c, names)
}

func sideName(side string) Text {
	switch side {
	case "top":
		return msg("top")
	case "right":
		return msg("right")
	case "bottom":
		return msg("bottom")
	}
	return msg("left")
}

// checkFieldBoundary judges the boundary of text field n.
func checkFieldBoundary(pass *Pass, n *Node, painters *paintIndex) {
	box := n.Layout.Box
	out := outsideScene(n, box, painters)
	if len(out.unsure) > 0 {
		pass.CantTell(n, "saavu cannot see what is painted around this text field (an image, a gradient, a filter…), so it cannot tell the contrast of its boundary. Check by eye that its border or background has a contrast of at least 3:1 with the colours around it.")
		return
	}
	bs, all := bordersOf(n)
	ins := borderIndicators(bs, out)
	bg, ok := parseColor(n.Style("background-color"))
	switch {
	case !ok:
		ins = append(ins, indicator{what: msg("its background"), unsure: msg("saavu cannot read the colour %s", n.Style("background-color"))})
	case bg.A > 0:
		in := measure(Text{}, bg, out)
		if in.unsure.Key != "" || in.hi >= 1.005 {
			in.what = msg("its background (%s)", in.fg.hex())
			ins = append(ins, in)
		}
	}
	if img := n.Style("background-image"); img != "" && img != "none" {
		ins = append(ins, indicator{what: msg("its background image"), unsure: msg("saavu cannot read the colours of a background image")})
	}
	inside := insideScene(n, nil, painters)
	if shadows, ok := parseBoxShadows(n.Style("box-shadow")); !ok {
		ins = append(ins, indicator{what: msg("its shadow"), unsure: msg("saavu cannot read the shadow %s", n.Style("box-shadow"))})
	} else {
		for _, s := range shadows {
			if !s.visible() {
				continue
			}
			sc := out
			if s.inset {
				sc = inside
			}
			in := measure(Text{}, s.c, sc)
			in.what = msg("its shadow (%s)", in.fg.hex())
			if s.blur > 0 && in.hi >= minNonTextContrast {
				in.unsure = msg("the shadow is blurred")
			}
			ins = append(ins, in)
		}
	}
	if st := n.Style("outline-style"); st != "" && st != "none" {
		if w, _ := cssPx(n.Style("outline-width")); w >= 0.5 {
			if c, ok := parseColor(n.Style("outline-color")); ok && c.A > 0.05 {
				in := measure(Text{}, c, out)
				in.what = msg("its outline (%s)", in.fg.hex())
				ins = append(ins, in)
			}
		}
	}
	if slices.ContainsFunc(ins, indicator.passes) || framedByBox(n, painters) {
		pass.Passed(n)
		return
	}
	around := describeScene(out)
	if len(ins) == 0 {
		pass.CantTell(n, "This text field has no visible boundary: no border, and its background is the same as around it (%s). If nothing else shows where it is (a box around it, its label), people with low vision may not find it. Check by eye; a border with a contrast of at least 3:1 against %s shows the field clearly.", around, around)
		return
	}
	var parts []Text
	sure := true
	for _, in := range ins {
		if !in.fails() {
			sure = false
			continue
		}
		parts = append(parts, msg("%s has %s", in.what, ratioText(in.hi)))
	}
	switch {
	case sure && all:
		pass.Failed(n, "This text field's boundary has too little contrast with what is around it (%s): %s. People with low vision may not see where the field is. Its border or background needs a contrast of at least 3:1 with the colours next to it; for example, a border of #767676 or darker on white.", around, parts)
	case sure:
		pass.CantTell(n, "This text field's boundary has too little contrast with what is around it (%s): %s. saavu could not read its left and right borders: check by eye whether one of them has a contrast of at least 3:1.", around, parts)
	default:
		var why Text
		for _, in := range ins {
			if in.unsure.Key != "" {
				why = msg("%s: %s", in.what, in.unsure)
				break
			}
		}
		if why.Key == "" {
			best := slices.MaxFunc(ins, func(a, b indicator) int { return cmpFloat(a.hi, b.hi) })
			why = msg("%s has a contrast from %s to %s", best.what, ratioText(best.lo), ratioText(best.hi))
		}
		pass.CantTell(n, "saavu cannot be sure that this text field's boundary has a contrast of at least 3:1 with what is around it (%s). Check by eye.", why)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// describeScene names the colour of a scene of one colour, or says it
// varies.
func describeScene(sc *scene) Text {
	c := sc.composite(0, 0, -1, true, nil, false).over(canvasWhite)
	for _, it := range sc.items {
		if len(it.colors) > 1 {
			return msg("a gradient from %s", c.hex())
		}
	}
	return msg("%s", c.hex())
}

// framedByBox reports whether a small box around field n (a search box
// holding the field and its button) draws a border that stands out, top
// and bottom, which then is the field's boundary.
func framedByBox(n *Node, painters *paintIndex) bool {
	box := n.Layout.Box
	a := n.ParentElement()
	for range 3 {
		if a == nil || a.Layout == nil || a.Is("body", "html", "form", "fieldset") {
			return false
		}
		b := a.Layout.Box
		if b.H > box.H+32 {
			return false
		}
		ok := true
		out := outsideScene(a, b, painters)
		for _, bd := range bordersOf2(a) {
			c, okc := parseColor(bd.color)
			if !bd.drawn() || !okc || !measure(Text{}, c, out).passes() {
				ok = false
			}
		}
		if ok {
			return true
		}
		a = a.ParentElement()
	}
	return false
}

// focusIndicatorProps are the focused style properties that draw a focus
// indicator whose contrast the rule measures.
func focusIndicatorProp(prop string) bool {
	return strings.HasPrefix(prop, "outline-") || prop == "box-shadow" || strings.HasPrefix(prop, "border-")
}

// checkFocusIndicator judges the focus indicator the page's style sheets
// draw on n, from the focus probe's first stop on it.
func checkFocusIndicator(pass *Pass, n *Node, st FocusStop, painters *paintIndex) {
	if n.Layout == nil || n.Layout.Box.Empty() || disabledControl(n) {
		return
	}
	focused := map[string]string{}
	own, other := false, []Text{}
	for _, c := range st.Changed {
		switch {
		case c.Node != n.Index:
			if len(other) == 0 {
				other = append(other, msg("the look of elements around it"))
			}
		case focusIndicatorProp(c.Prop):
			focused[c.Prop] = c.After
			own = true
		default:
			focused[c.Prop] = c.After
			other = append(other, msg("its %s", c.Prop))
		}
	}
	if !own {
		return // focus-visible judges the rest
	}
	style := func(prop string) string {
		if v, ok := focused[prop]; ok {
			return v
		}
		return n.Style(prop)
	}
	oStyle := style("outline-style")
	if oStyle == "auto" {
		return // the browser's own focus ring: exempt
	}
	box := n.Layout.Box
	out := outsideScene(n, box, painters)
	in := insideScene(n, focused, painters)
	var ins []indicator
	changed := func(prefix string) bool {
		for p := range focused {
			if strings.HasPrefix(p, prefix) {
				return true
			}
		}
		return false
	}
	if changed("outline-") && oStyle != "none" && oStyle != "hidden" {
		w, _ := cssPx(style("outline-width"))
		off, _ := cssPx(style("outline-offset"))
		// A transparent outline (kept for forced colours mode) draws
		// nothing here.
		if c, ok := parseColor(style("outline-color")); ok && w >= 0.5 && c.A > 0.05 {
			area := box
			if off > 0 {
				area = Rect{X: box.X - off - w, Y: box.Y - off - w, W: box.W + 2*(off+w), H: box.H + 2*(off+w)}
			}
			around := outsideScene(n, area, painters)
			if len(around.unsure) > 0 && area != box {
				// The ring straddles backgrounds saavu cannot tell
				// apart: take what is under the element itself.
				around = out
			}
			scenes := []*scene{around}
			if off <= 0 {
				scenes = append(scenes, in)
			}
			m := measure(Text{}, c, scenes...)
			m.what = msg("the outline (%s)", m.fg.hex())
			ins = append(ins, m)
		}
	}
	if _, ok := focused["box-shadow"]; ok {
		shadows, ok := parseBoxShadows(style("box-shadow"))
		if !ok {
			ins = append(ins, indicator{what: msg("the shadow"), unsure: msg("saavu cannot read the shadow %s", style("box-shadow"))})
		}
		for _, s := range shadows {
			if !s.visible() {
				continue
			}
			scenes := []*scene{out, in}
			if s.inset {
				scenes = []*scene{in}
			}
			m := measure(Text{}, s.c, scenes...)
			m.what = msg("the shadow (%s)", m.fg.hex())
			if s.blur > 0 && m.hi >= minNonTextContrast {
				m.unsure = msg("the shadow is blurred")
			}
			ins = append(ins, m)
		}
	}
	if changed("border-") {
		var bs []border
		for _, side := range []string{"top", "bottom"} {
			w, _ := cssPx(style("border-" + side + "-width"))
			bs = append(bs, border{side, w, style("border-" + side + "-style"), style("border-" + side + "-color")})
		}
		if t, b := bs[0], bs[1]; t.width == b.width && t.style == b.style && t.color == b.color {
			// Alike at the top and bottom: a border all round, most
			// likely (the probe does not read the sides).
			bs = append(bs, border{"left", t.width, t.style, t.color}, border{"right", t.width, t.style, t.color})
		}
		ins = append(ins, borderIndicators(bs, out, in)...)
	}
	if len(ins) == 0 {
		return
	}
	if slices.ContainsFunc(ins, indicator.passes) {
		pass.Passed(n)
		return
	}
	var parts []Text
	sure := true
	for _, m := range ins {
		if !m.fails() {
			sure = false
			continue
		}
		parts = append(parts, msg("%s has at most %s against %s", m.what, ratioText(m.hi), m.bg.hex()))
	}
	switch {
	case sure && len(other) == 0:
		pass.Failed(n, "The focus indicator of this element is hard to see: %s. A focus style drawn by the page needs a contrast of at least 3:1 with the colours next to it, so that people with low vision can see where the keyboard focus is. Use a darker or stronger colour, for example outline: 2px solid #1a5fb4, or a dark and a light ring together.", parts)
	case sure:
		pass.CantTell(n, "The focus indicator of this element has little contrast: %s. Focus also changes %s: check by eye that together they show clearly where the focus is, with a contrast of at least 3:1.", parts, other)
	default:
		var why Text
		for _, m := range ins {
			if m.unsure.Key != "" {
				why = msg("%s: %s", m.what, m.unsure)
				break
			}
		}
		if why.Key == "" {
			best := slices.MaxFunc(ins, func(a, b indicator) int { return cmpFloat(a.hi, b.hi) })
			why = msg("%s has a contrast from %s to %s", best.what, ratioText(best.lo), ratioText(best.hi))
		}
		pass.CantTell(n, "saavu cannot be sure that the focus indicator of this element has a contrast of at least 3:1 with the colours next to it (%s). Press Tab to it and check by eye.", why)
	}
}

// maxRasterIcon is the largest picture, in CSS px each way, that the
// rule takes for an icon.
const maxRasterIcon = 48

// checkIcon judges the icon of control n from the paints the controls
// probe read.
func checkIcon(pass *Pass, n *Node, painters *paintIndex) {
	look := n.Page().ControlOf(n)
	if look == nil || len(look.Icon) == 0 {
		return
	}
	top := n.Layout.Paint
	for _, d := range n.Descendants() {
		if d.Layout != nil && d.Layout.Paint > top {
			top = d.Layout.Paint
		}
	}
	chain := ancestorChain(n)
	var ins []indicator
	raster, small := false, false
	for _, pt := range look.Icon {
		if pt.What == "image" {
			raster = true
			small = small || pt.Box.W <= maxRasterIcon && pt.Box.H <= maxRasterIcon
			continue
		}
		c, ok := parseColor(pt.Color)
		if !ok {
			c, ok = parseHex(pt.Color) // a paint an SVG sets itself, as the script normalised it
		}
		if !ok {
			ins = append(ins, indicator{what: msg("the icon"), unsure: msg("saavu cannot read the colour %s", pt.Color)})
			continue
		}
		if pt.Alpha > 0 && pt.Alpha < 1 {
			c = c.fade(pt.Alpha)
		}
		b := n.Layout.Box
		at := Rect{X: b.X + pt.Box.X, Y: b.Y + pt.Box.Y, W: pt.Box.W, H: pt.Box.H}
		area := intersectRect(at, b)
		if area.Empty() {
			area = at
		}
		if area.W < 1 {
			area.W = 1
		}
		if area.H < 1 {
			area.H = 1
		}
		sc := areaScene(chain, area, top+1, painters, func(s *Node) bool {
			if s == n || !within(s, n) {
				return false
			}
			// The icon's own parts are not its background: an image or
			// SVG, or a box no larger than the paint.
			if replacedContent(s) != "" {
				return true
			}
			b := s.Layout.Box
			return b.W <= area.W+2 && b.H <= area.H+2
		})
		m := measure(Text{}, c, sc)
		m.what = msg("the icon (%s)", m.fg.hex())
		ins = append(ins, m)
	}
	// A paint in the colour of what is under it draws nothing (a
	// transparent frame of an SVG, say).
	visible := slices.DeleteFunc(slices.Clone(ins), func(in indicator) bool { return in.unsure.Key == "" && in.hi < 1.1 })
	switch {
	case raster && len(visible) == 0 && !small:
		// A picture (a thumbnail, a partner's logo), not an icon.
	case raster && len(visible) == 0:
		pass.CantTell(n, "This control shows an image instead of text (an <img>, a background image or an SVG pattern), whose colours saavu does not read. Check by eye that the icon has a contrast of at least 3:1 with what is around it.")
	case !raster && !slices.ContainsFunc(visible, func(in indicator) bool { return in.unsure.Key == "" }):
		pass.CantTell(n, "saavu cannot see what is painted behind the icon of this control (an image, a gradient, a filter…), so it cannot measure the icon's contrast. Check by eye that the icon has a contrast of at least 3:1 with what is around it.")
	case len(visible) == 0:
		pass.CantTell(n, "The icon of this control seems to have the colour of what saavu finds behind it, so either it is invisible or it is drawn on a background saavu cannot see. Check by eye that the icon has a contrast of at least 3:1 with what is around it.")
	case !raster && !slices.ContainsFunc(visible, func(in indicator) bool { return !in.passes() }):
		pass.Passed(n)
	case !raster && !slices.ContainsFunc(visible, func(in indicator) bool { return !in.fails() }):
		worst := slices.MaxFunc(visible, func(a, b indicator) int { return cmpFloat(a.hi, b.hi) })
		pass.Failed(n, "This control shows only an icon, and the icon has too little contrast with what is behind it: %s on %s, at most %s. People with low vision may not see the icon, or what it means. Icons that identify a control need at least 3:1; darken (or lighten) the icon or its background.", worst.fg.hex(), worst.bg.hex(), ratioText(worst.hi))
	default:
		var parts []Text
		for _, in := range visible {
			if in.unsure.Key != "" {
				parts = append(parts, msg("%s: %s", in.what, in.unsure))
			} else {
				parts = append(parts, msg("%s has %s", in.what, ratioText(in.lo)))
			}
		}
		if raster {
			parts = append(parts, msg("an image saavu does not read"))
		}
		pass.CantTell(n, "Parts of this control's icon have different contrast with what is behind them: %s. Check by eye that the parts needed to recognise the icon have a contrast of at least 3:1.", parts)
	}
}
