package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"saavu/checks"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = "1"

// Baseline is a list of accepted failures: the failed elements of an
// audit that a site has decided to fix later. Audits compared with it
// (--baseline) mark the failures it lists as baselined, and only the
// others (new failures) decide the exit status.
//
// A failure is matched with the element identity (Identity and Match;
// docs/identity.md): by rule and page path and query (scheme and host are
// ignored, so a baseline made on a staging site holds on production),
// then, within a page and rule:
//  1. by selector and snippet,
//  2. by snippet alone (the selector moved, e.g. nth-of-type after a new
//     element above it),
//  3. by selector alone, as written (the element's content changed).
//
// White space and generated ids (ember1234) do not count, except in 3.
// Each listed failure matches at most one element, so a page that gains a
// second copy of a baselined element has one new failure.
type Baseline struct {
	BaselineVersion string    `json:"baselineVersion"`
	Tool            Tool      `json:"tool"`
	GeneratedAt     string    `json:"generatedAt,omitempty"` // when the audit was made, RFC 3339
	Findings        []Finding `json:"findings"`              // sorted by page path, rule, selector, snippet
}

// Finding is one accepted failure in a baseline.
type Finding struct {
	Rule     string `json:"rule"`
	URL      string `json:"url"` // the page as audited; only its path and query are compared
	Selector string `json:"selector"`
	Snippet  string `json:"snippet"`
	// Key is set for a failure of a site rule (SiteNode.Key), which is
	// matched by rule and key alone; URL is then its first example page,
	// for the reader.
	Key string `json:"key,omitempty"`
}

// BaselineSummary counts the failed elements of a report compared with a
// baseline.
type BaselineSummary struct {
	New       int `json:"new"`       // failed elements not in the baseline
	Baselined int `json:"baselined"` // failed elements in it
}

// NewBaseline lists every failed element of r.
func NewBaseline(r *Report) *Baseline {
	b := &Baseline{BaselineVersion: BaselineVersion, Tool: r.Tool, GeneratedAt: r.GeneratedAt, Findings: []Finding{}}
	_ = r.EachPage(func(_ int, p *Page) error {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				if n.Outcome == string(checks.Failed) {
					b.Findings = append(b.Findings, Finding{Rule: res.Rule, URL: p.URL, Selector: n.Selector, Snippet: n.Snippet})
				}
			}
		}
		return nil
	})
	for _, res := range r.SiteResults {
		for _, n := range res.Nodes {
			if n.Outcome == string(checks.Failed) && n.Key != "" {
				f := Finding{Rule: res.Rule, Key: n.Key}
				if len(n.Pages) > 0 {
					f.URL, f.Selector = n.Pages[0].URL, n.Pages[0].Selector
				}
				b.Findings = append(b.Findings, f)
			}
		}
	}
	slices.SortFunc(b.Findings, func(a, b Finding) int {
		return cmp.Or(strings.Compare(PageKey(a.URL), PageKey(b.URL)), strings.Compare(a.URL, b.URL),
			strings.Compare(a.Rule, b.Rule), strings.Compare(a.Selector, b.Selector), strings.Compare(a.Snippet, b.Snippet),
			strings.Compare(a.Key, b.Key))
	})
	return b
}

// Write encodes the baseline as indented JSON with a trailing newline.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// ReadBaseline decodes a baseline file; name is used in errors.
func ReadBaseline(r io.Reader, name string) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a saavu baseline: %w", name, err)
	}
	switch b.BaselineVersion {
	case BaselineVersion:
	case "":
		return nil, fmt.Errorf("%s: not a saavu baseline (no baselineVersion); make one with 'saavu baseline RESULTS.json -o %s'", name, name)
	default:
		return nil, fmt.Errorf("%s: baseline version %q is not supported by this saavu (it reads version %q); make a new one with 'saavu baseline'", name, b.BaselineVersion, BaselineVersion)
	}
	return &b, nil
}

// Apply marks the failed elements of r that the baseline lists as
// baselined (and clears the mark on the others), and sets r.Baseline.
// Reports keep baselined failures; Failures no longer counts them.
func (b *Baseline) Apply(r *Report) {
	type group struct{ rule, page string }
	pending := map[group][]Identity{}
	siteKeys := map[[2]string]bool{}
	for _, f := range b.Findings {
		if f.Key != "" {
			siteKeys[[2]string{f.Rule, f.Key}] = true
			continue
		}
		id := NewIdentity(f.Rule, f.URL, f.Selector, f.Snippet)
		g := group{id.Rule, id.Page}
		pending[g] = append(pending[g], id)
	}
	// Matching consumes findings, across pages too (pages whose URLs
	// differ only in what PageKey ignores, e.g. the host, share findings):
	// each pass over a streamed report's pages starts from the whole list
	// again.
	var left map[group][]Identity
	r.mapPages(func(i int, p *Page) {
		if i == 0 {
			left = map[group][]Identity{}
		}
		page := PageKey(p.URL)
		for j := range p.Results {
			res := &p.Results[j]
			var failed []*Node
			for k := range res.Nodes {
				n := &res.Nodes[k]
				n.Baselined = false
				if n.Outcome == string(checks.Failed) {
					failed = append(failed, n)
				}
			}
			g := group{res.Rule, page}
			todo, ok := left[g]
			if !ok {
				todo = pending[g]
			}
			if len(failed) == 0 || len(todo) == 0 {
				continue
			}
			ids := make([]Identity, len(failed))
			for k, n := range failed {
				ids[k] = Identity{Rule: res.Rule, Page: page, Element: NewFingerprint(n.Selector, n.Snippet)}
			}
			used := make([]bool, len(todo))
			for k, m := range Match(todo, ids) {
				if m >= 0 {
					failed[k].Baselined, used[m] = true, true
				}
			}
			var rest []Identity
			for k, id := range todo {
				if !used[k] {
					rest = append(rest, id)
				}
			}
			left[g] = rest
		}
	})
	for i := range r.SiteResults {
		res := &r.SiteResults[i]
		for k := range res.Nodes {
			n := &res.Nodes[k]
			n.Baselined = n.Outcome == string(checks.Failed) && siteKeys[[2]string{res.Rule, n.Key}]
		}
	}
	r.Baseline = baselineSummary(r)
}

// baselineSummary counts the failed elements with and without the
// baseline mark.
func baselineSummary(r *Report) *BaselineSummary {
	s := &BaselineSummary{}
	count := func(outcome string, baselined bool) {
		switch {
		case outcome != string(checks.Failed):
		case baselined:
			s.Baselined++
		default:
			s.New++
		}
	}
	_ = r.EachPage(func(_ int, p *Page) error {
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				count(n.Outcome, n.Baselined)
			}
		}
		return nil
	})
	for _, res := range r.SiteResults {
		for _, n := range res.Nodes {
			count(n.Outcome, n.Baselined)
		}
	}
	return s
}

// allBaselined reports whether a failed result's failed elements are all
// in the baseline (false when it lists none).
func (res *Result) allBaselined() bool {
	some := false
	for _, n := range res.Nodes {
		if n.Outcome != string(checks.Failed) {
			continue
		}
		if !n.Baselined {
			return false
		}
		some = true
	}
	return some
}
