package browser

import (
	"context"
	"fmt"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The scroll probe: how far the page's scrollable boxes scroll, for the
// rule on scrollable regions that keyboard users must reach. See
// probe.go for how probes run.

// scrollJS measures an element: how far its content can be scrolled
// each way, and its computed padding (js/scroll.js).
var scrollJS = jsFunc("scroll.js", "scrollSizes")

// probeScroll measures the scroll distances of the elements the snapshot
// found with overflow auto or scroll (Page.Scrollers). A page without any
// costs nothing.
func probeScroll(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	ids := map[int]cdp.BackendNodeID{}
	for id, i := range backend {
		ids[i] = id
	}
	var nodes []int
	for _, n := range p.Nodes {
		if n.Type != checks.ElementNode || n.Layout == nil || n.Is("html", "body") {
			continue
		}
		ox, oy := n.Style("overflow-x"), n.Style("overflow-y")
		if ox == "auto" || ox == "scroll" || oy == "auto" || oy == "scroll" {
			if _, ok := ids[n.Index]; ok && overflows(n) {
				nodes = append(nodes, n.Index)
			}
		}
	}
	if len(nodes) == 0 {
		return nil
	}
	out := make([]*checks.Scroller, len(nodes))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, 8)
	for k, n := range nodes {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			s, err := measureScroll(ctx, ids[n])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			s.Node = n
			out[k] = s
		}()
	}
	wg.Wait()
	for _, s := range out {
		if s != nil {
			p.Scrollers = append(p.Scrollers, *s)
		}
	}
	return firstErr
}

// overflows reports whether anything laid out inside the element reaches
// beyond its box, so that it may scroll: only those are measured.
func overflows(n *checks.Node) bool {
	b := n.Layout.Box
	out := func(r checks.Rect) bool {
		return r.W > 0 && r.H > 0 && (r.X < b.X-1 || r.Y < b.Y-1 || r.X+r.W > b.X+b.W+1 || r.Y+r.H > b.Y+b.H+1)
	}
	for _, d := range n.Descendants() {
		if d.Layout == nil {
			continue
		}
		if out(d.Layout.Box) {
			return true
		}
		for _, c := range d.ChildNodes() {
			if c.Type == checks.TextNode && c.Layout != nil {
				for _, t := range c.Layout.TextBoxes {
					if out(t) {
						return true
					}
				}
			}
		}
	}
	for _, c := range n.ChildNodes() {
		if c.Type == checks.TextNode && c.Layout != nil {
			for _, t := range c.Layout.TextBoxes {
				if out(t) {
					return true
				}
			}
		}
	}
	return false
}

func measureScroll(ctx context.Context, id cdp.BackendNodeID) (*checks.Scroller, error) {
	obj, err := chromedp.Call(ctx, dom.ResolveNode, dom.ResolveNodeParams{BackendNodeID: id})
	if err != nil {
		return nil, err
	}
	if obj.Object == nil || obj.Object.ObjectID == "" {
		return nil, fmt.Errorf("node %d is gone", id)
	}
	defer chromedp.Call(ctx, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: obj.Object.ObjectID})
	var v [6]float64
	if err := callOn(ctx, obj.Object.ObjectID, scrollJS, &v); err != nil {
		return nil, err
	}
	return &checks.Scroller{X: round2(v[0]), Y: round2(v[1]), Padding: [4]float64{round2(v[2]), round2(v[3]), round2(v[4]), round2(v[5])}}, nil
}
