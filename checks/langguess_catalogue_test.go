package checks

import (
	"encoding/binary"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestLangVerdictCatalogues measures false failures of the language
// guesser on real translated text whose language is known: the message
// catalogues (.mo files) installed under /usr/share/locale. Every msgstr
// of 6 to 40 words in a language the guesser has word lists for is checked
// against its own language, and every msgid against English. None under
// 12 words may fail (the stricter short-text test); failures of longer
// texts are logged. The test skips on machines without catalogues.
func TestLangVerdictCatalogues(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every message catalogue of 11 languages (about 15 s); run without -short")
	}
	const root = "/usr/share/locale"
	langs := []string{"fi", "sv", "en", "de", "fr", "nl", "da", "nb", "et", "es", "it", "pt"}
	texts := map[string]map[string]bool{}
	for _, lang := range langs {
		texts[lang] = map[string]bool{}
	}
	files := 0
	for _, lang := range langs {
		if lang == "en" {
			continue // English: the msgids of the others' catalogues
		}
		paths, _ := filepath.Glob(filepath.Join(root, lang, "LC_MESSAGES", "*.mo"))
		for _, p := range paths {
			ids, strs, err := readMO(p)
			if err != nil {
				t.Logf("%s: %v", p, err)
				continue
			}
			files++
			for i, s := range strs {
				id := catalogueText(ids[i])
				if id != "" {
					texts["en"][id] = true
				}
				// An msgstr equal to its msgid is untranslated English,
				// not text in the catalogue's language.
				if s = catalogueText(s); s != "" && s != id {
					texts[lang][s] = true
				}
			}
		}
	}
	if files == 0 {
		t.Skipf("no message catalogues (.mo files) under %s to measure the language guesser on", root)
	}
	for _, lang := range langs {
		// The same texts declared as another language show what the
		// short-text test catches.
		other := "en"
		if lang == "en" {
			other = "fi"
		}
		var checked, short, failed, failedShort, cantTell, caught int
		for _, s := range slices.Sorted(maps.Keys(texts[lang])) {
			words := 0
			for _, w := range strings.Fields(s) {
				if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
					words++
				}
			}
			if words < 6 || words > 40 {
				continue
			}
			checked++
			if words < 12 {
				short++
				if o, _, _ := langVerdict(other, s); o == Failed {
					caught++
				}
			}
			switch o, found, _ := langVerdict(lang, s); o {
			case Failed:
				failed++
				if words >= 12 {
					// Known: texts mixing untranslated English, and
					// paths such as "/u" read as the Dutch "u".
					t.Logf("%s catalogue text judged %s (%d words): %q", lang, found, words, s)
					break
				}
				failedShort++
				t.Errorf("%s catalogue text judged %s (%d words): %q", lang, found, words, s)
			case CantTell:
				cantTell++
			}
		}
		t.Logf("%s: %d texts of 6–40 words, failed %d (%d of the %d under 12 words), cantTell %d; declared %s, %d under 12 words fail",
			lang, checked, failed, failedShort, short, cantTell, other, caught)
	}
}

var (
	moFormat = regexp.MustCompile(`%(\d+\$)?[-+ #0']*\d*(\.\d+)?(hh|h|ll|l|L|z|j|t|I)?[a-zA-Z%]|%\([a-zA-Z_]+\)[a-z]|\{[^{}]*\}|\$\{?[A-Za-z_]+\}?|<[^<>]*>|&[a-z]+;`)
	moSpace  = regexp.MustCompile(`\s+`)
)

// catalogueText turns a catalogue message into plain text: no format
// directives, markup or mnemonic markers. It returns "" for messages that
// are not prose (no letters).
func catalogueText(s string) string {
	s = moFormat.ReplaceAllString(s, " ")
	s = strings.NewReplacer("_", "", "&", "", "\\n", " ").Replace(s)
	s = strings.TrimSpace(moSpace.ReplaceAllString(s, " "))
	if strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return ""
	}
	return s
}

// readMO reads the messages of a GNU gettext .mo file: the msgids and
// their msgstrs, pairwise (plural forms as separate messages, each paired
// with the msgid's first form), the header left out.
func readMO(path string) (ids, strs []string, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if len(b) < 20 {
		return nil, nil, errors.New("not a .mo file")
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(b) == 0x950412de:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(b) == 0x950412de:
		order = binary.BigEndian
	default:
		return nil, nil, errors.New("not a .mo file")
	}
	n, origs, trans := order.Uint32(b[8:]), order.Uint32(b[12:]), order.Uint32(b[16:])
	str := func(table, i uint32) (string, bool) {
		at := uint64(table) + 8*uint64(i)
		if at+8 > uint64(len(b)) {
			return "", false
		}
		l, off := uint64(order.Uint32(b[at:])), uint64(order.Uint32(b[at+4:]))
		if off+l > uint64(len(b)) {
			return "", false
		}
		return string(b[off : off+l]), true
	}
	for i := uint32(0); i < n; i++ {
		id, ok1 := str(origs, i)
		s, ok2 := str(trans, i)
		if !ok1 || !ok2 {
			return nil, nil, errors.New("truncated .mo file")
		}
		if id == "" {
			continue // the header
		}
		if j := strings.IndexByte(id, 4); j >= 0 {
			id = id[j+1:] // drop the message context
		}
		id, _, _ = strings.Cut(id, "\x00")
		for _, form := range strings.Split(s, "\x00") {
			ids = append(ids, id)
			strs = append(strs, form)
		}
	}
	return ids, strs, nil
}
