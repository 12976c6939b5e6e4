package browser

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"saavu/checks"
	"saavu/internal/animimg"
)

// The moving-content probe (WCAG 2.2.2 Pause, Stop, Hide): what moves,
// blinks or scrolls on the page by itself for more than 5 seconds, and
// whether the page can stop it.
//
//  1. The animated images: the GIF, PNG and WebP files of the top
//     document that the browser has loaded (Page.getResourceTree, their
//     bytes from its cache with Page.getResourceContent; nothing is
//     fetched again) are read by internal/animimg, without decoding a
//     pixel: frames, their durations, how many times they play.
//  2. js/moving.js finds the elements that move: running CSS animations,
//     transitions and Web Animations that change something (the document
//     and its open shadow roots), the animated images of step 1 in img
//     elements and CSS backgrounds, marquees, playing videos; only those
//     that are rendered and run for more than 5 s. A page with none costs
//     this one call and step 1: 13 ms (median; 45 ms at the 90th
//     percentile) on the pages of the benchmark site.
//  3. It looks for the controls that may pause, stop or hide each one
//     (see movingControls in moving.js).
//  4. Whether each still moves is checked as the page is (a marquee's
//     text must move in 120 ms, a video's frames change in 300 ms when
//     the page may read them: a video of a still picture does not move),
//     then with the page shown with prefers-reduced-motion: reduce
//     (Emulation.setEmulatedMedia), then put back.
//  5. Up to movingPresses of the controls named for pausing or stopping
//     that lead nowhere (buttons, links to "#"), those near what moves
//     first, are clicked, each twice:
//     once to see what stops, once to put the page back as it was (a
//     pause button is a toggle; one that is not leaves the motion
//     stopped, which no later probe minds).
//
// Not seen: motion drawn by scripts frame by frame (requestAnimationFrame,
// canvas, most animation libraries), in iframes, in images given as data:
// addresses, in lazy images not yet loaded, and AVIF animations.
const (
	movingMin     = 5 * time.Second // WCAG 2.2.2: motion that lasts longer needs a control
	movingMost    = 60              // elements that move, at most
	movingImages  = 60              // image files read, at most
	movingMaxSize = 16 << 20        // bytes of an image file read, at most
	movingPresses = 3               // controls clicked, at most
)

// Names of controls (pause, hide) and of settings for motion (global),
// in English, Finnish and Swedish; see movingControls in moving.js.
const (
	movingPauseRe  = `\b(pause|stop|freeze|play)|tauko|tauot|pysäyt|keskeyt|\bseis\b|toista|käynnistä|\bpaus|stopp|stanna|spela`
	movingHideRe   = `\b(close|hide|dismiss)\b|sulje|piilota|stäng|dölj|göm`
	movingGlobalRe = `animaatio|animation|animering|liike|liikkuv|rörelse|motion`
)

// The moving-content probe's scripts (js/moving.js).
var (
	movingFindJS     = jsFunc("moving.js", "movingFind")
	movingControlsJS = jsFunc("moving.js", "movingControls")
	movingCheckJS    = jsFunc("moving.js", "movingCheck")
	movingPressJS    = jsFunc("moving.js", "movingPress")
	movingElementsJS = jsFunc("moving.js", "movingElements")
)

// animatedImage is an animated image file the page loaded, as moving.js
// takes it.
type animatedImage struct {
	URL    string `json:"url"`
	Total  int64  `json:"total"`  // ms, -1 forever
	Period int64  `json:"period"` // ms of one play
	Frames int    `json:"frames"`
}

