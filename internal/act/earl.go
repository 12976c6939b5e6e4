package act

import (
	"encoding/json"
	"io"
	"strings"
)

// Assertor describes the tool in the EARL report.
type Assertor struct {
	Name        string // "saavu"
	Version     string
	Description string // e.g. the browser it ran in
}

// earlContext is the JSON-LD context of the report: EARL 1.0 terms, as the
// W3C ACT implementation reports use them.
var earlContext = map[string]any{
	"@vocab":      "http://www.w3.org/ns/earl#",
	"earl":        "http://www.w3.org/ns/earl#",
	"dct":         "http://purl.org/dc/terms/",
	"sch":         "https://schema.org/",
	"WCAG21":      "https://www.w3.org/TR/WCAG21/#",
	"source":      "dct:source",
	"title":       "dct:title",
	"description": "dct:description",
	"hasVersion":  "dct:hasVersion",
	"isPartOf":    "dct:isPartOf",
	"assertedBy":  map[string]string{"@type": "@id"},
	"outcome":     map[string]string{"@type": "@id"},
	"mode":        map[string]string{"@type": "@id"},
}

type earlReport struct {
	Context map[string]any  `json:"@context"`
	Graph   []earlAssertion `json:"@graph"`
}

type earlAssertion struct {
	Type       string       `json:"@type"`
	Mode       string       `json:"mode"`
	Subject    earlSubject  `json:"subject"`
	Test       earlTest     `json:"test"`
	Result     earlResult   `json:"result"`
	AssertedBy earlAssertor `json:"assertedBy"`
}

type earlSubject struct {
	Type   []string `json:"@type"`
	Source string   `json:"source"`
}

// earlTest is saavu's procedure (its rule ids, as the W3C mapper expects
// in title) and the ACT rule it implements (isPartOf).
type earlTest struct {
	Type     string      `json:"@type"`
	Title    string      `json:"title"`
	IsPartOf earlRuleRef `json:"isPartOf"`
}

type earlRuleRef struct {
	ID    string `json:"@id"`
	Type  string `json:"@type"`
	Title string `json:"title"`
}

type earlResult struct {
	Type    string `json:"@type"`
	Outcome string `json:"outcome"`
	Info    string `json:"info,omitempty"`
}

type earlAssertor struct {
	Type        []string `json:"@type"`
	Title       string   `json:"title"`
	HasVersion  string   `json:"hasVersion,omitempty"`
	Description string   `json:"description,omitempty"`
}

// WriteEARL writes the EARL implementation report (JSON-LD): one
// earl:Assertion per test case of every ACT rule saavu implements, in
// suite order. Its subject is the test case's W3C address, its test the
// saavu rules that implement the ACT rule, its outcome their combined
// verdict. Verdicts of ACT rules saavu does not implement are left out.
func WriteEARL(w io.Writer, by Assertor, verdicts []Verdict) error {
	rep := earlReport{Context: earlContext, Graph: []earlAssertion{}}
	assertor := earlAssertor{
		Type:        []string{"earl:Assertor", "earl:Software"},
		Title:       by.Name,
		HasVersion:  by.Version,
		Description: by.Description,
	}
	for _, v := range verdicts {
		if len(v.Rules) == 0 || v.Outcome == "" {
			continue
		}
		a := earlAssertion{
			Type:    "Assertion",
			Mode:    "earl:automatic",
			Subject: earlSubject{Type: []string{"earl:TestSubject", "sch:WebPage"}, Source: v.Case.W3CURL()},
			Test: earlTest{
				Type:     "TestCase",
				Title:    strings.Join(v.Rules, "+"),
				IsPartOf: earlRuleRef{ID: v.Case.RuleURL(), Type: "TestRequirement", Title: v.Case.RuleName},
			},
			Result:     earlResult{Type: "TestResult", Outcome: "earl:" + string(v.Outcome)},
			AssertedBy: assertor,
		}
		if v.Err != "" {
			a.Result.Info = "The page could not be audited: " + v.Err
		}
		rep.Graph = append(rep.Graph, a)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
