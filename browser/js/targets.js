// The targets probe (probe_targets.go).

// targetsUA finds the form controls of the page (input, select, textarea,
// button; open shadow trees included) smaller than 24 × 24 CSS px, and
// measures a copy of each that no style sheet of the page touches: a copy
// in a closed shadow root of a host that inherits nothing (all: initial),
// outside the window, taken away at once. It returns the sizes, the
// controls as indexes into window.__saavuTargets.
function targetsUA() {
  const els = window.__saavuTargets = [];
  const small = [];
  walkDeep(document, NodeFilter.SHOW_ELEMENT, e => {
    if (!/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(e.tagName) || (e.tagName === 'INPUT' && /^(hidden|image)$/i.test(e.type))) return;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.width < 24 || r.height < 24)) small.push(e);
  });
  if (!small.length) return [];
  const host = document.createElement('div');
  host.style.cssText = 'all: initial; position: absolute; left: -10000px; top: 0; visibility: hidden;';
  const root = host.attachShadow({mode: 'closed'});
  (document.body || document.documentElement).appendChild(host);
  const out = [];
  try {
    for (const e of small.slice(0, 500)) {
      const c = document.createElement(e.tagName);
      for (const a of ['type', 'size', 'multiple', 'rows', 'cols', 'value', 'min', 'max', 'step']) {
        if (e.hasAttribute(a)) c.setAttribute(a, e.getAttribute(a));
      }
      if (e.tagName === 'SELECT') for (const o of e.options) c.append(new Option(o.text));
      else if (e.tagName === 'BUTTON') for (const n of e.childNodes) c.append(n.cloneNode(true));
      root.appendChild(c);
      const u = c.getBoundingClientRect();
      out.push({el: els.length, w: u.width, h: u.height});
      els.push(e);
      c.remove();
    }
  } finally {
    host.remove();
  }
  return out;
}

// targetsElements returns the controls targetsUA measured.
function targetsElements() {
  return window.__saavuTargets || [];
}
