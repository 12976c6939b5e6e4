package checks

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// ColorContrast checks that text stands out enough from its background
// (ACT afw4f7).
var ColorContrast = &Rule{
	ID:           "color-contrast",
	Title:        "Text has enough contrast with its background",
	Doc:          doc("color-contrast"),
	HelpURL:      understanding("1.4.3"),
	WCAG:         []string{"1.4.3"},
	ACT:          []string{"afw4f7"},
	Impact:       Serious,
	Probes:       []Probe{ProbeBackdrop},
	ProbesRefine: true,
	Run:          runColorContrast,
}

// Minimum contrast ratios of WCAG 1.4.3.
const (
	minContrast      = 4.5
	minContrastLarge = 3.0
)

// contrastLevel is the contrast text needs: normal for body text, large
// for large text.
type contrastLevel struct{ normal, large float64 }

var (
	contrastMinimum  = contrastLevel{minContrast, minContrastLarge} // WCAG 1.4.3, AA
	contrastEnhanced = contrastLevel{7, 4.5}                        // WCAG 1.4.6, AAA
)

// contrastResult is the verdict on one text node.
type contrastResult struct {
	outcome Outcome
	worst   float64 // lowest contrast, for ordering failures
	msg     Text
	// measurable is set on a cantTell that a measured backdrop could
	// settle: saavu cannot see the background, and nothing else about the
	// text (opacity, shadow, filter…) stands in the way.
	measurable *backdropNeed
}

// backdropNeed is what judging a text against a measured backdrop takes.
type backdropNeed struct {
	fg   rgba
	need float64
	area Rect // the text's visible boxes
}

func runColorContrast(pass *Pass) error { return runContrast(pass, contrastMinimum) }

// runContrast checks every text of the page against the contrast level.
func runContrast(pass *Pass, level contrastLevel) error {
	p := pass.Page
	if htmlRoot(p) == nil {
		return nil
	}
	cv := contrastVerdicts(p, level, p.Backdrops)
	for _, n := range cv.order {
		switch v := cv.verdicts[n]; v.outcome {
		case Failed:
			pass.Failed(n, "%s", v.msg)
		case CantTell:
			pass.CantTell(n, "%s", v.msg)
		default:
			pass.Passed(n)
		}
	}
	return nil
}

// contrastVerdictSet is the verdict on each element with text: the worst
// of its text nodes.
type contrastVerdictSet struct {
	order    []*Node
	verdicts map[*Node]contrastResult
	// measure holds the elements with a text that is cantTell only because
	// saavu cannot see its background, and the area of that text: a
	// screenshot of the backdrop could tell (see BackdropTargets).
	measure map[*Node]Rect
}

