// The activation probe (probe_activate.go). It runs with the guard on
// (guard.js): what the page tries to send, open or go to is in
// window.__saavuGuard.log. Its own state is in window.__saavuAct: the
// elements its results name by index (els), the elements to click
// (cands), the menus found (menus), and a MutationObserver that watches
// the page from actInstall to actFinish. Each try begins (actBegin:
// changes made since the last try are undone), marks the page once the
// element is ready (the pointer over it, or focus on it), acts, reads what
// changed since the mark (an Effect, see checks.Effect), then undoes
// everything since it began.

// act returns the probe's state.
function act() { return window.__saavuAct; }

// tick waits for one task of the page's event loop.
function tick() { return new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }); }

// sleep waits ms in a timer of the page.
function sleep(ms) { return new Promise(r => setTimeout(r, ms)); }

// shownEl reports whether e is drawn: it has boxes, is visible, is at
// least min px wide and high, and neither it nor an ancestor is almost
// transparent.
function shownEl(e, min) {
  if (!e || !e.getClientRects || !e.getClientRects().length) return false;
  const r = e.getBoundingClientRect();
  if (r.width < min || r.height < min) return false;
  if (getComputedStyle(e).visibility !== 'visible') return false;
  for (let a = e; a && a.nodeType === 1; a = a.parentElement || (a.getRootNode() && a.getRootNode().host)) {
    if (parseFloat(getComputedStyle(a).opacity) < 0.1) return false;
  }
  return true;
}

// tabbable reports whether e is in the sequential focus order.
function tabbable(e) {
  if (!(e instanceof HTMLElement || e instanceof SVGElement) || e.tabIndex < 0) return false;
  if (e.matches(':disabled') || e.closest('[inert]')) return false;
  if (!e.hasAttribute('tabindex') && !e.matches('a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [contenteditable]:not([contenteditable=false]), audio[controls], video[controls]')) return false;
  return !!e.getClientRects().length && getComputedStyle(e).visibility === 'visible';
}

// dialogsShown returns the dialogs of the page that are shown.
function dialogsShown() {
  return [...document.querySelectorAll('[role=dialog], [role=alertdialog], dialog')].filter(d => shownEl(d, 2) && (d.localName !== 'dialog' || d.open));
}

// within reports whether node n is e or inside it, across shadow roots.
function within(e, n) {
  for (let x = n; x; x = x.parentNode || x.host) if (x === e) return true;
  return false;
}

// actInstall sets up the probe's state and starts watching the page.
function actInstall() {
  if (window.__saavuAct) return true;
  const A = window.__saavuAct = {els: [], idx: new Map(), ids: new WeakMap(), next: 0, cands: [], menus: [], recs: [], kept: [], mark: null, x: scrollX, y: scrollY};
  A.mo = new MutationObserver(rs => { for (const r of rs) A.recs.push(r); });
  A.mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true});
  // The state of the form fields, which no mutation record holds.
  A.fields = [...document.querySelectorAll('input, select, textarea')].map(f => [f, f.checked, f.value, f.selectedIndex]);
  return true;
}

// restoreFields puts back the state of the form fields as it was at
// actInstall (a click on a custom checkbox may tick the native one).
function restoreFields() {
  for (const [f, checked, value, index] of act().fields) {
    try {
      if (f.checked !== checked) f.checked = checked;
      if (f.localName === 'select') { if (f.selectedIndex !== index) f.selectedIndex = index; }
      else if (f.value !== value && f.type !== 'file') f.value = value;
    } catch (_) {}
  }
}

// at returns the index of e in the elements the results name.
function at(e) {
  const A = act();
  if (!A.idx.has(e)) { A.idx.set(e, A.els.length); A.els.push(e); }
  return A.idx.get(e);
}

// take returns the records of changes since the last take.
function take() {
  const A = act();
  for (const r of A.mo.takeRecords()) A.recs.push(r);
  const out = A.recs;
  A.recs = [];
  return out;
}

