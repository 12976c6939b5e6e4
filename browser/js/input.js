// The input probe (probe_input.go). inputInstall keeps its state and its
// try function in window.__saavuInput, for inputKeys and inputMotion.

// inputInstall installs window.__saavuInput: try(name, fire) runs fire(),
// waits two tasks for handlers that update later, and returns what
// changed, then puts the page back. Changes that a neutral input makes
// too (base: a library that marks the page as used by keyboard on any key)
// are not counted.
function inputInstall() {
  if (window.__saavuInput) return true;
  const I = window.__saavuInput = {els: [], base: null, ids: new WeakMap(), next: 0, nav: 'none'};
  const tick = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
  const undo = undoMutations;
  // changes maps the net changes of the records to the element they are
  // in (mutatedElements).
  const changes = recs => mutatedElements(recs, n => { if (!I.ids.has(n)) I.ids.set(n, I.next++); return I.ids.get(n); });
  // From now on the page stays: a navigation the page starts (also later,
  // from a timer an input set) is stopped; one an input started is
  // recorded.
  if (window.navigation) navigation.addEventListener('navigate', e => {
    if (!I.nav) I.nav = e.destination.url;
    if (e.cancelable) e.preventDefault();
  });
  I.try = async (name, fire) => {
    blurActive();
    const x = scrollX, y = scrollY;
    const recs = [];
    const mo = new MutationObserver(rs => recs.push(...rs));
    mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true});
    I.nav = '';
    const open = window.open;
    window.open = u => { if (!I.nav) { try { I.nav = String(new URL(u, location.href)); } catch (_) { I.nav = String(u); } } return null; };
    try { await fire(); } catch (_) {}
    await tick(); await tick();
    recs.push(...mo.takeRecords());
    mo.disconnect();
    window.open = open;
    const nav = I.nav;
    const net = changes(recs);
    const a = document.activeElement;
    const focus = a && a !== document.body && a !== document.documentElement ? a : null;
    const scrolled = Math.abs(scrollX - x) > 1 || Math.abs(scrollY - y) > 1;
    undo(recs);
    blurActive();
    if (scrolled) scrollTo({left: x, top: y, behavior: 'instant'});
    // What a neutral input changes too does not count.
    const changed = [];
    for (const [k, e] of net) if (!(I.base && I.base.has(k)) && !changed.includes(e)) changed.push(e);
    if (name === null) { I.base = new Set(net.keys()); return null; }
    if (!changed.length && !focus && !scrolled && !nav) return null;
    const at = e => { I.els.push(e); return I.els.length - 1; };
    return {input: name, changed: changed.slice(0, 5).map(at), focus: focus ? at(focus) : -1, scrolled, navigate: nav};
  };
  return true;
}

// inputKeys presses every printable character of a US keyboard, one at a
// time, as keydown, keypress and keyup at the body, after a neutral key
// (F13) that sets the base. It returns the reactions and the keys tried.
async function inputKeys() {
  const I = window.__saavuInput;
  const base = '`1234567890-=[]\\;\',./';
  const shifted = '~!@#$%^&*()_+{}|:"<>?';
  const codes = {'-': 189, '=': 187, '[': 219, ']': 221, '\\': 220, ';': 186, "'": 222, ',': 188, '.': 190, '/': 191, '`': 192};
  const names = {'-': 'Minus', '=': 'Equal', '[': 'BracketLeft', ']': 'BracketRight', '\\': 'Backslash', ';': 'Semicolon', "'": 'Quote', ',': 'Comma', '.': 'Period', '/': 'Slash', '`': 'Backquote'};
  const keys = [];
  for (let c = 97; c <= 122; c++) keys.push(String.fromCharCode(c));
  for (const c of base) keys.push(c);
  for (let c = 65; c <= 90; c++) keys.push(String.fromCharCode(c));
  for (const c of shifted) keys.push(c);
  const info = k => {
    let b = k, shift = false;
    if (/[A-Z]/.test(k)) { b = k.toLowerCase(); shift = true; }
    const si = shifted.indexOf(k);
    if (si >= 0) { b = base.charAt(si); shift = true; }
    let code = '', kc = 0;
    if (/[a-z]/.test(b)) { code = 'Key' + b.toUpperCase(); kc = b.toUpperCase().charCodeAt(0); }
    else if (/[0-9]/.test(b)) { code = 'Digit' + b; kc = b.charCodeAt(0); }
    else { code = names[b] || ''; kc = codes[b] || 0; }
    return {code, kc, shift};
  };
  const press = (k, code, kc, shift) => {
    const t = document.activeElement || document.body;
    for (const type of ['keydown', 'keypress', 'keyup']) {
      const ev = new KeyboardEvent(type, {key: k, code, shiftKey: shift, bubbles: true, cancelable: true, composed: true, view: window});
      const cc = type === 'keypress' ? k.charCodeAt(0) : 0;
      const w = type === 'keypress' ? cc : kc;
      try {
        Object.defineProperty(ev, 'keyCode', {get: () => w});
        Object.defineProperty(ev, 'which', {get: () => w});
        Object.defineProperty(ev, 'charCode', {get: () => cc});
      } catch (_) {}
      const go = t.dispatchEvent(ev);
      if (type === 'keydown' && !go) break; // no keypress after a prevented keydown
    }
  };
  await I.try(null, () => press('F13', 'F13', 124, false));
  const out = [];
  for (const k of keys) {
    const i = info(k);
    const r = await I.try(k, () => press(k, i.code, i.kc, i.shift));
    if (r) out.push(r);
    if (out.length >= 20) break;
  }
  return {tried: keys, reactions: out};
}

