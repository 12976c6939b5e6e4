package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// Styles are the computed style properties captured for every rendered
// node. Rules read them through Node.Style.
var Styles = []string{
	"display", "visibility", "opacity", "position", "z-index", "overflow-x", "overflow-y",
	"color", "background-color", "background-image", "background-clip",
	"font-size", "font-weight", "font-style", "font-family", "line-height", "letter-spacing", "word-spacing",
	"text-decoration-line", "text-align", "text-transform", "text-shadow", "text-indent", "white-space",
	"outline-style", "outline-width", "outline-color", "outline-offset", "box-shadow",
	"border-top-width", "border-top-style", "border-top-color", "border-bottom-width", "border-bottom-style", "border-bottom-color",
	"transform", "clip", "clip-path", "filter", "mix-blend-mode", "pointer-events", "cursor",
	"width", "height", "min-height", "max-height", "content", "direction",
}

// capture takes the DOM snapshot and the accessibility tree, builds the
// page model and runs the live probes. Screenshots come later, after the
// rules ran (Tab.Check), and only of what they reported.
//
// In a crawl that reuses an earlier audit's results (Tab.reuse), it
// first takes a snapshot without computed styles, which is enough for
// the render hash (fingerprint.go) and for the links, and much cheaper:
// a page found unchanged goes no further. Otherwise the render hash, when
// asked for, is that of the full snapshot (the same, as computed styles
// are not hashed).
func (t *Tab) capture(ctx, opCtx context.Context, p *checks.Page) error {
	b := t.b
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	t0 := time.Now()
	cpu := b.cpuMeter(ctx)
	c0 := cpu.now()
	hashed := false
	// settled waits the rest of the quiet after a load whose wait was
	// cut short (load, earlySettle).
	settled := func() error {
		if t.early.IsZero() {
			return nil
		}
		early := t.early
		t.early = time.Time{}
		return t.st.quiet(opCtx, b.opts.Settle, 2*time.Second-time.Since(early))
	}
	for early := !t.early.IsZero(); t.hash && t.reuse != nil; early = false {
		snap, err := chromedp.Call(opCtx, domsnapshot.CaptureSnapshot, domsnapshot.CaptureSnapshotParams{ComputedStyles: []string{}})
		if err != nil {
			return b.hungOr(ctx, err, "take the DOM snapshot")
		}
		tSnap, cSnap := time.Now(), cpu.now()
		if err := t.readLayout(ctx, opCtx, p); err != nil {
			return err
		}
		// A page that fitSize would cut is hashed once cut, below (a
		// snapshot counts at least the elements sizeCount does).
		if elements(&snap) > hugeElements {
			break
		}
		hashed = true
		if t.hashPage(opCtx, p, &snap) {
			tHash, cHash := time.Now(), cpu.now()
			if err := t.reused(p, &snap); err != nil {
				return err
			}
			b.opts.Log.Debug("unchanged: results reused", "url", p.URL, "early", early, "snapshot", ms(tSnap.Sub(t0)), "hash", ms(tHash.Sub(tSnap)), "model", ms(time.Since(tHash)),
				"cpu snapshot", ms(cSnap-c0), "cpu hash", ms(cHash-cSnap), "cpu model", cpu.since(cHash))
			return nil
		}
		if !early {
			break
		}
		// Hashed after a short quiet (load): wait the rest of the
		// quiet, as a first audit does, and hash the page again. A page
		// that fetched more meanwhile may be found unchanged now.
		if err := settled(); err != nil {
			return err
		}
		t0, c0 = time.Now(), cpu.now()
	}
	if err := settled(); err != nil {
		return err
	}
	tSince, cSince := time.Now(), cpu.now()
	skip, err := t.fitSize(opCtx, p)
	if err != nil {
		return b.hungOr(ctx, err, "count the page's elements")
	}
	tSize, cSize := time.Now(), cpu.now()
	snap, err := chromedp.Call(opCtx, domsnapshot.CaptureSnapshot, domsnapshot.CaptureSnapshotParams{
		ComputedStyles:    Styles,
		IncludePaintOrder: new(true),
	})
	if err != nil {
		return b.hungOr(ctx, err, "take the DOM snapshot")
	}
	tSnap, cSnap := time.Now(), cpu.now()
	if !hashed || p.Cut {
		if err := t.readLayout(ctx, opCtx, p); err != nil {
			return err
		}
	}
	if t.hash && !hashed {
		if t.hashPage(opCtx, p, &snap) {
			if err := t.reused(p, &snap); err != nil {
				return err
			}
			b.opts.Log.Debug("unchanged: results reused", "url", p.URL, "size", ms(tSize.Sub(tSince)), "snapshot", ms(tSnap.Sub(tSize)), "hash", ms(time.Since(tSnap)))
			return nil
		}
	}
	tHash, cHash := time.Now(), cpu.now()
	ax, err := b.axTrees(opCtx, &snap)
	if err != nil {
		return b.hungOr(ctx, err, "read the accessibility tree")
	}
	tAX, cAX := time.Now(), cpu.now()
	backend, err := buildPage(p, &snap, ax)
	if err != nil {
		return err
	}
	if err := p.Build(); err != nil {
		return err
	}
	tBuild, cBuild := time.Now(), cpu.now()
	t.backend = backend
	t.probe(opCtx, p, backend, skip)
	b.opts.Log.Debug("capture steps", "url", p.URL, "since", ms(tSince.Sub(t0)), "size", ms(tSize.Sub(tSince)), "snapshot", ms(tSnap.Sub(tSize)), "hash", ms(tHash.Sub(tSnap)), "ax", ms(tAX.Sub(tHash)),
		"model", ms(tBuild.Sub(tAX)), "probes", ms(time.Since(tBuild)),
		"cpu since", ms(cSince-c0), "cpu size", ms(cSize-cSince), "cpu snapshot", ms(cSnap-cSize), "cpu hash", ms(cHash-cSnap), "cpu ax", ms(cAX-cHash), "cpu model", ms(cBuild-cAX), "cpu probes", cpu.since(cBuild))
	return nil
}

