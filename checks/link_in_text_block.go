package checks

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// LinkInTextBlock checks that a link among the text of a sentence or
// paragraph can be told from that text without seeing colour (WCAG
// 1.4.1: failure F73, technique G183). It reads what the hover probe saw
// of those links (Page.Hover.Links).
var LinkInTextBlock = &Rule{
	ID:           "link-in-text-block",
	Title:        "Links in text can be told apart without colour",
	Doc:          doc("link-in-text-block"),
	HelpURL:      understanding("1.4.1"),
	WCAG:         []string{"1.4.1"},
	Impact:       Serious,
	Probes:       []Probe{ProbeHover},
	ProbesRefine: true,
	Run:          runLinkInTextBlock,
}

// minLinkContrast is the contrast between a link and the text around it
// that technique G183 asks for when colour alone marks the link.
const minLinkContrast = 3.0

// The rule applies to each link whose text shares a line with other text
// of its block (a paragraph, a list item, a table cell) that is not a
// link, outside navigation landmarks. It passes when something other than
// colour marks the link as it is drawn (an underline, a border, a
// shadow, bold or italics the text around lacks, an image, a mark drawn
// by ::before or ::after, a background of 3:1 against the block's). Else
// it fails when the link's colour has less than 3:1 against the
// text's, and passes when it has 3:1 or more and the link gains such a
// mark both with the pointer over it and with focus (G183); cantTell
// otherwise, and where only a weak cue (another font, size or case, a
// faint background) sets the link apart.
func runLinkInTextBlock(pass *Pass) error {
	p := pass.Page
	if htmlRoot(p) == nil {
		return nil
	}
	painters := paintingElements(p)
	links := inlineLinks(p, painters)
	looks := map[int]*LinkLook{}
	if p.Hover != nil {
		for i := range p.Hover.Links {
			looks[p.Hover.Links[i].Node] = &p.Hover.Links[i]
		}
	}
	for _, l := range links {
		n := l.n
		if l.cue.Key != "" {
			pass.Passed(n)
			continue
		}
		look := looks[n.Index]
		if look != nil && !look.Hovered && !look.Focused {
			if like := sameLook(l, links, looks); like != nil {
				like.Marks = look.Marks
				look = like
			}
		}
		if look != nil && len(look.Marks) > 0 {
			pass.Passed(n) // an icon or underline drawn by ::before or ::after
			continue
		}
		colours := msg("link %s, text %s", l.linkFG.hex(), l.textFG.hex())
		switch {
		case !l.measured:
			pass.CantTell(n, "This link differs from the text around it only by its colour, as far as saavu can see, and saavu cannot measure the contrast between the two (%s). Check that the link is underlined or otherwise marked, or that its colour has a contrast of at least 3:1 with the text's.", l.why)
		case l.ratio < minLinkContrast && l.weak.Key != "":
			pass.CantTell(n, "This link's colour has a contrast of only %s with the text around it (%s), and it differs from that text only by %s. Check that this makes the link stand out without its colour; if not, underline it.", ratioText(l.ratio), colours, l.weak)
		case l.ratio < minLinkContrast && look == nil:
			pass.CantTell(n, "This link is not underlined or otherwise marked, and its colour has a contrast of only %s with the text around it (%s). saavu could not see whether a ::before or ::after mark (an icon) shows it: check, and if nothing does, underline the link.", ratioText(l.ratio), colours)
		case l.ratio < minLinkContrast && l.ratio < 1.05:
			pass.Failed(n, "This link looks like the text around it: same colour (%s), no underline or other mark. People cannot tell that it is a link. Underline links in text (text-decoration: underline).", l.linkFG.hex())
		case l.ratio < minLinkContrast:
			pass.Failed(n, "Only colour tells this link from the text around it, and the two colours are too close: %s has a contrast of %s with the text (%s); it needs at least 3:1, and even then an underline is clearer. People who do not see colours well cannot tell it is a link. Underline links in text (text-decoration: underline).", l.linkFG.hex(), ratioText(l.ratio), l.textFG.hex())
		default:
			hover, focus := linkStateCues(look, l)
			switch {
			case hover.Key != "" && focus.Key != "":
				pass.Passed(n)
			default:
				pass.CantTell(n, "Only colour tells this link from the text around it (%s, a contrast of %s: enough, at least 3:1). Technique G183 also asks for a mark other than colour when the pointer is over the link and when it has focus: %s Check this, or underline the link, which is clearer.", colours, ratioText(l.ratio), stateReport(look, hover, focus))
			}
		}
	}
	return nil
}

