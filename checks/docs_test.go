package checks_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
)

// docLangs are the languages every rule explanation is translated into,
// besides English.
var docLangs = []string{"fi", "sv"}

// TestDocsTranslated checks that every rule, required or extra, has a
// Finnish and a Swedish explanation with the shape of the English one: a
// title heading first, the same headings, list items and bold phrases, the
// same code, and the same W3C ACT rules and WCAG criteria cited. It reads
// them as the program does, from the embedded files.
func TestDocsTranslated(t *testing.T) {
	for _, r := range documented() {
		for _, lang := range docLangs {
			path := "checks/docs/" + lang + "/" + r.ID + ".md"
			tr, ok := r.DocIn(lang)
			if !ok {
				t.Errorf("rule %s: no %s explanation: write %s", r.ID, lang, path)
				continue
			}
			for _, p := range compareDoc(r.Doc, tr) {
				t.Errorf("%s: %s", path, p)
			}
		}
	}
}

// TestDocsNoStrays checks that every translated explanation belongs to a rule.
func TestDocsNoStrays(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range documented() {
		ids[r.ID] = true
	}
	for _, lang := range docLangs {
		files, err := filepath.Glob(filepath.Join("docs", lang, "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if id := strings.TrimSuffix(filepath.Base(f), ".md"); !ids[id] {
				t.Errorf("%s: no rule has the id %q", f, id)
			}
		}
	}
}

// documented lists the rules with an explanation: page rules, required
// and extra, and site rules.
func documented() []docRule {
	var out []docRule
	for _, r := range checks.Every() {
		out = append(out, docRule{r.ID, r.Doc, r.DocIn})
	}
	for _, r := range checks.SiteRules() {
		out = append(out, docRule{r.ID, r.Doc, r.DocIn})
	}
	return out
}

type docRule struct {
	ID, Doc string
	DocIn   func(lang string) (string, bool)
}

func TestCompareDocCatchesMistakes(t *testing.T) {
	const en = "# Images have a text alternative\n\nUse `alt` on `<img>` (WCAG 1.1.1, ACT rule 23a2a8).\n\n" +
		"**How to fix:**\n\n- Write it: `<img src=\"a.jpg\" alt=\"A pool\">`.\n- Or `alt=\"\"`.\n"
	tests := []struct {
		name, tr string
		ok       bool
	}{
		{"good", "# Kuvilla on tekstivastine\n\nKäytä `<img>`-elementissä `alt`-määritettä (WCAG 1.1.1, ACT-sääntö 23a2a8).\n\n" +
			"**Näin korjaat:**\n\n- Kirjoita: `<img src=\"a.jpg\" alt=\"Uima-allas\">`.\n- Tai `alt=\"\"`.\n", true},
		{"empty", "  \n", false},
		{"no title heading", "Kuvilla on tekstivastine\n\n`alt` `<img>` `<img src=\"a.jpg\" alt=\"x\">` `alt=\"\"` **x**\n\n- a\n- b\n", false},
		{"code dropped", "# K\n\n`<img>`\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"attribute translated", "# K\n\n`vaihtoehto` `<img>`\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"markup changed", "# K\n\n`alt` `<img>`\n\n**K:**\n\n- `<img src=\"b.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"empty alt filled in", "# K\n\n`alt` `<img>`\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"tyhjä\"`\n", false},
		{"list item lost", "# K\n\n`alt` `<img>`\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">` tai `alt=\"\"`.\n", false},
		{"bold lost", "# K\n\n`alt` `<img>`\n\nK:\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"ACT rule lost", "# K\n\n`alt` `<img>` (WCAG 1.1.1)\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"criterion changed", "# K\n\n`alt` `<img>` (WCAG 1.1.2, 23a2a8)\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
		{"extra heading", "# K\n\n`alt` `<img>`\n\n## Korjaus\n\n**K:**\n\n- `<img src=\"a.jpg\" alt=\"x\">`\n- `alt=\"\"`\n", false},
	}
	if p := compareDoc(en, en); len(p) != 0 {
		t.Fatalf("English against itself: %v", p)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := compareDoc(en, tt.tr)
			if tt.ok && len(p) > 0 {
				t.Errorf("rejected a good translation: %v", p)
			}
			if !tt.ok && len(p) == 0 {
				t.Error("accepted a bad translation")
			}
		})
	}
}

