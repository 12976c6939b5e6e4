// The orientation probe (probe_orientation.go).

// rotation returns the rotation, in degrees, and the computed transform
// and rotate of html, body and the elements of the page that cover most
// of the viewport (in window.__saavuRot), once the orientation media query
// gives want ('portrait' or 'landscape'); null when it does not.
async function rotation(want) {
  for (let i = 0; i < 10 && !matchMedia('(orientation: ' + want + ')').matches; i++) await new Promise(r => setTimeout(r, 20));
  if (!matchMedia('(orientation: ' + want + ')').matches) return null;
  const els = [document.documentElement];
  if (document.body) {
    els.push(document.body);
    for (const e of document.body.children) {
      const r = e.getBoundingClientRect();
      if (r.width * r.height >= innerWidth * innerHeight / 4) els.push(e);
    }
  }
  window.__saavuRot = els;
  const angle = v => {
    const m = /(-?[\d.e+-]+)(deg|rad|turn|grad)$/.exec(v.trim());
    if (!m) return 0;
    const axis = v.trim().split(/\s+/);
    if (axis.length === 2 && axis[0] !== 'z') return 0;
    if (axis.length === 4 && !(axis[0] == 0 && axis[1] == 0)) return 0;
    const n = parseFloat(m[1]);
    return {deg: n, rad: n * 180 / Math.PI, turn: n * 360, grad: n * 0.9}[m[2]];
  };
  return els.map(e => {
    const c = getComputedStyle(e);
    let a = 0;
    if (c.transform && c.transform !== 'none') {
      const m = new DOMMatrix(c.transform);
      a = Math.atan2(m.b, m.a) * 180 / Math.PI;
    }
    if (c.rotate && c.rotate !== 'none') a += angle(c.rotate);
    return {angle: a, style: c.transform + ' / ' + c.rotate};
  });
}

// rotationElements returns the elements of the last rotation.
function rotationElements() {
  return window.__saavuRot;
}

// orientationQueries tells whether any style sheet of the page (open
// shadow roots and imports included) has a media, container or supports
// condition on orientation. A sheet whose rules cannot be read (from
// another origin, without CORS) counts as having one.
function orientationQueries() {
  const has = t => /orientation/i.test(t || '');
  const seen = new Set();
  const rules = list => {
    for (const r of list) {
      if ((r.media && has(r.media.mediaText)) || has(r.conditionText)) return true;
      if (r.styleSheet && sheet(r.styleSheet)) return true;
      if (r.cssRules && rules(r.cssRules)) return true;
    }
    return false;
  };
  const sheet = s => {
    if (seen.has(s)) return false;
    seen.add(s);
    if (s.media && has(s.media.mediaText)) return true;
    let list;
    try { list = s.cssRules; } catch (_) { return true; }
    return list ? rules(list) : false;
  };
  const sheets = [...document.styleSheets, ...(document.adoptedStyleSheets || [])];
  walkDeep(document, NodeFilter.SHOW_ELEMENT, e => {
    if (e.shadowRoot) sheets.push(...e.shadowRoot.styleSheets, ...(e.shadowRoot.adoptedStyleSheets || []));
  });
  return sheets.some(sheet);
}
