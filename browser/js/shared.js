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
