package browser

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// The guard: probes that focus, click or press keys on live public sites
// must not make the page leave, open windows or send anything. While it
// is on, three layers hold back every request that is not a GET of a
// resource, every navigation and every new window, and record them:
//
//   - in the page, js/guard.js: navigations cancelled (Navigation API),
//     link activations and form submissions prevented, window.open,
//     form.submit(), print(), history.back(), sendBeacon, WebSocket and
//     EventSource replaced, fetch and XMLHttpRequest other than GET
//     failed, cookie and storage writes dropped;
//   - in the tab, Fetch interception of the requests that may navigate
//     or send (not those of images, fonts, styles or scripts, always
//     GET): a navigation of the page is answered 204 No Content (the
//     browser then stays on the page), any other request but a GET
//     fails;
//   - in the browser, Fetch interception of document requests: a window
//     that a guarded tab opened gets none, and is closed.
//
// Nothing is ever submitted. The probes undo their own changes to the
// page (js/activate.js, js/input.js).

// guardOnJS is the in-page layer of the guard (js/guard.js).
var guardOnJS = jsFunc("guard.js", "guardOn")

// guard turns the guard on for the page the tab shows. It stays on until
// the tab goes to another page (Capture) or closes: a timer that a click
// set may fire after the probes. With an error, it may be on in part.
func (t *Tab) guard(ctx context.Context) error {
	// The page's layer first: it holds back most, and records.
	err := t.call(ctx, guardOnJS, new(bool))
	t.mu.Lock()
	on := t.guarding
	t.guarding, t.held = true, nil
	t.mu.Unlock()
	if on {
		return err
	}
	if _, ferr := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: guardedRequests}); ferr != nil {
		// A Chrome that does not know one of those kinds of request:
		// every request, then.
		_, ferr = chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageRequest}}})
		err = errors.Join(err, ferr)
	}
	t.mu.Lock()
	t.fetching = true
	t.mu.Unlock()
	return errors.Join(err, t.c.popups.add(ctx, t))
}

// unguard turns the network layers of the guard off, even when ctx has
// run out, before the tab goes to another page. The in-page layer goes
// with the page.
func (t *Tab) unguard(ctx context.Context) {
	t.mu.Lock()
	on := t.guarding
	t.guarding = false
	stay := t.stay != nil
	t.mu.Unlock()
	if !on {
		return
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	t.c.popups.remove(cctx, t)
	if stay { // back to the interception of Stay alone
		_, _ = chromedp.Call(cctx, fetch.Enable, fetch.EnableParams{Patterns: documentRequests})
		return
	}
	_, _ = chromedp.Call(cctx, fetch.Disable, cdp.Empty{})
	t.mu.Lock()
	t.fetching = false
	t.mu.Unlock()
}

// guardedRequests are the Fetch patterns of the guard: the kinds of
// request that may be a navigation or send something. Style sheets,
// scripts, images, fonts, media, text tracks and manifests are always
// fetched with GET. (Chrome's interception knows no WebSocket requests:
// js/guard.js replaces WebSocket.)
var guardedRequests = func() []*fetch.RequestPattern {
	var out []*fetch.RequestPattern
	for _, t := range []network.ResourceType{
		network.ResourceTypeDocument, network.ResourceTypeXHR, network.ResourceTypeFetch, network.ResourceTypeEventSource,
		network.ResourceTypePing, network.ResourceTypeCSPViolationReport, network.ResourceTypeOther,
	} {
		out = append(out, &fetch.RequestPattern{URLPattern: "*", ResourceType: t, RequestStage: fetch.RequestStageRequest})
	}
	return out
}()

// documentRequests is the Fetch pattern of Stay: requests for documents.
var documentRequests = []*fetch.RequestPattern{{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageRequest}}

// holdBack reports whether the guard holds back a request the tab's
// interception paused: a navigation of the page, or anything but a GET.
func (t *Tab) holdBack(ev *fetch.EventRequestPaused) bool {
	if ev.Request == nil {
		return false
	}
	if ev.ResourceType == network.ResourceTypeDocument && string(ev.FrameID) == t.frameID() {
		return true
	}
	return ev.Request.Method != "GET"
}

// answerHeld answers a request the guard holds back: a document gets an
// empty 204 answer, which leaves the frame as it was; anything else
// fails as blocked.
func (t *Tab) answerHeld(ev *fetch.EventRequestPaused) {
	if ev.ResourceType == network.ResourceTypeDocument {
		_, _ = chromedp.Call(t.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 204})
		return
	}
	_, _ = chromedp.Call(t.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
}

// heldBack returns what the guard's network layers held back since it
// was last turned on.
func (t *Tab) heldBack() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.held...)
}

