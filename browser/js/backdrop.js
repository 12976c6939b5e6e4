// The backdrop probe (probe_backdrop.go).

// backdropHide marks the elements els with the attribute attr, hides
// their text with a style sheet (in the document and in the shadow roots
// they are in), scrolls the page to the top and leaves focus nowhere, as
// when the page was captured. It returns, for each element, whether it
// may be photographed: it is where the page model has it (want[i].box),
// and the images that may be under its text (want[i].area, want[i].urls)
// have loaded; and the viewport's size.
async function backdropHide(attr, want, ...els) {
  const sel = '[' + attr + ']';
  const css = [sel, sel + ' *', sel + '::before', sel + '::after', sel + ' *::before', sel + ' *::after',
    sel + '::first-letter', sel + '::first-line', sel + '::marker', sel + ' *::marker'].join(', ') +
    ' { color: transparent !important; -webkit-text-fill-color: transparent !important; -webkit-text-stroke-color: transparent !important;' +
    ' text-shadow: none !important; caret-color: transparent !important; text-decoration-color: transparent !important;' +
    ' transition: none !important; }';
  const roots = new Set([document]);
  els.forEach((e, i) => { e.setAttribute(attr, String(i)); roots.add(e.getRootNode()); });
  const styles = [];
  for (const r of roots) {
    const s = document.createElement('style');
    s.textContent = css;
    (r === document ? (document.head || document.documentElement) : r).appendChild(s);
    styles.push(s);
  }
  window.__saavuBackdrop = {els, styles};
  blurActive();
  scrollToY(0);
  const hit = (r, w) => r.x < w[0] + w[2] && w[0] < r.x + r.width && r.y < w[1] + w[3] && w[1] < r.y + r.height;
  const imgs = Array.from(document.images);
  const decode = u => {
    const i = new Image();
    i.src = u;
    return Promise.race([i.decode().then(() => true, () => false), new Promise(r => setTimeout(() => r(false), 800))]);
  };
  const ok = await Promise.all(els.map(async (e, i) => {
    const w = want[i];
    const r = e.getBoundingClientRect();
    const x = r.x + scrollX, y = r.y + scrollY;
    if (Math.abs(x - w.box[0]) > 2 || Math.abs(y - w.box[1]) > 2 || Math.abs(r.width - w.box[2]) > 2 || Math.abs(r.height - w.box[3]) > 2) return false;
    for (const img of imgs) {
      const b = img.getBoundingClientRect();
      if (!hit({x: b.x + scrollX, y: b.y + scrollY, width: b.width, height: b.height}, w.area)) continue;
      if (!img.complete || !img.naturalWidth) return false;
    }
    const got = await Promise.all((w.urls || []).map(decode));
    return got.every(Boolean);
  }));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return {ok, vw: innerWidth, vh: innerHeight};
}

// backdropRestore shows the text again, and takes the attribute attr off
// the elements. The transitions stay off until the colours are back, so
// that the text does not fade in.
function backdropRestore(attr) {
  const b = window.__saavuBackdrop;
  if (!b) return true;
  delete window.__saavuBackdrop;
  for (const s of b.styles) s.textContent = s.textContent.replace(/color: transparent !important;|-webkit-text-fill-color: transparent !important;|-webkit-text-stroke-color: transparent !important;|text-shadow: none !important;|caret-color: transparent !important;|text-decoration-color: transparent !important;/g, '');
  for (const e of b.els) getComputedStyle(e).color;
  for (const s of b.styles) s.remove();
  for (const e of b.els) e.removeAttribute(attr);
  return true;
}
