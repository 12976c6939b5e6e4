// Package office checks office files: Office Open XML (DOCX, XLSX, PPTX)
// and OpenDocument (ODT, ODS, ODP), which are zip files of XML parts,
// read with the standard library's archive/zip and encoding/xml.
//
// Hostile files: the zip is refused when it has too many entries, and a
// part stops being read when it unpacks to more than Limits allow in all
// or far more than it weighs packed (a zip bomb), whatever sizes its
// headers claim. encoding/xml resolves no external entity and expands no
// entity a document declares (it knows only the five predefined ones),
// so an XML part cannot make saavu read a file or grow without bound.
package office

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"saavu/checks"
	"saavu/document"
)

func validLang(l string) bool { return checks.ValidLanguageTag(l) }

// Limits guard against zip bombs.
type Limits struct {
	MaxEntries      int   // entries in the zip; default 10,000
	MaxUncompressed int64 // bytes of all the parts read, unpacked; default 500 MB
	MaxRatio        int64 // unpacked / packed size of a part over 1 MB; default 200
}

func (l Limits) withDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = 10_000
	}
	if l.MaxUncompressed <= 0 {
		l.MaxUncompressed = 500 << 20
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = 200
	}
	return l
}

// Options configure Audit.
type Options struct {
	Extra  bool
	Limits Limits
}

// errBomb is a zip that unpacks to too much.
var errBomb = errors.New("zip bomb")

// pkg is an opened office file.
type pkg struct {
	ctx   context.Context
	zr    *zip.Reader
	files map[string]*zip.File
	lim   Limits
	read  int64 // bytes unpacked so far
}

// Audit checks the office file of the given kind read from r.
func Audit(ctx context.Context, r io.ReaderAt, size int64, kind document.Kind, opts Options) (*document.Audit, error) {
	lim := opts.Limits.withDefaults()
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return document.Failf(document.KindCorrupt, "not checked: the file is not a readable %s (a damaged zip file: %v)", strings.ToUpper(string(kind)), err), nil
	}
	if len(zr.File) > lim.MaxEntries {
		return document.Failf(document.KindZipBomb, "not checked: the file holds %d entries, more than the %d an office file may (a zip bomb?)", len(zr.File), lim.MaxEntries), nil
	}
	p := &pkg{ctx: ctx, zr: zr, files: map[string]*zip.File{}, lim: lim}
	for _, f := range zr.File {
		p.files[f.Name] = f
	}
	a := &document.Audit{Kind: kind}
	var c checker
	switch kind {
	case document.DOCX:
		c = &docx{}
	case document.PPTX:
		c = &pptx{}
	case document.XLSX:
		c = &xlsx{}
	default:
		c = &odf{kind: kind}
	}
	err = c.read(p, a)
	switch {
	case errors.Is(err, errBomb):
		return document.Failf(document.KindZipBomb, "not checked: %v", err), nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return document.Failf(document.KindCorrupt, "not checked: the file is not a readable %s (%v)", strings.ToUpper(string(kind)), err), nil
	}
	a.Results = c.results()
	document.SortResults(a.Results)
	return a, nil
}

type checker interface {
	read(p *pkg, a *document.Audit) error
	results() []document.Result
}

// guard reads a part, stopping when it unpacks to more than the limits.
type guard struct {
	r      io.Reader
	p      *pkg
	f      *zip.File
	n      int64
	packed int64
}

func (g *guard) Read(b []byte) (int, error) {
	if err := g.p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := g.r.Read(b)
	g.n += int64(n)
	g.p.read += int64(n)
	if g.p.read > g.p.lim.MaxUncompressed {
		return n, fmt.Errorf("%w: the parts unpack to more than %s", errBomb, document.FormatSize(g.p.lim.MaxUncompressed))
	}
	if g.n > 1<<20 && g.n > g.packed*g.p.lim.MaxRatio {
		return n, fmt.Errorf("%w: %s unpacks to more than %d times its packed size", errBomb, g.f.Name, g.p.lim.MaxRatio)
	}
	return n, err
}

// open opens a part; ok is false when the file has none of that name.
func (p *pkg) open(name string) (io.ReadCloser, bool, error) {
	f := p.files[name]
	if f == nil {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&guard{r: rc, p: p, f: f, packed: max(int64(f.CompressedSize64), 1)}, rc}, true, nil
}

// walk reads the XML part name, calling fn with each token and the
// stack of the elements it is in (innermost last). A missing part is not
// an error.
func (p *pkg) walk(name string, fn func(stack []xml.StartElement, tok xml.Token)) error {
	rc, ok, err := p.open(name)
	if !ok {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.Strict = false
	var stack []xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, errBomb) || p.ctx.Err() != nil {
				return err
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Copy())
			fn(stack, t)
		case xml.EndElement:
			fn(stack, t)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			fn(stack, t)
		}
		if len(stack) > 512 {
			return fmt.Errorf("%s: elements nested too deep", name)
		}
	}
}