// compareDoc lists the ways the translation tr of the English explanation en
// differs in shape or code.
func compareDoc(en, tr string) []string {
	if strings.TrimSpace(tr) == "" {
		return []string{"is empty"}
	}
	var out []string
	if !strings.HasPrefix(tr, "# ") {
		out = append(out, "does not start with a '# ' title heading")
	}
	for _, c := range []struct {
		what string
		re   *regexp.Regexp
	}{
		{"headings", mdHeading},
		{"list items", mdListItem},
		{"bold phrases", mdBold},
	} {
		if n, m := len(c.re.FindAllString(en, -1)), len(c.re.FindAllString(tr, -1)); n != m {
			out = append(out, fmt.Sprintf("has %d %s, English has %d", m, c.what, n))
		}
	}
	for _, id := range references(en) {
		if !slices.Contains(references(tr), id) {
			out = append(out, fmt.Sprintf("does not mention %s, which the English explanation cites", id))
		}
	}
	want, got := codeSpans(en), codeSpans(tr)
	for _, s := range want {
		if i := slices.Index(got, s); i >= 0 {
			got = slices.Delete(got, i, i+1)
		} else {
			out = append(out, fmt.Sprintf("lacks the code `%s` of the English explanation", s))
		}
	}
	for _, s := range got {
		out = append(out, fmt.Sprintf("has code `%s` that the English explanation does not", s))
	}
	return out
}

var (
	mdHeading  = regexp.MustCompile(`(?m)^#{1,6} `)
	mdListItem = regexp.MustCompile(`(?m)^[ \t]*(?:[-*+]|\d+\.) `)
	mdBold     = regexp.MustCompile(`\*\*[^*]+\*\*`)
	mdCode     = regexp.MustCompile("`([^`]+)`")

	wordLike = regexp.MustCompile(`[0-9A-Za-z.]+`)
	scNumber = regexp.MustCompile(`^[1-4]\.[0-9]{1,2}\.[0-9]{1,2}$`)
	actID    = regexp.MustCompile(`^[0-9a-z]{6}$`)

	// Example text that people read, which a translation should translate:
	// element content and the values of text attributes.
	exampleContent = regexp.MustCompile(`>[^<]*\pL[^<]*<`)
	exampleAttr    = regexp.MustCompile(`\b(alt|title|aria-label)="[^"]*\pL[^"]*"`)
)

// references returns the W3C ACT rule ids ("23a2a8") and WCAG success
// criterion numbers ("2.4.2") a text cites, which a translation must keep.
func references(md string) []string {
	var out []string
	for _, w := range wordLike.FindAllString(md, -1) {
		w = strings.Trim(w, ".")
		if scNumber.MatchString(w) || actID.MatchString(w) && strings.ContainsAny(w, "0123456789") && strings.ContainsAny(w, "abcdefghijklmnopqrstuvwxyz") {
			out = append(out, w)
		}
	}
	return out
}

// codeSpans returns the code spans of a Markdown text, with whitespace
// collapsed and the human-language text of examples replaced by "…", so
// that `<button>Search</button>` and `<button>Hae</button>` compare equal
// but a changed element, attribute or value does not.
func codeSpans(md string) []string {
	var out []string
	for _, m := range mdCode.FindAllStringSubmatch(md, -1) {
		s := strings.Join(strings.Fields(m[1]), " ")
		s = exampleContent.ReplaceAllString(s, ">…<")
		s = exampleAttr.ReplaceAllString(s, `$1="…"`)
		out = append(out, s)
	}
	return out
}
