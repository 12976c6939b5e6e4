package browser

import (
	"cmp"
	"context"
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// Screenshots: after the rules ran on a page, the regions around what
// they reported are photographed (Tab.Check), each element once a run.

// Check runs the rules on p, the page the tab captured last and still
// shows. With screenshots on, it then photographs the regions around the
// elements the rules reported (checks.ShotAreas) into p.Shots; a page
// where everything passed gets none. An element in shots, photographed
// on an earlier page of the run, is not photographed again (shots nil:
// every element is).
func (t *Tab) Check(ctx context.Context, p *checks.Page, rules []*checks.Rule, shots *shotSet) ([]checks.Result, error) {
	cpu := t.b.cpuMeter(ctx)
	c0, t0 := cpu.now(), time.Now()
	results, err := checks.Check(p, rules)
	t.b.opts.Log.Debug("rules", "url", p.URL, "took", time.Since(t0).Round(time.Millisecond), "cpu", cpu.since(c0))
	if err != nil || !t.b.opts.Screenshots {
		return results, err
	}
	var claimed []shotClaim
	mine := map[shotKey]bool{} // claimed for this page
	var shown []*checks.Node   // the elements to photograph
	keep := func(rule string, n *checks.Node) bool {
		if shots != nil {
			k := shotKeyOf(rule, n)
			if !mine[k] {
				if !shots.claim(k) {
					return false
				}
				mine[k] = true
				claimed = append(claimed, shotClaim{k, n})
			}
		}
		shown = append(shown, n)
		return true
	}
	areas := checks.ShotAreas(p, results, keep)
	// An element claimed but not photographed (the shots failed, or its
	// region was beyond MaxShotsPerPage) may be photographed on a later page.
	defer func() {
		for _, c := range claimed {
			if !checks.InShots(p, c.node) {
				shots.release(c.key)
			}
		}
	}()
	if len(areas) == 0 {
		return results, nil
	}
	start, startCPU := time.Now(), cpu.now()
	sctx, cancel := context.WithTimeout(t.ctx, shotsTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	if err := t.shoot(sctx, p, areas, shown); err != nil {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		// A page without screenshots is still audited.
		p.Notes = append(p.Notes, "No screenshot could be taken of the page.")
		t.b.opts.Log.Debug("screenshot failed", "url", p.URL, "err", err)
	}
	t.b.opts.Log.Debug("screenshots", "url", p.URL, "regions", len(areas), "shots", len(p.Shots), "took", time.Since(start).Round(time.Millisecond), "cpu", cpu.since(startCPU))
	return results, nil
}

// shotsTimeout bounds the screenshots of one page.
const shotsTimeout = 15 * time.Second

// shootResetJS puts the page back as it was captured (the focus probe
// left focus on some element, and scrolled) and returns the viewport's
// height (js/shots.js).
var shootResetJS = jsFunc("shots.js", "shotsReset")

// shoot photographs the areas of the page (CSS px from its top left
// corner) into p.Shots, one shot per group of areas. The areas in the
// first viewport are taken together, the page at the top as when it was
// captured (fixed elements where the page model has them). The others go
// in bands at most half a viewport tall, each scrolled to the middle of
// the viewport: capturing beyond the viewport instead would lay the whole
// page out again for every shot, which costs more than the page's load.
//
// Before each shot, the elements it is for (of shown) are made the
// topmost thing over their boxes: fixed and sticky elements over them
// (a cookie banner, a sticky header) are hidden until the shot is taken
// (js/shots.js shotsUncover). An element that other content still covers
// is recorded in p.ShotCovered, for the report to say so.
func (t *Tab) shoot(ctx context.Context, p *checks.Page, areas []checks.Rect, shown []*checks.Node) error {
	var vh float64
	if err := t.call(ctx, shootResetJS, &vh); err != nil {
		return err
	}
	if vh <= 0 {
		vh = 900
	}
	defer t.call(ctx, scrollToYJS, new(float64), 0)
	var top, rest []checks.Rect
	for _, a := range areas {
		if a.Y+a.H <= vh {
			top = append(top, a)
		} else {
			rest = append(rest, a)
		}
	}
	slices.SortStableFunc(rest, func(a, b checks.Rect) int { return cmp.Compare(a.Y, b.Y) })
	var bands [][]checks.Rect
	if len(top) > 0 {
		bands = append(bands, top)
	}
	for _, a := range rest {
		if n := len(bands); n > 0 && bands[n-1][0].Y+bands[n-1][0].H > vh {
			if u := union(append(bands[n-1], a)); u.H <= vh/2 {
				bands[n-1] = append(bands[n-1], a)
				continue
			}
		}
		bands = append(bands, []checks.Rect{a})
	}
	scrollY := 0.0
	for _, band := range bands {
		u := union(band)
		if u.Y+u.H > vh { // scroll the band to the middle of the viewport
			want := math.Max(0, u.Y+u.H/2-vh/2)
			if err := t.call(ctx, scrollToYJS, &scrollY, int(want)); err != nil {
				return err
			}
		}
		beyond := u.Y < scrollY || u.Y+u.H > scrollY+vh // the page did not scroll that far
		els := inArea(p, shown, u)
		data, covered, err := t.shootArea(ctx, u, beyond, els)
		if err != nil {
			return err
		}
		p.Shots = append(p.Shots, checks.Shot{Area: u, PNG: data})
		if len(covered) > 0 && len(covered) < len(els) {
			// What covers them may be kept for another element of the
			// band (a banner that holds one): each gets a shot of its
			// own, put before the band's so that its crop comes from it.
			var still []*checks.Node
			for _, n := range covered {
				box, _ := checks.ShotBox(n)
				_, a, _ := checks.CropArea(p, box)
				r := checks.Rect{X: float64(a.Min.X), Y: float64(a.Min.Y), W: float64(a.Dx()), H: float64(a.Dy())}
				data, c, err := t.shootArea(ctx, r, beyond, []*checks.Node{n})
				if err != nil {
					return err
				}
				p.Shots = slices.Insert(p.Shots, len(p.Shots)-1, checks.Shot{Area: r, PNG: data, Only: n})
				still = append(still, c...)
			}
			covered = still
		}
		for _, n := range covered {
			if p.ShotCovered == nil {
				p.ShotCovered = map[*checks.Node]bool{}
			}
			p.ShotCovered[n] = true
		}
	}
	return nil
}

// shootArea photographs the area u of the page (CSS px from its top
// left corner; beyond the viewport when beyond is set) with the elements
// els made the topmost thing over their boxes as far as hiding fixed and
// sticky elements can (uncover), and returns the PNG and the elements of
// els that something else still covered.
func (t *Tab) shootArea(ctx context.Context, u checks.Rect, beyond bool, els []*checks.Node) ([]byte, []*checks.Node, error) {
	restore, covered, err := t.uncover(ctx, els)
	if err != nil {
		return nil, nil, err
	}
	shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		Clip:                  &page.Viewport{X: u.X, Y: u.Y, Width: u.W, Height: u.H, Scale: 1},
		CaptureBeyondViewport: new(beyond),
		OptimizeForSpeed:      new(true),
	})
	if rerr := restore(); err == nil {
		err = rerr
	}
	if err != nil {
		return nil, nil, err
	}
	return shot.Data, covered, nil
}

