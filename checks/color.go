package checks

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// rgba is a colour in sRGB, channels and alpha from 0 to 1, alpha not
// premultiplied.
type rgba struct{ R, G, B, A float64 }

var (
	canvasWhite = rgba{1, 1, 1, 1}
	noColor     = rgba{}
)

// opaque reports whether the colour hides what is below it.
func (c rgba) opaque() bool { return c.A >= 0.999 }

// over composites c over the colour below it (source-over).
func (c rgba) over(below rgba) rgba {
	a := c.A + below.A*(1-c.A)
	if a <= 0 {
		return noColor
	}
	mix := func(x, y float64) float64 { return (x*c.A + y*below.A*(1-c.A)) / a }
	return rgba{mix(c.R, below.R), mix(c.G, below.G), mix(c.B, below.B), a}
}

// fade multiplies the colour's alpha, as CSS opacity does to a layer.
func (c rgba) fade(opacityOf float64) rgba {
	c.A *= opacityOf
	return c
}

// hex returns the colour as #rrggbb, ignoring alpha.
func (c rgba) hex() string {
	b := func(f float64) int { return int(math.Round(clamp01(f) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", b(c.R), b(c.G), b(c.B))
}

func clamp01(f float64) float64 { return math.Max(0, math.Min(1, f)) }

// luminance returns the relative luminance of an opaque colour, as WCAG
// defines it. The linearisation threshold is the sRGB standard's 0.04045,
// which WCAG 2.2 and the ACT rules use; WCAG 2.0 and 2.1 print 0.03928,
// which gives the same result for every 8-bit colour.
func (c rgba) luminance() float64 {
	lin := func(v float64) float64 {
		v = clamp01(v)
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast returns the WCAG contrast ratio of two opaque colours, from 1
// to 21.
func contrast(a, b rgba) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// ratioText formats a contrast ratio rounded down to two decimals, so that
// a ratio just below a threshold never prints as the threshold: 4.499
// prints "4.49:1".
func ratioText(r float64) string {
	s := strconv.FormatFloat(math.Floor(r*100+1e-9)/100, 'f', 2, 64)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "0"), ".0")
	return s + ":1"
}

// parseColor parses a computed CSS colour: rgb(), rgba(), color() in the
// sRGB, linear sRGB, Display P3 and XYZ spaces, lab(), lch(), oklab() and
// oklch(). Out-of-gamut colours are clipped to sRGB.
func parseColor(s string) (rgba, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	switch s {
	case "transparent":
		return noColor, true
	case "white":
		return canvasWhite, true
	case "black":
		return rgba{0, 0, 0, 1}, true
	}
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return rgba{}, false
	}
	fn, args := s[:open], s[open+1:len(s)-1]
	alpha := 1.0
	var comps []string
	if main, a, ok := strings.Cut(args, "/"); ok {
		f, ok := colorComponent(strings.TrimSpace(a), 1)
		if !ok {
			return rgba{}, false
		}
		alpha = f
		comps = fieldsCSV(main)
	} else {
		comps = fieldsCSV(args)
	}
	space := ""
	if fn == "color" {
		if len(comps) == 0 {
			return rgba{}, false
		}
		space, comps = comps[0], comps[1:]
	}
	if (fn == "rgb" || fn == "rgba") && len(comps) == 4 {
		f, ok := colorComponent(comps[3], 1)
		if !ok {
			return rgba{}, false
		}
		alpha, comps = f, comps[:3]
	}
	if len(comps) != 3 {
		return rgba{}, false
	}
	var v [3]float64
	for i, c := range comps {
		scale := 1.0
		switch fn {
		case "rgb", "rgba":
			scale = 255
		case "lab", "lch":
			if i == 0 {
				scale = 100
			}
		}
		f, ok := colorComponent(c, scale)
		if !ok {
			return rgba{}, false
		}
		v[i] = f
	}
	var lin [3]float64 // linear sRGB
	switch fn {
	case "rgb", "rgba":
		return rgba{clamp01(v[0] / 255), clamp01(v[1] / 255), clamp01(v[2] / 255), clamp01(alpha)}, true
	case "color":
		switch space {
		case "srgb":
			return rgba{clamp01(v[0]), clamp01(v[1]), clamp01(v[2]), clamp01(alpha)}, true
		case "srgb-linear":
			lin = v
		case "display-p3":
			p := [3]float64{srgbToLinear(v[0]), srgbToLinear(v[1]), srgbToLinear(v[2])}
			lin = xyzToLinearSRGB(mul3(p3ToXYZ, p))
		case "xyz", "xyz-d65":
			lin = xyzToLinearSRGB(v)
		case "xyz-d50":
			lin = xyzToLinearSRGB(mul3(d50ToD65, v))
		default:
			return rgba{}, false
		}
	case "lab":
		lin = xyzToLinearSRGB(mul3(d50ToD65, labToXYZD50(v[0], v[1], v[2])))
	case "lch":
		a, b := lchToLab(v[1], v[2])
		lin = xyzToLinearSRGB(mul3(d50ToD65, labToXYZD50(v[0], a, b)))
	case "oklab":
		lin = oklabToLinearSRGB(v[0], v[1], v[2])
	case "oklch":
		a, b := lchToLab(v[1], v[2])
		lin = oklabToLinearSRGB(v[0], a, b)
	default:
		return rgba{}, false
	}
	return rgba{linearToSRGB(lin[0]), linearToSRGB(lin[1]), linearToSRGB(lin[2]), clamp01(alpha)}, true
}

// fieldsCSV splits colour arguments on commas and spaces.
func fieldsCSV(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// colorComponent parses a colour component: a number, a percentage of scale, or
// "none" (zero). Angles in deg are read as numbers.
func colorComponent(s string, scale float64) (float64, bool) {
	if s == "none" {
		return 0, true
	}
	if p, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(p, 64)
		return f / 100 * scale, err == nil
	}
	s = strings.TrimSuffix(s, "deg")
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func lchToLab(c, hDeg float64) (a, b float64) {
	h := hDeg * math.Pi / 180
	return c * math.Cos(h), c * math.Sin(h)
}

func srgbToLinear(v float64) float64 {
	sign := 1.0
	if v < 0 {
		sign, v = -1, -v
	}
	if v <= 0.04045 {
		return sign * v / 12.92
	}
	return sign * math.Pow((v+0.055)/1.055, 2.4)
}

func linearToSRGB(v float64) float64 {
	v = clamp01(v)
	if v <= 0.0031308 {
		return v * 12.92
	}
	return 1.055*math.Pow(v, 1/2.4) - 0.055
}

type mat3 [3][3]float64

func mul3(m mat3, v [3]float64) [3]float64 {
	var out [3]float64
	for i := range 3 {
		out[i] = m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2]
	}
	return out
}

// Matrices of CSS Color 4.
var (
	xyzD65ToSRGB = mat3{
		{3.2409699419045226, -1.537383177570094, -0.4986107602930034},
		{-0.9692436362808796, 1.8759675015077202, 0.04155505740717559},
		{0.05563007969699366, -0.20397695888897652, 1.0569715142428786},
	}
	p3ToXYZ = mat3{
		{0.4865709486482162, 0.26566769316909306, 0.1982172852343625},
		{0.2289745640697488, 0.6917385218365064, 0.079286914093745},
		{0, 0.04511338185890264, 1.043944368900976},
	}
	d50ToD65 = mat3{
		{0.955473421488075, -0.02309845494876471, 0.06325924320057072},
		{-0.0283697093338637, 1.0099953980813041, 0.021041441191917323},
		{0.012314014864481998, -0.020507649298898964, 1.330365926242124},
	}
)

func xyzToLinearSRGB(xyz [3]float64) [3]float64 { return mul3(xyzD65ToSRGB, xyz) }

func labToXYZD50(l, a, b float64) [3]float64 {
	const kappa, eps = 24389.0 / 27, 216.0 / 24389
	fy := (l + 16) / 116
	fx := a/500 + fy
	fz := fy - b/200
	inv := func(f float64) float64 {
		if f*f*f > eps {
			return f * f * f
		}
		return (116*f - 16) / kappa
	}
	yr := l / kappa
	if l > kappa*eps {
		yr = fy * fy * fy
	}
	return [3]float64{inv(fx) * 0.3457 / 0.3585, yr, inv(fz) * (1 - 0.3457 - 0.3585) / 0.3585}
}

func oklabToLinearSRGB(l, a, b float64) [3]float64 {
	l_ := l + 0.3963377774*a + 0.2158037573*b
	m_ := l - 0.1055613458*a - 0.0638541728*b
	s_ := l - 0.0894841775*a - 1.2914855480*b
	L, M, S := l_*l_*l_, m_*m_*m_, s_*s_*s_
	return [3]float64{
		4.0767416621*L - 3.3077115913*M + 0.2309699292*S,
		-1.2684380046*L + 2.6097574011*M - 0.3413193965*S,
		-0.0041960863*L - 0.7034186147*M + 1.7076147010*S,
	}
}

// splitTop splits s on commas that are not inside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// colorFunctions returns the colours written in s as functions (rgb(),
// oklch()…) or the keyword transparent, in order.
func colorFunctions(s string) ([]rgba, bool) {
	var out []rgba
	ls := strings.ToLower(s)
	for i := 0; i < len(ls); {
		if strings.HasPrefix(ls[i:], "transparent") {
			out = append(out, noColor)
			i += len("transparent")
			continue
		}
		matched := false
		for _, fn := range []string{"rgba(", "rgb(", "color(", "oklab(", "oklch(", "lab(", "lch("} {
			if !strings.HasPrefix(ls[i:], fn) || (i > 0 && isIdentByte(ls[i-1])) {
				continue
			}
			end := strings.IndexByte(ls[i:], ')')
			if end < 0 {
				return nil, false
			}
			c, ok := parseColor(ls[i : i+end+1])
			if !ok {
				return nil, false
			}
			out = append(out, c)
			i += end + 1
			matched = true
			break
		}
		if !matched {
			i++
		}
	}
	return out, true
}

func isIdentByte(b byte) bool { return b == '-' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }

// gradientColors returns colours sampled along a CSS gradient (every stop
// and points between them), or ok false when it is not a gradient whose
// colours saavu can read.
func gradientColors(s string) (samples []rgba, ok bool) {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, "gradient(") && !strings.Contains(s, "gradient(") {
		return nil, false
	}
	stops, ok := colorFunctions(s[strings.IndexByte(s, '(')+1:])
	if !ok || len(stops) == 0 {
		return nil, false
	}
	const steps = 16
	samples = append(samples, stops[0])
	for i := 1; i < len(stops); i++ {
		a, b := stops[i-1], stops[i]
		for k := 1; k <= steps; k++ {
			samples = append(samples, mixPremultiplied(a, b, float64(k)/steps))
		}
	}
	return samples, true
}

// mixPremultiplied interpolates two colours in premultiplied sRGB, as
// gradients do.
func mixPremultiplied(a, b rgba, t float64) rgba {
	alpha := a.A + (b.A-a.A)*t
	if alpha <= 0 {
		return noColor
	}
	ch := func(x, y float64) float64 { return (x*a.A + (y*b.A-x*a.A)*t) / alpha }
	return rgba{ch(a.R, b.R), ch(a.G, b.G), ch(a.B, b.B), alpha}
}

// cssPx parses a CSS length in px ("12px", "0").
func cssPx(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, true
	}
	v, ok := strings.CutSuffix(s, "px")
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(v, 64)
	return f, err == nil
}