// actBegin begins a try: the changes since the last one (a timer of the
// page, or the last try when it was not undone) are undone, focus is
// nowhere.
function actBegin() {
  const A = act();
  if (A.noScroll) { window.removeEventListener('keydown', A.noScroll); A.noScroll = null; }
  undoMutations(A.kept.concat(take()));
  take();
  restoreFields();
  blurActive();
  A.kept = [];
  A.mark = null;
  A.sx = scrollX; A.sy = scrollY;
  return true;
}

// markNow marks the page as it is before the action on el: what changed
// so far is kept to be undone, not counted.
function markNow(el) {
  const A = act(), G = window.__saavuGuard;
  for (const r of take()) A.kept.push(r);
  A.mark = {el, log: G ? G.log.length : 0, sx: scrollX, sy: scrollY, dialogs: new Set(dialogsShown()), open: new Set([...document.querySelectorAll('dialog[open]')])};
}

// effectOf returns what the action on el did since the mark (the records
// recs), or null when nothing; kind is click, key, focus or change.
function effectOf(el, kind, recs) {
  const A = act(), m = A.mark, G = window.__saavuGuard;
  const id = n => { if (!A.ids.has(n)) A.ids.set(n, A.next++); return A.ids.get(n); };
  const changed = [];
  const same = sameChildren(recs);
  for (const [k, e] of mutatedElements(recs, id)) {
    if ((k.endsWith(' +') || k.endsWith(' -')) && same.has(e)) continue;
    // Attributes of the root and the body are where scripts note how the
    // page is used (data-whatinput="mouse", class="user-is-tabbing").
    if ((e === document.documentElement || e === document.body) && k.includes(' @')) continue;
    if (!changed.includes(e)) changed.push(e);
  }
  const a = deepActive();
  const nowhere = !a || a === document.body || a === document.documentElement;
  let focus = -1, blurred = false;
  if (!nowhere && !within(el, a) && !within(a, el)) focus = at(a);
  if (nowhere && kind !== 'click' && kind !== 'change') blurred = true;
  const e = {node: at(el), changed: changed.slice(0, 5).map(at), focus, blurred, navigate: '', newWindow: false, submit: '', requests: [], print: false, scrolled: false};
  const here = String(location.href).split('#')[0];
  for (const l of (G ? G.log.slice(m.log) : [])) {
    switch (l.kind) {
      case 'navigate':
        if (l.same && l.url.split('#')[0] === here) { e.scrolled = true; break; }
        if (!e.navigate) { e.navigate = l.url; e.newWindow = !!l.newWindow; }
        break;
      case 'open':
        if (!e.navigate) e.navigate = l.url;
        e.newWindow = true;
        break;
      case 'submit':
        if (!e.submit) e.submit = l.method + ' ' + l.url;
        if (l.newWindow) e.newWindow = true;
        break;
      case 'request': case 'websocket': case 'eventsource':
        if (e.requests.length < 5) e.requests.push((l.method || 'GET') + ' ' + l.url);
        break;
      case 'print':
        e.print = true;
    }
  }
  if (kind === 'click' && (Math.abs(scrollX - m.sx) > 1 || Math.abs(scrollY - m.sy) > 1)) e.scrolled = true;
  const any = e.changed.length || e.focus >= 0 || e.blurred || e.navigate || e.newWindow || e.submit || e.requests.length || e.print || e.scrolled;
  return any ? e : null;
}

// sameChildren returns the elements whose children the records replaced
// with equal ones (content rendered again as it was).
function sameChildren(recs) {
  const by = new Map();
  for (const r of recs) {
    if (r.type !== 'childList') continue;
    if (!by.has(r.target)) by.set(r.target, {added: [], removed: []});
    const b = by.get(r.target);
    for (const n of r.addedNodes) b.added.push(n);
    for (const n of r.removedNodes) b.removed.push(n);
  }
  const out = new Set();
  for (const [t, b] of by) {
    const added = b.added.filter(n => n.parentNode === t && !b.removed.includes(n));
    const removed = b.removed.filter(n => n.parentNode !== t && !b.added.includes(n));
    if (added.length === removed.length && added.every((n, i) => n.isEqualNode(removed[i]))) out.add(t);
  }
  return out;
}

