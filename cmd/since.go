package cmd

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"saavu/crawl"
	"saavu/report"
)

// since is the earlier audit a crawl --since reuses the results of: the
// pages it audited, by URL, with their render hashes (docs/crawl.md).
type since struct {
	path     string
	from     string // the earlier audit's generatedAt
	settings *report.AuditSettings
	pages    map[string]json.RawMessage // URL -> the page's result
	hashes   map[string]string          // URL -> its render hash
	reused   int                        // pages whose results were reused
}

// loadSince reads the results JSON, or the crawl state folder, at path.
// It reads it whole before the crawl starts, as the crawl may replace
// the state folder it reads.
func loadSince(path string) (*since, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--since: %w: give the results JSON (-o json=FILE) or the state folder of an earlier crawl", err)
	}
	s := &since{path: path, pages: map[string]json.RawMessage{}, hashes: map[string]string{}}
	add := func(raw json.RawMessage) error {
		var p struct {
			URL        string `json:"url"`
			Error      string `json:"error"`
			RenderHash string `json:"renderHash"`
		}
		if err := json.Unmarshal(raw, &p); err != nil {
			return err
		}
		if p.Error == "" && p.RenderHash != "" {
			s.pages[p.URL] = slices.Clone(raw)
			s.hashes[p.URL] = p.RenderHash
		}
		return nil
	}
	if !fi.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("--since: %w", err)
		}
		defer f.Close()
		var r struct {
			SchemaVersion string                `json:"schemaVersion"`
			GeneratedAt   string                `json:"generatedAt"`
			AuditSettings *report.AuditSettings `json:"auditSettings"`
			Pages         []json.RawMessage     `json:"pages"`
		}
		if err := json.NewDecoder(bufio.NewReader(f)).Decode(&r); err != nil {
			return nil, fmt.Errorf("--since %s: not saavu results JSON: %w", path, err)
		}
		s.from, s.settings = r.GeneratedAt, r.AuditSettings
		for _, p := range r.Pages {
			if err := add(p); err != nil {
				return nil, fmt.Errorf("--since %s: %w", path, err)
			}
		}
		return s, nil
	}
	meta, err := os.ReadFile(filepath.Join(path, "crawl.json"))
	if err != nil {
		return nil, fmt.Errorf("--since: %s holds no crawl (%w): give a crawl's state folder or its results JSON", path, err)
	}
	var m crawl.StateMeta
	if err := json.Unmarshal(meta, &m); err != nil {
		return nil, fmt.Errorf("--since %s: %w", path, err)
	}
	s.from = m.Started
	if m.Finished && len(m.Audit) > 0 {
		s.settings = new(report.AuditSettings)
		if err := json.Unmarshal(m.Audit, s.settings); err != nil {
			return nil, fmt.Errorf("--since %s: %w", path, err)
		}
	}
	f, err := os.Open(filepath.Join(path, "pages.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("--since: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("--since %s: %w", path, err)
		}
		if err := add(raw); err != nil {
			return nil, fmt.Errorf("--since %s: %w", path, err)
		}
	}
	return s, nil
}

// usable says why the earlier audit's results cannot be reused with the
// settings of this one, "" when they can.
func (s *since) usable(now *report.AuditSettings) string {
	switch {
	case s.settings == nil:
		return fmt.Sprintf("%s does not say how its pages were audited (an older saavu, or an unfinished crawl)", s.path)
	case len(s.hashes) == 0:
		return fmt.Sprintf("%s holds no page with a render hash", s.path)
	}
	if d := s.settings.Differ(now); d != "" {
		return "the audit of " + s.when() + " differs: " + d
	}
	return ""
}

func (s *since) when() string {
	if t, err := time.Parse(time.RFC3339, s.from); err == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	if s.from == "" {
		return s.path
	}
	return s.from
}

// reuse reports whether the page at url, with the render hash hash, is
// the one the earlier audit audited. Called from the crawl's workers.
func (s *since) reuse(url, hash string) bool {
	return s.hashes[url] == hash
}

// page returns the earlier result of the page at url, marked as reused,
// with the render hash of this load.
func (s *since) page(url, hash string) (report.Page, error) {
	var p report.Page
	if err := json.Unmarshal(s.pages[url], &p); err != nil {
		return p, fmt.Errorf("--since: the result of %s: %w", url, err)
	}
	if p.Reused == nil {
		p.Reused = &report.Reused{From: s.from}
	}
	p.RenderHash = hash
	s.reused++
	return p, nil
}

// auditSettings are this crawl's settings that change verdicts.
func (opts *CrawlOptions) auditSettings(version, browserVersion string, rules []string, width, height int) *report.AuditSettings {
	a := &report.AuditSettings{
		Version: version, Browser: browserVersion, Standard: opts.standard().ID, Rules: rules,
		Profile: opts.Profile, Extra: opts.Extra, Screenshots: opts.Screenshots && !opts.quick(),
		Viewport: fmt.Sprintf("%dx%d", width, height), PageTimeout: opts.PageTimeout.String(),
		Baseline: opts.Baseline != "",
	}
	if a.Profile == "full" {
		a.Profile = ""
	}
	for _, d := range opts.disabled {
		a.Disabled = append(a.Disabled, d.ID)
	}
	slices.Sort(a.Disabled)
	return a
}
