package browser

import (
	"context"
	"slices"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The auto-update probe: text that changes by itself (a news ticker, a
// counter, a slideshow of quotes), for WCAG 2.2.2. A page can only change
// by itself on a timer, so every tab runs js/timers.js in each document
// before the page's own scripts: it notes the page's repeating timers
// (setInterval, and setTimeout set again from its own callback). When
// some that repeat every 0.1 to 5 s are running after the snapshot, the
// probe watches the page, doing nothing else, for twice the longest
// period (1 to 3 s), and counts the changes of text in each element; a
// timeout due within a second is waited for, in case it sets itself
// again. Pages without such timers cost one evaluation.
//
// Not seen: changes driven by requestAnimationFrame, CSS animations or a
// server push alone, and slideshows that only show and hide slides that
// are all in the page (their text does not change, only styles).

// Periods of the repeating timers that make the probe watch, how long it
// watches, and how soon a timeout must be due for the probe to wait and
// see whether it sets itself again.
const (
	autoMinPeriod = 100 * time.Millisecond
	autoMaxPeriod = 5 * time.Second
	autoMinWatch  = time.Second
	autoMaxWatch  = 3 * time.Second
	autoSoon      = time.Second
)

// The auto-update probe's scripts (js/auto.js).
var (
	autoWatchJS    = jsFunc("auto.js", "autoWatch")
	autoElementsJS = jsFunc("auto.js", "autoElements")
)

// probeAuto watches the page for text that changes by itself (see the
// comment at the top of this file) and fills in p.Auto.
func probeAuto(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var got *struct {
		Watched int       `json:"watched"`
		Counts  []int     `json:"counts"`
		Timers  []float64 `json:"timers"`
	}
	ms := func(d time.Duration) int64 { return d.Milliseconds() }
	if err := tab.call(ctx, autoWatchJS, &got,
		ms(autoMinPeriod), ms(autoMaxPeriod), ms(autoMinWatch), ms(autoMaxWatch), ms(autoSoon)); err != nil {
		return err
	}
	v := &checks.AutoView{}
	p.Auto = v
	if got == nil {
		return nil
	}
	idx, err := tab.elements(ctx, autoElementsJS, backend)
	if err != nil {
		p.Auto = nil
		return err
	}
	v.Watched = got.Watched
	for _, d := range got.Timers {
		if !slices.Contains(v.Timers, int(d)) {
			v.Timers = append(v.Timers, int(d))
		}
	}
	slices.Sort(v.Timers)
	for i, n := range idx {
		if i < len(got.Counts) {
			v.Changed = append(v.Changed, checks.AutoChange{Node: n, Changes: got.Counts[i]})
		}
	}
	return nil
}