// readLayout reads the page's viewport and content size into p.
func (t *Tab) readLayout(ctx, opCtx context.Context, p *checks.Page) error {
	metrics, err := chromedp.Call(opCtx, page.GetLayoutMetrics, cdp.Empty{})
	if err != nil {
		return t.b.hungOr(ctx, err, "read the page's size")
	}
	if v := metrics.CSSLayoutViewport; v != nil {
		p.Viewport = checks.Size{W: float64(v.ClientWidth), H: float64(v.ClientHeight)}
	}
	if c := metrics.CSSContentSize; c != nil {
		p.Content = checks.Size{W: c.Width, H: c.Height}
	}
	return nil
}

// hashPage sets p's render hash from snap, and reports whether the crawl
// reuses the earlier results of the page.
func (t *Tab) hashPage(ctx context.Context, p *checks.Page, snap *domsnapshot.CaptureSnapshotResult) bool {
	var why string
	p.RenderHash, why = t.renderHash(ctx, p, snap)
	if why != "" {
		t.b.opts.Log.Debug("no render hash: the page will be audited", "url", p.URL, "why", why)
	}
	return p.RenderHash != "" && t.reuse != nil && t.reuse(p.URL, p.RenderHash)
}

// reused marks p as unchanged since the audit the crawl reuses: its page
// model is built from snap for its links only, without the accessibility
// tree or the probes.
func (t *Tab) reused(p *checks.Page, snap *domsnapshot.CaptureSnapshotResult) error {
	p.Reused = true
	if _, err := buildPage(p, snap, nil); err != nil {
		return err
	}
	return p.Build()
}

