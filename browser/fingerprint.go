package browser

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// A page's render hash (checks.Page.RenderHash) stands for everything
// the rules read of it: when two loads of a page have the same hash, the
// rules would give the same results, so a crawl --since an earlier one
// reuses that one's results (docs/crawl.md, --since). It is the SHA-256
// of
//
//   - the page's address, status and media type, and the viewport;
//   - the DOM snapshot of the page (every document of the page,
//     same-origin frames and shadow trees included), without computed
//     styles: the nodes, their names, values, attributes and the rest of
//     what DOMSnapshot.captureSnapshot gives of them, the layout boxes and
//     the text boxes, each string as itself rather than as its index in
//     the snapshot's string table (so that the snapshot the audit takes,
//     with computed styles, and the one a re-crawl takes, without, give
//     the same hash), and without the ids Chrome makes up for each load
//     (backend node ids, frame ids);
//   - the body of every response the page loaded, the document itself
//     included (stylesheets, scripts, images, fonts, frames, fetches),
//     each as "URL status sha256(body)", sorted, read with
//     Network.getResponseBody once the page is quiet (304, a body
//     revalidated in Chrome's cache, counts as 200). A request that
//     failed counts as "URL failed reason".
//
// The computed styles are left out because they follow from what is
// hashed: the markup, the attributes (style= included), the text of
// <style> elements and the bodies of the stylesheets, fonts and scripts
// (and Chrome's version, which the crawl compares before it reuses
// anything). Leaving them out makes the snapshot of a re-crawl about half
// as costly. What a script changes in the styles alone on each load (a
// colour drawn at random into a stylesheet with insertRule) is not seen.
// A body already read in the run is not read again (bodyCache).
//
// Two exceptions, which depend on what Chrome did before rather than on
// the page:
//
//   - an <img loading=lazy> outside the viewport is loaded at once when
//     Chrome has its image in memory (another page of the crawl showed
//     it), else only when scrolled to. Such images count by their
//     attributes and layout box only: neither their current source nor
//     their image's body is hashed (an image whose address is also the
//     current source of another, eager or visible, image is hashed);
//   - the tab's icon (/favicon.ico or a <link rel=icon>), which Chrome
//     fetches for some pages only (once per icon), and no rule reads.
//
// There is none ("") when a request was still in flight, or a body could
// not be read (Chrome dropped it from its buffer): such a page is always
// audited.

// resource is one request of the page, as the Network events tell it.
type resource struct {
	url    string
	typ    network.ResourceType
	status int64
	done   bool   // loadingFinished
	failed string // loadingFailed's error text

	// What tells the body without reading it again (bodyCache):
	cached bool   // served from Chrome's cache (memory, disk or prefetch)
	stamp  string // the response's address and time (when Chrome received it from the server)
	etag   string // its strong ETag, if any
}

// track follows the requests of the page for its render hash; called
// under s.mu from listen.
func (s *navState) track(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			s.resources[ev.RequestID] = &resource{url: ev.Request.URL, typ: ev.Type}
		}
	case *network.EventRequestServedFromCache:
		if r := s.resources[ev.RequestID]; r != nil {
			r.cached = true
		}
	case *network.EventResponseReceived:
		if r := s.resources[ev.RequestID]; r != nil && ev.Response != nil {
			rs := ev.Response
			r.url, r.status = rs.URL, rs.Status
			r.cached = r.cached || rs.FromDiskCache || rs.FromPrefetchCache
			if rs.ResponseTime > 0 {
				r.stamp = fmt.Sprintf("%s %v", rs.URL, float64(rs.ResponseTime))
			}
			r.etag = strongETag(rs.Headers)
		}
	case *network.EventLoadingFinished:
		if r := s.resources[ev.RequestID]; r != nil {
			r.done = true
		}
	case *network.EventLoadingFailed:
		if r := s.resources[ev.RequestID]; r != nil {
			r.failed = ev.ErrorText
			if ev.Canceled {
				r.failed = "canceled"
			}
		}
	}
}

// bodyCache holds the SHA-256 of the response bodies a run read for the
// render hashes, so that the pages of a site do not read its
// stylesheets, scripts and images again and again. A body is taken from
// it only when it is known to be the same as one read before:
//
//   - Chrome served the response from its cache, and a response of the
//     same address received from the server at the same time (to the
//     microsecond: Chrome's cache keeps that time) was read before: the
//     cached response is that one;
//   - or the response has the same address and strong ETag as one read
//     before (HTTP: a strong validator changes with the body).
//
// Only whole bodies (status 200) are kept. Otherwise the body is read.
type bodyCache struct {
	mu sync.Mutex
	m  map[string][32]byte
}

// maxBodies bounds a bodyCache: it is emptied when full.
const maxBodies = 20_000

