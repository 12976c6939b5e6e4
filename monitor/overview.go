package monitor

import (
	"cmp"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"saavu/checks"
	"saavu/report"
)

// BuildOverview reads the manifests and results of the run in dir and
// makes the overview across its sites (docs/scale.md). Every site of the
// sites file, as the manifests list it, is in it once: with its results,
// as unreachable or failed with the reason, or as missing: its shard's
// manifest is not there, or the shard stopped before it. Manifests of
// different N are refused: they are of different runs.
func BuildOverview(dir string) (*report.SitesOverview, error) {
	files, err := filepath.Glob(filepath.Join(ManifestDir(dir), "shard-*-of-*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no manifest (manifests/shard-I-of-N.json): run 'saavu monitor SITES --out %s' first", dir, dir)
	}
	byShard := map[int]*Manifest{}
	n := 0
	for _, f := range files {
		m, err := ReadManifest(f)
		if err != nil {
			return nil, err
		}
		if n != 0 && m.Shards != n {
			return nil, fmt.Errorf("%s: the manifests are of runs with %d and %d shards: keep one run's manifests in %s", dir, n, m.Shards, ManifestDir(dir))
		}
		n = m.Shards
		byShard[m.Shard] = m
	}
	ov := &report.SitesOverview{SchemaVersion: report.SitesOverviewSchema, Shards: n}

	// The list: every site any manifest lists, by URL.
	list := map[string]ListedSite{}
	for _, m := range byShard {
		for _, l := range m.List {
			list[l.URL] = l
		}
	}
	for i := 1; i <= n; i++ {
		om := report.OverviewManifest{Shard: i}
		if m, ok := byShard[i]; ok {
			om.File = "manifests/" + Shard{i, n}.ManifestName()
			om.Present, om.Complete, om.Version, om.Updated = true, m.Complete, m.Tool.Version, m.Updated
		}
		ov.Manifests = append(ov.Manifests, om)
	}

	var data []siteData
	critInfo := map[string]report.Criterion{}
	for _, url := range slices.Sorted(maps.Keys(list)) {
		l := list[url]
		site := report.OverviewSite{URL: l.URL, Name: l.Name, Shard: l.Shard}
		var d siteData
		m := byShard[l.Shard]
		var run *SiteRun
		if m != nil {
			if i := slices.IndexFunc(m.Sites, func(r SiteRun) bool { return r.URL == l.URL }); i >= 0 {
				run = &m.Sites[i]
			}
		}
		switch {
		case m == nil:
			site.Status, site.Reason = StatusMissing, fmt.Sprintf("the manifest of shard %d/%d is missing: that shard did not run, or its manifest was lost", l.Shard, n)
		case run == nil:
			site.Status, site.Reason = StatusMissing, fmt.Sprintf("shard %d/%d does not list it: its sites file was another", l.Shard, n)
		case run.Status == StatusPending:
			site.Status, site.Reason = StatusMissing, fmt.Sprintf("shard %d/%d stopped before it: run that shard again with --resume", l.Shard, n)
		default:
			site.Status, site.Reason = run.Status, run.Reason
			site.Pages, site.Audited, site.NotAudited, site.Sample = run.Pages, run.Audited, run.NotAudited, run.Sample
			site.Results = run.Results
		}
		if site.Status == StatusFinished {
			rep, err := report.ReadFile(filepath.Join(dir, filepath.FromSlash(site.Results)))
			if err != nil {
				site.Status, site.Reason = StatusMissing, fmt.Sprintf("its results cannot be read: %v", err)
			} else {
				d, err = readSite(rep)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", site.Results, err)
				}
				site.Standard = strings.TrimSpace(rep.Standard.Name + " " + rep.Standard.Version)
				for _, c := range rep.Summary.Criteria {
					if _, ok := critInfo[c.SC]; !ok {
						critInfo[c.SC] = c
					}
					switch c.Outcome {
					case "failed":
						site.Failed++
					case "cantTell":
						site.CantTell++
					}
				}
			}
		}
		switch site.Status {
		case StatusFinished:
			ov.Summary.Finished++
			ov.Summary.Audited += site.Audited
			ov.Summary.NotAudited += site.NotAudited
		case StatusUnreachable:
			ov.Summary.Unreachable++
		case StatusFailed:
			ov.Summary.Failed++
		default:
			ov.Summary.Missing++
		}
		ov.Sites = append(ov.Sites, site)
		data = append(data, d)
	}
	ov.Summary.Sites = len(ov.Sites)

	for _, sc := range slices.SortedFunc(maps.Keys(critInfo), checks.CompareSC) {
		c := critInfo[sc]
		oc := report.OverviewCriterion{SC: sc, Level: c.Level, Title: c.Title, Outcomes: make([]string, len(ov.Sites))}
		for i, d := range data {
			oc.Outcomes[i] = d.criteria[sc]
			if oc.Outcomes[i] == "failed" {
				oc.FailedSites++
			}
		}
		ov.Criteria = append(ov.Criteria, oc)
	}

	barriers := map[string]*report.Barrier{}
	for _, d := range data {
		for id, pages := range d.failedRules {
			b := barriers[id]
			if b == nil {
				ri := d.rules[id]
				b = &report.Barrier{Rule: id, Title: ri.Title, Impact: ri.Impact, WCAG: ri.WCAG}
				barriers[id] = b
			}
			b.Sites++
			b.Pages += pages
		}
	}
	for _, b := range barriers {
		ov.Barriers = append(ov.Barriers, *b)
	}
	slices.SortFunc(ov.Barriers, func(a, b report.Barrier) int {
		return cmp.Or(cmp.Compare(b.Sites, a.Sites), cmp.Compare(b.Pages, a.Pages), strings.Compare(a.Rule, b.Rule))
	})
	return ov, nil
}

// siteData is what the overview reads of a site's results.
type siteData struct {
	failedRules map[string]int // rule -> pages it failed on (a site rule: 1)
	rules       map[string]report.RuleInfo
	criteria    map[string]string // sc -> outcome
}

// readSite reads what the overview needs of a site's results.
func readSite(rep *report.Report) (d siteData, err error) {
	d.failedRules = map[string]int{}
	d.rules = map[string]report.RuleInfo{}
	d.criteria = map[string]string{}
	for _, r := range rep.Rules {
		d.rules[r.ID] = r
	}
	for _, c := range rep.Summary.Criteria {
		d.criteria[c.SC] = c.Outcome
	}
	err = rep.EachPage(func(_ int, p *report.Page) error {
		for _, r := range p.Results {
			if r.Outcome == string(checks.Failed) {
				d.failedRules[r.Rule]++
			}
		}
		return nil
	})
	for _, s := range rep.SiteResults {
		if s.Outcome == string(checks.Failed) {
			d.failedRules[s.Rule]++
		}
	}
	return d, err
}
