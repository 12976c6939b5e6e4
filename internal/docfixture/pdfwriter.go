package docfixture

import (
	"bytes"
	"compress/zlib"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"fmt"
	"strings"
)

// pdfWriter writes a PDF file by hand: numbered objects, a classic
// cross-reference table (or an object stream and a cross-reference
// stream), a trailer, and optionally the standard security handler's
// encryption (RC4 revision 3, or AES-128 revision 4). It is independent
// of saavu's reader on purpose: PDFium opening what it writes is the
// check that both are right.
type pdfWriter struct {
	objs []*pobj
}

type pobj struct {
	body   string // the object, with strings written by str()
	stream []byte // its stream data, if it is a stream (body is then its dictionary without /Length)
	raw    bool   // write body as it is: not encrypted (the /Encrypt dictionary)
}

// str marks a text string in an object body, so that it can be written
// plainly or encrypted.
func str(s string) string { return "\x00" + fmt.Sprintf("%x", s) + "\x00" }

// utf16 is a text string in UTF-16BE with a byte order mark.
func utf16(s string) string {
	var b strings.Builder
	b.WriteString("\xFE\xFF")
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		b.WriteByte(byte(r >> 8))
		b.WriteByte(byte(r))
	}
	return str(b.String())
}

// add adds an object and returns its number.
func (w *pdfWriter) add(body string) int {
	w.objs = append(w.objs, &pobj{body: body})
	return len(w.objs)
}

// reserve adds an object to fill later with set.
func (w *pdfWriter) reserve() int { return w.add("null") }

func (w *pdfWriter) set(n int, body string) { w.objs[n-1].body = body }

// addStream adds a stream object.
func (w *pdfWriter) addStream(dict string, data []byte) int {
	w.objs = append(w.objs, &pobj{body: dict, stream: data})
	return len(w.objs)
}

type security struct {
	userPassword, ownerPassword string
	p                           int32
	aes                         bool // AESV2 (revision 4) rather than RC4 (revision 3)
}

var pad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

func padded(pw string) []byte { return append([]byte(pw), pad...)[:32] }

func rc4x(key, data []byte) []byte {
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// keys computes /O, /U and the file key (ISO 32000-1 Algorithms 2, 3, 5)
// for revision 3 or 4 with a 128-bit key.
func (s *security) keys(id []byte) (o, u, key []byte) {
	h := md5.Sum(padded(s.ownerPassword))
	ok := h[:]
	for range 50 {
		x := md5.Sum(ok)
		ok = x[:]
	}
	o = rc4x(ok, padded(s.userPassword))
	for i := 1; i <= 19; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = ok[j] ^ byte(i)
		}
		o = rc4x(k, o)
	}
	m := md5.New()
	m.Write(padded(s.userPassword))
	m.Write(o)
	m.Write([]byte{byte(s.p), byte(s.p >> 8), byte(s.p >> 16), byte(s.p >> 24)})
	m.Write(id)
	key = m.Sum(nil)
	for range 50 {
		x := md5.Sum(key)
		key = x[:]
	}
	m = md5.New()
	m.Write(pad)
	m.Write(id)
	u = rc4x(key, m.Sum(nil))
	for i := 1; i <= 19; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = key[j] ^ byte(i)
		}
		u = rc4x(k, u)
	}
	u = append(u, make([]byte, 16)...)
	return o, u, key
}

func (s *security) encrypt(key []byte, num int, data []byte) []byte {
	m := md5.New()
	m.Write(key)
	m.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), 0, 0})
	if s.aes {
		m.Write([]byte("sAlT"))
	}
	k := m.Sum(nil)[:16]
	if !s.aes {
		return rc4x(k, data)
	}
	n := 16 - len(data)%16
	plain := append(append([]byte(nil), data...), bytes.Repeat([]byte{byte(n)}, n)...)
	iv := md5.Sum([]byte(fmt.Sprint("iv", num, len(data)))) // fixed, so the files do not change between runs
	block, _ := aes.NewCipher(k)
	out := make([]byte, 16+len(plain))
	copy(out, iv[:])
	cipher.NewCBCEncrypter(block, iv[:]).CryptBlocks(out[16:], plain)
	return out
}

// render replaces the str() marks of a body: plain literal strings, or
// hex strings encrypted for object num.
func render(body string, enc func([]byte) []byte) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(body, 0)
		if i < 0 {
			b.WriteString(body)
			return b.String()
		}
		j := strings.IndexByte(body[i+1:], 0)
		b.WriteString(body[:i])
		var raw []byte
		fmt.Sscanf(body[i+1:i+1+j], "%x", &raw)
		if enc != nil {
			fmt.Fprintf(&b, "<%x>", enc(raw))
		} else {
			b.WriteString("(")
			for _, c := range raw {
				switch c {
				case '(', ')', '\\':
					b.WriteByte('\\')
					b.WriteByte(c)
				default:
					if c < 32 || c > 126 {
						fmt.Fprintf(&b, "\\%03o", c)
					} else {
						b.WriteByte(c)
					}
				}
			}
			b.WriteString(")")
		}
		body = body[i+1+j+1:]
	}
}

