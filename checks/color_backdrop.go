package checks

import (
	"math"
	"strconv"
)

// Backdrop is what a probe measured behind one element's text: the page
// photographed with the text made invisible, layout unchanged. Dark and
// Light are the darkest and lightest colours found there (a small share
// of the pixels at either end left out, so that specks do not count), as
// "#rrggbb".
type Backdrop struct {
	Dark  string `json:"dark"`
	Light string `json:"light"`
}

// maxBackdrops is how many elements of one page the backdrop probe
// photographs at most.
const maxBackdrops = 20

// backdropMargin is how far below the needed ratio the best contrast
// measured on the backdrop must be for a failure: screenshots blur edges
// and fonts render differently from one machine to another.
const backdropMargin = 0.3

// BackdropTarget is an element whose text the contrast rules could not
// judge because they cannot see what is behind it (a background image, an
// image under the text, a gradient they cannot place), and the area of
// its text, CSS px from the top left corner of the page.
type BackdropTarget struct {
	Node *Node
	Area Rect
}

// BackdropTargets lists the elements whose text color-contrast or
// color-contrast-enhanced reports cantTell only because it cannot see the
// background, in document order, at most maxBackdrops of them. A probe
// photographs what is behind their text into Page.Backdrops.
func BackdropTargets(p *Page) []BackdropTarget {
	if htmlRoot(p) == nil {
		return nil
	}
	areas := map[*Node]Rect{}
	for _, level := range []contrastLevel{contrastMinimum, contrastEnhanced} {
		cv := contrastVerdicts(p, level, nil)
		for _, n := range cv.order {
			area, ok := cv.measure[n]
			if !ok || cv.verdicts[n].outcome != CantTell {
				continue
			}
			if prev, seen := areas[n]; seen {
				areas[n] = unionRect(prev, area)
				continue
			}
			areas[n] = area
		}
	}
	var out []BackdropTarget
	for _, n := range p.Elements() { // document order
		if a, ok := areas[n]; ok && len(out) < maxBackdrops {
			out = append(out, BackdropTarget{Node: n, Area: a})
		}
	}
	return out
}

func unionRect(a, b Rect) Rect {
	if a.Empty() {
		return b
	}
	x0, y0 := math.Min(a.X, b.X), math.Min(a.Y, b.Y)
	x1, y1 := math.Max(a.X+a.W, b.X+b.W), math.Max(a.Y+a.H, b.Y+b.H)
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// measuredContrast judges text of colour fg (opaque) over a measured
// backdrop. Contrast is lowest against the backdrop colour closest in
// luminance to the text, and 1 when the text's luminance is within the
// backdrop's range; highest against the farthest end.
func measuredContrast(fg rgba, b Backdrop, need float64, size Text) (contrastResult, bool) {
	dark, ok1 := parseHex(b.Dark)
	light, ok2 := parseHex(b.Light)
	if !ok1 || !ok2 {
		return contrastResult{}, false
	}
	if dark.luminance() > light.luminance() {
		dark, light = light, dark
	}
	cDark, cLight := contrast(fg, dark), contrast(fg, light)
	worst, best := math.Min(cDark, cLight), math.Max(cDark, cLight)
	if l := fg.luminance(); l >= dark.luminance() && l <= light.luminance() {
		worst = 1
	}
	rng := msg("saavu measured the background behind the text from %s to %s", dark.hex(), light.hex())
	if dark.hex() == light.hex() {
		rng = msg("saavu measured the background behind the text as %s", dark.hex())
	}
	switch {
	case worst >= need:
		return contrastResult{Passed, worst, Text{}, nil}, true
	case best < need-backdropMargin:
		far := farther(fg, dark, light)
		fix := msg("Give the text a colour that stands out from the background.")
		switch {
		case fg.luminance() < far.luminance():
			fix = msg("Darken the text or lighten the background.")
		case fg.luminance() > far.luminance():
			fix = msg("Lighten the text or darken the background.")
		}
		return contrastResult{Failed, worst, msg("Contrast is at most %s (%s on %s): %s (with the text hidden, in a screenshot). Text of this size (%s) needs at least %s. %s",
			ratioText(best), fg.hex(), far.hex(), rng, size, ratioText(need), fix), nil}, true
	}
	return contrastResult{CantTell, worst, msg("Contrast varies from %s to %s: %s (with the text hidden, in a screenshot); text of this size (%s) needs at least %s. Check by eye that the text is readable where the contrast is lowest.",
		ratioText(worst), ratioText(best), rng, size, ratioText(need)), nil}, true
}

// farther returns whichever of a and b contrasts more with fg.
func farther(fg, a, b rgba) rgba {
	if contrast(fg, a) >= contrast(fg, b) {
		return a
	}
	return b
}

// parseHex reads an opaque colour written #rrggbb.
func parseHex(s string) (rgba, bool) {
	if len(s) != 7 || s[0] != '#' {
		return rgba{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return rgba{}, false
	}
	return rgba{float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, 1}, true
}
