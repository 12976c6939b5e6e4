package checks

import (
	"slices"
	"strings"
	"unicode"
)

// LabelInName checks that a control's accessible name contains the text
// shown on it (ACT 2ee8b8).
var LabelInName = &Rule{
	ID:      "label-in-name",
	Title:   "Controls' accessible names contain their visible text",
	Doc:     doc("label-in-name"),
	HelpURL: understanding("2.5.3"),
	WCAG:    []string{"2.5.3"},
	ACT:     []string{"2ee8b8"},
	Impact:  Serious,
	Run:     runLabelInName,
}

// nameFromContentWidgets are the widget roles that take their name from
// their content, with Chrome's names for some of them.
var nameFromContentWidgets = map[string]bool{
	"button": true, "ToggleButton": true, "PopUpButton": true, "checkbox": true, "gridcell": true,
	"link": true, "doc-backlink": true, "doc-biblioref": true, "doc-glossref": true, "doc-noteref": true,
	"menuitem": true, "menuitemcheckbox": true, "MenuItemCheckBox": true, "menuitemradio": true, "MenuItemRadio": true,
	"option": true, "ListBoxOption": true, "MenuListOption": true, "radio": true, "switch": true, "tab": true, "treeitem": true,
}

// ACT 2ee8b8 applies to visible widgets whose role takes its name from
// content, that have visible text and an aria-label or aria-labelledby
// attribute. The visible text, less characters that stand for non-text
// content, must be contained in the accessible name, ignoring case,
// white space and punctuation.
func runLabelInName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !nameFromContentWidgets[n.Role()] || !n.Exposed() || !n.Rendered() {
			continue
		}
		if !n.HasAttr("aria-label") && !n.HasAttr("aria-labelledby") {
			continue
		}
		raw := visibleLabelText(n)
		if blank(raw) {
			continue
		}
		visible := stripParenthesised(raw)
		if symbolOnly(visible) {
			continue // "X", "›": a symbol standing for an icon
		}
		name := n.AccessibleName()
		switch labelMatch(visible, name) {
		case matchYes:
			pass.Passed(n)
		case matchAbbrev:
			pass.CantTell(n, "The visible text %s is abbreviated in a different way in the accessible name %s. Check that people using speech control can say the visible text to activate the control.", quoteShort(raw), quoteShort(name))
		default:
			pass.Failed(n, "This control shows the text %s, but its accessible name (from aria-label or aria-labelledby) is %s, which does not contain it. People who use speech control say what they see (\"click %s\") and nothing happens. Start the aria-label with the visible text, word for word, or remove the aria-label so the visible text becomes the name.",
				quoteShort(raw), quoteShort(name), strings.Join(strings.Fields(raw), " "))
		}
	}
	return nil
}

type labelMatchResult int

const (
	matchNo labelMatchResult = iota
	matchYes
	matchAbbrev // matches if an abbreviation ("Ave.") stands for a longer word
)

// labelMatch reports whether the visible text is contained, as whole
// words, in the name. Case is ignored, and punctuation and symbols are
// either dropped ("non-standard" = "nonstandard") or taken as word
// breaks ("Home/Contact" = "Home Contact").
func labelMatch(visible, name string) labelMatchResult {
	for _, drop := range []bool{true, false} {
		if containsWords(labelWords(name, drop), labelWords(visible, drop)) >= 0 {
			return matchYes
		}
	}
	// Abbreviations: a visible word ending in "." may stand for a longer
	// word of the name.
	vw, abbr := abbrevWords(visible)
	nw := labelWords(name, true)
	for i := 0; i+len(vw) <= len(nw); i++ {
		ok := true
		for j, w := range vw {
			if nw[i+j] != w && !(abbr[j] && abbreviates(w, nw[i+j])) {
				ok = false
				break
			}
		}
		if ok && len(vw) > 0 {
			return matchAbbrev
		}
	}
	return matchNo
}

// labelWords lower-cases s and splits it into words, dropping
// punctuation and symbols or treating them as spaces.
func labelWords(s string, drop bool) []string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			if drop {
				return -1
			}
			return ' '
		case unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cf, r):
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Fields(s)
}

