package checks_test

import (
	"slices"
	"testing"

	"saavu/checks"
)

// shotPage is a 1280×3000 page with n images, the i-th at boxes[i].
func shotPage(t *testing.T, boxes ...checks.Rect) *checks.Page {
	t.Helper()
	p := &checks.Page{URL: "http://x.test/", Content: checks.Size{W: 1280, H: 3000}, Nodes: []*checks.Node{
		{Type: checks.DocumentNode, Name: "#document", Parent: -1},
		{Type: checks.ElementNode, Name: "html", Parent: 0, Layout: &checks.Layout{Box: checks.Rect{W: 1280, H: 3000}}},
		{Type: checks.ElementNode, Name: "body", Parent: 1, Layout: &checks.Layout{Box: checks.Rect{W: 1280, H: 3000}}},
	}}
	for _, b := range boxes {
		p.Nodes = append(p.Nodes, &checks.Node{Type: checks.ElementNode, Name: "img", Parent: 2, Layout: &checks.Layout{Box: b}})
	}
	if err := p.Build(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShotAreas(t *testing.T) {
	rule := &checks.Rule{ID: "x"}
	target := func(p *checks.Page, i int, o checks.Outcome) checks.Target {
		return checks.Target{Node: p.Nodes[3+i], Outcome: o}
	}
	tests := []struct {
		name    string
		boxes   []checks.Rect
		outcome []checks.Outcome
		want    []checks.Rect
	}{
		{"passed: none", []checks.Rect{{X: 100, Y: 100, W: 50, H: 50}}, []checks.Outcome{checks.Passed}, []checks.Rect{}},
		{"small element: the margin widened to the smallest crop around it",
			[]checks.Rect{{X: 600, Y: 1000, W: 64, H: 81}}, []checks.Outcome{checks.Failed},
			[]checks.Rect{{X: 452, Y: 961, W: 360, H: 160}}},
		{"small element: widened within the page's edge",
			[]checks.Rect{{X: 10, Y: 100, W: 50, H: 50}}, []checks.Outcome{checks.Failed},
			[]checks.Rect{{X: 0, Y: 45, W: 360, H: 160}}},
		{"margin, clipped at the page's edge",
			[]checks.Rect{{X: 10, Y: 100, W: 500, H: 200}}, []checks.Outcome{checks.Failed},
			[]checks.Rect{{X: 0, Y: 76, W: 534, H: 248}}},
		{"overlapping areas merged, distant ones not",
			[]checks.Rect{{X: 100, Y: 100, W: 50, H: 50}, {X: 100, Y: 140, W: 50, H: 50}, {X: 100, Y: 2000, W: 50, H: 50}},
			[]checks.Outcome{checks.Failed, checks.CantTell, checks.Failed},
			[]checks.Rect{{X: 0, Y: 45, W: 360, H: 200}, {X: 0, Y: 1945, W: 360, H: 160}}},
		{"overlap that would add pixels: apart",
			[]checks.Rect{{X: 100, Y: 100, W: 500, H: 20}, {X: 560, Y: 110, W: 20, H: 250}},
			[]checks.Outcome{checks.Failed, checks.Failed},
			[]checks.Rect{{X: 76, Y: 30, W: 548, H: 160}, {X: 390, Y: 86, W: 360, H: 298}}},
		{"large element: at most 640×320",
			[]checks.Rect{{X: 100, Y: 100, W: 1000, H: 1000}}, []checks.Outcome{checks.Failed},
			[]checks.Rect{{X: 76, Y: 76, W: 640, H: 320}}},
		{"outside the page: none", []checks.Rect{{X: 100, Y: 3100, W: 50, H: 50}}, []checks.Outcome{checks.Failed}, []checks.Rect{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := shotPage(t, tt.boxes...)
			res := checks.Result{Rule: rule}
			for i, o := range tt.outcome {
				res.Targets = append(res.Targets, target(p, i, o))
			}
			got := checks.ShotAreas(p, []checks.Result{res}, nil)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("area %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestShotAreasFirstViewport: the crop of an element inside the first
// viewport stays inside it, so that it is photographed with the page at
// the top (an element of a fixed banner has its box there only then); an
// element below the viewport, or reaching past its bottom, is cropped
// around its middle as before.
func TestShotAreasFirstViewport(t *testing.T) {
	for _, tt := range []struct {
		name string
		box  checks.Rect
		want checks.Rect
	}{
		{"at the bottom of the viewport: moved up into it", checks.Rect{X: 600, Y: 687, W: 64, H: 32}, checks.Rect{X: 452, Y: 597, W: 360, H: 160}},
		{"higher up: around its middle", checks.Rect{X: 600, Y: 300, W: 64, H: 32}, checks.Rect{X: 452, Y: 236, W: 360, H: 160}},
		{"across the fold: around its middle", checks.Rect{X: 600, Y: 740, W: 64, H: 32}, checks.Rect{X: 452, Y: 676, W: 360, H: 160}},
		{"below the viewport: around its middle", checks.Rect{X: 600, Y: 1000, W: 64, H: 32}, checks.Rect{X: 452, Y: 936, W: 360, H: 160}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := shotPage(t, tt.box)
			p.Viewport = checks.Size{W: 1280, H: 757}
			got := checks.ShotAreas(p, []checks.Result{{Rule: &checks.Rule{ID: "x"}, Targets: []checks.Target{{Node: p.Nodes[3], Outcome: checks.Failed}}}}, nil)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestShotAreasLimits: MaxScreenshots elements per rule, MaxShotsPerPage
// regions per page.
func TestShotAreasLimits(t *testing.T) {
	var boxes []checks.Rect // far enough apart that their areas do not overlap
	for i := range 40 {
		boxes = append(boxes, checks.Rect{X: float64(100 + 460*(i%3)), Y: float64(100 + 200*(i/3)), W: 10, H: 10})
	}
	p := shotPage(t, boxes...)
	var results []checks.Result
	for r := range 8 { // 8 rules, each failing 5 elements of its own
		res := checks.Result{Rule: &checks.Rule{ID: "r"}}
		for i := range 5 {
			res.Targets = append(res.Targets, checks.Target{Node: p.Nodes[3+5*r+i], Outcome: checks.Failed})
		}
		results = append(results, res)
	}
	if got := checks.ShotAreas(p, results, nil); len(got) != checks.MaxShotsPerPage {
		t.Errorf("%d areas, want the cap %d", len(got), checks.MaxShotsPerPage)
	}
	one := checks.Result{Rule: &checks.Rule{ID: "r"}}
	for i := range 40 {
		one.Targets = append(one.Targets, checks.Target{Node: p.Nodes[3+i], Outcome: checks.Failed})
	}
	if got := checks.ShotAreas(p, []checks.Result{one}, nil); len(got) != checks.MaxScreenshots {
		t.Errorf("one rule failing 40 elements: %d areas, want %d", len(got), checks.MaxScreenshots)
	}
}

// TestShotAreasKeep: the elements keep turns down get no area and are
// recorded in NoShot; the next ones take their place up to MaxScreenshots.
func TestShotAreasKeep(t *testing.T) {
	var boxes []checks.Rect
	for i := range 8 {
		boxes = append(boxes, checks.Rect{X: 100, Y: float64(100 + 200*i), W: 10, H: 10})
	}
	p := shotPage(t, boxes...)
	res := checks.Result{Rule: &checks.Rule{ID: "x"}}
	for i := range 8 {
		res.Targets = append(res.Targets, checks.Target{Node: p.Nodes[3+i], Outcome: checks.Failed})
	}
	var asked []int
	keep := func(rule string, n *checks.Node) bool {
		if rule != "x" {
			t.Errorf("keep asked about rule %q", rule)
		}
		i := slices.Index(p.Nodes, n) - 3
		asked = append(asked, i)
		return i != 0 && i != 2 // the elements 0 and 2 were photographed before
	}
	got := checks.ShotAreas(p, []checks.Result{res}, keep)
	var ys []float64
	for _, a := range got {
		ys = append(ys, a.Y+a.H/2) // the middle of the area, of the element
	}
	if want := []float64{305, 705, 905, 1105, 1305}; !slices.Equal(ys, want) {
		t.Errorf("areas at y %v, want %v (elements 1, 3, 4, 5, 6)", ys, want)
	}
	if want := []int{0, 1, 2, 3, 4, 5, 6}; !slices.Equal(asked, want) {
		t.Errorf("keep asked about %v, want %v (not beyond MaxScreenshots kept)", asked, want)
	}
	for i := range 8 {
		ref := checks.ShotRef{Rule: "x", Node: p.Nodes[3+i]}
		if want := i == 0 || i == 2; p.NoShot[ref] != want {
			t.Errorf("element %d: NoShot %v, want %v", i, p.NoShot[ref], want)
		}
	}

	// Every element turned down: no areas.
	q := shotPage(t, boxes[:2]...)
	res = checks.Result{Rule: &checks.Rule{ID: "x"}, Targets: []checks.Target{
		{Node: q.Nodes[3], Outcome: checks.Failed}, {Node: q.Nodes[4], Outcome: checks.CantTell}}}
	if got := checks.ShotAreas(q, []checks.Result{res}, func(string, *checks.Node) bool { return false }); len(got) != 0 {
		t.Errorf("all turned down: areas %v, want none", got)
	}
	if len(q.NoShot) != 2 {
		t.Errorf("all turned down: NoShot %v, want both elements", q.NoShot)
	}
}