func (c *bodyCache) get(keys []string) ([32]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if sum, ok := c.m[k]; ok {
			return sum, true
		}
	}
	return [32]byte{}, false
}

func (c *bodyCache) put(keys []string, sum [32]byte) {
	if len(keys) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxBodies {
		c.m = map[string][32]byte{}
	}
	for _, k := range keys {
		c.m[k] = sum
	}
}

// bodyKeys returns the keys under which the body of r, whose status
// counts as status, is kept in a bodyCache, and those under which it may
// be found there (see bodyCache).
func (r *resource) bodyKeys(status int64) (put, get []string) {
	if status != 200 {
		return nil, nil
	}
	if r.stamp != "" {
		k := "received " + r.stamp
		put = append(put, k)
		if r.cached {
			get = append(get, k)
		}
	}
	if r.etag != "" {
		k := "etag " + r.url + " " + r.etag
		put, get = append(put, k), append(get, k)
	}
	return put, get
}

// strongETag returns the ETag of the response headers h, "" when there
// is none or it is weak (W/).
func strongETag(h network.Headers) string {
	for k, v := range h {
		if strings.EqualFold(k, "etag") {
			if s, ok := v.(string); ok && strings.HasPrefix(strings.TrimSpace(s), `"`) {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// renderHash computes the page's render hash from a DOM snapshot of it
// (with or without computed styles: they are not hashed) and the bodies
// of its responses; "" and why when there is none. p.Viewport must be
// set.
func (t *Tab) renderHash(ctx context.Context, p *checks.Page, snap *domsnapshot.CaptureSnapshotResult) (string, string) {
	if f := outOfProcessFrame(snap); f != "" {
		return "", "a frame whose content is not in the page's snapshot (another process: its requests are not seen): " + f
	}
	lazyNodes, lazy := offscreenLazy(snap, p.Viewport)
	icons := pageIcons(snap)
	st := t.st
	st.mu.Lock()
	ids := make([]network.RequestID, 0, len(st.resources))
	res := make([]resource, 0, len(st.resources))
	for id, r := range st.resources {
		ids = append(ids, id)
		res = append(res, *r)
	}
	st.mu.Unlock()
	var lines []string
	for i, r := range res {
		switch {
		case r.failed != "":
			lines = append(lines, r.url+" failed "+r.failed)
		case !r.done:
			return "", "a request was still in flight: " + r.url
		case r.typ == network.ResourceTypeImage && lazy[r.url]:
			// an offscreen lazy image's: see above
		case r.typ == network.ResourceTypeOther && icons[r.url]:
			// the tab's icon: see above
		case strings.HasPrefix(r.url, "data:"):
			lines = append(lines, fmt.Sprintf("%x", sha256.Sum256([]byte(r.url))))
		default:
			status := r.status
			if status == 304 { // revalidated: the body is the cached one
				status = 200
			}
			put, get := r.bodyKeys(status)
			sum, ok := t.b.bodies.get(get)
			if !ok {
				body, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: ids[i]})
				if err != nil {
					if r.status >= 300 && r.status < 400 || r.status == 204 {
						lines = append(lines, fmt.Sprintf("%s %d", r.url, r.status))
						continue
					}
					return "", fmt.Sprintf("the body of %s could not be read: %v", r.url, err)
				}
				sum = sha256.Sum256(body.Body)
				t.b.bodies.put(put, sum)
			}
			lines = append(lines, fmt.Sprintf("%s %d %x", r.url, status, sum))
		}
	}
	slices.Sort(lines)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%s\n%gx%g\n", p.URL, p.FinalURL, p.Status, p.ContentType, p.Viewport.W, p.Viewport.H)
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	hashSnapshot(h, snap, lazyNodes)
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), ""
}

// offscreenLazy finds the <img loading=lazy> elements of snap outside the
// viewport vp (or not laid out): it returns their node indexes, by
// document, and their current sources, less those that are the current
// source of another element too.
func offscreenLazy(snap *domsnapshot.CaptureSnapshotResult, vp checks.Size) (map[int]map[int64]bool, map[string]bool) {
	S := snap.Strings
	nodes := map[int]map[int64]bool{}
	lazy, other := map[string]bool{}, map[string]bool{}
	for di, d := range snap.Documents {
		t := d.Nodes
		if t == nil || t.CurrentSourceURL == nil {
			continue
		}
		boxes := map[int64]domsnapshot.Rectangle{}
		if l := d.Layout; l != nil {
			for k, ni := range l.NodeIndex {
				if _, ok := boxes[ni]; !ok && k < len(l.Bounds) {
					boxes[ni] = l.Bounds[k]
				}
			}
		}
		// The viewport, in the document's coordinates (for a frame's
		// document, as if it were the top one: a frame's image may then
		// count as offscreen when it is not, which costs the coverage of
		// its body, not a wrong reuse).
		x0, y0 := 0.0, 0.0
		if di == 0 {
			x0, y0 = d.ScrollOffsetX, d.ScrollOffsetY
		}
		c := t.CurrentSourceURL
		for k, ni := range c.Index {
			src := ""
			if k < len(c.Value) {
				src = str(S, c.Value[k])
			}
			if isLazyImg(S, t, int(ni)) && !inView(boxes[ni], x0, y0, vp) {
				if nodes[di] == nil {
					nodes[di] = map[int64]bool{}
				}
				nodes[di][ni] = true
				if src != "" {
					lazy[src] = true
				}
			} else if src != "" {
				other[src] = true
			}
		}
	}
	for src := range other {
		delete(lazy, src)
	}
	return nodes, lazy
}

// pageIcons returns the addresses Chrome may fetch the tab's icon from:
// /favicon.ico of the top document's origin, and the href of its <link
// rel=icon> elements.
func pageIcons(snap *domsnapshot.CaptureSnapshotResult) map[string]bool {
	icons := map[string]bool{}
	if len(snap.Documents) == 0 || snap.Documents[0].Nodes == nil {
		return icons
	}
	S, d := snap.Strings, snap.Documents[0]
	base, err := url.Parse(str(S, d.BaseURL))
	if err != nil {
		return icons
	}
	if u, err := base.Parse("/favicon.ico"); err == nil {
		icons[u.String()] = true
	}
	t := d.Nodes
	for i, name := range t.NodeName {
		if !strings.EqualFold(str(S, name), "link") || i >= len(t.Attributes) {
			continue
		}
		var rel, href string
		a := t.Attributes[i]
		for k := 0; k+1 < len(a); k += 2 {
			switch strings.ToLower(str(S, domsnapshot.StringIndex(a[k]))) {
			case "rel":
				rel = str(S, domsnapshot.StringIndex(a[k+1]))
			case "href":
				href = str(S, domsnapshot.StringIndex(a[k+1]))
			}
		}
		if slices.ContainsFunc(strings.Fields(rel), func(r string) bool { return strings.EqualFold(r, "icon") }) {
			if u, err := base.Parse(strings.TrimSpace(href)); err == nil {
				icons[u.String()] = true
			}
		}
	}
	return icons
}

// isLazyImg tells whether node i of t is an img element with
// loading=lazy.
func isLazyImg(S []string, t *domsnapshot.NodeTreeSnapshot, i int) bool {
	if i >= len(t.NodeName) || !strings.EqualFold(str(S, t.NodeName[i]), "img") || i >= len(t.Attributes) {
		return false
	}
	a := t.Attributes[i]
	for k := 0; k+1 < len(a); k += 2 {
		if strings.EqualFold(str(S, domsnapshot.StringIndex(a[k])), "loading") {
			return strings.EqualFold(strings.TrimSpace(str(S, domsnapshot.StringIndex(a[k+1]))), "lazy")
		}
	}
	return false
}

// inView tells whether the box r (x, y, width, height) meets the
// viewport of size vp scrolled to (x0, y0); a box of no size counts by
// its corner. No box (not laid out) is not in view.
func inView(r domsnapshot.Rectangle, x0, y0 float64, vp checks.Size) bool {
	if len(r) < 4 {
		return false
	}
	return r[0] <= x0+vp.W && r[0]+r[2] >= x0 && r[1] <= y0+vp.H && r[1]+r[3] >= y0
}

// canon writes the canonical form of a DOM snapshot to a hash: each
// value tagged and length-prefixed, each string as itself.
type canon struct {
	w   *bufio.Writer
	s   []string
	buf [binary.MaxVarintLen64]byte
}

func (c *canon) int(v int64) {
	n := binary.PutVarint(c.buf[:], v)
	c.w.Write(c.buf[:n])
}

func (c *canon) float(f float64) {
	n := binary.PutUvarint(c.buf[:], math.Float64bits(f))
	c.w.Write(c.buf[:n])
}

// tag starts a field: its name, and how many values follow.
func (c *canon) tag(name string, n int) {
	c.w.WriteString(name)
	c.int(int64(n))
}

func (c *canon) str(i domsnapshot.StringIndex) {
	if i < 0 || int(i) >= len(c.s) {
		c.int(-1)
		return
	}
	c.int(int64(len(c.s[i])))
	c.w.WriteString(c.s[i])
}

func (c *canon) ints(name string, v []int64) {
	c.tag(name, len(v))
	for _, x := range v {
		c.int(x)
	}
}

func (c *canon) strs(name string, v []domsnapshot.StringIndex) {
	c.tag(name, len(v))
	for _, x := range v {
		c.str(x)
	}
}

func (c *canon) rects(name string, v []domsnapshot.Rectangle) {
	c.tag(name, len(v))
	for _, r := range v {
		c.int(int64(len(r)))
		for _, f := range r {
			c.float(f)
		}
	}
}

// rare writes rare string data, with the value of the nodes in skip
// left out (their index is kept).
func (c *canon) rare(name string, r *domsnapshot.RareStringData, skip map[int64]bool) {
	if r == nil {
		c.tag(name, -1)
		return
	}
	c.ints(name, r.Index)
	c.tag(name, len(r.Value))
	for k, v := range r.Value {
		if k < len(r.Index) && skip[r.Index[k]] {
			c.int(-2)
			continue
		}
		c.str(v)
	}
}

func (c *canon) bools(name string, r *domsnapshot.RareBooleanData) {
	if r == nil {
		c.tag(name, -1)
		return
	}
	c.ints(name, r.Index)
}

// hashSnapshot writes the canonical form of snap to h: what the render
// hash counts of it (see above), without the current source of the
// nodes in lazy (by document, see offscreenLazy).
func hashSnapshot(h hash.Hash, snap *domsnapshot.CaptureSnapshotResult, lazy map[int]map[int64]bool) {
	c := &canon{w: bufio.NewWriterSize(h, 64<<10), s: snap.Strings}
	c.tag("documents", len(snap.Documents))
	for di, d := range snap.Documents {
		c.tag("document", 7)
		for _, s := range []domsnapshot.StringIndex{d.DocumentURL, d.Title, d.BaseURL, d.ContentLanguage, d.EncodingName, d.PublicID, d.SystemID} {
			c.str(s)
		}
		c.tag("offsets", 4)
		for _, f := range []float64{d.ScrollOffsetX, d.ScrollOffsetY, d.ContentWidth, d.ContentHeight} {
			c.float(f)
		}
		if n := d.Nodes; n != nil {
			c.ints("parentIndex", n.ParentIndex)
			c.ints("nodeType", n.NodeType)
			c.rare("shadowRootType", n.ShadowRootType, nil)
			c.strs("nodeName", n.NodeName)
			c.strs("nodeValue", n.NodeValue)
			c.tag("attributes", len(n.Attributes))
			for _, a := range n.Attributes {
				c.tag("", len(a))
				for _, s := range a {
					c.str(domsnapshot.StringIndex(s))
				}
			}
			c.rare("textValue", n.TextValue, nil)
			c.rare("inputValue", n.InputValue, nil)
			c.bools("inputChecked", n.InputChecked)
			c.bools("optionSelected", n.OptionSelected)
			if r := n.ContentDocumentIndex; r != nil {
				c.ints("contentDocumentIndex", r.Index)
				c.ints("contentDocumentIndex", r.Value)
			} else {
				c.tag("contentDocumentIndex", -1)
			}
			c.rare("pseudoType", n.PseudoType, nil)
			c.rare("pseudoIdentifier", n.PseudoIdentifier, nil)
			c.bools("isClickable", n.IsClickable)
			c.rare("currentSourceURL", n.CurrentSourceURL, lazy[di])
			c.rare("originURL", n.OriginURL, nil)
		}
		if l := d.Layout; l != nil {
			c.ints("layout", l.NodeIndex)
			c.rects("bounds", l.Bounds)
			c.strs("text", l.Text)
			c.bools("stackingContexts", l.StackingContexts)
		}
		if b := d.TextBoxes; b != nil {
			c.ints("textBoxes", b.LayoutIndex)
			c.rects("bounds", b.Bounds)
			c.ints("start", b.Start)
			c.ints("length", b.Length)
		}
	}
	c.w.Flush()
}

// outOfProcessFrame returns the address of a frame (iframe, frame,
// object, embed, portal) whose content document the snapshot does not hold:
// one in another renderer process (a remote Chrome with site isolation),
// whose requests this tab's network events do not see, so that a change in
// it would not change the hash. "" when every frame's content is there.
func outOfProcessFrame(snap *domsnapshot.CaptureSnapshotResult) string {
	str := func(i domsnapshot.StringIndex) string {
		if i < 0 || int(i) >= len(snap.Strings) {
			return ""
		}
		return snap.Strings[i]
	}
	for _, d := range snap.Documents {
		nodes := d.Nodes
		if nodes == nil {
			continue
		}
		has := map[int64]bool{}
		if nodes.ContentDocumentIndex != nil {
			for _, i := range nodes.ContentDocumentIndex.Index {
				has[i] = true
			}
		}
		for i, name := range nodes.NodeName {
			switch str(name) {
			case "IFRAME", "FRAME":
			default:
				continue
			}
			if !has[int64(i)] {
				return str(d.DocumentURL) + " > " + strings.ToLower(str(name))
			}
		}
	}
	return ""
}
