package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// freshGolden is the golden report, decoded anew (tests change it).
func freshGolden(t *testing.T) *Report {
	t.Helper()
	r, _ := readGoldenInput(t)
	return r
}

func failedNodes(r *Report) (n int) {
	for _, p := range r.Pages {
		for _, res := range p.Results {
			for _, node := range res.Nodes {
				if node.Outcome == "failed" {
					n++
				}
			}
		}
	}
	for _, res := range r.SiteResults {
		for _, node := range res.Nodes {
			if node.Outcome == "failed" {
				n++
			}
		}
	}
	return n
}

// newFailures lists "page-path rule selector" of the failed elements not
// in the baseline.
func newFailures(r *Report) []string {
	var out []string
	for _, p := range r.Pages {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				if n.Outcome == "failed" && !n.Baselined {
					out = append(out, PageKey(p.URL)+" "+res.Rule+" "+n.Selector)
				}
			}
		}
	}
	return out
}

func result(t *testing.T, r *Report, url, rule string) *Result {
	t.Helper()
	for i := range r.Pages {
		if r.Pages[i].URL != url {
			continue
		}
		for j := range r.Pages[i].Results {
			if r.Pages[i].Results[j].Rule == rule {
				return &r.Pages[i].Results[j]
			}
		}
	}
	t.Fatalf("no %s result on %s", rule, url)
	return nil
}

// TestBaselineRoundTrip: the baseline of a report accepts all of its
// failures, through the file format; a new failure is then the only new one.
func TestBaselineRoundTrip(t *testing.T) {
	base := NewBaseline(freshGolden(t))
	var buf bytes.Buffer
	if err := base.Write(&buf); err != nil {
		t.Fatal(err)
	}
	base, err := ReadBaseline(&buf, "baseline.json")
	if err != nil {
		t.Fatal(err)
	}

	r := freshGolden(t)
	total := failedNodes(r)
	if len(base.Findings) != total || total == 0 {
		t.Fatalf("baseline lists %d findings, the report has %d failed elements", len(base.Findings), total)
	}
	if r.Failures("") == 0 {
		t.Fatal("the golden report has no failures to baseline")
	}
	base.Apply(r)
	if r.Failures("") != 0 || *r.Baseline != (BaselineSummary{New: 0, Baselined: total}) {
		t.Errorf("after the baseline: %d failures, summary %+v; want 0 and %d baselined", r.Failures(""), *r.Baseline, total)
	}

	// A new failed element on the home page: exactly it is new.
	r = freshGolden(t)
	res := result(t, r, "https://www.example-kunta.fi/", "image-alt")
	res.Nodes = append(res.Nodes, Node{Outcome: "failed", Selector: "#nostot > article:nth-child(4) > img", Snippet: `<img src="/kuvat/uusi.jpg">`})
	base.Apply(r)
	if got := newFailures(r); len(got) != 1 || got[0] != "/ image-alt #nostot > article:nth-child(4) > img" {
		t.Errorf("new failures %q, want the added image only", got)
	}
	if r.Failures("") != 1 || r.Failures("critical") != 1 {
		t.Errorf("Failures = %d, want 1 (the result with the new element)", r.Failures(""))
	}
	if *r.Baseline != (BaselineSummary{New: 1, Baselined: total}) {
		t.Errorf("summary %+v", *r.Baseline)
	}
	var out bytes.Buffer
	if err := (TextWriter{}).Write(&out, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{fmt.Sprintf("Baseline: 1 new, %d baselined", total), "1 new of 3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, out.String())
		}
	}
	js, _ := json.Marshal(res.Nodes[0])
	if !strings.Contains(string(js), `"baselined":true`) {
		t.Errorf("node JSON lacks the mark: %s", js)
	}
}

