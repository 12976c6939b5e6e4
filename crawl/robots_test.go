package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

const robotsTxt = `# comment
User-agent: *
Disallow: /

User-agent: Googlebot
User-agent: saavu
Disallow: /private/
Allow: /private/public
Disallow: /*.php$
Disallow: /search*q=
Allow: /page$
Disallow: /page

Sitemap: https://example.fi/sitemap.xml
`

func TestRobots(t *testing.T) {
	rb := ParseRobots(strings.NewReader(robotsTxt), "saavu")
	tests := []struct {
		path string
		want bool
	}{
		{"/", true},
		{"/a.html", true},
		{"/private/", false},
		{"/private/x.html", false},
		{"/private/public/x.html", true}, // the longer Allow wins
		{"/index.php", false},            // * and $
		{"/index.php?x=1", true},         // $ anchors the end
		{"/search?lang=fi&q=a", false},   // * inside
		{"/search?lang=fi", true},
		{"/page", true},   // Allow /page$ is longer than Disallow /page
		{"/pages", false}, // only Disallow /page matches
		{"/page/a", false},
	}
	for _, tt := range tests {
		if got := rb.Allowed(tt.path); got != tt.want {
			t.Errorf("Allowed(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if !slices.Equal(rb.Sitemaps, []string{"https://example.fi/sitemap.xml"}) {
		t.Errorf("sitemaps %q", rb.Sitemaps)
	}
	// Another agent gets the * group.
	if other := ParseRobots(strings.NewReader(robotsTxt), "otherbot"); other.Allowed("/a.html") {
		t.Error("the * group does not apply to an agent without a group")
	}
	// Allow wins a tie.
	tie := ParseRobots(strings.NewReader("User-agent: *\nDisallow: /a\nAllow: /a\n"), "saavu")
	if !tie.Allowed("/a") {
		t.Error("Allow does not win a tie")
	}
	// Empty Disallow allows everything.
	if !ParseRobots(strings.NewReader("User-agent: *\nDisallow:\n"), "saavu").Allowed("/x") {
		t.Error("empty Disallow disallows")
	}
}

func TestRobotsFetch(t *testing.T) {
	status := 200
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		fmt.Fprint(w, "User-agent: *\nDisallow: /x\n")
	}))
	defer ts.Close()
	u, _ := url.Parse(ts.URL)
	for _, tt := range []struct {
		status  int
		allowed bool
		err     bool
	}{{200, false, false}, {404, true, false}, {503, false, true}} {
		status = tt.status
		rb, err := FetchRobots(context.Background(), ts.Client(), u, "saavu", "saavu/test")
		if (err != nil) != tt.err || rb.Allowed("/x") != tt.allowed {
			t.Errorf("HTTP %d: allowed %v, err %v", tt.status, rb.Allowed("/x"), err)
		}
	}
}
