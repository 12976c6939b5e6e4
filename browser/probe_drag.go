package browser

import (
	"context"
	"maps"
	"slices"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The drag probe: which elements listen to the events that dragging
// needs (pointer, mouse and touch down and move; HTML drag and drop), for
// the dragging movements rule (2.5.7). It asks the browser for every
// listener of the document and its elements, in one call, and changes
// nothing. See probe.go for how probes run.

// dragEvents are the event types the probe records.
var dragEvents = []string{"pointerdown", "pointermove", "mousedown", "mousemove", "touchstart", "touchmove", "dragstart", "drop"}

// probeDrag fills in p.Drag: the elements (and the document, node 0, for
// listeners of the window too) with listeners of dragEvents.
func probeDrag(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	byNode := map[int][]string{}
	add := func(n int, typ string) {
		if slices.Contains(dragEvents, typ) && !slices.Contains(byNode[n], typ) {
			byNode[n] = append(byNode[n], typ)
		}
	}
	for _, target := range []string{"document", "window"} {
		// The document's whole tree (depth -1, open and closed shadow
		// trees): each listener names the node it is on.
		depth := int64(-1)
		if target == "window" {
			depth = 0
		}
		ls, err := eventListeners(ctx, target, depth, target == "document")
		if err != nil {
			return err
		}
		for _, l := range ls {
			n := 0 // the window
			if l.BackendNodeID != 0 {
				i, ok := backend[l.BackendNodeID]
				if !ok {
					continue // added after the snapshot
				}
				n = i
			}
			add(n, l.Type)
		}
	}
	v := &checks.DragView{}
	for _, n := range slices.Sorted(maps.Keys(byNode)) {
		ev := byNode[n]
		slices.SortFunc(ev, func(a, b string) int { return slices.Index(dragEvents, a) - slices.Index(dragEvents, b) })
		v.Elements = append(v.Elements, checks.DragListen{Node: n, Events: ev})
	}
	p.Drag = v
	return nil
}
