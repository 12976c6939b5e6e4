package checks

import (
	"math"
	"testing"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want string // hex
		a    float64
	}{
		{"rgb(119, 119, 119)", "#777777", 1},
		{"rgba(0, 0, 0, 0.3)", "#000000", 0.3},
		{"rgba(0, 0, 0, 0)", "#000000", 0},
		{"rgb(0 128 255 / 50%)", "#0080ff", 0.5},
		{"color(srgb 1 0.5 0)", "#ff8000", 1},
		{"color(srgb 1 1 1 / 0.25)", "#ffffff", 0.25},
		{"oklch(1 0 0)", "#ffffff", 1},
		{"oklch(0 0 0)", "#000000", 1},
		{"oklab(0.627955 0.224863 0.125846)", "#ff0000", 1},
		{"lab(54.2917 80.8125 69.8851)", "#ff0000", 1},
		{"lch(100 0 0)", "#ffffff", 1},
		{"color(display-p3 1 1 1)", "#ffffff", 1},
		{"transparent", "#000000", 0},
	}
	for _, tt := range tests {
		c, ok := parseColor(tt.in)
		if !ok {
			t.Errorf("parseColor(%q) failed", tt.in)
			continue
		}
		if c.hex() != tt.want || math.Abs(c.A-tt.a) > 1e-9 {
			t.Errorf("parseColor(%q) = %s alpha %v, want %s alpha %v", tt.in, c.hex(), c.A, tt.want, tt.a)
		}
	}
	for _, bad := range []string{"", "red-ish", "rgb(1, 2)", "color(rec2020 1 0 0)", "hsl(nonsense)"} {
		if _, ok := parseColor(bad); ok {
			t.Errorf("parseColor(%q) succeeded", bad)
		}
	}
}

func TestContrast(t *testing.T) {
	hex := func(s string) rgba {
		c, ok := parseColor(s)
		if !ok {
			t.Fatalf("bad colour %q", s)
		}
		return c
	}
	tests := []struct {
		a, b string
		want string
	}{
		{"rgb(0, 0, 0)", "rgb(255, 255, 255)", "21:1"},
		{"rgb(170, 170, 170)", "rgb(255, 255, 255)", "2.32:1"},
		{"rgb(118, 118, 118)", "rgb(255, 255, 255)", "4.54:1"},
		{"rgb(119, 119, 119)", "rgb(255, 255, 255)", "4.47:1"},
		{"rgb(119, 119, 119)", "rgb(238, 238, 238)", "3.85:1"},
		{"rgb(255, 255, 255)", "rgb(255, 255, 255)", "1:1"},
	}
	for _, tt := range tests {
		if got := ratioText(contrast(hex(tt.a), hex(tt.b))); got != tt.want {
			t.Errorf("contrast(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
	// Semi-transparent black over white: the ACT example of 2.1:1.
	fg := hex("rgba(0, 0, 0, 0.3)").over(canvasWhite)
	if got := ratioText(contrast(fg, canvasWhite)); got != "2.1:1" {
		t.Errorf("rgba(0,0,0,.3) on canvasWhite = %s, want 2.1:1", got)
	}
}

func TestGradientColors(t *testing.T) {
	samples, ok := gradientColors("linear-gradient(to right, rgb(255, 255, 255), rgb(0, 0, 255))")
	if !ok || len(samples) != 17 {
		t.Fatalf("got %d samples, ok %v", len(samples), ok)
	}
	if samples[0].hex() != "#ffffff" || samples[16].hex() != "#0000ff" {
		t.Errorf("ends %s %s", samples[0].hex(), samples[16].hex())
	}
	// Transparent stops interpolate in premultiplied space: no grey fringe.
	samples, ok = gradientColors("linear-gradient(90deg, rgba(0, 0, 0, 0), rgb(255, 0, 0))")
	if !ok {
		t.Fatal("not parsed")
	}
	if mid := samples[8]; mid.hex() != "#ff0000" || math.Abs(mid.A-0.5) > 1e-9 {
		t.Errorf("middle sample %s alpha %v, want #ff0000 alpha 0.5", mid.hex(), mid.A)
	}
	if _, ok := gradientColors("url(\"a.png\")"); ok {
		t.Error("an image was read as a gradient")
	}
}

func TestClipHides(t *testing.T) {
	for s, want := range map[string]bool{
		"rect(0px, 0px, 0px, 0px)":     true,
		"rect(1px, 1px, 1px, 1px)":     true,
		"auto":                         false,
		"rect(0px, 100px, 20px, 0px)":  false,
		"rect(auto, auto, auto, auto)": false,
	} {
		if got := clipHides(s); got != want {
			t.Errorf("clipHides(%q) = %v, want %v", s, got, want)
		}
	}
}
