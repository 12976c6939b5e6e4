package docfixture

import (
	"fmt"
	"strings"
)

// tdoc builds a PDF: pages with content streams, and optionally a
// structure tree whose elements hold the pages' marked content.
type tdoc struct {
	w        pdfWriter
	pagesNum int
	font     int
	image    int
	pages    []*tpage
	elems    []*telem
	root     *telem // the Document element; nil for an untagged file

	tagged       bool     // write a StructTreeRoot
	marked       bool     // /MarkInfo /Marked true
	suspects     bool     // /MarkInfo /Suspects true
	lang         string   // catalog /Lang; "" none
	xmpTitle     string   // dc:title; "" none
	infoTitle    string   // /Info /Title; "" none
	displayDoc   string   // /ViewerPreferences /DisplayDocTitle: "true", "false" or "" (none)
	roleMap      string   // extra /RoleMap entries
	created      string   // /Info /CreationDate
	modified     string   // /Info /ModDate
	outline      bool     // one bookmark
	extraCat     string   // more catalog entries
	xmpCreated   string   // xmp:CreateDate
	parentNums   []string // the parent tree's arrays, by page
	annotParents []string // the parent tree's entries of annotations
	nextParents  int
}

type tpage struct {
	num     int
	content strings.Builder
	annots  []int
	tabs    string
	mcid    int
	index   int // StructParents
}

type telem struct {
	num    int
	typ    string
	attrs  string
	parent *telem
	kids   []string // "n 0 R", MCIDs, OBJR dicts
	page   *tpage
	// mcids by page, for the parent tree
}

func newDoc() *tdoc {
	d := &tdoc{tagged: true, marked: true, lang: "fi", xmpTitle: "Esimerkkilän kunnan asiakirja", displayDoc: "true", xmpCreated: "2026-10-01T09:00:00+03:00"}
	d.pagesNum = d.w.reserve()
	d.font = d.w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	return d
}

func (d *tdoc) page() *tpage {
	p := &tpage{num: d.w.reserve(), tabs: "S", index: len(d.pages)}
	d.pages = append(d.pages, p)
	return p
}

// elem adds a structure element under parent (nil: under the Document
// element, made on first use).
func (d *tdoc) elem(parent *telem, typ, attrs string) *telem {
	if parent == nil && typ != "Document" {
		if d.root == nil {
			d.root = d.elem(nil, "Document", "")
		}
		parent = d.root
	}
	e := &telem{num: d.w.reserve(), typ: typ, attrs: attrs, parent: parent}
	d.elems = append(d.elems, e)
	if parent != nil {
		parent.kids = append(parent.kids, fmt.Sprintf("%d 0 R", e.num))
	}
	return e
}

// text draws a line of text at (x, y).
func text(x, y int, size int, s string) string {
	s = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
	return fmt.Sprintf("BT /F1 %d Tf %d %d Td (%s) Tj ET\n", size, x, y, latin1(s))
}

func latin1(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 256 {
			b.WriteByte(byte(r))
		} else {
			b.WriteByte('?')
		}
	}
	return b.String()
}

// tag puts content in a marked-content sequence that belongs to e.
func (d *tdoc) tag(p *tpage, e *telem, content string) {
	id := p.mcid
	p.mcid++
	fmt.Fprintf(&p.content, "/%s <</MCID %d>> BDC\n%sEMC\n", e.typ, id, content)
	if e.page == nil {
		e.page = p
	}
	if e.page == p {
		e.kids = append(e.kids, fmt.Sprint(id))
	} else {
		e.kids = append(e.kids, fmt.Sprintf("<< /Type /MCR /Pg %d 0 R /MCID %d >>", p.num, id))
	}
	for len(d.parentNums) <= p.index {
		d.parentNums = append(d.parentNums, "")
	}
	d.parentNums[p.index] += fmt.Sprintf(" %d 0 R", e.num)
}

// artifact draws content as an artifact.
func (p *tpage) artifact(content string) {
	fmt.Fprintf(&p.content, "/Artifact BMC\n%sEMC\n", content)
}

// raw draws content outside any marked content.
func (p *tpage) raw(content string) { p.content.WriteString(content) }

// img draws the image XObject at (x, y), 100 pt wide.
func (d *tdoc) img(x, y int) string {
	if d.image == 0 {
		data := make([]byte, 64)
		for i := range data {
			data[i] = byte(i * 4)
		}
		d.image = d.w.addStream("<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 >>", data)
	}
	return fmt.Sprintf("q 100 0 0 100 %d %d cm /Im1 Do Q\n", x, y)
}

// link adds a link annotation on p; desc is its /Contents ("" none);
// elem is the Link element that holds it (nil: not in the structure).
func (d *tdoc) link(p *tpage, desc string, e *telem) {
	body := fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [72 600 200 615] /Border [0 0 0] /A << /S /URI /URI %s >>", str("https://www.example.fi/"))
	if desc != "" {
		body += " /Contents " + str(desc)
	}
	d.annot(p, body, e)
}

// field adds a text field's widget on p; tu is its tooltip ("" none).
func (d *tdoc) field(p *tpage, name, tu string, e *telem) {
	body := fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T %s /Rect [72 400 300 420] /F 4", str(name))
	if tu != "" {
		body += " /TU " + str(tu)
	}
	d.annot(p, body, e)
}