// stateReport says what saavu saw of a link with the pointer over it and
// with focus.
func stateReport(look *LinkLook, hover, focus Text) Text {
	var h, f Text
	switch {
	case look == nil || !look.Hovered:
		h = msg("saavu could not try the pointer over it")
	case hover.Key != "":
		h = msg("with the pointer over it, it gains %s", hover)
	default:
		h = msg("with the pointer over it, nothing but its colour changes")
	}
	switch {
	case look == nil || !look.Focused:
		f = msg("saavu could not focus it")
	case focus.Key != "":
		f = msg("with focus, it gains %s", focus)
	default:
		f = msg("with focus, nothing but its colour changes")
	}
	return msg("%s; %s.", h, f)
}

// inlineLink is a link among the text of its block.
type inlineLink struct {
	n      *Node
	block  *Node
	linkFG rgba // the link text's colour, over its background when partly transparent
	textFG rgba // the colour of the text around it
	ratio  float64
	// measured is false when the colours cannot be composited (partly
	// transparent over a background saavu cannot see); why says why.
	measured bool
	why      Text
	cue      Text // what, besides colour, marks the link as drawn; empty when nothing
	weak     Text // a cue that may not be enough (another font, a faint background)
	sig      string
}

// LinkTarget is a link in a block of text that the hover probe looks at
// for link-in-text-block: the marks its ::before and ::after draw, and,
// when Try is set, how it looks with the pointer over it and with focus.
type LinkTarget struct {
	Node *Node
	Try  bool
}

// Bounds of the hover probe's work for link-in-text-block.
const (
	maxLinkTargets = 150 // links whose ::before and ::after it reads
	maxLinkTries   = 6   // links it hovers and focuses, one per look
)

// LinkTargets lists the links in blocks of text that link-in-text-block
// cannot judge from the page model alone: those that nothing but colour
// marks as drawn (a ::before or ::after may still draw an icon). Those
// whose colour has 3:1 or more against the text's need hovering and
// focusing: one link of each look (see sameLook) is tried, at most
// maxLinkTries.
func LinkTargets(p *Page) []LinkTarget {
	if htmlRoot(p) == nil {
		return nil
	}
	var out []LinkTarget
	tried := map[string]bool{}
	for _, l := range inlineLinks(p, paintingElements(p)) {
		if l.cue.Key != "" || len(out) >= maxLinkTargets {
			continue
		}
		t := LinkTarget{Node: l.n}
		if l.measured && l.ratio >= minLinkContrast && !tried[l.sig] && len(tried) < maxLinkTries {
			t.Try, tried[l.sig] = true, true
		}
		out = append(out, t)
	}
	return out
}

// sameLook returns what the probe saw of a link styled like l (same
// look, see linkSignature) that it tried, for a link it did not try
// itself: a copy, whose marks are to be replaced by the link's own.
func sameLook(l inlineLink, links []inlineLink, looks map[int]*LinkLook) *LinkLook {
	for _, o := range links {
		if lk := looks[o.n.Index]; lk != nil && o.sig == l.sig && (lk.Hovered || lk.Focused) {
			c := *lk
			c.Marks = nil
			return &c
		}
	}
	return nil
}

