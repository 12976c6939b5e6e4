// The moving-content probe (probe_moving.go).

// movingFind finds what moves on the page by itself for longer than min
// ms: running CSS animations, transitions and Web Animations (of the
// document and its open shadow roots) that change some property, the
// animated images Go found among the page's images (images: [{url,
// total, period, frames}]), marquees and playing videos, on rendered
// elements. It keeps them in window.__saavuMoving for the other calls and
// returns, for each, what it is: {kind, name, pseudo, props, period,
// total, frames}; total is -1 for forever.
function movingFind(images, min, most) {
  const items = [];
  const visible = e => e.isConnected && e.checkVisibility({visibilityProperty: true});
  const shown = e => e.isConnected && e.checkVisibility();
  const forever = t => t === Infinity ? -1 : Math.round(t);
  // Animations and transitions.
  const anims = [...document.getAnimations()];
  walkDeep(document, NodeFilter.SHOW_ELEMENT, e => { if (e.shadowRoot) anims.push(...e.shadowRoot.getAnimations()); });
  for (const a of anims) {
    if (items.length >= most) break;
    const fx = a.effect;
    if (!fx || !fx.target || a.playState !== 'running' || a.timeline !== document.timeline) continue;
    const t = fx.getComputedTiming();
    if (!(t.activeDuration > min)) continue;
    const el = fx.target, pseudo = fx.pseudoElement || '';
    if (!shown(el)) continue; // its visibility may be what blinks
    if (pseudo) {
      const c = getComputedStyle(el, pseudo);
      if (c.display === 'none' || c.content === 'none' || c.visibility === 'hidden') continue;
    }
    const vals = new Map();
    for (const k of fx.getKeyframes()) {
      for (const [p, v] of Object.entries(k)) {
        if (['offset', 'computedOffset', 'easing', 'composite'].includes(p)) continue;
        if (!vals.has(p)) vals.set(p, new Set());
        vals.get(p).add(String(v));
      }
    }
    const props = [...vals].filter(([, s]) => s.size > 1 || fx.getKeyframes().length === 1).map(([p]) => p.replace(/[A-Z]/g, c => '-' + c.toLowerCase()));
    if (!props.length) continue;
    const kind = a instanceof CSSTransition ? 'transition' : 'animation';
    const name = a.animationName || a.transitionProperty || a.id || '';
    items.push({el, a, kind, name, pseudo, props, period: Math.round(Number(t.duration) || 0), total: forever(t.activeDuration)});
  }
  // Animated images, in img elements or as backgrounds.
  const byURL = new Map((images || []).map(i => [i.url, i])); // [] comes as undefined
  if (byURL.size) {
    for (const img of document.querySelectorAll('img')) {
      const i = byURL.get(img.currentSrc);
      if (i && items.length < most && visible(img)) items.push({el: img, kind: 'image', url: i.url, name: fileName(i.url), period: i.period, total: i.total, frames: i.frames});
    }
  }
  if (byURL.size) {
    walkDeep(document, NodeFilter.SHOW_ELEMENT, e => {
      const bg = getComputedStyle(e).backgroundImage;
      if (!bg || bg === 'none' || items.length >= most) return;
      for (const m of bg.matchAll(/url\("([^"]*)"\)/g)) {
        const i = byURL.get(m[1]);
        if (i && visible(e)) { items.push({el: e, kind: 'image', url: i.url, bg: true, name: fileName(i.url), period: i.period, total: i.total, frames: i.frames}); break; }
      }
    });
  }
  // Marquees: how long a pass takes, as Chrome scrolls them.
  for (const m of document.querySelectorAll('marquee')) {
    if (items.length >= most || !visible(m)) continue;
    const amount = Math.max(Number(m.scrollAmount) || 0, 0);
    const delay = m.trueSpeed ? Number(m.scrollDelay) || 0 : Math.max(Number(m.scrollDelay) || 0, 60);
    const r = m.getBoundingClientRect(), c = contentBox(m);
    const vertical = /^(up|down)$/i.test(m.direction);
    const dist = (vertical ? r.height + c.height : r.width + c.width);
    const period = amount > 0 ? Math.round(dist / amount * delay) : 0;
    const loop = Number(m.loop);
    items.push({el: m, kind: 'marquee', name: (m.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60), period, total: loop > 0 ? loop * period : -1});
  }
  // Videos that play.
  for (const v of document.querySelectorAll('video')) {
    if (items.length >= most || v.paused || v.ended || !visible(v)) continue;
    const d = Number.isFinite(v.duration) ? v.duration * 1000 : Infinity;
    const total = v.loop ? -1 : forever(d);
    if (total >= 0 && total <= min) continue;
    items.push({el: v, kind: 'video', name: fileName(v.currentSrc), period: Number.isFinite(d) ? Math.round(d) : 0, total, frame: frameHash(v)});
  }
  window.__saavuMoving = {items, controls: []};
  return items.map(i => ({kind: i.kind, name: i.name, pseudo: i.pseudo || '', props: i.props || [], period: i.period, total: i.total, frames: i.frames || 0}));
}

