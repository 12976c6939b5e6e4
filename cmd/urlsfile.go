package cmd

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"saavu/crawl"
	"saavu/monitor"
)

// readURLsFile reads the list of URLs of `check --urls` (what `crawl
// --discover-only -o urls=PATH` writes): one absolute http(s) URL a line;
// blank lines and lines starting with # are skipped (a # later in a line
// is the URL's fragment). Errors name the file and line.
func readURLsFile(path string) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--urls: %w", err)
	}
	defer fh.Close()
	return parseURLs(path, fh)
}

// parseURLs is readURLsFile over r; name is the file's name in errors.
func parseURLs(name string, r io.Reader) ([]string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var urls []string
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF") // a byte order mark
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		u, err := url.Parse(line)
		switch {
		case err != nil:
			return nil, fmt.Errorf("%s:%d: %q is not a valid URL: %v", name, n, line, err)
		case u.Scheme != "http" && u.Scheme != "https":
			return nil, fmt.Errorf("%s:%d: %q: give an absolute http:// or https:// URL, one a line", name, n, line)
		case u.Host == "":
			return nil, fmt.Errorf("%s:%d: %q: the address has no host name", name, n, line)
		}
		urls = append(urls, u.String())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("%s: no URL in the file (one a line; # starts a comment)", name)
	}
	return urls, nil
}

// shardURLs is the share of urls that shard s audits: those whose
// normalised URL (crawl.Normalize) hashes to s, with monitor.ShardOf, the
// hash of monitor's sites. A URL that does not normalise is hashed as
// it is.
func shardURLs(urls []string, s monitor.Shard) []string {
	if s.N <= 1 {
		return urls
	}
	var mine []string
	for _, u := range urls {
		key, err := crawl.Normalize(u)
		if err != nil {
			key = u
		}
		if s.Owns(key) {
			mine = append(mine, u)
		}
	}
	return mine
}