// settleAction waits for the handlers of an action, and what they start
// at once (a promise, a timeout of 0).
async function settleAction() {
  await tick(); await tick();
  await sleep(0);
  await tick();
}

// actFocusAll focuses, one at a time, the first max elements in the
// sequential focus order that are shown, and returns how many it focused
// and the effects of those whose focus changed the context: went to
// another page, opened a window, submitted a form, or moved focus
// elsewhere or nowhere (3.2.1). When the page has no focus listener
// (listened false), it only counts them.
async function actFocusAll(max, listened) {
  const A = act(), els = [];
  walkDeep(document.body || document.documentElement, NodeFilter.SHOW_ELEMENT, e => { if (tabbable(e) && shownEl(e, 4)) els.push(e); }, () => els.length < max);
  if (!listened) return {focused: els.length, effects: []};
  let focused = 0;
  const out = [];
  for (const el of els) {
    actBegin();
    markNow(el);
    let got = false;
    const on = () => { got = true; };
    el.addEventListener('focus', on, true);
    try { el.focus({preventScroll: true}); } catch (_) {}
    el.removeEventListener('focus', on, true);
    if (!got) continue;
    focused++;
    await tick(); await tick();
    const recs = take();
    for (const r of recs) A.kept.push(r);
    const e = effectOf(el, 'focus', recs);
    if (e && (e.navigate || e.newWindow || e.submit || e.print || e.focus >= 0 || e.blurred)) out.push(e);
  }
  actBegin();
  return {focused, effects: out};
}

