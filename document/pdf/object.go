package pdf

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// The objects of a PDF file (ISO 32000-1, 7.3), as the raw reader sees
// them: nil, bool, int64, float64, pdfString, name, array, dict, ref and
// *stream.
type (
	name      string
	pdfString []byte
	array     []any
	dict      map[name]any
	ref       struct{ num, gen int64 }
	stream    struct {
		dict   dict
		offset int64 // of the first byte of its data in the file; -1 when data holds it
		data   []byte
		ref    ref // the object it is, for decryption
	}
)

// keyword is a bare word of the syntax: obj, endobj, stream, R, true…
type keyword string

var errSyntax = errors.New("PDF syntax error")

// Limits of the raw reader, so that a hostile file cannot make it use
// much memory or time.
const (
	maxDepth      = 64       // nested arrays and dictionaries
	maxStringLen  = 1 << 20  // a string or a name
	maxArrayLen   = 1 << 20  // elements of one array
	maxStreamSize = 64 << 20 // a decoded stream the reader needs (object streams, XMP)
)

// lexer reads tokens from a buffered reader.
type lexer struct {
	r    *bufio.Reader
	pos  int64 // offset of the next byte in the file
	back []any // tokens pushed back
}

func newLexer(r io.ReaderAt, at, size int64) *lexer {
	return &lexer{r: bufio.NewReaderSize(io.NewSectionReader(r, at, size-at), 4096), pos: at}
}

func (l *lexer) readByte() (byte, error) {
	b, err := l.r.ReadByte()
	if err == nil {
		l.pos++
	}
	return b, err
}

func (l *lexer) unreadByte() {
	if l.r.UnreadByte() == nil {
		l.pos--
	}
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
}

