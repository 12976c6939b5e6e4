package browser

import (
	"context"
	"fmt"
	"slices"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domdebugger"
	"golang.org/x/sync/errgroup"

	"saavu/checks"
)

// The input probe: what the page does with inputs that no rule can read
// from its markup. Single printable keys pressed with nothing focused
// (character key shortcuts, WCAG 2.1.4) and the device tilted or shaken
// (motion actuation, 2.5.4). It tries an input only when the page listens
// to its events where they arrive: key events at the body, the root
// element, the document or the window (a key pressed with nothing focused
// reaches no other element), motion events at the window.
//
// The inputs are synthetic DOM events dispatched in the page, not keys of
// the browser: they have no default action (no typing, no scrolling), so
// whatever changes comes from the page's own handlers. A handler that
// ignores events whose isTrusted is false is not seen. Each input's
// changes to the DOM are undone (from the mutation records, in reverse
// order), focus and scrolling are put back, and a navigation it starts is
// stopped and recorded (from the first input on, every navigation the
// page starts is stopped, also one a timer starts later), so the
// screenshots taken later show the page as captured. State kept in the
// page's scripts (a counter) is not undone.

// keyListenEvents and motionListenEvents are the event types the probe
// looks for.
var (
	keyListenEvents    = []string{"keydown", "keypress", "keyup"}
	motionListenEvents = []string{"deviceorientation", "deviceorientationabsolute", "devicemotion"}
)

// The input probe's scripts (js/input.js). inputJS installs
// window.__saavuInput, whose try(name, fire) runs fire(), returns what
// changed and puts the page back; keysJS presses every printable
// character of a US keyboard, one at a time, at the body; motionJS tilts
// and shakes the device. Both return the reactions and the inputs tried,
// elements as indexes into what inputElementsJS returns.
var (
	inputJS         = jsFunc("input.js", "inputInstall")
	keysJS          = jsFunc("input.js", "inputKeys")
	motionJS        = jsFunc("input.js", "inputMotion")
	inputElementsJS = jsFunc("input.js", "inputElements")
)

// probeInput tries single keys and device motion on the page (see the
// comment at the top of this file) and fills in p.Keys and p.Motion.
func probeInput(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	keyOn, motionOn, err := listeners(ctx)
	if err != nil {
		return err
	}
	keys, motion := &checks.InputView{Listeners: keyOn}, &checks.InputView{Listeners: motionOn}
	if len(keyOn) == 0 && len(motionOn) == 0 {
		p.Keys, p.Motion = keys, motion
		return nil
	}
	if err := tab.call(ctx, inputJS, new(bool)); err != nil {
		return err
	}
	// The scripts give elements as indexes in window.__saavuInput.els,
	// and focus -1 when it did not move.
	if len(keyOn) > 0 {
		if err := tab.call(ctx, keysJS, keys); err != nil {
			return fmt.Errorf("keys: %w", err)
		}
	}
	if len(motionOn) > 0 {
		if err := tab.call(ctx, motionJS, motion); err != nil {
			return fmt.Errorf("motion: %w", err)
		}
	}
	if len(keys.Reactions)+len(motion.Reactions) > 0 {
		idx, err := tab.elements(ctx, inputElementsJS, backend)
		if err != nil {
			return err
		}
		at := func(i int) int {
			if i < 0 || i >= len(idx) {
				return -1
			}
			return idx[i]
		}
		for _, rs := range [][]checks.Reaction{keys.Reactions, motion.Reactions} {
			for k := range rs {
				r := &rs[k]
				for c := range r.Changed {
					r.Changed[c] = at(r.Changed[c])
				}
				if r.Focus >= 0 {
					r.Focus = at(r.Focus)
				} else {
					r.Focus = 0
				}
			}
		}
	}
	p.Keys, p.Motion = keys, motion
	return nil
}

// listeners returns where the page listens to key events (body, root
// element, document, window) and to motion events (window), as "target
// event", sorted.
func listeners(ctx context.Context) (keys, motion []string, err error) {
	targets := []struct{ name, expr string }{
		{"window", "window"}, {"document", "document"}, {"html", "document.documentElement"}, {"body", "document.body"},
	}
	// One lookup per target, side by side: two round trips each, on
	// every page.
	found := make([][]*domdebugger.EventListener, len(targets))
	var g errgroup.Group
	for i, t := range targets {
		g.Go(func() error {
			ls, err := eventListeners(ctx, t.expr, 0, false) // none when there is no body
			found[i] = ls
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	for i, t := range targets {
		for _, l := range found[i] {
			name := t.name + " " + l.Type
			switch {
			case slices.Contains(keyListenEvents, l.Type) && !slices.Contains(keys, name):
				keys = append(keys, name)
			case t.name == "window" && slices.Contains(motionListenEvents, l.Type) && !slices.Contains(motion, name):
				motion = append(motion, name)
			}
		}
	}
	slices.Sort(keys)
	slices.Sort(motion)
	return keys, motion, nil
}
