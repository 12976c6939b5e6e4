package checks

import (
	"math"
)

// Reflow checks that the page fits a window 320 CSS px wide, as a
// 1280 px window zoomed to 400 % shows it, without scrolling sideways
// (WCAG 1.4.10). It reads what the reflow probe saw (Page.Reflow).
var Reflow = &Rule{
	ID:      "reflow",
	Title:   "Content fits a window 320 px wide without scrolling sideways",
	Doc:     doc("reflow"),
	HelpURL: understanding("1.4.10"),
	WCAG:    []string{"1.4.10"},
	Impact:  Serious,
	Probes:  []Probe{ProbeZoom, ProbeReflow},
	Run:     runReflow,
	// Photographed in the 1280 px window, the elements look fine.
	NoShots: true,
}

// runReflow applies to pages that render any content. Each element that
// reaches beyond the right edge of the 320 px window is a target: text
// that makes the window scroll sideways fails; text that runs off an
// edge the window cannot be scrolled to (the page hides its sideways
// overflow, or the element is fixed) needs a person, since off-screen
// menus are built that way; content that may need two dimensions
// (data tables, preformatted text and code, images, videos, maps,
// toolbars: WCAG's exception) passes. A page where nothing reaches
// beyond the edge passes.
func runReflow(pass *Pass) error {
	p := pass.Page
	v := p.Reflow
	if v == nil || !rendersContent(p) {
		return nil // the probe did not run (the page's notes say so), or nothing to reflow
	}
	// Text that boxes with overflow hidden cut off at 320 px but not at
	// 640 px (where zoom-text-clipped judges it).
	cv := newClipVerdicts()
	if v.Clip != nil {
		judgeClips(p, v.Clip, reflowClipWords, func(text int) bool { return inARIAHidden(p, text) || cutAtZoom(p, text) }, cv)
	}
	if cut := cv.reportAll(pass, false); len(v.Wide) == 0 && cut == 0 {
		pass.Passed(nil)
		return nil
	}
	for _, w := range v.Wide {
		var n *Node
		if w.Node > 0 && w.Node < len(p.Nodes) {
			n = p.Nodes[w.Node]
		}
		width := v.Viewport.W
		if width <= 0 {
			width = 320
		}
		switch {
		case w.Exempt != "" || w.Kind == "media" || w.Kind == "text" && textTwoDimensional(n):
			pass.Passed(n) // may need two dimensions to be understood
		case w.Cut:
			pass.CantTell(n, "In a window %.0f px wide (a 1280 px window zoomed to 400 %%) the text of this element runs past the right edge, to %.0f px, where the window cannot be scrolled (the page hides what sticks out sideways, or the element stays fixed in the window). People who zoom in cannot read the end of its lines. Check whether the text can be reached some other way (a menu that slides in when a button is pressed is fine); if not, give the element a flexible width (max-width: 100%%).", width, w.Right)
		case w.Kind == "control":
			pass.Failed(n, "In a window %.0f px wide (a 1280 px window zoomed to 400 %%) this form field is %.0f px wide and sticks out of the window, so people who zoom in must scroll sideways to use it. Give it a flexible width (width: 100%%; max-width: 100%%) instead of a fixed one.", width, w.Width)
		case w.Word:
			pass.Failed(n, "In a window %.0f px wide (a 1280 px window zoomed to 400 %%) text in this element is too wide for the window: a long word, address or line kept on one line reaches %.0f px to the right, so people who zoom in must scroll sideways to read it. Let long words break (hyphens: auto with the page's lang, or overflow-wrap: anywhere), scale big headings with the window (font-size in vw or clamp()), and do not keep text on one line (white-space: nowrap).", width, w.Right)
		default:
			pass.Failed(n, "In a window %.0f px wide (a 1280 px window zoomed to 400 %%) this element is %.0f px wide and reaches %.0f px, %.0f px beyond the edge: %s, so people who zoom in must scroll sideways back and forth on every line. Give it a flexible width: max-width: 100%% instead of a width in px, a media query for narrow windows, and min-width: 0 on flex and grid items, which otherwise grow to fit their longest word.", width, w.Width, w.Right, math.Ceil(w.Right-width), textsRunOff(w.Texts))
		}
	}
	return nil
}