// linkSignature is what decides how a link looks on hover and focus, as
// far as the page model shows: its class, colour and decoration, and the
// kind of block and page region it is in. Links alike share the results
// of the one the probe tried.
func linkSignature(n, block *Node) string {
	region := ""
	for e := n; e != nil; e = e.ParentElement() {
		if e.Is("main", "header", "footer", "aside", "article", "section", "form") {
			region = e.Name + "." + e.AttrOr("class", "")
			break
		}
	}
	return strings.Join([]string{n.AttrOr("class", ""), n.Style("color"), n.Style("text-decoration-line"),
		n.Style("font-weight"), block.Name + "." + block.AttrOr("class", ""), region}, "|")
}

// inlineLinks finds the links among the text of their block, with how
// they differ from that text.
func inlineLinks(p *Page, painters *paintIndex) []inlineLink {
	var out []inlineLink
	for _, n := range p.Elements() {
		if n.Frame != 0 || n.Shadow != "" || n.Role() != "link" || !n.Rendered() {
			continue
		}
		if l, ok := inlineLinkOf(n, painters); ok {
			out = append(out, l)
		}
	}
	return out
}

func inlineLinkOf(n *Node, painters *paintIndex) (inlineLink, bool) {
	if d := n.Style("display"); d != "inline" && d != "inline-block" {
		return inlineLink{}, false
	}
	if inNavigation(n) || disabledControl(n) || ariaHidden(n) {
		return inlineLink{}, false
	}
	block := blockOf(n.ParentElement())
	if block == nil {
		return inlineLink{}, false
	}
	switch block.Style("display") {
	case "flex", "inline-flex", "grid", "inline-grid":
		return inlineLink{}, false // the link is an item of its own
	}
	own := textsOf(n, n)
	if len(own) == 0 {
		return inlineLink{}, false
	}
	var around []*Node
	for _, t := range textsOf(block, n) {
		if blockOf(t.ParentElement()) != block || insideLinkOrButton(t, block) {
			continue
		}
		if sameLine(t, own) {
			around = append(around, t)
		}
	}
	if wordLetters(around) < 6 {
		return inlineLink{}, false // a date, a file size: a list of links, not text
	}
	main, text := mostLetters(own), mostLetters(around)
	l := inlineLink{n: n, block: block, sig: linkSignature(n, block)}
	l.cue, l.weak = linkCues(n, main, own, text)
	fgL, ok1 := parseColor(main.Style("color"))
	fgT, ok2 := parseColor(text.Style("color"))
	if !ok1 || !ok2 {
		l.why = msg("saavu cannot read the colours %s and %s", main.Style("color"), text.Style("color"))
		return l, true
	}
	l.linkFG, l.textFG, l.measured = fgL, fgT, true
	if !fgL.opaque() || !fgT.opaque() {
		// Partly transparent: compose each over what is behind it.
		cl, okL := composedText(main, fgL, painters)
		ct, okT := composedText(text, fgT, painters)
		if !okL || !okT {
			l.measured, l.why = false, msg("a colour is partly transparent, over a background saavu cannot see")
			return l, true
		}
		l.linkFG, l.textFG = cl, ct
	}
	l.ratio = contrast(l.linkFG.over(canvasWhite), l.textFG.over(canvasWhite))
	if l.cue.Key == "" && l.weak.Key == "" {
		l.cue, l.weak = backgroundCue(n, main, text, painters)
	}
	return l, true
}

// composedText returns the colour of text t as drawn over its backdrop,
// when saavu can see that backdrop (one colour).
func composedText(t *Node, fg rgba, painters *paintIndex) (rgba, bool) {
	chain := ancestorChain(t.ParentElement())
	boxes := visibleTextBoxes(t, chain)
	if len(boxes) == 0 {
		return rgba{}, false
	}
	sc := &scene{t: t, chain: chain, boxes: boxes, fg: fg}
	sc.build(painters.under(boxes...))
	if len(sc.unsure) > 0 || sc.grad {
		return rgba{}, false
	}
	return sc.composite(0, 0, -1, true, nil, true).over(canvasWhite), true
}