// TestBaselineMatching: how a baselined failure is recognised when the
// site changes around it.
func TestBaselineMatching(t *testing.T) {
	const home = "https://www.example-kunta.fi/"
	img1 := Node{Outcome: "failed", Selector: "#nostot > article:nth-child(2) > img", Snippet: `<img src="/kuvat/uimahalli.jpg" class="nosto-kuva">`}
	img2 := Node{Outcome: "failed", Selector: "#nostot > article:nth-child(3) > img", Snippet: `<img src="/kuvat/kartta.png" alt="kartta.png">`}
	tests := []struct {
		name    string
		url     string // the page's address now
		nodes   []Node // image-alt's elements now
		wantNew []string
	}{
		{name: "unchanged", url: home, nodes: []Node{img1, img2}},
		{name: "another host (staging to production)", url: "http://staging.example-kunta.fi:8080/", nodes: []Node{img1, img2}},
		{name: "another path is another page", url: "https://www.example-kunta.fi/en/", nodes: []Node{img1},
			wantNew: []string{img1.Selector}},
		{name: "a new image above shifts the selectors", url: home, nodes: []Node{
			{Outcome: "failed", Selector: img1.Selector, Snippet: `<img src="/kuvat/uusi.jpg">`},
			{Outcome: "failed", Selector: img2.Selector, Snippet: img1.Snippet},
			{Outcome: "failed", Selector: "#nostot > article:nth-child(4) > img", Snippet: img2.Snippet},
		}, wantNew: []string{img1.Selector}},
		{name: "content changed, selector kept", url: home, nodes: []Node{
			img1, {Outcome: "failed", Selector: img2.Selector, Snippet: `<img src="/kuvat/kartta-2027.png" alt="kartta-2027.png">`},
		}},
		{name: "white space in the snippet does not matter", url: home, nodes: []Node{
			img1, {Outcome: "failed", Selector: "main img", Snippet: "<img  src=\"/kuvat/kartta.png\"\n alt=\"kartta.png\">"},
		}},
		{name: "a second copy of a baselined element is new", url: home, nodes: []Node{
			img1, img2, {Outcome: "failed", Selector: "#nostot > article:nth-child(9) > img", Snippet: img1.Snippet},
		}, wantNew: []string{"#nostot > article:nth-child(9) > img"}},
		{name: "cantTell elements are never marked", url: home, nodes: []Node{
			{Outcome: "cantTell", Selector: img1.Selector, Snippet: img1.Snippet}, img2,
		}},
	}
	base := NewBaseline(freshGolden(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := freshGolden(t)
			r.Pages[0].URL = tt.url
			res := result(t, r, tt.url, "image-alt")
			res.Nodes = tt.nodes
			base.Apply(r)
			var got []string
			for _, n := range res.Nodes {
				if n.Outcome == "failed" && !n.Baselined {
					got = append(got, n.Selector)
				}
				if n.Outcome != "failed" && n.Baselined {
					t.Errorf("%s %s marked baselined", n.Outcome, n.Selector)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.wantNew, "|") {
				t.Errorf("new %q, want %q", got, tt.wantNew)
			}
		})
	}
}

func TestReadBaselineErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"baselineVersion": "9", "findings": []}`, `b.json: baseline version "9" is not supported`},
		{`{"schemaVersion": "1", "pages": []}`, "b.json: not a saavu baseline (no baselineVersion); make one with 'saavu baseline"},
		{`nonsense`, "b.json: not a saavu baseline"},
	}
	for _, tt := range tests {
		_, err := ReadBaseline(strings.NewReader(tt.in), "b.json")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestBaselineGeneratedIDs: an element whose framework-generated id was
// renumbered is still the accepted failure; with its content changed too
// it is a new one.
func TestBaselineGeneratedIDs(t *testing.T) {
	const home = "https://www.example-kunta.fi/"
	base := &Baseline{BaselineVersion: BaselineVersion, Findings: []Finding{
		{Rule: "image-alt", URL: home, Selector: "#ember1234", Snippet: `<img id="ember1234" src="/kuvat/logo.png">`},
	}}
	tests := []struct {
		name    string
		node    Node
		wantNew bool
	}{
		{name: "renumbered", node: Node{Outcome: "failed", Selector: "#ember5678", Snippet: `<img id="ember5678" src="/kuvat/logo.png">`}},
		{name: "renumbered and changed", node: Node{Outcome: "failed", Selector: "#ember5678", Snippet: `<img id="ember5678" src="/kuvat/logo-2027.png">`}, wantNew: true},
		{name: "changed", node: Node{Outcome: "failed", Selector: "#ember1234", Snippet: `<img id="ember1234" src="/kuvat/logo-2027.png">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := freshGolden(t)
			res := result(t, r, home, "image-alt")
			res.Nodes = []Node{tt.node}
			base.Apply(r)
			if isNew := !res.Nodes[0].Baselined; isNew != tt.wantNew {
				t.Errorf("new = %v, want %v", isNew, tt.wantNew)
			}
		})
	}
}
