package animimg

import (
	"encoding/binary"
	"errors"
	"time"
)

const pngSig = "\x89PNG\r\n\x1a\n"

// decodePNG walks the chunks of a PNG. An APNG has an acTL chunk before
// its first IDAT (num_frames, num_plays; 0 plays is forever) and an fcTL
// chunk before each frame, whose delay is delay_num/delay_den seconds (a
// denominator of 0 means 100). A PNG without acTL, or with it after the
// image data, is a still image: browsers show only the default image.
func decodePNG(b []byte) (Info, error) {
	info := Info{Format: "png", Plays: 1}
	p := len(pngSig)
	animated, idat := false, false
	var delays []time.Duration
	for p+8 <= len(b) {
		n := binary.BigEndian.Uint32(b[p:])
		typ := string(b[p+4 : p+8])
		if n > 1<<31-1 || uint64(p)+12+uint64(n) > uint64(len(b)) {
			break // cut short
		}
		data := b[p+8 : p+8+int(n)]
		p += 12 + int(n)
		switch typ {
		case "acTL":
			if !idat && len(data) >= 8 {
				animated = true
				info.Plays = int(binary.BigEndian.Uint32(data[4:]) & 0x7fffffff)
			}
		case "fcTL":
			if len(data) >= 26 {
				num, den := binary.BigEndian.Uint16(data[20:]), binary.BigEndian.Uint16(data[22:])
				if den == 0 {
					den = 100
				}
				delays = append(delays, time.Duration(num)*time.Second/time.Duration(den))
			}
		case "IDAT":
			idat = true
		case "IEND":
			p = len(b)
		}
	}
	if p == len(pngSig) {
		return info, errors.New("animimg: PNG has no chunk")
	}
	if !animated {
		info.Delays = []time.Duration{0}
		return info, nil
	}
	info.Delays = delays
	return info, nil
}
