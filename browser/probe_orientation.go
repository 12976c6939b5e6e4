package browser

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// The orientation probe (WCAG 1.3.4 Orientation): the page turned to
// portrait and to landscape. See probe.go for how probes run.

// rotationJS returns the rotation, in degrees, and the computed transform
// and rotate of html, body and the elements of the page that cover most
// of the viewport, once the orientation media query gives want.
func rotationJS(want string) string {
	return fmt.Sprintf(`(async () => {
  for (let i = 0; i < 10 && !matchMedia('(orientation: %s)').matches; i++) await new Promise(r => setTimeout(r, 20));
  if (!matchMedia('(orientation: %[1]s)').matches) return null;
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
})()`, want)
}

// orientationQueryJS tells whether any style sheet of the page (open
// shadow roots and imports included) has a media, container or supports
// condition on orientation. A sheet whose rules cannot be read (from
// another origin, without CORS) counts as having one.
const orientationQueryJS = `(() => {
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
  const walk = root => {
    for (const e of root.querySelectorAll('*')) {
      if (!e.shadowRoot) continue;
      sheets.push(...e.shadowRoot.styleSheets, ...(e.shadowRoot.adoptedStyleSheets || []));
      walk(e.shadowRoot);
    }
  };
  walk(document);
  return sheets.some(sheet);
})()`

// probeOrientation turns the viewport to portrait and to landscape and
// reads how html, body and the page's main boxes are rotated in each.
// The viewport is restored afterwards: the tab goes on to other pages.
// A page without an orientation query in its style sheets is not turned:
// nothing in it can depend on the orientation (a script that rotates the
// page on resize is not seen).
func probeOrientation(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	var queries bool
	if err := evalJS(ctx, orientationQueryJS, &queries); err != nil {
		return err
	}
	if !queries {
		return nil
	}
	type rot struct {
		Angle float64 `json:"angle"`
		Style string  `json:"style"`
	}
	w, h := int64(p.Viewport.W), int64(p.Viewport.H)
	if w <= 0 || h <= 0 {
		w, h = 1280, 800
	}
	long, short := max(w, h), min(w, h)
	defer func() {
		// Restore even when ctx has run out.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_, _ = chromedp.Call(cctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	}()
	read := func(orient string, w, h int64) ([]rot, []int, error) {
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1}); err != nil {
			return nil, nil, err
		}
		var rs []rot
		if err := evalJS(ctx, rotationJS(orient), &rs); err != nil {
			return nil, nil, err
		}
		if rs == nil {
			return nil, nil, fmt.Errorf("the viewport did not turn to %s", orient)
		}
		idx, err := elements(ctx, "window.__saavuRot", backend)
		return rs, idx, err
	}
	pr, pi, err := read("portrait", short, long)
	if err != nil {
		return err
	}
	lr, li, err := read("landscape", long, short)
	if err != nil {
		return err
	}
	land := map[int]rot{}
	for i, n := range li {
		if n >= 0 && i < len(lr) {
			land[n] = lr[i]
		}
	}
	for i, n := range pi {
		l, ok := land[n]
		if n < 0 || i >= len(pr) || !ok {
			continue
		}
		p.Rotations = append(p.Rotations, checks.Rotation{Node: n,
			Portrait: math.Round(pr[i].Angle*100) / 100, Landscape: math.Round(l.Angle*100) / 100, Differs: pr[i].Style != l.Style})
	}
	return nil
}
