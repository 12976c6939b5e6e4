package animimg

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"time"
)

// Small encoders of animated images, for the tests and for the fixture
// images of the moving-content rule: each frame is one colour.

// encodeGIF returns a GIF of w×h frames of the colours, each shown for
// delay (hundredths of a second); loop is image/gif's LoopCount (0
// forever, -1 once, n: n+1 plays).
func encodeGIF(w, h int, colors []color.RGBA, delay, loop int) []byte {
	g := &gif.GIF{LoopCount: loop}
	for _, c := range colors {
		img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{c, color.White})
		g.Image = append(g.Image, img)
		g.Delay = append(g.Delay, delay)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// encodeAPNG returns an APNG of w×h frames of the colours, each shown for
// delay, played plays times (0 forever). With still, it has no acTL: a
// plain PNG of the first colour.
func encodeAPNG(w, h int, colors []color.RGBA, delay time.Duration, plays int, still bool) []byte {
	var out bytes.Buffer
	out.WriteString(pngSig)
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		out.Write(n[:])
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		out.Write(n[:])
	}
	be := func(vs ...uint32) []byte {
		b := make([]byte, 4*len(vs))
		for i, v := range vs {
			binary.BigEndian.PutUint32(b[4*i:], v)
		}
		return b
	}
	pixels := func(c color.RGBA) []byte {
		var raw bytes.Buffer
		for y := 0; y < h; y++ {
			raw.WriteByte(0) // filter: none
			for x := 0; x < w; x++ {
				raw.Write([]byte{c.R, c.G, c.B})
			}
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(raw.Bytes())
		zw.Close()
		return z.Bytes()
	}
	chunk("IHDR", append(be(uint32(w), uint32(h)), 8, 2, 0, 0, 0))
	if still {
		chunk("IDAT", pixels(colors[0]))
		chunk("IEND", nil)
		return out.Bytes()
	}
	chunk("acTL", be(uint32(len(colors)), uint32(plays)))
	seq := uint32(0)
	ms := uint16(delay / time.Millisecond)
	for i, c := range colors {
		fc := be(seq, uint32(w), uint32(h), 0, 0)
		fc = binary.BigEndian.AppendUint16(fc, ms)
		fc = binary.BigEndian.AppendUint16(fc, 1000)
		fc = append(fc, 0, 0)
		chunk("fcTL", fc)
		seq++
		if i == 0 {
			chunk("IDAT", pixels(c))
			continue
		}
		chunk("fdAT", append(be(seq), pixels(c)...))
		seq++
	}
	chunk("IEND", nil)
	return out.Bytes()
}

// encodeWebP returns an animated WebP of w×h lossless (VP8L) frames of
// the colours, each shown for delay, played plays times (0 forever).
func encodeWebP(w, h int, colors []color.RGBA, delay time.Duration, plays int) []byte {
	var body bytes.Buffer
	body.WriteString("WEBP")
	chunk := func(dst *bytes.Buffer, typ string, data []byte) {
		dst.WriteString(typ)
		dst.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(data))))
		dst.Write(data)
		if len(data)%2 == 1 {
			dst.WriteByte(0)
		}
	}
	u24 := func(b []byte, v int) []byte { return append(b, byte(v), byte(v>>8), byte(v>>16)) }
	vp8x := []byte{0x02, 0, 0, 0} // animation
	vp8x = u24(vp8x, w-1)
	vp8x = u24(vp8x, h-1)
	chunk(&body, "VP8X", vp8x)
	chunk(&body, "ANIM", []byte{255, 255, 255, 255, byte(plays), byte(plays >> 8)})
	for _, c := range colors {
		var f []byte
		f = u24(f, 0)
		f = u24(f, 0)
		f = u24(f, w-1)
		f = u24(f, h-1)
		f = u24(f, int(delay/time.Millisecond))
		f = append(f, 0) // no blending, no disposal
		var frame bytes.Buffer
		chunk(&frame, "VP8L", vp8l(w, h, c))
		chunk(&body, "ANMF", append(f, frame.Bytes()...))
	}
	var out bytes.Buffer
	out.WriteString("RIFF")
	out.Write(binary.LittleEndian.AppendUint32(nil, uint32(body.Len())))
	out.Write(body.Bytes())
	return out.Bytes()
}

// vp8l returns a lossless WebP bitstream of a w×h image of one colour:
// no transform, no colour cache, and five prefix codes of one symbol
// each (the colour's components, distance 0), so that every pixel takes
// no bits at all.
func vp8l(w, h int, c color.RGBA) []byte {
	var bw bitWriter
	bw.put(0x2f, 8)
	bw.put(uint32(w-1), 14)
	bw.put(uint32(h-1), 14)
	bw.put(0, 1) // alpha is not used
	bw.put(0, 3) // version
	bw.put(0, 1) // no transform
	bw.put(0, 1) // no colour cache
	bw.put(0, 1) // no meta prefix codes
	for _, v := range []uint8{c.G, c.R, c.B, 255, 0} {
		bw.put(1, 1) // simple code
		bw.put(0, 1) // one symbol
		bw.put(1, 1) // of 8 bits
		bw.put(uint32(v), 8)
	}
	return bw.bytes()
}

type bitWriter struct {
	buf  []byte
	bits int
}

func (bw *bitWriter) put(v uint32, n int) {
	for i := 0; i < n; i++ {
		if bw.bits%8 == 0 {
			bw.buf = append(bw.buf, 0)
		}
		if v>>i&1 != 0 {
			bw.buf[len(bw.buf)-1] |= 1 << (bw.bits % 8)
		}
		bw.bits++
	}
}

func (bw *bitWriter) bytes() []byte { return bw.buf }
