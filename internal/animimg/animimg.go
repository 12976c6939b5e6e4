// Package animimg reads how an animated image plays: its frames, how long
// each is shown and how many times the animation runs, from the bytes of a
// GIF, an APNG or an animated WebP. It walks the file's blocks or chunks
// and never decodes a pixel, so it is cheap on a large banner and safe on
// any input: every length is checked against the bytes at hand, and a file
// cut short counts the frames it holds in full.
//
// Durations are those a browser shows: a frame that asks for 10 ms or less
// is shown for 100 ms, as Chrome, Firefox and Safari do, so that an image
// cannot flash faster than that.
package animimg

import (
	"errors"
	"time"
)

// Info is how an image animates.
type Info struct {
	Format string // "gif", "png" or "webp"
	// Delays are the durations of the frames, in order, as the file gives
	// them (before the browsers' minimum, see Loop).
	Delays []time.Duration
	// Plays is how many times the browser plays the animation through; 0
	// is forever.
	Plays int
}

// ErrFormat says that the bytes are not a GIF, PNG or WebP file.
var ErrFormat = errors.New("animimg: not a GIF, PNG or WebP image")

// minDelay and shortDelay: browsers show a frame that asks for shortDelay
// or less for minDelay.
const (
	minDelay   = 100 * time.Millisecond
	shortDelay = 10 * time.Millisecond
)

// Decode reads how the image in b animates. A still image (of a known
// format) has one frame or none; an error means the format is unknown
// or the file is damaged before its first frame.
func Decode(b []byte) (Info, error) {
	switch {
	case len(b) >= 6 && (string(b[:6]) == "GIF87a" || string(b[:6]) == "GIF89a"):
		return decodeGIF(b)
	case len(b) >= 8 && string(b[:8]) == pngSig:
		return decodePNG(b)
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return decodeWebP(b)
	}
	return Info{}, ErrFormat
}

// Animated reports whether the image has more than one frame.
func (i Info) Animated() bool { return len(i.Delays) > 1 }

// Frames returns the number of frames.
func (i Info) Frames() int { return len(i.Delays) }

// Loop returns how long one play of the animation lasts in a browser:
// the sum of the frames' durations, each at least 100 ms when the file
// asks for 10 ms or less.
func (i Info) Loop() time.Duration {
	var d time.Duration
	for _, f := range i.Delays {
		if f <= shortDelay {
			f = minDelay
		}
		d += f
	}
	return d
}

// Total returns how long the animation runs in a browser from its first
// frame to its last, or -1 when it runs forever. A still image lasts 0.
func (i Info) Total() time.Duration {
	if !i.Animated() {
		return 0
	}
	if i.Plays == 0 {
		return -1
	}
	return time.Duration(i.Plays) * i.Loop()
}
