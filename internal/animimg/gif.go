package animimg

import (
	"encoding/binary"
	"errors"
	"time"
)

// decodeGIF walks the blocks of a GIF: the Graphic Control Extension
// before each image gives its delay (in hundredths of a second), the
// NETSCAPE2.0 (or ANIMEXTS1.0) application extension the loop count. As
// in browsers (and image/gif), a GIF without it plays once, a loop count
// of 0 forever, and n plays n+1 times.
func decodeGIF(b []byte) (Info, error) {
	info := Info{Format: "gif", Plays: 1}
	if len(b) < 13 {
		return info, errors.New("animimg: GIF header cut short")
	}
	p := 13
	if flags := b[10]; flags&0x80 != 0 {
		p += 3 << (flags&7 + 1) // global colour table
	}
	delay := time.Duration(0)
	loopSeen := false
	for p < len(b) {
		switch b[p] {
		case 0x3B: // trailer
			return info, nil
		case 0x21: // extension
			if p+2 > len(b) {
				return info, nil
			}
			label := b[p+1]
			first := p + 2 // the first sub-block
			end, ok := skipSubBlocks(b, first)
			if !ok {
				return info, nil
			}
			switch label {
			case 0xF9: // graphic control
				if first+5 < len(b) && b[first] >= 4 {
					delay = time.Duration(binary.LittleEndian.Uint16(b[first+2:])) * 10 * time.Millisecond
				}
			case 0xFF: // application
				if !loopSeen && first+12 < end && b[first] == 11 {
					id := string(b[first+1 : first+12])
					if id == "NETSCAPE2.0" || id == "ANIMEXTS1.0" {
						s := first + 12
						if s+4 <= end && b[s] >= 3 && b[s+1] == 1 {
							loopSeen = true
							if n := int(binary.LittleEndian.Uint16(b[s+2:])); n == 0 {
								info.Plays = 0
							} else {
								info.Plays = n + 1
							}
						}
					}
				}
			}
			p = end
		case 0x2C: // image descriptor
			if p+10 > len(b) {
				return info, nil
			}
			flags := b[p+9]
			p += 10
			if flags&0x80 != 0 {
				p += 3 << (flags&7 + 1) // local colour table
			}
			p++ // LZW minimum code size
			end, ok := skipSubBlocks(b, p)
			if !ok {
				return info, nil // the image data is cut short: not a whole frame
			}
			info.Delays = append(info.Delays, delay)
			delay = 0
			p = end
		default:
			if len(info.Delays) == 0 {
				return info, errors.New("animimg: GIF block of unknown kind")
			}
			return info, nil // junk after the frames: browsers stop there too
		}
	}
	return info, nil
}

// skipSubBlocks returns the offset after the data sub-blocks starting at
// p and their terminator, or false when they run past the end of b.
func skipSubBlocks(b []byte, p int) (int, bool) {
	for p < len(b) {
		n := int(b[p])
		p++
		if n == 0 {
			return p, true
		}
		p += n
	}
	return 0, false
}
