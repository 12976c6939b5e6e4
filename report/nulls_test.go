package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"saavu/checks"
)

// nulls lists where a decoded JSON document holds null, as paths.
func nulls(v any, path string) []string {
	switch v := v.(type) {
	case nil:
		return []string{path}
	case map[string]any:
		var out []string
		for k, x := range v {
			out = append(out, nulls(x, path+"."+k)...)
		}
		return out
	case []any:
		var out []string
		for i, x := range v {
			out = append(out, nulls(x, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	}
	return nil
}

// TestEmptyListsNotNull: a list with nothing in it is [] in the JSON and
// SARIF outputs, never null (docs/json-report.md promises arrays), also
// for the extra rules that cite no success criterion, for a report with
// no rules or pages, and for a saved report that had nulls.
func TestEmptyListsNotNull(t *testing.T) {
	rules, err := checks.Lookup([]string{"heading-order", "image-alt"})
	if err != nil {
		t.Fatal(err)
	}
	page := Page{URL: "https://k.fi/", FinalURL: "https://k.fi/", Status: 200, Results: []Result{
		{Rule: "heading-order", Outcome: "failed", Impact: "moderate", Nodes: []Node{{Outcome: "failed", Selector: "h3", Snippet: "<h3>x</h3>", Message: "m"}}},
		{Rule: "image-alt", Outcome: "passed", WCAG: []string{"1.1.1"}, EN301549: []string{"9.1.1.1"}, Impact: "critical", Passed: 1},
	}}
	saved := `{"schemaVersion": "` + SchemaVersion + `", "tool": {"name": "saavu", "version": "x"}, "standard": {},
		"rules": [{"id": "heading-order", "wcag": null, "en301549": null}], "pages": [{"url": "https://k.fi/", "results": [{"rule": "heading-order", "outcome": "passed", "wcag": null, "en301549": null}]}],
		"summary": {"criteria": null}}`
	old, err := ReadPart(strings.NewReader(saved), "old.json")
	if err != nil {
		t.Fatal(err)
	}
	merged, _, err := Merge([]Part{{Name: "old.json", Report: old}})
	if err != nil {
		t.Fatal(err)
	}
	reports := map[string]*Report{
		"extra rule":  New(Meta{Version: "test"}, rules, []Page{page}),
		"empty":       New(Meta{Version: "test"}, nil, nil),
		"streamed":    streamed(t, New(Meta{Version: "test"}, rules, []Page{page})),
		"saved nulls": merged,
	}
	for name, r := range reports {
		for format, w := range map[string]Writer{"json": JSONWriter{}, "sarif": SARIFWriter{Docs: ruleDocs}} {
			var doc any
			if err := json.Unmarshal(render(t, w, r), &doc); err != nil {
				t.Fatalf("%s %s: %v", name, format, err)
			}
			if n := nulls(doc, ""); len(n) > 0 {
				t.Errorf("%s %s: null at %s", name, format, strings.Join(n, ", "))
			}
		}
	}
}
