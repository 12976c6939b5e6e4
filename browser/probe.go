package browser

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// Live-page probes: checks that need the page itself (media playing,
// keyboard focus moving), run after the DOM snapshot so that they cannot
// change what it captured (the screenshots, taken after the rules, put
// focus and scrolling back first). Each is bounded by its own
// timeout; one that fails leaves its result empty and adds a note, and the
// rules that read it report cantTell. Each probe is in a file of its own
// (probe_media.go, probe_focus.go, …), its JavaScript in js/ (media.js,
// focus.js, …; see js.go).

// guarded are the probes that focus, click or press keys.
var guarded = []checks.Probe{checks.ProbeFocus, checks.ProbeHover, checks.ProbeInput, checks.ProbeActivate}

// liveProbe is one live-page probe: what it reads (for notes), its
// timeout and its function.
type liveProbe struct {
	id      checks.Probe
	what    string
	timeout time.Duration
	run     func(context.Context, *Tab, *checks.Page, map[cdp.BackendNodeID]int) error
}

// liveProbes are the probes in the order they run.
func liveProbes() []liveProbe {
	return []liveProbe{
		// First, while nothing else has touched the page.
		{checks.ProbeAuto, "whether its text changes by itself", autoMaxWatch + 2*time.Second, probeAuto},
		{checks.ProbeMedia, "the state of its audio and video", 2 * time.Second, probeMedia},
		{checks.ProbeMoving, "what moves on it by itself", 4 * time.Second, probeMoving},
		{checks.ProbeFocus, "where keyboard focus goes", focusBudget + 2*time.Second, probeFocus},
		{checks.ProbeOrientation, "how the page turns with the screen", 2 * time.Second, probeOrientation},
		{checks.ProbeScroll, "how far its scrollable boxes scroll", 2 * time.Second, probeScroll},
		{checks.ProbeBackdrop, "what is behind text on images", 3 * time.Second, probeBackdrop},
		{checks.ProbeControls, "the borders of its text fields and the colours of its icons", 2 * time.Second, probeControls},
		{checks.ProbeSpacing, "how its text looks with wider spacing", 3 * time.Second, probeSpacing},
		{checks.ProbeHover, "what appears when the pointer is over it", 3 * time.Second, probeHover},
		{checks.ProbeInput, "what single keys and moving the device do", 3 * time.Second, probeInput},
		{checks.ProbePaste, "whether its password fields take a paste", 2 * time.Second, probePaste},
		{checks.ProbeDrag, "which elements listen to dragging", 2 * time.Second, probeDrag},
		{checks.ProbeTargets, "the browser's own size of its small form controls", 2 * time.Second, probeTargets},
		{checks.ProbeActivate, "what its controls do when clicked, focused or changed", activateBudget + 2*time.Second, probeActivate},
		// Last: these resize the page.
		{checks.ProbeZoom, "how the page looks zoomed to 200 %", 3 * time.Second, probeZoom},
		{checks.ProbeReflow, "how the page fits a window 320 px wide", 3 * time.Second, probeReflow},
	}
}

// probeWhat says what probe pr reads ("where keyboard focus goes").
func probeWhat(pr checks.Probe) string {
	for _, l := range liveProbes() {
		if l.id == pr {
			return l.what
		}
	}
	return string(pr)
}

// probe runs the probes on the captured page p, which the tab shows, but
// for those of skip (and Options.SkipProbes). backend maps the snapshot's
// backend node ids to indexes in p.Nodes.
func (t *Tab) probe(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int, skip []checks.Probe) {
	b := t.b
	skip = append(slices.Clone(b.opts.SkipProbes), skip...)
	p.Unprobed = append(p.Unprobed, skip...)
	probes := liveProbes()
	// The probes that focus, click or press keys run guarded: nothing
	// leaves the page or is sent (guard.go), until the tab goes to the
	// next page. Without the guard, the activation probe, which clicks,
	// does not run.
	var guardErr error
	if slices.ContainsFunc(guarded, func(pr checks.Probe) bool { return !slices.Contains(skip, pr) }) {
		if guardErr = t.guard(ctx); guardErr != nil {
			b.opts.Log.Debug("guard failed", "url", p.URL, "err", guardErr)
		}
		defer func() {
			if held := t.heldBack(); len(held) > 0 {
				b.opts.Log.Debug("held back while probing", "url", p.URL, "requests", held)
			}
		}()
	}
	doc := t.st.document()
	cpu := b.cpuMeter(ctx)
	for k, pr := range probes {
		if slices.Contains(skip, pr.id) {
			continue
		}
		if pr.id == checks.ProbeActivate && guardErr != nil {
			p.Notes = append(p.Notes, fmt.Sprintf("saavu could not read %s: it could not make sure that nothing would be sent; the rules that need it could not tell.", pr.what))
			p.Unprobed = append(p.Unprobed, pr.id)
			continue
		}
		start, startCPU := time.Now(), cpu.now()
		run := func(timeout time.Duration) error {
			pctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			return pr.run(pctx, t, p, backend)
		}
		err := run(pr.timeout)
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			// A busy machine or a large page: once more, with twice the
			// time (each probe puts the page back as it found it, also
			// when it runs out of time), so that a verdict does not
			// depend on the machine's load.
			b.opts.Log.Debug("probe out of time: trying it again", "url", p.URL, "probe", pr.what, "after", time.Since(start).Round(time.Millisecond))
			err = run(2 * pr.timeout)
		}
		if t.st.document() != doc { // the page left despite the guard
			p.Notes = append(p.Notes, "The page went to another address while saavu tried it; the probes after that did not run.")
			b.opts.Log.Debug("page left", "url", p.URL, "probe", pr.what)
			return
		}
		if err != nil {
			if ctx.Err() != nil {
				// The whole capture ran out of time: this probe and those
				// after it did not run.
				var left []checks.Probe
				for _, q := range probes[k:] {
					if !slices.Contains(skip, q.id) {
						left = append(left, q.id)
					}
				}
				p.Unprobed = append(p.Unprobed, left...)
				p.Notes = append(p.Notes, fmt.Sprintf("The page timeout ran out while saavu tried %s: it did not try that and what came after (probes %s); the rules that need them could not tell.", pr.what, joinProbes(left)))
				return
			}
			p.Notes = append(p.Notes, fmt.Sprintf("saavu could not read %s; the rules that need it could not tell.", pr.what))
			p.Unprobed = append(p.Unprobed, pr.id)
			b.opts.Log.Debug("probe failed", "url", p.URL, "probe", pr.what, "err", err)
			continue
		}
		b.opts.Log.Debug("probe", "url", p.URL, "probe", pr.what, "id", pr.id, "took", time.Since(start).Round(time.Millisecond), "cpu", cpu.since(startCPU))
	}
}

// joinProbes lists probe ids: "focus, backdrop".
func joinProbes(ps []checks.Probe) string {
	s := make([]string, len(ps))
	for i, pr := range ps {
		s[i] = string(pr)
	}
	return strings.Join(s, ", ")
}
