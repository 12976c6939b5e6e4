// The controls probe (probe_controls.go): the borders of text fields and
// what the icons of controls without visible text are painted with.

// controlsRead returns, for each target ({sel, tag, icon}), null when
// the selector does not find an element of that tag, else its four
// borders, top, right, bottom, left, as "width style colour", and, when
// icon is set, the paints of its icon (controlPaints).
function controlsRead(targets) {
  const cache = new Map();
  try {
    return targets.map(t => {
      let e = null;
      try { e = document.querySelector(t.sel); } catch (_) {}
      if (!e || e.localName !== t.tag) return null;
      const c = getComputedStyle(e);
      const borders = ['top', 'right', 'bottom', 'left'].map(s =>
        c.getPropertyValue('border-' + s + '-width') + ' ' + c.getPropertyValue('border-' + s + '-style') + ' ' + c.getPropertyValue('border-' + s + '-color'));
      return {borders, icon: t.icon ? controlPaints(e, cache) : []};
    });
  } finally {
    cache.clear();
  }
}

// controlPaints returns what the content of control el paints, at most
// 12 paints: {what, color, alpha, box}, what being "fill" or "stroke" (an
// SVG shape), "glyph" (a character, of the element's text or drawn by
// ::before or ::after), "box" (the background or border of an empty box)
// or "image" (a picture, whose colours are not read); alpha is the
// opacity inside el; box is from el's top left corner. cache keeps what
// is learnt of shapes that several controls share (the symbols of a
// sprite) between calls.
function controlPaints(el, cache) {
  const out = [];
  // Boxes from el's top left corner: a fixed control moves with scrolling.
  const o = el.getBoundingClientRect();
  const rect = r => ({x: r.x - o.x, y: r.y - o.y, w: r.width, h: r.height});
  const add = (what, color, alpha, box) => { if (out.length < 12) out.push({what, color: color || '', alpha, box}); };
  const clear = s => !s || s === 'transparent' || /^rgba\(.*,\s*0\)$/.test(s);
  const alphaOf = e => { let a = 1; for (let x = e; x && x !== el; x = x.parentElement) a *= parseFloat(getComputedStyle(x).opacity) || 0; return a; };
  // Text hidden visually (a clipped 1-pixel box) between e and el.
  const hidden = e => {
    for (let x = e; x; x = x.parentElement) {
      const c = getComputedStyle(x), r = x.getBoundingClientRect();
      if ((r.width <= 2 || r.height <= 2) && c.overflow !== 'visible') return true;
      if (/^rect\(/.test(c.clip) || /^inset\(50%/.test(c.clipPath)) return true;
      if (x === el) break;
    }
    return false;
  };
  const cx = document.createElement('canvas').getContext('2d');
  const norm = v => { cx.fillStyle = '#000'; cx.fillStyle = v; return cx.fillStyle; };
  // Whether a shape's fill covers anything: a path of lines alone has a
  // fill, black by default, that paints nothing. Off both diagonals of
  // its box, where a crossed pair of lines has its edges, some of 25
  // points must be inside it. A shape that is not rendered (in a
  // <symbol> of a hidden sprite) is tried on a canvas, with its outline
  // measured along the path.
  const fills = e => {
    if (!(e instanceof SVGGeometryElement)) return true;
    if (cache.has(e)) return cache.get(e);
    let v = true;
    try { v = fillsNow(e); } catch (_) {}
    cache.set(e, v);
    return v;
  };
  const grid = (b, inside) => {
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
      if (inside(b.x + b.width * (i + 0.37) / 5, b.y + b.height * (j + 0.61) / 5)) return true;
    }
    return false;
  };
  const fillsNow = e => {
    if (e.getClientRects().length) return grid(e.getBBox(), (x, y) => e.isPointInFill(new DOMPoint(x, y)));
    switch (e.localName) {
      case 'line': return false;
      case 'path': case 'polyline': break;
      default: return true;
    }
    const d = e.localName === 'path' ? e.getAttribute('d') : 'M' + (e.getAttribute('points') || '').trim();
    const len = e.getTotalLength(), xs = [], ys = [];
    for (let k = 0; k <= 24; k++) { const q = e.getPointAtLength(len * k / 24); xs.push(q.x); ys.push(q.y); }
    const x0 = Math.min(...xs), y0 = Math.min(...ys);
    const b = {x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0};
    if (!cache.ctx) cache.ctx = document.createElement('canvas').getContext('2d');
    const path = new Path2D(d), rule = getComputedStyle(e).fillRule === 'evenodd' ? 'evenodd' : 'nonzero';
    return grid(b, (x, y) => cache.ctx.isPointInPath(path, x, y, rule));
  };
  const shape = (e, c, box, use) => {
    const a = alphaOf(e);
    const paint = (kind, v, op) => {
      if (!v || v === 'none') return;
      if (/url\(/.test(v)) { add('image', '', 1, box); return; }
      add(kind, v, a * op, box);
    };
    if (!use) {
      if (fills(e)) paint('fill', c.fill, parseFloat(c.fillOpacity));
      if (parseFloat(c.strokeWidth) > 0) paint('stroke', c.stroke, parseFloat(c.strokeOpacity));
      return;
    }
    // The shapes a <use> draws keep the paints they set themselves (an
    // attribute, a style rule); a shape in another file is not read.
    const href = e.getAttribute('href') || e.getAttribute('xlink:href') || '';
    if (!href.startsWith('#')) { add('image', '', 1, box); return; }
    let ref = null;
    try { ref = document.getElementById(href.slice(1)); } catch (_) {}
    if (!ref) return;
    // Each shape's fill and stroke: its own (an attribute, a style rule,
    // or one of a group it is in), else the <use>'s, which it inherits.
    const own = (s, kind) => {
      for (let x = s; x && x !== ref.parentElement; x = x.parentElement) {
        let v = (x.style && x.style.getPropertyValue(kind)) || x.getAttribute(kind);
        const up = x.parentElement ? getComputedStyle(x.parentElement).getPropertyValue(kind) : null;
        // Set by a style rule: it differs from what it inherits.
        if (!v && up !== null && getComputedStyle(x).getPropertyValue(kind) !== up) v = getComputedStyle(x).getPropertyValue(kind);
        if (v && v !== 'inherit') return v;
      }
      return null;
    };
    for (const s of ref.querySelectorAll('path, circle, ellipse, rect, line, polyline, polygon, text')) {
      for (const kind of ['fill', 'stroke']) {
        if (kind === 'fill' && !fills(s)) continue;
        let v = own(s, kind);
        if (v === null) v = kind === 'fill' ? c.fill : (parseFloat(c.strokeWidth) > 0 ? c.stroke : 'none');
        if (v === 'none') continue;
        if (v === 'currentColor' || v === 'currentcolor') { add(kind, c.color, a, box); continue; }
        if (/url\(/.test(v)) { add('image', '', 1, box); continue; }
        add(kind, norm(v), a * parseFloat(kind === 'fill' ? c.fillOpacity : c.strokeOpacity), box);
      }
    }
  };
  const pseudo = (e, box) => {
    for (const ps of ['::before', '::after']) {
      const p = getComputedStyle(e, ps);
      if (p.content === 'none' || p.content === 'normal' || p.display === 'none' || p.visibility !== 'visible' || parseFloat(p.opacity) === 0) continue;
      const a = alphaOf(e) * parseFloat(p.opacity);
      if (/url\(|image-set\(/.test(p.content) || p.backgroundImage !== 'none') { add('image', '', 1, box); continue; }
      if (p.content.replace(/^["']|["']$/g, '').trim()) add('glyph', p.color, a, box);
      if (!clear(p.backgroundColor)) add('box', p.backgroundColor, a, box);
      for (const s of ['top', 'right', 'bottom', 'left']) {
        if (p.getPropertyValue('border-' + s + '-style') !== 'none' && parseFloat(p.getPropertyValue('border-' + s + '-width')) > 0 && !clear(p.getPropertyValue('border-' + s + '-color'))) {
          add('box', p.getPropertyValue('border-' + s + '-color'), a, box);
          break;
        }
      }
    }
  };
  for (const e of [el, ...el.querySelectorAll('*')]) {
    if (out.length >= 12) break;
    if (!e.getClientRects().length) continue;
    const c = getComputedStyle(e);
    if (c.visibility !== 'visible' || parseFloat(c.opacity) === 0) continue;
    const box = rect(e.getBoundingClientRect());
    if (e instanceof SVGElement) {
      if (e.localName === 'image' || e.localName === 'foreignObject') add('image', '', 1, box);
      else if (e instanceof SVGGeometryElement || e.localName === 'text' || e.localName === 'use') shape(e, c, box, e.localName === 'use');
      continue;
    }
    if (/^(img|canvas|video|object|embed|iframe|input)$/.test(e.localName)) { add('image', '', 1, box); continue; }
    if (/url\(|image-set\(/.test(c.backgroundImage) || (e !== el && /gradient\(/.test(c.backgroundImage))) add('image', '', 1, box);
    for (const n of e.childNodes) {
      if (n.nodeType !== 3 || !n.data.trim() || hidden(e)) continue;
      const rg = document.createRange();
      rg.selectNodeContents(n);
      const b = rg.getBoundingClientRect();
      if (b.width > 0 && b.height > 0) add('glyph', c.color, alphaOf(e), rect(b));
    }
    if (e !== el && !e.firstElementChild && !e.textContent.trim() && box.w >= 1 && box.h >= 1) {
      if (!clear(c.backgroundColor)) add('box', c.backgroundColor, alphaOf(e), box);
      for (const s of ['top', 'right', 'bottom', 'left']) {
        if (c.getPropertyValue('border-' + s + '-style') !== 'none' && parseFloat(c.getPropertyValue('border-' + s + '-width')) > 0 && !clear(c.getPropertyValue('border-' + s + '-color'))) {
          add('box', c.getPropertyValue('border-' + s + '-color'), alphaOf(e), box);
          break;
        }
      }
    }
    pseudo(e, box);
  }
  return out;
}
