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
	"slices"
	"strings"

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
// <style> elements and the bodies of the stylesheets, fonts and scripts.
// Leaving them out makes the snapshot of a re-crawl much cheaper.
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
}

// track follows the requests of the page for its render hash; called
// under s.mu from listen.
func (s *navState) track(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			s.resources[ev.RequestID] = &resource{url: ev.Request.URL, typ: ev.Type}
		}
	case *network.EventResponseReceived:
		if r := s.resources[ev.RequestID]; r != nil && ev.Response != nil {
			r.url, r.status = ev.Response.URL, ev.Response.Status
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

// renderHash computes the page's render hash from a DOM snapshot of it
// (with or without computed styles: they are not hashed) and the bodies
// of its responses; "" and why when there is none. p.Viewport must be
// set.
func (t *Tab) renderHash(ctx context.Context, p *checks.Page, snap *domsnapshot.CaptureSnapshotResult) (string, string) {
	if f := outOfProcessFrame(snap); f != "" {
		return "", "a frame whose content is not in the page's snapshot (another process: its requests are not seen): " + f
	}
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
		case strings.HasPrefix(r.url, "data:"):
			lines = append(lines, fmt.Sprintf("%x", sha256.Sum256([]byte(r.url))))
		default:
			body, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: ids[i]})
			if err != nil {
				if r.status >= 300 && r.status < 400 || r.status == 204 {
					lines = append(lines, fmt.Sprintf("%s %d", r.url, r.status))
					continue
				}
				return "", fmt.Sprintf("the body of %s could not be read: %v", r.url, err)
			}
			status := r.status
			if status == 304 { // revalidated: the body is the cached one
				status = 200
			}
			lines = append(lines, fmt.Sprintf("%s %d %x", r.url, status, sha256.Sum256(body.Body)))
		}
	}
	slices.Sort(lines)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n%s\n%gx%g\n", p.URL, p.FinalURL, p.Status, p.ContentType, p.Viewport.W, p.Viewport.H)
	for _, l := range lines {
		fmt.Fprintln(h, l)
	}
	hashSnapshot(h, snap)
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), ""
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

// rare writes rare string data.
func (c *canon) rare(name string, r *domsnapshot.RareStringData) {
	if r == nil {
		c.tag(name, -1)
		return
	}
	c.ints(name, r.Index)
	c.strs(name, r.Value)
}

func (c *canon) bools(name string, r *domsnapshot.RareBooleanData) {
	if r == nil {
		c.tag(name, -1)
		return
	}
	c.ints(name, r.Index)
}

// hashSnapshot writes the canonical form of snap to h: what the render
// hash counts of it (see above).
func hashSnapshot(h hash.Hash, snap *domsnapshot.CaptureSnapshotResult) {
	c := &canon{w: bufio.NewWriterSize(h, 64<<10), s: snap.Strings}
	c.tag("documents", len(snap.Documents))
	for _, d := range snap.Documents {
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
			c.rare("shadowRootType", n.ShadowRootType)
			c.strs("nodeName", n.NodeName)
			c.strs("nodeValue", n.NodeValue)
			c.tag("attributes", len(n.Attributes))
			for _, a := range n.Attributes {
				c.tag("", len(a))
				for _, s := range a {
					c.str(domsnapshot.StringIndex(s))
				}
			}
			c.rare("textValue", n.TextValue)
			c.rare("inputValue", n.InputValue)
			c.bools("inputChecked", n.InputChecked)
			c.bools("optionSelected", n.OptionSelected)
			if r := n.ContentDocumentIndex; r != nil {
				c.ints("contentDocumentIndex", r.Index)
				c.ints("contentDocumentIndex", r.Value)
			} else {
				c.tag("contentDocumentIndex", -1)
			}
			c.rare("pseudoType", n.PseudoType)
			c.rare("pseudoIdentifier", n.PseudoIdentifier)
			c.bools("isClickable", n.IsClickable)
			c.rare("currentSourceURL", n.CurrentSourceURL)
			c.rare("originURL", n.OriginURL)
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
