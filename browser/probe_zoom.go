package browser

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The zoom probe: the page at the size a zoomed browser gives it (WCAG
// 1.4.4 Resize Text), and zoomView, which the reflow and spacing probes
// use too. See probe.go for how probes run.

// The zoom probe's viewport: a 1280 × 1024 screen zoomed to 200 % gives
// the page 640 × 512 CSS px (the size W3C ACT rule 59br37 tests at).
const zoomW, zoomH = 640, 512

// zoomStyles are the computed styles the zoom probe reads at that size.
var zoomStyles = []string{"overflow-x", "overflow-y", "white-space", "text-overflow", "position", "transform", "visibility"}

const (
	zsOverflowX = iota
	zsOverflowY
	zsWhiteSpace
	zsTextOverflow
	zsPosition
	zsTransform
	zsVisibility
)

// probeZoom lays the page out at 640 × 512 CSS px, takes a second, small
// DOM snapshot and records which text the elements with overflow hidden
// or clip cut off (Page.Zoom). The viewport is restored afterwards.
func probeZoom(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	if !clipsText(p) {
		// Nothing clips text now; only a media query could make something
		// clip at 640 px. Resizing costs a layout and a snapshot: skip it
		// when no style sheet has such a rule.
		var media bool
		if err := tab.call(ctx, mediaOverflowJS, &media); err != nil {
			return err
		}
		if !media {
			p.Zoom = &checks.ZoomView{Viewport: checks.Size{W: zoomW, H: zoomH}}
			return nil
		}
	}
	restore, err := tab.resize(ctx, zoomW, zoomH)
	defer restore()
	if err != nil {
		return err
	}
	snap, err := chromedp.Call(ctx, domsnapshot.CaptureSnapshot, domsnapshot.CaptureSnapshotParams{
		ComputedStyles:  zoomStyles,
		IncludeDOMRects: new(true),
	})
	if err != nil {
		return err
	}
	p.Zoom = zoomView(&snap, backend, checks.Size{W: zoomW, H: zoomH})
	return nil
}

// clipsText reports whether the captured page has an element (html and
// body aside) with overflow hidden or clip and rendered text in it.
func clipsText(p *checks.Page) bool {
	clips := func(v string) bool { return v == "hidden" || v == "clip" }
	for _, n := range p.Nodes {
		if n.Type != checks.TextNode || n.Layout == nil || strings.TrimSpace(n.Text) == "" {
			continue
		}
		for e := n.ParentElement(); e != nil && !e.Is("body", "html"); e = e.ParentElement() {
			if clips(e.Style("overflow-x")) || clips(e.Style("overflow-y")) {
				return true
			}
		}
	}
	return false
}

// mediaOverflowJS reports whether a style sheet of the page has a rule
// setting overflow to hidden or clip inside a media or container query,
// or a style sheet it cannot read (from another origin): js/zoom.js.
var mediaOverflowJS = jsFunc("zoom.js", "overflowQueries")

// span is a stretch of one axis, lo to hi.
type span struct{ lo, hi float64 }

func (s span) len() float64 { return s.hi - s.lo }

func overlap(a, b span) span {
	return span{math.Max(a.lo, b.lo), math.Min(a.hi, b.hi)}
}

// zoomView works out, from the snapshot of the zoomed page, how the
// elements with overflow hidden or clip cut the text of the top
// document. Every text box of a text node is followed up its ancestors:
// an element with overflow hidden or clip cuts it to its padding box,
// one with overflow auto or scroll keeps it reachable within its own box
// (it can be scrolled into view), and an absolutely positioned or fixed
// element escapes the ancestors below its containing block.
func zoomView(snap *domsnapshot.CaptureSnapshotResult, backend map[cdp.BackendNodeID]int, viewport checks.Size) *checks.ZoomView {
	z := &checks.ZoomView{Viewport: viewport}
	if len(snap.Documents) == 0 || snap.Documents[0].Nodes == nil || snap.Documents[0].Layout == nil {
		return z
	}
	S, d := snap.Strings, snap.Documents[0]
	t, l := d.Nodes, d.Layout
	layoutOf := make([]int, len(t.NodeType))
	for i := range layoutOf {
		layoutOf[i] = -1
	}
	for k, ni := range l.NodeIndex {
		if int(ni) < len(layoutOf) && layoutOf[ni] < 0 {
			layoutOf[ni] = k
		}
	}
	style := func(node, prop int) string {
		k := layoutOf[node]
		if k < 0 || k >= len(l.Styles) || prop >= len(l.Styles[k]) {
			return ""
		}
		return str(S, domsnapshot.StringIndex(l.Styles[k][prop]))
	}
	parent := func(i int) int {
		if i < len(t.ParentIndex) {
			return int(t.ParentIndex[i])
		}
		return -1
	}
	index := func(i int) (int, bool) {
		if i >= len(t.BackendNodeID) {
			return 0, false
		}
		idx, ok := backend[t.BackendNodeID[i]]
		return idx, ok
	}
	// padding returns the padding box of an element: where its overflow
	// is clipped.
	padding := func(node int) (x, y span, ok bool) {
		k := layoutOf[node]
		if k < 0 || k >= len(l.Bounds) || k >= len(l.ClientRects) || len(l.Bounds[k]) < 4 || len(l.ClientRects[k]) < 4 {
			return x, y, false
		}
		b, c := l.Bounds[k], l.ClientRects[k]
		x = span{b[0] + c[0], b[0] + c[0] + c[2]}
		y = span{b[1] + c[1], b[1] + c[1] + c[3]}
		return x, y, true
	}
	texts := map[int][][2]span{} // text node -> its boxes (x, y)
	if tb := d.TextBoxes; tb != nil {
		for k, li := range tb.LayoutIndex {
			if int(li) >= len(l.NodeIndex) || k >= len(tb.Bounds) || len(tb.Bounds[k]) < 4 {
				continue
			}
			r := tb.Bounds[k]
			if r[2] <= 0 || r[3] <= 0 {
				continue
			}
			node := int(l.NodeIndex[li])
			texts[node] = append(texts[node], [2]span{{r[0], r[0] + r[2]}, {r[1], r[1] + r[3]}})
		}
	}
	boxes := map[int]*checks.ZoomBox{} // snapshot node -> box
	box := func(a int) *checks.ZoomBox {
		if b := boxes[a]; b != nil {
			return b
		}
		idx, ok := index(a)
		if !ok {
			return nil
		}
		x, y, _ := padding(a)
		b := &checks.ZoomBox{Node: idx, OverflowX: style(a, zsOverflowX), OverflowY: style(a, zsOverflowY),
			WhiteSpace: style(a, zsWhiteSpace), TextOverflow: style(a, zsTextOverflow), W: round2(x.len()), H: round2(y.len())}
		boxes[a] = b
		return b
	}
	for _, tn := range slices.Sorted(mapsKeys(texts)) {
		par := parent(tn)
		if par < 0 || t.NodeType[par] != int64(checks.ElementNode) {
			continue
		}
		if name := str(S, t.NodeName[par]); strings.ToUpper(name) != name {
			continue // SVG or MathML text
		}
		if v := style(par, zsVisibility); v == "hidden" || v == "collapse" {
			continue
		}
		rects := slices.Clone(texts[tn])
		gone := make([]bool, len(rects))
		var clips []checks.TextClip
		var clippers []int // snapshot nodes of the clips
		applicable := false
		abs, fixed := false, false
		for a := par; a >= 0 && t.NodeType[a] != int64(checks.DocumentNode); a = parent(a) {
			if t.NodeType[a] != int64(checks.ElementNode) {
				continue // a shadow root: go on to its host
			}
			pos, tr := style(a, zsPosition), style(a, zsTransform)
			transformed := tr != "" && tr != "none"
			clipsHere := true
			switch {
			case fixed && !transformed:
				clipsHere = false
			case fixed:
				fixed = false
			case abs && pos == "static" && !transformed:
				clipsHere = false
			case abs:
				abs = false
			}
			name := strings.ToLower(str(S, t.NodeName[a]))
			if clipsHere && name != "html" && name != "body" && layoutOf[a] >= 0 {
				px, py, ok := padding(a)
				for axis, ov := range []string{style(a, zsOverflowX), style(a, zsOverflowY)} {
					if !ok || ov == "" || ov == "visible" {
						continue
					}
					edge := px
					if axis == 1 {
						edge = py
					}
					if ov == "auto" || ov == "scroll" || ov == "overlay" {
						// Reachable by scrolling: the text stays within the box.
						for i := range rects {
							r := rects[i][axis]
							switch {
							case gone[i] || (r.lo >= edge.lo && r.hi <= edge.hi):
							case r.len() >= edge.len():
								rects[i][axis] = edge
							case r.lo < edge.lo:
								rects[i][axis] = span{edge.lo, edge.lo + r.len()}
							default:
								rects[i][axis] = span{edge.hi - r.len(), edge.hi}
							}
						}
						continue
					}
					// hidden or clip
					applicable = true
					c := checks.TextClip{Axis: "xy"[axis : axis+1]}
					for i := range rects {
						if gone[i] {
							continue
						}
						r := rects[i][axis]
						vis := overlap(r, edge)
						cut := r.len() - math.Max(vis.len(), 0)
						// Along a line (x), a few px are rounding; across
						// lines (y), a glyph's box often spills out of a
						// tight line-height by a little, and a line showing
						// a sliver of its box is as good as hidden.
						tol, sliver := 3.0, 1.0
						if axis == 1 {
							tol, sliver = math.Max(2, 0.15*r.len()), math.Max(1, 0.15*r.len())
						}
						if cut <= tol {
							continue
						}
						c.Cut = math.Max(c.Cut, round2(cut))
						if vis.len() < sliver {
							c.Hidden++
							gone[i] = true
							continue
						}
						c.Partial++
						rects[i][axis] = vis
					}
					if c.Hidden+c.Partial > 0 {
						clips = append(clips, c)
						clippers = append(clippers, a)
					}
				}
			}
			switch pos {
			case "absolute":
				if !fixed {
					abs = true
				}
			case "fixed":
				fixed, abs = true, false
			}
		}
		// Visible: some of it is left, at least 2 px each way, where the
		// page can be scrolled to (not at negative coordinates).
		visible := false
		for i, r := range rects {
			if !gone[i] && r[0].hi > 0 && r[1].hi > 0 && r[0].len() >= 2 && r[1].len() >= 2 {
				visible = true
			}
		}
		if !visible {
			for k, c := range clips {
				if c.Partial > 0 {
					continue
				}
				if b := box(clippers[k]); b != nil {
					if c.Axis == "x" {
						b.HiddenX++
					} else {
						b.HiddenY++
					}
				}
			}
			continue
		}
		if !applicable {
			continue
		}
		idx, ok := index(tn)
		if !ok {
			continue // added after the page was captured
		}
		zt := checks.ZoomText{Node: idx, Lines: len(rects)}
		for _, r := range texts[tn] {
			zt.LineH = math.Max(zt.LineH, round2(r[1].len()))
		}
		for k, c := range clips {
			b := box(clippers[k])
			if b == nil {
				continue
			}
			c.Box = b.Node
			zt.Clips = append(zt.Clips, c)
		}
		z.Texts = append(z.Texts, zt)
	}
	for _, a := range slices.Sorted(mapsKeys(boxes)) {
		z.Boxes = append(z.Boxes, *boxes[a])
	}
	return z
}

func mapsKeys[V any](m map[int]V) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