func (d *tdoc) annot(p *tpage, body string, e *telem) {
	num := d.w.reserve()
	if e != nil {
		body += fmt.Sprintf(" /StructParent %d", 1000+d.nextParents)
		e.kids = append(e.kids, fmt.Sprintf("<< /Type /OBJR /Obj %d 0 R /Pg %d 0 R >>", num, p.num))
		d.annotParents = append(d.annotParents, fmt.Sprintf("%d %d 0 R", 1000+d.nextParents, e.num))
		d.nextParents++
		if e.page == nil {
			e.page = p
		}
	}
	d.w.set(num, body+fmt.Sprintf(" /P %d 0 R >>", p.num))
	p.annots = append(p.annots, num)
}

// build writes the file.
func (d *tdoc) build(sec *security) []byte {
	return d.finish(func(root, info int) []byte { return d.w.bytes(root, info, sec) })
}

// buildCompressed writes the file with an object stream and a
// cross-reference stream.
func (d *tdoc) buildCompressed() []byte {
	return d.finish(d.w.compressedBytes)
}

func (d *tdoc) finish(write func(root, info int) []byte) []byte {
	var kids []string
	for _, p := range d.pages {
		kids = append(kids, fmt.Sprintf("%d 0 R", p.num))
		content := d.w.addStream("<< >>", []byte(p.content.String()))
		body := fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >>", d.pagesNum, content, d.font)
		if d.image != 0 {
			body += fmt.Sprintf(" /XObject << /Im1 %d 0 R >>", d.image)
		}
		body += " >>"
		if d.tagged {
			body += fmt.Sprintf(" /StructParents %d", p.index)
		}
		if len(p.annots) > 0 {
			var a []string
			for _, n := range p.annots {
				a = append(a, fmt.Sprintf("%d 0 R", n))
			}
			body += " /Annots [" + strings.Join(a, " ") + "]"
			switch {
			case strings.HasPrefix(p.tabs, "("): // a string, as LibreOffice writes it
				body += " /Tabs " + p.tabs
			case p.tabs != "":
				body += " /Tabs /" + p.tabs
			}
		}
		d.w.set(p.num, body+" >>")
	}
	d.w.set(d.pagesNum, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(d.pages)))
	cat := fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R", d.pagesNum)
	if d.lang != "" {
		cat += " /Lang " + str(d.lang)
	}
	if d.marked || d.suspects {
		cat += fmt.Sprintf(" /MarkInfo << /Marked %t", d.marked)
		if d.suspects {
			cat += " /Suspects true"
		}
		cat += " >>"
	}
	if d.displayDoc != "" {
		cat += " /ViewerPreferences << /DisplayDocTitle " + d.displayDoc + " >>"
	}
	if d.xmpTitle != "" {
		xmp := fmt.Sprintf(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdfuaid:part>1</pdfuaid:part>
<xmp:CreateDate>%s</xmp:CreateDate>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`, d.xmpCreated, d.xmpTitle)
		m := d.w.addStream("<< /Type /Metadata /Subtype /XML >>", []byte(xmp))
		cat += fmt.Sprintf(" /Metadata %d 0 R", m)
	}
	if d.outline {
		outlines := d.w.reserve()
		item := d.w.add(fmt.Sprintf("<< /Title %s /Parent %d 0 R /Dest [%d 0 R /Fit] >>", str("Alku"), outlines, d.pages[0].num))
		d.w.set(outlines, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count 1 >>", item, item))
		cat += fmt.Sprintf(" /Outlines %d 0 R", outlines)
	}
	if d.tagged && d.root != nil {
		var nums []string
		for i, s := range d.parentNums {
			nums = append(nums, fmt.Sprintf("%d [%s]", i, s))
		}
		nums = append(nums, d.annotParents...)
		ptree := d.w.add("<< /Nums [" + strings.Join(nums, " ") + "] >>")
		tree := d.w.reserve()
		for _, e := range d.elems {
			parent := fmt.Sprintf("%d 0 R", tree)
			if e.parent != nil {
				parent = fmt.Sprintf("%d 0 R", e.parent.num)
			}
			body := fmt.Sprintf("<< /Type /StructElem /S /%s /P %s", e.typ, parent)
			if e.page != nil {
				body += fmt.Sprintf(" /Pg %d 0 R", e.page.num)
			}
			if e.attrs != "" {
				body += " " + e.attrs
			}
			body += " /K [" + strings.Join(e.kids, " ") + "] >>"
			d.w.set(e.num, body)
		}
		rm := ""
		if d.roleMap != "" {
			rm = " /RoleMap << " + d.roleMap + " >>"
		}
		d.w.set(tree, fmt.Sprintf("<< /Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d%s >>", d.root.num, ptree, len(d.pages), rm))
		cat += fmt.Sprintf(" /StructTreeRoot %d 0 R", tree)
	}
	cat += d.extraCat + " >>"
	root := d.w.add(cat)
	info := 0
	if d.infoTitle != "" || d.created != "" || d.modified != "" {
		b := "<< /Producer " + str("saavu fixture generator")
		if d.infoTitle != "" {
			b += " /Title " + str(d.infoTitle)
		}
		if d.created != "" {
			b += " /CreationDate " + str(d.created)
		}
		if d.modified != "" {
			b += " /ModDate " + str(d.modified)
		}
		info = d.w.add(b + " >>")
	}
	return write(root, info)
}