// parts lists the parts under dir whose names match prefix+N+".xml", in
// the order of N.
func (p *pkg) parts(dir, prefix string) []string {
	type numbered struct {
		n    int
		name string
	}
	var ps []numbered
	for name := range p.files {
		if path.Dir(name) != dir {
			continue
		}
		base := path.Base(name)
		if !strings.HasPrefix(base, prefix) || !strings.HasSuffix(base, ".xml") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(base, prefix), ".xml"))
		if err != nil {
			continue
		}
		ps = append(ps, numbered{n, name})
	}
	slices.SortFunc(ps, func(a, b numbered) int { return a.n - b.n })
	var out []string
	for _, x := range ps {
		out = append(out, x.name)
	}
	return out
}

func attr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func in(stack []xml.StartElement, local string) bool {
	for _, e := range stack {
		if e.Name.Local == local {
			return true
		}
	}
	return false
}

// coreTitle reads dc:title of docProps/core.xml (OOXML).
func coreTitle(p *pkg) (string, error) {
	var title strings.Builder
	err := p.walk("docProps/core.xml", func(stack []xml.StartElement, tok xml.Token) {
		if cd, ok := tok.(xml.CharData); ok && len(stack) > 0 && stack[len(stack)-1].Name.Local == "title" {
			title.Write(cd)
		}
	})
	return strings.TrimSpace(title.String()), err
}

func fail(where, snippet, format string, args ...any) document.Node {
	return document.Node{Outcome: "failed", Where: where, Snippet: snippet, Message: fmt.Sprintf(format, args...)}
}

func review(where, snippet, format string, args ...any) document.Node {
	return document.Node{Outcome: "cantTell", Where: where, Snippet: snippet, Message: fmt.Sprintf(format, args...)}
}

// titleResult is office-title.
func titleResult(title, where string) document.Result {
	if title != "" {
		return document.Tally(document.OfficeTitle.ID, 1, nil)
	}
	return document.Tally(document.OfficeTitle.ID, 0, []document.Node{fail(where, "title", "The document has no title in its properties, so screen readers and file lists show only the file name. Give it a title: File › Info › Properties › Title (Office) or File › Properties › Description (LibreOffice).")})
}

// langResult is office-lang from the languages found.
func langResult(langs []string, where string) document.Result {
	var nodes []document.Node
	passed := 0
	seen := map[string]bool{}
	for _, l := range langs {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		if validLang(l) {
			passed++
		} else {
			nodes = append(nodes, fail(where, l, "The language %q is not a valid language tag. Use a code such as \"fi-FI\", \"sv-FI\" or \"en-GB\".", l))
		}
	}
	if passed == 0 && len(nodes) == 0 {
		nodes = append(nodes, fail(where, "language", "The document's language is not set, so screen readers may read it with the wrong pronunciation. Set it: Review › Language › Set Proofing Language (Office), or Tools › Options › Language Settings (LibreOffice)."))
	}
	return document.Tally(document.OfficeLang.ID, passed, nodes)
}

// image is a picture, chart or shape and its alternative text.
type image struct {
	where, name string
	alt         string
	decorative  bool
}

func imageResult(imgs []image) document.Result {
	var nodes []document.Node
	passed := 0
	for _, im := range imgs {
		if im.decorative || strings.TrimSpace(im.alt) != "" {
			passed++
			continue
		}
		nodes = append(nodes, fail(im.where, im.name, "This image has no alternative text, so screen readers cannot say what it shows. Right-click it › Edit Alt Text (Office) or Properties › Alt Text (LibreOffice); mark a decorative image as decorative."))
	}
	return document.Tally(document.OfficeImageAlt.ID, passed, nodes)
}

// table is a table and whether it has a header row.
type table struct {
	where      string
	rows, cols int
	header     bool
	sheet      bool // a spreadsheet's: data without a header row is for a person to judge
}

func tableResult(ts []table) document.Result {
	var nodes []document.Node
	passed := 0
	for _, t := range ts {
		switch {
		case t.header:
			passed++
		case t.sheet:
			nodes = append(nodes, review(t.where, "sheet", "Check that this sheet's data has a header row that names its columns; formatting the data as a table with headers (Format as Table › My table has headers) lets screen readers announce them."))
		case t.rows >= 2 && t.cols >= 2:
			nodes = append(nodes, fail(t.where, fmt.Sprintf("table %d×%d", t.rows, t.cols), "This table has no header row, so screen readers cannot say which column a cell is in. Mark its first row as a header row (Word: Table Properties › Row › Repeat as header row; PowerPoint: Table Design › Header Row; LibreOffice: Table Properties › Text Flow › Repeat heading)."))
		case t.rows > 0:
			nodes = append(nodes, review(t.where, fmt.Sprintf("table %d×%d", t.rows, t.cols), "This one-row or one-column table has no header row. If it is a data table, mark its header row; if it only lays content out, use paragraphs or a list instead."))
		}
	}
	return document.Tally(document.OfficeTableHeaders.ID, passed, nodes)
}

func inapplicable(c *document.Check) document.Result { return document.Tally(c.ID, 0, nil) }