// contrastVerdicts judges every text of the page. A text that would be
// cantTell only for want of its background is judged again against the
// measured backdrop of its element, when backdrops has one.
func contrastVerdicts(p *Page, level contrastLevel, backdrops map[int]Backdrop) contrastVerdictSet {
	painters := paintingElements(p)
	disabledLabels := disabledLabelSet(p)
	cv := contrastVerdictSet{verdicts: map[*Node]contrastResult{}, measure: map[*Node]Rect{}}
	add := func(t, parent *Node) {
		res, ok := checkTextContrast(t, parent, painters, disabledLabels, level)
		if !ok {
			return
		}
		if res.outcome == CantTell && res.measurable != nil {
			cv.measure[parent] = unionRect(cv.measure[parent], res.measurable.area)
			if b, ok := backdrops[parent.Index]; ok {
				if m, ok := measuredContrast(res.measurable.fg, b, res.measurable.need, sizeText(t)); ok {
					res = m
				}
			}
		}
		prev, seen := cv.verdicts[parent]
		if !seen {
			cv.order = append(cv.order, parent)
			cv.verdicts[parent] = res
			return
		}
		if res.outcome.rank() > prev.outcome.rank() || (res.outcome == prev.outcome && res.worst < prev.worst) {
			cv.verdicts[parent] = res
		}
	}
	// One verdict per parent element: the worst of its text nodes.
	for _, t := range p.Nodes {
		if t.Type != TextNode || t.Frame != 0 {
			continue
		}
		parent := t.ParentElement()
		if parent == nil || parent.Namespace != "" {
			continue
		}
		add(t, parent)
	}
	// The labels of input buttons are not text nodes, but are text all the
	// same: check them against the button's own colours.
	for _, n := range p.Elements() {
		if !n.Is("input") || n.Frame != 0 || n.Layout == nil {
			continue
		}
		switch asciiLower(n.AttrOr("type", "")) {
		case "submit", "button", "reset":
		default:
			continue
		}
		label := n.Value
		if label == "" {
			label = n.AttrOr("value", "")
		}
		if isBlank(label) {
			continue
		}
		t := &Node{Type: TextNode, Name: "#text", Text: label, AX: n.AX, Index: n.Index,
			Layout: &Layout{Box: n.Layout.Box, TextBoxes: []Rect{paddingBox(n)}, Style: n.Layout.Style, Paint: n.Layout.Paint}}
		add(t, n)
	}
	return cv
}

