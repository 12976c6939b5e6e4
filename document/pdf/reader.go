package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// rawFile reads the objects of a PDF file from an io.ReaderAt, as far as
// saavu needs what PDFium does not expose: the catalog's entries, the
// XMP metadata, the whole structure tree, the pages' /Tabs and their
// annotations' dictionaries. It reads classic cross-reference tables and
// cross-reference streams, object streams, and files encrypted with the
// standard security handler and an empty user password (crypt.go). When
// the cross-reference data is broken it rebuilds it by scanning the file
// for "n g obj", as readers do.
type rawFile struct {
	r       io.ReaderAt
	size    int64
	xref    map[int64]xrefEntry
	trailer dict
	crypt   *decrypter // nil when not encrypted
	objstm  map[int64][]any
	cache   map[int64]any
	budget  int // objects that may still be read; a guard against loops
}

type xrefEntry struct {
	offset int64 // in the file; or, when inStm, the index in the object stream
	stm    int64 // the object stream's number; 0 when the object is not in one
	gen    int64
}

// maxObjects is how many objects the raw reader reads at most from one file.
const maxObjects = 2_000_000

func openRaw(r io.ReaderAt, size int64) (*rawFile, error) {
	f := &rawFile{r: r, size: size, xref: map[int64]xrefEntry{}, objstm: map[int64][]any{}, cache: map[int64]any{}, budget: maxObjects}
	rebuilt := false
	if err := f.readXref(); err != nil || f.resolveDict(f.trailer["Root"]) == nil {
		f.xref, f.trailer, f.cache = map[int64]xrefEntry{}, nil, map[int64]any{}
		if err := f.rebuild(); err != nil {
			return nil, err
		}
		rebuilt = true
	}
	if enc := f.trailer["Encrypt"]; enc != nil {
		d, err := newDecrypter(f.resolveDict(enc), f.trailer, f)
		if err != nil {
			return nil, err
		}
		f.crypt = d
		// Objects read before were not decrypted.
		f.cache, f.objstm = map[int64]any{}, map[int64][]any{}
	}
	if rebuilt {
		f.scanObjStms()
	}
	return f, nil
}

// readXref reads the cross-reference sections from startxref back
// through /Prev; newer entries win.
func (f *rawFile) readXref() error {
	tail := int64(2048)
	if tail > f.size {
		tail = f.size
	}
	buf := make([]byte, tail)
	if _, err := f.r.ReadAt(buf, f.size-tail); err != nil && err != io.EOF {
		return err
	}
	i := bytes.LastIndex(buf, []byte("startxref"))
	if i < 0 {
		return fmt.Errorf("%w: no startxref", errSyntax)
	}
	l := newLexer(bytes.NewReader(buf[i+9:]), 0, int64(len(buf)-i-9))
	tok, err := l.token()
	off, ok := tok.(int64)
	if err != nil || !ok {
		return fmt.Errorf("%w: bad startxref", errSyntax)
	}
	seen := map[int64]bool{}
	for off > 0 && !seen[off] && len(seen) < 1000 {
		seen[off] = true
		trailer, err := f.readSection(off)
		if err != nil {
			return err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		// A hybrid file's cross-reference stream.
		if stm, ok := asInt(trailer["XRefStm"]); ok && !seen[stm] {
			seen[stm] = true
			if _, err := f.readSection(stm); err != nil {
				return err
			}
		}
		prev, ok := asInt(trailer["Prev"])
		if !ok {
			break
		}
		off = prev
	}
	if f.trailer == nil {
		return fmt.Errorf("%w: no trailer", errSyntax)
	}
	return nil
}

// readSection reads the table or stream at off and returns its trailer.
func (f *rawFile) readSection(off int64) (dict, error) {
	if off < 0 || off >= f.size {
		return nil, fmt.Errorf("%w: cross-reference offset out of the file", errSyntax)
	}
	l := newLexer(f.r, off, f.size)
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	if tok == keyword("xref") {
		return f.readTable(l)
	}
	l.unread(tok)
	_, o, err := f.readIndirect(l)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*stream)
	if !ok || asName(s.dict["Type"]) != "XRef" {
		return nil, fmt.Errorf("%w: no cross-reference at %d", errSyntax, off)
	}
	return s.dict, f.readXrefStream(s)
}

