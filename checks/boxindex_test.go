package checks

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBoxIndex: near finds what looking at every box finds, for boxes
// small and as tall as the page, and queries small and tall.
func TestBoxIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	box := func(maxH float64) Rect {
		return Rect{X: rng.Float64()*1400 - 100, Y: rng.Float64()*40000 - 100, W: rng.Float64() * 300, H: rng.Float64() * maxH}
	}
	var boxes []Rect
	for range 2000 {
		boxes = append(boxes, box(60))
	}
	for range 20 {
		boxes = append(boxes, box(40000)) // tall: listed apart
	}
	boxes = append(boxes, Rect{X: 0, Y: 0, W: 1280, H: 50000}, Rect{X: 10, Y: 10, W: 0, H: 0})
	ix := newBoxIndex(boxes)
	for q := range 500 {
		r := box(100)
		if q%50 == 0 {
			r = box(60000)
		}
		tol := float64(q % 2)
		var want []int
		g := Rect{X: r.X - tol, Y: r.Y - tol, W: r.W + 2*tol, H: r.H + 2*tol}
		for i, b := range boxes {
			if b.X <= g.X+g.W && g.X <= b.X+b.W && b.Y <= g.Y+g.H && g.Y <= b.Y+b.H {
				want = append(want, i)
			}
		}
		if got := ix.near(r, tol); !slices.Equal(got, want) {
			t.Fatalf("near(%v, %v) = %v, want %v", r, tol, got, want)
		}
	}
}
