// The focus probe (probe_focus.go). Its walks keep their state in the
// page between calls: window.__saavuFocus (the elements seen, which the
// stops name by index), window.__saavuFocusIns (focus moves counted),
// window.__saavuWalk and window.__saavuWalkKey (the fast walk).

// focusStop returns the focused element, as an index into
// window.__saavuFocus.els, and the computed styles props of it, its three
// nearest ancestors and its neighbouring elements, and whether content
// over it hides it (focusHidden); {el: -1} when nothing on the page has
// focus.
function focusStop(props) {
  const S = window.__saavuFocus || (window.__saavuFocus = {els: [], idx: new Map()});
  const id = e => { if (!S.idx.has(e)) { S.idx.set(e, S.els.length); S.els.push(e); } return S.idx.get(e); };
  let a = deepActive(), frame = false;
  if (!a || a === document.body || a === document.documentElement) return {el: -1};
  if (a instanceof HTMLIFrameElement || a instanceof HTMLFrameElement || a instanceof HTMLObjectElement || a instanceof HTMLEmbedElement) frame = true;
  const st = e => { const c = getComputedStyle(e); const o = {}; for (const p of props) o[p] = c.getPropertyValue(p); return o; };
  const ctx = [a];
  for (let x = a, i = 0; i < 3 && x.parentElement; i++) { x = x.parentElement; ctx.push(x); }
  if (a.previousElementSibling) ctx.push(a.previousElementSibling);
  if (a.nextElementSibling) ctx.push(a.nextElementSibling);
  // Jump focus transitions to their end, to read the focused style.
  for (const e of ctx) for (const an of (e.getAnimations ? e.getAnimations() : [])) { try { if (an instanceof CSSTransition) an.finish(); } catch (_) {} }
  const r = a.getBoundingClientRect();
  const fields = a instanceof HTMLInputElement && /^(date|time|datetime-local|month|week)$/.test(a.type);
  const s = {el: id(a), frame, fields, box: [r.x + scrollX, r.y + scrollY, r.width, r.height], ctx: ctx.map(e => ({el: id(e), style: st(e)}))};
  if (!frame) {
    const h = focusHidden(a, r);
    if (h.hide) {
      s.hide = h.hide;
      s.cover = h.cover ? id(h.cover) : -1;
      s.top = h.top ? id(h.top) : -1;
    }
  }
  return s;
}

// focusHidden says whether content over the focused element a (its box
// r, in the viewport) hides it, looking at what is on top at points of
// the part of a in the window: its middle first, then a 3×3 grid to its
// edges. hide is "" when its middle shows; "partly" when another point
// shows it; "entirely" when at every point opaque content that is
// fixed or sticky, outside a, is on top (cover: that fixed or sticky
// element); "covered" when other content is on top at every point;
// "out" when no part of a is in the window. top is the element on top at
// the middle. It costs one hit test for an element that shows.
function focusHidden(a, r) {
  const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
  if (x1 - x0 < 2 || y1 - y0 < 2) return {hide: 'out'};
  // A clipped element (visually hidden) shows nowhere, whatever is over it.
  for (let e = a, i = 0; e && i < 4; e = e.parentElement, i++) {
    const cs = getComputedStyle(e);
    if ((cs.clip !== 'auto' && (cs.position === 'absolute' || cs.position === 'fixed')) || cs.clipPath !== 'none') return {hide: 'out'};
  }
  const root = a.getRootNode && a.getRootNode().elementFromPoint ? a.getRootNode() : document;
  const up = e => e.parentElement || (e.getRootNode && e.getRootNode().host) || null;
  const fixedOf = e => { for (; e; e = up(e)) { const p = getComputedStyle(e).position; if (p === 'fixed' || p === 'sticky') return e; } return null; };
  // opaque: something from h up to the fixed element f paints a solid
  // background, and nothing from h up to the root is translucent.
  const alpha = c => {
    if (!c || c === 'transparent') return 0;
    const m = c.match(/\/\s*([\d.]+)(%?)\s*\)$/) || c.match(/^rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)(%?)\)$/);
    return m ? parseFloat(m[1]) / (m[2] ? 100 : 1) : 1;
  };
  const opaque = (h, f) => {
    let solid = false, below = true;
    for (let e = h; e; e = up(e)) {
      const cs = getComputedStyle(e);
      if (parseFloat(cs.opacity) < 1) return false;
      if (below && (alpha(cs.backgroundColor) >= 1 || cs.backgroundImage !== 'none' || /^(IMG|VIDEO|CANVAS|IFRAME|OBJECT|EMBED|svg)$/.test(e.tagName))) solid = true;
      if (e === f) below = false;
    }
    return solid;
  };
  const xs = [(x0 + x1) / 2, x0 + 0.5, x1 - 0.5], ys = [(y0 + y1) / 2, y0 + 0.5, y1 - 0.5];
  let top = null, cover = null, fixed = true;
  for (const y of ys) {
    for (const x of xs) {
      const h = root.elementFromPoint(x, y);
      if (h && (h === a || a.contains(h))) return top ? {hide: 'partly', top} : {hide: ''};
      if (!top) top = h;
      if (!fixed) continue;
      const f = h && fixedOf(h);
      if (!f || f.contains(a) || !opaque(h, f)) fixed = false;
      else if (!cover) cover = f;
    }
  }
  return fixed && cover ? {hide: 'entirely', cover, top} : {hide: 'covered', top};
}

