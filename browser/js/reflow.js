// The reflow probe (probe_reflow.go).

// reflow finds what reaches beyond the right edge of the window: for
// each text node that does, the outermost element around it that does
// too (the one to make narrower), or its own element when the text sticks
// out of it (a long word); then images, videos, frames and form fields,
// maxBoxes in all at most. Text inside an element that clips or scrolls
// its overflow and fits the window is not counted: the window does not
// scroll for it. It leaves the elements in window.__saavuReflow and
// returns what it saw of each.
function reflow(maxBoxes) {
  const de = document.documentElement, body = document.body;
  const els = window.__saavuReflow = [];
  const vw = de.clientWidth || innerWidth;
  const edge = vw + 1;
  const clips = v => v === 'hidden' || v === 'clip';
  // The window takes its overflow from html, or from body when html's is visible.
  let ox = getComputedStyle(de).overflowX;
  if (ox === 'visible' && body) ox = getComputedStyle(body).overflowX;
  const out = {vw, sw: Math.max(de.scrollWidth, body ? body.scrollWidth : 0), scrolls: !clips(ox), wide: []};
  if (!body || out.sw <= edge) return out;
  const exempt = 'table:not([role=presentation]):not([role=none]), pre, code, kbd, samp, svg, math, canvas, video, audio, iframe, object, embed, img, [role=toolbar], [role=grid], [role=treegrid], [role=application], [role=img], [role=math]';
  const up = a => a.parentElement || (a.parentNode instanceof ShadowRoot ? a.parentNode.host : null);
  // climb looks at the ancestors of e (e included): the outermost one that
  // reaches beyond the edge, whether one fitting the window clips or
  // scrolls what sticks out, whether one is fixed, and the nearest exempt one.
  const climb = e => {
    const c = {culprit: null, exempt: '', fixed: false, contained: false};
    for (let a = e; a && a !== de; a = up(a)) {
      const cs = getComputedStyle(a), r = a.getBoundingClientRect();
      if (!c.exempt && a.matches(exempt)) c.exempt = (a.getAttribute('role') || '').trim() || a.localName;
      if (cs.position === 'fixed') c.fixed = true;
      if (a !== body && cs.overflowX !== 'visible' && r.right <= edge) { c.contained = true; return c; }
      if (r.right > edge && r.width > 0) c.culprit = a;
    }
    return c;
  };
  const found = new Map();
  const add = (e, kind, right, c, word) => {
    let rec = found.get(e);
    if (!rec) {
      if (out.wide.length >= maxBoxes) return;
      rec = {el: els.length, kind, right: 0, width: e.getBoundingClientRect().width, texts: 0, word: false, exempt: c.exempt, cut: true, mixed: false};
      els.push(e); found.set(e, rec); out.wide.push(rec);
    }
    if (kind === 'text') rec.texts++;
    rec.right = Math.max(rec.right, right);
    rec.word = rec.word || word;
    if (rec.exempt !== c.exempt) rec.mixed = true;
    rec.cut = rec.cut && (c.fixed || !out.scrolls);
  };
  let budget = 30000;
  const text = t => {
    const p = t.parentElement;
    if (!p || !t.data.trim()) return;
    const r = document.createRange();
    r.selectNodeContents(t);
    let right = 0;
    for (const b of r.getClientRects()) if (b.width > 1 && b.height > 1) right = Math.max(right, b.right);
    if (right <= edge || getComputedStyle(p).visibility !== 'visible') return;
    const c = climb(p);
    if (c.contained) return;
    const host = c.culprit || p;
    add(host, 'text', right, c, right > host.getBoundingClientRect().right + 1);
  };
  walkDeep(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, n => {
    budget--;
    if (n.nodeType === 3) text(n);
  }, () => budget > 0);
  for (const e of body.querySelectorAll('img, video, canvas, iframe, object, embed, svg, input, select, textarea')) {
    if (budget-- <= 0) break;
    if (e.localName === 'svg' && e.parentElement && e.parentElement.closest('svg')) continue;
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= edge || getComputedStyle(e).visibility !== 'visible') continue;
    const c = climb(up(e) || e);
    if (c.contained) continue;
    const control = /^(input|select|textarea)$/.test(e.localName);
    if (control && (e.type === 'hidden')) continue;
    add(e, control ? 'control' : 'media', r.right, control ? c : {...c, exempt: c.exempt || e.localName}, false);
  }
  for (const w of out.wide) if (w.mixed) w.exempt = '';
  // Text pushed along by a wide element inside its own (the full stop
  // after a line that does not wrap) is that element's doing.
  out.wide = out.wide.filter(w => !(w.word && w.kind === 'text' && els.some((e, i) => i !== w.el && els[w.el].contains(e))));
  return out;
}

// reflowElements returns the elements reflow found.
function reflowElements() {
  return window.__saavuReflow || [];
}
