package checks

import (
	"strconv"
	"strings"
)

// MetaViewport checks that the viewport meta element does not stop people
// from zooming the page (ACT b4f0c3).
var MetaViewport = &Rule{
	ID:      "meta-viewport",
	Title:   "Page can be zoomed",
	Doc:     doc("meta-viewport"),
	HelpURL: understanding("1.4.4"),
	WCAG:    []string{"1.4.4"},
	ACT:     []string{"b4f0c3"},
	Impact:  Critical,
	Run:     runMetaViewport,
}

func runMetaViewport(pass *Pass) error {
	if htmlRoot(pass.Page) == nil {
		return nil
	}
	for _, n := range pass.Page.Elements() {
		if !n.Is("meta") || n.Frame != 0 || n.Shadow != "" || asciiLower(strings.TrimSpace(n.AttrOr("name", ""))) != "viewport" {
			continue
		}
		content, ok := n.Attr("content")
		if !ok {
			continue
		}
		props := parseViewport(content)
		us, hasUS := props["user-scalable"]
		ms, hasMS := props["maximum-scale"]
		if !hasUS && !hasMS {
			continue // inapplicable
		}
		var problems []Text
		if hasUS && !userScalable(us) {
			problems = append(problems, msg("user-scalable=%s turns zooming off", us))
		}
		if hasMS && !maxScaleAllowsZoom(ms) {
			problems = append(problems, msg("maximum-scale=%s stops zooming before 200%%", ms))
		}
		if len(problems) == 0 {
			pass.Passed(n)
			continue
		}
		pass.Failed(n, "On phones and tablets, people cannot enlarge this page to read it: %s. Remove user-scalable and maximum-scale from the viewport meta element, e.g. <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">.", problems)
	}
	return nil
}

// parseViewport splits the content of a viewport meta element into
// lower-case keys and their values, as Chrome does (later keys win).
func parseViewport(s string) map[string]string {
	isSep := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '=' || c == ',' || c == ';'
	}
	out := map[string]string{}
	i, n := 0, len(s)
	for i < n {
		for i < n && isSep(s[i]) {
			i++
		}
		kb := i
		for i < n && !isSep(s[i]) {
			i++
		}
		key := s[kb:i]
		for i < n && s[i] != '=' && s[i] != ',' && s[i] != ';' {
			i++
		}
		for i < n && isSep(s[i]) && s[i] != ',' && s[i] != ';' {
			i++
		}
		vb := i
		for i < n && !isSep(s[i]) {
			i++
		}
		if key != "" {
			out[asciiLower(key)] = s[vb:i]
		}
	}
	return out
}

// numberPrefix parses the longest prefix of s that is a number, as strtod
// does; ok is false when s does not start with one.
func numberPrefix(s string) (float64, bool) {
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	digits := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
		digits++
	}
	if end < len(s) && s[end] == '.' {
		end++
		for end < len(s) && s[end] >= '0' && s[end] <= '9' {
			end++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		e := end + 1
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		if e < len(s) && s[e] >= '0' && s[e] <= '9' {
			for e < len(s) && s[e] >= '0' && s[e] <= '9' {
				e++
			}
			end = e
		}
	}
	f, err := strconv.ParseFloat(strings.TrimSuffix(s[:end], "."), 64)
	return f, err == nil
}

// userScalable reports whether a user-scalable value lets people zoom: yes,
// device-width, device-height, or a number outside (-1, 1).
func userScalable(v string) bool {
	switch asciiLower(v) {
	case "yes", "device-width", "device-height":
		return true
	case "no":
		return false
	}
	f, _ := numberPrefix(v)
	return f <= -1 || f >= 1
}

// maxScaleAllowsZoom reports whether a maximum-scale value allows zooming
// to at least 200%: device-width, device-height, a negative number (which
// is ignored) or a number of at least 2.
func maxScaleAllowsZoom(v string) bool {
	switch asciiLower(v) {
	case "device-width", "device-height":
		return true
	}
	f, ok := numberPrefix(v)
	return ok && (f < 0 || f >= 2)
}
