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
		SchemaVersion string `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%s: not a saavu JSON report: %w", name, err)
	}
	switch head.SchemaVersion {
	case SchemaVersion:
	case "":
		return nil, fmt.Errorf("%s: not a saavu JSON report (no schemaVersion); write one with -o json=FILE", name)
	default:
		return nil, fmt.Errorf("%s: schemaVersion %q is not supported by this saavu (it reads %q): use the saavu that wrote it, or audit again", name, head.SchemaVersion, SchemaVersion)
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
//   - Disabled rules are the union, less the rules that ran somewhere.
//   - Baseline marks are kept as they are; the baseline counts are
//     recomputed when any report had them.
//
// The summary is recomputed by Rebuild. Merging one report gives it back
// unchanged.
func Merge(parts []Part) (*Report, []string, error) {
	if len(parts) == 0 {
		return nil, nil, errors.New("no reports to merge")
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
		page Page
		part int
	}
	pages := map[string]pageFrom{}
	type ruleFrom struct {
		info RuleInfo
		part int
	}
	rules := map[string]ruleFrom{}
	disabled := map[string]DisabledRule{}
	hadBaseline := false
	for _, i := range order {
		rep := parts[i].Report
		for _, p := range rep.Pages {
			if prev, ok := pages[p.URL]; ok {
				warns = append(warns, fmt.Sprintf("%s is in both %s and %s: keeping the one from %s (%s)",
					p.URL, parts[prev.part].Name, parts[i].Name, parts[i].Name, why(i, prev.part)))
			}
			pages[p.URL] = pageFrom{p, i}
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
		hadBaseline = hadBaseline || rep.Baseline != nil
	}
	newest := parts[order[len(order)-1]].Report

	var infos []RuleInfo
	for _, id := range slices.Sorted(maps.Keys(rules)) {
		infos = append(infos, rules[id].info)
	}
	for _, p := range parts {
		if !slices.ContainsFunc(p.Report.Pages, func(pg Page) bool { return pg.Audited() }) {
			continue // no results that could lack a rule
		}
		var missing []string
		for _, ri := range infos {
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
				p.Name, len(missing), len(infos), strings.Join(list, ", ")))
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

	var list []Page
	for _, u := range slices.Sorted(maps.Keys(pages)) {
		list = append(list, pages[u].page)
	}
	out := Rebuild(Meta{Version: newest.Tool.Version, GeneratedAt: newest.GeneratedAt, Browser: newest.Browser}, infos, list)

	audited := map[string]bool{}
	for _, p := range out.Pages {
		audited[p.URL] = true
	}
	docs := mergeByURL(parts, order, func(r *Report) []Document { return r.Documents },
		func(d Document) string { return d.URL }, func(d *Document) *[]string { return &d.LinkedFrom })
	broken := mergeByURL(parts, order, func(r *Report) []BrokenLink { return r.BrokenLinks },
		func(d BrokenLink) string { return d.URL }, func(d *BrokenLink) *[]string { return &d.LinkedFrom })
	skipped := mergeByURL(parts, order, func(r *Report) []SkippedPage { return r.Skipped },
		func(d SkippedPage) string { return d.URL }, func(d *SkippedPage) *[]string { return &d.LinkedFrom })
	skipped = slices.DeleteFunc(skipped, func(s SkippedPage) bool { return audited[s.URL] })
	out.SetCrawl(docs, broken, skipped)

	var dis []DisabledRule
	for _, id := range slices.Sorted(maps.Keys(disabled)) {
		dis = append(dis, disabled[id])
	}
	out.SetDisabled(dis)
	if hadBaseline {
		out.Baseline = baselineSummary(out)
	}
	return out, warns, nil
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
