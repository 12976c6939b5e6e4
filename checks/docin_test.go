package checks_test

import (
	"os"
	"path/filepath"
	"testing"

	"saavu/checks"
)

func TestDocIn(t *testing.T) {
	r := checks.ImageAlt
	for _, lang := range []string{"", "en"} {
		if doc, ok := r.DocIn(lang); !ok || doc != r.Doc {
			t.Errorf("DocIn(%q) = %.40q, %v; want Doc, true", lang, doc, ok)
		}
	}
	for _, lang := range []string{"de", "../docs", "fi/../..", "FI"} {
		if doc, ok := r.DocIn(lang); ok || doc != r.Doc {
			t.Errorf("DocIn(%q) = %.40q, %v; want the English Doc, false", lang, doc, ok)
		}
	}
	// A translation on disk is the one embedded.
	for _, lang := range []string{"fi", "sv"} {
		want, err := os.ReadFile(filepath.Join("docs", lang, r.ID+".md"))
		doc, ok := r.DocIn(lang)
		switch {
		case err != nil && (ok || doc != r.Doc):
			t.Errorf("DocIn(%q) without a translation = %.40q, %v; want the English Doc, false", lang, doc, ok)
		case err == nil && (!ok || doc != string(want)):
			t.Errorf("DocIn(%q) = %.40q, %v; want docs/%s/%s.md, true", lang, doc, ok, lang, r.ID)
		}
	}
}