func (f *rawFile) readTable(l *lexer) (dict, error) {
	for {
		tok, err := l.token()
		if err != nil {
			return nil, err
		}
		if tok == keyword("trailer") {
			o, err := l.object(0)
			if err != nil {
				return nil, err
			}
			d := asDict(o)
			if d == nil {
				return nil, fmt.Errorf("%w: bad trailer", errSyntax)
			}
			return d, nil
		}
		start, ok1 := tok.(int64)
		tok2, err := l.token()
		count, ok2 := tok2.(int64)
		if err != nil || !ok1 || !ok2 || count < 0 || count > 10_000_000 {
			return nil, fmt.Errorf("%w: bad cross-reference table", errSyntax)
		}
		for i := range count {
			a, _ := l.token()
			g, _ := l.token()
			kind, err := l.token()
			if err != nil {
				return nil, err
			}
			off, ok1 := a.(int64)
			gen, ok2 := g.(int64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("%w: bad cross-reference entry", errSyntax)
			}
			num := start + i
			if _, known := f.xref[num]; known || num == 0 {
				continue
			}
			if kind == keyword("n") {
				f.xref[num] = xrefEntry{offset: off, gen: gen}
			} else {
				f.xref[num] = xrefEntry{offset: -1}
			}
		}
	}
}

func (f *rawFile) readXrefStream(s *stream) error {
	data, err := f.streamData(s, maxStreamSize)
	if err != nil {
		return err
	}
	w := asArray(s.dict["W"])
	if len(w) != 3 {
		return fmt.Errorf("%w: bad /W in a cross-reference stream", errSyntax)
	}
	var ws [3]int
	for i := range 3 {
		v, _ := asInt(w[i])
		if v < 0 || v > 8 {
			return fmt.Errorf("%w: bad /W in a cross-reference stream", errSyntax)
		}
		ws[i] = int(v)
	}
	size, _ := asInt(s.dict["Size"])
	index := asArray(s.dict["Index"])
	if index == nil {
		index = array{int64(0), size}
	}
	row := ws[0] + ws[1] + ws[2]
	if row == 0 {
		return fmt.Errorf("%w: bad /W in a cross-reference stream", errSyntax)
	}
	field := func(b []byte) int64 {
		var v int64
		for _, c := range b {
			v = v<<8 | int64(c)
		}
		return v
	}
	p := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := asInt(index[i])
		count, _ := asInt(index[i+1])
		for j := range count {
			if p+row > len(data) {
				return nil
			}
			e := data[p : p+row]
			p += row
			typ := int64(1)
			if ws[0] > 0 {
				typ = field(e[:ws[0]])
			}
			a, b := field(e[ws[0]:ws[0]+ws[1]]), field(e[ws[0]+ws[1]:])
			num := start + j
			if _, known := f.xref[num]; known || num == 0 {
				continue
			}
			switch typ {
			case 0:
				f.xref[num] = xrefEntry{offset: -1}
			case 1:
				f.xref[num] = xrefEntry{offset: a, gen: b}
			case 2:
				f.xref[num] = xrefEntry{stm: a, offset: b}
			}
		}
	}
	return nil
}

var objHeader = regexp.MustCompile(`(\d+)[ \t\r\n\f\x00]+(\d+)[ \t\r\n\f\x00]+obj\b`)

