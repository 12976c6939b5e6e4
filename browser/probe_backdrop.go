package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The backdrop probe photographs what is behind the text that the
// contrast rules cannot judge from the page model (text over a
// background image, over an <img>, over gradients they cannot place): it
// makes the text of those elements transparent, which changes no layout,
// takes a screenshot of the text's area, puts the text back and records
// the darkest and lightest colours of the screenshot (Page.Backdrops).

// backdropAttr marks the elements whose text is hidden while the probe
// photographs them.
const backdropAttr = "data-saavu-backdrop"

// backdropMaxArea is the largest text area photographed, in CSS px²;
// larger ones stay unmeasured.
const backdropMaxArea = 1_500_000

// backdropTrim is the share of the pixels at either end of the luminance
// range left out: anti-aliased edges and specks of an image.
const backdropTrim = 0.02

const backdropGroup = "saavu-backdrop"

// probeBackdrop measures the backdrops of checks.BackdropTargets.
func probeBackdrop(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	targets := checks.BackdropTargets(p)
	if len(targets) == 0 {
		return nil
	}
	ids := make(map[int]cdp.BackendNodeID, len(targets))
	want := map[int]bool{}
	for _, t := range targets {
		want[t.Node.Index] = true
	}
	for id, i := range backend {
		if want[i] {
			ids[i] = id
		}
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = tab.call(cctx, backdropRestoreJS, new(bool), backdropAttr)
		_, _ = chromedp.Call(cctx, runtime.ReleaseObjectGroup, runtime.ReleaseObjectGroupParams{ObjectGroup: backdropGroup})
	}()

	// Resolve the elements, then hide their text and check, in one call,
	// that each is where the page model has it and that the images under
	// it are loaded.
	type check struct {
		Box  [4]float64 `json:"box"`  // the model's border box: x, y, w, h
		Area [4]float64 `json:"area"` // the text's area
		URLs []string   `json:"urls"` // background images under the text
	}
	var objs []runtime.RemoteObjectID
	var checksJS []check
	var kept []checks.BackdropTarget
	for _, t := range targets {
		id, ok := ids[t.Node.Index]
		if !ok || t.Area.W*t.Area.H > backdropMaxArea || t.Node.Layout == nil {
			continue
		}
		res, err := chromedp.Call(ctx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: id, ObjectGroup: backdropGroup})
		if err != nil || res.Object == nil || res.Object.ObjectID == "" {
			continue
		}
		b := t.Node.Layout.Box
		objs = append(objs, res.Object.ObjectID)
		checksJS = append(checksJS, check{
			Box:  [4]float64{b.X, b.Y, b.W, b.H},
			Area: [4]float64{t.Area.X, t.Area.Y, t.Area.W, t.Area.H},
			URLs: backgroundURLs(p, t.Area),
		})
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		return nil
	}
	args := []any{backdropAttr, checksJS}
	for _, o := range objs {
		args = append(args, o)
	}
	var ready struct {
		OK []bool  `json:"ok"`
		VW float64 `json:"vw"`
		VH float64 `json:"vh"`
	}
	if err := callOn(ctx, objs[0], backdropHideJS, &ready, args...); err != nil {
		return err
	}
	if len(ready.OK) != len(kept) {
		return errors.New("the script that hides the text returned nothing")
	}

	// Whole pixels inside each area: a pixel row half outside it may be
	// another element's.
	var areas []backdropArea
	for i, t := range kept {
		if !ready.OK[i] {
			continue
		}
		r := image.Rect(int(math.Max(0, math.Ceil(t.Area.X))), int(math.Max(0, math.Ceil(t.Area.Y))),
			int(math.Floor(t.Area.X+t.Area.W)), int(math.Floor(t.Area.Y+t.Area.H)))
		if r.Dx() < 2 || r.Dy() < 2 {
			continue
		}
		areas = append(areas, backdropArea{node: t.Node.Index, r: r})
	}
	view := image.Rect(0, 0, int(ready.VW), int(ready.VH))
	out := map[int]checks.Backdrop{}
	for _, g := range groupBackdrops(areas) {
		u := g[0].r
		for _, a := range g[1:] {
			u = u.Union(a.r)
		}
		shot, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &page.Viewport{X: float64(u.Min.X), Y: float64(u.Min.Y), Width: float64(u.Dx()), Height: float64(u.Dy()), Scale: 1},
			CaptureBeyondViewport: new(!u.In(view)),
			OptimizeForSpeed:      new(true),
		})
		if err != nil {
			return err
		}
		img, err := png.Decode(bytes.NewReader(shot.Data))
		if err != nil || img.Bounds().Size() != u.Size() {
			continue // not the picture asked for: leave these unmeasured
		}
		sub, ok := img.(interface {
			SubImage(image.Rectangle) image.Image
		})
		if !ok {
			continue
		}
		for _, a := range g {
			if b, ok := backdropOf(sub.SubImage(a.r.Sub(u.Min))); ok {
				out[a.node] = b
			}
		}
	}
	if len(out) > 0 {
		p.Backdrops = out
	}
	return nil
}

