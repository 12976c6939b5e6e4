package checks

import (
	"strings"
	"unicode"
)

// HTMLLangMatchesContent checks that the language the page states is the
// language its text is written in (ACT ucwvc8).
var HTMLLangMatchesContent = &Rule{
	ID:      "html-lang-matches-content",
	Title:   "Page language matches the language of its text",
	Doc:     doc("html-lang-matches-content"),
	HelpURL: understanding("3.1.1"),
	WCAG:    []string{"3.1.1"},
	ACT:     []string{"ucwvc8"},
	Impact:  Serious,
	Run:     runHTMLLangMatchesContent,
}

// LangMatchesContent checks that the language stated on a part of the page
// is the language of that part's text (ACT off6ek).
var LangMatchesContent = &Rule{
	ID:      "lang-matches-content",
	Title:   "Language changes match the language of the text",
	Doc:     doc("lang-matches-content"),
	HelpURL: understanding("3.1.2"),
	WCAG:    []string{"3.1.2"},
	ACT:     []string{"off6ek"},
	Impact:  Serious,
	Run:     runLangMatchesContent,
}

func runHTMLLangMatchesContent(pass *Pass) error {
	root := htmlRoot(pass.Page)
	if root == nil {
		return nil
	}
	v, ok := root.Attr("lang")
	if !ok || !validLanguageTag(v) {
		return nil // html-has-lang and html-lang-valid report these
	}
	text, words := langText(root)
	switch o, found, code := langVerdict(primaryLanguage(v), text); o {
	case Passed:
		pass.Passed(root)
	case Failed:
		pass.Failed(root, "The page says its language is %s, but its text is in %s (%d words checked). Screen readers read the whole page with the pronunciation of the stated language, which makes it hard or impossible to understand. %s",
			langLabel(v), found, words, langFix(true, code))
	case CantTell:
		pass.CantTell(root, "The page says its language is %s, but much of its text looks like %s. Check which language most of the page is in and set that on the <html> element (lang=%q); mark passages in other languages with their own lang attribute.", langLabel(v), found, code)
	default:
		if words > 0 {
			pass.CantTell(root, "The page says its language is %s; saavu cannot tell the language of its text (%s). Check that most of the page's text is in that language.", langLabel(v), sample(text, words))
		}
	}
	return nil
}

func runLangMatchesContent(pass *Pass) error {
	if htmlRoot(pass.Page) == nil {
		return nil
	}
	for _, n := range pass.Page.Elements() {
		v, ok := n.Attr("lang")
		if !ok || n.Namespace != "" || n.Frame != 0 || n.Closest("body") == nil || !validLanguageTag(v) {
			continue
		}
		text, words := langText(n)
		switch o, found, code := langVerdict(primaryLanguage(v), text); o {
		case Passed:
			pass.Passed(n)
		case Failed:
			pass.Failed(n, "This part says its language is %s, but its text is in %s (%d words checked), so screen readers read it with the wrong pronunciation. %s",
				langLabel(v), found, words, langFix(false, code))
		case CantTell:
			pass.CantTell(n, "This part says its language is %s, but its text looks like %s. Check its language and correct the lang attribute (lang=%q) if needed.", langLabel(v), found, code)
		default:
			if words > 0 {
				pass.CantTell(n, "This part says its language is %s; saavu cannot tell the language of its text (%s). Check that the text is in that language.", langLabel(v), sample(text, words))
			}
		}
	}
	return nil
}

// langText returns the text that takes its language from n (not from an
// element inside it with its own lang) and is rendered or read out, and
// its number of words.
func langText(n *Node) (string, int) {
	var b strings.Builder
	var walk func(c *Node, top bool)
	walk = func(c *Node, top bool) {
		switch c.Type {
		case TextNode:
			if !isBlank(c.Text) && (c.Exposed() || c.Layout != nil && len(c.Layout.TextBoxes) > 0) {
				b.WriteString(c.Text)
				b.WriteString(" ")
			}
			return
		case ElementNode:
			if c.Is("script", "style", "noscript", "template", "code", "pre", "kbd", "samp") {
				return
			}
			if v, ok := c.Attr("lang"); !top && ok && v != "" {
				return
			}
			if c.Frame != n.Frame {
				return
			}
			// The text alternative of an image, or an aria-label, is text
			// in the element's language too.
			if c.Exposed() && !nameFromContents(c) && !isBlank(c.AccessibleName()) {
				b.WriteString(c.AccessibleName())
				b.WriteString(" ")
			}
		}
		for _, k := range c.ChildNodes() {
			walk(k, false)
		}
	}
	walk(n, true)
	text := b.String()
	words := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	return text, words
}

// sample quotes the start of a text for a message: "Library card" or
// "Fireworks over Paris …" (12 words).
func sample(text string, words int) Text {
	f := strings.Fields(text)
	if len(f) <= 8 {
		return msg("%q", strings.Join(f, " "))
	}
	return msg("%q, %d words", strings.Join(f[:8], " ")+" …", words)
}

// langLabel describes a lang value: "Finnish (lang="fi")".
func langLabel(v string) Text {
	if name, ok := knownLanguageName(asciiLower(primaryLanguage(v))); ok {
		return msg("%s (lang=%q)", name, v)
	}
	return msg("lang=%q", v)
}

// langFix says how to correct the lang attribute of the page (page) or
// of an element.
func langFix(page bool, code string) Text {
	switch {
	case code == "" && page:
		return msg("Set the language of the <html> element to the language of its text, or mark the passages in another language with their own lang attribute.")
	case code == "":
		return msg("Set the language of this element to the language of its text, or mark the passages in another language with their own lang attribute.")
	case page:
		return msg("If the text is in %s, set lang=%q on the <html> element; if only some passages are, mark them with their own lang attribute.", languageName(code), code)
	}
	return msg("If the text is in %s, set lang=%q on this element; if only some passages are, mark them with their own lang attribute.", languageName(code), code)
}
