package checks

import (
	"slices"
	"strconv"
	"strings"
)

// scene is what is painted under one text node, bottom to top, as the
// browser composites it: the backgrounds of its ancestors and of other
// elements laid out beneath it, grouped by the ancestors whose opacity
// fades everything inside them.
type scene struct {
	t      *Node
	chain  []*Node // ancestors of the text, root first
	boxes  []Rect  // visible parts of the text's line boxes
	fg     rgba
	need   float64 // the contrast the text needs
	groups []*Node // ancestors with opacity < 1, outermost first, after the page itself (nil)
	items  []paintLayer
	shadow bool
	shads  []rgba

	unsure []Text // why the contrast cannot be computed
	// opaque is set when something in unsure would fool a screenshot of
	// the background too (a filter, a blend mode, a video…).
	opaque bool
	faded  bool // an ancestor's opacity fades the text
	grad   bool // a gradient is behind the text
}

// paintLayer is one background painted under the text.
type paintLayer struct {
	colors []rgba // one colour, or samples of a gradient
	near   []rgba // the samples under the text, when saavu can place it on the gradient
	group  int    // index in scene.groups
	alpha  float64
	paint  int
	index  float64 // document order, to sort layers of the same paint order
}

func (sc *scene) build(painters []*Node) {
	t := sc.t
	inChain := map[*Node]bool{}
	sc.groups = []*Node{nil}
	group := map[*Node]int{}
	for _, e := range sc.chain {
		inChain[e] = true
		if o := opacityOf(e); o < 1 {
			sc.groups = append(sc.groups, e)
			sc.faded = true
		}
		group[e] = len(sc.groups) - 1
		if m := e.Style("mix-blend-mode"); m != "" && m != "normal" {
			sc.unsure = append(sc.unsure, msg("A blend mode (%s) mixes the colours of <%s> with what is behind it", m, e.Name))
			sc.opaque = true
		}
		if f := e.Style("filter"); f != "" && f != "none" {
			sc.unsure = append(sc.unsure, msg("A CSS filter (%s) changes the colours of <%s>", f, e.Name))
			sc.opaque = true
		}
	}
	root := sc.chain[0]
	htmlBG, _ := parseColor(root.Style("background-color"))
	htmlPaints := htmlBG.A > 0 || (root.Style("background-image") != "" && root.Style("background-image") != "none")

	// Backgrounds of the ancestors.
	for _, e := range sc.chain {
		cover := "all"
		switch {
		case e == root, e.Is("body") && e.ParentElement() == root && !htmlPaints:
			// The root's background (or the body's, if the root has none)
			// fills the whole canvas.
		case e.Layout == nil:
			continue
		default:
			cover = coverage(e.Layout.Box, sc.boxes)
		}
		sc.addBackground(e, cover, group[e], 1, float64(e.Index), msg("the background of <%s>", e.Name))
	}

	// Other elements painted under the text where it is.
	tPaint := t.Layout.Paint
	textNegZ := false // the text itself is in a layer with a negative z-index
	for _, e := range sc.chain {
		if negativeZ(e) {
			textNegZ = true
		}
	}
	for _, s := range painters {
		if inChain[s] {
			continue
		}
		cover := coverage(s.Layout.Box, sc.boxes)
		if cover == "none" {
			continue
		}
		// The innermost opacity group of the text that holds s, and the
		// opacity of s's own ancestors outside the text's chain.
		g, alpha, negZ := 0, 1.0, false
		var ctx *Node // nearest stacking context of s among the text's ancestors
		for a := s; a != nil; a = a.ParentElement() {
			if inChain[a] {
				if g == 0 {
					g = group[a]
				}
				if ctx == nil && stackingContext(a) {
					ctx = a
				}
				continue
			}
			alpha *= opacityOf(a)
			if negativeZ(a) {
				negZ = true
			}
		}
		// Chrome numbers a negative z-index layer after the layer whose
		// background it is painted over, so its paint order cannot tell
		// whether it is below the text; it is, unless the text is in such
		// a layer too.
		if alpha == 0 || (s.Layout.Paint > tPaint && (!negZ || textNegZ)) {
			continue
		}
		index := float64(s.Index)
		paint := s.Layout.Paint
		if negZ {
			// Painted right over the background of its stacking context,
			// under everything else in it.
			if ctx == nil || ctx.Layout == nil {
				ctx = root
			}
			paint, index = 0, float64(ctx.Index)+0.5
			if ctx.Layout != nil {
				paint = ctx.Layout.Paint
			}
		}
		if what := replacedContent(s); what != "" {
			sc.unsure = append(sc.unsure, overReplaced(what, s.Selector()))
			if what != "an image" && what != "an SVG image" {
				sc.opaque = true // it may move
			}
			continue
		}
		sc.addBackgroundAt(s, cover, g, alpha, paint, index, msg("the background of <%s> (%s)", s.Name, s.Selector()))
	}
	slices.SortStableFunc(sc.items, func(a, b paintLayer) int {
		if a.paint != b.paint {
			return a.paint - b.paint
		}
		switch {
		case a.index < b.index:
			return -1
		case a.index > b.index:
			return 1
		}
		return 0
	})

	shads, ok := shadowColors(t.Style("text-shadow"))
	switch {
	case !ok:
		sc.unsure = append(sc.unsure, msg("The text has a shadow (%s)", t.Style("text-shadow")))
		sc.opaque = true
	case len(shads) > 0:
		sc.shadow, sc.shads = true, shads
	}
}

