package checks

import (
	"strings"
)

// ZoomTextClipped checks that text is not cut off by a box with overflow
// hidden when the page is zoomed to 200 % (ACT 59br37). It reads what the
// zoom probe saw with the viewport at 640 × 512 CSS px (Page.Zoom).
var ZoomTextClipped = &Rule{
	ID:      "zoom-text-clipped",
	Title:   "Text is not cut off when the page is zoomed to 200 %",
	Doc:     doc("zoom-text-clipped"),
	HelpURL: understanding("1.4.4"),
	WCAG:    []string{"1.4.4"},
	ACT:     []string{"59br37"},
	Impact:  Serious,
	Probes:  []Probe{ProbeZoom},
	Run:     runZoomTextClipped,
}

// ACT 59br37 applies, at 640 × 512 CSS px, to visible text nodes whose
// parent is an HTML element, inside an element with overflow hidden or
// clip, and not in an aria-hidden subtree. The text must not be cut off
// by such an element: sideways, unless the element ends the line with an
// ellipsis (white-space nowrap and text-overflow other than clip); at the
// top or bottom, unless the element is one line high.
//
// saavu is more lenient where text is cut off in a way designers use on
// purpose, and leaves those to a person: whole lines hidden below the
// last visible one, text cut off sideways in a box that hides other text
// entirely (a carousel, a ticker), and boxes with a button or link next
// to them that may reveal the rest.
func runZoomTextClipped(pass *Pass) error {
	p := pass.Page
	z := p.Zoom
	if z == nil {
		return nil // the probe did not run; the page's notes say so
	}
	cv := newClipVerdicts()
	judgeClips(p, z, zoomClipWords, func(text int) bool { return inARIAHidden(p, text) }, cv)
	cv.report(pass)
	return nil
}

// inARIAHidden reports whether the text node is in an aria-hidden subtree,
// which ACT 59br37 leaves out.
func inARIAHidden(p *Page, text int) bool {
	el := p.Nodes[text].ParentElement()
	return el != nil && ariaHidden(el)
}

// clipWords are the messages of judgeClips for one window size: the
// clipping box is named by box.
type clipWords struct {
	carousel   func(box Text) Text         // cut at the side by a box that hides other text entirely
	firstLines func(box, hidden Text) Text // whole lines hidden below the last visible one
	reveal     func(box Text) Text         // cut by a box next to a control
	cut        func(box, how Text) Text    // cut
}

var zoomClipWords = clipWords{
	carousel: func(box Text) Text {
		return msg("At 200 %% zoom (a window 640 px wide) this text is cut off at the side by %s, which has overflow: hidden and also hides other text entirely (a carousel or a ticker?). Check at 200 %% zoom that all of the text can be read, for example by moving to the next slide.", box)
	},
	firstLines: func(box, hidden Text) Text {
		return msg("At 200 %% zoom (a window 640 px wide) %s, which has overflow: hidden and a fixed height, shows only the first lines of this text: %s cannot be seen. Check that the rest of the text can be read some other way (a \"Read more\" link); if not, let the box grow with its text (min-height instead of height).", box, hidden)
	},
	reveal: func(box Text) Text {
		return msg("At 200 %% zoom (a window 640 px wide) this text is cut off by %s, which has overflow: hidden. A button or link next to it may show the rest: check that all of the text can be read at 200 %% zoom.", box)
	},
	cut: func(box, how Text) Text {
		return msg("At 200 %% zoom (a window 640 px wide) this text is cut off by %s, which has overflow: hidden and a fixed size: %s. People who enlarge text to read it lose that part. Let the box grow with its text (min-height instead of height, no fixed width in px), or use overflow: auto so that it can be scrolled.", box, how)
	},
}

// judgeClips judges the texts of z that boxes with overflow hidden or
// clip cut, the elements holding them going into cv; skip leaves out
// text nodes (nil: none). It is the applicability zoom-text-clipped,
// text-spacing-clipped and reflow share: the texts clipTextElement
// accepts, and of the cuts, all but those a designer makes on purpose
// (an ellipsis, a box one line high).
func judgeClips(p *Page, z *ZoomView, words clipWords, skip func(text int) bool, cv *clipVerdicts) {
	for _, zt := range z.Texts {
		el := clipTextElement(p, zt.Node)
		if el == nil || (skip != nil && skip(zt.Node)) {
			continue
		}
		v := clipVerdict{outcome: Passed}
		for _, c := range zt.Clips {
			b := z.ZoomBoxOf(c.Box)
			if b == nil || c.Box <= 0 || c.Box >= len(p.Nodes) {
				continue
			}
			box := p.Nodes[c.Box]
			var w clipVerdict
			switch {
			case c.Axis == "x" && b.WhiteSpace == "nowrap" && b.TextOverflow != "" && b.TextOverflow != "clip":
				continue // ends with an ellipsis: meant to be shortened
			case c.Axis == "y" && c.Partial == 0 && b.H < 1.5*zt.LineH:
				continue // a box one line high shows whole lines only: meant to be shortened
			case c.Axis == "x" && b.HiddenX > 0:
				w = clipVerdict{CantTell, words.carousel(boxName(box))}
			case c.Axis == "y" && c.Partial == 0:
				w = clipVerdict{CantTell, words.firstLines(boxName(box), lines(c.Hidden))}
			case revealNearby(box):
				w = clipVerdict{CantTell, words.reveal(boxName(box))}
			default:
				w = clipVerdict{Failed, words.cut(boxName(box), cutDesc(c))}
			}
			if w.outcome.rank() > v.outcome.rank() {
				v = w
			}
		}
		cv.judge(el, v)
	}
}