// shadowColors returns the colours of a computed text-shadow or box-shadow
// ("none" gives none).
func shadowColors(s string) ([]rgba, bool) {
	if s == "" || s == "none" {
		return nil, true
	}
	return colorFunctions(s)
}

// linearGradient is a parsed linear-gradient(): its angle (CSS: 0deg
// points up, 90deg right) and colour stops, with positions as given
// (px or fractions of the gradient line), resolved by at.
type linearGradient struct {
	angle float64 // radians
	stops []gradStop
}

type gradStop struct {
	c      rgba
	pos    float64 // px when px is true, else a fraction; NaN when not given
	inPx   bool
	hasPos bool
}

// parseLinearGradient parses a computed non-repeating linear-gradient()
// whose direction is an angle or a side ("to right"). It gives up (ok
// false) on corners, colour hints and lengths other than px and %.
func parseLinearGradient(s string) (g linearGradient, ok bool) {
	s = strings.TrimSpace(s)
	inner, found := strings.CutPrefix(s, "linear-gradient(")
	if !found || !strings.HasSuffix(inner, ")") {
		return g, false
	}
	args := splitTop(inner[:len(inner)-1])
	g.angle = math.Pi // to bottom
	if len(args) > 0 {
		a := args[0]
		switch {
		case strings.HasPrefix(a, "to "):
			switch a {
			case "to top":
				g.angle = 0
			case "to right":
				g.angle = math.Pi / 2
			case "to bottom":
				g.angle = math.Pi
			case "to left":
				g.angle = 3 * math.Pi / 2
			default:
				return g, false // a corner
			}
			args = args[1:]
		case strings.HasSuffix(a, "deg") && !strings.Contains(a, "("):
			f, err := strconv.ParseFloat(strings.TrimSuffix(a, "deg"), 64)
			if err != nil {
				return g, false
			}
			g.angle = f * math.Pi / 180
			args = args[1:]
		case strings.HasSuffix(a, "turn") || strings.HasSuffix(a, "rad") || strings.HasPrefix(a, "in "):
			return g, false
		}
	}
	for _, a := range args {
		end := strings.LastIndexByte(a, ')')
		if end < 0 {
			return g, false
		}
		c, ok := parseColor(a[:end+1])
		if !ok {
			return g, false
		}
		positions := strings.Fields(a[end+1:])
		if len(positions) == 0 {
			g.stops = append(g.stops, gradStop{c: c})
			continue
		}
		if len(positions) > 2 {
			return g, false
		}
		for _, p := range positions {
			st := gradStop{c: c, hasPos: true}
			switch {
			case strings.HasSuffix(p, "%"):
				f, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
				if err != nil {
					return g, false
				}
				st.pos = f / 100
			default:
				f, ok := cssPx(p)
				if !ok {
					return g, false
				}
				st.pos, st.inPx = f, true
			}
			g.stops = append(g.stops, st)
		}
	}
	return g, len(g.stops) >= 2
}