// actChanges changes, one at a time, the value of up to max select
// menus, max radio button groups and max checkboxes as a keyboard user
// would (the next option; the next radio button; the box ticked or
// cleared), with the events that brings, and returns what each did. The
// value is put back after each. When nothing on the page listens to
// their events (listened false), it only lists them: changing them can do
// nothing else.
async function actChanges(max, listened) {
  const ok = e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility === 'visible';
  const selects = [...document.querySelectorAll('select')].filter(s => ok(s) && !s.multiple && s.options.length > 1).slice(0, max);
  const groups = new Map();
  for (const r of document.querySelectorAll('input[type=radio]')) {
    if (!ok(r)) continue;
    const k = r.name ? (r.form ? 'f' : 'd') + r.name : r;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  const radios = [...groups.values()].map(g => g.find(r => !r.checked)).filter(Boolean).slice(0, max);
  const boxes = [...document.querySelectorAll('input[type=checkbox]')].filter(ok).slice(0, max);
  const out = [];
  if (!listened) return [...selects, ...radios, ...boxes].map(el => ({node: at(el), effect: null}));
  for (const el of [...selects, ...radios, ...boxes]) {
    actBegin();
    markNow(el);
    let undo;
    if (el.localName === 'select') {
      const old = el.selectedIndex;
      const opts = [...el.options];
      let j = opts.findIndex((o, i) => i > old && !o.disabled);
      if (j < 0) j = opts.findIndex((o, i) => i !== old && !o.disabled);
      if (j < 0) continue;
      el.selectedIndex = j;
      el.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
      el.dispatchEvent(new Event('change', {bubbles: true}));
      undo = () => { el.selectedIndex = old; };
    } else {
      const group = el.type === 'radio' && el.name ? [...document.querySelectorAll('input[type=radio]')].filter(r => r.name === el.name && r.form === el.form) : [el];
      const old = group.map(r => r.checked);
      el.click();
      undo = () => group.forEach((r, i) => { r.checked = old[i]; });
    }
    await settleAction();
    const recs = take();
    for (const r of recs) act().kept.push(r);
    const e = effectOf(el, 'change', recs);
    undo();
    out.push({node: at(el), effect: e});
  }
  actBegin();
  return out;
}

// actSet keeps the elements to click, and returns for each whether it
// is in the sequential focus order.
function actSet(...els) {
  const A = act();
  A.cands = els;
  return els.map(e => tabbable(e));
}

// actReact returns the elements that a React onClick (or mouse or pointer
// down) handler is on, none when the page has no React root.
function actReact(max) {
  const keys = e => Object.keys(e);
  const roots = [...document.querySelectorAll('body > *, body > * > *')].some(e => keys(e).some(k => k.startsWith('__reactContainer$') || k === '_reactRootContainer'));
  if (!roots) return [];
  const out = [];
  walkDeep(document.body, NodeFilter.SHOW_ELEMENT, e => {
    const k = keys(e).find(k => k.startsWith('__reactProps$'));
    const p = k && e[k];
    if (p && (p.onClick || p.onMouseDown || p.onPointerDown || p.onMouseUp)) out.push(e);
  }, () => out.length < max);
  return out;
}

// actPoint begins the try of a click on element i: it scrolls it to the
// middle of the window and returns the point to click, its centre, or
// null when other content covers it there.
function actPoint(i) {
  const el = act().cands[i];
  actBegin();
  if (!el.isConnected) return null;
  el.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
  let hit = document.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit && within(el, hit) ? [x, y] : null;
}

// actHovered marks the page once the pointer is over element i, and an
// element that can take focus has it (what the mouse button's focus
// changes is not counted).
async function actHovered(i) {
  const el = act().cands[i];
  if (el.hasAttribute('tabindex') || tabbable(el)) { try { el.focus({preventScroll: true}); } catch (_) {} }
  await tick(); await tick();
  markNow(el);
  return true;
}

// noScroll keeps Space from scrolling the page, smoothly, when the page
// did not handle it, until the try ends: that is not counted, and must
// not run on into the next try.
function noScroll() {
  const A = act();
  A.noScroll = e => { if (e.key === ' ' && !e.defaultPrevented) e.preventDefault(); };
  window.addEventListener('keydown', A.noScroll);
}

// actFocus begins the try of a key on element i: it focuses it, then
// dispatches a key that does nothing (F13), so that what focus and any
// key do (a class that shows keyboard focus) is not counted, and marks
// the page. Space is kept from scrolling the page. It returns whether
// the element has focus.
async function actFocus(i) {
  const A = act(), el = A.cands[i];
  actBegin();
  noScroll();
  try { el.focus({preventScroll: true}); } catch (_) {}
  for (const type of ['keydown', 'keyup']) el.dispatchEvent(new KeyboardEvent(type, {key: 'F13', code: 'F13', bubbles: true, cancelable: true, composed: true}));
  await tick(); await tick();
  markNow(el);
  return deepActive() === el;
}

// actEnd returns what the click or key (kind) on element i did, and the
// dialog it opened: whether it is modal, whether focus went into it
// (waiting for it up to 400 ms) and how many elements in it take focus
// with Tab.
async function actEnd(i, kind) {
  const A = act(), el = A.cands[i];
  await settleAction();
  const recs = take();
  for (const r of recs) A.kept.push(r);
  const d = dialogsShown().find(d => !A.mark.dialogs.has(d));
  let dialog = null;
  if (d) {
    for (let k = 0; k < 20 && !within(d, deepActive()); k++) await sleep(20);
    for (const r of take()) A.kept.push(r);
    const a = deepActive();
    const tabs = [];
    walkDeep(d, NodeFilter.SHOW_ELEMENT, e => { if (tabbable(e)) tabs.push(e); }, () => tabs.length < 20);
    A.dialog = d;
    dialog = {dialog: at(d), modal: d.getAttribute('aria-modal') === 'true' || (d.localName === 'dialog' && d.matches(':modal')),
      focusIn: within(d, a), focus: a && a !== document.body && !within(d, a) ? at(a) : -1, tabbables: tabs.length};
  }
  return {effect: effectOf(el, kind, recs), dialog};
}

// actDialogIn puts focus on the first element in the dialog that Tab
// reaches, unless it is in the dialog already, and says whether it is.
function actDialogIn() {
  const d = act().dialog;
  if (within(d, deepActive())) return true;
  const tabs = [];
  walkDeep(d, NodeFilter.SHOW_ELEMENT, e => { if (tabbable(e)) tabs.push(e); }, () => !tabs.length);
  if (tabs.length) tabs[0].focus();
  return within(d, deepActive());
}

// actWhere says where focus is: in the dialog or not, and on which
// element (-1: nothing).
function actWhere() {
  const d = act().dialog, a = deepActive();
  const none = !a || a === document.body || a === document.documentElement;
  return {in: within(d, a), el: none ? -1 : at(a)};
}

// actUndo ends a try: dialogs it opened are closed, every change since
// it began is undone (the form fields' state too), focus is nowhere and
// the page scrolled back.
async function actUndo() {
  const A = act();
  for (const d of document.querySelectorAll('dialog[open]')) if (A.mark && !A.mark.open.has(d)) { try { d.close(); } catch (_) {} }
  await tick();
  const recs = A.kept.concat(take());
  undoMutations(recs);
  take();
  restoreFields();
  blurActive();
  if (A.noScroll) { window.removeEventListener('keydown', A.noScroll); A.noScroll = null; }
  A.kept = [];
  A.dialog = null;
  const sel = getSelection();
  if (sel) sel.removeAllRanges();
  scrollTo({left: A.sx, top: A.sy, behavior: 'instant'});
  return true;
}

// actMenus finds menu items (a list item, or an element with role
// menuitem or aria-haspopup) that hold links hidden now (not rendered,
// or invisible): what hovering may show. It keeps up to max of them and
// returns, for each, whether a style rule of the page shows something
// when the pointer is over it, an element in it or around it.
function actMenus(max) {
  const A = act();
  A.menus = [];
  const found = new Map();
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.getClientRects().length && getComputedStyle(a).visibility === 'visible') continue;
    let t = a.parentElement;
    while (t && !shownEl(t, 2)) t = t.parentElement;
    if (!t || !(t.localName === 'li' || t.getAttribute('role') === 'menuitem' || t.hasAttribute('aria-haspopup'))) continue;
    if (!found.has(t)) {
      if (found.size >= max) continue;
      found.set(t, []);
    }
    found.get(t).push(a);
  }
  for (const [t, links] of found) A.menus.push({trigger: t, hidden: links, shown: []});
  if (!A.menus.length) return [];
  // The elements that style rules with :hover followed by a combinator
  // are about (".menu li:hover > ul": ".menu li").
  const sels = [];
  const look = list => { for (const r of list) { if (r.selectorText && r.selectorText.includes(':hover')) sels.push(r.selectorText); if (r.cssRules && r.cssRules.length) look(r.cssRules); } };
  for (const sh of document.styleSheets) { try { look(sh.cssRules); } catch (_) {} }
  const hovers = [];
  for (const text of sels) for (const sel of text.split(',')) {
    const m = sel.match(/^(.*?):hover((?:\s*[>+~]\s*|\s+)[^\s>+~].*)$/);
    if (m) hovers.push(m[1].replace(/:(hover|focus|focus-within|focus-visible|active|visited|link)\b/g, '').trim() || '*');
  }
  const about = (t, x) => { try { return t.matches(x) || !!t.closest(x) || !!t.querySelector(x); } catch (_) { return true; } };
  return A.menus.map(m => hovers.some(x => about(m.trigger, x)));
}

