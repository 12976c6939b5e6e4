package browser

import (
	"cmp"
	"context"
	"hash/fnv"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
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
	results, err := checks.Check(p, rules)
	if err != nil || !t.b.opts.Screenshots {
		return results, err
	}
	var claimed []shotClaim
	mine := map[shotKey]bool{} // claimed for this page
	keep := func(rule string, n *checks.Node) bool {
		if shots == nil {
			return true
		}
		k := shotKeyOf(rule, n)
		if mine[k] {
			return true
		}
		if !shots.claim(k) {
			return false
		}
		mine[k] = true
		claimed = append(claimed, shotClaim{k, n})
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
	start := time.Now()
	sctx, cancel := context.WithTimeout(t.ctx, shotsTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	if err := t.shoot(sctx, p, areas); err != nil {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		// A page without screenshots is still audited.
		p.Notes = append(p.Notes, "No screenshot could be taken of the page.")
		t.b.opts.Log.Debug("screenshot failed", "url", p.URL, "err", err)
	}
	t.b.opts.Log.Debug("screenshots", "url", p.URL, "regions", len(areas), "shots", len(p.Shots), "took", time.Since(start).Round(time.Millisecond))
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
// the viewport, clear of sticky headers and cookie banners: capturing
// beyond the viewport instead would lay the whole page out again for
// every shot, which costs more than the page's load.
func (t *Tab) shoot(ctx context.Context, p *checks.Page, areas []checks.Rect) error {
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
		shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &page.Viewport{X: u.X, Y: u.Y, Width: u.W, Height: u.H, Scale: 1},
			CaptureBeyondViewport: new(beyond),
			OptimizeForSpeed:      new(true),
		})
		if err != nil {
			return err
		}
		p.Shots = append(p.Shots, checks.Shot{Area: u, PNG: shot.Data})
	}
	return nil
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
