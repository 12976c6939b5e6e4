package monitor

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"saavu/crawl"
)

// Site is one site of the sites file: its start URL and the options it
// sets for itself (zero: the command line's).
type Site struct {
	URL      string   `json:"url"`  // the start URL, normalised (crawl.Normalize)
	Name     string   `json:"name"` // its folder under sites/ (Name)
	Sample   int      `json:"sample,omitempty"`
	Include  []string `json:"include,omitempty"`
	Exclude  []string `json:"exclude,omitempty"`
	MaxPages int      `json:"maxPages,omitempty"`

	Line int `json:"-"` // where the sites file gives it
}

// ReadSites reads a sites file: YAML when its name ends in .yaml or
// .yml, else text. Errors say file:line. Each site gets its Name; two
// lines with one start URL are an error, as a site audited twice would
// count twice in the overview.
func ReadSites(path string) ([]Site, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sites []Site
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		sites, err = parseYAML(path, data)
	default:
		sites, err = parseText(path, data)
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]int{} // URL or name -> line
	for i := range sites {
		s := &sites[i]
		s.Name = Name(s.URL)
		if l, ok := seen[s.URL]; ok {
			return nil, fmt.Errorf("%s:%d: %s is already on line %d: give each site once", path, s.Line, s.URL, l)
		}
		if l, ok := seen["\x00"+s.Name]; ok {
			return nil, fmt.Errorf("%s:%d: %s has the folder name %s of the site on line %d", path, s.Line, s.URL, s.Name, l)
		}
		seen[s.URL], seen["\x00"+s.Name] = s.Line, s.Line
	}
	if len(sites) == 0 {
		return nil, fmt.Errorf("%s: no site in it: give one start URL a line", path)
	}
	return sites, nil
}

// parseText reads one start URL a line; # starts a comment, blank lines
// are skipped.
func parseText(path string, data []byte) ([]Site, error) {
	var sites []Site
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		for i := 0; i < len(line); i++ {
			// A # that starts the line or follows a space starts a
			// comment; one inside a URL (a fragment) does not.
			if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
				line = line[:i]
				break
			}
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%s:%d: one start URL a line (%q has spaces); per-site options need the YAML form (a .yaml file)", path, n, line)
		}
		u, err := startURL(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		sites = append(sites, Site{URL: u, Line: n})
	}
	return sites, sc.Err()
}

// yamlSite is a site of the YAML form.
type yamlSite struct {
	URL      string   `yaml:"url"`
	Sample   int      `yaml:"sample"`
	Include  []string `yaml:"include"`
	Exclude  []string `yaml:"exclude"`
	MaxPages int      `yaml:"max-pages"`
}

// parseYAML reads a list whose items are a start URL or a mapping with
// url and the site's options.
func parseYAML(path string, data []byte) ([]Site, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	top := doc.Content[0]
	if top.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: want a list of sites (- url: https://…)", path, top.Line)
	}
	known := map[string]bool{"url": true, "sample": true, "include": true, "exclude": true, "max-pages": true}
	var sites []Site
	for _, item := range top.Content {
		at := func(n *yaml.Node, format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n.Line, fmt.Sprintf(format, args...))
		}
		var y yamlSite
		switch item.Kind {
		case yaml.ScalarNode:
			y.URL = item.Value
		case yaml.MappingNode:
			for i := 0; i+1 < len(item.Content); i += 2 {
				if k := item.Content[i]; !known[k.Value] {
					return nil, at(k, "unknown key %q (a site takes url, sample, include, exclude, max-pages)", k.Value)
				}
			}
			if err := item.Decode(&y); err != nil {
				return nil, at(item, "%v", strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  "))
			}
		default:
			return nil, at(item, "a site is a start URL or a mapping with url:")
		}
		if y.URL == "" {
			return nil, at(item, "the site has no url:")
		}
		u, err := startURL(y.URL)
		if err != nil {
			return nil, at(item, "%v", err)
		}
		if y.Sample < 0 {
			return nil, at(item, "sample: must be 1 or more")
		}
		if y.MaxPages < 0 {
			return nil, at(item, "max-pages: must be 1 or more")
		}
		for _, p := range slices.Concat(y.Include, y.Exclude) {
			if _, err := regexp.Compile(p); err != nil {
				return nil, at(item, "%q is not a regular expression: %v", p, err)
			}
		}
		sites = append(sites, Site{URL: u, Sample: y.Sample, Include: y.Include, Exclude: y.Exclude, MaxPages: y.MaxPages, Line: item.Line})
	}
	return sites, nil
}

// startURL normalises a start URL: http or https, with a host.
func startURL(s string) (string, error) {
	if !strings.Contains(s, "://") {
		return "", fmt.Errorf("%q: give the start URL with its scheme (https://%s)", s, s)
	}
	n, err := crawl.Normalize(s)
	if err != nil {
		return "", fmt.Errorf("%q: %v", s, err)
	}
	return n, nil
}