// inArea returns the elements of shown whose crop area lies in u.
func inArea(p *checks.Page, shown []*checks.Node, u checks.Rect) []*checks.Node {
	var out []*checks.Node
	for _, n := range shown {
		box, _ := checks.ShotBox(n)
		_, area, ok := checks.CropArea(p, box)
		if ok && float64(area.Min.X) >= u.X && float64(area.Min.Y) >= u.Y &&
			float64(area.Max.X) <= u.X+u.W && float64(area.Max.Y) <= u.Y+u.H && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

const shotsGroup = "saavu-shots" // the object group of the elements being photographed

var (
	shotsUncoverJS = jsFunc("shots.js", "shotsUncover")
	shotsRestoreJS = jsFunc("shots.js", "shotsRestore")
)

// uncover makes els the topmost thing over their boxes in the viewport as
// it is scrolled now (js/shots.js shotsUncover), and returns the function
// that puts the page back and the elements something else still covers.
func (t *Tab) uncover(ctx context.Context, els []*checks.Node) (restore func() error, covered []*checks.Node, err error) {
	none := func() error { return nil }
	if len(els) == 0 || t.backend == nil {
		return none, nil, nil
	}
	ids := make(map[int]cdp.BackendNodeID, len(els))
	for id, i := range t.backend {
		ids[i] = id
	}
	defer chromedp.Call(ctx, runtime.ReleaseObjectGroup, runtime.ReleaseObjectGroupParams{ObjectGroup: shotsGroup})
	args := make([]any, 0, len(els))
	var found []*checks.Node
	for _, n := range els {
		id, ok := ids[n.Index]
		if !ok || n.Type != checks.ElementNode {
			continue // the document itself (a rule's verdict on the page) has no box to uncover
		}
		obj, err := chromedp.Call(ctx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: id, ObjectGroup: shotsGroup})
		if err != nil || obj.Object == nil || obj.Object.ObjectID == "" {
			continue // gone from the page since it was captured
		}
		args = append(args, obj.Object.ObjectID)
		found = append(found, n)
	}
	if len(args) == 0 {
		return none, nil, nil
	}
	var under []bool
	if err := t.call(ctx, shotsUncoverJS, &under, args...); err != nil {
		return none, nil, err
	}
	for i, c := range under {
		if c && i < len(found) {
			covered = append(covered, found[i])
		}
	}
	return func() error { return t.call(ctx, shotsRestoreJS, new(bool)) }, covered, nil
}

// union is the smallest rectangle that holds rs.
func union(rs []checks.Rect) checks.Rect {
	u := rs[0]
	for _, r := range rs[1:] {
		x0, y0 := math.Min(u.X, r.X), math.Min(u.Y, r.Y)
		x1, y1 := math.Max(u.X+u.W, r.X+r.W), math.Max(u.Y+u.H, r.Y+r.H)
		u = checks.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
	}
	return u
}

// maxShotKeys bounds the elements a run remembers as photographed; beyond
// it, new elements are photographed on every page they are seen on.
const maxShotKeys = 100_000

// shotKey names a reported element across the pages of a run: a hash of
// the rule ID, the element's selector and its snippet.
type shotKey [16]byte

func shotKeyOf(rule string, n *checks.Node) shotKey {
	h := fnv.New128a()
	for _, s := range []string{rule, n.Selector(), n.Snippet()} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var k shotKey
	h.Sum(k[:0])
	return k
}

type shotClaim struct {
	key  shotKey
	node *checks.Node
}

// shotSet is the set of elements photographed in one Audit or Session, shared
// by its workers, so that the same fault on every page of a site (a
// template's cookie banner, its footer) is photographed on the first page
// it is seen on only.
type shotSet struct {
	mu   sync.Mutex
	max  int
	keys map[shotKey]struct{}
}

func newShotSet(max int) *shotSet {
	return &shotSet{max: max, keys: map[shotKey]struct{}{}}
}

// claim reports whether the element k is to be photographed: it is not
// yet in the set, which then holds it (unless it is full).
func (s *shotSet) claim(k shotKey) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.keys[k]; ok {
		return false
	}
	if len(s.keys) < s.max {
		s.keys[k] = struct{}{}
	}
	return true
}

// release forgets the element k.
func (s *shotSet) release(k shotKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.keys, k)
}