// focusReset starts a walk from the top of the document with nothing
// focused, counting the moves of focus in window.__saavuFocusIns.
// Blurring leaves Chrome's sequential focus navigation starting point at
// the element that had focus: focusing an element at the start of the
// body and removing it moves that point to the top.
function focusReset() {
  if (!window.__saavuFocusIns) {
    const F = window.__saavuFocusIns = {n: 0, count: () => F.n++};
    document.addEventListener('focusin', F.count, true);
  }
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  if (document.body) {
    const t = document.createElement('span');
    t.tabIndex = -1;
    document.body.prepend(t);
    t.focus({preventScroll: true});
    t.remove();
  }
  const sel = window.getSelection && window.getSelection();
  if (sel && document.body) sel.collapse(document.body, 0);
  window.__saavuFocusIns.n = 0;
  // Tab scrolls the focused element into view at once, not smoothly: the
  // walk reads where it is right after the key press (focusHidden), and
  // smooth scrolling may not advance in a background tab. A constructed
  // style sheet, which changes no element of the page; instantOff takes
  // it away at the end of the walk.
  if (!window.__saavuInstant && document.adoptedStyleSheets) {
    try {
      const sh = new CSSStyleSheet();
      sh.replaceSync('* { scroll-behavior: auto !important; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sh];
      window.__saavuInstant = sh;
    } catch (_) {}
  }
}

// instantOff takes away the style sheet of focusReset.
function instantOff() {
  const sh = window.__saavuInstant;
  if (!sh) return;
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter(x => x !== sh);
  window.__saavuInstant = null;
}

// focusWalkStart starts a walk from the top (focusReset).
function focusWalkStart() {
  focusReset();
  return true;
}

// focusQuiet lets the timers that the fast walk's blurs started run out,
// for wait ms, with the page's blur handlers held off, and starts a walk
// from the top before and after.
function focusQuiet(wait) {
  focusReset();
  window.__saavuQuiet = e => e.stopImmediatePropagation();
  for (const t of ['blur', 'focusout']) window.addEventListener(t, window.__saavuQuiet, true);
  return new Promise(r => setTimeout(() => {
    focusReset();
    for (const t of ['blur', 'focusout']) window.removeEventListener(t, window.__saavuQuiet, true);
    r(true);
  }, wait));
}

// focusStep waits for the page's focus handlers (some move focus back
// after a short timeout), up to four times wait ms, then returns the
// focused element (focusStop) and whether focus was still moving.
async function focusStep(props, wait) {
  // Wait until focus stays put (some pages move it back after a timeout):
  // on the same element, with no focus event in between.
  const ins = () => window.__saavuFocusIns ? window.__saavuFocusIns.n : 0;
  let restless = false;
  for (let i = 0, a = deepActive(), n = ins(); wait > 0 && i < 4; i++) {
    await new Promise(r => setTimeout(r, wait));
    if (deepActive() === a && ins() === n) break;
    a = deepActive();
    n = ins();
    restless = i === 3;
  }
  const s = focusStop(props);
  s.restless = restless;
  return s;
}

// focusFastStart starts a walk without pauses that the page records
// itself: each Tab key press, seen first by a capturing keydown listener
// on the window, records where the previous one put focus
// (window.__saavuWalk); once the walk has stopped (focus left the page,
// came back to an element, went into a frame, or maxStops), further Tab
// presses are swallowed, so the walk can press Tab in batches without
// reading back each step. A date or time field takes up to fields
// presses (its parts) as one stop.
function focusFastStart(props, maxStops, fields) {
  focusReset();
  const W = window.__saavuWalk = {on: true, keys: 0, inner: 0, innerAll: 0, stops: [], count: new Map(), stopped: false, repeat: false, left: false, limit: false, frame: false};
  W.record = () => {
    const s = focusStop(props);
    if (s.el < 0) { W.left = W.stops.length > 0; W.stopped = true; return; }
    const last = W.stops[W.stops.length - 1];
    if (s.fields && last && last.el === s.el && ++W.inner < fields) { W.innerAll++; return; } // Tab went to the next part of a date field
    W.inner = 0;
    W.stops.push(s);
    const c = (W.count.get(s.el) || 0) + 1;
    W.count.set(s.el, c);
    if (s.frame) { W.frame = true; W.stopped = true; }
    else if (c >= 2) { W.repeat = true; W.stopped = true; }
    else if (W.stops.length >= maxStops) { W.limit = true; W.stopped = true; }
  };
  if (!window.__saavuWalkKey) {
    window.__saavuWalkKey = e => {
      const W = window.__saavuWalk;
      if (!W || !W.on || e.key !== 'Tab' || e.shiftKey) return;
      W.keys++;
      if (!W.stopped && W.keys > 1) W.record();
      if (W.stopped) { e.preventDefault(); e.stopImmediatePropagation(); }
    };
    window.addEventListener('keydown', window.__saavuWalkKey, true);
  }
  return true;
}

// focusFastState says how many Tab presses the fast walk saw, and
// whether it stopped.
function focusFastState() {
  const W = window.__saavuWalk;
  return {keys: W.keys, stopped: W.stopped};
}

// focusFastEnd records where the last Tab press put focus, ends the fast
// walk, removes its key listener and returns it.
function focusFastEnd() {
  const W = window.__saavuWalk;
  if (!W.stopped) { W.record(); if (!W.stopped) W.limit = true; }
  W.on = false;
  instantOff();
  // The input probe looks for the page's own key listeners.
  window.removeEventListener('keydown', window.__saavuWalkKey, true);
  window.__saavuWalkKey = null;
  return {keys: W.keys, stops: W.stops, repeat: W.repeat, left: W.left, limit: W.limit, frame: W.frame, inner: W.innerAll};
}

// focusMoves waits ms in a timer of the page (it runs after the page's
// own shorter timers however busy the machine is), then returns how often
// focus moved since the walk started. With onlyTimers (after a script
// walk, on a page that listens to no focus event), it returns at once
// when no timer of the page may run within ms (timers.js): nothing else
// could move focus by then.
function focusMoves(ms, onlyTimers) {
  instantOff();
  const wrap = window.__saavuWrapTo;
  delete window.__saavuWrapTo;
  // focusScriptCheck: a walk that left the page, where focus then came
  // back to the first stop on its own (Chrome starting over).
  const n = () => (window.__saavuFocusIns ? window.__saavuFocusIns.n : 0) - (wrap && deepActive() === wrap ? 1 : 0);
  const T = window.__saavuTimers;
  if (onlyTimers && T && T.iv.size === 0 && T.chain.size === 0) {
    const until = performance.now() + ms;
    let soon = false;
    for (const due of T.once.values()) if (due <= until) { soon = true; break; }
    if (!soon) return n();
  }
  return new Promise(r => setTimeout(() => r(n()), ms));
}

// focusElements returns the elements the walks saw.
function focusElements() {
  instantOff();
  return window.__saavuFocus ? window.__saavuFocus.els : [];
}

// focusWatch starts recording the changes to the DOM that the walks
// cause (the page's focus handlers), for focusUndo.
function focusWatch() {
  if (window.__saavuFocusRecs) return true;
  const W = window.__saavuFocusRecs = {recs: []};
  W.mo = new MutationObserver(rs => { for (const r of rs) W.recs.push(r); });
  W.mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true});
  return true;
}