// abbrevWords splits s into words like labelWords (punctuation dropped)
// and marks the words written with a final period.
func abbrevWords(s string) ([]string, []bool) {
	var words []string
	var abbr []bool
	for _, f := range strings.Fields(s) {
		ws := labelWords(f, true)
		if len(ws) != 1 {
			words = append(words, ws...)
			for range ws {
				abbr = append(abbr, false)
			}
			continue
		}
		words = append(words, ws[0])
		abbr = append(abbr, strings.HasSuffix(f, "."))
	}
	return words, abbr
}

// abbreviates reports whether abbr can be an abbreviation of word: it
// starts with the same letter and its letters appear in word in order
// ("ave" for "avenue", "dept" for "department").
func abbreviates(abbr, word string) bool {
	a, w := []rune(abbr), []rune(word)
	if len(a) == 0 || len(w) <= len(a) || a[0] != w[0] {
		return false
	}
	j := 0
	for _, r := range w {
		if j < len(a) && r == a[j] {
			j++
		}
	}
	return j == len(a)
}

// containsWords returns the index where sub occurs as a contiguous run of
// words in words, or -1. An empty sub is not contained.
func containsWords(words, sub []string) int {
	if len(sub) == 0 {
		return -1
	}
	for i := 0; i+len(sub) <= len(words); i++ {
		if slices.Equal(words[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// stripParenthesised removes text in parentheses, such as a format hint
// ("Search by date (YYYY-MM-DD)"), which is not part of the label proper.
func stripParenthesised(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if blank(b.String()) {
		return s
	}
	return b.String()
}

// symbolOnly reports whether the text is only symbols, punctuation or a
// single letter, which stands for an icon ("X" for close).
func symbolOnly(s string) bool {
	words := labelWords(s, true)
	if len(words) == 0 {
		return true
	}
	if len(words) == 1 {
		r := []rune(words[0])
		return len(r) == 1 && !unicode.IsDigit(r[0])
	}
	return false
}

// visibleLabelText returns the text a sighted user sees on the element:
// its visible text nodes, block boxes and line breaks separated by
// spaces. Text in icon fonts is left out.
func visibleLabelText(n *Node) string {
	var b strings.Builder
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			switch c.Type {
			case TextNode:
				if blank(c.Text) {
					b.WriteString(" ") // white space between inline elements separates words
				} else if visibleText(c) && !iconFont(c) && !clippedAway(c, n) {
					b.WriteString(c.Text)
				}
			case ElementNode:
				if c.Is("script", "style", "template") || !c.Rendered() {
					continue
				}
				if c.Is("br") {
					b.WriteString(" ")
					continue
				}
				d := c.Style("display")
				block := d != "" && !strings.HasPrefix(d, "inline") && d != "contents"
				if block {
					b.WriteString(" ")
				}
				walk(c)
				if block {
					b.WriteString(" ")
				}
			}
		}
	}
	walk(n)
	return b.String()
}

// iconFont reports whether the text is drawn in an icon font, where
// words are ligatures for pictures ("search" shows a magnifier).
func iconFont(t *Node) bool {
	f := strings.ToLower(t.Style("font-family"))
	if f == "" {
		if p := t.ParentElement(); p != nil {
			f = strings.ToLower(p.Style("font-family"))
		}
	}
	for _, k := range []string{"icon", "symbols", "awesome", "glyph", "fontello", "ionic"} {
		if strings.Contains(f, k) {
			return true
		}
	}
	return false
}

// clippedAway reports whether the text is hidden visually between its
// parent and the widget: a clipped 1-pixel box, clip-path: inset(50%),
// clip: rect(…) or opacity 0.
func clippedAway(t, widget *Node) bool {
	for e := t.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Layout != nil {
			box := e.Layout.Box
			tiny := box.W <= 1 || box.H <= 1
			if tiny && (overflowClips(e.Style("overflow-x")) || overflowClips(e.Style("overflow-y"))) {
				return true
			}
			if strings.HasPrefix(e.Style("clip-path"), "inset(50%") || clipHides(e.Style("clip")) || e.Style("opacity") == "0" {
				return true
			}
		}
		if e == widget {
			break
		}
	}
	return false
}
