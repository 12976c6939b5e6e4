// The screenshots (shots.go).

// shotsReset puts the page back as it was captured (the focus probe left
// focus on some element, and scrolled) and returns the viewport's height.
function shotsReset() {
  blurActive();
  scrollToY(0);
  return innerHeight;
}

// shotsUncover makes the elements about to be photographed the topmost
// thing over their boxes, as far as it can: it probes a few points of
// each element's box in the viewport (document.elementFromPoint, into
// open shadow roots) and hides, with visibility: hidden, each fixed or
// sticky element found on top of one (a cookie banner, a sticky header,
// a chat button) that holds none of the elements. Hidden elements wait in
// window.__saavuShotHidden until shotsRestore. It returns, per element,
// whether something else still covers part of it (content that is not
// fixed or sticky: a dialog, an absolutely placed box), so that the
// report can say so.
function shotsUncover(...els) {
  const hidden = window.__saavuShotHidden || (window.__saavuShotHidden = []);
  const covered = els.map(() => false);
  const vw = document.documentElement.clientWidth || innerWidth, vh = innerHeight;
  for (let round = 0; round < 4; round++) {
    let hid = false;
    els.forEach((el, i) => {
      covered[i] = false;
      if (!el || !el.isConnected) return;
      const r = el.getBoundingClientRect();
      const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, vw);
      const y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, vh);
      if (x1 - x0 < 1 || y1 - y0 < 1) return;
      for (const [fx, fy] of [[0.5, 0.5], [0.15, 0.15], [0.85, 0.15], [0.15, 0.85], [0.85, 0.85]]) {
        const top = deepElementFromPoint(x0 + (x1 - x0) * fx, y0 + (y1 - y0) * fy);
        if (!top || composedContains(el, top) || composedContains(top, el)) continue;
        const pinned = pinnedAncestor(top);
        if (pinned && !els.some(e => e && composedContains(pinned, e))) {
          hidden.push([pinned, pinned.style.getPropertyValue('visibility'), pinned.style.getPropertyPriority('visibility')]);
          pinned.style.setProperty('visibility', 'hidden', 'important');
          hid = true;
        } else {
          covered[i] = true;
        }
      }
    });
    if (!hid) break;
  }
  return covered;
}

// shotsRestore shows again what shotsUncover hid.
function shotsRestore() {
  const hidden = window.__saavuShotHidden || [];
  for (const [el, value, priority] of hidden.reverse()) {
    if (value) el.style.setProperty('visibility', value, priority);
    else el.style.removeProperty('visibility');
  }
  delete window.__saavuShotHidden;
  return true;
}

// deepElementFromPoint is the topmost element at (x, y) of the viewport,
// inside open shadow roots.
function deepElementFromPoint(x, y) {
  let top = document.elementFromPoint(x, y);
  while (top && top.shadowRoot) {
    const inner = top.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === top) break;
    top = inner;
  }
  return top;
}

// composedContains reports whether b is a inside or a itself, across
// shadow roots.
function composedContains(a, b) {
  for (let n = b; n; n = n.parentNode || (n instanceof ShadowRoot ? n.host : null)) {
    if (n === a) return true;
  }
  return false;
}

// pinnedAncestor is el or its nearest ancestor (across shadow roots)
// positioned fixed or sticky; null when there is none.
function pinnedAncestor(el) {
  for (let n = el; n && n !== document.documentElement; n = n.parentElement || (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null)) {
    const pos = getComputedStyle(n).position;
    if (pos === 'fixed' || pos === 'sticky') return n;
  }
  return null;
}
