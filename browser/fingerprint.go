package browser

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
//   - the DOM snapshot the audit takes anyway (every document of the
//     page, same-origin frames and shadow trees included, with the
//     computed styles and layout boxes), without the ids Chrome makes up
//     for each load (backend node ids, frame ids);
//   - the body of every response the page loaded, the document itself
//     included (stylesheets, scripts, images, fonts, frames, fetches),
//     each as "URL status sha256(body)", sorted, read with
//     Network.getResponseBody once the page is quiet (304, a body
//     revalidated in Chrome's cache, counts as 200). A request that
//     failed counts as "URL failed reason".
//
// There is none ("") when a request was still in flight, or a body could
// not be read (Chrome dropped it from its buffer): such a page is always
// audited.

// resource is one request of the page, as the Network events tell it.
type resource struct {
	url    string
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
			s.resources[ev.RequestID] = &resource{url: ev.Request.URL}
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

// renderHash computes the page's render hash from its snapshot and the
// bodies of its responses; "" and why when there is none.
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
	if err := hashSnapshot(h, snap); err != nil {
		return "", "the DOM snapshot could not be hashed: " + err.Error()
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), ""
}

// hashSnapshot writes snap to h without what Chrome makes up for each
// load: backend node ids and frame ids.
func hashSnapshot(h interface{ Write([]byte) (int, error) }, snap *domsnapshot.CaptureSnapshotResult) error {
	strs := slices.Clone(snap.Strings)
	docs := make([]domsnapshot.DocumentSnapshot, len(snap.Documents))
	for i, d := range snap.Documents {
		docs[i] = *d
		if d.FrameID >= 0 && int(d.FrameID) < len(strs) {
			strs[d.FrameID] = ""
		}
		docs[i].FrameID = -1
		if d.Nodes != nil {
			nodes := *d.Nodes
			nodes.BackendNodeID = nil
			docs[i].Nodes = &nodes
		}
	}
	enc := json.NewEncoder(h)
	if err := enc.Encode(strs); err != nil {
		return err
	}
	return enc.Encode(docs)
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
