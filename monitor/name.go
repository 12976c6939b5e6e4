package monitor

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
)

// maxSlug bounds the readable part of a site's name.
const maxSlug = 60

// Name is the folder name of the site whose normalised start URL is u:
// its host (and port), then its path, lower-case, with every character
// but a-z, 0-9, '.' and '-' made '-', the parts joined with '_', cut to
// 60 characters; then '-' and 8 hex digits of the FNV-1a (32 bits) of u.
// https://www.example.fi/fi/palvelut/ is www.example.fi_fi_palvelut-1a2b3c4d.
//
// The readable part alone would make /a-b and /a/b, or http:// and
// https://, one folder; the hash of the whole URL keeps them apart. The
// name depends on u only, so a site keeps its folder when the list
// changes, and a --resume finds it.
func Name(u string) string {
	var parts []string
	if p, err := url.Parse(u); err == nil {
		parts = append(parts, p.Host)
		for _, seg := range strings.Split(p.Path, "/") {
			if seg != "" {
				parts = append(parts, seg)
			}
		}
	}
	for i, part := range parts {
		parts[i] = strings.Trim(strings.Map(func(r rune) rune {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-':
				return r
			}
			return '-'
		}, strings.ToLower(part)), ".-")
	}
	slug := strings.Trim(strings.Join(parts, "_"), "_")
	if len(slug) > maxSlug {
		slug = strings.TrimRight(slug[:maxSlug], ".-_")
	}
	if slug == "" {
		slug = "site"
	}
	h := fnv.New32a()
	h.Write([]byte(u))
	return fmt.Sprintf("%s-%08x", slug, h.Sum32())
}
