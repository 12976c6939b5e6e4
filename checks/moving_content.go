package checks

import (
	"regexp"
	"slices"
	"strings"
)

// MovingContent looks for content that moves, blinks or scrolls by itself
// for more than 5 seconds beside other content (WCAG 2.2.2): CSS
// animations, animated GIF, PNG and WebP images, marquees and videos
// playing. It reads what the moving-content probe saw (Page.Moving).
var MovingContent = &Rule{
	ID:      "moving-content",
	Title:   "Content that moves, blinks or scrolls by itself can be paused, stopped or hidden",
	Doc:     doc("moving-content"),
	HelpURL: understanding("2.2.2"),
	WCAG:    []string{"2.2.2"},
	Impact:  Serious,
	Probes:  []Probe{ProbeMoving},
	Run:     runMovingContent,
}

// movingLimit is how long (ms) motion may last without a control.
const movingLimit = 5000

// The rule applies to what the probe saw move by itself for more than 5
// seconds (it ran from the page's load, nobody having done anything), on
// an element that is visible, when the page shows other text beside it.
// It passes when saavu pressed a control (near it, or one of the page
// named for pausing) and the motion stopped,
// or when the element is a video with the browser's own controls. It asks
// a person when the element looks like a loading indicator (motion that
// is essential while content loads), when a control near it may pause,
// stop or hide it but saavu could not see that it does, and when the
// motion stops only under prefers-reduced-motion (a setting of the
// system, not a control on the page). Otherwise it fails: nothing the
// user can reach stops it. Elements that move alike (the same animation,
// the same image) with the same verdict are reported once.
func runMovingContent(pass *Pass) error {
	p := pass.Page
	if p.Moving == nil {
		pass.CantTell(nil, "saavu could not look for content that moves by itself on this page. Check by hand whether something moves, blinks or scrolls by itself for more than 5 seconds (an animation, an animated image, a scrolling news ticker) and that it can be paused, stopped or hidden.")
		return nil
	}
	type verdict struct {
		outcome Outcome
		text    Text
	}
	type group struct {
		n     *Node
		v     verdict
		count int
	}
	var groups []*group
	seen := map[string]*group{}
	for _, m := range p.Moving.Items {
		if m.Total >= 0 && m.Total <= movingLimit {
			continue
		}
		var n *Node
		if m.Node > 0 && m.Node < len(p.Nodes) {
			n = p.Nodes[m.Node]
			if !movingVisible(n, m) {
				continue
			}
		}
		if !otherTextThan(p, n) {
			continue // the only content of the page: nothing else to be kept from
		}
		what, long := movingWhat(m), movingLong(m)
		var v verdict
		var open []Text
		stops, tried := false, false
		for _, c := range m.Controls {
			switch {
			case c.Stops:
				stops = true
			case c.Pressed && c.Far:
				// Pressed without effect, and not near it: another
				// control of the page.
			case c.Pressed:
				tried = true
			default:
				open = append(open, controlText(p, c))
			}
		}
		switch {
		case stops:
			v = verdict{outcome: Passed}
		case m.Kind == "video" && n != nil && n.HasAttr("controls"):
			v = verdict{outcome: Passed}
		case loadingIndicator(n, m):
			v = verdict{CantTell, msg("%s moves by itself %s and looks like a loading indicator. It needs no control while content loads, if it goes away then; check that it does, or that it can be paused, stopped or hidden if it stays on the page.", what, long)}
		case len(open) > 0:
			v = verdict{CantTell, msg("%s moves by itself %s, beside other content. Check whether one of these controls pauses, stops or hides it: %s.", what, long, open)}
		case tried:
			v = verdict{CantTell, msg("%s moves by itself %s, beside other content. A control near it is named for pausing or stopping, but when saavu pressed it the motion went on: check whether something on the page pauses, stops or hides it.", what, long)}
		case m.Reduced:
			v = verdict{CantTell, msg("%s moves by itself %s, beside other content. It stops when the browser asks for reduced motion (prefers-reduced-motion), a setting of the system that many people do not know of; WCAG 2.2.2 asks for a way on the page itself. Check whether the page has one (a pause button, a setting for animations); if not, add a pause button next to it.", what, long)}
		default:
			v = verdict{Failed, msg("%s moves by itself %s, beside other content, and neither a control near it nor the browser's request for reduced motion stops it. People whose attention motion draws away, or who read slowly, cannot keep to the rest of the page. Add a pause button next to it, make it stop within 5 seconds, or show it still.", what, long)}
		}
		key := string(v.outcome) + "\x00" + m.Kind + "\x00" + m.Name + "\x00" + m.Pseudo + "\x00" + v.text.Key
		if n == nil {
			key += "\x00page"
		}
		if g := seen[key]; g != nil {
			g.count++
			continue
		}
		g := &group{n: n, v: v, count: 1}
		seen[key] = g
		groups = append(groups, g)
	}
	for _, g := range groups {
		var more any = ""
		if g.count > 1 {
			more = msg(" %d more elements move the same way.", g.count-1)
		}
		switch g.v.outcome {
		case Passed:
			pass.Passed(g.n)
		case Failed:
			pass.Failed(g.n, "%s%s", g.v.text, more)
		case CantTell:
			pass.CantTell(g.n, "%s%s", g.v.text, more)
		}
	}
	return nil
}