// actMenuTriggers returns the menu items actMenus found.
function actMenuTriggers() {
  return act().menus.map(m => m.trigger);
}

// menuShown returns the hidden links of menu i that are shown now, after
// finishing the animations in it.
function menuShown(i) {
  const m = act().menus[i];
  for (const an of m.trigger.getAnimations ? m.trigger.getAnimations({subtree: true}) : []) { try { an.finish(); } catch (_) {} }
  return m.hidden.filter(a => shownEl(a, 1));
}

// actMenuPoint begins the try of menu i: it scrolls its item into view
// and returns the point to hover, the middle of the item's first shown
// child (the item's own link or text), or null.
function actMenuPoint(i) {
  const t = act().menus[i].trigger;
  actBegin();
  t.scrollIntoView({block: 'nearest', inline: 'nearest', behavior: 'instant'});
  const c = [...t.children].find(e => shownEl(e, 2)) || t;
  const r = c.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
  const hit = document.elementFromPoint(x, y);
  return hit && within(t, hit) ? [x, y] : null;
}

// actMenuHovered waits, up to wait ms, for the pointer over menu i to
// show its links, and returns how many it showed and whether it had to
// wait.
async function actMenuHovered(i, wait) {
  const m = act().menus[i];
  await tick(); await tick();
  m.shown = menuShown(i);
  let waited = false;
  for (let t = 0; t < wait && !m.shown.length; t += 30) { await sleep(30); m.shown = menuShown(i); waited = true; }
  for (const r of take()) act().kept.push(r);
  return {shown: m.shown.length, waited: waited && m.shown.length > 0};
}

