package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domdebugger"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Helpers of the probes and the screenshots: scripts run in the page,
// elements looked up in the page model, keys pressed, the mouse moved,
// the viewport resized.

// call runs s in the top document of the page the tab shows (its main
// world; this is the window) with args (see jsArgs), and decodes the
// value it returns, awaited when it is a promise, into v.
func (t *Tab) call(ctx context.Context, s *script, v any, args ...any) error {
	p, err := t.callParams(s, args)
	if err != nil {
		return err
	}
	return callJS(ctx, s, p, v)
}

// callOn is call with this the object obj (an element), in obj's world.
func callOn(ctx context.Context, obj runtime.RemoteObjectID, s *script, v any, args ...any) error {
	a, err := jsArgs(args)
	if err != nil {
		return err
	}
	return callJS(ctx, s, runtime.CallFunctionOnParams{FunctionDeclaration: s.src, ObjectID: obj, Arguments: a}, v)
}

func callJS(ctx context.Context, s *script, p runtime.CallFunctionOnParams, v any) error {
	p.ReturnByValue, p.AwaitPromise = new(true), new(true)
	res, err := chromedp.Call(ctx, runtime.CallFunctionOn, p)
	if err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		if e := res.ExceptionDetails.Exception; e != nil && e.Description != "" {
			return fmt.Errorf("script %s: %s", s.name, firstLineOf(e.Description))
		}
		return fmt.Errorf("script %s: %s", s.name, res.ExceptionDetails.Text)
	}
	if res.Result == nil || len(res.Result.Value) == 0 {
		return fmt.Errorf("script %s returned nothing", s.name)
	}
	return json.Unmarshal(res.Result.Value, v)
}

// callParams are the parameters of a call of s in the tab's top document.
func (t *Tab) callParams(s *script, args []any) (runtime.CallFunctionOnParams, error) {
	doc := t.st.document()
	if doc == "" {
		return runtime.CallFunctionOnParams{}, errors.New("the page has no document to run scripts in")
	}
	a, err := jsArgs(args)
	return runtime.CallFunctionOnParams{FunctionDeclaration: s.src, UniqueContextID: doc, Arguments: a}, err
}

// jsArgs turns Go values into the arguments of a script: a
// runtime.RemoteObjectID passes that object (an element), anything else
// its JSON encoding.
func jsArgs(args []any) ([]*runtime.CallArgument, error) {
	out := make([]*runtime.CallArgument, 0, len(args))
	for _, a := range args {
		if id, ok := a.(runtime.RemoteObjectID); ok {
			out = append(out, &runtime.CallArgument{ObjectID: id})
			continue
		}
		v, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		out = append(out, &runtime.CallArgument{Value: v})
	}
	return out, nil
}

// elements calls s, which returns an array of elements, and returns the
// index in p.Nodes of each (-1 for one the snapshot did not capture, or
// for an item that is not a node); backend maps the snapshot's backend
// node ids to those indexes.
//
// One round trip: the array comes back deep-serialized (the WebDriver
// BiDi serialization), which gives every node's backend node id, instead
// of one DOM.describeNode per element (about a hundred per page).
func (t *Tab) elements(ctx context.Context, s *script, backend map[cdp.BackendNodeID]int, args ...any) ([]int, error) {
	p, err := t.callParams(s, args)
	if err != nil {
		return nil, err
	}
	p.AwaitPromise = new(true)
	// Depth 1: the array and its items, not the items' children.
	p.SerializationOptions = &runtime.SerializationOptions{Serialization: runtime.SerializationOptionsSerializationDeep, MaxDepth: new(int64(1))}
	// The array's handle is not released: it goes with the page.
	res, err := chromedp.Call(ctx, runtime.CallFunctionOn, p)
	if err != nil {
		return nil, err
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("script %s: %s", s.name, res.ExceptionDetails.Text)
	}
	if res.Result == nil || res.Result.DeepSerializedValue == nil || res.Result.DeepSerializedValue.Type != runtime.DeepSerializedValueTypeArray {
		return nil, fmt.Errorf("script %s returned no array", s.name)
	}
	return nodeIndexes(res.Result.DeepSerializedValue.Value, backend)
}

