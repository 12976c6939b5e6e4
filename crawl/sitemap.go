package crawl

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// Sitemap limits, from sitemaps.org: 50,000 URLs and 50 MB (uncompressed)
// per file.
const (
	MaxSitemapBytes = 50 << 20
	MaxSitemapURLs  = 50000
	MaxSitemapFiles = 50 // sitemap files read per crawl, indexes included
)

// ParseSitemap reads a sitemap (urlset) or a sitemap index, gzipped or
// not. It returns the page URLs of a urlset and the sitemap URLs of an
// index, at most MaxSitemapURLs in all.
func ParseSitemap(r io.Reader) (pages, sitemaps []string, err error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("sitemap: %w", err)
		}
		defer gz.Close()
		r = gz
	} else {
		r = br
	}
	dec := xml.NewDecoder(io.LimitReader(r, MaxSitemapBytes))
	dec.Strict = false
	var root string
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return pages, sitemaps, fmt.Errorf("sitemap: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = se.Name.Local
			if root != "urlset" && root != "sitemapindex" {
				return nil, nil, fmt.Errorf("sitemap: root element <%s> is neither <urlset> nor <sitemapindex>", root)
			}
			continue
		}
		if se.Name.Local != "loc" {
			continue
		}
		var loc string
		if err := dec.DecodeElement(&loc, &se); err != nil {
			return pages, sitemaps, fmt.Errorf("sitemap: %w", err)
		}
		loc = strings.TrimSpace(loc)
		if loc == "" {
			continue
		}
		if root == "urlset" {
			pages = append(pages, loc)
		} else {
			sitemaps = append(sitemaps, loc)
		}
		if n++; n >= MaxSitemapURLs {
			break
		}
	}
	if root == "" {
		return nil, nil, fmt.Errorf("sitemap: not XML")
	}
	return pages, sitemaps, nil
}

// FetchSitemaps reads the sitemaps at the given URLs, following sitemap
// indexes, and returns the page URLs, at most max. keep filters the
// sitemap URLs fetched (scope and robots). Files that cannot be read are
// reported through warn and skipped.
func FetchSitemaps(ctx context.Context, c *http.Client, userAgent string, start []string, max int, keep func(string) bool, warn func(error)) []string {
	queue := append([]string(nil), start...)
	seen := map[string]bool{}
	var pages []string
	files := 0
	for len(queue) > 0 && files < MaxSitemapFiles && len(pages) < max && ctx.Err() == nil {
		sm := queue[0]
		queue = queue[1:]
		if seen[sm] || !keep(sm) {
			continue
		}
		seen[sm] = true
		files++
		p, idx, err := fetchSitemap(ctx, c, userAgent, sm)
		if err != nil {
			warn(fmt.Errorf("%s: %w", sm, err))
		}
		pages = append(pages, p...)
		queue = append(queue, idx...)
	}
	if len(pages) > max {
		pages = pages[:max]
	}
	return pages
}

func fetchSitemap(ctx context.Context, c *http.Client, userAgent, u string) ([]string, []string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return ParseSitemap(resp.Body)
}