func (sc *scene) addBackground(e *Node, cover string, group int, alpha float64, index float64, what Text) {
	paint := 0
	if e.Layout != nil {
		paint = e.Layout.Paint
	}
	sc.addBackgroundAt(e, cover, group, alpha, paint, index, what)
}

// addBackgroundAt adds the background colour and images of e as layers.
func (sc *scene) addBackgroundAt(e *Node, cover string, group int, alpha float64, paint int, index float64, what Text) {
	bg, ok := parseColor(e.Style("background-color"))
	if !ok {
		sc.unsure = append(sc.unsure, msg("saavu cannot read %s (%s)", what, e.Style("background-color")))
		sc.opaque = true
		return
	}
	img := e.Style("background-image")
	if img == "" {
		img = "none"
	}
	if bg.A == 0 && img == "none" {
		return
	}
	switch cover {
	case "none":
		return
	case "part":
		sc.unsure = append(sc.unsure, msg("Only part of the text is over %s", what))
		return
	}
	if e.Style("background-clip") == "text" {
		sc.unsure = append(sc.unsure, msg("The text is painted with %s (background-clip: text)", what))
		sc.opaque = true
		return
	}
	if bg.A > 0 {
		sc.items = append(sc.items, paintLayer{colors: []rgba{bg}, group: group, alpha: alpha, paint: paint, index: index})
	}
	if img == "none" {
		return
	}
	layers := splitTop(img)
	for i := len(layers) - 1; i >= 0; i-- { // the first layer is painted on top
		l := layers[i]
		if l == "none" {
			continue
		}
		if !strings.Contains(l, "gradient(") {
			sc.unsure = append(sc.unsure, msg("The text is over a background image (%s)", what))
			return
		}
		samples, ok := gradientColors(l)
		if !ok {
			sc.unsure = append(sc.unsure, msg("saavu cannot read the gradient behind the text (%s)", what))
			return
		}
		sc.grad = true
		near := samples
		if g, ok := parseLinearGradient(l); ok && e.Layout != nil && !e.Is("html", "body") {
			if under := g.colorsUnder(paddingBox(e), sc.boxes); len(under) > 0 {
				near = under
			}
		}
		sc.items = append(sc.items, paintLayer{colors: samples, near: near, group: group, alpha: alpha, paint: paint, index: index + 0.25})
	}
}

// ratios returns the lowest and highest contrast between the text and
// what is behind it, with the colours of each; ok is false when more than
// one layer varies (several gradients).
//
// With near, a gradient contributes only the colours saavu finds under the
// text; otherwise all its colours.
func (sc *scene) ratios(near bool) (lo, hi float64, loFG, loBG, hiFG, hiBG rgba, ok bool) {
	colors := func(it paintLayer) []rgba {
		if near && it.near != nil {
			return it.near
		}
		return it.colors
	}
	vary := -1
	for i, it := range sc.items {
		if len(colors(it)) > 1 {
			if vary >= 0 {
				return 0, 0, rgba{}, rgba{}, rgba{}, rgba{}, false
			}
			vary = i
		}
	}
	n := 1
	if vary >= 0 {
		n = len(colors(sc.items[vary]))
	}
	lo, hi = 100, 0
	try := func(choice int, shadow *rgba) {
		bg := sc.composite(0, choice, vary, near, shadow, false).over(canvasWhite)
		fg := sc.composite(0, choice, vary, near, shadow, true).over(canvasWhite)
		r := contrast(fg, bg)
		if r < lo {
			lo, loFG, loBG = r, fg, bg
		}
		if r > hi {
			hi, hiFG, hiBG = r, fg, bg
		}
	}
	for k := range n {
		try(k, nil)
		for i := range sc.shads {
			try(k, &sc.shads[i])
		}
	}
	return lo, hi, loFG, loBG, hiFG, hiBG, true
}

