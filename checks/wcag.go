package checks

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Criterion is one WCAG success criterion with the EN 301 549 clause that
// adopts it for the web and its titles in Finnish and Swedish.
type Criterion struct {
	SC          string `json:"sc"`
	Level       string `json:"level"` // "A" or "AA"
	Title       string `json:"title"`
	Fi          string `json:"fi"`
	Sv          string `json:"sv"`
	EN301549    string `json:"en301549"` // clause of EN 301 549 V3.2.1, e.g. "9.1.1.1"; empty for WCAG 2.2 additions
	WCAGVersion string `json:"wcagVersion"`
	InWCAG21AA  bool   `json:"inWcag21AA"` // one of the 50 criteria that EN 301 549 V3.2.1 requires
	Status      string `json:"status"`
	Guideline   string `json:"guideline"`
	Principle   string `json:"principle"`

	// FiOwn and SvOwn mark a Finnish or Swedish title that is saavu's own
	// translation: W3C has no authorised one (the WCAG 2.2 additions).
	FiOwn bool `json:"fiOwn,omitempty"`
	SvOwn bool `json:"svOwn,omitempty"`

	// EN301549V411 is the clause of EN 301 549 V4.1.1 ("9.2.4.11"); empty
	// for a criterion it does not require (4.1.1, AAA). Unverified marks
	// a number that follows the pattern 9.<criterion> but was not checked
	// against the published text of V4.1.1 (see EN301549V411 in
	// standard.go): remove the flag once it is.
	EN301549V411           string `json:"en301549V411,omitempty"`
	EN301549V411Unverified bool   `json:"en301549V411Unverified,omitempty"`

	// Decided is set when saavu's rules test everything the criterion
	// requires, including whether it applies: their passed and
	// inapplicable outcomes are then verdicts on the criterion. For every
	// other criterion, rules that find nothing wrong say only that: a
	// person must still check it. docs/json-report.md gives the reasons
	// for each decided criterion.
	Decided bool `json:"decided,omitempty"`
	// EveryPage is set for a decided criterion that applies to every web
	// page (3.1.1): where its rules are inapplicable (a document that is
	// not HTML), they did not test it, and the page gets no verdict.
	EveryPage bool `json:"everyPage,omitempty"`

	// Note is something a reader must know about the criterion's
	// outcome, in English, Finnish and Swedish (e.g. the 2023 erratum on
	// 4.1.1); empty for most.
	Note   string `json:"note,omitempty"`
	NoteFi string `json:"noteFi,omitempty"`
	NoteSv string `json:"noteSv,omitempty"`
}

// TitleIn returns the criterion's title in the language lang ("fi", "sv"),
// falling back to English where no translation exists.
func (c Criterion) TitleIn(lang string) string {
	switch {
	case lang == "fi" && c.Fi != "":
		return c.Fi
	case lang == "sv" && c.Sv != "":
		return c.Sv
	}
	return c.Title
}

// OwnTitle reports whether the criterion's title in lang is saavu's own
// translation (see FiOwn), which a report must say.
func (c Criterion) OwnTitle(lang string) bool {
	return (lang == "fi" && c.Fi != "" && c.FiOwn) || (lang == "sv" && c.Sv != "" && c.SvOwn)
}

// NoteIn returns the criterion's note in the language lang ("fi", "sv"),
// falling back to English.
func (c Criterion) NoteIn(lang string) string {
	switch {
	case lang == "fi" && c.NoteFi != "":
		return c.NoteFi
	case lang == "sv" && c.NoteSv != "":
		return c.NoteSv
	}
	return c.Note
}

// The table comes from the W3C Recommendations, the W3C authorised Finnish
// (WCAG 2.1) and Swedish (WCAG 2.0) translations (the titles of the WCAG
// 2.2 additions are saavu's own: FiOwn, SvOwn) and EN 301 549 V3.2.1
// clauses 9.1 to 9.4; the V4.1.1 clauses follow their pattern, unverified.
//
//go:embed wcag.json
var wcagJSON []byte

var criteria = func() []Criterion {
	var cs []Criterion
	if err := json.Unmarshal(wcagJSON, &cs); err != nil {
		panic("checks: bad embedded wcag.json: " + err.Error())
	}
	slices.SortFunc(cs, func(a, b Criterion) int { return CompareSC(a.SC, b.SC) })
	return cs
}()

// Criteria returns the WCAG 2.1 A/AA success criteria and the WCAG 2.2
// additions, in WCAG order.
func Criteria() []Criterion { return slices.Clone(criteria) }

// LookupSC returns the criterion numbered sc ("1.1.1").
func LookupSC(sc string) (Criterion, bool) {
	i := slices.IndexFunc(criteria, func(c Criterion) bool { return c.SC == sc })
	if i < 0 {
		return Criterion{}, false
	}
	return criteria[i], true
}

// CompareSC orders success criterion numbers numerically: 1.4.3 < 1.4.10.
func CompareSC(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if c := strings.Compare(as[i], bs[i]); c != 0 {
				return c
			}
			continue
		}
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

func mustSC(sc string) Criterion {
	c, ok := LookupSC(sc)
	if !ok {
		panic(fmt.Sprintf("checks: unknown success criterion %q", sc))
	}
	return c
}
