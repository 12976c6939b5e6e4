package review

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"saavu/checks"
)

// Laws a worksheet and a statement can be made under: the jurisdiction,
// not the language of the report.
const (
	LawEU = "eu" // Directive (EU) 2016/2102: every WCAG A/AA criterion of EN 301 549
	LawFI = "fi" // Finland, 306/2019: the same less 1.2.4 Captions (Live)
)

// Laws lists the laws, for flag help and errors.
var Laws = []string{LawFI, LawEU}

// Languages are the languages of the worksheet's texts and views.
var Languages = []string{"en", "fi", "sv"}

// notInLaw are the criteria a law leaves out.
var notInLaw = map[string][]string{
	LawFI: {"1.2.4"}, // 306/2019 exempts live time-based media, so 9.1.2.4 does not apply
}

// wcag22Added are the WCAG 2.2 success criteria of levels A and AA that
// are new in 2.2; wcag22Removed is the one WCAG 2.2 made obsolete.
var (
	wcag22Added   = []string{"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"}
	wcag22Removed = "4.1.1"
)

// voidForDocuments are the criteria whose EN 301 549 clause for non-web
// documents (clause 10) is "Void": they apply to sets of web pages only.
var voidForDocuments = []string{"2.4.1", "2.4.5", "3.2.3", "3.2.4"}

// Profile returns the success criteria a law requires of web pages
// audited against WCAG version wcag ("2.1" or "2.2"), in WCAG order:
// under WCAG 2.1 the 50 criteria of EN 301 549 V3.2.1 clause 9; under
// WCAG 2.2 the same less 4.1.1 (obsolete in 2.2) plus the 2.2 additions
// of levels A and AA. The law then leaves out what it exempts (see Laws).
func Profile(law, wcag string) ([]checks.Criterion, error) {
	if !slices.Contains(Laws, law) {
		return nil, fmt.Errorf("unknown law %q (choose one of %s)", law, strings.Join(Laws, ", "))
	}
	var out []checks.Criterion
	for _, c := range checks.Criteria() {
		in := c.InWCAG21AA
		if wcag == "2.2" {
			in = (in && c.SC != wcag22Removed) || slices.Contains(wcag22Added, c.SC)
		}
		if in && !slices.Contains(notInLaw[law], c.SC) {
			out = append(out, c)
		}
	}
	return out, nil
}

// StandardFor returns the version of EN 301 549 that adopts WCAG version
// wcag ("2.1": V3.2.1, "2.2": V4.1.1), or the default one.
func StandardFor(wcag string) *checks.Standard {
	for _, s := range checks.Standards {
		if s.WCAG == wcag {
			return s
		}
	}
	return checks.DefaultStandard
}

// DocumentClause returns the EN 301 549 V3.2.1 clause for non-web
// documents (clause 10) of a criterion, or "" when that clause is void or
// the criterion has no clause (the WCAG 2.2 additions).
func DocumentClause(c checks.Criterion) string {
	if slices.Contains(voidForDocuments, c.SC) || !strings.HasPrefix(c.EN301549, "9.") {
		return ""
	}
	return "10." + strings.TrimPrefix(c.EN301549, "9.")
}

// UnofficialTitle reports whether the criterion's title in lang is not
// from an authorised W3C translation: Finnish has the WCAG 2.1 one, so
// only the 2.2 additions (shown in English) are unofficial; Swedish has
// only the WCAG 2.0 one, so the titles of the 2.1 and 2.2 additions are.
func UnofficialTitle(c checks.Criterion, lang string) bool {
	switch lang {
	case "fi":
		return c.WCAGVersion == "2.2"
	case "sv":
		return c.WCAGVersion != "2.0"
	}
	return false
}

// TitleIn returns the title of a criterion in lang and the language the
// title is in: English where there is no translation.
func TitleIn(c checks.Criterion, lang string) (title, titleLang string) {
	t := c.TitleIn(lang)
	if t == c.Title && lang != "en" && ((lang == "fi" && c.Fi == "") || (lang == "sv" && c.Sv == "")) {
		return t, "en"
	}
	return t, lang
}

// Principle returns the number of a criterion's WCAG principle: "1" to "4".
func Principle(sc string) string {
	p, _, _ := strings.Cut(sc, ".")
	return p
}

// Features of a page that decide where a criterion is worth checking by
// hand. A page has a feature when a rule that looks for it applied to
// the page (its outcome was not inapplicable).
var features = map[string][]string{
	"images":    {"image-alt", "svg-img-alt", "object-alt", "image-button-name"},
	"media":     {"video-caption", "video-description", "video-only-alternative", "audio-transcript", "audio-autoplay"},
	"forms":     {"form-field-name", "autocomplete-valid"},
	"widgets":   {"aria-required-attr", "aria-required-children", "aria-required-parent", "menuitem-name", "summary-name", "presentational-children-focusable"},
	"moving":    {"auto-updating-text"},
	"keys":      {"character-key-shortcuts"},
	"motion":    {"motion-actuation"},
	"hover":     {"content-on-hover"},
	"languages": {"valid-lang", "lang-matches-content"},
}

// featureAll is the feature of every page.
const featureAll = "all"

// Procedure is what a person checks for one criterion.
type Procedure struct {
	Pages []string          `yaml:"pages"` // features; "all" for every audited page
	How   map[string]string `yaml:"how"`   // by language
	Fails map[string]string `yaml:"fails"` // the failure in one sentence, by language
}

//go:embed procedures.yaml
var proceduresYAML []byte

var procedures, documentsHow = func() (map[string]Procedure, map[string]string) {
	var all map[string]yaml.Node
	if err := yaml.Unmarshal(proceduresYAML, &all); err != nil {
		panic("review: bad embedded procedures.yaml: " + err.Error())
	}
	ps := map[string]Procedure{}
	var docs struct {
		How map[string]string `yaml:"how"`
	}
	for sc, n := range all {
		if sc == "documents" {
			if err := n.Decode(&docs); err != nil {
				panic("review: procedures.yaml documents: " + err.Error())
			}
			continue
		}
		var p Procedure
		if err := n.Decode(&p); err != nil {
			panic("review: procedures.yaml " + sc + ": " + err.Error())
		}
		ps[sc] = p
	}
	return ps, docs.How
}()

// ProcedureFor returns the manual test procedure of a criterion.
func ProcedureFor(sc string) (Procedure, bool) {
	p, ok := procedures[sc]
	return p, ok
}

// FailureText returns the plain-language sentence that says what fails
// when a criterion fails, in lang (English when lang has none).
func FailureText(sc, lang string) string {
	p := procedures[sc]
	if s := p.Fails[lang]; s != "" {
		return s
	}
	return p.Fails["en"]
}

// DocumentsProcedure returns how to check documents, in lang.
func DocumentsProcedure(lang string) string {
	if s := documentsHow[lang]; s != "" {
		return s
	}
	return documentsHow["en"]
}
