package checks

import (
	_ "embed"
	"strings"
	"sync"
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
