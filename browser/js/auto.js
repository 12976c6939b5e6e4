// The auto-update probe (probe_auto.go); the timers it reads are noted by
// timers.js.

// autoWatch watches the text of the page while repeating timers of the
// periods lo to hi ms run: for twice the longest period, between minW and
// maxW ms, or, with none running yet, until the timeouts due within soon
// ms have fired (they may set themselves again). It returns null when
// there was nothing to watch, else how long it watched, the elements
// whose text changed (in window.__saavuAuto) with the number of times
// each did, and the periods of the repeating timers at the end. A change
// is a batch of mutations that left an element's text different: text
// edited, or elements with text added or removed.
async function autoWatch(lo, hi, minW, maxW, soon) {
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
}

// autoElements returns the elements autoWatch saw change.
function autoElements() {
  return window.__saavuAuto;
}