// bytes writes the file: root is the catalog's number, info the Info
// dictionary's (0: none).
func (w *pdfWriter) bytes(root, info int, sec *security) []byte {
	id := md5.Sum([]byte(fmt.Sprint("saavu fixture", len(w.objs), root)))
	var key []byte
	encNum := 0
	if sec != nil {
		o, u, k := sec.keys(id[:])
		key = k
		var enc string
		if sec.aes {
			enc = fmt.Sprintf("<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF /O <%x> /U <%x> /P %d >>", o, u, sec.p)
		} else {
			enc = fmt.Sprintf("<< /Filter /Standard /V 2 /R 3 /Length 128 /O <%x> /U <%x> /P %d >>", o, u, sec.p)
		}
		w.objs = append(w.objs, &pobj{body: enc, raw: true})
		encNum = len(w.objs)
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(w.objs)+1)
	for i, o := range w.objs {
		num := i + 1
		offsets[num] = out.Len()
		var enc func([]byte) []byte
		if sec != nil && !o.raw {
			enc = func(b []byte) []byte { return sec.encrypt(key, num, b) }
		}
		fmt.Fprintf(&out, "%d 0 obj\n", num)
		if o.stream == nil {
			out.WriteString(render(o.body, enc))
		} else {
			data := o.stream
			if enc != nil {
				data = enc(data)
			}
			body := render(o.body, enc)
			body = strings.TrimSuffix(strings.TrimSpace(body), ">>")
			fmt.Fprintf(&out, "%s /Length %d >>\nstream\n", body, len(data))
			out.Write(data)
			out.WriteString("\nendstream")
		}
		out.WriteString("\nendobj\n")
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, off := range offsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R", len(w.objs)+1, root)
	if info != 0 {
		fmt.Fprintf(&out, " /Info %d 0 R", info)
	}
	if encNum != 0 {
		fmt.Fprintf(&out, " /Encrypt %d 0 R", encNum)
	}
	fmt.Fprintf(&out, " /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n", id, id, xref)
	return out.Bytes()
}

// compressedBytes writes the file with its non-stream objects in one
// object stream and a cross-reference stream with a PNG Up predictor,
// as PDF 1.5 writers do. No encryption.
func (w *pdfWriter) compressedBytes(root, info int) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	n := len(w.objs)
	stmNum, xrefNum := n+1, n+2
	type entry struct{ typ, a, b int }
	entries := make([]entry, n+3)
	entries[0] = entry{0, 0, 65535}
	var header, body strings.Builder
	idx := 0
	for i, o := range w.objs {
		num := i + 1
		if o.stream != nil {
			continue
		}
		fmt.Fprintf(&header, "%d %d ", num, body.Len())
		body.WriteString(render(o.body, nil))
		body.WriteString("\n")
		entries[num] = entry{2, stmNum, idx}
		idx++
	}
	for i, o := range w.objs {
		num := i + 1
		if o.stream == nil {
			continue
		}
		entries[num] = entry{1, out.Len(), 0}
		b := strings.TrimSuffix(strings.TrimSpace(render(o.body, nil)), ">>")
		fmt.Fprintf(&out, "%d 0 obj\n%s /Length %d >>\nstream\n", num, b, len(o.stream))
		out.Write(o.stream)
		out.WriteString("\nendstream\nendobj\n")
	}
	stm := []byte(header.String() + body.String())
	first := header.Len()
	z := deflate(stm)
	entries[stmNum] = entry{1, out.Len(), 0}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stmNum, idx, first, len(z))
	out.Write(z)
	out.WriteString("\nendstream\nendobj\n")
	entries[xrefNum] = entry{1, out.Len(), 0}
	// Rows of 1 + 4 + 2 bytes, each with a PNG "Up" filter byte.
	var rows []byte
	prev := make([]byte, 7)
	for _, e := range entries {
		row := []byte{byte(e.typ), byte(e.a >> 24), byte(e.a >> 16), byte(e.a >> 8), byte(e.a), byte(e.b >> 8), byte(e.b)}
		rows = append(rows, 2)
		for j := range row {
			rows = append(rows, row[j]-prev[j])
		}
		prev = row
	}
	z = deflate(rows)
	infoRef := ""
	if info != 0 {
		infoRef = fmt.Sprintf(" /Info %d 0 R", info)
	}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> /Length %d >>\nstream\n",
		xrefNum, len(entries), root, infoRef, len(z))
	out.Write(z)
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", entries[xrefNum].a)
	return out.Bytes()
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
