package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"saavu/browser"
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
		var re *RobotsError
		if tt.err && (!errors.As(err, &re) || re.Status != tt.status || re.Unreachable() || rb.fetchErr() != re) {
			t.Errorf("HTTP %d: %#v, want a RobotsError with the status", tt.status, err)
		}
	}

	// A server that does not answer: everything is disallowed, and the
	// error says why in words.
	ts.Close()
	rb, err := FetchRobots(context.Background(), ts.Client(), u, "saavu", "saavu/test")
	var re *RobotsError
	if !errors.As(err, &re) || !re.Unreachable() || rb.Allowed("/") || !browser.IsKind(re.Err, browser.KindNetwork) {
		t.Fatalf("closed server: allowed %v, err %#v", rb.Allowed("/"), err)
	}
	if want := "(connection refused: no web server is listening at that address and port)"; !strings.Contains(err.Error(), want) {
		t.Errorf("closed server: %q, want it to contain %q", err, want)
	}
}

// TestFetchError: the errors of requests made from Go are said in the
// words of the browser's (netError).
func TestFetchError(t *testing.T) {
	plain := httptest.NewServer(http.NotFoundHandler())
	defer plain.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tlsSite := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSite.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake fails, as it should
	tlsSite.StartTLS()
	defer tlsSite.Close()
	get := func(u string) error {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
		resp, err := (&http.Client{}).Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s: no error", u)
		}
		return err
	}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"refused", get(closed.URL + "/"), "connection refused: no web server is listening at that address and port"},
		{"https to a plain HTTP server", get(strings.Replace(plain.URL, "http:", "https:", 1) + "/"), "the server answers plain HTTP, not HTTPS"},
		{"certificate", get(tlsSite.URL + "/"), "the site's TLS certificate is not valid (x509: "},
		{"DNS", &url.Error{Op: "Get", URL: "https://nowhere.invalid/", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}}},
			"host not found (DNS lookup failed): check the address"},
		{"timeout", &url.Error{Op: "Get", URL: "https://slow.example/", Err: context.DeadlineExceeded}, "the server did not answer in time"},
		{"other", &url.Error{Op: "Get", URL: "https://odd.example/", Err: errors.New("something odd")}, "the server could not be reached (something odd)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := fetchError(tt.err)
			if !browser.IsKind(err, browser.KindNetwork) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("fetchError(%v) = %q, want a network error starting %q", tt.err, err, tt.want)
			}
		})
	}
	if err := fetchError(context.Canceled); err != context.Canceled {
		t.Errorf("a cancelled request: %v", err)
	}
}
