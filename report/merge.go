package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Part is a saved JSON report and the name it was read from, for messages.
type Part struct {
	Name   string
	Report *Report
}

// ReadFile reads a JSON report that saavu wrote, refusing other schema
// versions.
func ReadFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPart(f, path)
}

// ReadPart reads a JSON report from r, refusing other schema versions;
// name is used in errors.
func ReadPart(r io.Reader, name string) (*Report, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var head struct {
		SchemaVersion json.RawMessage `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: not a saavu JSON report: %w", name, err)
	}
	if err := checkSchema(head.SchemaVersion, name); err != nil {
		return nil, err
	}
	rep, err := ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rep, nil
}

// Merge combines saved reports, e.g. of a site audited in parts, into one,
// as if one run had audited all their pages. It returns warnings for the
// reader (on stderr) about what did not fit together.
//
//   - Pages are taken by URL. A URL in several reports is taken from the
//     newest one (generatedAt), or of equally old ones from the last given.
//   - Rules are the union; a rule whose metadata differs between reports
//     takes the newest report's metadata. Reports that did not run a rule
//     have no result for it on their pages.
//   - Documents, broken links and skipped pages are merged by URL with
//     their referrers joined; a page audited in one report is not listed
//     as skipped by another.
//   - Tool version, browser and time are those of the newest report.
//   - The reports must have one standard: merging results measured
//     against EN 301 549 V3.2.1 and V4.1.1 is an error.
//   - Disabled rules are the union, less the rules that ran somewhere.
//   - Baseline marks are kept as they are; the baseline counts are
//     recomputed when any report had them.
//   - The site rules that ran in any report run again over the facts of
//     all the merged pages (see CheckSite); a site rule this saavu does
//     not know is left out, with a warning.
//
// The summary is recomputed by Rebuild. Merging one report gives it back
// unchanged.
func Merge(parts []Part) (*Report, []string, error) {
	if len(parts) == 0 {
		return nil, nil, errors.New("no reports to merge")
	}
	// One standard: the summary gives verdicts on its criteria, and a
	// page audited against another was run with other rules.
	std := parts[0].Report.Std()
	for _, p := range parts[1:] {
		if other := p.Report.Std(); other != std {
			return nil, nil, fmt.Errorf("%s was measured against %s (WCAG %s) and %s against %s (WCAG %s): merge results of one standard only, or audit again with the same --standard",
				parts[0].Name, std, std.WCAG, p.Name, other, other.WCAG)
		}
	}
	var warns []string
	// Oldest first: later entries replace earlier ones.
	when := make([]time.Time, len(parts))
	for i, p := range parts {
		when[i], _ = time.Parse(time.RFC3339, p.Report.GeneratedAt) // zero (oldest) when absent
	}
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return cmp.Or(when[i].Compare(when[j]), cmp.Compare(i, j)) })
	why := func(kept, other int) string {
		if !when[kept].Equal(when[other]) {
			return "generated later"
		}
		return "given later"
	}

	type pageFrom struct {
		part, index int // the page's index in its part's report order
	}
	pages := map[string]pageFrom{}
	hasAudited := make([]bool, len(parts))
	type ruleFrom struct {
		info RuleInfo
		part int
	}
	rules := map[string]ruleFrom{}
	disabled := map[string]DisabledRule{}
	hadBaseline := false
	// The rule selection of merged results: the union of the parts',
	// unknown (nil) when one part does not say.
	selection, selKnown, quick := &RuleSelection{}, true, false
	for _, i := range order {
		rep := parts[i].Report
		err := rep.EachPage(func(k int, p *Page) error {
			if prev, ok := pages[p.URL]; ok {
				warns = append(warns, fmt.Sprintf("%s is in both %s and %s: keeping the one from %s (%s)",
					p.URL, parts[prev.part].Name, parts[i].Name, parts[i].Name, why(i, prev.part)))
			}
			pages[p.URL] = pageFrom{i, k}
			hasAudited[i] = hasAudited[i] || p.Audited()
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", parts[i].Name, err)
		}
		for _, ri := range rep.Rules {
			if prev, ok := rules[ri.ID]; ok && !reflect.DeepEqual(prev.info, ri) {
				warns = append(warns, fmt.Sprintf("rule %s is described differently in %s and %s (made by different saavu versions?): using %s's description (%s)",
					ri.ID, parts[prev.part].Name, parts[i].Name, parts[i].Name, why(i, prev.part)))
			}
			rules[ri.ID] = ruleFrom{ri, i}
		}
		for _, d := range rep.DisabledRules {
			disabled[d.ID] = d
		}
		if rep.RuleSelection == nil {
			selKnown = false
		} else {
			selection.Only = append(selection.Only, rep.RuleSelection.Only...)
			selection.Skip = append(selection.Skip, rep.RuleSelection.Skip...)
			quick = quick || rep.RuleSelection.Profile == ProfileQuick
		}
		hadBaseline = hadBaseline || rep.Baseline != nil
	}
	newest := parts[order[len(order)-1]].Report

	var infos []RuleInfo
	for _, id := range slices.Sorted(maps.Keys(rules)) {
		infos = append(infos, rules[id].info)
	}
	for i, p := range parts {
		if !hasAudited[i] {
			continue // no results that could lack a rule
		}
		var missing []string
		pageRules := 0
		for _, ri := range infos {
			if ri.Site {
				continue // site rules run again over all the pages
			}
			pageRules++
			if _, ok := p.Report.Rule(ri.ID); !ok {
				missing = append(missing, ri.ID)
			}
		}
		if len(missing) > 0 {
			list := missing
			if len(list) > 5 {
				list = append(slices.Clone(list[:5]), "…")
			}
			warns = append(warns, fmt.Sprintf("%s: %d of the %d rules did not run (%s): its pages have no results for them",
				p.Name, len(missing), pageRules, strings.Join(list, ", ")))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(disabled)) {
		if _, ran := rules[id]; ran {
			delete(disabled, id)
		}
	}
	for _, name := range []struct{ what, a, b string }{
		{"saavu versions", versionOf(parts, func(r *Report) string { return r.Tool.Version }), newest.Tool.Version},
		{"browsers", versionOf(parts, func(r *Report) string { return r.Browser }), newest.Browser},
	} {
		if name.a != "" {
			warns = append(warns, fmt.Sprintf("the reports were made with different %s (%s): the merged report names the newest, %s", name.what, name.a, name.b))
		}
	}

	meta := Meta{Version: newest.Tool.Version, GeneratedAt: newest.GeneratedAt, Browser: newest.Browser, Standard: std}
	urls := slices.Sorted(maps.Keys(pages))
	var out *Report
	if f := sharedPageFile(parts); f != nil {
		// Every part's pages are in one spool: so are the merged ones.
		merged := &PageFile{f: f, name: "the merged reports"}
		for _, u := range urls {
			from := pages[u]
			merged.lines = append(merged.lines, parts[from.part].Report.src.(*PageFile).lines[from.index])
		}
		merged.Sort()
		var err error
		if out, err = rebuildStreamed(meta, infos, merged); err != nil {
			return nil, nil, err
		}
	} else {
		keep := map[pageFrom]bool{}
		for _, from := range pages {
			keep[from] = true
		}
		var list []Page
		for i, p := range parts {
			err := p.Report.EachPage(func(k int, pg *Page) error {
				if keep[pageFrom{i, k}] {
					list = append(list, *pg)
				}
				return nil
			})
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", p.Name, err)
			}
		}
		slices.SortStableFunc(list, func(a, b Page) int { return strings.Compare(a.URL, b.URL) })
		out = Rebuild(meta, infos, list)
	}

	siteRules, unknown := out.SiteRulesOf()
	for _, id := range unknown {
		warns = append(warns, fmt.Sprintf("site rule %s is not known to this saavu (made by another version?): its results are left out", id))
		out.Rules = slices.DeleteFunc(out.Rules, func(ri RuleInfo) bool { return ri.ID == id })
	}
	if len(siteRules) > 0 {
		if n := out.noFacts(); n > 0 {
			warns = append(warns, fmt.Sprintf("%d audited page(s) were saved by a saavu without site rules and have no facts: the site rules compare the other pages only", n))
		}
		if err := out.CheckSite(siteRules); err != nil {
			return nil, nil, err
		}
		// Site failures accepted in a baseline stay so.
		accepted := map[[2]string]bool{}
		for _, p := range parts {
			for _, res := range p.Report.SiteResults {
				for _, n := range res.Nodes {
					if n.Baselined {
						accepted[[2]string{res.Rule, n.Key}] = true
					}
				}
			}
		}
		for i := range out.SiteResults {
			res := &out.SiteResults[i]
			for k := range res.Nodes {
				res.Nodes[k].Baselined = accepted[[2]string{res.Rule, res.Nodes[k].Key}]
			}
		}
	}

	audited := map[string]bool{}
	for _, u := range urls {
		audited[u] = true
	}
	docs := mergeByURL(parts, order, func(r *Report) []Document { return r.Documents },
		func(d Document) string { return d.URL }, func(d *Document) *[]string { return &d.LinkedFrom })
	broken := mergeByURL(parts, order, func(r *Report) []BrokenLink { return r.BrokenLinks },
		func(d BrokenLink) string { return d.URL }, func(d *BrokenLink) *[]string { return &d.LinkedFrom })
	skipped := mergeByURL(parts, order, func(r *Report) []SkippedPage { return r.Skipped },
		func(d SkippedPage) string { return d.URL }, func(d *SkippedPage) *[]string { return &d.LinkedFrom })
	skipped = slices.DeleteFunc(skipped, func(s SkippedPage) bool { return audited[s.URL] })
	// The checks of documents that ran in any part (documents.go).
	var docRules []RuleInfo
	for _, p := range parts {
		for _, ri := range p.Report.DocumentRules {
			if !slices.ContainsFunc(docRules, func(x RuleInfo) bool { return x.ID == ri.ID }) {
				docRules = append(docRules, ri)
			}
		}
	}
	if len(docRules) > 0 {
		out.SetDocumentRules(docRules)
	}
	out.SetCrawl(docs, broken, skipped)

	var dis []DisabledRule
	for _, id := range slices.Sorted(maps.Keys(disabled)) {
		dis = append(dis, disabled[id])
	}
	out.SetDisabled(dis)
	if selKnown {
		out.SetRuleSelection(selection.Only, selection.Skip)
		if quick { // one quick part makes the whole partial
			out.SetProfile(ProfileQuick)
		}
	}
	if len(parts) == 1 {
		// One report re-read keeps how its pages were chosen; a sample
		// says nothing of pages merged from elsewhere.
		out.Sample = parts[0].Report.Sample
	}
	if hadBaseline {
		out.Baseline = baselineSummary(out)
	}
	return out, warns, nil
}

// sharedPageFile is the file that holds the pages of every part, when
// they were all read with the same Spool; nil otherwise.
func sharedPageFile(parts []Part) *os.File {
	var f *os.File
	for _, p := range parts {
		pf, ok := p.Report.src.(*PageFile)
		if !ok || f != nil && pf.f != f {
			return nil
		}
		f = pf.f
	}
	return f
}

// versionOf lists the distinct values of field over the parts, or "" when
// they agree.
func versionOf(parts []Part, field func(*Report) string) string {
	var vs []string
	for _, p := range parts {
		if v := field(p.Report); v != "" && !slices.Contains(vs, v) {
			vs = append(vs, v)
		}
	}
	if len(vs) < 2 {
		return ""
	}
	slices.Sort(vs)
	return strings.Join(vs, ", ")
}

// mergeByURL joins lists of crawl findings by URL: the newest part's entry
// with the referrers of all. nil when there are none.
func mergeByURL[T any](parts []Part, order []int, list func(*Report) []T, urlOf func(T) string, refs func(*T) *[]string) []T {
	byURL := map[string]T{}
	for _, i := range order {
		for _, e := range list(parts[i].Report) {
			u := urlOf(e)
			if prev, ok := byURL[u]; ok {
				joined := slices.Concat(*refs(&prev), *refs(&e))
				slices.Sort(joined)
				*refs(&e) = slices.Compact(joined)
			}
			byURL[u] = e
		}
	}
	var out []T
	for _, u := range slices.Sorted(maps.Keys(byURL)) {
		out = append(out, byURL[u])
	}
	return out
}