// checkTextContrast judges one text node; ok is false when the rule does
// not apply to it (invisible, disabled, not text in a human language).
func checkTextContrast(t, parent *Node, painters *paintIndex, disabledLabels map[*Node]bool, level contrastLevel) (contrastResult, bool) {
	text := strings.TrimSpace(t.Text)
	if text == "" || t.Layout == nil || len(t.Layout.TextBoxes) == 0 {
		return contrastResult{}, false
	}
	if v := t.Style("visibility"); v == "hidden" || v == "collapse" {
		return contrastResult{}, false
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			letters++
		}
	}
	if letters == 0 {
		return contrastResult{}, false // symbols and punctuation only: not text in a human language
	}
	chain := ancestorChain(parent)
	for _, e := range chain {
		if e.Style("opacity") == "0" || clipHides(e.Style("clip")) || clipPathHides(e.Style("clip-path")) {
			return contrastResult{}, false
		}
	}
	if inactiveText(chain, disabledLabels) {
		return contrastResult{}, false
	}
	boxes := visibleTextBoxes(t, chain)
	if len(boxes) == 0 {
		return contrastResult{}, false
	}
	fg, ok := parseColor(t.Style("color"))
	if !ok {
		return contrastResult{CantTell, 0, msg("saavu cannot read the text colour %q: check by eye that the text has a contrast of at least %s with its background.", t.Style("color"), ratioText(level.needed(t))), nil}, true
	}
	if fg.A == 0 {
		return contrastResult{}, false // transparent text is not visible
	}

	need := level.needed(t)
	size := sizeText(t)
	sc := &scene{t: t, chain: chain, boxes: boxes, fg: fg, need: need}
	sc.build(painters.under(boxes...))
	measurable := sc.measurable()
	if len(sc.unsure) > 0 {
		return contrastResult{CantTell, 0, msg("%s, so saavu cannot measure the contrast. Check by eye that the text (%s) has a contrast of at least %s with what is behind it everywhere, as needed for text of this size (%s).",
			sc.unsure[0], describeColor(fg), ratioText(need), size), measurable}, true
	}
	// A pass needs every colour under the text to pass; a failure needs
	// every colour of the background to fail, wherever the text is on a
	// gradient, since saavu does not know how the gradient is sized.
	lo, hi, loFG, loBG, hiFG, hiBG, ok := sc.ratios(true)
	_, hiAll, _, _, _, _, okAll := sc.ratios(false)
	if !ok || !okAll {
		return contrastResult{CantTell, 0, msg("The background behind the text has several gradients, so saavu cannot measure the contrast. Check by eye that the text (%s) has a contrast of at least %s with what is behind it everywhere.", describeColor(fg), ratioText(need)), measurable}, true
	}
	if hi < 1.01 && !sc.shadow {
		// Text in the colour of its background is not visible text (ACT
		// leaves it out), but it may also be on a background saavu does
		// not see, such as one drawn by a ::before pseudo-element.
		if !t.Exposed() {
			return contrastResult{}, false
		}
		return contrastResult{CantTell, hi, msg("The text has the same colour as the background saavu found (%s on %s), so it is invisible, or its real background is drawn in a way saavu cannot see (for example by a ::before or ::after pseudo-element). If the text is meant to be seen, check by eye that it has a contrast of at least %s.",
			hiFG.hex(), hiBG.hex(), ratioText(need)), nil}, true
	}
	fix := msg("Lighten the text or darken the background.")
	if loFG.luminance() < loBG.luminance() {
		fix = msg("Darken the text or lighten the background.")
	}
	switch {
	case lo >= need:
		return contrastResult{Passed, lo, Text{}, nil}, true
	case hiAll >= need && hi < need:
		return contrastResult{CantTell, lo, msg("Contrast is %s to %s (%s on %s) where saavu places the text on the gradient behind it; text of this size (%s) needs at least %s. Check by eye: other parts of the gradient have more contrast, and saavu cannot be sure how the gradient is sized.",
			ratioText(lo), ratioText(hi), hiFG.hex(), hiBG.hex(), size, ratioText(need)), measurable}, true
	case hi < need && letters == 1 && len([]rune(text)) <= 2:
		return contrastResult{CantTell, hi, msg("The single character %q has a contrast of %s (%s on %s). If it carries meaning as text, it needs at least %s; if it is an icon, check it against non-text contrast (1.4.11) instead.",
			text, ratioText(hi), hiFG.hex(), hiBG.hex(), ratioText(need)), nil}, true
	case hi < need && lo == hi:
		return contrastResult{Failed, lo, msg("Contrast is %s (%s on %s)%s; it must be at least %s for text of this size (%s). %s",
			ratioText(lo), loFG.hex(), loBG.hex(), sc.note(), ratioText(need), size, fix), nil}, true
	case hi < need:
		return contrastResult{Failed, lo, msg("Contrast is at most %s (%s on %s, down to %s against %s)%s; it must be at least %s for text of this size (%s). %s",
			ratioText(hi), hiFG.hex(), hiBG.hex(), ratioText(lo), loBG.hex(), sc.note(), ratioText(need), size, fix), nil}, true
	default:
		return contrastResult{CantTell, lo, msg("Contrast varies from %s (%s on %s) to %s (%s on %s)%s; text of this size (%s) needs at least %s. Check by eye that the text is readable where the contrast is lowest.",
			ratioText(lo), loFG.hex(), loBG.hex(), ratioText(hi), hiFG.hex(), hiBG.hex(), sc.note(), size, ratioText(need)), measurable}, true
	}
}

// needed returns the contrast text needs: the large-text ratio for large
// text (at least 18pt = 24px, or 14pt ≈ 18.67px and bold), the normal
// ratio otherwise.
func (l contrastLevel) needed(t *Node) float64 {
	if largeText(t) {
		return l.large
	}
	return l.normal
}

func largeText(t *Node) bool {
	size, _ := cssPx(t.Style("font-size"))
	weight, err := strconv.ParseFloat(t.Style("font-weight"), 64)
	bold := err == nil && weight >= 700 || t.Style("font-weight") == "bold"
	return size >= 24 || size >= 18.666 && bold
}

func sizeText(t *Node) Text {
	size, _ := cssPx(t.Style("font-size"))
	px := strconv.FormatFloat(math.Round(size*10)/10, 'f', -1, 64) + "px"
	weight, err := strconv.ParseFloat(t.Style("font-weight"), 64)
	bold := err == nil && weight >= 700
	switch {
	case largeText(t) && bold:
		return msg("large text, %s bold", px)
	case largeText(t):
		return msg("large text, %s", px)
	case bold:
		return msg("%s bold", px)
	}
	return msg("%s", px)
}

