package checks

import (
	"image"
	"math"
)

// Screenshots of reported elements: which elements get one and what
// region of the page each shows. The crawler photographs these regions
// after the rules ran (ShotAreas); the report crops each element's
// screenshot out of them (CropArea). Both use this one geometry.

// MaxScreenshots is how many elements per rule and page get a screenshot.
const MaxScreenshots = 5

// MaxShotsPerPage bounds the regions of one page that are photographed;
// elements beyond it get no screenshot.
const MaxShotsPerPage = 16

// Crop geometry, in CSS px: the margin shown around an element, the
// smallest crop (a small element, a 64×81 button, gets this much of its
// surroundings, so that one can tell where on the page it is) and the
// largest.
const (
	CropMargin = 24
	CropMinW   = 360
	CropMinH   = 160
	CropMaxW   = 640
	CropMaxH   = 320
)

// ShotBox returns the element's box on the page when it has one worth a
// screenshot: rendered, in the top document, not html or body.
func ShotBox(n *Node) (Rect, bool) {
	if n.Layout == nil || n.Layout.Box.Empty() || n.Frame != 0 {
		return Rect{}, false
	}
	if n.Is("html", "body") {
		return Rect{}, false
	}
	return n.Layout.Box, true
}

// CropArea returns the element's rectangle and the area of the page a
// crop of it shows (the element with a margin, widened around it to at
// least CropMinW×CropMinH where the page allows, within the page, at most
// CropMaxW×CropMaxH from its top left corner; within the first viewport
// for an element inside it), in CSS px; ok is false when the element is
// outside the page.
func CropArea(p *Page, box Rect) (el, area image.Rectangle, ok bool) {
	page := image.Rect(0, 0, math.MaxInt32, math.MaxInt32)
	if p.Content.W > 0 && p.Content.H > 0 {
		page = image.Rect(0, 0, int(math.Ceil(p.Content.W)), int(math.Ceil(p.Content.H)))
	}
	el = image.Rect(int(box.X), int(box.Y), int(box.X+box.W+0.5), int(box.Y+box.H+0.5))
	if !el.Overlaps(page) {
		return el, area, false
	}
	// An element in the first viewport is cropped from within it, so
	// that it is photographed with the page at the top, as captured: an
	// element of a fixed banner at the bottom of the viewport has its
	// box there only at that scroll (scrolled to centre a crop that
	// reaches below the viewport, the banner would move away from it).
	bound := page
	if vh := int(p.Viewport.H); vh >= CropMinH && el.Min.Y >= 0 && el.Max.Y <= vh {
		bound.Max.Y = min(bound.Max.Y, vh)
	}
	area = image.Rect(el.Min.X-CropMargin, el.Min.Y-CropMargin, el.Max.X+CropMargin, el.Max.Y+CropMargin)
	area.Min.X, area.Max.X = widen(area.Min.X, area.Max.X, CropMinW, bound.Min.X, bound.Max.X)
	area.Min.Y, area.Max.Y = widen(area.Min.Y, area.Max.Y, CropMinH, bound.Min.Y, bound.Max.Y)
	area = area.Intersect(bound)
	if area.Dx() > CropMaxW {
		area.Max.X = area.Min.X + CropMaxW
	}
	if area.Dy() > CropMaxH {
		area.Max.Y = area.Min.Y + CropMaxH
	}
	return el, area, !area.Empty()
}

// widen grows the span [lo, hi) to at least size around its middle,
// moved back within [min, max) where it would cross an edge.
func widen(lo, hi, size, min, max int) (int, int) {
	if hi-lo >= size {
		return lo, hi
	}
	lo -= (size - (hi - lo)) / 2
	hi = lo + size
	if hi > max {
		lo, hi = lo-(hi-max), max
	}
	if lo < min {
		lo, hi = min, hi+(min-lo)
	}
	return lo, hi
}

// ShotRef is one element a rule reported on a page.
type ShotRef struct {
	Rule string // rule ID
	Node *Node
}

// ShotAreas returns the regions of the page to photograph so that every
// element that gets a screenshot can be cropped: the crop area of the
// first MaxScreenshots failed or cantTell targets with a ShotBox of each
// result that keep accepts, overlapping areas merged, at most
// MaxShotsPerPage. None when every target passed.
//
// keep (nil: every element) is asked about each such target in turn until
// the result has its MaxScreenshots; a crawl uses it to photograph a fault
// repeated on many pages once. The targets it turns down are recorded in
// p.NoShot, so the report gives them no screenshot either.
func ShotAreas(p *Page, results []Result, keep func(rule string, n *Node) bool) []Rect {
	var areas []image.Rectangle
	for _, res := range results {
		if res.Rule.NoShots {
			continue
		}
		n := 0
		for _, t := range res.Targets {
			if n == MaxScreenshots {
				break
			}
			if t.Outcome != Failed && t.Outcome != CantTell {
				continue
			}
			box, ok := ShotBox(t.Node)
			if !ok {
				continue
			}
			_, area, ok := CropArea(p, box)
			if !ok {
				continue
			}
			if keep != nil && !keep(res.Rule.ID, t.Node) {
				if p.NoShot == nil {
					p.NoShot = map[ShotRef]bool{}
				}
				p.NoShot[ShotRef{Rule: res.Rule.ID, Node: t.Node}] = true
				continue
			}
			areas = append(areas, area)
			n++
		}
	}
	areas = mergeAreas(areas)
	if len(areas) > MaxShotsPerPage {
		areas = areas[:MaxShotsPerPage]
	}
	out := make([]Rect, len(areas))
	for i, a := range areas {
		out[i] = Rect{X: float64(a.Min.X), Y: float64(a.Min.Y), W: float64(a.Dx()), H: float64(a.Dy())}
	}
	return out
}

// mergeAreas replaces overlapping areas by their union when it has no
// more pixels than the two apart (the browser's cost of a screenshot grows
// with its pixels), keeping the order of first appearance.
func mergeAreas(areas []image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for _, a := range areas {
		for merged := true; merged; {
			merged = false
			for i, o := range out {
				if u := o.Union(a); a.Overlaps(o) && pixels(u) <= pixels(a)+pixels(o) {
					a = u
					out = append(out[:i], out[i+1:]...)
					merged = true
					break
				}
			}
		}
		out = append(out, a)
	}
	return out
}

func pixels(r image.Rectangle) int { return r.Dx() * r.Dy() }

// InShots reports whether one of p.Shots holds the crop area of the
// element n, so that the report can crop its screenshot.
func InShots(p *Page, n *Node) bool {
	box, ok := ShotBox(n)
	if !ok {
		return false
	}
	_, area, ok := CropArea(p, box)
	if !ok {
		return false
	}
	for _, s := range p.Shots {
		a := image.Rect(int(s.Area.X), int(s.Area.Y), int(s.Area.X+s.Area.W), int(s.Area.Y+s.Area.H))
		if area.In(a) && s.Serves(n) {
			return true
		}
	}
	return false
}
