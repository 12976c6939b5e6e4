package crawl

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"saavu/browser"
)

// Robots is the part of a robots.txt (RFC 9309) that applies to one user
// agent, plus the file's Sitemap: lines.
type Robots struct {
	rules    []robotsRule
	Sitemaps []string
	err      *RobotsError // why the file could not be fetched (it then disallows everything)
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

// fetchErr is why the file could not be fetched; nil when it was (or
// when rb is nil).
func (rb *Robots) fetchErr() *RobotsError {
	if rb == nil {
		return nil
	}
	return rb.err
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
// everything, as RFC 9309 asks, and is also returned as a *RobotsError.
func FetchRobots(ctx context.Context, c *http.Client, origin *url.URL, agent, userAgent string) (*Robots, error) {
	u := origin.ResolveReference(&url.URL{Path: "/robots.txt"})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.Do(req)
	if err != nil {
		re := &RobotsError{Host: origin.Host, Err: fetchError(err)}
		return &Robots{rules: []robotsRule{{pattern: "/"}}, err: re}, re
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		re := &RobotsError{Host: origin.Host, Status: resp.StatusCode}
		return &Robots{rules: []robotsRule{{pattern: "/"}}, err: re}, re
	case resp.StatusCode >= 400:
		return &Robots{}, nil
	}
	return ParseRobots(resp.Body, agent), nil
}

// RobotsError means a site's robots.txt could not be fetched: the server
// answered with an error (5xx), or could not be reached at all. RFC 9309
// then asks a crawler to take every page as disallowed.
type RobotsError struct {
	Host   string // host[:port] of the robots.txt
	Status int    // the server's answer; 0 when it could not be reached
	Err    error  // why it could not be reached (a *PageError), when Status is 0
}

func (e *RobotsError) Error() string {
	return fmt.Sprintf("robots.txt of %s could not be fetched (%s): under RFC 9309 that means everything is disallowed", e.Host, e.why())
}

func (e *RobotsError) Unwrap() error { return e.Err }

// Unreachable reports whether the server could not be reached at all
// (rather than answering with an error): then no page of it can be
// loaded either.
func (e *RobotsError) Unreachable() bool { return e.Status == 0 }

// why says in a few words what went wrong: "HTTP 503", or the network
// error.
func (e *RobotsError) why() string {
	if e.Status != 0 {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return e.Err.Error()
}

// fetchError says in words why a request made from Go (robots.txt, a
// page fetched without the browser) got no answer, in the words
// netError uses for the browser's errors: a *PageError of kind network.
// ctx's error is returned as it is.
func fetchError(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	var (
		dns     *net.DNSError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
		verify  *tls.CertificateVerificationError
		record  tls.RecordHeaderError
		ne      net.Error
	)
	var msg string
	switch {
	case errors.As(err, &dns):
		msg = "host not found (DNS lookup failed): check the address"
	case errors.Is(err, syscall.ECONNREFUSED):
		msg = "connection refused: no web server is listening at that address and port"
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		msg = "the server answers plain HTTP, not HTTPS"
	case errors.As(err, &verify):
		msg = "the site's TLS certificate is not valid (" + verify.Err.Error() + ")"
	case errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		msg = "the site's TLS certificate is not valid (" + innermost(err) + ")"
	case errors.As(err, &record), strings.Contains(err.Error(), "tls: "):
		msg = "the TLS connection to the site failed (" + innermost(err) + ")"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		msg = "the server closed the connection without answering"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		msg = "the host cannot be reached from this machine (no network route)"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		msg = "the server did not answer in time"
	default:
		msg = "the server could not be reached (" + innermost(err) + ")"
	}
	return &browser.PageError{Kind: browser.KindNetwork, Msg: msg}
}

// innermost is the message of err without the "Get URL:" and "dial tcp
// …:" prefixes the net packages wrap it in.
func innermost(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	return err.Error()
}
