package checks

import "testing"

func TestParseRefresh(t *testing.T) {
	tests := []struct {
		in   string
		secs int
		url  string
		ok   bool
	}{
		{"30", 30, "", true},
		{"30; URL='https://w3.org'", 30, "https://w3.org", true},
		{"0: https://w3.org", 0, "", false},
		{"5; https://w3.org", 5, "https://w3.org", true},
		{"72000; https://w3.org", 72000, "https://w3.org", true},
		{"", 0, "", false},
		{"-00.12 foo", 0, "", false},
		{"; 30", 0, "", false},
		{"+5; https://w3.org", 0, "", false},
		{"foo; URL='https://w3.org'", 0, "", false},
		{".5", 0, "", true},
		{"5.9,url=/uusi", 5, "/uusi", true},
		{"  10  ", 10, "", true},
	}
	for _, tt := range tests {
		secs, url, ok := parseRefresh(tt.in)
		if secs != tt.secs || url != tt.url || ok != tt.ok {
			t.Errorf("parseRefresh(%q) = %d, %q, %v; want %d, %q, %v", tt.in, secs, url, ok, tt.secs, tt.url, tt.ok)
		}
	}
}

func TestViewportZoom(t *testing.T) {
	tests := []struct {
		content  string
		applies  bool
		zoomable bool
	}{
		{"user-scalable=no", true, false},
		{"user-scalable=0.5", true, false},
		{"user-scalable=invalid", true, false},
		{"user-scalable=yes, initial-scale=0.8, maximum-scale=1.5", true, false},
		{"maximum-scale=yes", true, false},
		{"maximum-scale=invalid", true, false},
		{"width=device-width, initial-scale=1, maximum-scale=1", true, false},
		{"width=device-width", false, true},
		{"", false, true},
		{"user-scalable=yes", true, true},
		{"user-scalable=5", true, true},
		{"maximum-scale=2.0", true, true},
		{"maximum-scale=-1", true, true},
		{"maximum-scale=device-width", true, true},
		{"width = device-width ; maximum-scale = 5", true, true},
		{"USER-SCALABLE=NO", true, false},
	}
	for _, tt := range tests {
		p := parseViewport(tt.content)
		us, hasUS := p["user-scalable"]
		ms, hasMS := p["maximum-scale"]
		if applies := hasUS || hasMS; applies != tt.applies {
			t.Errorf("%q: applies = %v, want %v (parsed %v)", tt.content, applies, tt.applies, p)
			continue
		}
		zoomable := (!hasUS || userScalable(us)) && (!hasMS || maxScaleAllowsZoom(ms))
		if zoomable != tt.zoomable {
			t.Errorf("%q: zoomable = %v, want %v (parsed %v)", tt.content, zoomable, tt.zoomable, p)
		}
	}
}
