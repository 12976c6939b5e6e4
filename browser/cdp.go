package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Helpers of the probes and the screenshots: scripts run in the page,
// elements looked up in the page model, keys pressed, the mouse moved,
// the viewport resized.

// evalJS evaluates a script and decodes its JSON value into v.
func evalJS(ctx context.Context, expr string, v any) error {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ReturnByValue: new(true), AwaitPromise: new(true)})
	if err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("script: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || len(res.Result.Value) == 0 {
		return errors.New("script returned nothing")
	}
	return json.Unmarshal(res.Result.Value, v)
}

// elements evaluates a script that returns an array of elements and
// returns the index in p.Nodes of each (-1 for one the snapshot did not
// capture).
func elements(ctx context.Context, expr string, backend map[cdp.BackendNodeID]int) ([]int, error) {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: expr})
	if err != nil {
		return nil, err
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("script: %s", res.ExceptionDetails.Text)
	}
	if res.Result == nil || res.Result.ObjectID == "" {
		return nil, errors.New("script returned no array")
	}
	defer chromedp.Call(ctx, runtime.ReleaseObject, runtime.ReleaseObjectParams{ObjectID: res.Result.ObjectID})
	props, err := chromedp.Call(ctx, runtime.GetProperties, runtime.GetPropertiesParams{ObjectID: res.Result.ObjectID, OwnProperties: new(true)})
	if err != nil {
		return nil, err
	}
	type item struct {
		i   int
		obj runtime.RemoteObjectID
	}
	var out []int
	var items []item
	for _, pr := range props.Result {
		var i int
		if _, err := fmt.Sscanf(pr.Name, "%d", &i); err != nil || pr.Value == nil {
			continue
		}
		for len(out) <= i {
			out = append(out, -1)
		}
		if pr.Value.ObjectID != "" {
			items = append(items, item{i, pr.Value.ObjectID})
		}
	}
	// Describe the nodes a few at a time: one round trip each.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, 8)
	for _, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d, err := chromedp.Call(ctx, dom.DescribeNode, dom.DescribeNodeParams{ObjectID: it.obj})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			if idx, ok := backend[d.Node.BackendNodeID]; ok {
				out[it.i] = idx
			}
		}()
	}
	wg.Wait()
	return out, firstErr
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
func resize(ctx context.Context, w, h int64) (restore func(), err error) {
	restore = func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_, _ = chromedp.Call(cctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1}); err != nil {
		return restore, err
	}
	return restore, evalJS(ctx, settleJS, new(bool))
}

// settleJS lets the page's resize handlers run after the viewport or the
// styles changed (one animation frame, 50 ms at most).
const settleJS = `new Promise(r => { const t = setTimeout(() => r(true), 50); requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); r(true); }, 0)); })`