// nodeIndexes reads a deep-serialized array's items (runtime
// DeepSerializedValue) and maps each node to its index through backend.
// A node met twice is serialized in full once; its other occurrences
// carry only the shared weakLocalObjectReference.
func nodeIndexes(items []byte, backend map[cdp.BackendNodeID]int) ([]int, error) {
	if len(items) == 0 {
		return nil, nil
	}
	var list []struct {
		Type  string          `json:"type"`
		Value json.RawMessage `json:"value"`
		Ref   int64           `json:"weakLocalObjectReference"`
	}
	if err := json.Unmarshal(items, &list); err != nil {
		return nil, fmt.Errorf("elements: %w", err)
	}
	ids := make([]cdp.BackendNodeID, len(list))
	byRef := map[int64]cdp.BackendNodeID{}
	for i, it := range list {
		if it.Type != "node" || len(it.Value) == 0 {
			continue
		}
		var n struct {
			BackendNodeID cdp.BackendNodeID `json:"backendNodeId"`
		}
		if err := json.Unmarshal(it.Value, &n); err != nil {
			return nil, fmt.Errorf("elements: %w", err)
		}
		ids[i] = n.BackendNodeID
		if it.Ref != 0 {
			byRef[it.Ref] = n.BackendNodeID
		}
	}
	out := make([]int, len(list))
	for i, it := range list {
		out[i] = -1
		id := ids[i]
		if id == 0 && it.Type == "node" {
			id = byRef[it.Ref]
		}
		if idx, ok := backend[id]; ok && id != 0 {
			out[i] = idx
		}
	}
	return out, nil
}

// eventListeners returns the event listeners of the object that expr
// names (window, document, document.body), down to depth (0: its own,
// -1: its whole tree) and, with pierce, into shadow trees and frames;
// none when expr is null. Two round trips: the object's handle is not
// released, as expr names an object the page keeps anyway, and the
// handle goes with the page's scripting context.
func eventListeners(ctx context.Context, expr string, depth int64, pierce bool) ([]*domdebugger.EventListener, error) {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr})
	if err != nil {
		return nil, err
	}
	if res.Result == nil || res.Result.ObjectID == "" {
		return nil, nil
	}
	ls, err := chromedp.Call(ctx, domdebugger.GetEventListeners, domdebugger.GetEventListenersParams{ObjectID: res.Result.ObjectID, Depth: &depth, Pierce: &pierce})
	if err != nil {
		return nil, err
	}
	return ls.Listeners, nil
}

// pressTab presses Tab, or Shift+Tab when back.
func pressTab(ctx context.Context, back bool) error {
	var mod int64
	if back {
		mod = 8
	}
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Modifiers: mod, Key: "Tab", Code: "Tab", WindowsVirtualKeyCode: 9, NativeVirtualKeyCode: 9,
		}); err != nil {
			return err
		}
	}
	return nil
}

// moveMouse moves the pointer to (x, y) in the viewport.
func moveMouse(ctx context.Context, x, y float64) error {
	_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: x, Y: y})
	return err
}

// pressKey presses and releases a key that types nothing (Escape).
func pressKey(ctx context.Context, key string, code int64) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: key, Code: key, WindowsVirtualKeyCode: code, NativeVirtualKeyCode: code,
		}); err != nil {
			return err
		}
	}
	return nil
}

// resize lays the page out in a viewport of w × h CSS px and lets its
// resize handlers run. restore, to be called even when resize fails,
// puts the viewport back, even when ctx has run out: the tab goes on to
// other pages.
func (t *Tab) resize(ctx context.Context, w, h int64) (restore func(), err error) {
	restore = func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_, _ = chromedp.Call(cctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1}); err != nil {
		return restore, err
	}
	return restore, t.call(ctx, settleJS, new(bool))
}

// The helpers of shared.js that Go calls.
var (
	settleJS    = jsFunc("shared.js", "settle")     // lets the page's resize handlers run
	blurJS      = jsFunc("shared.js", "blurActive") // takes focus off whatever has it
	scrollToYJS = jsFunc("shared.js", "scrollToY")  // scrolls to y and returns scrollY
)

// firstLineOf is the first line of s (an exception's description, whose
// stack follows).
func firstLineOf(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