// movingWhat says what moves, as the subject of a sentence.
func movingWhat(m Moving) Text {
	switch m.Kind {
	case "animation":
		if m.Name == "" {
			return msg("This element, animated by a script,")
		}
		if m.Pseudo != "" {
			return msg("This element's %s, with the CSS animation %s,", m.Pseudo, m.Name)
		}
		return msg("This element, with the CSS animation %s,", m.Name)
	case "transition":
		return msg("This element, with a CSS transition of %s,", m.Name)
	case "image":
		return msg("This animated image (%d frames)", m.Frames)
	case "marquee":
		return msg("This scrolling <marquee>")
	case "video":
		return msg("This video")
	}
	return msg("This element")
}

// movingLong says how long the motion lasts.
func movingLong(m Moving) Text {
	if m.Total < 0 {
		return msg("without end")
	}
	return msg("for about %d seconds", max((m.Total+500)/1000, movingLimit/1000+1))
}

// controlText names a control that may pause the motion.
func controlText(p *Page, c MovingControl) Text {
	if c.Node > 0 && c.Node < len(p.Nodes) {
		if name := strings.TrimSpace(p.Nodes[c.Node].AccessibleName()); name != "" {
			c.Name = name
		}
	}
	if c.Name == "" {
		return msg("a control without a name")
	}
	return msg("“%s”", truncate(c.Name, 60))
}

// movingVisible reports whether the moving element is shown: laid out,
// not hidden, larger than a pixel, and not cut away by a box that hides
// its overflow. What its own animation changes
// (its opacity, its place) is not held against it: the snapshot caught
// one moment of it.
func movingVisible(n *Node, m Moving) bool {
	if n.Layout == nil || n.Style("visibility") == "hidden" && !slices.Contains(m.Props, "visibility") {
		return false
	}
	b := n.Layout.Box
	if m.Pseudo == "" && (b.W <= 1 || b.H <= 1) {
		return false
	}
	moves := slices.ContainsFunc(m.Props, func(p string) bool {
		return p == "transform" || p == "translate" || p == "left" || p == "top" || p == "right" || p == "bottom" || strings.HasPrefix(p, "margin")
	})
	if !moves && m.Pseudo == "" && !onPage(b) {
		return false
	}
	for e := n; e != nil; e = e.ParentElement() {
		if clipHides(e.Style("clip")) {
			return false
		}
		if e.Style("opacity") == "0" && !(e == n && slices.Contains(m.Props, "opacity")) {
			return false
		}
		// A box that hides its overflow and leaves nothing of it (a
		// collapsed menu or accordion); a pseudo-element may lie
		// outside its host's box.
		if e != n && m.Pseudo == "" && e.Layout != nil && !e.Is("html", "body") &&
			(overflowClips(e.Style("overflow-x")) || overflowClips(e.Style("overflow-y"))) {
			if b = intersectRect(b, e.Layout.Box); b.Empty() {
				return false
			}
		}
	}
	return true
}

// loadingWords name a loading indicator, in class names, ids, labels and
// file names: a spinner, a skeleton placeholder that shimmers.
var loadingWords = regexp.MustCompile(`(?i)spinner|loader|loading|preload|throbber|progress|skeleton|shimmer|placeholder|fa-spin|fa-pulse|ladataan|latautuu|laddar`)

// loadingIndicator reports whether the moving element looks like one that
// shows content is loading: a progressbar, a busy region, or named so.
func loadingIndicator(n *Node, m Moving) bool {
	if m.Kind == "image" && loadingWords.MatchString(m.Name[strings.LastIndex(m.Name, "/")+1:]) {
		return true
	}
	if m.Kind != "animation" && m.Kind != "transition" && m.Kind != "image" {
		return false
	}
	for e, up := n, 0; e != nil && up < 3; e, up = e.ParentElement(), up+1 {
		if e.Role() == "progressbar" || e.AttrOr("aria-busy", "") == "true" {
			return true
		}
		for _, a := range []string{"class", "id", "aria-label", "alt", "title"} {
			if loadingWords.MatchString(e.AttrOr(a, "")) {
				return true
			}
		}
		if e.Is("body") {
			break
		}
	}
	return m.Kind == "animation" && loadingWords.MatchString(m.Name)
}