// actMenuFocus focuses the first element of menu i that Tab reaches and
// says whether that shows the links hovering showed.
async function actMenuFocus(i) {
  const m = act().menus[i];
  actBegin();
  const tabs = [];
  walkDeep(m.trigger, NodeFilter.SHOW_ELEMENT, e => { if (tabbable(e)) tabs.push(e); }, () => !tabs.length);
  if (!tabs.length) return false;
  markNow(tabs[0]);
  tabs[0].focus({preventScroll: true});
  await settleAction();
  let shown = menuShown(i).some(a => m.shown.includes(a));
  for (let k = 0; k < 5 && !shown; k++) { await sleep(30); shown = menuShown(i).some(a => m.shown.includes(a)); }
  return shown;
}

// actMenuToggle begins a key's try on menu i: it focuses the item's
// control that opens it (a button, a menu item, or an element with
// aria-expanded or aria-haspopup, that Tab reaches) and returns its index, or -1 when the
// item has none.
async function actMenuToggle(i) {
  const m = act().menus[i];
  actBegin();
  const tabs = [];
  const toggle = e => e.matches('button, [role=button], [role=menuitem], summary, [aria-expanded], [aria-haspopup]:not([aria-haspopup=false])');
  walkDeep(m.trigger, NodeFilter.SHOW_ELEMENT, e => { if (tabbable(e) && toggle(e) && !m.hidden.some(a => within(a, e))) tabs.push(e); }, () => !tabs.length);
  if (!tabs.length) return -1;
  noScroll();
  tabs[0].focus({preventScroll: true});
  await tick();
  markNow(tabs[0]);
  return at(tabs[0]);
}

// actMenuKeyed says whether the key pressed showed the links of menu i
// that hovering showed, waiting up to 150 ms for them.
async function actMenuKeyed(i) {
  const m = act().menus[i];
  await settleAction();
  let shown = menuShown(i).some(a => m.shown.includes(a));
  for (let t = 0; t < 150 && !shown; t += 30) { await sleep(30); shown = menuShown(i).some(a => m.shown.includes(a)); }
  for (const r of take()) act().kept.push(r);
  return shown;
}

// actMenuElements returns, for menu i, its item and the links hovering
// showed, as indexes in the elements the results name.
function actMenuElements(i) {
  const m = act().menus[i];
  return [at(m.trigger), ...m.shown.map(at)];
}

// actElements returns the elements the results name by index.
function actElements() {
  return act().els;
}

// actFinish undoes what is left, stops watching, and scrolls the page
// back to where it was.
function actFinish() {
  const A = act();
  if (!A) return true;
  undoMutations(A.kept.concat(take()));
  A.mo.disconnect();
  restoreFields();
  blurActive();
  scrollTo({left: A.x, top: A.y, behavior: 'instant'});
  delete window.__saavuAct;
  return true;
}