func isDelim(b byte) bool {
	switch b {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() error {
	for {
		b, err := l.readByte()
		if err != nil {
			return err
		}
		if b == '%' {
			for b != '\n' && b != '\r' {
				if b, err = l.readByte(); err != nil {
					return err
				}
			}
			continue
		}
		if !isSpace(b) {
			l.unreadByte()
			return nil
		}
	}
}

// Token kinds other than objects.
type delim string

func (l *lexer) unread(tok any) { l.back = append(l.back, tok) }

// token returns the next token: a delim ("[", "]", "<<", ">>"), a
// keyword, or a simple object (number, string, name).
func (l *lexer) token() (any, error) {
	if n := len(l.back); n > 0 {
		t := l.back[n-1]
		l.back = l.back[:n-1]
		return t, nil
	}
	if err := l.skipSpace(); err != nil {
		return nil, err
	}
	b, err := l.readByte()
	if err != nil {
		return nil, err
	}
	switch b {
	case '[', ']', '{', '}':
		return delim(string(b)), nil
	case '<':
		c, err := l.readByte()
		if err != nil {
			return nil, err
		}
		if c == '<' {
			return delim("<<"), nil
		}
		l.unreadByte()
		return l.hexString()
	case '>':
		c, err := l.readByte()
		if err != nil {
			return nil, err
		}
		if c == '>' {
			return delim(">>"), nil
		}
		l.unreadByte()
		return nil, fmt.Errorf("%w: stray '>' at %d", errSyntax, l.pos)
	case '(':
		return l.literalString()
	case '/':
		return l.name()
	case ')':
		return nil, fmt.Errorf("%w: stray ')' at %d", errSyntax, l.pos)
	}
	var word []byte
	word = append(word, b)
	for len(word) < 256 {
		c, err := l.readByte()
		if err != nil {
			break
		}
		if isSpace(c) || isDelim(c) {
			l.unreadByte()
			break
		}
		word = append(word, c)
	}
	if n, ok := number(word); ok {
		return n, nil
	}
	return keyword(word), nil
}

// number parses an integer or a real.
func number(w []byte) (any, bool) {
	if len(w) == 0 {
		return nil, false
	}
	c := w[0]
	if !(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' {
		return nil, false
	}
	if i, err := strconv.ParseInt(string(w), 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(string(w), 64); err == nil {
		return f, true
	}
	return nil, false
}

func (l *lexer) name() (name, error) {
	var out []byte
	for len(out) < maxStringLen {
		c, err := l.readByte()
		if err != nil {
			break
		}
		if isSpace(c) || isDelim(c) {
			l.unreadByte()
			break
		}
		if c == '#' {
			h, err1 := l.readByte()
			k, err2 := l.readByte()
			if err1 == nil && err2 == nil {
				if v, err := strconv.ParseUint(string([]byte{h, k}), 16, 8); err == nil {
					out = append(out, byte(v))
					continue
				}
			}
			return "", fmt.Errorf("%w: bad #xx escape in a name at %d", errSyntax, l.pos)
		}
		out = append(out, c)
	}
	return name(out), nil
}

func (l *lexer) hexString() (pdfString, error) {
	var out []byte
	var hi int = -1
	for len(out) < maxStringLen {
		c, err := l.readByte()
		if err != nil {
			return nil, fmt.Errorf("%w: unterminated hex string", errSyntax)
		}
		if c == '>' {
			break
		}
		if isSpace(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, fmt.Errorf("%w: bad hex string at %d", errSyntax, l.pos)
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out, nil
}

func unhex(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

func (l *lexer) literalString() (pdfString, error) {
	var out []byte
	depth := 1
	for len(out) < maxStringLen {
		c, err := l.readByte()
		if err != nil {
			return nil, fmt.Errorf("%w: unterminated string", errSyntax)
		}
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\r':
			// An end of line in a string is a line feed.
			if n, err := l.readByte(); err == nil && n != '\n' {
				l.unreadByte()
			}
			c = '\n'
		case '\\':
			e, err := l.readByte()
			if err != nil {
				return nil, fmt.Errorf("%w: unterminated string", errSyntax)
			}
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if n, err := l.readByte(); err == nil && n != '\n' {
					l.unreadByte()
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for range 2 {
						d, err := l.readByte()
						if err != nil {
							break
						}
						if d < '0' || d > '7' {
							l.unreadByte()
							break
						}
						v = v*8 + int(d-'0')
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("%w: string too long", errSyntax)
}

// object reads one object. Indirect references (n g R) are recognised;
// a dictionary followed by "stream" becomes a *stream whose data starts
// at the current offset.
func (l *lexer) object(depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w: objects nested too deep", errSyntax)
	}
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case delim:
		switch t {
		case "[":
			var a array
			for {
				tok, err := l.token()
				if err != nil {
					return nil, err
				}
				if tok == delim("]") {
					return a, nil
				}
				l.unread(tok)
				o, err := l.object(depth + 1)
				if err != nil {
					return nil, err
				}
				if len(a) >= maxArrayLen {
					return nil, fmt.Errorf("%w: array too long", errSyntax)
				}
				a = append(a, o)
			}
		case "<<":
			d := dict{}
			for {
				tok, err := l.token()
				if err != nil {
					return nil, err
				}
				if tok == delim(">>") {
					break
				}
				k, ok := tok.(name)
				if !ok {
					// Broken dictionaries: skip the stray token.
					continue
				}
				next, err := l.token()
				if err != nil {
					return nil, err
				}
				if next == delim(">>") { // a key without a value
					break
				}
				l.unread(next)
				v, err := l.object(depth + 1)
				if err != nil {
					return nil, err
				}
				d[k] = v
			}
			return d, nil
		}
		return nil, fmt.Errorf("%w: unexpected %q at %d", errSyntax, t, l.pos)
	case int64:
		// n g R?
		t2, err := l.token()
		if err != nil {
			return t, nil
		}
		if g, ok := t2.(int64); ok {
			t3, err := l.token()
			if err == nil && t3 == keyword("R") {
				return ref{t, g}, nil
			}
			if err == nil {
				l.unread(t3)
			}
		}
		l.unread(t2)
		return t, nil
	case keyword:
		switch t {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return t, nil
	}
	return tok, nil
}

// Helpers to read values without type switches everywhere.

func asDict(o any) dict {
	switch d := o.(type) {
	case dict:
		return d
	case *stream:
		return d.dict
	}
	return nil
}

func asName(o any) name {
	n, _ := o.(name)
	return n
}

func asInt(o any) (int64, bool) {
	switch v := o.(type) {
	case int64:
		return v, true
	case float64:
		return int64(v), true
	}
	return 0, false
}

func asArray(o any) array {
	a, _ := o.(array)
	return a
}

// text decodes a PDF text string (PDFDocEncoding, or UTF-16BE with a
// byte order mark, or UTF-8 with one as PDF 2.0 allows).
func (s pdfString) text() string {
	b := []byte(s)
	switch {
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF:
		var rs []rune
		for i := 2; i+1 < len(b); i += 2 {
			u := rune(b[i])<<8 | rune(b[i+1])
			if u >= 0xD800 && u < 0xDC00 && i+3 < len(b) {
				lo := rune(b[i+2])<<8 | rune(b[i+3])
				if lo >= 0xDC00 && lo < 0xE000 {
					rs = append(rs, 0x10000+(u-0xD800)<<10+(lo-0xDC00))
					i += 2
					continue
				}
			}
			rs = append(rs, u)
		}
		return string(rs)
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:])
	}
	rs := make([]rune, 0, len(b))
	for _, c := range b {
		rs = append(rs, pdfDocRune(c))
	}
	return string(rs)
}

// pdfDocRune maps a PDFDocEncoding byte to Unicode (ISO 32000-1 D.2; the
// bytes that differ from Latin-1).
func pdfDocRune(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1F:
		return []rune{0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC}[c-0x18]
	case c >= 0x80 && c <= 0x9E:
		return []rune{0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
			0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E}[c-0x80]
	case c == 0xA0:
		return 0x20AC
	}
	return rune(c)
}
