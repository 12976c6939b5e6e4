// The timer recorder of the auto-update probe (probe_auto.go). Every tab
// runs it in each document before the page's own scripts
// (Page.addScriptToEvaluateOnNewDocument), as it is: it is not wrapped
// with shared.js, and stays a self-contained expression.
//
// It wraps the page's timer functions (with proxies: the functions still
// look native to the page) to keep window.__saavuTimers up to date: the
// periods of running intervals (iv) and of pending timeouts that a
// timeout callback set (chain: a timer that sets itself again), and when
// the other pending timeouts are due (once).
(() => {
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
})()