// rebuild finds the objects by scanning the file (a later definition of
// a number wins) and takes the trailer from the last trailer dictionary
// or cross-reference stream, or looks for the catalog.
func (f *rawFile) rebuild() error {
	const chunk = 1 << 20
	var lastTrailer int64 = -1
	for at := int64(0); at < f.size; at += chunk - 64 {
		n := int64(chunk)
		if at+n > f.size {
			n = f.size - at
		}
		buf := make([]byte, n)
		if _, err := f.r.ReadAt(buf, at); err != nil && err != io.EOF {
			return err
		}
		for _, m := range objHeader.FindAllSubmatchIndex(buf, -1) {
			if m[0] > 0 && !isSpace(buf[m[0]-1]) && !isDelim(buf[m[0]-1]) {
				continue
			}
			num, _ := strconv.ParseInt(string(buf[m[2]:m[3]]), 10, 64)
			gen, _ := strconv.ParseInt(string(buf[m[4]:m[5]]), 10, 64)
			f.xref[num] = xrefEntry{offset: at + int64(m[0]), gen: gen}
		}
		if i := bytes.LastIndex(buf, []byte("trailer")); i >= 0 {
			lastTrailer = at + int64(i)
		}
		if at+n >= f.size {
			break
		}
	}
	if lastTrailer >= 0 {
		l := newLexer(f.r, lastTrailer+7, f.size)
		if o, err := l.object(0); err == nil {
			f.trailer = asDict(o)
		}
	}
	if f.trailer == nil || f.trailer["Root"] == nil {
		// A cross-reference stream's dictionary, or the catalog itself.
		for num := range f.xref {
			o := f.resolve(ref{num, f.xref[num].gen})
			d := asDict(o)
			if s, ok := o.(*stream); ok && asName(s.dict["Type"]) == "XRef" && s.dict["Root"] != nil {
				f.trailer = s.dict
				break
			}
			if asName(d["Type"]) == "Catalog" {
				f.trailer = dict{"Root": ref{num, f.xref[num].gen}}
			}
		}
	}
	if f.trailer == nil || f.trailer["Root"] == nil {
		return fmt.Errorf("%w: no document catalog found", errSyntax)
	}
	return nil
}

// scanObjStms adds to a rebuilt cross-reference the objects inside object
// streams, which the scan for "n g obj" does not find.
func (f *rawFile) scanObjStms() {
	for num, e := range f.xref {
		s, ok := f.resolve(ref{num, e.gen}).(*stream)
		if !ok || asName(s.dict["Type"]) != "ObjStm" {
			continue
		}
		for i, n := range f.objStmNumbers(s) {
			if _, known := f.xref[n]; !known {
				f.xref[n] = xrefEntry{stm: num, offset: int64(i)}
			}
		}
	}
}

// readIndirect reads "n g obj … endobj" at the lexer's position.
func (f *rawFile) readIndirect(l *lexer) (ref, any, error) {
	a, _ := l.token()
	b, _ := l.token()
	kw, err := l.token()
	num, ok1 := a.(int64)
	gen, ok2 := b.(int64)
	if err != nil || !ok1 || !ok2 || kw != keyword("obj") {
		return ref{}, nil, fmt.Errorf("%w: no object at %d", errSyntax, l.pos)
	}
	o, err := l.object(0)
	if err != nil {
		return ref{}, nil, err
	}
	r := ref{num, gen}
	if d, ok := o.(dict); ok {
		tok, err := l.token()
		if err == nil && tok == keyword("stream") {
			// The data starts after the end of line that follows "stream".
			c, err := l.readByte()
			if err == nil && c == '\r' {
				if c, err = l.readByte(); err == nil && c != '\n' {
					l.unreadByte()
				}
			} else if err == nil && c != '\n' {
				l.unreadByte()
			}
			return r, &stream{dict: d, offset: l.pos, ref: r}, nil
		}
	}
	return r, o, nil
}

// resolve returns the object a reference points to, or o itself.
func (f *rawFile) resolve(o any) any {
	for range 32 {
		r, ok := o.(ref)
		if !ok {
			return o
		}
		o = f.object(r)
	}
	return nil
}

func (f *rawFile) resolveDict(o any) dict { return asDict(f.resolve(o)) }

func (f *rawFile) resolveArray(o any) array { return asArray(f.resolve(o)) }