func describeColor(c rgba) Text {
	if c.opaque() {
		return msg("%s", c.hex())
	}
	return msg("%s at %d%% opacity", c.hex(), int(math.Round(c.A*100)))
}

// ancestorChain returns the element ancestors of the text's parent, from
// the root element down to parent, crossing shadow roots.
func ancestorChain(parent *Node) []*Node {
	var chain []*Node
	for e := parent; e != nil; e = e.ParentElement() {
		chain = append(chain, e)
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// clipPathHides reports whether a computed clip-path hides the whole
// element (inset of half or more from each side).
func clipPathHides(s string) bool {
	if !strings.HasPrefix(s, "inset(") {
		return false
	}
	f := strings.Fields(strings.TrimSuffix(strings.TrimPrefix(s, "inset("), ")"))
	if len(f) == 0 {
		return false
	}
	v, ok := strings.CutSuffix(f[0], "%")
	if !ok {
		return false
	}
	pct, err := strconv.ParseFloat(v, 64)
	return err == nil && pct >= 50 && len(f) == 1
}

// visibleTextBoxes returns the parts of the text's line boxes that are not
// clipped away by an ancestor with overflow hidden or clip, and that lie
// where the page can be scrolled to.
func visibleTextBoxes(t *Node, chain []*Node) []Rect {
	var clips []Rect
	skipToPositioned, fixed := false, false
	for i := len(chain) - 1; i >= 0; i-- {
		e := chain[i]
		if e.Layout == nil {
			continue
		}
		pos := e.Style("position")
		clips_ := !fixed
		if skipToPositioned {
			if pos != "" && pos != "static" {
				skipToPositioned = false // e is the containing block: it clips
			} else {
				clips_ = false
			}
		}
		if clips_ && e.Name != "html" && e.Name != "body" && (overflowClips(e.Style("overflow-x")) || overflowClips(e.Style("overflow-y"))) {
			clips = append(clips, e.Layout.Box)
		}
		switch pos {
		case "absolute":
			skipToPositioned = true
		case "fixed":
			fixed = true
		}
	}
	var out []Rect
	for _, b := range t.Layout.TextBoxes {
		for _, c := range clips {
			b = intersectRect(b, c)
		}
		if b.W < 2 || b.H < 2 || b.X+b.W <= 0 || b.Y+b.H <= 0 {
			continue
		}
		out = append(out, b)
	}
	return out
}

func overflowClips(v string) bool { return v == "hidden" || v == "clip" }

func intersectRect(a, b Rect) Rect {
	x0, y0 := math.Max(a.X, b.X), math.Max(a.Y, b.Y)
	x1, y1 := math.Min(a.X+a.W, b.X+b.W), math.Min(a.Y+a.H, b.Y+b.H)
	if x1 <= x0 || y1 <= y0 {
		return Rect{}
	}
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// coverage reports how box b covers the text boxes: "all", "none" or
// "part". A pixel of tolerance absorbs rounding.
func coverage(b Rect, boxes []Rect) string {
	const tol = 1
	all, any := true, false
	for _, t := range boxes {
		in := intersectRect(b, Rect{X: t.X + tol, Y: t.Y + tol, W: t.W - 2*tol, H: t.H - 2*tol})
		if in.Empty() {
			all = false
			continue
		}
		any = true
		if b.X > t.X+tol || b.Y > t.Y+tol || b.X+b.W < t.X+t.W-tol || b.Y+b.H < t.Y+t.H-tol {
			all = false
		}
	}
	switch {
	case all && any:
		return "all"
	case any:
		return "part"
	}
	return "none"
}

// inactiveText reports whether the text belongs to a disabled control or
// group, or labels a disabled control: WCAG exempts inactive user
// interface components.
func inactiveText(chain []*Node, disabledLabels map[*Node]bool) bool {
	for _, e := range chain {
		if disabledLabels[e] || disabledControl(e) {
			return true
		}
	}
	return false
}

// disabledControl reports whether the element itself is disabled: a form
// control with the disabled attribute, a control inside a disabled
// fieldset, or an element with aria-disabled="true".
func disabledControl(e *Node) bool {
	if strings.EqualFold(strings.TrimSpace(e.AttrOr("aria-disabled", "")), "true") {
		return true
	}
	if e.Is("button", "input", "select", "textarea", "optgroup", "option", "fieldset") {
		if e.HasAttr("disabled") {
			return true
		}
		for a := e.ParentElement(); a != nil; a = a.ParentElement() {
			if a.Is("fieldset") && a.HasAttr("disabled") {
				return true
			}
		}
	}
	return false
}

// disabledLabelSet returns the elements that label a disabled control:
// its label elements and the elements its aria-labelledby names.
func disabledLabelSet(p *Page) map[*Node]bool {
	out := map[*Node]bool{}
	elements := p.Elements()
	for _, n := range elements {
		if !n.Is("button", "input", "select", "textarea") && n.AttrOr("role", "") == "" {
			continue
		}
		disabled := disabledControl(n)
		for a := n.ParentElement(); a != nil && !disabled; a = a.ParentElement() {
			disabled = strings.EqualFold(strings.TrimSpace(a.AttrOr("aria-disabled", "")), "true")
		}
		if !disabled {
			continue
		}
		if l := n.Closest("label"); l != nil {
			out[l] = true
		}
		if id := n.AttrOr("id", ""); id != "" {
			for _, l := range elements {
				if l.Is("label") && l.AttrOr("for", "") == id {
					out[l] = true
				}
			}
		}
		for _, id := range strings.Fields(n.AttrOr("aria-labelledby", "")) {
			if l := p.ElementByID(id); l != nil {
				out[l] = true
			}
		}
	}
	return out
}

// paintingElements returns the rendered elements that paint something a
// text could sit on: a background colour or image, or replaced content
// such as an image or video.
func paintingElements(p *Page) *paintIndex {
	var out []*Node
	for _, n := range p.Elements() {
		if n.Frame != 0 || n.Layout == nil || n.Layout.Box.Empty() {
			continue
		}
		if v := n.Style("visibility"); v == "hidden" || v == "collapse" {
			continue
		}
		if replacedContent(n) != "" {
			out = append(out, n)
			continue
		}
		if bg, ok := parseColor(n.Style("background-color")); !ok || bg.A > 0 {
			out = append(out, n)
			continue
		}
		if img := n.Style("background-image"); img != "" && img != "none" {
			out = append(out, n)
		}
	}
	return newPaintIndex(out)
}

// overReplaced says that the text is over replaced content (what, from
// replacedContent) at the selector sel.
func overReplaced(what, sel string) Text {
	switch what {
	case "an SVG image":
		return msg("The text is over an SVG image (%s)", sel)
	case "an image":
		return msg("The text is over an image (%s)", sel)
	case "a video":
		return msg("The text is over a video (%s)", sel)
	case "a canvas drawing":
		return msg("The text is over a canvas drawing (%s)", sel)
	}
	return msg("The text is over embedded content (%s)", sel)
}

// replacedContent names what an element shows that is not CSS colour: an
// image, a video… ("" for other elements).
func replacedContent(n *Node) string {
	switch {
	case n.Namespace == "svg" && n.Name == "svg":
		return "an SVG image"
	case n.Is("img", "picture"):
		return "an image"
	case n.Is("video"):
		return "a video"
	case n.Is("canvas"):
		return "a canvas drawing"
	case n.Is("iframe", "object", "embed"):
		return "embedded content"
	}
	return ""
}