// fileName returns the last part of an address's path.
function fileName(url) {
  try { return decodeURIComponent(new URL(url).pathname.split('/').pop()).slice(0, 80); } catch (_) { return ''; }
}

// frameHash returns a hash of the frame a video shows, drawn small, or
// null when the page may not read it (a video from another origin).
function frameHash(v) {
  try {
    const c = document.createElement('canvas');
    c.width = 32; c.height = 18;
    const g = c.getContext('2d', {willReadFrequently: true});
    g.drawImage(v, 0, 0, 32, 18);
    const d = g.getImageData(0, 0, 32, 18).data;
    let h = 0;
    for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) | 0;
    return h;
  } catch (_) {
    return null;
  }
}

// contentBox returns the box of what an element holds (its child nodes).
function contentBox(e) {
  const g = document.createRange();
  g.selectNodeContents(e);
  return g.getBoundingClientRect();
}

// movingElements returns the elements of the items of movingFind, then
// those of the controls of movingControls.
function movingElements() {
  const s = window.__saavuMoving;
  return [...s.items.map(i => i.el), ...s.controls.map(c => c.el)];
}

// movingControls looks for the controls that may pause, stop or hide each
// item: those that name its element or a box around it in aria-controls;
// in the nearest of its five closest boxes (inside the main content) that
// has any, the buttons and links named for pausing, stopping, playing or
// hiding, or with no name but a class or id that says so; failing those,
// the first five controls of the page named for pausing; and, anywhere
// on the page, a control
// named for stopping animations or motion. It returns, for each control,
// {items (indexes), far (the items it is not near), name, action: 'pause'
// or 'hide', safe (a button that leads nowhere: saavu may press it)}.
function movingControls(pauseRe, hideRe, globalRe) {
  const s = window.__saavuMoving;
  const pause = new RegExp(pauseRe, 'i'), hide = new RegExp(hideRe, 'i'), global = new RegExp(globalRe, 'i');
  const sel = 'button, [role=button], [role=switch], input[type=button], input[type=checkbox], a[href]';
  const byEl = new Map();
  const nameOf = e => {
    let n = e.getAttribute('aria-label') || '';
    const by = e.getAttribute('aria-labelledby');
    if (!n && by) n = by.split(/\s+/).map(id => { const l = document.getElementById(id); return l ? l.textContent : ''; }).join(' ');
    if (!n && e.labels && e.labels.length) n = e.labels[0].textContent;
    if (!n) n = e.textContent || '';
    if (!n.trim()) n = e.getAttribute('title') || e.getAttribute('value') || [...e.querySelectorAll('img[alt]')].map(i => i.alt).join(' ');
    return n.trim().replace(/\s+/g, ' ').slice(0, 80);
  };
  const safe = e => {
    if (e.matches('a[href]')) return /^(#|javascript:)/i.test(e.getAttribute('href')) || e.getAttribute('role') === 'button';
    if (e.matches('button')) return e.type === 'button' || !e.form;
    return true;
  };
  const add = (e, item, action, far) => {
    let c = byEl.get(e);
    if (!c) { c = {el: e, items: new Set(), far: new Set(), name: nameOf(e), action, safe: safe(e)}; byEl.set(e, c); }
    if (c.items.has(item) && !far) c.far.delete(item);
    else if (!c.items.has(item) && far) c.far.add(item);
    c.items.add(item);
  };
  const classify = e => {
    const n = nameOf(e);
    if (n && pause.test(n)) return 'pause';
    if (n && hide.test(n)) return 'hide';
    if (!n && /pause|stop|play|autoplay|toggle/i.test((e.className && e.className.baseVal !== undefined ? e.className.baseVal : e.className) + ' ' + e.id)) return 'pause';
    return '';
  };
  const controls = [...document.querySelectorAll(sel)];
  s.items.forEach((it, k) => {
    for (const c of controls) {
      for (const id of (c.getAttribute('aria-controls') || '').split(/\s+/)) {
        const t = id && document.getElementById(id);
        if (t && t.contains(it.el)) add(c, k, classify(c) || 'pause');
      }
    }
    let box = it.el.parentElement, found = false;
    for (let up = 0; box && up < 5 && !box.matches('body, html, main, [role=main]'); up++, box = box.parentElement) {
      for (const c of box.querySelectorAll(sel)) {
        const action = classify(c);
        if (action && c.checkVisibility()) { add(c, k, action, false); found = true; }
      }
      if (found) break;
    }
    if (found) return;
    let far = 0;
    for (const c of controls) {
      if (far < 5 && nameOf(c) && classify(c) === 'pause' && c.checkVisibility()) { add(c, k, 'pause', true); far++; }
    }
  });
  for (const c of controls) {
    const n = nameOf(c);
    if (n && global.test(n) && (pause.test(n) || /\b(off|pois|av)\b/i.test(n))) s.items.forEach((_, k) => add(c, k, 'pause', true));
  }
  s.controls = [...byEl.values()];
  return s.controls.map(c => ({items: [...c.items], far: [...c.far], name: c.name, action: c.action, safe: c.safe}));
}

// movingCheck tells, for each item, whether it still moves: an animation
// that still runs for longer than min ms, an image still shown from the
// same file (a picture's source for the current media conditions
// included), a marquee whose content moved in 120 ms, a video that
// plays and whose frames changed since movingFind (when the page may
// read them). An element no longer rendered does not move.
async function movingCheck(min) {
  const s = window.__saavuMoving;
  const marquees = s.items.filter(i => i.kind === 'marquee');
  const before = marquees.map(i => contentBox(i.el));
  if (s.items.some(i => i.kind === 'video' && i.frame !== null && !i.moved)) await new Promise(r => setTimeout(r, 300));
  else if (marquees.length) await new Promise(r => setTimeout(r, 120));
  else await settle();
  const visible = e => e.isConnected && e.checkVisibility({visibilityProperty: true});
  return s.items.map(i => {
    // An animation may blink its element's visibility.
    if (!(i.kind === 'animation' || i.kind === 'transition' ? i.el.isConnected && i.el.checkVisibility() : visible(i.el))) return false;
    switch (i.kind) {
    case 'animation':
    case 'transition': {
      const runs = a => a.playState === 'running' && a.effect && a.effect.getComputedTiming().activeDuration > min;
      if (runs(i.a)) return true;
      // A CSS animation restarted under the same name is the same motion.
      return i.el.getAnimations().some(a => runs(a) && (a.animationName || a.transitionProperty || a.id || '') === i.name && (a.effect.pseudoElement || '') === i.pseudo);
    }
    case 'image': {
      if (i.bg) return getComputedStyle(i.el).backgroundImage.includes(i.url);
      const pic = i.el.parentElement && i.el.parentElement.matches('picture') ? i.el.parentElement : null;
      if (pic) {
        for (const src of pic.querySelectorAll('source')) {
          if (src.media && !matchMedia(src.media).matches) continue;
          if (src.type && !/^image\/(gif|png|apng|webp|jpeg|avif)$/i.test(src.type)) continue;
          const first = (src.srcset || '').trim().split(/\s+/)[0];
          return new URL(first, document.baseURI).href === i.url;
        }
      }
      return i.el.currentSrc === i.url;
    }
    case 'marquee': {
      const b = before[marquees.indexOf(i)], a = contentBox(i.el);
      return Math.abs(a.left - b.left) + Math.abs(a.top - b.top) >= 1;
    }
    case 'video': {
      if (i.el.paused || i.el.ended) return false;
      // Frames that stayed the same since movingFind: a still picture.
      if (!i.moved && i.frame !== null) i.moved = frameHash(i.el) !== i.frame;
      return i.moved || i.frame === null;
    }
    }
    return false;
  });
}

// movingPress clicks control k of movingControls (as a script's click).
function movingPress(k) {
  const c = window.__saavuMoving.controls[k];
  if (!c || !c.el.isConnected) return false;
  c.el.click();
  return true;
}