// backgroundCue compares the background behind the link's text with the
// one behind the text around it: 3:1 or more marks the link; any visible
// difference is a weak cue.
func backgroundCue(n, main, text *Node, painters *paintIndex) (cue, weak Text) {
	has := false
	for e := main.ParentElement(); e != nil; e = e.ParentElement() {
		if bg, ok := parseColor(e.Style("background-color")); ok && bg.A > 0 {
			has = true
		}
		if img := e.Style("background-image"); img != "" && img != "none" {
			has = true
		}
		if e == n {
			break
		}
	}
	if !has {
		return Text{}, Text{}
	}
	under := func(t *Node) (rgba, bool) {
		chain := ancestorChain(t.ParentElement())
		boxes := visibleTextBoxes(t, chain)
		if len(boxes) == 0 {
			return rgba{}, false
		}
		sc := &scene{t: t, chain: chain, boxes: boxes}
		sc.build(painters.under(boxes...))
		if len(sc.unsure) > 0 || sc.grad {
			return rgba{}, false
		}
		return sc.composite(0, 0, -1, true, nil, false).over(canvasWhite), true
	}
	a, ok1 := under(main)
	b, ok2 := under(text)
	switch {
	case !ok1 || !ok2:
		return Text{}, msg("a background of its own")
	case contrast(a, b) >= minLinkContrast:
		return msg("its background"), Text{}
	case a.hex() != b.hex():
		return Text{}, msg("a background (%s) of %s against the text's (%s)", a.hex(), ratioText(contrast(a, b)), b.hex())
	}
	return Text{}, Text{}
}

// linkCues finds what marks the link, as drawn, besides colour: cue is
// enough (an underline, a border, bold…), weak may not be (another font).
// main is the link's text with the most letters, own all its texts, and
// text the text around it with the most letters.
func linkCues(n, main *Node, own []*Node, text *Node) (cue, weak Text) {
	around := decorations(text)
	for _, t := range own {
		for _, d := range decorations(t) {
			if !slices.Contains(around, d) {
				return decorationName(d), Text{}
			}
		}
		for e := t.ParentElement(); e != nil; e = e.ParentElement() {
			for _, side := range []string{"bottom", "top"} {
				w, _ := cssPx(e.Style("border-" + side + "-width"))
				c, _ := parseColor(e.Style("border-" + side + "-color"))
				if st := e.Style("border-" + side + "-style"); st != "" && st != "none" && st != "hidden" && w >= 1 && c.A > 0.1 {
					return msg("a border"), Text{}
				}
			}
			if shadows, ok := parseBoxShadows(e.Style("box-shadow")); ok {
				for _, s := range shadows {
					if s.visible() {
						return msg("a shadow"), Text{}
					}
				}
			} else {
				return msg("a shadow"), Text{}
			}
			if st := e.Style("outline-style"); st != "" && st != "none" {
				if w, _ := cssPx(e.Style("outline-width")); w >= 1 {
					return msg("an outline"), Text{}
				}
			}
			if e == n {
				break
			}
		}
	}
	for _, d := range n.Descendants() {
		if !visibleBox(d) || d.Layout.Box.W < 6 || d.Layout.Box.H < 6 {
			continue
		}
		if replacedContent(d) != "" {
			return msg("an image"), Text{}
		}
		if strings.Contains(d.Style("background-image"), "url(") {
			return msg("an image"), Text{}
		}
	}
	if strings.Contains(n.Style("background-image"), "url(") {
		return msg("an image"), Text{}
	}
	if bold(main) != bold(text) {
		return msg("bold text"), Text{}
	}
	if italic(main) != italic(text) {
		return msg("italics"), Text{}
	}
	if a, b := main.Style("font-size"), text.Style("font-size"); a != b {
		fa, _ := cssPx(a)
		fb, _ := cssPx(b)
		if fb > 0 && math.Abs(fa-fb)/fb >= 0.1 {
			return Text{}, msg("its font size (%s against %s)", a, b)
		}
	}
	if a, b := firstFamily(main), firstFamily(text); a != b {
		return Text{}, msg("its font (%s against %s)", a, b)
	}
	if a, b := textTransform(main), textTransform(text); a != b {
		return Text{}, msg("its letter case (text-transform: %s)", a)
	}
	return Text{}, Text{}
}