// elements counts the element nodes of the snapshot's top document
// (shadow trees and pseudo-elements included).
func elements(snap *domsnapshot.CaptureSnapshotResult) int {
	if len(snap.Documents) == 0 || snap.Documents[0].Nodes == nil {
		return 0
	}
	n := 0
	for _, ty := range snap.Documents[0].Nodes.NodeType {
		if ty == int64(checks.ElementNode) {
			n++
		}
	}
	return n
}

func (b *Browser) hungOr(ctx context.Context, err error, what string) error {
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		return pageErr(KindHung, "the page did not respond while saavu tried to %s within %s (its scripts keep the browser busy); it could not be audited", what, b.opts.PageTimeout)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// axTrees reads the accessibility tree of every captured document, keyed by
// the DOM node's backend id.
func (b *Browser) axTrees(ctx context.Context, snap *domsnapshot.CaptureSnapshotResult) (map[cdp.BackendNodeID]*accessibility.Node, error) {
	out := map[cdp.BackendNodeID]*accessibility.Node{}
	for i, d := range snap.Documents {
		params := accessibility.GetFullAXTreeParams{}
		if i > 0 {
			params.FrameID = cdp.FrameID(str(snap.Strings, d.FrameID))
			if params.FrameID == "" {
				continue
			}
		}
		res, err := chromedp.Call(ctx, accessibility.GetFullAXTree, params)
		if err != nil {
			if i == 0 {
				return nil, err
			}
			continue // an iframe from another process: not reachable from this target
		}
		for _, n := range res.Nodes {
			if n.BackendDOMNodeID == 0 {
				continue
			}
			if prev, ok := out[n.BackendDOMNodeID]; ok && !prev.Ignored {
				continue
			}
			out[n.BackendDOMNodeID] = n
		}
	}
	return out, nil
}

func str(strs []string, i domsnapshot.StringIndex) string {
	if i < 0 || int(i) >= len(strs) {
		return ""
	}
	return strs[i]
}

// buildPage turns Chrome's DOM snapshot into the node table of p. It
// returns the index in p.Nodes of each captured node's backend id, for the
// probes.
func buildPage(p *checks.Page, snap *domsnapshot.CaptureSnapshotResult, ax map[cdp.BackendNodeID]*accessibility.Node) (map[cdp.BackendNodeID]int, error) {
	if len(snap.Documents) == 0 || snap.Documents[0].Nodes == nil {
		return nil, errors.New("the DOM snapshot is empty")
	}
	S := snap.Strings
	// Global index of each document's first node.
	offsets := make([]int, len(snap.Documents))
	total := 0
	for i, d := range snap.Documents {
		offsets[i] = total
		if d.Nodes != nil {
			total += len(d.Nodes.NodeType)
		}
	}
	nodes := make([]*checks.Node, total)
	backendIDs := make([]cdp.BackendNodeID, total)
	skip := make([]bool, total)        // pseudo-elements
	hitArea := make([]bool, total)     // ::before and ::after, whose boxes are their element's (Layout.Pseudo)
	owner := map[int]int{}             // document index -> global index of its iframe element
	foreign := map[*checks.Node]bool{} // elements whose tag name is not upper case
	for di, d := range snap.Documents {
		t := d.Nodes
		if t == nil {
			continue
		}
		off := offsets[di]
		rare := func(r *domsnapshot.RareStringData) map[int]string {
			m := map[int]string{}
			if r != nil {
				for k, idx := range r.Index {
					m[int(idx)] = str(S, r.Value[k])
				}
			}
			return m
		}
		pseudo, shadow := rare(t.PseudoType), rare(t.ShadowRootType)
		inputValue, textValue := rare(t.InputValue), rare(t.TextValue)
		checked := map[int]bool{}
		if t.InputChecked != nil {
			for _, idx := range t.InputChecked.Index {
				checked[int(idx)] = true
			}
		}
		if t.ContentDocumentIndex != nil {
			for k, idx := range t.ContentDocumentIndex.Index {
				owner[int(t.ContentDocumentIndex.Value[k])] = off + int(idx)
			}
		}
		for j := range t.NodeType {
			g := off + j
			n := &checks.Node{Type: checks.NodeType(t.NodeType[j]), Parent: -1}
			if di > 0 {
				n.Frame = off
			}
			if pseudo[j] != "" {
				skip[g] = true
				hitArea[g] = pseudo[j] == "before" || pseudo[j] == "after"
			}
			name := str(S, t.NodeName[j])
			switch n.Type {
			case checks.ElementNode:
				n.Name = name
				if strings.ToUpper(name) == name {
					n.Name = strings.ToLower(name)
				} else {
					foreign[n] = true
				}
				if j < len(t.Attributes) {
					a := t.Attributes[j]
					for k := 0; k+1 < len(a); k += 2 {
						n.Attrs = append(n.Attrs, checks.Attr{Name: str(S, domsnapshot.StringIndex(a[k])), Value: str(S, domsnapshot.StringIndex(a[k+1]))})
					}
				}
				n.Value = inputValue[j] + textValue[j]
				n.Checked = checked[j]
			case checks.TextNode, checks.CommentNode:
				n.Name = name
				n.Text = str(S, t.NodeValue[j])
			default:
				n.Name = name
			}
			n.Shadow = shadow[j]
			if j < len(t.ParentIndex) && t.ParentIndex[j] >= 0 {
				n.Parent = off + int(t.ParentIndex[j])
			}
			if j < len(t.BackendNodeID) {
				backendIDs[g] = t.BackendNodeID[j]
				if a := ax[t.BackendNodeID[j]]; a != nil {
					n.AX = axInfo(a)
				}
			}
			nodes[g] = n
		}
		if l := d.Layout; l != nil {
			for k, ni := range l.NodeIndex {
				g := off + int(ni)
				if g >= total || nodes[g].Layout != nil {
					continue
				}
				lay := &checks.Layout{}
				if k < len(l.Bounds) {
					lay.Box = rect(l.Bounds[k])
				}
				if k < len(l.Styles) && len(l.Styles[k]) > 0 {
					lay.Style = make(map[string]string, len(Styles))
					for si, v := range l.Styles[k] {
						if si < len(Styles) {
							if s := str(S, domsnapshot.StringIndex(v)); s != "" {
								lay.Style[Styles[si]] = s
							}
						}
					}
				}
				if k < len(l.PaintOrders) {
					lay.Paint = int(l.PaintOrders[k])
				}
				nodes[g].Layout = lay
			}
			if tb := d.TextBoxes; tb != nil {
				for k, li := range tb.LayoutIndex {
					if int(li) >= len(l.NodeIndex) || k >= len(tb.Bounds) {
						continue
					}
					g := off + int(l.NodeIndex[li])
					if lay := nodes[g].Layout; lay != nil {
						lay.TextBoxes = append(lay.TextBoxes, rect(tb.Bounds[k]))
					}
				}
			}
		}
	}
	// The boxes of ::before and ::after go to their element: they take
	// its clicks (a link's ::after stretched over a card makes the card
	// the link's target).
	for g, n := range nodes {
		if !hitArea[g] || n.Layout == nil || n.Layout.Box.Empty() || n.Parent < 0 {
			continue
		}
		if el := nodes[n.Parent].Layout; el != nil {
			el.Pseudo = append(el.Pseudo, n.Layout.Box)
		}
	}
	// Attach iframe documents to their iframe elements.
	for di := 1; di < len(snap.Documents); di++ {
		if o, ok := owner[di]; ok {
			nodes[offsets[di]].Parent = o
		}
	}
	// Drop pseudo-elements and what hangs off nothing (the document of an
	// iframe that is not rendered, e.g. unslotted in a shadow host), with
	// their subtrees, and renumber. Parents come before their children.
	newIndex := make([]int, total)
	var kept []*checks.Node
	for g, n := range nodes {
		if skip[g] || (g > 0 && n.Parent < 0) || (n.Parent >= 0 && (n.Parent >= g || newIndex[n.Parent] < 0)) {
			newIndex[g] = -1
			continue
		}
		newIndex[g] = len(kept)
		kept = append(kept, n)
	}
	for g, n := range nodes {
		if newIndex[g] < 0 {
			continue
		}
		if n.Parent >= 0 {
			n.Parent = newIndex[n.Parent]
			if n.Parent < 0 {
				return nil, fmt.Errorf("DOM snapshot: node %d has a dropped parent", g)
			}
		}
		if n.Frame > 0 {
			n.Frame = newIndex[n.Frame]
		}
	}
	// Namespaces: foreign elements (SVG, MathML) keep the case of their tag
	// name, HTML elements of HTML documents are upper case. An svg or math
	// element starts a foreign subtree; HTML resumes inside foreignObject.
	for _, n := range kept {
		if n.Type != checks.ElementNode || !foreign[n] {
			continue
		}
		switch {
		case n.Name == "svg":
			n.Namespace = "svg"
		case n.Name == "math":
			n.Namespace = "math"
		case n.Parent >= 0 && kept[n.Parent].Namespace != "" && kept[n.Parent].Name != "foreignObject":
			n.Namespace = kept[n.Parent].Namespace
		}
	}
	// Children in document order: the snapshot lists nodes in tree order,
	// except that iframe documents follow their whole parent document.
	for i, n := range kept {
		if n.Parent >= 0 {
			kept[n.Parent].Children = append(kept[n.Parent].Children, i)
		}
	}
	p.Nodes = kept
	p.Notes = append(p.Notes, framesNotCaptured(kept, nodes, owner)...)
	if p.Title == "" {
		p.Title = str(S, snap.Documents[0].Title)
	}
	backend := make(map[cdp.BackendNodeID]int, len(kept))
	for g, id := range backendIDs {
		if id != 0 && newIndex[g] >= 0 {
			backend[id] = newIndex[g]
		}
	}
	return backend, nil
}

// framesNotCaptured names the rendered frames whose document the snapshot
// does not hold: their content ran in another renderer (a Chrome started
// by saavu keeps cross-origin frames in the page's renderer; one given by
// --browser-url may not), so no rule saw it.
func framesNotCaptured(kept, nodes []*checks.Node, owner map[int]int) []string {
	withDoc := map[*checks.Node]bool{}
	for _, g := range owner {
		withDoc[nodes[g]] = true
	}
	var notes []string
	for _, n := range kept {
		if n.Type != checks.ElementNode || n.Namespace != "" || (n.Name != "iframe" && n.Name != "frame") || n.Layout == nil || withDoc[n] {
			continue
		}
		if len(notes) == 5 {
			notes = append(notes, "More frames were not captured either.")
			break
		}
		notes = append(notes, fmt.Sprintf("The content of a frame (%s) could not be captured, as it ran in another browser process; no rule checked it. Audit its address on its own.", n.AttrOr("src", "no src")))
	}
	return notes
}

func rect(r domsnapshot.Rectangle) checks.Rect {
	if len(r) < 4 {
		return checks.Rect{}
	}
	return checks.Rect{X: round2(r[0]), Y: round2(r[1]), W: round2(r[2]), H: round2(r[3])}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func axInfo(a *accessibility.Node) *checks.AX {
	info := &checks.AX{Ignored: a.Ignored, Role: axString(a.Role), Name: axString(a.Name), Description: axString(a.Description)}
	if a.Name != nil {
		for _, s := range a.Name.Sources {
			if s.Value != nil && !s.Superseded && axString(s.Value) != "" {
				info.NameFrom = string(s.Type)
				if s.Attribute != "" {
					info.NameFrom = s.Attribute
				}
				break
			}
		}
	}
	if len(a.Properties) > 0 {
		info.Props = map[string]string{}
		for _, pr := range a.Properties {
			info.Props[string(pr.Name)] = axString(pr.Value)
		}
	}
	return info
}

// axString renders an AX value as text: strings without quotes, other JSON
// values as written.
func axString(v *accessibility.Value) string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err == nil {
		return s
	}
	return string(v.Value)
}
