package checks

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// lang_subtags.txt lists the primary language subtags of the IANA Language
// Subtag Registry, built from ISO 639 (see the file's header).
//
//go:embed lang_subtags.txt
var langSubtagsData string

var (
	langSubtagsOnce sync.Once
	langSubtags     map[string]bool
)

// knownLanguage reports whether s (any case) is a primary language subtag
// of the IANA Language Subtag Registry: "fi", "sv", "smn", but not "eng"
// (the registry has "en"), "i" (grandfathered tags) or "dutch".
func knownLanguage(s string) bool {
	langSubtagsOnce.Do(func() {
		langSubtags = map[string]bool{}
		for _, line := range strings.Split(langSubtagsData, "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			for _, code := range strings.Fields(line) {
				langSubtags[code] = true
			}
		}
	})
	s = asciiLower(s)
	if langSubtags[s] {
		return true
	}
	// qaa..qtz: reserved for private use, registered as a range.
	return len(s) == 3 && s[0] == 'q' && s[1] >= 'a' && s[1] <= 't' && s[2] >= 'a' && s[2] <= 'z'
}

// primaryLanguage returns the primary language subtag of a language tag:
// the part before the first hyphen, whitespace trimmed ("en" for "en-GB").
func primaryLanguage(tag string) string {
	tag = strings.TrimSpace(tag)
	primary, _, _ := strings.Cut(tag, "-")
	return primary
}

// validLanguageTag reports whether the tag has a known primary language
// subtag, as ACT rules define a valid lang attribute: "en", "FR",
// "en-US-GB" and "de-hello" are valid; "", "eng", "i-lux", "em-US",
// "dutch" and "#1" are not. Only the primary subtag is checked, as
// browsers and screen readers do.
func validLanguageTag(tag string) bool {
	p := primaryLanguage(tag)
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return knownLanguage(p)
}

// asciiLower lower-cases ASCII letters only, as language tags and HTML
// keywords are compared.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isBlank reports whether s is empty or only whitespace.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// langHint suggests a fix for an invalid language tag.
func langHint(tag string) Text {
	tag = strings.TrimSpace(tag)
	p := asciiLower(primaryLanguage(tag))
	switch {
	case strings.Contains(tag, "_"):
		fixed := strings.ReplaceAll(tag, "_", "-")
		if validLanguageTag(fixed) {
			return msg(`Separate the parts with a hyphen, not an underscore: "%s", or just "%s".`, fixed, primaryLanguage(fixed))
		}
	case p == "i" || p == "x":
		return msg(`Tags starting with "%s-" are not understood by browsers and screen readers; use the language's code, such as "lb" for Luxembourgish.`, p)
	}
	if c, ok := langAliases[p]; ok {
		return msg(`Use "%s" instead.`, c)
	}
	return msg(`Use a code from the IANA language subtag registry, such as "fi" (Finnish), "sv" (Swedish), "en" (English), "se" (Northern Sami) or "ru" (Russian).`)
}

// langAliases maps common wrong primary subtags to the registry's code:
// ISO 639-2 three-letter codes, language names and country codes.
var langAliases = map[string]string{
	"eng": "en", "fin": "fi", "swe": "sv", "sme": "se", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr",
	"rus": "ru", "est": "et", "spa": "es", "ita": "it", "nor": "no", "dan": "da", "ara": "ar", "som": "so",
	"ukr": "uk", "english": "en", "finnish": "fi", "suomi": "fi", "swedish": "sv", "svenska": "sv",
	"ruotsi": "sv", "englanti": "en", "german": "de", "french": "fr", "russian": "ru", "estonian": "et",
	"dutch": "nl", "spanish": "es", "sami": "se", "saame": "se", "saami": "se",
	"jp": "ja", "cn": "zh", "dk": "da", "gr": "el", "ua": "uk",
}

// Shared by html-lang-matches-content and lang-matches-content: the text
// a lang attribute covers, and how their messages quote it and say what
// to fix.

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