func (f *rawFile) resolveInt(o any) (int64, bool) { return asInt(f.resolve(o)) }

func (f *rawFile) resolveName(o any) name { return asName(f.resolve(o)) }

func (f *rawFile) object(r ref) any {
	if o, ok := f.cache[r.num]; ok {
		return o
	}
	if f.budget <= 0 {
		return nil
	}
	f.budget--
	f.cache[r.num] = nil // a reference loop reads as null
	e, ok := f.xref[r.num]
	if !ok || (e.offset < 0 && e.stm == 0) {
		return nil
	}
	var o any
	if e.stm != 0 {
		objs := f.objStm(e.stm)
		if int(e.offset) < len(objs) {
			o = objs[e.offset]
		}
	} else {
		l := newLexer(f.r, e.offset, f.size)
		got, obj, err := f.readIndirect(l)
		if err != nil || got.num != r.num {
			return nil
		}
		o = obj
		if f.crypt != nil {
			o = f.crypt.decryptStrings(o, got)
		}
	}
	if len(f.cache) < 100_000 {
		f.cache[r.num] = o
	} else {
		delete(f.cache, r.num)
	}
	return o
}

// objStmNumbers returns the object numbers an object stream holds, in order.
func (f *rawFile) objStmNumbers(s *stream) []int64 {
	data, err := f.streamData(s, maxStreamSize)
	if err != nil {
		return nil
	}
	n, _ := asInt(s.dict["N"])
	l := newLexer(bytes.NewReader(data), 0, int64(len(data)))
	var out []int64
	for range min(n, 1_000_000) {
		a, _ := l.token()
		_, _ = l.token()
		num, ok := a.(int64)
		if !ok {
			break
		}
		out = append(out, num)
	}
	return out
}

// objStm returns the objects of object stream num, in order.
func (f *rawFile) objStm(num int64) []any {
	if objs, ok := f.objstm[num]; ok {
		return objs
	}
	f.objstm[num] = nil
	s, ok := f.object(ref{num, 0}).(*stream)
	if !ok {
		return nil
	}
	data, err := f.streamData(s, maxStreamSize)
	if err != nil {
		return nil
	}
	n, _ := asInt(s.dict["N"])
	first, _ := asInt(s.dict["First"])
	if first < 0 || first > int64(len(data)) {
		return nil
	}
	l := newLexer(bytes.NewReader(data), 0, int64(len(data)))
	var offs []int64
	for range min(n, 1_000_000) {
		_, _ = l.token()
		b, _ := l.token()
		off, ok := b.(int64)
		if !ok {
			break
		}
		offs = append(offs, off)
	}
	objs := make([]any, len(offs))
	for i, off := range offs {
		at := first + off
		if at < 0 || at >= int64(len(data)) {
			continue
		}
		ol := newLexer(bytes.NewReader(data), at, int64(len(data)))
		if o, err := ol.object(0); err == nil {
			objs[i] = o
		}
	}
	if len(f.objstm) > 64 { // keep few decoded object streams
		clear(f.objstm)
	}
	f.objstm[num] = objs
	return objs
}

// streamData returns a stream's decoded data, at most limit bytes.
func (f *rawFile) streamData(s *stream, limit int64) ([]byte, error) {
	raw := s.data
	if s.offset >= 0 {
		n, ok := f.resolveInt(s.dict["Length"])
		if !ok || n < 0 || s.offset+n > f.size {
			n = f.findEndstream(s.offset)
		}
		if n > maxStreamSize {
			return nil, fmt.Errorf("a stream is larger than %d MB", maxStreamSize>>20)
		}
		raw = make([]byte, n)
		if _, err := f.r.ReadAt(raw, s.offset); err != nil && err != io.EOF {
			return nil, err
		}
		if f.crypt != nil && asName(s.dict["Type"]) != "XRef" {
			var err error
			if raw, err = f.crypt.decryptStream(raw, s); err != nil {
				return nil, err
			}
		}
	}
	return decode(raw, s.dict, f, limit)
}

