// The hover probe (probe_hover.go). What it found stays in
// window.__saavuHover between calls: the triggers, the elements hidden
// near each, what showing each revealed (popups), and what to focus
// (null: hover it).

// hoverFind finds, for each style rule that shows something when the
// pointer is over another element (:hover followed by a combinator), or
// when focus is on or in it (:focus, :focus-visible, :focus-within), the
// first visible element it applies to and the elements near it that are
// hidden now: what hovering or focusing might show. It finds max of each
// kind at most, keeps them in window.__saavuHover and returns how many
// triggers it found.
function hoverFind(max) {
  const S = window.__saavuHover = {triggers: [], hidden: [], popups: [], focus: []};
  const shown = e => {
    const r = e.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    for (let a = e; a && a.nodeType === 1; a = a.parentElement) {
      const c = getComputedStyle(a);
      if (c.visibility !== 'visible' && a === e) return false;
      if (parseFloat(c.opacity) < 0.1) return false;
    }
    return true;
  };
  S.shown = shown;
  const rules = [];
  const look = list => { for (const r of list) { if (r.selectorText) rules.push(r); if (r.cssRules && r.cssRules.length) look(r.cssRules); } };
  for (const s of document.styleSheets) { try { look(s.cssRules); } catch (_) {} }
  const focusable = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const seen = {hover: new Set(), focus: new Set()}, count = {hover: 0, focus: 0};
  for (const r of rules) {
    if (count.hover >= max && count.focus >= max) break;
    for (const sel of r.selectorText.split(',')) {
      const m = sel.match(/^(.*?):(hover|focus-within|focus-visible|focus)((?:\s*[>+~]\s*|\s+)[^\s>+~].*)$/);
      if (!m) continue;
      const mode = m[2] === 'hover' ? 'hover' : 'focus';
      if (count[mode] >= max) continue;
      const trig = m[1].replace(/:(hover|focus|focus-within|focus-visible|active)\b/g, '').trim();
      if (!trig) continue;
      let ts;
      try { ts = document.querySelectorAll(trig); } catch (_) { continue; }
      let t = null, f = null;
      for (const c of ts) {
        if (seen[mode].has(c) || !shown(c)) continue;
        // What to focus: the element itself, or for :focus-within the
        // first focusable element in it.
        f = mode === 'hover' ? c : c.matches(focusable) ? c : m[2] === 'focus-within' ? c.querySelector(focusable) : null;
        if (f && shown(f)) { t = c; break; }
      }
      if (!t) continue;
      const area = t.parentElement || t;
      const hidden = [...area.querySelectorAll('*')].filter(e => e !== t && e !== f && !shown(e)).slice(0, 400);
      if (!hidden.length) continue;
      seen[mode].add(t); count[mode]++;
      S.triggers.push(t); S.hidden.push(hidden); S.popups.push(null); S.focus.push(mode === 'focus' ? f : null);
      break;
    }
  }
  return S.triggers.length;
}

// hoverModes says which triggers are to be focused rather than hovered.
function hoverModes() {
  return window.__saavuHover.focus.map(f => f !== null);
}

// hoverFocus scrolls trigger i into view and focuses it (or the element
// in it that its style rule is about).
function hoverFocus(i) {
  const S = window.__saavuHover, f = S.focus[i];
  S.triggers[i].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  f.focus({preventScroll: true});
  return document.activeElement === f || f.contains(document.activeElement);
}

// hoverPoint scrolls trigger i into view and returns its centre in the
// viewport.
function hoverPoint(i) {
  const t = window.__saavuHover.triggers[i];
  t.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  const r = t.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
}

// hoverShown finds what hovering trigger i showed: the outermost of the
// elements hidden before that are shown now. With it, it says whether it
// covers other content (text, images or form fields of the page that
// are not its own, tried at nine points with it hidden) and where its
// centre is.
function hoverShown(i) {
  const S = window.__saavuHover, t = S.triggers[i];
  for (const e of S.hidden[i]) for (const a of (e.getAnimations ? e.getAnimations() : [])) { try { a.finish(); } catch (_) {} }
  const now = S.hidden[i].filter(e => S.shown(e));
  const outer = now.filter(e => !now.some(o => o !== e && o.contains(e)));
  if (!outer.length) return null;
  let p = outer[0], best = 0;
  for (const e of outer) { const r = e.getBoundingClientRect(); if (r.width * r.height > best) { best = r.width * r.height; p = e; } }
  S.popups[i] = p;
  const r = p.getBoundingClientRect();
  const old = p.style.getPropertyValue('visibility'), prio = p.style.getPropertyPriority('visibility');
  p.style.setProperty('visibility', 'hidden', 'important');
  let covers = false;
  for (const fx of [0.15, 0.5, 0.85]) for (const fy of [0.15, 0.5, 0.85]) {
    const x = r.x + r.width * fx, y = r.y + r.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const e = document.elementFromPoint(x, y);
    if (!e || e === document.body || e === document.documentElement || e.contains(p) || t.contains(e)) continue;
    if (/^(img|input|select|textarea|button|video|canvas|svg|iframe)$/.test(e.localName)) { covers = true; continue; }
    const c = document.caretRangeFromPoint && document.caretRangeFromPoint(x, y);
    if (c && c.startContainer.nodeType === 3 && c.startContainer.data.trim() && !t.contains(c.startContainer) && !p.contains(c.startContainer)) {
      const rg = document.createRange(); rg.selectNodeContents(c.startContainer);
      for (const b of rg.getClientRects()) if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) covers = true;
    }
  }
  p.style.setProperty('visibility', old, prio);
  const c = p.getBoundingClientRect();
  return {covers, x: c.x + c.width / 2, y: c.y + c.height / 2};
}

