package report

import (
	"fmt"
	"slices"
	"strings"
)

// Reused marks a page whose results were reused from an earlier audit
// (crawl --since): the page was loaded and found unchanged (the same
// RenderHash), so no rule ran on it again.
type Reused struct {
	// From is when the results were made: the generatedAt of the audit
	// that ran the rules on the page (an audit that itself reused them
	// passes on its own From).
	From string `json:"from"`
}

// AuditSettings are what make two audits of the same page give the
// same results: a crawl --since earlier results reuses none of them
// unless every one is the same (Differ).
type AuditSettings struct {
	Version     string   `json:"version"`            // saavu's
	Browser     string   `json:"browser"`            // Chrome's product and version
	Standard    string   `json:"standard"`           // id of the standard
	Rules       []string `json:"rules"`              // ids of the rules that ran, sorted
	Profile     string   `json:"profile,omitempty"`  // --profile: "" (full) or quick
	Extra       bool     `json:"extra,omitempty"`    // --extra
	Screenshots bool     `json:"screenshots"`        // screenshots of the elements reported
	Viewport    string   `json:"viewport"`           // WxH, CSS px
	PageTimeout string   `json:"pageTimeout"`        // --page-timeout
	Disabled    []string `json:"disabled,omitempty"` // --disable ids, sorted
	Baseline    bool     `json:"baseline,omitempty"` // --baseline marked failures
}

// Differ says what differs between the settings of an earlier audit (a)
// and those of this one (b), "" when nothing does.
func (a *AuditSettings) Differ(b *AuditSettings) string {
	var out []string
	str := func(what, x, y string) {
		if x != y {
			out = append(out, fmt.Sprintf("%s %q, now %q", what, x, y))
		}
	}
	str("saavu", a.Version, b.Version)
	str("browser", a.Browser, b.Browser)
	str("standard", a.Standard, b.Standard)
	if !slices.Equal(a.Rules, b.Rules) {
		out = append(out, fmt.Sprintf("%d rules, now %d other ones", len(a.Rules), len(b.Rules)))
	}
	str("--profile", a.Profile, b.Profile)
	str("--extra", fmt.Sprint(a.Extra), fmt.Sprint(b.Extra))
	str("--screenshots", fmt.Sprint(a.Screenshots), fmt.Sprint(b.Screenshots))
	str("viewport", a.Viewport, b.Viewport)
	str("--page-timeout", a.PageTimeout, b.PageTimeout)
	str("--disable", strings.Join(a.Disabled, ","), strings.Join(b.Disabled, ","))
	str("--baseline", fmt.Sprint(a.Baseline), fmt.Sprint(b.Baseline))
	return strings.Join(out, "; ")
}