// linkStateCues returns what, besides colour, the link gained with the
// pointer over it and with focus (empty when nothing, or not seen).
func linkStateCues(look *LinkLook, l inlineLink) (hover, focus Text) {
	if look == nil {
		return Text{}, Text{}
	}
	if look.Hovered {
		hover = stateCue(look.Hover, l)
	}
	if look.Focused {
		focus = stateCue(look.Focus, l)
	}
	return hover, focus
}

// stateCue returns the first change, among changes, that marks the link
// otherwise than by colour.
func stateCue(changes []StyleChange, l inlineLink) Text {
	get := func(prop string) (before, after string, ok bool) {
		for _, c := range changes {
			if c.Prop == prop {
				return c.Before, c.After, true
			}
		}
		return "", "", false
	}
	if b, a, ok := get("text-decoration-line"); ok {
		for _, d := range strings.Fields(a) {
			if d != "none" && !slices.Contains(strings.Fields(b), d) {
				return msg("%s", decorationName(d))
			}
		}
	}
	for _, side := range []string{"bottom", "top"} {
		_, st, ok1 := get("border-" + side + "-style")
		_, w, ok2 := get("border-" + side + "-width")
		if ok1 || ok2 {
			if st == "" {
				st = l.n.Style("border-" + side + "-style")
			}
			if w == "" {
				w = l.n.Style("border-" + side + "-width")
			}
			if px, _ := cssPx(w); st != "none" && st != "hidden" && px >= 1 {
				return msg("a border")
			}
		}
	}
	if _, a, ok := get("box-shadow"); ok {
		if shadows, ok := parseBoxShadows(a); !ok || slices.ContainsFunc(shadows, boxShadow.visible) {
			return msg("a shadow")
		}
	}
	if _, a, ok := get("outline-style"); ok && a != "none" && a != "" {
		return msg("an outline")
	}
	if b, a, ok := get("font-weight"); ok && boldWeight(a) != boldWeight(b) {
		return msg("bold text")
	}
	if b, a, ok := get("font-style"); ok && (b == "normal") != (a == "normal") {
		return msg("italics")
	}
	if b, a, ok := get("font-size"); ok {
		fb, _ := cssPx(b)
		fa, _ := cssPx(a)
		if fb > 0 && math.Abs(fa-fb)/fb >= 0.1 {
			return msg("a larger font")
		}
	}
	if b, a, ok := get("background-color"); ok {
		cb, ok1 := parseColor(b)
		ca, ok2 := parseColor(a)
		if ok1 && ok2 && contrast(cb.over(canvasWhite), ca.over(canvasWhite)) >= minLinkContrast {
			return msg("a background")
		}
	}
	for _, c := range changes {
		if strings.HasPrefix(c.Prop, "::") {
			return msg("a mark drawn by %s", strings.Fields(c.Prop)[0])
		}
	}
	return Text{}
}

