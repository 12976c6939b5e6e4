package docfixture

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// zipFile writes a zip of the given entries, in order; OpenDocument's
// mimetype goes first, stored.
func zipFile(entries ...[2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e[0] == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: method})
		if err != nil {
			panic(err)
		}
		w.Write([]byte(e[1]))
	}
	zw.Close()
	return buf.Bytes()
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func core(title string) string {
	t := ""
	if title != "" {
		t = "<dc:title>" + title + "</dc:title>"
	}
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">` +
		t + `<dcterms:created>2026-10-01T09:00:00Z</dcterms:created></cp:coreProperties>`
}

const contentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`

// docxOptions vary the Word document.
type docxOptions struct {
	title, lang string
	alt         string // the picture's descr; "" none
	decorative  bool
	headings    bool // Heading 1 style on the headings, rather than bold text
	header      bool // the table's first row repeats as a header row
}

func docxFile(o docxOptions) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"`
	lang := ""
	if o.lang != "" {
		lang = `<w:lang w:val="` + o.lang + `"/>`
	}
	styles := xmlHead + `<w:styles ` + w + `><w:docDefaults><w:rPrDefault><w:rPr>` + lang + `</w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`
	var body strings.Builder
	heading := func(text string) {
		if o.headings {
			fmt.Fprintf(&body, `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, text)
		} else {
			fmt.Fprintf(&body, `<w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>%s</w:t></w:r></w:p>`, text)
		}
	}
	heading("Uimahallin aukioloajat")
	for i := range 16 {
		fmt.Fprintf(&body, `<w:p><w:r><w:t>Kappale %d: uimahalli on avoinna arkisin kuudesta yhdeksään.</w:t></w:r></w:p>`, i+1)
	}
	heading("Hinnat")
	dec := ""
	if o.decorative {
		dec = `<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative val="1"/></a:ext></a:extLst>`
	}
	fmt.Fprintf(&body, `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Kuva 1" descr="%s">%s</wp:docPr></wp:inline></w:drawing></w:r></w:p>`, o.alt, dec)
	hdr := ""
	if o.header {
		hdr = `<w:trPr><w:tblHeader/></w:trPr>`
	}
	body.WriteString(`<w:tbl><w:tr>` + hdr + `<w:tc><w:p><w:r><w:t>Lippu</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Hinta</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>Aikuinen</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>6 €</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
	doc := xmlHead + `<w:document ` + w + `><w:body>` + body.String() + `</w:body></w:document>`
	return zipFile([2]string{"[Content_Types].xml", contentTypes}, [2]string{"docProps/core.xml", core(o.title)},
		[2]string{"word/styles.xml", styles}, [2]string{"word/document.xml", doc})
}

type pptxOptions struct {
	title, lang string
	alt         string
	slideTitles bool
	header      bool
}

func pptxFile(o pptxOptions) []byte {
	const ns = `xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`
	lang := ""
	if o.lang != "" {
		lang = ` lang="` + o.lang + `"`
	}
	pres := xmlHead + `<p:presentation ` + ns + `><p:defaultTextStyle><a:lvl1pPr><a:defRPr` + lang + `/></a:lvl1pPr></p:defaultTextStyle></p:presentation>`
	slide := func(n int) string {
		title := ""
		if o.slideTitles || n == 1 {
			title = fmt.Sprintf(`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Otsikko"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:r><a:t>Dia %d</a:t></a:r></a:p></p:txBody></p:sp>`, n)
		}
		pic := fmt.Sprintf(`<p:pic><p:nvPicPr><p:cNvPr id="3" name="Kuva %d" descr="%s"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr></p:pic>`, n, o.alt)
		first := ""
		if o.header {
			first = ` firstRow="1"`
		}
		tbl := `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Taulukko"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><a:graphic><a:graphicData><a:tbl><a:tblPr` + first + `/>` +
			`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>Lippu</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>Hinta</a:t></a:r></a:p></a:txBody></a:tc></a:tr>` +
			`<a:tr><a:tc><a:txBody><a:p><a:r><a:t>Aikuinen</a:t></a:r></a:p></a:txBody></a:tc><a:tc><a:txBody><a:p><a:r><a:t>6 €</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
		if n != 2 {
			tbl = ""
		}
		return xmlHead + `<p:sld ` + ns + `><p:cSld><p:spTree>` + title + pic + tbl + `</p:spTree></p:cSld></p:sld>`
	}
	return zipFile([2]string{"[Content_Types].xml", contentTypes}, [2]string{"docProps/core.xml", core(o.title)},
		[2]string{"ppt/presentation.xml", pres}, [2]string{"ppt/slides/slide1.xml", slide(1)}, [2]string{"ppt/slides/slide2.xml", slide(2)})
}

type xlsxOptions struct {
	title  string
	alt    string
	header bool
	table  bool
}

func xlsxFile(o xlsxOptions) []byte {
	entries := [][2]string{{"[Content_Types].xml", contentTypes}, {"docProps/core.xml", core(o.title)},
		{"xl/workbook.xml", xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Hinnat" sheetId="1"/></sheets></workbook>`},
		{"xl/worksheets/sheet1.xml", xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Lippu</t></is></c></row></sheetData></worksheet>`},
		{"xl/drawings/drawing1.xml", xmlHead + `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Kuva 1" descr="` + o.alt + `"/><xdr:cNvPicPr/></xdr:nvPicPr></xdr:pic></xdr:twoCellAnchor></xdr:wsDr>`},
	}
	if o.table {
		hdr := ""
		if !o.header {
			hdr = ` headerRowCount="0"`
		}
		entries = append(entries, [2]string{"xl/tables/table1.xml", xmlHead + `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Hinnat" ref="A1:B3"` + hdr + `/>`})
	}
	return zipFile(entries...)
}

type odfOptions struct {
	title, lang string
	alt         string
	headings    bool
	header      bool
	slideTitles bool
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"`

func odfFile(mime string, o odfOptions, body string) []byte {
	title := ""
	if o.title != "" {
		title = "<dc:title>" + o.title + "</dc:title>"
	}
	lang := ""
	if o.lang != "" {
		l, c, _ := strings.Cut(o.lang, "-")
		lang = `<style:default-style style:family="paragraph"><style:text-properties fo:language="` + l + `" fo:country="` + c + `"/></style:default-style>`
	}
	return zipFile([2]string{"mimetype", mime},
		[2]string{"META-INF/manifest.xml", xmlHead + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`},
		[2]string{"meta.xml", xmlHead + `<office:document-meta ` + odfNS + `><office:meta>` + title + `</office:meta></office:document-meta>`},
		[2]string{"styles.xml", xmlHead + `<office:document-styles ` + odfNS + `><office:styles>` + lang + `</office:styles></office:document-styles>`},
		[2]string{"content.xml", xmlHead + `<office:document-content ` + odfNS + `><office:body>` + body + `</office:body></office:document-content>`})
}

func odfImage(alt string) string {
	t := ""
	if alt != "" {
		t = "<svg:title>" + alt + "</svg:title>"
	}
	return `<draw:frame draw:name="Kuva 1"><draw:image xlink:href="Pictures/kuva.png"/>` + t + `</draw:frame>`
}

func odfTable(header bool) string {
	h1 := `<table:table-row><table:table-cell><text:p>Lippu</text:p></table:table-cell><table:table-cell><text:p>Hinta</text:p></table:table-cell></table:table-row>`
	if header {
		h1 = "<table:table-header-rows>" + h1 + "</table:table-header-rows>"
	}
	return `<table:table table:name="Hinnat">` + h1 + `<table:table-row><table:table-cell><text:p>Aikuinen</text:p></table:table-cell><table:table-cell><text:p>6 €</text:p></table:table-cell></table:table-row></table:table>`
}

func odtFile(o odfOptions) []byte {
	var b strings.Builder
	b.WriteString("<office:text>")
	if o.headings {
		b.WriteString(`<text:h text:outline-level="1">Uimahallin aukioloajat</text:h>`)
	} else {
		b.WriteString(`<text:p>Uimahallin aukioloajat</text:p>`)
	}
	for i := range 16 {
		fmt.Fprintf(&b, "<text:p>Kappale %d: uimahalli on avoinna arkisin.</text:p>", i+1)
	}
	b.WriteString("<text:p>" + odfImage(o.alt) + "</text:p>" + odfTable(o.header) + "</office:text>")
	return odfFile("application/vnd.oasis.opendocument.text", o, b.String())
}

func odsFile(o odfOptions) []byte {
	return odfFile("application/vnd.oasis.opendocument.spreadsheet", o, "<office:spreadsheet>"+odfTable(o.header)+"</office:spreadsheet>")
}

func odpFile(o odfOptions) []byte {
	page := func(n int) string {
		title := ""
		if o.slideTitles || n == 1 {
			title = fmt.Sprintf(`<draw:frame presentation:class="title"><draw:text-box><text:p>Dia %d</text:p></draw:text-box></draw:frame>`, n)
		}
		return fmt.Sprintf(`<draw:page draw:name="dia%d">%s%s</draw:page>`, n, title, odfImage(o.alt))
	}
	return odfFile("application/vnd.oasis.opendocument.presentation", o, "<office:presentation>"+page(1)+page(2)+"</office:presentation>")
}

func officeResults(kv ...string) map[string]string {
	m := map[string]string{
		"office-headings": "inapplicable", "office-image-alt": "passed", "office-lang": "passed",
		"office-slide-titles": "inapplicable", "office-table-headers": "passed", "office-title": "passed",
	}
	return with(m, kv...)
}

// Office returns the office fixtures.
func Office() []Fixture {
	var fs []Fixture
	add := func(name, about string, data []byte, results map[string]string) {
		fs = append(fs, Fixture{Name: name, About: about, Data: data, Results: results})
	}
	addErr := func(name, about string, data []byte, kind string) {
		fs = append(fs, Fixture{Name: name, About: about, Data: data, ErrorKind: kind})
	}
	goodDocx := docxOptions{title: "Uimahalli", lang: "fi-FI", alt: "Uimahallin allas", headings: true, header: true}
	add("good.docx", "a Word document that passes: title, language, alt text, heading styles, a header row",
		docxFile(goodDocx), officeResults("office-headings", "passed"))
	add("bad.docx", "a Word document with no title, no language, an image without alt text, bold text for headings, a table without a header row",
		docxFile(docxOptions{}), officeResults("office-title", "failed", "office-lang", "failed", "office-image-alt", "failed", "office-headings", "failed", "office-table-headers", "failed"))
	add("decorative.docx", "a Word document whose image is marked decorative",
		docxFile(docxOptions{title: "Uimahalli", lang: "fi-FI", decorative: true, headings: true, header: true}), officeResults("office-headings", "passed"))
	add("good.pptx", "a presentation that passes: title, language, alt text, slide titles, a table with a header row",
		pptxFile(pptxOptions{title: "Uimahalli", lang: "fi-FI", alt: "Allas", slideTitles: true, header: true}), officeResults("office-slide-titles", "passed"))
	add("bad.pptx", "a presentation with a slide without a title, an image without alt text and a table without a header row",
		pptxFile(pptxOptions{title: "Uimahalli", lang: "fi-FI"}), officeResults("office-slide-titles", "failed", "office-image-alt", "failed", "office-table-headers", "failed"))
	add("good.xlsx", "a workbook with a title, a picture with alt text and a table with a header row (language: cantTell)",
		xlsxFile(xlsxOptions{title: "Hinnat", alt: "Logo", header: true, table: true}), officeResults("office-lang", "cantTell"))
	add("bad.xlsx", "a workbook with no title, a picture without alt text and a table without a header row",
		xlsxFile(xlsxOptions{table: true}), officeResults("office-title", "failed", "office-lang", "cantTell", "office-image-alt", "failed", "office-table-headers", "failed"))
	add("good.odt", "an OpenDocument text that passes",
		odtFile(odfOptions{title: "Uimahalli", lang: "fi-FI", alt: "Allas", headings: true, header: true}), officeResults("office-headings", "passed"))
	add("bad.odt", "an OpenDocument text with no title, language, alt text, headings or header row",
		odtFile(odfOptions{}), officeResults("office-title", "failed", "office-lang", "failed", "office-image-alt", "failed", "office-headings", "failed", "office-table-headers", "failed"))
	add("good.ods", "an OpenDocument spreadsheet with a header row",
		odsFile(odfOptions{title: "Hinnat", lang: "fi-FI", header: true}), officeResults("office-image-alt", "inapplicable"))
	add("bad.ods", "an OpenDocument spreadsheet without a header row (cantTell: a person judges a sheet's data)",
		odsFile(odfOptions{title: "Hinnat", lang: "fi-FI"}), officeResults("office-image-alt", "inapplicable", "office-table-headers", "cantTell"))
	add("good.odp", "an OpenDocument presentation that passes",
		odpFile(odfOptions{title: "Uimahalli", lang: "sv-FI", alt: "Allas", slideTitles: true}), officeResults("office-slide-titles", "passed", "office-table-headers", "inapplicable"))
	add("bad.odp", "an OpenDocument presentation with a slide without a title and images without alt text",
		odpFile(odfOptions{title: "Uimahalli", lang: "sv-FI"}), officeResults("office-slide-titles", "failed", "office-image-alt", "failed", "office-table-headers", "inapplicable"))
	// A zip bomb: 20 MB of zeros packed into some kB, in a .docx.
	bomb := zipFile([2]string{"[Content_Types].xml", contentTypes}, [2]string{"word/document.xml", xmlHead + "<w:document>" + strings.Repeat("\x20", 20<<20) + "</w:document>"})
	addErr("zip-bomb.docx", "a .docx whose document part unpacks to 20 MB from some kB (over 200 times its packed size)", bomb, "zip-bomb")
	addErr("broken.docx", "the first half of a .docx", docxFile(goodDocx)[:600], "corrupt")
	add("entity.docx", "a .docx whose core properties declare an external entity (XXE) and use it in the title: not resolved, the title reads \"&x;\"",
		zipFile([2]string{"[Content_Types].xml", contentTypes}, [2]string{"docProps/core.xml", `<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]><cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&x;</dc:title></cp:coreProperties>`},
			[2]string{"word/document.xml", `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`}),
		officeResults("office-lang", "failed", "office-image-alt", "inapplicable", "office-table-headers", "inapplicable"))
	addErr("legacy.doc", "a Word 97–2003 file (an OLE2 compound file)", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 504)...), "legacy")
	addErr("legacy.rtf", "a Rich Text Format file", []byte(`{\rtf1\ansi Uimahalli\par}`), "legacy")
	return fs
}