// resolve returns the stops' positions as fractions of a gradient line
// of length l px, following CSS: a missing first/last position is 0/100%,
// positions never go backwards, and missing ones are spread evenly.
func (g linearGradient) resolve(l float64) []float64 {
	n := len(g.stops)
	pos := make([]float64, n)
	set := make([]bool, n)
	for i, s := range g.stops {
		if s.hasPos {
			pos[i], set[i] = s.pos, true
			if s.inPx {
				pos[i] = s.pos / l
			}
		}
	}
	if !set[0] {
		pos[0], set[0] = 0, true
	}
	if !set[n-1] {
		pos[n-1], set[n-1] = 1, true
	}
	for i := 1; i < n; i++ {
		if set[i] && pos[i] < pos[i-1] {
			pos[i] = pos[i-1]
		}
	}
	for i := 1; i < n; {
		if set[i] {
			i++
			continue
		}
		j := i
		for !set[j] {
			j++
		}
		for k := i; k < j; k++ {
			pos[k] = pos[i-1] + (pos[j]-pos[i-1])*float64(k-i+1)/float64(j-i+1)
		}
		i = j
	}
	return pos
}

// colorsUnder returns colours of the gradient, painted over the box area,
// at the points covered by the boxes: every stop inside that part of the
// gradient line and samples between them.
func (g linearGradient) colorsUnder(area Rect, boxes []Rect) []rgba {
	sin, cos := math.Sin(g.angle), -math.Cos(g.angle)
	l := math.Abs(area.W*sin) + math.Abs(area.H*cos)
	if l <= 0 {
		return nil
	}
	cx, cy := area.X+area.W/2, area.Y+area.H/2
	t0, t1 := math.Inf(1), math.Inf(-1)
	for _, b := range boxes {
		for _, p := range [][2]float64{{b.X, b.Y}, {b.X + b.W, b.Y}, {b.X, b.Y + b.H}, {b.X + b.W, b.Y + b.H}} {
			t := ((p[0]-cx)*sin+(p[1]-cy)*cos)/l + 0.5
			t0, t1 = math.Min(t0, t), math.Max(t1, t)
		}
	}
	pos := g.resolve(l)
	at := func(t float64) rgba {
		if t <= pos[0] {
			return g.stops[0].c
		}
		for i := 1; i < len(pos); i++ {
			if t <= pos[i] {
				if pos[i] == pos[i-1] {
					return g.stops[i].c
				}
				return mixPremultiplied(g.stops[i-1].c, g.stops[i].c, (t-pos[i-1])/(pos[i]-pos[i-1]))
			}
		}
		return g.stops[len(g.stops)-1].c
	}
	const steps = 32
	var out []rgba
	for k := 0; k <= steps; k++ {
		out = append(out, at(t0+(t1-t0)*float64(k)/steps))
	}
	for i, p := range pos {
		if p >= t0 && p <= t1 {
			out = append(out, g.stops[i].c)
			if i+1 < len(pos) && pos[i+1] == p {
				out = append(out, g.stops[i+1].c)
			}
		}
	}
	return out
}
