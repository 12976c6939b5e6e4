package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://example.fi/ </loc><lastmod>2026-01-01</lastmod></url>
  <url><loc>https://example.fi/a?x=1&amp;y=2</loc></url>
</urlset>`

const index = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.fi/s1.xml.gz</loc></sitemap>
</sitemapindex>`

func gzipped(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestSitemapParse(t *testing.T) {
	tests := []struct {
		name         string
		in           []byte
		pages, index []string
		err          bool
	}{
		{"urlset", []byte(urlset), []string{"https://example.fi/", "https://example.fi/a?x=1&y=2"}, nil, false},
		{"index", []byte(index), nil, []string{"https://example.fi/s1.xml.gz"}, false},
		{"gzip", gzipped(urlset), []string{"https://example.fi/", "https://example.fi/a?x=1&y=2"}, nil, false},
		{"html", []byte("<html><body>404</body></html>"), nil, nil, true},
		{"empty", nil, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, idx, err := ParseSitemap(bytes.NewReader(tt.in))
			if (err != nil) != tt.err || !slices.Equal(pages, tt.pages) || !slices.Equal(idx, tt.index) {
				t.Errorf("got %q %q %v", pages, idx, err)
			}
		})
	}
}

func TestSitemapFetch(t *testing.T) {
	var base string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/index.xml":
			fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%[1]s/a.xml.gz</loc></sitemap><sitemap><loc>%[1]s/index.xml</loc></sitemap><sitemap><loc>https://muu.example/s.xml</loc></sitemap><sitemap><loc>%[1]s/missing.xml</loc></sitemap></sitemapindex>`, base)
		case "/a.xml.gz":
			w.Write(gzipped(strings.ReplaceAll(urlset, "https://example.fi", base)))
		default:
			http.NotFound(w, r)
		}
	}))
	defer ts.Close()
	base = ts.URL
	var warnings []error
	keep := func(u string) bool { return strings.HasPrefix(u, base) }
	got := FetchSitemaps(context.Background(), ts.Client(), "saavu/test", []string{base + "/index.xml"}, 10, keep, func(err error) { warnings = append(warnings, err) })
	if want := []string{base + "/", base + "/a?x=1&y=2"}; !slices.Equal(got, want) {
		t.Errorf("pages %q, want %q", got, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Error(), "404") {
		t.Errorf("warnings %v, want one for missing.xml", warnings)
	}
	if got := FetchSitemaps(context.Background(), ts.Client(), "saavu/test", []string{base + "/index.xml"}, 1, keep, func(error) {}); len(got) != 1 {
		t.Errorf("max 1: got %q", got)
	}
}
