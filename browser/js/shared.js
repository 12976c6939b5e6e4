// Helpers of the probes' scripts. js.go puts this file and a probe's file
// in one function for each call: the helpers are local to the call, none
// is a global of the page. Each helper is also a script of its own
// (jsFunc("shared.js", name)).

// deepActive returns the focused element, inside open shadow roots.
function deepActive() {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

// blurActive takes focus off whatever has it (but the body).
function blurActive() {
  const a = document.activeElement;
  if (a && a !== document.body && a.blur) a.blur();
  return true;
}

// walkDeep calls f on each node under root that whatToShow selects (a
// NodeFilter mask), in tree order, going into the open shadow root of an
// element right after the element, while more() (when given) is true.
function walkDeep(root, whatToShow, f, more) {
  const w = document.createTreeWalker(root, whatToShow);
  for (let n = w.nextNode(); n && (!more || more()); n = w.nextNode()) {
    f(n);
    if (n.shadowRoot) walkDeep(n.shadowRoot, whatToShow, f, more);
  }
}

// scrollToY scrolls the page to y CSS px from its top, at once, and
// returns how far it scrolled (less when the page is shorter).
function scrollToY(y) {
  scrollTo({left: 0, top: y, behavior: 'instant'});
  return scrollY;
}

// settle lets the page's resize handlers run after the viewport or the
// styles changed (one animation frame, 50 ms at most).
function settle() {
  return new Promise(r => { const t = setTimeout(() => r(true), 50); requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); r(true); }, 0)); });
}

// undoMutations undoes the DOM changes that MutationObserver records
// (taken with attributeOldValue and characterDataOldValue) describe,
// last first.
function undoMutations(recs) {
  for (let i = recs.length - 1; i >= 0; i--) {
    const r = recs[i];
    try {
      if (r.type === 'attributes') {
        if (r.oldValue === null) r.target.removeAttributeNS(r.attributeNamespace, r.attributeName);
        else r.target.setAttributeNS(r.attributeNamespace, r.attributeName, r.oldValue);
      } else if (r.type === 'characterData') {
        r.target.data = r.oldValue;
      } else {
        for (const n of r.addedNodes) if (n.parentNode === r.target) r.target.removeChild(n);
        const next = r.nextSibling && r.nextSibling.parentNode === r.target ? r.nextSibling : null;
        for (const n of r.removedNodes) r.target.insertBefore(n, next);
      }
    } catch (_) {}
  }
  return true;
}

// mutatedElements maps the net changes of MutationObserver records (an
// attribute or text whose value differs from before, content added that
// is still there, content removed that is gone), as "id what" keys, to
// the element they are in, outside what the records added. id(node)
// gives each node a number of its own.
function mutatedElements(recs, id) {
  const first = new Map(), out = new Map(), added = [];
  for (const r of recs) for (const n of r.addedNodes || []) added.push(n);
  const owner = n => {
    let e = n.nodeType === 1 ? n : n.parentElement;
    while (e && added.some(a => a !== e && a.contains(e))) e = e.parentElement;
    while (e && added.includes(e)) e = e.parentElement;
    return e;
  };
  const key = (n, what) => id(n) + ' ' + what;
  for (const r of recs.slice(0, 2000)) {
    if (r.type === 'attributes') {
      const k = key(r.target, '@' + r.attributeName);
      if (!first.has(k)) first.set(k, [r.oldValue, () => r.target.getAttributeNS(r.attributeNamespace, r.attributeName), r.target]);
    } else if (r.type === 'characterData') {
      const k = key(r.target, '#text');
      if (!first.has(k)) first.set(k, [r.oldValue, () => r.target.data, r.target]);
    } else {
      for (const n of r.addedNodes) if (n.isConnected) out.set(key(r.target, '+'), r.target);
      for (const n of r.removedNodes) if (!n.isConnected) out.set(key(r.target, '-'), r.target);
    }
  }
  for (const [k, [old, now, t]] of first) if (t.isConnected && old !== now()) out.set(k, t);
  const res = new Map();
  for (const [k, t] of out) {
    const e = owner(t);
    if (e) res.set(k, e);
  }
  return res;
}
