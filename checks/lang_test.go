package checks

import "testing"

func TestValidLanguageTag(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{"fi", true}, {"FI", true}, {"sv-FI", true}, {"en-US-GB", true}, {"de-hello", true},
		{"se", true}, {"smn", true}, {"sms", true}, {"fit", true}, {"krl", true}, {"fil", true}, {"yue", true},
		{"qaa", true}, {"qtz", true}, {" en ", true}, {"iw", true}, {"zh-Hant-TW", true},
		{"", false}, {"  ", false}, {"eng", false}, {"fin", false}, {"i-lux", false}, {"em-US", false},
		{"#1", false}, {"#!", false}, {"dutch", false}, {"english", false}, {"invalid", false}, {"x-klingon", false},
		{"fi_FI", false}, {"qua", true}, {"abcd", false}, {"e", false}, {"jp", false},
	}
	for _, tt := range tests {
		if got := validLanguageTag(tt.tag); got != tt.want {
			t.Errorf("validLanguageTag(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func TestLangHint(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"fi_FI", `Separate the parts with a hyphen, not an underscore: "fi-FI", or just "fi".`},
		{"eng", `Use "en" instead.`},
		{"Suomi", `Use "fi" instead.`},
	}
	for _, tt := range tests {
		if got := langHint(tt.tag).String(); got != tt.want {
			t.Errorf("langHint(%q) = %q, want %q", tt.tag, got, tt.want)
		}
	}
}