type backdropArea struct {
	node int             // index in Page.Nodes
	r    image.Rectangle // CSS px from the page's top left corner
}

// backdropGroupWaste bounds the pixels of a shared screenshot that belong
// to none of its areas, as a multiple of the areas' own pixels.
const backdropGroupWaste = 2

// groupBackdrops puts areas that lie close together in one screenshot:
// each screenshot waits for a frame of the browser, which costs more
// than the pixels of a moderately larger one. A group's picture is at
// most backdropMaxArea and at most backdropGroupWaste times its areas
// larger than them.
func groupBackdrops(areas []backdropArea) [][]backdropArea {
	var groups [][]backdropArea
	var unions []image.Rectangle
	var own []int
	size := func(r image.Rectangle) int { return r.Dx() * r.Dy() }
next:
	for _, a := range areas {
		for i, u := range unions {
			nu := u.Union(a.r)
			if n := size(nu); n <= backdropMaxArea && n <= (1+backdropGroupWaste)*(own[i]+size(a.r)) {
				groups[i] = append(groups[i], a)
				unions[i], own[i] = nu, own[i]+size(a.r)
				continue next
			}
		}
		groups = append(groups, []backdropArea{a})
		unions = append(unions, a.r)
		own = append(own, size(a.r))
	}
	return groups
}

// backdropHideJS marks the elements, hides their text, scrolls the page to
// the top and leaves focus nowhere, as when the page was captured, and
// returns, for each element, whether it may be photographed: it is where
// the page model has it, and the images that may be under its text have
// loaded. backdropRestoreJS shows the text again (js/backdrop.js).
var (
	backdropHideJS    = jsFunc("backdrop.js", "backdropHide")
	backdropRestoreJS = jsFunc("backdrop.js", "backdropRestore")
)

var cssURL = regexp.MustCompile(`url\("((?:[^"\\]|\\.)*)"\)`)

// backgroundURLs returns the background images of the elements whose box
// meets the area, as the computed style has them (absolute), data: URLs
// left out (they are always loaded).
func backgroundURLs(p *checks.Page, area checks.Rect) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range p.Elements() {
		img := n.Style("background-image")
		if n.Frame != 0 || n.Layout == nil || !strings.Contains(img, "url(") {
			continue
		}
		b := n.Layout.Box
		if !n.Is("html", "body") && (b.X >= area.X+area.W || area.X >= b.X+b.W || b.Y >= area.Y+area.H || area.Y >= b.Y+b.H) {
			continue
		}
		for _, m := range cssURL.FindAllStringSubmatch(img, -1) {
			u := strings.ReplaceAll(m[1], `\"`, `"`)
			if strings.HasPrefix(u, "data:") || seen[u] {
				continue
			}
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// backdropOf returns the darkest and lightest colours of a picture,
// leaving out backdropTrim of the pixels at either end of the luminance
// range.
func backdropOf(img image.Image) (checks.Backdrop, bool) {
	const bins = 1024
	var count [bins]int
	var color [bins][3]uint8
	var lin [256]float64
	for i := range lin {
		v := float64(i) / 255
		if v <= 0.04045 {
			lin[i] = v / 12.92
		} else {
			lin[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	total := 0
	add := func(r, g, b uint8) {
		l := 0.2126*lin[r] + 0.7152*lin[g] + 0.0722*lin[b]
		k := int(l * (bins - 1))
		if count[k] == 0 {
			color[k] = [3]uint8{r, g, b}
		}
		count[k]++
		total++
	}
	bounds := img.Bounds()
	switch m := img.(type) {
	case *image.NRGBA:
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			row := m.Pix[m.PixOffset(bounds.Min.X, y):m.PixOffset(bounds.Max.X, y)]
			for i := 0; i+3 < len(row); i += 4 {
				add(row[i], row[i+1], row[i+2])
			}
		}
	case *image.RGBA:
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			row := m.Pix[m.PixOffset(bounds.Min.X, y):m.PixOffset(bounds.Max.X, y)]
			for i := 0; i+3 < len(row); i += 4 {
				add(row[i], row[i+1], row[i+2])
			}
		}
	default:
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				r, g, b, _ := img.At(x, y).RGBA()
				add(uint8(r>>8), uint8(g>>8), uint8(b>>8))
			}
		}
	}
	if total == 0 {
		return checks.Backdrop{}, false
	}
	skip := int(float64(total) * backdropTrim)
	at := func(from, step int) [3]uint8 {
		seen := 0
		for k := from; k >= 0 && k < bins; k += step {
			seen += count[k]
			if count[k] > 0 && seen > skip {
				return color[k]
			}
		}
		return color[from]
	}
	hex := func(c [3]uint8) string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }
	return checks.Backdrop{Dark: hex(at(0, 1)), Light: hex(at(bins-1, -1))}, true
}