// decorations returns the text decoration lines drawn on text t
// ("underline"): those of its parent and of every ancestor, which
// propagate to it.
func decorations(t *Node) []string {
	var out []string
	for e := t.ParentElement(); e != nil; e = e.ParentElement() {
		for _, d := range strings.Fields(e.Style("text-decoration-line")) {
			if d != "none" && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

func decorationName(d string) Text {
	switch d {
	case "underline":
		return msg("an underline")
	case "overline":
		return msg("a line over it")
	case "line-through":
		return msg("a line through it")
	}
	return msg("a text decoration (%s)", d)
}

func bold(t *Node) bool { return boldWeight(t.Style("font-weight")) }

func boldWeight(s string) bool {
	if s == "bold" || s == "bolder" {
		return true
	}
	w, err := strconv.ParseFloat(s, 64)
	return err == nil && w >= 600
}

func italic(t *Node) bool { return t.Style("font-style") != "" && t.Style("font-style") != "normal" }

func firstFamily(t *Node) string {
	f, _, _ := strings.Cut(t.Style("font-family"), ",")
	return strings.ToLower(strings.Trim(strings.TrimSpace(f), `"'`))
}

func textTransform(t *Node) string {
	if v := t.Style("text-transform"); v != "" {
		return v
	}
	return "none"
}

// blockOf returns the nearest ancestor of e, or e itself, that is not
// laid out inline: the block whose lines e's text is on.
func blockOf(e *Node) *Node {
	for ; e != nil; e = e.ParentElement() {
		switch e.Style("display") {
		case "inline", "contents":
			continue
		case "":
			if e.Layout == nil {
				return nil
			}
		}
		return e
	}
	return nil
}

// inNavigation reports whether n is inside a navigation landmark (menus,
// breadcrumbs), where links are not in running text.
func inNavigation(n *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		if e.Is("nav") || e.Role() == "navigation" || e.AttrOr("role", "") == "navigation" {
			return true
		}
	}
	return false
}

// insideLinkOrButton reports whether text t is inside a link or a button
// below block.
func insideLinkOrButton(t, block *Node) bool {
	for e := t.ParentElement(); e != nil && e != block; e = e.ParentElement() {
		switch e.Role() {
		case "link", "button":
			return true
		}
		if e.Is("a", "button", "select", "option", "textarea") {
			return true
		}
	}
	return false
}

// textsOf returns the visible text nodes under e with a letter or digit,
// in document order. within is the element whose clipping counts.
func textsOf(e, within *Node) []*Node {
	var out []*Node
	e.walk(func(c *Node) bool {
		switch c.Type {
		case DocumentNode:
			return c == e
		case TextNode:
			if !visibleText(c) || !hasLetter(c.Text) || clippedAway(c, within) {
				return false
			}
			if pe := c.ParentElement(); pe == nil || pe.Style("opacity") == "0" || len(visibleTextBoxes(c, ancestorChain(pe))) == 0 {
				return false
			}
			out = append(out, c)
		case ElementNode:
			return !c.Is("script", "style", "template") && c.Rendered()
		}
		return true
	})
	return out
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// wordLetters counts the letters of the words of the texts, words
// being runs of two letters or more: "Lue lisää" has 8, "(PDF, 120
// kt)" 5, "12.1.2026" none.
func wordLetters(ts []*Node) int {
	n := 0
	for _, t := range ts {
		run := 0
		for _, r := range t.Text + " " {
			if unicode.IsLetter(r) {
				run++
				continue
			}
			if run >= 2 {
				n += run
			}
			run = 0
		}
	}
	return n
}

// mostLetters returns the text node with the most letters.
func mostLetters(ts []*Node) *Node {
	return slices.MaxFunc(ts, func(a, b *Node) int { return cmp.Compare(letters(a.Text), letters(b.Text)) })
}

// sameLine reports whether a line box of text t shares a line with a line
// box of any of own: they overlap for half the height of the lower one.
func sameLine(t *Node, own []*Node) bool {
	for _, a := range t.Layout.TextBoxes {
		for _, o := range own {
			for _, b := range o.Layout.TextBoxes {
				top, bottom := math.Max(a.Y, b.Y), math.Min(a.Y+a.H, b.Y+b.H)
				if bottom-top >= 0.5*math.Min(a.H, b.H) && a.H > 0 && b.H > 0 {
					return true
				}
			}
		}
	}
	return false
}
