package crawl

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Robots is the part of a robots.txt (RFC 9309) that applies to one user
// agent, plus the file's Sitemap: lines.
type Robots struct {
	rules    []robotsRule
	Sitemaps []string
}

type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots reads a robots.txt for the user agent token agent (e.g.
// "saavu"). The groups naming the agent apply; when there is none, the
// "*" groups do. Matching is case-insensitive on the token and by prefix
// ("saavu" matches "saavu/1.0" lines too).
func ParseRobots(r io.Reader, agent string) *Robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	rb := &Robots{}
	sc := bufio.NewScanner(io.LimitReader(r, 512<<10))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !lastWasAgent || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
			continue
		case "allow", "disallow":
			if cur != nil && val != "" { // an empty Disallow allows all
				cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
			}
		case "sitemap":
			if val != "" {
				rb.Sitemaps = append(rb.Sitemaps, val)
			}
		}
		lastWasAgent = false
	}
	matches := func(want func(string) bool) bool {
		found := false
		for _, g := range groups {
			for _, a := range g.agents {
				if want(a) {
					rb.rules = append(rb.rules, g.rules...)
					found = true
					break
				}
			}
		}
		return found
	}
	if !matches(func(a string) bool {
		return a != "*" && a != "" && strings.HasPrefix(agent, strings.TrimSuffix(a, "*"))
	}) {
		matches(func(a string) bool { return a == "*" })
	}
	return rb
}

// Allowed reports whether the path (with query) may be fetched: the
// longest matching pattern wins, Allow wins a tie, and no match allows.
func (rb *Robots) Allowed(pathQuery string) bool {
	if rb == nil {
		return true
	}
	if pathQuery == "" {
		pathQuery = "/"
	}
	best, allow := -1, true
	for _, r := range rb.rules {
		if !robotsMatch(r.pattern, pathQuery) {
			continue
		}
		if n := len(r.pattern); n > best || (n == best && r.allow) {
			best, allow = n, r.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: "*" is any sequence,
// a final "$" anchors the end, otherwise the pattern is a prefix.
func robotsMatch(pattern, p string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	rest := p[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, part)
		}
		j := strings.Index(rest, part)
		if j < 0 {
			return false
		}
		rest = rest[j+len(part):]
	}
	return true
}

// FetchRobots gets origin's /robots.txt. A missing file (4xx) allows
// everything; a server error (5xx) or an unreachable server disallows
// everything, as RFC 9309 asks, and is returned as an error to log.
func FetchRobots(ctx context.Context, c *http.Client, origin *url.URL, agent, userAgent string) (*Robots, error) {
	u := origin.ResolveReference(&url.URL{Path: "/robots.txt"})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.Do(req)
	if err != nil {
		return &Robots{rules: []robotsRule{{pattern: "/"}}}, fmt.Errorf("robots.txt of %s: %w", origin.Host, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return &Robots{rules: []robotsRule{{pattern: "/"}}}, fmt.Errorf("robots.txt of %s: HTTP %d: treated as disallowing everything", origin.Host, resp.StatusCode)
	case resp.StatusCode >= 400:
		return &Robots{}, nil
	}
	return ParseRobots(resp.Body, agent), nil
}
