package animimg

import (
	"encoding/binary"
	"errors"
	"time"
)

// decodeWebP walks the chunks of a WebP. An animated one has a VP8X chunk
// with the animation flag, an ANIM chunk with the loop count (0 is
// forever; n plays n times) and an ANMF chunk for each frame, whose
// duration is in milliseconds. Any other WebP is a still image.
func decodeWebP(b []byte) (Info, error) {
	info := Info{Format: "webp", Plays: 1}
	end := len(b)
	if size := binary.LittleEndian.Uint32(b[4:]); uint64(size)+8 < uint64(end) {
		end = int(size) + 8 // bytes past the RIFF chunk are not the image's
	}
	p := 12
	animated := false
	var delays []time.Duration
	for p+8 <= end {
		typ := string(b[p : p+4])
		n := binary.LittleEndian.Uint32(b[p+4:])
		if uint64(p)+8+uint64(n) > uint64(end) {
			break // cut short
		}
		data := b[p+8 : p+8+int(n)]
		p += 8 + int(n) + int(n&1) // chunks are padded to an even size
		switch typ {
		case "VP8X":
			if len(data) >= 10 {
				animated = data[0]&0x02 != 0
			}
		case "ANIM":
			if len(data) >= 6 {
				info.Plays = int(binary.LittleEndian.Uint16(data[4:]))
			}
		case "ANMF":
			if len(data) >= 16 {
				d := uint32(data[12]) | uint32(data[13])<<8 | uint32(data[14])<<16
				delays = append(delays, time.Duration(d)*time.Millisecond)
			}
		}
	}
	if p == 12 {
		return info, errors.New("animimg: WebP has no chunk")
	}
	if !animated {
		info.Delays = []time.Duration{0}
		info.Plays = 1
		return info, nil
	}
	info.Delays = delays
	return info, nil
}
