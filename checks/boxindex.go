package checks

import (
	"math"
	"slices"
)

// boxIndex finds, among many boxes, those near a given one without
// looking at each: the boxes are listed by the horizontal bands of the
// page (boxBand px high) they cross. Rules that compare every element
// with the others around it (what is painted under a text, which
// targets crowd a target) use it, so that a page of 100,000 elements
// takes a moment and not minutes. It is not safe for concurrent use.
type boxIndex struct {
	boxes []Rect
	bands map[int][]int // band -> indexes in boxes, ascending
	tall  []int         // boxes that cross more than boxTall bands: looked at always
	seen  []int         // per box: the query that last looked at it
	query int
}

const (
	boxBand = 256 // px: the height of a band of the page
	boxTall = 64  // bands: a box taller is not listed band by band
)

func newBoxIndex(boxes []Rect) *boxIndex {
	ix := &boxIndex{boxes: boxes, bands: map[int][]int{}, seen: make([]int, len(boxes))}
	for i, b := range boxes {
		lo, hi, ok := bandsOf(b.Y, b.Y+b.H)
		if !ok || hi-lo > boxTall {
			ix.tall = append(ix.tall, i)
			continue
		}
		for k := lo; k <= hi; k++ {
			ix.bands[k] = append(ix.bands[k], i)
		}
	}
	return ix
}

// bandsOf returns the first and last band that y0 to y1 cross; ok is
// false when they are not finite numbers of a sensible size.
func bandsOf(y0, y1 float64) (lo, hi int, ok bool) {
	const limit = 1 << 40
	if math.IsNaN(y0) || math.IsNaN(y1) || math.Abs(y0) > limit || math.Abs(y1) > limit {
		return 0, 0, false
	}
	return int(math.Floor(y0 / boxBand)), int(math.Floor(y1 / boxBand)), true
}

// near returns, in ascending order, the indexes of the boxes that meet r
// grown by tol on each side (edges touching count).
func (ix *boxIndex) near(r Rect, tol float64) []int {
	r = Rect{X: r.X - tol, Y: r.Y - tol, W: r.W + 2*tol, H: r.H + 2*tol}
	ix.query++
	var out []int
	look := func(i int) {
		if ix.seen[i] == ix.query {
			return
		}
		ix.seen[i] = ix.query
		b := ix.boxes[i]
		if b.X <= r.X+r.W && r.X <= b.X+b.W && b.Y <= r.Y+r.H && r.Y <= b.Y+b.H {
			out = append(out, i)
		}
	}
	for _, i := range ix.tall {
		look(i)
	}
	lo, hi, ok := bandsOf(r.Y, r.Y+r.H)
	if !ok || hi-lo > len(ix.bands) {
		// A query as tall as the page: every box.
		for i := range ix.boxes {
			look(i)
		}
	} else {
		for k := lo; k <= hi; k++ {
			for _, i := range ix.bands[k] {
				look(i)
			}
		}
	}
	slices.Sort(out)
	return out
}
