package monitor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// ManifestSchema is the schemaVersion of manifests and site records.
const ManifestSchema = "1"

// Site statuses in a manifest.
const (
	StatusFinished    = "finished"    // crawled: at least one page audited; results written
	StatusUnreachable = "unreachable" // no page audited: the start address could not be loaded or audited, or robots.txt kept the crawl out
	StatusFailed      = "failed"      // saavu could not crawl it (a state folder in use, results it could not write…)
	StatusPending     = "pending"     // not done yet: the shard is running, or stopped before it
	StatusMissing     = "missing"     // (overview only) owned by no shard that finished it
)

// Manifest is what one shard did: DIR/manifests/shard-I-of-N.json
// (docs/scale.md). It is rewritten after each site, so that a shard that
// stops leaves one saying how far it got (Complete false).
type Manifest struct {
	SchemaVersion string `json:"schemaVersion"`
	Tool          struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Shard     int    `json:"shard"`  // I
	Shards    int    `json:"shards"` // N
	Complete  bool   `json:"complete"`
	Started   string `json:"started,omitempty"` // RFC 3339, UTC
	Updated   string `json:"updated,omitempty"`
	SitesFile string `json:"sitesFile"`
	// List is every site of the sites file with its shard, so that the
	// overview knows which sites a missing manifest held.
	List  []ListedSite `json:"list"`
	Sites []SiteRun    `json:"sites"` // the sites the shard owns, in the order of the list
}

// ListedSite is a site of the sites file and its shard.
type ListedSite struct {
	URL   string `json:"url"`
	Name  string `json:"name"`
	Shard int    `json:"shard"`
}

// SiteRun is what became of one site; it is also kept beside its
// results as DIR/sites/NAME/site.json, which --resume reads.
type SiteRun struct {
	URL        string `json:"url"`
	Name       string `json:"name"`
	Status     string `json:"status"`           // finished, unreachable, failed or pending
	Reason     string `json:"reason,omitempty"` // why it is unreachable or failed
	Pages      int    `json:"pages"`            // pages in the results
	Audited    int    `json:"audited"`
	NotAudited int    `json:"notAudited"`
	Failing    int    `json:"failing"`           // page × rule results (and site rules) that failed at or above --fail-on
	Results    string `json:"results,omitempty"` // the results file, relative to DIR, with / between parts
	Sample     int    `json:"sample,omitempty"`  // the size of the sample asked for; 0: a crawl
	Finished   string `json:"finished,omitempty"`
}

// Paths under DIR.
func SiteDir(dir, name string) string        { return filepath.Join(dir, "sites", name) }
func ResultsPath(name string) string         { return "sites/" + name + "/results.json" }
func ManifestDir(dir string) string          { return filepath.Join(dir, "manifests") }
func siteRecordPath(dir, name string) string { return filepath.Join(SiteDir(dir, name), "site.json") }

// WriteJSON writes v as indented JSON to path, through a temporary file
// renamed over it, so that a reader never sees half a file.
func WriteJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// WriteSiteRecord keeps r beside the site's results.
func WriteSiteRecord(dir string, r SiteRun) error {
	return WriteJSON(siteRecordPath(dir, r.Name), r)
}

// ReadSiteRecord reads the record a run left of a site; ok is false when
// there is none.
func ReadSiteRecord(dir, name string) (r SiteRun, ok bool, err error) {
	data, err := os.ReadFile(siteRecordPath(dir, name))
	if os.IsNotExist(err) {
		return r, false, nil
	}
	if err == nil {
		err = json.Unmarshal(data, &r)
	}
	if err != nil {
		return r, false, fmt.Errorf("read %s: %w", siteRecordPath(dir, name), err)
	}
	return r, true, nil
}

// ReadManifest reads a manifest.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if m.SchemaVersion != ManifestSchema {
		return nil, fmt.Errorf("%s: schemaVersion %q, this saavu reads %q", path, m.SchemaVersion, ManifestSchema)
	}
	if m.Shards < 1 || m.Shard < 1 || m.Shard > m.Shards {
		return nil, fmt.Errorf("%s: shard %d of %d is no shard", path, m.Shard, m.Shards)
	}
	return &m, nil
}