// findEndstream is the length of a stream whose /Length is wrong.
func (f *rawFile) findEndstream(at int64) int64 {
	buf := make([]byte, 64<<10)
	for off := at; off < f.size; off += int64(len(buf)) - 16 {
		n, _ := f.r.ReadAt(buf, off)
		if i := bytes.Index(buf[:n], []byte("endstream")); i >= 0 {
			end := off + int64(i)
			// Drop the end of line before endstream.
			for end > at {
				var c [1]byte
				_, _ = f.r.ReadAt(c[:], end-1)
				if c[0] != '\n' && c[0] != '\r' {
					break
				}
				end--
			}
			return end - at
		}
		if n < len(buf) {
			break
		}
	}
	return f.size - at
}

// decode applies a stream's filters: FlateDecode (with PNG predictors)
// and ASCIIHexDecode; other filters are errors (the reader only needs
// the streams PDF writers compress with Flate: object streams,
// cross-reference streams and XMP metadata).
func decode(data []byte, d dict, f *rawFile, limit int64) ([]byte, error) {
	filters := f.resolve(d["Filter"])
	parms := f.resolve(d["DecodeParms"])
	var fl []name
	var ps []dict
	switch v := filters.(type) {
	case name:
		fl = []name{v}
		ps = []dict{f.resolveDict(parms)}
	case array:
		for i, x := range v {
			fl = append(fl, f.resolveName(x))
			if pa := asArray(parms); i < len(pa) {
				ps = append(ps, f.resolveDict(pa[i]))
			} else {
				ps = append(ps, nil)
			}
		}
	}
	for i, filter := range fl {
		switch filter {
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("FlateDecode: %w", err)
			}
			out, err := io.ReadAll(io.LimitReader(zr, limit+1))
			if err != nil && len(out) == 0 {
				return nil, fmt.Errorf("FlateDecode: %w", err)
			}
			if int64(len(out)) > limit {
				return nil, fmt.Errorf("a stream decodes to more than %d MB", limit>>20)
			}
			data, err = unpredict(out, ps[i], f)
			if err != nil {
				return nil, err
			}
		case "ASCIIHexDecode", "AHx":
			l := newLexer(bytes.NewReader(append(data, '>')), 0, int64(len(data)+1))
			s, err := l.hexString()
			if err != nil {
				return nil, err
			}
			data = s
		default:
			return nil, fmt.Errorf("stream filter %s is not supported", filter)
		}
	}
	return data, nil
}

// unpredict undoes a PNG predictor (Predictor >= 10).
func unpredict(data []byte, p dict, f *rawFile) ([]byte, error) {
	pred, _ := f.resolveInt(p["Predictor"])
	if pred < 10 {
		return data, nil
	}
	cols, ok := f.resolveInt(p["Columns"])
	if !ok || cols < 1 {
		cols = 1
	}
	colors, ok := f.resolveInt(p["Colors"])
	if !ok || colors < 1 {
		colors = 1
	}
	bpc, ok := f.resolveInt(p["BitsPerComponent"])
	if !ok || bpc < 1 {
		bpc = 8
	}
	bpp := int((colors*bpc + 7) / 8)
	rowLen := int((cols*colors*bpc + 7) / 8)
	if rowLen <= 0 || rowLen > 1<<20 {
		return nil, fmt.Errorf("%w: bad predictor parameters", errSyntax)
	}
	var out []byte
	prev := make([]byte, rowLen)
	for i := 0; i+1+rowLen <= len(data); i += 1 + rowLen {
		typ := data[i]
		row := append([]byte(nil), data[i+1:i+1+rowLen]...)
		for j := range row {
			var left, up, upLeft byte
			if j >= bpp {
				left = row[j-bpp]
				upLeft = prev[j-bpp]
			}
			up = prev[j]
			switch typ {
			case 1:
				row[j] += left
			case 2:
				row[j] += up
			case 3:
				row[j] += byte((int(left) + int(up)) / 2)
			case 4:
				row[j] += paeth(left, up, upLeft)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
