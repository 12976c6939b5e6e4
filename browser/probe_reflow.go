package browser

import (
	"context"
	"fmt"
	"slices"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domsnapshot"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The reflow probe: the page at 320 CSS px (WCAG 1.4.10 Reflow). See
// probe.go for how probes run.

// The reflow probe's viewport: a 1280 × 1024 screen zoomed to 400 %.
const reflowW, reflowH = 320, 256

// reflowJS finds what reaches beyond the right edge of the window: for
// each text node that does, the outermost element around it that does
// too (the one to make narrower), or its own element when the text sticks
// out of it (a long word); then images, videos, frames and form fields.
// Text inside an element that clips or scrolls its overflow and fits the
// window is not counted: the window does not scroll for it. It leaves
// the elements in window.__saavuReflow and returns what it saw of each.
const reflowJS = `(() => {
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
      if (out.wide.length >= ` + "%d" + `) return;
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
  const walk = root => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n && budget > 0; n = w.nextNode()) {
      budget--;
      if (n.nodeType === 3) text(n);
      else if (n.shadowRoot) walk(n.shadowRoot);
    }
  };
  walk(body);
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
})()`

// probeReflow lays the page out at 320 × 256 CSS px and records what
// reaches beyond the right edge of the window (Page.Reflow). The viewport
// is restored afterwards.
func probeReflow(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	restore, err := resize(ctx, reflowW, reflowH)
	defer restore()
	if err != nil {
		return err
	}
	var res struct {
		VW      float64 `json:"vw"`
		SW      float64 `json:"sw"`
		Scrolls bool    `json:"scrolls"`
		Wide    []struct {
			El     int     `json:"el"`
			Kind   string  `json:"kind"`
			Right  float64 `json:"right"`
			Width  float64 `json:"width"`
			Texts  int     `json:"texts"`
			Word   bool    `json:"word"`
			Exempt string  `json:"exempt"`
			Cut    bool    `json:"cut"`
		} `json:"wide"`
	}
	if err := evalJS(ctx, fmt.Sprintf(reflowJS, checks.MaxReflowBoxes), &res); err != nil {
		return err
	}
	v := &checks.ReflowView{Viewport: checks.Size{W: res.VW, H: reflowH}, ScrollWidth: round2(res.SW), Scrolls: res.Scrolls}
	if len(res.Wide) > 0 {
		idx, err := elements(ctx, "window.__saavuReflow || []", backend)
		if err != nil {
			return err
		}
		for _, w := range res.Wide {
			node := -1
			if w.El >= 0 && w.El < len(idx) {
				node = idx[w.El]
			}
			v.Wide = append(v.Wide, checks.WideBox{Node: node, Kind: w.Kind, Right: round2(w.Right), Width: round2(w.Width),
				Texts: w.Texts, Word: w.Word, Exempt: w.Exempt, Cut: w.Cut})
		}
		slices.SortStableFunc(v.Wide, func(a, b checks.WideBox) int { return a.Node - b.Node })
	}
	if v.Clip, err = clipAt(ctx, p, backend, checks.Size{W: reflowW, H: reflowH}); err != nil {
		return err
	}
	p.Reflow = v
	return nil
}

// clipAt records how the elements with overflow hidden or clip cut text
// in the viewport as it is now (see zoomView), keeping only the texts
// they cut; nil when nothing on the page can clip text.
func clipAt(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int, viewport checks.Size) (*checks.ZoomView, error) {
	if !clipsText(p) {
		var media bool
		if err := evalJS(ctx, mediaOverflowJS, &media); err != nil || !media {
			return nil, err
		}
	}
	snap, err := chromedp.Call(ctx, domsnapshot.CaptureSnapshot, domsnapshot.CaptureSnapshotParams{
		ComputedStyles:  zoomStyles,
		IncludeDOMRects: new(true),
	})
	if err != nil {
		return nil, err
	}
	z := zoomView(&snap, backend, viewport)
	cut := &checks.ZoomView{Viewport: viewport}
	boxes := map[int]bool{}
	for _, t := range z.Texts {
		if len(t.Clips) > 0 {
			cut.Texts = append(cut.Texts, t)
			for _, c := range t.Clips {
				boxes[c.Box] = true
			}
		}
	}
	for _, b := range z.Boxes {
		if boxes[b.Node] {
			cut.Boxes = append(cut.Boxes, b)
		}
	}
	return cut, nil
}
