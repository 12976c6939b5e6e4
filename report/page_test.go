package report_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/report"
)

// solidPNG is a w×h PNG of one colour.
func solidPNG(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imgPage is a page of the content size given with an image at each box.
func imgPage(t *testing.T, content checks.Size, boxes ...checks.Rect) *checks.Page {
	t.Helper()
	p := &checks.Page{URL: "http://x.test/", Content: content, Nodes: []*checks.Node{
		{Type: checks.DocumentNode, Name: "#document", Parent: -1},
		{Type: checks.ElementNode, Name: "html", Parent: 0},
		{Type: checks.ElementNode, Name: "body", Parent: 1},
	}}
	for _, b := range boxes {
		p.Nodes = append(p.Nodes, &checks.Node{Type: checks.ElementNode, Name: "img", Parent: 2, Layout: &checks.Layout{Box: b}})
	}
	if err := p.Build(); err != nil {
		t.Fatal(err)
	}
	return p
}

// sameColor reports whether a and b are the same colour.
func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// TestPageResultCrops: each reported element's screenshot is cropped out
// of the shot that holds its area, outlined; an element no shot holds has
// its box but no screenshot.
func TestPageResultCrops(t *testing.T) {
	blue := color.RGBA{B: 0xff, A: 0xff}
	p := imgPage(t, checks.Size{W: 1280, H: 3000}, checks.Rect{X: 100, Y: 100, W: 50, H: 50}, checks.Rect{X: 100, Y: 2000, W: 50, H: 50})
	res := checks.Result{Rule: &checks.Rule{ID: "image-alt"}, Outcome: checks.Failed, Targets: []checks.Target{
		{Node: p.Nodes[3], Outcome: checks.Failed, Message: "no alt"},
		{Node: p.Nodes[4], Outcome: checks.Failed, Message: "no alt"},
	}}
	areas := checks.ShotAreas(p, []checks.Result{res}, nil)
	if len(areas) != 2 {
		t.Fatalf("areas %v, want 2", areas)
	}
	// Only the first area was photographed: a larger shot around it, as
	// when areas were merged.
	p.Shots = []checks.Shot{{Area: checks.Rect{X: 0, Y: 0, W: 400, H: 300}, PNG: solidPNG(t, 400, 300, blue)}}
	got := report.PageResult(p, []checks.Result{res}, nil)
	nodes := got.Results[0].Nodes
	if len(nodes) != 2 || nodes[0].Box == nil || nodes[1].Box == nil {
		t.Fatalf("nodes %+v: want 2 with their boxes", nodes)
	}
	if nodes[1].Screenshot != "" {
		t.Error("the element no shot holds has a screenshot")
	}
	uri, ok := strings.CutPrefix(nodes[0].Screenshot, "data:image/png;base64,")
	if !ok {
		t.Fatalf("screenshot %.40q is not a PNG data: URL", nodes[0].Screenshot)
	}
	raw, err := base64.StdEncoding.DecodeString(uri)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// The crop is the element (100,100 50×50) with a 24 px margin, widened
	// around it to the smallest crop (360×160, from 0,45: the page's left
	// edge stops it), from the shot's blue, outlined 3 px outside the
	// element.
	if sz := img.Bounds().Size(); sz != image.Pt(checks.CropMinW, checks.CropMinH) {
		t.Errorf("crop is %v, want %d×%d", sz, checks.CropMinW, checks.CropMinH)
	}
	for _, pt := range []image.Point{{0, 0}, {125, 80}, {359, 159}} {
		if !sameColor(img.At(pt.X, pt.Y), blue) {
			t.Errorf("crop pixel %v is %v, want the shot's blue", pt, img.At(pt.X, pt.Y))
		}
	}
	if c := img.At(98, 80); sameColor(c, blue) {
		t.Errorf("crop pixel (98,80) is %v, want the outline", c)
	}
}

// TestPageResultCropsOnlyShot: a shot taken for one element alone (with
// what covered it hidden, checks.Shot.Only) serves only that element,
// even when another element's crop area lies in it: that other element
// may be what was hidden (a cookie banner's own button) and is cropped
// from the shot of its band. Two images side by side in one band: the
// shot for the first alone comes first, as browser/shots.go puts it.
func TestPageResultCropsOnlyShot(t *testing.T) {
	white, red := color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}, color.RGBA{R: 0xff, A: 0xff}
	p := imgPage(t, checks.Size{W: 1280, H: 900}, checks.Rect{X: 1200, Y: 700, W: 30, H: 30}, checks.Rect{X: 1240, Y: 700, W: 30, H: 30})
	res := checks.Result{Rule: &checks.Rule{ID: "image-alt"}, Outcome: checks.Failed, Targets: []checks.Target{
		{Node: p.Nodes[3], Outcome: checks.Failed, Message: "no alt"},
		{Node: p.Nodes[4], Outcome: checks.Failed, Message: "no alt"},
	}}
	// Both crop areas are the same 360×160 at the page's right edge.
	_, a3, _ := checks.CropArea(p, p.Nodes[3].Layout.Box)
	_, a4, _ := checks.CropArea(p, p.Nodes[4].Layout.Box)
	if a3 != a4 {
		t.Fatalf("crop areas %v and %v: the test wants them equal", a3, a4)
	}
	area := checks.Rect{X: float64(a3.Min.X), Y: float64(a3.Min.Y), W: float64(a3.Dx()), H: float64(a3.Dy())}
	band := checks.Rect{X: 0, Y: 0, W: 1280, H: 900}
	p.Shots = []checks.Shot{
		{Area: area, PNG: solidPNG(t, a3.Dx(), a3.Dy(), white), Only: p.Nodes[3]},
		{Area: band, PNG: solidPNG(t, 1280, 900, red)},
	}
	for _, n := range []*checks.Node{p.Nodes[3], p.Nodes[4]} {
		if !checks.InShots(p, n) {
			t.Errorf("InShots(%v) = false", n.Layout.Box)
		}
	}
	got := report.PageResult(p, []checks.Result{res}, nil)
	nodes := got.Results[0].Nodes
	if len(nodes) != 2 {
		t.Fatalf("nodes %+v, want 2", nodes)
	}
	for i, want := range []color.Color{white, red} {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(nodes[i].Screenshot, "data:image/png;base64,"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("node %d: %v", i, err)
		}
		if !sameColor(img.At(0, 0), want) {
			t.Errorf("node %d's crop comes from the wrong shot: pixel %v, want %v", i, img.At(0, 0), want)
		}
	}
}