// hoverStill says whether what trigger i showed is still shown.
function hoverStill(i) {
  const S = window.__saavuHover, p = S.popups[i];
  for (const a of (p.getAnimations ? p.getAnimations() : [])) { try { a.finish(); } catch (_) {} }
  return S.shown(p);
}

// hoverElements returns, for each trigger, what was focused or hovered
// and what that showed (the trigger itself when nothing was).
function hoverElements() {
  const S = window.__saavuHover;
  return S.triggers.flatMap((t, i) => [S.focus[i] || t, S.popups[i] || t]);
}

// Links in blocks of text (link-in-text-block). What linksFind found
// stays in window.__saavuLinks between calls: the links, and their look
// before each was focused and hovered.

// linksFind finds each target ({sel, tag}) and returns, for each, null
// when the selector does not find an element of that tag, else the marks
// its ::before and ::after draw (linkMarks).
function linksFind(targets) {
  const S = window.__saavuLinks = {els: [], base: []};
  return targets.map(t => {
    let e = null;
    try { e = document.querySelector(t.sel); } catch (_) {}
    if (!e || e.localName !== t.tag) { S.els.push(null); return null; }
    S.els.push(e);
    return {marks: linkMarks(e)};
  });
}

// linkMarks returns the ::before and ::after of link e that draw
// something: a character, an image, or a box with a background or a
// border ("::after url(…)").
function linkMarks(e) {
  const out = [];
  for (const ps of ['::before', '::after']) {
    const p = getComputedStyle(e, ps);
    if (p.content === 'none' || p.content === 'normal' || p.display === 'none' || p.visibility !== 'visible' || parseFloat(p.opacity) === 0) continue;
    // Scaled to nothing (an underline that grows on hover) draws nothing.
    const m = /^matrix\(/.test(p.transform) ? p.transform.slice(7, -1).split(',').map(parseFloat) : null;
    if (m && Math.abs(m[0] * m[3] - m[1] * m[2]) < 1e-3) continue;
    const text = p.content.replace(/^["']|["']$/g, '').trim();
    const clear = s => s === 'transparent' || /^rgba\(.*,\s*0\)$/.test(s);
    const sized = parseFloat(p.width) >= 1 && parseFloat(p.height) >= 1;
    let box = false;
    if (sized && (!clear(p.backgroundColor) || p.backgroundImage !== 'none')) box = true;
    for (const s of ['top', 'bottom', 'left', 'right']) {
      if (p.getPropertyValue('border-' + s + '-style') !== 'none' && parseFloat(p.getPropertyValue('border-' + s + '-width')) >= 1 && !clear(p.getPropertyValue('border-' + s + '-color'))) box = true;
    }
    if (text || /url\(/.test(p.content) || box) out.push(ps + ' ' + p.content.slice(0, 60));
  }
  return out;
}

// linkLook returns the style of link e that may mark it otherwise than
// by colour, with that of its ::before and ::after ("::after width").
function linkLook(e) {
  const o = {};
  const c = getComputedStyle(e);
  for (const p of ['text-decoration-line', 'border-bottom-style', 'border-bottom-width', 'border-top-style', 'border-top-width', 'box-shadow',
    'outline-style', 'outline-width', 'font-weight', 'font-style', 'font-size', 'background-color', 'background-image']) o[p] = c.getPropertyValue(p);
  for (const ps of ['::before', '::after']) {
    const p = getComputedStyle(e, ps);
    if (p.content === 'none' || p.content === 'normal' || p.display === 'none') { o[ps + ' content'] = 'none'; continue; }
    for (const q of ['content', 'width', 'height', 'opacity', 'transform', 'visibility', 'background-color', 'border-bottom-style', 'border-bottom-width'])
      o[ps + ' ' + q] = p.getPropertyValue(q);
  }
  return o;
}

// linkDiff returns the properties that differ between two looks.
function linkDiff(a, b) {
  const out = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[k] !== b[k]) out.push({prop: k, before: a[k] === undefined ? '' : a[k], after: b[k] === undefined ? '' : b[k]});
  }
  return out;
}

// linkSettle jumps the transitions of link e and its pseudo-elements to
// their end.
function linkSettle(e) {
  for (const a of (e.getAnimations ? e.getAnimations({subtree: true}) : [])) { try { if (a instanceof CSSTransition) a.finish(); } catch (_) {} }
}

// linkFocus records the look of link i, focuses it and returns what focus
// changed, then blurs it, scrolls it into view and returns where to put
// the pointer over it (null when no point of it is on top).
function linkFocus(i) {
  const S = window.__saavuLinks, e = S.els[i];
  linkSettle(e);
  const base = S.base[i] = linkLook(e);
  e.focus({preventScroll: true});
  const focused = deepActive() === e;
  linkSettle(e);
  const focus = focused ? linkDiff(base, linkLook(e)) : [];
  if (focused) e.blur();
  linkSettle(e);
  e.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  let at = null;
  for (const r of e.getClientRects()) {
    const x = r.x + r.width / 2, y = r.y + r.height / 2;
    if (r.width < 1 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const h = document.elementFromPoint(x, y);
    if (h && (h === e || e.contains(h))) { at = [x, y]; break; }
  }
  return {focused, focus, at};
}

// linkHover returns what the pointer over link i changed.
function linkHover(i) {
  const S = window.__saavuLinks, e = S.els[i];
  linkSettle(e);
  const hovered = e.matches(':hover');
  return {hovered, hover: hovered ? linkDiff(S.base[i], linkLook(e)) : []};
}
