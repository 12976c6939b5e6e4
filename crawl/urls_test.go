package crawl

import (
	"errors"
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://Example.FI/", "http://example.fi/"},
		{"https://example.fi", "https://example.fi/"},
		{"https://example.fi:443/a", "https://example.fi/a"},
		{"http://example.fi:80/a", "http://example.fi/a"},
		{"http://example.fi:8080/a", "http://example.fi:8080/a"},
		{"https://example.fi/a#osa", "https://example.fi/a"},
		{"https://example.fi/dir/index.html", "https://example.fi/dir/"},
		{"https://example.fi/index.htm?b=2&a=1", "https://example.fi/?a=1&b=2"},
		{"https://example.fi/a?utm_source=x&id=3&fbclid=y&gclid=z&UTM_Medium=m", "https://example.fi/a?id=3"},
		{"https://example.fi/a/./b/../c", "https://example.fi/a/c"},
		{"https://example.fi/a/", "https://example.fi/a/"},
		{"https://example.fi/a?", "https://example.fi/a"},
		{"https://example.fi/%C3%A4iti", "https://example.fi/%C3%A4iti"},
		{"https://user:pw@example.fi/", "https://example.fi/"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{"ftp://example.fi/", "mailto:a@b.fi", "/relative"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNormalizeResolveLink(t *testing.T) {
	base, _ := url.Parse("https://example.fi/palvelut/index.html")
	tests := []struct{ href, want string }{
		{"a.html", "https://example.fi/palvelut/a.html"},
		{"../", "https://example.fi/"},
		{"//Example.fi/x#y", "https://example.fi/x"},
		{"#top", ""},
		{"", ""},
		{"mailto:info@example.fi", ""},
		{"tel:+358", ""},
		{"javascript:void(0)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,x", ""},
		{"  b.html  ", "https://example.fi/palvelut/b.html"},
	}
	for _, tt := range tests {
		if got := ResolveLink(base, tt.href); got != tt.want {
			t.Errorf("ResolveLink(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}

func TestScope(t *testing.T) {
	s, err := NewScope([]string{"https://www.example.fi/"}, nil, []string{`^/uutiset/`, `\.php$`})
	if err != nil {
		t.Fatal(err)
	}
	only, err := NewScope([]string{"https://example.fi/"}, []string{`^/fi/`}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		scope *Scope
		url   string
		in    bool
	}{
		{s, "https://www.example.fi/a", true},
		{s, "https://example.fi/a", true},      // www. and the bare host are one site
		{s, "http://example.fi:8080/a", true},  // scheme and port may differ
		{s, "https://sub.example.fi/a", false}, // other subdomains are other sites
		{s, "https://muu.example/", false},
		{s, "https://example.fi/uutiset/1", false},
		{s, "https://example.fi/haku.php", false},
		{s, "https://example.fi/haku.php?q=1", true},
		{only, "https://example.fi/fi/a", true},
		{only, "https://example.fi/sv/a", false},
	}
	for _, tt := range tests {
		err := tt.scope.In(tt.url)
		if (err == nil) != tt.in {
			t.Errorf("In(%q) = %v, want in scope %v", tt.url, err, tt.in)
		}
		if err != nil && !errors.Is(err, ErrOutOfScope) {
			t.Errorf("In(%q) = %v, not ErrOutOfScope", tt.url, err)
		}
	}
	if _, err := NewScope(nil, []string{"("}, nil); err == nil {
		t.Error("a bad --include pattern is accepted")
	}
}

func TestScopeIsDocument(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.fi/a.PDF":         true,
		"https://example.fi/a.docx?v=2":    true,
		"https://example.fi/t.ods":         true,
		"https://example.fi/a.html":        false,
		"https://example.fi/pdf/":          false,
		"https://example.fi/lataa?f=a.pdf": false,
	} {
		if got := IsDocument(u); got != want {
			t.Errorf("IsDocument(%q) = %v", u, got)
		}
	}
}