// clipTextElement returns the element holding the text node at index
// text, when the rules on clipped text judge that text: a text node with
// more than white space whose parent is an HTML element. It returns nil
// otherwise.
func clipTextElement(p *Page, text int) *Node {
	if text <= 0 || text >= len(p.Nodes) {
		return nil
	}
	n := p.Nodes[text]
	el := n.ParentElement()
	if n.Type != TextNode || blank(n.Text) || el == nil || el.Namespace != "" {
		return nil
	}
	return el
}

// clipVerdict is the verdict on one text cut off by a box.
type clipVerdict struct {
	outcome Outcome
	msg     Text
}

// clipVerdicts keeps the worst verdict on the texts of each element, in
// the order the elements were first judged.
type clipVerdicts struct {
	order []*Node
	worst map[*Node]clipVerdict
}

func newClipVerdicts() *clipVerdicts { return &clipVerdicts{worst: map[*Node]clipVerdict{}} }

func (cv *clipVerdicts) judge(el *Node, v clipVerdict) {
	old, seen := cv.worst[el]
	if !seen {
		cv.order = append(cv.order, el)
	}
	if !seen || v.outcome.rank() > old.outcome.rank() {
		cv.worst[el] = v
	}
}

// report gives each element its verdict.
func (cv *clipVerdicts) report(pass *Pass) { cv.reportAll(pass, true) }

// reportAll gives each element its verdict, passes only when passed is
// set, and returns how many elements failed or need a person.
func (cv *clipVerdicts) reportAll(pass *Pass, passed bool) int {
	faults := 0
	for _, el := range cv.order {
		switch v := cv.worst[el]; v.outcome {
		case Failed:
			pass.Failed(el, "%s", v.msg)
			faults++
		case CantTell:
			pass.CantTell(el, "%s", v.msg)
			faults++
		default:
			if passed {
				pass.Passed(el)
			}
		}
	}
	return faults
}

// boxName names a clipping element for a message.
func boxName(n *Node) Text {
	return msg("the element %s", n.Snippet())
}

func lines(k int) Text {
	if k == 1 {
		return msg("1 line")
	}
	return msg("%d lines", k)
}

// cutDesc says how much of the text a clip cuts off.
func cutDesc(c TextClip) Text {
	var parts []Text
	if c.Partial > 0 {
		parts = append(parts, msg("%s cut through", lines(c.Partial)))
	}
	if c.Hidden > 0 {
		parts = append(parts, msg("%s hidden", lines(c.Hidden)))
	}
	if c.Axis == "x" {
		return msg("%s at the side (up to %.0f px of a line)", parts, c.Cut)
	}
	return msg("%s at the top or bottom (up to %.0f px of a line)", parts, c.Cut)
}

// revealNearby reports whether the clipping box holds, or sits next to,
// a control that could reveal the rest of its text: a link, a button, a
// summary, or an element with aria-expanded or aria-controls.
func revealNearby(box *Node) bool {
	control := func(e *Node) bool {
		if e.Type != ElementNode {
			return false
		}
		if e.Is("button", "summary") || (e.Is("a") && e.HasAttr("href")) || e.HasAttr("aria-expanded") || e.HasAttr("aria-controls") {
			return true
		}
		switch strings.TrimSpace(e.AttrOr("role", "")) {
		case "button", "link":
			return true
		}
		return false
	}
	near := []*Node{box}
	if par := box.ParentElement(); par != nil {
		kids := par.ChildNodes()
		for i, k := range kids {
			if k != box {
				continue
			}
			seen := 0
			for j := i - 1; j >= 0 && seen < 2; j-- {
				if kids[j].Type == ElementNode {
					near, seen = append(near, kids[j]), seen+1
				}
			}
			seen = 0
			for j := i + 1; j < len(kids) && seen < 2; j++ {
				if kids[j].Type == ElementNode {
					near, seen = append(near, kids[j]), seen+1
				}
			}
		}
	}
	for _, e := range near {
		if control(e) {
			return true
		}
		for _, d := range e.Descendants() {
			if control(d) {
				return true
			}
		}
	}
	return false
}
