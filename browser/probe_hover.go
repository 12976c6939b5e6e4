package browser

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The hover probe (WCAG 1.4.13 Content on Hover or Focus): content that
// style sheets show when the pointer is over another element (a
// `.menu:hover .submenu` rule), tried with the real mouse, or when
// keyboard focus is on or in it (`.menu:focus-within .submenu`), tried by
// focusing it. See probe.go for how probes run.

// hoverMaxTriggers bounds the elements hovered on one page, and those
// focused: one per style rule, the first that matches.
const hoverMaxTriggers = 3

// hoverFindJS finds, for each style rule that shows something when the
// pointer is over another element (:hover followed by a combinator), or
// when focus is on or in it (:focus, :focus-visible, :focus-within), the
// first visible element it applies to and the elements near it that are
// hidden now: what hovering or focusing might show. It keeps them in
// window.__saavuHover (focus: what to focus, null for hovering) and
// returns how many triggers it found.
const hoverFindJS = `(() => {
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
    if (count.hover >= %[1]d && count.focus >= %[1]d) break;
    for (const sel of r.selectorText.split(',')) {
      const m = sel.match(/^(.*?):(hover|focus-within|focus-visible|focus)((?:\s*[>+~]\s*|\s+)[^\s>+~].*)$/);
      if (!m) continue;
      const mode = m[2] === 'hover' ? 'hover' : 'focus';
      if (count[mode] >= %[1]d) continue;
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
})()`

// hoverModesJS says which triggers are to be focused rather than hovered.
const hoverModesJS = `window.__saavuHover.focus.map(f => f !== null)`

// focusPrepJS scrolls trigger i into view and focuses it (or the element
// in it that its style rule is about).
const focusPrepJS = `((i) => {
  const S = window.__saavuHover, f = S.focus[i];
  S.triggers[i].scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  f.focus({preventScroll: true});
  return document.activeElement === f || f.contains(document.activeElement);
})(%d)`

// blurJS takes focus off whatever has it.
const blurJS = `(() => { const a = document.activeElement; if (a && a !== document.body && a.blur) a.blur(); return true; })()`

// hoverPrepJS scrolls trigger i into view and returns its centre in the
// viewport.
const hoverPrepJS = `((i) => {
  const t = window.__saavuHover.triggers[i];
  t.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});
  const r = t.getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
})(%d)`

// hoverShownJS finds what hovering trigger i showed: the outermost of the
// elements hidden before that are shown now. With it, it says whether it
// covers other content (text, images or form fields of the page that
// are not its own, tried at nine points with it hidden) and where its
// centre is.
const hoverShownJS = `((i) => {
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
})(%d)`

// hoverStillJS says whether what trigger i showed is still shown.
const hoverStillJS = `((i) => {
  const S = window.__saavuHover, p = S.popups[i];
  for (const a of (p.getAnimations ? p.getAnimations() : [])) { try { a.finish(); } catch (_) {} }
  return S.shown(p);
})(%d)`

type found struct {
	trigger  int
	popup    checks.HoverPopup
	hasPopup bool
}

// tryPopup hovers trigger i with the mouse, or focuses it, and records
// what appeared: whether it covers other content, stays when the pointer
// moves onto it (hovering only), and hides on Escape. The pointer ends at
// the top left corner, focus nowhere.
func tryPopup(ctx context.Context, i int, focus bool) (found, error) {
	f := found{trigger: i}
	if focus {
		defer evalJS(ctx, blurJS, new(bool))
		var ok bool
		if err := evalJS(ctx, fmt.Sprintf(focusPrepJS, i), &ok); err != nil || !ok {
			return f, err
		}
	} else {
		defer moveMouse(ctx, 0, 0)
		var at [2]float64
		if err := evalJS(ctx, fmt.Sprintf(hoverPrepJS, i), &at); err != nil {
			return f, err
		}
		if err := moveMouse(ctx, at[0], at[1]); err != nil {
			return f, err
		}
	}
	if err := evalJS(ctx, settleJS, new(bool)); err != nil {
		return f, err
	}
	var shown *struct {
		Covers bool    `json:"covers"`
		X      float64 `json:"x"`
		Y      float64 `json:"y"`
	}
	if err := evalJS(ctx, fmt.Sprintf(hoverShownJS, i), &shown); err != nil || shown == nil {
		return f, err
	}
	f.hasPopup = true
	f.popup.Covers, f.popup.Focus = shown.Covers, focus
	if focus {
		f.popup.Hoverable = true // not asked of content shown on focus
	} else {
		// The pointer moves onto what appeared: it should stay.
		if err := moveMouse(ctx, shown.X, shown.Y); err != nil {
			return f, err
		}
		if err := evalJS(ctx, settleJS, new(bool)); err != nil {
			return f, err
		}
		if err := evalJS(ctx, fmt.Sprintf(hoverStillJS, i), &f.popup.Hoverable); err != nil {
			return f, err
		}
	}
	// Escape should hide it, with the pointer or focus where it is.
	if err := pressKey(ctx, "Escape", 27); err != nil {
		return f, err
	}
	if err := evalJS(ctx, settleJS, new(bool)); err != nil {
		return f, err
	}
	var still bool
	if err := evalJS(ctx, fmt.Sprintf(hoverStillJS, i), &still); err != nil {
		return f, err
	}
	f.popup.Dismissed = !still
	return f, nil
}

// probeHover hovers, with the mouse, the elements whose style rules show
// other content on hover, and focuses those whose rules show it on focus,
// and records for each what appeared and whether it can be hovered
// itself, dismissed with Escape, and covers other content (Page.Hover).
// The pointer ends at the top left corner.
func probeHover(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var n int
	if err := evalJS(ctx, fmt.Sprintf(hoverFindJS, hoverMaxTriggers), &n); err != nil {
		return err
	}
	view := &checks.HoverView{}
	if n == 0 {
		p.Hover = view
		return nil
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = moveMouse(cctx, 0, 0)
		_ = evalJS(cctx, "scrollTo({left: 0, top: 0, behavior: 'instant'}), true", new(bool))
	}()
	var focus []bool
	if err := evalJS(ctx, hoverModesJS, &focus); err != nil {
		return err
	}
	var tried []found
	for i := range n {
		f, err := tryPopup(ctx, i, i < len(focus) && focus[i])
		if err != nil {
			return err
		}
		tried = append(tried, f)
	}
	idx, err := elements(ctx, "(() => { const S = window.__saavuHover; return S.triggers.flatMap((t, i) => [S.focus[i] || t, S.popups[i] || t]); })()", backend)
	if err != nil {
		return err
	}
	at := func(k int) int {
		if k < len(idx) {
			return idx[k]
		}
		return -1
	}
	for _, f := range tried {
		if !f.hasPopup {
			continue
		}
		f.popup.Trigger, f.popup.Popup = at(2*f.trigger), at(2*f.trigger+1)
		view.Popups = append(view.Popups, f.popup)
	}
	p.Hover = view
	return nil
}
