package animimg

import (
	"bytes"
	"flag"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the fixture images in testdata/rules/moving")

var (
	red    = color.RGBA{R: 200, A: 255}
	blue   = color.RGBA{B: 200, A: 255}
	yellow = color.RGBA{R: 250, G: 220, A: 255}
	three  = []color.RGBA{red, blue, yellow}
)

func TestDecode(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name   string
		b      []byte
		format string
		frames int
		loop   time.Duration
		total  time.Duration
	}{
		{"gif forever", encodeGIF(8, 4, three, 50, 0), "gif", 3, 1500 * ms, -1},
		{"gif once", encodeGIF(8, 4, three, 50, -1), "gif", 3, 1500 * ms, 1500 * ms},
		{"gif loop 2 plays 3", encodeGIF(8, 4, three, 50, 2), "gif", 3, 1500 * ms, 4500 * ms},
		{"gif delay 0 shown 100 ms", encodeGIF(8, 4, three[:2], 0, 30), "gif", 2, 200 * ms, 31 * 200 * ms},
		{"gif delay 10 ms shown 100 ms", encodeGIF(8, 4, three[:2], 1, 30), "gif", 2, 200 * ms, 31 * 200 * ms},
		{"gif delay 20 ms kept", encodeGIF(8, 4, three[:2], 2, 30), "gif", 2, 40 * ms, 31 * 40 * ms},
		{"gif still", encodeGIF(8, 4, three[:1], 0, 0), "gif", 1, 100 * ms, 0},
		{"apng forever", encodeAPNG(8, 4, three, 400*ms, 0, false), "png", 3, 1200 * ms, -1},
		{"apng twice", encodeAPNG(8, 4, three, 400*ms, 2, false), "png", 3, 1200 * ms, 2400 * ms},
		{"png still", encodeAPNG(8, 4, three, 400*ms, 0, true), "png", 1, 100 * ms, 0},
		{"webp forever", encodeWebP(8, 4, three, 700*ms, 0), "webp", 3, 2100 * ms, -1},
		{"webp 3 plays", encodeWebP(8, 4, three, 700*ms, 3), "webp", 3, 2100 * ms, 6300 * ms},
		{"webp still", stillWebP(), "webp", 1, 100 * ms, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Decode(tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tt.format || info.Frames() != tt.frames || info.Loop() != tt.loop || info.Total() != tt.total {
				t.Errorf("got %s, %d frames, loop %v, total %v; want %s, %d, %v, %v",
					info.Format, info.Frames(), info.Loop(), info.Total(), tt.format, tt.frames, tt.loop, tt.total)
			}
		})
	}
}

func stillWebP() []byte {
	var b bytes.Buffer
	data := vp8l(4, 4, red)
	b.WriteString("RIFF")
	n := 4 + 8 + len(data) + len(data)%2
	b.Write([]byte{byte(n), byte(n >> 8), 0, 0})
	b.WriteString("WEBPVP8L")
	b.Write([]byte{byte(len(data)), 0, 0, 0})
	b.Write(data)
	if len(data)%2 == 1 {
		b.WriteByte(0)
	}
	return b.Bytes()
}

// TestCutShort: a file cut anywhere counts only the frames it holds in
// full, and never fails after its first frame.
func TestCutShort(t *testing.T) {
	for _, b := range [][]byte{
		encodeGIF(8, 4, three, 50, 0),
		encodeAPNG(8, 4, three, 400*time.Millisecond, 0, false),
		encodeWebP(8, 4, three, 700*time.Millisecond, 0),
	} {
		full, _ := Decode(b)
		prev := 0
		for n := 0; n <= len(b); n++ {
			info, _ := Decode(b[:n])
			if info.Frames() > full.Frames() || (info.Animated() && info.Frames() < prev) {
				t.Fatalf("%s cut to %d bytes: %d frames (had %d, %d in full)", full.Format, n, info.Frames(), prev, full.Frames())
			}
			if info.Animated() {
				prev = info.Frames()
			}
		}
	}
}

func TestNotAnImage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("<html>"), []byte("\xff\xd8\xff\xe0 JFIF")} {
		if _, err := Decode(b); err != ErrFormat {
			t.Errorf("Decode(%q) = %v, want ErrFormat", b, err)
		}
	}
}

// FuzzDecode: Decode never panics, and agrees with image/gif on every GIF
// that image/gif can read.
func FuzzDecode(f *testing.F) {
	f.Add(encodeGIF(8, 4, three, 50, 0))
	f.Add(encodeGIF(8, 4, three[:2], 0, 3))
	f.Add(encodeAPNG(8, 4, three, 400*time.Millisecond, 2, false))
	f.Add(encodeWebP(8, 4, three, 700*time.Millisecond, 0))
	f.Add(stillWebP())
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := Decode(b)
		if err != nil || info.Format != "gif" {
			return
		}
		if c, err := gif.DecodeConfig(bytes.NewReader(b)); err != nil || c.Width*c.Height > 1<<12 || len(b) > 1<<12 {
			return // image/gif would allocate the whole canvas for each frame
		}
		g, gerr := gif.DecodeAll(bytes.NewReader(b))
		if gerr != nil {
			return
		}
		if len(g.Image) != info.Frames() {
			t.Fatalf("%d frames, image/gif %d", info.Frames(), len(g.Image))
		}
		for i, d := range g.Delay {
			if time.Duration(d)*10*time.Millisecond != info.Delays[i] {
				t.Fatalf("frame %d: delay %v, image/gif %d0 ms", i, info.Delays[i], d)
			}
		}
		want := g.LoopCount + 1 // 0 forever, -1 once, n: n+1 plays
		switch g.LoopCount {
		case 0:
			want = 0
		case -1:
			want = 1
		}
		if want != info.Plays {
			t.Fatalf("plays %d, image/gif LoopCount %d", info.Plays, g.LoopCount)
		}
	})
}

// TestFixtureImages checks the images of the moving-content fixtures
// against the encoders; -update writes them.
func TestFixtureImages(t *testing.T) {
	ms := time.Millisecond
	images := map[string][]byte{
		// "Ilmoittaudu nyt!": a banner that flashes forever.
		"banner.gif": encodeGIF(300, 60, three, 50, 0),
		// Played twice in 3 s: done before 5 s.
		"short.gif": encodeGIF(300, 60, three, 50, 1),
		// Delays of 0 are shown for 100 ms: 31 plays of 0.2 s.
		"flash.gif": encodeGIF(120, 40, three[:2], 0, 30),
		"still.gif": encodeGIF(300, 60, three[:1], 0, 0),
		// A background that changes every second, forever.
		"hero.gif":    encodeGIF(300, 60, []color.RGBA{yellow, blue}, 100, 0),
		"banner.png":  encodeAPNG(300, 60, three, 500*ms, 0, false),
		"still.png":   encodeAPNG(300, 60, three, 0, 0, true),
		"banner.webp": encodeWebP(300, 60, three, 500*ms, 0),
	}
	dir := filepath.Join("..", "..", "testdata", "rules", "moving")
	for name, b := range images {
		path := filepath.Join(dir, name)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/animimg -run TestFixtureImages -update)", err)
		}
		if !bytes.Equal(got, b) {
			t.Errorf("%s differs from what the encoders make: run go test ./internal/animimg -run TestFixtureImages -update", path)
		}
	}
}