// probeMoving fills in p.Moving (see the comment at the top of this
// file).
func probeMoving(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	images, err := animatedImages(ctx)
	if err != nil {
		return err
	}
	var items []checks.Moving
	min := movingMin.Milliseconds()
	if err := tab.call(ctx, movingFindJS, &items, images, min, movingMost); err != nil {
		return err
	}
	v := &checks.MovingView{}
	if len(items) == 0 {
		p.Moving = v
		return nil
	}
	var controls []struct {
		Items  []int  `json:"items"`
		Far    []int  `json:"far"`
		Name   string `json:"name"`
		Action string `json:"action"`
		Safe   bool   `json:"safe"`
	}
	if err := tab.call(ctx, movingControlsJS, &controls, movingPauseRe, movingHideRe, movingGlobalRe); err != nil {
		return err
	}
	check := func() ([]bool, error) {
		var moves []bool
		if err := tab.call(ctx, movingCheckJS, &moves, min); err != nil {
			return nil, err
		}
		if len(moves) != len(items) {
			return nil, errors.New("moving.js: the elements changed between calls")
		}
		return moves, nil
	}
	moving, err := check()
	if err != nil {
		return err
	}
	// Under prefers-reduced-motion: reduce.
	reduced, err := func() ([]bool, error) {
		defer func() {
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			_, _ = chromedp.Call(cctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		}()
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		}); err != nil {
			return nil, err
		}
		return check()
	}()
	if err != nil {
		return err
	}
	// The controls: press those that may pause, near what moves first,
	// and see what stops.
	order := make([]int, len(controls))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(controls[a].Far) - len(controls[b].Far) })
	stops := make([][]bool, len(controls))
	pressed := 0
	for _, k := range order {
		c := controls[k]
		if c.Action != "pause" || !c.Safe || pressed == movingPresses || !anyMoving(c.Items, moving) {
			continue
		}
		pressed++
		var ok bool
		if err := tab.call(ctx, movingPressJS, &ok, k); err != nil || !ok {
			continue
		}
		after, err := check()
		if err != nil {
			return err
		}
		stops[k] = after
		if err := tab.call(ctx, movingPressJS, &ok, k); err != nil {
			return err
		}
	}
	idx, err := tab.elements(ctx, movingElementsJS, backend)
	if err != nil {
		return err
	}
	if len(idx) != len(items)+len(controls) {
		return errors.New("moving.js: the elements changed between calls")
	}
	for i, it := range items {
		if !moving[i] {
			continue // it stopped by itself, or never moved (a marquee stopped by a script)
		}
		it.Node = idx[i]
		it.Reduced = !reduced[i]
		for k, c := range controls {
			if !slices.Contains(c.Items, i) {
				continue
			}
			mc := checks.MovingControl{Node: idx[len(items)+k], Name: c.Name, Action: c.Action, Far: slices.Contains(c.Far, i)}
			if stops[k] != nil {
				mc.Pressed = true
				mc.Stops = !stops[k][i]
			}
			it.Controls = append(it.Controls, mc)
		}
		v.Items = append(v.Items, it)
	}
	p.Moving = v
	return nil
}

// anyMoving reports whether any of the items moves.
func anyMoving(items []int, moving []bool) bool {
	for _, i := range items {
		if i < len(moving) && moving[i] {
			return true
		}
	}
	return false
}

// animatedImages reads the GIF, PNG and WebP files the top document has
// loaded, from the browser's cache (a few at a time: one round trip
// each), and returns those that animate for longer than movingMin, in
// the order of the page's resources.
func animatedImages(ctx context.Context) ([]animatedImage, error) {
	tree, err := chromedp.Call(ctx, page.GetResourceTree, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
		return []animatedImage{}, nil
	}
	var urls []string
	for _, r := range tree.FrameTree.Resources {
		if r.Type != "Image" || r.Failed || r.Canceled || r.ContentSize > movingMaxSize || len(urls) == movingImages {
			continue
		}
		switch r.MimeType {
		case "image/gif", "image/png", "image/apng", "image/webp":
			urls = append(urls, r.URL)
		}
	}
	found := make([]*animatedImage, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 6)
	for i, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			res, err := chromedp.Call(ctx, page.GetResourceContent, page.GetResourceContentParams{FrameID: tree.FrameTree.Frame.ID, URL: u})
			if err != nil {
				return // no longer cached
			}
			info, err := animimg.Decode(res.Content)
			if err != nil || !info.Animated() {
				return
			}
			total := info.Total()
			if total >= 0 && total <= movingMin {
				return
			}
			ms := total.Milliseconds()
			if total < 0 {
				ms = -1
			}
			found[i] = &animatedImage{URL: u, Total: ms, Period: info.Loop().Milliseconds(), Frames: info.Frames()}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	out := []animatedImage{}
	for _, a := range found {
		if a != nil {
			out = append(out, *a)
		}
	}
	return out, nil
}