// textTwoDimensional reports whether all the text of n that the page
// renders lies in content that may need two dimensions (twoDimensional):
// n itself, an element around it, or elements inside it. The reflow
// probe names such content (WideBox.Exempt) only when the texts of n
// that reach beyond the edge all have the same nearest one; in a data
// table whose cells hold some of their text in <code>, some texts have
// the code and others the table, and the probe names none. Text of n
// outside any such content still fails, since saavu cannot tell whether
// it was the text that reached beyond the edge.
func textTwoDimensional(n *Node) bool {
	if n == nil || n.Type != ElementNode {
		return false
	}
	for e := n; e != nil; e = e.ParentElement() {
		if twoDimensional(e) {
			return true
		}
	}
	texts := 0
	outside := false
	var walk func(c *Node, in bool)
	walk = func(c *Node, in bool) {
		for _, k := range c.ChildNodes() {
			switch {
			case outside:
				return
			case k.Type == TextNode && visibleText(k):
				texts++
				outside = !in
			case k.Type == ElementNode:
				walk(k, in || twoDimensional(k))
			}
		}
	}
	walk(n, false)
	return texts > 0 && !outside
}

// twoDimensional reports whether the content of the element may need two
// dimensions to be understood (WCAG 1.4.10's exception), as the reflow
// probe tells it (its exempt selector): a data table, preformatted text
// and code, an image, a video, a frame, a formula, or a role such as
// toolbar or grid.
func twoDimensional(n *Node) bool {
	if n.Type != ElementNode {
		return false
	}
	role := n.AttrOr("role", "")
	switch role {
	case "toolbar", "grid", "treegrid", "application", "img", "math":
		return true
	}
	if n.Namespace != "" {
		return n.Name == n.Namespace // <svg>, <math>
	}
	switch n.Name {
	case "table":
		return role != "presentation" && role != "none"
	case "pre", "code", "kbd", "samp", "canvas", "video", "audio", "iframe", "object", "embed", "img":
		return true
	}
	return false
}

// cutAtZoom reports whether boxes with overflow hidden or clip cut off
// the text node at 640 px already (or the zoom probe did not run).
func cutAtZoom(p *Page, text int) bool {
	if p.Zoom == nil {
		return true
	}
	for _, zt := range p.Zoom.Texts {
		if zt.Node == text {
			return len(zt.Clips) > 0
		}
	}
	return false
}

var reflowClipWords = clipWords{
	carousel: func(box Text) Text {
		return msg("In a window 320 px wide (a 1280 px window zoomed to 400 %%) this text is cut off at the side by %s, which has overflow: hidden and also hides other text entirely (a carousel or a ticker?). Check in a narrow window that all of the text can be read, for example by moving to the next slide.", box)
	},
	firstLines: func(box, hidden Text) Text {
		return msg("In a window 320 px wide (a 1280 px window zoomed to 400 %%) the text wraps onto more lines, and %s, which has overflow: hidden and a fixed height, shows only the first ones: %s cannot be seen. Check that the rest of the text can be read some other way (a \"Read more\" link); if not, let the box grow with its text (min-height instead of height).", box, hidden)
	},
	reveal: func(box Text) Text {
		return msg("In a window 320 px wide (a 1280 px window zoomed to 400 %%) this text is cut off by %s, which has overflow: hidden. A button or link next to it may show the rest: check in a narrow window that all of the text can be read.", box)
	},
	cut: func(box, how Text) Text {
		return msg("In a window 320 px wide (a 1280 px window zoomed to 400 %%) this text is cut off by %s, which has overflow: hidden and a fixed size: %s. People who zoom in lose that part, which a wide window shows. Let the box grow with its text (min-height instead of height, max-width: 100%% instead of a width in px), or use overflow: auto so that it can be scrolled.", box, how)
	},
}

func textsRunOff(k int) Text {
	if k <= 1 {
		return msg("its text runs off the right edge of the window")
	}
	return msg("%d pieces of its text run off the right edge of the window", k)
}

// rendersContent reports whether the page shows any text, image, media
// or form field.
func rendersContent(p *Page) bool {
	for _, n := range p.Nodes {
		if n.Layout == nil || n.Frame != 0 {
			continue
		}
		switch {
		case n.Type == TextNode && !blank(n.Text) && len(n.Layout.TextBoxes) > 0:
			return true
		case n.Type == ElementNode && n.Is("img", "video", "canvas", "iframe", "svg", "object", "embed", "input", "select", "textarea") &&
			n.Layout.Box.W > 0 && n.Layout.Box.H > 0:
			return true
		}
	}
	return false
}
