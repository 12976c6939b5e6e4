package checks

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// The three text-spacing rules (WCAG 1.4.12): a style attribute must not
// lock letter spacing, word spacing or line height below the minimum with
// !important, since a style attribute's !important wins over every style
// sheet of the author, and so over the style sheets that users' tools add
// to make text easier to read. The rules (letter-spacing-important,
// word-spacing-important, line-height-important) share runTextSpacing.

// spacingProp is one text-spacing property and its WCAG minimum, as a
// multiple of the font size.
type spacingProp struct {
	name       string   // CSS property
	shorthands []string // shorthands that also set it
	min        float64  // minimum, times the font size
	minText    Text     // the minimum, for messages
	what       Text     // what it spaces: letters, words, lines
	multiLine  bool     // applies only to text laid out on several lines
}

var (
	letterSpacing = spacingProp{name: "letter-spacing", min: 0.12, minText: msg("0.12em (0.12 times the font size)"), what: msg("letters")}
	wordSpacing   = spacingProp{name: "word-spacing", min: 0.16, minText: msg("0.16em (0.16 times the font size)"), what: msg("words")}
	lineHeight    = spacingProp{name: "line-height", shorthands: []string{"font"}, min: 1.5, minText: msg("1.5 (1.5 times the font size)"), what: msg("lines"), multiLine: true}
)

// ACT 24afc2, 9e45ec and 78fd32 apply to HTML elements with visible text
// node children whose property's cascaded value comes from an important
// declaration of their style attribute (and is not inherited); 78fd32 only
// when the text wraps over several lines. The computed value must be at
// least the minimum times the computed font size.
func runTextSpacing(pass *Pass, prop spacingProp) error {
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" || !n.Rendered() {
			continue
		}
		style, ok := n.Attr("style")
		if !ok {
			continue
		}
		decl, ok := importantDecl(style, prop)
		if !ok {
			continue
		}
		switch strings.ToLower(decl.value) {
		case "inherit", "unset", "revert", "revert-layer":
			continue // inherited, or handed back to the browser's or user's style
		}
		lines := textLines(n)
		if lines == 0 || prop.multiLine && lines < 2 {
			continue
		}
		fs, ok := cssPx(n.Style("font-size"))
		if !ok || fs <= 0 {
			continue
		}
		computed := n.Style(prop.name)
		v, ok := spacingValue(computed, prop, fs)
		if !ok {
			pass.CantTell(n, "The style attribute sets %s: %s with !important, which users cannot override; saavu could not read the resulting value (%q). Check that it is at least %s.", prop.name, decl.value, computed, prop.minText)
			continue
		}
		if v+0.005 >= prop.min*fs {
			pass.Passed(n)
			continue
		}
		pass.Failed(n, "The style attribute sets %s: %s !important, which is %s at this %s font size; people who need more space between %s cannot change it, because !important in a style attribute overrides their settings. Remove !important, or set at least %s.",
			prop.name, decl.value, pxText(v), pxText(fs), prop.what, prop.minText)
	}
	return nil
}

func pxText(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) + "px"
}

// styleDecl is one declaration of a style attribute.
type styleDecl struct {
	prop, value string
	important   bool
}

// importantDecl returns the declaration of the style attribute that gives
// the property its cascaded value, when that declaration is important:
// important declarations win over normal ones, and among equals the last
// one wins. A shorthand (font for line-height) counts as declaring the
// property.
func importantDecl(style string, prop spacingProp) (styleDecl, bool) {
	var win styleDecl
	found := false
	for _, d := range parseStyle(style) {
		if d.prop != prop.name && !slices.Contains(prop.shorthands, d.prop) {
			continue
		}
		if !found || d.important || !win.important {
			win, found = d, true
		}
	}
	return win, found && win.important
}

// parseStyle splits a style attribute into declarations. Semicolons inside
// quotes or parentheses do not end a declaration.
func parseStyle(s string) []styleDecl {
	var out []styleDecl
	var parts []string
	depth, quote, start := 0, rune(0), 0
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '(':
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case r == ';' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	for _, p := range parts {
		name, value, ok := strings.Cut(p, ":")
		if !ok {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		d := styleDecl{prop: name, value: value}
		if i := strings.LastIndex(value, "!"); i >= 0 && strings.EqualFold(strings.TrimSpace(value[i+1:]), "important") {
			d.important = true
			d.value = strings.TrimSpace(value[:i])
		}
		if name == "" || d.value == "" {
			continue
		}
		out = append(out, d)
	}
	return out
}

// spacingValue returns the computed value of the property in px.
func spacingValue(computed string, prop spacingProp, fs float64) (float64, bool) {
	computed = strings.TrimSpace(computed)
	if computed == "normal" {
		if prop.name == "line-height" {
			return 1.2 * fs, true // browsers use about 1.2 for normal, depending on the font; well under 1.5
		}
		return 0, true
	}
	if strings.HasSuffix(computed, "px") {
		return cssPx(computed)
	}
	if prop.name == "line-height" {
		if f, err := strconv.ParseFloat(computed, 64); err == nil {
			return f * fs, true // a number: times the font size
		}
	}
	return 0, false
}

// textLines returns how many lines of visible text the element's own text
// node children take up: 0 when it has no visible text node child.
func textLines(n *Node) int {
	var tops []float64
	for _, c := range n.ChildNodes() {
		if c.Type != TextNode || !visibleText(c) {
			continue
		}
		for _, b := range c.Layout.TextBoxes {
			if !onPage(b) {
				continue
			}
			dup := false
			for _, y := range tops {
				if math.Abs(y-b.Y) < 1 {
					dup = true
					break
				}
			}
			if !dup {
				tops = append(tops, b.Y)
			}
		}
	}
	return len(tops)
}
