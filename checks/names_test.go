package checks

import "testing"

func TestReadableName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"", false},
		{"  \n\t", false},
		{"\u00a0", false}, // no-break space
		{"\uf09a", false}, // icon-font glyph (private use)
		{"\u200b", false}, // zero-width space
		{" \uf09a \u200b ", false},
		{"Facebook \uf09a", true},
		{"1", true},
		{"×", true},
	}
	for _, tt := range tests {
		n := &Node{Type: ElementNode, Name: "a", AX: &AX{Role: "link", Name: tt.name}}
		if got := hasName(n); got != tt.want {
			t.Errorf("hasName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
