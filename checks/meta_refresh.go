package checks

import (
	"strconv"
	"strings"
)

// MetaRefresh checks that the page does not reload itself or move to
// another page after a delay (ACT bc659a).
var MetaRefresh = &Rule{
	ID:      "meta-refresh",
	Title:   "Page does not refresh or redirect on a timer",
	Doc:     doc("meta-refresh"),
	HelpURL: understanding("2.2.1"),
	WCAG:    []string{"2.2.1"},
	ACT:     []string{"bc659a"},
	Impact:  Serious,
	Run:     runMetaRefresh,
}

// twentyHours is the time limit of WCAG 2.2.1's 20-hour exception, in
// seconds.
const twentyHours = 20 * 60 * 60

func runMetaRefresh(pass *Pass) error {
	n, secs, url := firstRefresh(pass.Page)
	if n == nil {
		return nil
	}
	switch {
	case secs == 0 || secs > twentyHours:
		pass.Passed(n)
	case url == "":
		pass.Failed(n, "The page reloads itself after %s, which can interrupt people who read slowly or use a screen reader, and loses their place. Remove the timed refresh (<meta http-equiv=\"refresh\">); if the content must update, let people update it themselves.", secondsText(secs))
	default:
		pass.Failed(n, "The page sends visitors to %s after %s, before some of them have finished reading. If the page has moved, redirect on the server (HTTP 301) or at once (content=\"0; url=…\"); otherwise give a link to follow.", url, secondsText(secs))
	}
	return nil
}

// firstRefresh returns the meta refresh element that meta-refresh (ACT
// bc659a) and meta-refresh-no-exception (ACT bisz58) apply to, with its
// delay in seconds and its target URL ("" for the page itself): the first
// one of the top document whose content browsers accept, since only that
// one takes effect. The element is nil when there is none.
func firstRefresh(p *Page) (*Node, int, string) {
	if htmlRoot(p) == nil {
		return nil, 0, ""
	}
	for _, n := range p.Elements() {
		if !n.Is("meta") || n.Frame != 0 || n.Shadow != "" || asciiLower(strings.TrimSpace(n.AttrOr("http-equiv", ""))) != "refresh" {
			continue
		}
		secs, url, ok := parseRefresh(n.AttrOr("content", ""))
		if !ok {
			continue // browsers ignore it; the first valid one counts
		}
		return n, secs, url
	}
	return nil, 0, ""
}

func secondsText(n int) Text {
	if n == 1 {
		return msg("1 second")
	}
	return msg("%d seconds", n)
}

// parseRefresh parses the content of a meta refresh element with the
// HTML standard's shared declarative refresh steps. It returns the delay
// in seconds and the target URL ("" for the page itself); ok is false when
// browsers ignore the value.
func parseRefresh(s string) (secs int, url string, ok bool) {
	isWS := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	if s == "" {
		return 0, "", false
	}
	i := 0
	for i < len(s) && isWS(s[i]) {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		if i >= len(s) || s[i] != '.' {
			return 0, "", false
		}
	} else {
		n, err := strconv.Atoi(s[start:i])
		if err != nil {
			n = twentyHours + 1 // too long to matter
		}
		secs = n
	}
	for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
		i++
	}
	if i < len(s) {
		if s[i] != ';' && s[i] != ',' && !isWS(s[i]) {
			return 0, "", false
		}
		for i < len(s) && isWS(s[i]) {
			i++
		}
		if i < len(s) && (s[i] == ';' || s[i] == ',') {
			i++
		}
		for i < len(s) && isWS(s[i]) {
			i++
		}
	}
	url = s[i:]
	// "url=" prefix and quotes, as the standard strips them.
	if len(url) >= 3 && asciiLower(url[:3]) == "url" {
		rest := strings.TrimLeft(url[3:], " \t\n\r\f")
		if strings.HasPrefix(rest, "=") {
			url = strings.TrimLeft(rest[1:], " \t\n\r\f")
		}
	}
	if url != "" && (url[0] == '\'' || url[0] == '"') {
		q := url[0]
		url = url[1:]
		if j := strings.IndexByte(url, q); j >= 0 {
			url = url[:j]
		}
	}
	return secs, strings.TrimSpace(url), true
}
