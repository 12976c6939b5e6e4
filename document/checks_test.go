package document

import (
	"strings"
	"testing"
)

// TestChecks keeps the registry of documents' checks valid: ids sorted
// and unique, a doc each, clause 10 numbers for their criteria.
func TestChecks(t *testing.T) {
	if err := Validate(Checks()); err != nil {
		t.Fatal(err)
	}
	for _, c := range Checks() {
		for _, cl := range c.EN301549() {
			if !strings.HasPrefix(cl, "10.") {
				t.Errorf("%s: clause %s is not one of clause 10", c.ID, cl)
			}
		}
	}
	if got := Clause("1.1.1"); got != "10.1.1.1" {
		t.Errorf("Clause(1.1.1) = %q", got)
	}
	if got := Clause("2.4.5"); got != "" {
		t.Errorf("Clause(2.4.5) = %q, want void", got)
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want Kind
	}{
		{"%PDF-1.7\n", PDF},
		{"\n\n%PDF-1.4", PDF},
		{"<!DOCTYPE html><html>", HTML},
		{"  <html lang=fi>", HTML},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", DOC},
		{`{\rtf1\ansi`, RTF},
		{"hello", Unknown},
	} {
		if got := Sniff([]byte(tc.head), nil, 0); got != tc.want {
			t.Errorf("Sniff(%q) = %q, want %q", tc.head, got, tc.want)
		}
	}
}