// popupGuard is the browser layer of the guard: while some tab is
// guarded, the browser's Fetch interception pauses every document
// request of every tab; one of a window that a guarded tab opened is
// refused and the window closed, the others go on.
type popupGuard struct {
	mu   sync.Mutex
	tabs map[target.ID]*Tab // the guarded tabs, by target id
	ctx  context.Context    // the browser context the listener is on
}

// add guards the windows that t opens.
func (g *popupGuard) add(ctx context.Context, t *Tab) error {
	bctx := t.parent
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ctx != bctx { // a new Chrome: listen to it
		g.ctx, g.tabs = bctx, map[target.ID]*Tab{}
		if err := chromedp.ListenBrowser(bctx, func(ev any) {
			switch ev := ev.(type) {
			case *fetch.EventRequestPaused:
				go g.paused(bctx, ev)
			case *target.EventTargetCreated:
				if ev.TargetInfo != nil && ev.TargetInfo.OpenerID != "" {
					go g.opened(bctx, ev.TargetInfo.TargetID, ev.TargetInfo.OpenerID, ev.TargetInfo.URL)
				}
			}
		}); err != nil {
			g.ctx = nil
			return err
		}
	}
	if len(g.tabs) == 0 {
		if _, err := chromedp.CallBrowser(ctx, fetch.Enable, fetch.EnableParams{Patterns: documentRequests}); err != nil {
			return err
		}
	}
	g.tabs[target.ID(t.frameID())] = t
	return nil
}

// remove stops guarding the windows t opens.
func (g *popupGuard) remove(ctx context.Context, t *Tab) {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := target.ID(t.frameID())
	if g.tabs[id] != t || g.ctx != t.parent {
		return
	}
	delete(g.tabs, id)
	if len(g.tabs) == 0 {
		_, _ = chromedp.CallBrowser(ctx, fetch.Disable, cdp.Empty{})
	}
}

// opener returns the guarded tab that opened the window id, or nil.
func (g *popupGuard) opener(bctx context.Context, id, opener target.ID) *Tab {
	if opener == "" {
		info, err := chromedp.CallBrowser(bctx, target.GetTargetInfo, target.GetTargetInfoParams{TargetID: id})
		if err != nil || info.TargetInfo == nil {
			return nil // not a window: a frame of a page
		}
		opener = info.TargetInfo.OpenerID
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if opener == "" || g.ctx != bctx {
		return nil
	}
	return g.tabs[opener]
}

// paused answers a document request the browser's interception paused.
func (g *popupGuard) paused(bctx context.Context, ev *fetch.EventRequestPaused) {
	if t := g.opener(bctx, target.ID(ev.FrameID), ""); t != nil {
		_, _ = chromedp.CallBrowser(bctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		t.hold(ev.Request.Method + " " + ev.Request.URL + " (new window)")
		_, _ = chromedp.CallBrowser(bctx, target.CloseTarget, target.CloseTargetParams{TargetID: target.ID(ev.FrameID)})
		return
	}
	_, _ = chromedp.CallBrowser(bctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
}

// opened closes a window that a guarded tab opened.
func (g *popupGuard) opened(bctx context.Context, id, opener target.ID, url string) {
	if t := g.opener(bctx, id, opener); t != nil {
		t.hold("new window " + url)
		_, _ = chromedp.CallBrowser(bctx, target.CloseTarget, target.CloseTargetParams{TargetID: id})
	}
}

// hold records a request the guard held back.
func (t *Tab) hold(what string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.held) < 100 {
		t.held = append(t.held, what)
	}
}