// focusUndo undoes the changes recorded since focusWatch, stops
// recording and counting focus moves, and takes focus off the page.
function focusUndo() {
  const W = window.__saavuFocusRecs;
  if (!W) return true;
  for (const r of W.mo.takeRecords()) W.recs.push(r);
  W.mo.disconnect();
  undoMutations(W.recs);
  delete window.__saavuFocusRecs;
  // The count of focus moves ends too: the activation probe looks for
  // the page's own focus listeners.
  const F = window.__saavuFocusIns;
  if (F) document.removeEventListener('focusin', F.count, true);
  delete window.__saavuFocusIns;
  delete window.__saavuWrapTo;
  return blurActive();
}

// The script walk (walkFocusScript in probe_focus.go): on a page that
// has no key, focus or blur listeners and no frames, where Tab would
// behave as in any other page, focus is moved with element.focus() along
// the order Tab follows, one element after the other in one script, and
// each stop is recorded as by the key walks (focusStop). Only the first
// and the last move are real Tab presses, to check the order.

// focusOrder lists the elements that Tab may visit, in the order it
// visits them (HTML's sequential focus navigation order): tree order,
// the contents of a shadow tree, or of a slot, right after its host or
// slot. A candidate is an element Tab visits if it can be focused at all
// (focusScriptWalk tries): tabindex 0 (links, form controls, summary),
// the top element of editable content, and a scrollable box without a
// tabindex. Returns {els}, or {unsure: why} where Tab may not follow
// this order: a tabindex above 0, a group of radio buttons, frames,
// players with controls, open popovers, and shadow trees that delegate
// focus or whose host or slot has a tabindex.
function focusOrder() {
  let unsure = '';
  const candidate = e => {
    if (e.hasAttribute('tabindex') && e.tabIndex < 0) return false;
    if (e.tabIndex >= 0) return true;
    if (e.isContentEditable && !(e.parentElement && e.parentElement.isContentEditable)) return true;
    if (e === document.documentElement || e === document.body) return false;
    // A box that does not overflow is not scrollable, whatever its
    // style (the cheaper test first: layout is clean, styles are read
    // only for the few boxes whose content overflows).
    if (e.scrollHeight <= e.clientHeight && e.scrollWidth <= e.clientWidth) return false;
    const cs = getComputedStyle(e);
    if (!/^(auto|scroll)$/.test(cs.overflowX) && !/^(auto|scroll)$/.test(cs.overflowY)) return false;
    // Chrome's Tab visits a scrollable box only when nothing in it takes
    // focus: not modelled.
    for (const d of e.querySelectorAll('*')) if (d.tabIndex >= 0) { unsure = unsure || 'a scrollable box holds elements that take focus'; break; }
    return true;
  };
  // scope lists the elements of one focus navigation scope from its top
  // nodes down, each with the scope its shadow root or slot owns.
  const scope = tops => {
    const list = [];
    const add = e => {
      const en = {el: e, sub: null};
      list.push(en);
      if (/^(IFRAME|FRAME|OBJECT|EMBED|AREA|PORTAL|FENCEDFRAME)$/.test(e.tagName)) unsure = unsure || 'a ' + e.tagName.toLowerCase();
      // Tab goes through the buttons of a player's controls, which a
      // script cannot focus.
      if (e instanceof HTMLMediaElement && e.controls) unsure = unsure || 'a player with controls';
      try { if (e.matches(':popover-open')) unsure = unsure || 'an open popover'; } catch (_) {}
      // Tab goes to these first, or, from where the walk starts
      // (focusReset), last.
      if (e.tabIndex > 0) unsure = unsure || 'a tabindex above 0';
      // Tab stops once in a group of radio buttons, at a place that
      // differs between browser versions.
      if (e instanceof HTMLInputElement && e.type === 'radio' && e.name && [...e.getRootNode().querySelectorAll('input[type=radio]')].some(r => r !== e && r.name === e.name)) unsure = unsure || 'a group of radio buttons';
      if (e.shadowRoot) {
        if (e.shadowRoot.delegatesFocus) unsure = unsure || 'a shadow host that delegates focus';
        if (e.hasAttribute('tabindex') && e.tabIndex !== 0) unsure = unsure || 'a shadow host with a tabindex';
        en.sub = scope([...e.shadowRoot.children]);
        return; // the host's children show through its slots
      }
      if (e instanceof HTMLSlotElement && e.getRootNode() instanceof ShadowRoot) {
        if (e.hasAttribute('tabindex')) unsure = unsure || 'a slot with a tabindex';
        const a = e.assignedElements();
        en.sub = scope(a.length ? a : [...e.children]);
        return;
      }
      for (const c of e.children) add(c);
    };
    for (const t of tops) add(t);
    const out = [];
    for (const en of list) {
      if (candidate(en.el)) out.push(en.el);
      if (en.sub) out.push(...en.sub);
    }
    return out;
  };
  const els = document.documentElement ? scope([document.documentElement]) : [];
  return unsure ? {unsure} : {els};
}

