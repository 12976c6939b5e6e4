package browser

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The auto-update probe: text that changes by itself (a news ticker, a
// counter, a slideshow of quotes), for WCAG 2.2.2. A page can only change
// by itself on a timer, so every tab runs timersJS in each document before
// the page's own scripts: it notes the page's repeating timers
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

// timersJS wraps the page's timer functions (with proxies: the functions
// still look native to the page) to keep window.__saavuTimers up to date:
// the periods of running intervals (iv) and of pending timeouts that a
// timeout callback set (chain: a timer that sets itself again), and when
// the other pending timeouts are due (once).
const timersJS = `(() => {
  if (window.__saavuTimers) return;
  const T = {iv: new Map(), chain: new Map(), once: new Map()};
  Object.defineProperty(window, '__saavuTimers', {value: T});
  let inTimeout = 0;
  const wrap = (name, apply) => { try { window[name] = new Proxy(window[name], {apply}); } catch (_) {} };
  wrap('setInterval', (f, self, args) => { const id = Reflect.apply(f, self, args); T.iv.set(id, Number(args[1]) || 0); return id; });
  wrap('clearInterval', (f, self, args) => { T.iv.delete(args[0]); return Reflect.apply(f, self, args); });
  wrap('setTimeout', (f, self, args) => {
    const chained = inTimeout > 0, fn = args[0], d = Number(args[1]) || 0;
    let id;
    if (typeof fn === 'function') {
      args = [function (...a) { T.chain.delete(id); T.once.delete(id); inTimeout++; try { return fn.apply(this, a); } finally { inTimeout--; } }, ...args.slice(1)];
    }
    id = Reflect.apply(f, self, args);
    if (chained) T.chain.set(id, d); else T.once.set(id, performance.now() + d);
    return id;
  });
  wrap('clearTimeout', (f, self, args) => { T.chain.delete(args[0]); T.once.delete(args[0]); return Reflect.apply(f, self, args); });
})()`

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

// autoWatchJS watches the text of the page while repeating timers of the
// periods lo to hi ms run: for twice the longest period, between minW and
// maxW ms, or, with none running yet, until the timeouts due within soon
// ms have fired (they may set themselves again). It returns nothing when
// there was nothing to watch, else how long it watched, the elements
// whose text changed (in window.__saavuAuto) with the number of times
// each did, and the periods of the repeating timers at the end. A change
// is a batch of mutations that left an element's text different: text
// edited, or elements with text added or removed.
const autoWatchJS = `(async (lo, hi, minW, maxW, soon) => {
  const T = window.__saavuTimers;
  if (!T) return null;
  const t0 = performance.now();
  const repeating = () => [...T.iv.values(), ...T.chain.values()].filter(d => d >= lo && d <= hi);
  const until = () => {
    const rep = repeating();
    if (rep.length) return t0 + Math.min(Math.max(2 * Math.max(...rep) + 250, minW), maxW);
    const due = [...T.once.values()].filter(at => at - t0 <= soon);
    return due.length ? Math.max(...due) + 150 : 0;
  };
  let end = until();
  if (!end) return null;
  const count = new Map();
  const hasText = n => n && /\S/.test(n.textContent || '');
  const mo = new MutationObserver(recs => {
    const seen = new Map();
    for (const r of recs) {
      if (r.type === 'characterData') {
        const e = r.target.parentElement;
        if (e && !seen.has(r.target)) seen.set(r.target, [e, r.oldValue]);
      } else if ([...r.addedNodes, ...r.removedNodes].some(hasText)) {
        seen.set(r, [r.target, null]);
      }
    }
    const changed = new Set();
    for (const [n, [e, old]] of seen) {
      if (old !== null && old === n.data) continue; // set back to what it was
      if (e.isConnected) changed.add(e);
    }
    for (const e of changed) count.set(e, (count.get(e) || 0) + 1);
  });
  mo.observe(document, {subtree: true, childList: true, characterData: true, characterDataOldValue: true});
  while (performance.now() < end) {
    await new Promise(r => setTimeout(r, 50));
    end = Math.min(Math.max(end, until()), t0 + maxW);
  }
  mo.disconnect();
  const els = [...count.keys()];
  window.__saavuAuto = els;
  const rep = repeating();
  return {watched: Math.round(performance.now() - t0), counts: els.map(e => count.get(e)), timers: rep};
})`

// probeAuto watches the page for text that changes by itself (see the
// comment at the top of this file) and fills in p.Auto.
func probeAuto(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var got *struct {
		Watched int       `json:"watched"`
		Counts  []int     `json:"counts"`
		Timers  []float64 `json:"timers"`
	}
	ms := func(d time.Duration) int64 { return d.Milliseconds() }
	if err := evalJS(ctx, fmt.Sprintf("%s(%d, %d, %d, %d, %d)", autoWatchJS,
		ms(autoMinPeriod), ms(autoMaxPeriod), ms(autoMinWatch), ms(autoMaxWatch), ms(autoSoon)), &got); err != nil {
		return err
	}
	v := &checks.AutoView{}
	p.Auto = v
	if got == nil {
		return nil
	}
	idx, err := elements(ctx, "window.__saavuAuto", backend)
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
