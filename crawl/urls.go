package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Crawl-scope sentinels: why a discovered URL is not audited.
var (
	ErrOutOfScope = errors.New("out of scope")
	ErrMaxDepth   = errors.New("deeper than --max-depth")
	ErrRobots     = errors.New(ReasonRobots)
)

// TrackingParams are query parameters dropped by Normalize: they name the
// campaign that brought a visitor, not the page. Parameters starting with
// "utm_" are dropped too.
var TrackingParams = []string{"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid"}

// Normalize returns the form of an http(s) URL used to tell pages apart:
// scheme and host in lower case, no default port, no fragment, an empty
// path as "/", "…/index.html" (and index.htm, index.php) as "…/", dot
// segments resolved, tracking parameters dropped and the other query
// parameters sorted.
func Normalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	return normalizeURL(u)
}

func normalizeURL(u *url.URL) (string, error) {
	u = new(*u)
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%s: not an http or https address", u.Redacted())
	}
	if u.Host == "" {
		return "", fmt.Errorf("%s: no host", u.Redacted())
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	host = strings.TrimSuffix(host, ".")
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if trailing && p != "/" {
		p += "/"
	}
	switch path.Base(p) {
	case "index.html", "index.htm", "index.php":
		p = strings.TrimSuffix(p, path.Base(p))
	}
	if err := setEscapedPath(u, p); err != nil {
		return "", err
	}
	u.RawQuery = normalizeQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

func setEscapedPath(u *url.URL, escaped string) error {
	dec, err := url.PathUnescape(escaped)
	if err != nil {
		return err
	}
	u.Path, u.RawPath = dec, ""
	if u.EscapedPath() != escaped {
		u.RawPath = escaped
	}
	return nil
}

// normalizeQuery drops tracking parameters and sorts the others (keeping
// their raw encoding; values of one name keep their order).
func normalizeQuery(q string) string {
	if q == "" {
		return ""
	}
	var kept []string
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "utm_") || slices.Contains(TrackingParams, name) {
			continue
		}
		kept = append(kept, part)
	}
	slices.SortStableFunc(kept, func(a, b string) int {
		ka, _, _ := strings.Cut(a, "=")
		kb, _, _ := strings.Cut(b, "=")
		return strings.Compare(ka, kb)
	})
	return strings.Join(kept, "&")
}

// ResolveLink resolves href as the browser would on a page at base and
// normalises it. It returns "" for links that do not lead to a web page:
// mailto:, tel:, javascript:, data:, empty and fragment-only links.
func ResolveLink(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	ref, err := url.Parse(href)
	if err != nil {
		return ""
	}
	switch strings.ToLower(ref.Scheme) {
	case "", "http", "https":
	default: // mailto:, tel:, javascript:, data:, ftp:…
		return ""
	}
	n, err := normalizeURL(base.ResolveReference(ref))
	if err != nil {
		return ""
	}
	return n
}

// DocumentExts are the extensions of linked documents: they are listed,
// not loaded in the browser.
var DocumentExts = []string{".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf"}

// IsDocument reports whether the URL's path ends in a document extension.
func IsDocument(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return slices.Contains(DocumentExts, strings.ToLower(path.Ext(u.Path)))
}

// DocumentIn reports whether a linked document is checked: on any host
// (documents are often kept on a document store or a CDN), unless its
// path and query match an --exclude pattern; the error wraps
// ErrOutOfScope.
func (s *Scope) DocumentIn(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%w: not a web address", ErrOutOfScope)
	}
	target := u.EscapedPath()
	if u.RawQuery != "" {
		target += "?" + u.RawQuery
	}
	for _, re := range s.exclude {
		if re.MatchString(target) {
			return fmt.Errorf("%w: matches --exclude %q", ErrOutOfScope, re.String())
		}
	}
	return nil
}

// Scope decides which URLs belong to the crawl. A URL is in scope when
// its host is the host of a start URL (a leading "www." is ignored on
// both sides, so example.fi and www.example.fi are one site; the scheme
// and port may differ), it matches an --include pattern when there are
// any, and it matches no --exclude pattern. Patterns are Go regular
// expressions (RE2) matched against the path and query of the normalised
// URL, e.g. "^/en/" or `\.php$`.
type Scope struct {
	hosts            map[string]bool
	include, exclude []*regexp.Regexp
}

// NewScope builds the scope of a crawl from its start URLs and patterns.
func NewScope(starts, include, exclude []string) (*Scope, error) {
	s := &Scope{hosts: map[string]bool{}}
	for _, st := range starts {
		u, err := url.Parse(st)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("start URL %q: not a valid address", st)
		}
		s.hosts[siteHost(u)] = true
	}
	for _, p := range include {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("--include %q: %w", p, err)
		}
		s.include = append(s.include, re)
	}
	for _, p := range exclude {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", p, err)
		}
		s.exclude = append(s.exclude, re)
	}
	return s, nil
}

// siteHost is the host name that identifies a site: lower case, without
// port and without a leading "www.".
func siteHost(u *url.URL) string {
	return strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")), "www.")
}

// SameSite reports whether the URL is on a start URL's site (ignoring
// the include and exclude patterns).
func (s *Scope) SameSite(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return s.hosts[siteHost(u)]
}

// In reports whether the URL is in scope; the error wraps ErrOutOfScope
// and says why not.
func (s *Scope) In(raw string) error {
	if !s.SameSite(raw) {
		return fmt.Errorf("%w: another site", ErrOutOfScope)
	}
	u, _ := url.Parse(raw)
	target := u.EscapedPath()
	if u.RawQuery != "" {
		target += "?" + u.RawQuery
	}
	if len(s.include) > 0 && !slices.ContainsFunc(s.include, func(re *regexp.Regexp) bool { return re.MatchString(target) }) {
		return fmt.Errorf("%w: matches no --include pattern", ErrOutOfScope)
	}
	for _, re := range s.exclude {
		if re.MatchString(target) {
			return fmt.Errorf("%w: matches --exclude %q", ErrOutOfScope, re.String())
		}
	}
	return nil
}
