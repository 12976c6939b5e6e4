package office

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"saavu/document"
)

func zipOf(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

// TestLimits checks the zip-bomb caps: entries, total unpacked size and
// the ratio of a part, whatever its header claims.
func TestLimits(t *testing.T) {
	many := map[string]string{"word/document.xml": "<w:document/>"}
	for i := range 30 {
		many[fmt.Sprintf("x/%d", i)] = ""
	}
	big := map[string]string{"word/document.xml": "<w:document>" + strings.Repeat("a", 3<<20) + "</w:document>"}
	for _, tc := range []struct {
		name    string
		entries map[string]string
		lim     Limits
		want    string
	}{
		{"entries", many, Limits{MaxEntries: 20}, document.KindZipBomb},
		{"total", big, Limits{MaxUncompressed: 1 << 20, MaxRatio: 1 << 20}, document.KindZipBomb},
		{"ratio", big, Limits{}, document.KindZipBomb},
		{"within the limits", big, Limits{MaxRatio: 1 << 20}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := zipOf(t, tc.entries)
			a, err := Audit(t.Context(), bytes.NewReader(b), int64(len(b)), document.DOCX, Options{Limits: tc.lim})
			if err != nil {
				t.Fatal(err)
			}
			if a.ErrorKind != tc.want {
				t.Errorf("error kind %q (%s), want %q", a.ErrorKind, a.Error, tc.want)
			}
		})
	}
}

// TestNoExternalEntities checks that an entity declared in a part is not
// resolved: the title keeps the reference as it is.
func TestNoExternalEntities(t *testing.T) {
	b := zipOf(t, map[string]string{
		"docProps/core.xml": `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/hostname"><!ENTITY y "yyyyyyyyyy">]><c xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&x;&y;</dc:title></c>`,
		"word/document.xml": `<w:document/>`,
	})
	a, err := Audit(t.Context(), bytes.NewReader(b), int64(len(b)), document.DOCX, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "&x;&y;" {
		t.Errorf("title %q, want the entity references unresolved", a.Title)
	}
}