// focusScriptStart starts a script walk from the top of the page
// (focusReset), with the elements Tab may visit in order; {unsure: why}
// where Tab may not follow it (focusOrder). The walk goes on with a real
// Tab press, then focusScriptWalk.
function focusScriptStart() {
  const o = focusOrder();
  if (o.unsure) return {unsure: o.unsure};
  focusReset();
  window.__saavuOrder = o.els;
  return {n: o.els.length};
}

// focusScriptWalk goes on from where the first Tab press put focus, which
// must be the first element of the order that takes focus, moving focus
// with element.focus() to each next one that takes it, up to maxStops.
// Then it looks for the element
// Tab would go to next, and puts focus back on the last stop, for
// focusScriptCheck. Returns {stops, left, limit}, or {unsure: why}.
function focusScriptWalk(props, maxStops) {
  const order = window.__saavuOrder || [];
  const first = deepActive();
  const W = {stops: [], left: false, limit: false};
  // takes: whether e takes focus; focus is on cur (null: on nothing).
  const none = x => !x || x === document.body || x === document.documentElement;
  const takes = (e, cur) => {
    e.focus();
    const a = deepActive();
    if (a === e) return true;
    if (a !== cur && !(none(a) && none(cur))) throw 'focus went to ' + (a ? a.tagName.toLowerCase() : 'nothing') + ' when ' + e.tagName.toLowerCase() + ' was focused';
    return false;
  };
  let i = 0, last = null, next = null;
  try {
    if (!first || first === document.body) {
      // Tab left the page at once: nothing may take focus.
      for (; i < order.length; i++) if (takes(order[i], null)) return {unsure: 'Tab did not stop at the first element that takes focus'};
      instantOff();
      return W;
    }
    for (; i < order.length; i++) {
      const e = order[i];
      if (e === first) break;
      if (takes(e, first)) return {unsure: 'Tab went past an element that takes focus'};
    }
    if (i === order.length) return {unsure: 'Tab went to an element out of the order'};
    last = first;
    W.stops.push(focusStop(props));
    for (i++; i < order.length; i++) {
      const e = order[i];
      if (!takes(e, last)) continue;
      if (W.stops.length >= maxStops) { next = e; break; }
      last = e;
      W.stops.push(focusStop(props));
    }
  } catch (err) {
    return {unsure: String(err)};
  }
  if (next) W.limit = true;
  else W.left = true;
  window.__saavuNext = next;
  window.__saavuFirst = first;
  last.focus();
  return W;
}

// focusScriptCheck says whether the Tab press after focusScriptWalk went
// where the walk said: the next element, or out of the page. Focus that
// left the last element of a page may come back to its first (Chrome,
// with nowhere else to put it, starts over, a moment later), which the
// key walks see as having left: the first stop counts as out of the page.
// It ends the walk and says how often focus moved.
function focusScriptCheck() {
  const a = deepActive();
  const next = window.__saavuNext, first = window.__saavuFirst;
  const ok = next ? a === next : (!a || a === document.body || a === document.documentElement || a === first);
  delete window.__saavuOrder;
  delete window.__saavuNext;
  delete window.__saavuFirst;
  if (!ok) return {ok, to: a ? a.tagName.toLowerCase() : '', want: next ? next.tagName.toLowerCase() : ''};
  // Focus out of the page may still start over at the first stop:
  // focusMoves does not count that move.
  if (!next && a !== first) window.__saavuWrapTo = first;
  instantOff();
  return {ok, moves: window.__saavuFocusIns ? window.__saavuFocusIns.n : 0};
}
