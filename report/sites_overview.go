package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// SitesOverviewSchema is the schemaVersion of the overview across sites.
const SitesOverviewSchema = "1"

// SitesOverview is the overview of a monitoring run across sites (saavu
// monitor; docs/scale.md): each site's outcome on each success criterion,
// the barriers most common across the sites, the pages audited and not,
// the sites that could not be reached and those missing from the run.
// monitor.BuildOverview makes it; the writers only format it.
type SitesOverview struct {
	SchemaVersion string              `json:"schemaVersion"`
	Tool          Tool                `json:"tool"`
	GeneratedAt   string              `json:"generatedAt,omitempty"`
	Shards        int                 `json:"shards"`    // N of the run's shards
	Manifests     []OverviewManifest  `json:"manifests"` // by shard
	Summary       OverviewSummary     `json:"summary"`
	Sites         []OverviewSite      `json:"sites"`    // by start URL
	Criteria      []OverviewCriterion `json:"criteria"` // in WCAG order
	Barriers      []Barrier           `json:"barriers"` // most common first
}

// OverviewManifest is a shard's manifest as the overview found it.
type OverviewManifest struct {
	Shard    int    `json:"shard"`
	File     string `json:"file"`              // relative to the run's folder; "" when missing
	Present  bool   `json:"present"`           // the file is there
	Complete bool   `json:"complete"`          // the shard went through all its sites
	Version  string `json:"version,omitempty"` // saavu's
	Updated  string `json:"updated,omitempty"` // when it was last written
}

// OverviewSummary counts the sites by status, and the pages.
type OverviewSummary struct {
	Sites       int `json:"sites"`
	Finished    int `json:"finished"`
	Unreachable int `json:"unreachable"`
	Failed      int `json:"failed"`
	Missing     int `json:"missing"`
	Audited     int `json:"audited"`    // pages, over the finished sites
	NotAudited  int `json:"notAudited"` // pages
}

// OverviewSite is one site of the run.
type OverviewSite struct {
	URL        string `json:"url"`
	Name       string `json:"name"`
	Shard      int    `json:"shard"`
	Status     string `json:"status"`           // finished, unreachable, failed, missing
	Reason     string `json:"reason,omitempty"` // why it is unreachable, failed or missing
	Pages      int    `json:"pages"`
	Audited    int    `json:"audited"`
	NotAudited int    `json:"notAudited"`
	Sample     int    `json:"sample,omitempty"`
	Results    string `json:"results,omitempty"`  // relative to the run's folder
	Standard   string `json:"standard,omitempty"` // the standard its results measure against
	Failed     int    `json:"failed"`             // criteria failed
	CantTell   int    `json:"cantTell"`           // criteria to review
}

// OverviewCriterion is one success criterion across the sites.
type OverviewCriterion struct {
	SC    string `json:"sc"`
	Level string `json:"level"`
	Title string `json:"title"`
	// Outcomes has one outcome per site, in the order of Sites ("" for
	// a site with no results, or whose standard lacks the criterion).
	Outcomes    []string `json:"outcomes"`
	FailedSites int      `json:"failedSites"`
}

// Barrier is a rule that failed on one site or more.
type Barrier struct {
	Rule   string   `json:"rule"`
	Title  string   `json:"title"`
	Impact string   `json:"impact"`
	WCAG   []string `json:"wcag"`
	Sites  int      `json:"sites"` // sites where it failed
	Pages  int      `json:"pages"` // pages where it failed, over those sites (site rules count the site once)
}

// OverviewWriter writes the overview across sites in one format.
type OverviewWriter interface {
	WriteOverview(w io.Writer, o *SitesOverview) error
}

// NewOverviewWriter returns the writer of format (html, csv or json);
// lang is the language of the HTML.
func NewOverviewWriter(format, lang string) (OverviewWriter, error) {
	switch format {
	case "json":
		return overviewJSON{}, nil
	case "csv":
		return overviewCSV{}, nil
	case "html":
		return overviewHTML{lang: lang}, nil
	}
	return nil, fmt.Errorf("unknown overview format %q (choose one of html, csv, json)", format)
}

type overviewJSON struct{}

func (overviewJSON) WriteOverview(w io.Writer, o *SitesOverview) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(o)
}

// overviewCSV writes one row per site and criterion (a site without
// results has one row, with no criterion), so that a spreadsheet can
// pivot it either way.
type overviewCSV struct{}

// OverviewCSVHeader is the header row of the CSV overview.
var OverviewCSVHeader = []string{"site", "name", "shard", "status", "reason", "pages", "audited", "notAudited", "sc", "level", "title", "outcome"}

func (overviewCSV) WriteOverview(w io.Writer, o *SitesOverview) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(OverviewCSVHeader); err != nil {
		return err
	}
	for i, s := range o.Sites {
		head := []string{s.URL, s.Name, strconv.Itoa(s.Shard), s.Status, oneLine(s.Reason), strconv.Itoa(s.Pages), strconv.Itoa(s.Audited), strconv.Itoa(s.NotAudited)}
		wrote := false
		for _, c := range o.Criteria {
			if c.Outcomes[i] == "" {
				continue
			}
			if err := cw.Write(append(head[:len(head):len(head)], c.SC, c.Level, c.Title, c.Outcomes[i])); err != nil {
				return err
			}
			wrote = true
		}
		if !wrote {
			if err := cw.Write(append(head, "", "", "", "")); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