// inputMotion tilts the device (deviceorientation events: right, left,
// forward, back, turned) and shakes it (devicemotion events), with a
// neutral reading as the base.
async function inputMotion() {
  const I = window.__saavuInput;
  const tick = () => new Promise(r => setTimeout(r, 0));
  const orient = async list => {
    for (const [a, b, g] of list) {
      for (const type of ['deviceorientation', 'deviceorientationabsolute']) {
        window.dispatchEvent(new DeviceOrientationEvent(type, {alpha: a, beta: b, gamma: g, absolute: type !== 'deviceorientation'}));
      }
      await tick();
    }
  };
  const motion = async list => {
    for (const [x, y, z, r] of list) {
      window.dispatchEvent(new DeviceMotionEvent('devicemotion', {
        acceleration: {x, y, z}, accelerationIncludingGravity: {x, y: y + 9.81, z},
        rotationRate: {alpha: r, beta: r, gamma: r}, interval: 16}));
      await tick();
    }
  };
  await I.try(null, () => orient([[0, 0, 0], [0, 0, 0]]));
  const out = [];
  const tilt = await I.try('tilt', () => orient([[0, 0, 0], [0, 0, 45], [0, 0, 0], [0, 0, -45], [0, 0, 0], [0, 45, 0], [0, -45, 0], [90, 0, 0], [180, 0, 0], [0, 0, 0]]));
  if (tilt) out.push(tilt);
  const shake = [];
  for (let i = 0; i < 12; i++) { const s = i % 2 ? -1 : 1; shake.push([25 * s, 25 * s, 25 * s, 90 * s]); }
  const sh = await I.try('shake', () => motion([[0, 0, 0, 0], ...shake, [0, 0, 0, 0]]));
  if (sh) out.push(sh);
  return {tried: ['tilt', 'shake'], reactions: out};
}

// inputElements returns the elements the reactions name by index.
function inputElements() {
  return window.__saavuInput.els;
}

// inputPaste pastes into each password field of the page (open shadow
// trees included): a synthetic paste event with text in its
// clipboardData, dispatched at the field with focus on it. The event
// inserts nothing by itself; a page handler that cancels it
// (preventDefault, onpaste="return false") and puts nothing in the field
// blocks pasting. What the handlers change is undone (window.__saavuInput
// .try) and the field's value put back. It returns, for each field,
// whether pasting was blocked, the fields as indexes into
// window.__saavuPaste.
async function inputPaste() {
  const I = window.__saavuInput;
  const fields = window.__saavuPaste = [];
  walkDeep(document, NodeFilter.SHOW_ELEMENT, e => { if (e.tagName === 'INPUT' && e.type === 'password') fields.push(e); });
  const out = [];
  for (const f of fields.slice(0, 20)) {
    const before = f.value;
    let blocked = false;
    await I.try('paste', () => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'saavu-paste');
      const ev = new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true, composed: true});
      try { f.focus({preventScroll: true}); } catch (_) {}
      const went = f.dispatchEvent(ev);
      blocked = !went && !f.value.includes('saavu-paste');
    });
    if (f.value !== before) f.value = before;
    out.push({el: out.length, blocked});
  }
  return out;
}

// inputPasted returns the fields inputPaste pasted into.
function inputPasted() {
  return window.__saavuPaste || [];
}