// composite paints group g: its layers, then the groups inside it, then
// (in the innermost group) the shadow and the text, and fades the result
// by the group's opacity.
func (sc *scene) composite(g, choice, vary int, near bool, shadow *rgba, glyph bool) rgba {
	c := noColor
	for i, it := range sc.items {
		if it.group != g {
			continue
		}
		col := it.colors[0]
		if i == vary {
			if near && it.near != nil {
				col = it.near[choice]
			} else {
				col = it.colors[choice]
			}
		}
		c = col.fade(it.alpha).over(c)
	}
	if g+1 < len(sc.groups) {
		c = sc.composite(g+1, choice, vary, near, shadow, glyph).over(c)
	} else {
		if shadow != nil {
			c = shadow.over(c)
		}
		if glyph {
			c = sc.fg.over(c)
		}
	}
	if g > 0 {
		c = c.fade(opacityOf(sc.groups[g]))
	}
	return c
}

// note explains what went into the measured colours.
func (sc *scene) note() Text {
	var parts []Text
	if !sc.fg.opaque() {
		parts = append(parts, msg("the text colour is partly transparent"))
	}
	if sc.faded {
		parts = append(parts, msg("opacity fades the text"))
	}
	if sc.grad {
		parts = append(parts, msg("over a gradient"))
	}
	if sc.shadow {
		parts = append(parts, msg("with its text shadow"))
	}
	if len(parts) == 0 {
		return Text{}
	}
	return msg(" (%s)", parts)
}

// opacityOf returns the element's computed opacity (1 when unknown).
func opacityOf(e *Node) float64 {
	f, err := strconv.ParseFloat(e.Style("opacity"), 64)
	if err != nil {
		return 1
	}
	return clamp01(f)
}

// negativeZ reports whether the element is positioned with a negative
// z-index, which paints it under the in-flow content of its stacking
// context.
func negativeZ(e *Node) bool {
	z, err := strconv.Atoi(e.Style("z-index"))
	return err == nil && z < 0 && e.Style("position") != "" && e.Style("position") != "static"
}

// stackingContext reports whether the element starts a stacking context,
// inside which negative z-index children are painted over its background.
func stackingContext(e *Node) bool {
	if e.Name == "html" {
		return true
	}
	if pos := e.Style("position"); pos != "" && pos != "static" && e.Style("z-index") != "auto" && e.Style("z-index") != "" {
		return true
	}
	if pos := e.Style("position"); pos == "fixed" || pos == "sticky" {
		return true
	}
	if opacityOf(e) < 1 {
		return true
	}
	for _, p := range []string{"transform", "filter", "clip-path"} {
		if v := e.Style(p); v != "" && v != "none" {
			return true
		}
	}
	return e.Style("mix-blend-mode") != "" && e.Style("mix-blend-mode") != "normal"
}

// paddingBox returns the element's box without its borders, where its
// background images are laid out. Only the top and bottom border widths
// are captured; the side borders are taken to be as wide as the top one.
func paddingBox(e *Node) Rect {
	b := e.Layout.Box
	top, _ := cssPx(e.Style("border-top-width"))
	bottom, _ := cssPx(e.Style("border-bottom-width"))
	b.X += top
	b.W -= 2 * top
	b.Y += top
	b.H -= top + bottom
	if b.W <= 0 || b.H <= 0 {
		return e.Layout.Box
	}
	return b
}

// measurable returns what judging the text against a screenshot of its
// background takes, or nil when such a screenshot could mislead: the text
// is partly transparent, faded by opacity or shadowed, a filter or blend
// mode changes colours, or a scrollable box may have scrolled the text
// out of where its boxes are.
func (sc *scene) measurable() *backdropNeed {
	if sc.opaque || sc.faded || sc.shadow || !sc.fg.opaque() {
		return nil
	}
	area := sc.boxes[0]
	for _, b := range sc.boxes[1:] {
		area = unionRect(area, b)
	}
	for _, e := range sc.chain {
		if e.Layout == nil || e.Is("html", "body") {
			continue
		}
		if s := e.Style("overflow-x") + " " + e.Style("overflow-y"); strings.Contains(s, "auto") || strings.Contains(s, "scroll") {
			if intersectRect(area, e.Layout.Box) != area {
				return nil
			}
		}
	}
	return &backdropNeed{fg: sc.fg, need: sc.need, area: area}
}

// areaScene is what is painted under area below paint order paint: the
// backgrounds of chain (ancestors, root first) and of the other painting
// elements there, leaving out those skip names. Rules that judge
// something other than text (a border, an icon) use it as the backdrop
// of that thing; against gives its contrast.
func areaScene(chain []*Node, area Rect, paint int, painters *paintIndex, skip func(*Node) bool) *scene {
	t := &Node{Type: TextNode, Name: "#text", Index: -1, Layout: &Layout{Box: area, TextBoxes: []Rect{area}, Paint: paint, Style: map[string]string{}}}
	// What is under the innermost ancestor whose opaque background
	// covers the area does not show, when nothing fades or filters it:
	// start there (a cookie banner fixed over the page).
	under := -1
	for k := len(chain) - 1; k > 0; k-- {
		if e := chain[k]; opaqueCover(e, area) && plainLayers(chain[:k+1]) {
			chain, under = chain[k:], e.Layout.Paint
			break
		}
	}
	sc := &scene{t: t, chain: chain, boxes: []Rect{area}}
	var ps []*Node
	for _, s := range painters.under(area) {
		if (skip == nil || !skip(s)) && s.Layout.Paint > under {
			ps = append(ps, s)
		}
	}
	sc.build(ps)
	return sc
}

// opaqueCover reports whether e paints an opaque background colour over
// all of area.
func opaqueCover(e *Node, area Rect) bool {
	bg, ok := parseColor(e.Style("background-color"))
	return ok && bg.opaque() && e.Layout != nil && e.Style("background-clip") != "text" && coverage(e.Layout.Box, []Rect{area}) == "all"
}

// plainLayers reports whether none of the elements fades, filters or
// blends what it paints.
func plainLayers(es []*Node) bool {
	for _, e := range es {
		if opacityOf(e) < 1 || (e.Style("filter") != "" && e.Style("filter") != "none") || (e.Style("mix-blend-mode") != "" && e.Style("mix-blend-mode") != "normal") {
			return false
		}
	}
	return true
}

// against returns the lowest contrast of colour c painted over the
// scene, where saavu places it on a gradient, and the highest contrast
// over any colour of the scene, with the colours of that highest one
// (c composited, and what is under it); ok is false when saavu cannot
// tell what is painted there.
func (sc *scene) against(c rgba) (lo, hi float64, fg, bg rgba, ok bool) {
	if len(sc.unsure) > 0 {
		return 0, 0, rgba{}, rgba{}, false
	}
	sc.fg = c
	lo, _, _, _, _, _, ok1 := sc.ratios(true)
	_, hi, _, _, fg, bg, ok2 := sc.ratios(false)
	if !ok1 || !ok2 {
		return 0, 0, rgba{}, rgba{}, false
	}
	return lo, hi, fg, bg, true
}

// boxShadow is one shadow of a computed box-shadow.
type boxShadow struct {
	c                  rgba
	x, y, blur, spread float64
	inset              bool
}

// visible reports whether the shadow paints anything.
func (s boxShadow) visible() bool {
	return s.c.A > 0.01 && (s.blur > 0 || s.spread > 0 || s.x != 0 || s.y != 0)
}

// parseBoxShadows parses a computed box-shadow ("rgb(0, 0, 0) 0px 1px
// 2px 0px inset, …"); "none" gives none.
func parseBoxShadows(s string) ([]boxShadow, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return nil, true
	}
	var out []boxShadow
	for _, part := range splitTop(s) {
		cs, ok := colorFunctions(part)
		if !ok || len(cs) != 1 {
			return nil, false
		}
		sh := boxShadow{c: cs[0]}
		rest := part
		if i := strings.IndexByte(rest, ')'); i >= 0 && strings.Contains(rest[:i], "(") {
			start := strings.LastIndexAny(rest[:strings.IndexByte(rest, '(')], " ") + 1
			rest = rest[:start] + rest[i+1:]
		}
		var lens []float64
		for _, f := range strings.Fields(rest) {
			if f == "inset" {
				sh.inset = true
				continue
			}
			if f == "transparent" {
				continue
			}
			v, ok := cssPx(f)
			if !ok {
				return nil, false
			}
			lens = append(lens, v)
		}
		if len(lens) < 2 {
			return nil, false
		}
		sh.x, sh.y = lens[0], lens[1]
		if len(lens) > 2 {
			sh.blur = lens[2]
		}
		if len(lens) > 3 {
			sh.spread = lens[3]
		}
		out = append(out, sh)
	}
	return out, true
}

// paintIndex holds the painting elements of a page (paintingElements)
// by where they are on it (a boxIndex), so that the scene of one text or
// area reads only those that reach it: a page of thousands of texts and
// thousands of images or fields would otherwise compare each with each.
type paintIndex struct {
	all []*Node
	ix  *boxIndex
}

func newPaintIndex(all []*Node) *paintIndex {
	boxes := make([]Rect, len(all))
	for i, n := range all {
		boxes[i] = n.Layout.Box
	}
	return &paintIndex{all: all, ix: newBoxIndex(boxes)}
}

// under returns the painting elements whose box meets the bounds of rs
// or comes within a pixel of them, in document order (that of
// paintingElements): those that may be painted under the boxes rs.
func (p *paintIndex) under(rs ...Rect) []*Node {
	if p == nil || len(rs) == 0 {
		return nil
	}
	idx := p.ix.near(bounds(rs), 1)
	out := make([]*Node, len(idx))
	for k, i := range idx {
		out[k] = p.all[i]
	}
	return out
}
