// Package docfixture makes the test documents of saavu's document checks:
// PDF files written by hand (objects, cross-reference, trailer; tagged and
// untagged, encrypted, broken) and office files written with archive/zip,
// each with the outcomes saavu must give it. testdata/documents holds
// them, written by `go generate ./document/...` (testdata/documents/gen);
// a test checks that the files there are what this package makes.
package docfixture

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Fixture is a test document and what auditing it must give.
type Fixture struct {
	Name string `json:"name"` // file name in testdata/documents
	Data []byte `json:"-"`
	// Why it is there, in a line.
	About string `json:"about"`
	// ErrorKind is the document.Audit ErrorKind it must get ("" when it
	// is checked).
	ErrorKind string `json:"errorKind,omitempty"`
	// Results are the outcomes of the checks (run with the extra ones):
	// every check that runs on it, with its outcome.
	Results map[string]string `json:"results,omitempty"`
}

// pass is the outcome of every PDF check on the good tagged document;
// variants change a few.
func goodPDFResults() map[string]string {
	return map[string]string{
		"pdf-annotations-tagged": "passed",
		"pdf-bookmarks":          "inapplicable",
		"pdf-figure-alt":         "passed",
		"pdf-form-field-name":    "passed",
		"pdf-heading-levels":     "passed",
		"pdf-headings":           "inapplicable",
		"pdf-lang":               "passed",
		"pdf-lang-parts":         "passed",
		"pdf-link-description":   "passed",
		"pdf-list-structure":     "passed",
		"pdf-permissions":        "inapplicable",
		"pdf-tab-order":          "passed",
		"pdf-table-headers":      "passed",
		"pdf-tagged":             "passed",
		"pdf-text":               "passed",
		"pdf-title":              "passed",
	}
}

func with(m map[string]string, kv ...string) map[string]string {
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// goodOptions vary the good document.
type goodOptions struct {
	figureAlt  string // the figure's /Alt ("" none)
	th         bool   // header cells in the table
	linkDesc   string // the link's /Contents
	linkTagged bool
	tabs       string
	fieldTU    string
	spanLang   string
	listOK     bool
	headings   []string // heading types in order
	untagged   string   // content drawn outside the structure
	roleMap    bool     // the figure is a custom type mapped to Figure
}

func defaultGood() goodOptions {
	return goodOptions{figureAlt: "Kartta uimahallin sijainnista", th: true, linkDesc: "Esimerkkilän kunnan etusivu", linkTagged: true, tabs: "S",
		fieldTU: "Sukunimi", spanLang: "sv", listOK: true, headings: []string{"H1", "H2"}}
}

// good builds a tagged document that passes every check, changed by o.
func good(o goodOptions) *tdoc {
	d := newDoc()
	p := d.page()
	p.artifact(text(500, 20, 9, "1"))
	for i, h := range o.headings {
		e := d.elem(nil, h, "")
		d.tag(p, e, text(72, 780-i*30, 20-i*2, fmt.Sprintf("Otsikko %d", i+1)))
	}
	para := d.elem(nil, "P", "")
	d.tag(p, para, text(72, 700, 12, "Uimahalli on avoinna arkisin."))
	span := d.elem(para, "Span", "/Lang "+str(o.spanLang))
	d.tag(p, span, text(72, 685, 12, "Simhallen är öppen."))
	figType := "Figure"
	if o.roleMap {
		figType = "Kuva"
		d.roleMap = "/Kuva /Figure"
	}
	attrs := ""
	if o.figureAlt != "" {
		attrs = "/Alt " + utf16(o.figureAlt)
	}
	fig := d.elem(nil, figType, attrs)
	d.tag(p, fig, d.img(72, 480))
	// A table of two rows and two columns.
	table := d.elem(nil, "Table", "")
	for r, row := range [][]string{{"Päivä", "Aukiolo"}, {"Ma", "6–21"}} {
		tr := d.elem(table, "TR", "")
		for c, cell := range row {
			typ := "TD"
			cattr := ""
			if r == 0 && o.th {
				typ, cattr = "TH", "/A << /O /Table /Scope /Column >>"
			}
			e := d.elem(tr, typ, cattr)
			d.tag(p, e, text(72+c*150, 440-r*20, 11, cell))
		}
	}
	// A list of two items.
	list := d.elem(nil, "L", "")
	for i, item := range []string{"Uinti", "Sauna"} {
		parent := list
		if !o.listOK && i == 1 {
			parent = nil // an LI outside any list
		}
		li := d.elem(parent, "LI", "")
		lbl := d.elem(li, "Lbl", "")
		d.tag(p, lbl, text(72, 380-i*16, 11, "•"))
		body := d.elem(li, "LBody", "")
		d.tag(p, body, text(86, 380-i*16, 11, item))
	}
	// A link and a form field.
	var le *telem
	if o.linkTagged {
		le = d.elem(nil, "Link", "")
		d.tag(p, le, text(72, 605, 11, "www.example.fi"))
	} else {
		p.artifact(text(72, 605, 11, "www.example.fi"))
	}
	d.link(p, o.linkDesc, le)
	form := d.elem(nil, "Form", "")
	d.field(p, "sukunimi", o.fieldTU, form)
	p.tabs = o.tabs
	if o.untagged != "" {
		p.raw(o.untagged)
	}
	return d
}

// PDFs returns the PDF fixtures.
func PDFs() []Fixture {
	var fs []Fixture
	add := func(name, about string, data []byte, results map[string]string) {
		fs = append(fs, Fixture{Name: name, About: about, Data: data, Results: results})
	}
	addErr := func(name, about string, data []byte, kind string) {
		fs = append(fs, Fixture{Name: name, About: about, Data: data, ErrorKind: kind})
	}

	add("tagged-good.pdf", "a tagged PDF that passes every check: title, language, headings, figure with Alt, table with TH, list, link and field in the structure",
		good(defaultGood()).build(nil), goodPDFResults())

	add("compressed-good.pdf", "the good tagged PDF written with an object stream and a cross-reference stream (PNG predictor)",
		good(defaultGood()).buildCompressed(), goodPDFResults())

	o := defaultGood()
	o.roleMap = true
	add("rolemap-good.pdf", "the good PDF with its figure as a custom type that the role map maps to Figure",
		good(o).build(nil), goodPDFResults())

	{
		d := newDoc()
		d.tagged, d.marked, d.lang, d.xmpTitle, d.displayDoc = false, false, "", "", ""
		p := d.page()
		p.raw(text(72, 700, 12, "Pöytäkirja 12/2026"))
		add("untagged.pdf", "an untagged PDF with text: no structure, no title, no language",
			d.build(nil), with(goodPDFResults(), "pdf-tagged", "failed", "pdf-title", "failed", "pdf-lang", "failed",
				"pdf-annotations-tagged", "inapplicable", "pdf-figure-alt", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-heading-levels", "inapplicable", "pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	{
		d := good(defaultGood())
		d.marked = false
		add("marked-false.pdf", "a structure tree but /MarkInfo /Marked false", d.build(nil), with(goodPDFResults(), "pdf-tagged", "failed"))
	}
	{
		d := good(defaultGood())
		d.suspects = true
		add("suspects.pdf", "/MarkInfo /Suspects true", d.build(nil), with(goodPDFResults(), "pdf-tagged", "failed"))
	}
	o = defaultGood()
	o.untagged = text(72, 200, 12, "Tätä tekstiä ei ole merkitty.") + "0 0 m 100 100 l S\n"
	add("untagged-content.pdf", "tagged, but a line of text and a path are neither tagged nor artifacts (Matterhorn 01-005)",
		good(o).build(nil), with(goodPDFResults(), "pdf-tagged", "failed"))
	{
		d := good(defaultGood())
		d.xmpTitle, d.infoTitle = "", "Pöytäkirja"
		add("title-info-only.pdf", "the title only in /Info, not in XMP dc:title (Matterhorn 06-003)", d.build(nil), with(goodPDFResults(), "pdf-title", "failed"))
	}
	{
		d := good(defaultGood())
		d.displayDoc = ""
		add("no-display-doc-title.pdf", "a title, but no /DisplayDocTitle (Matterhorn 07-001)", d.build(nil), with(goodPDFResults(), "pdf-title", "failed"))
	}
	{
		d := good(defaultGood())
		d.displayDoc = "false"
		add("display-doc-title-false.pdf", "/DisplayDocTitle false (Matterhorn 07-002)", d.build(nil), with(goodPDFResults(), "pdf-title", "failed"))
	}
	{
		o := defaultGood()
		o.spanLang = "sv_FI"
		d := good(o)
		d.lang = "finnish"
		add("lang-invalid.pdf", "/Lang (finnish) and a Span with Lang sv_FI: neither is a valid language tag",
			d.build(nil), with(goodPDFResults(), "pdf-lang", "failed", "pdf-lang-parts", "failed"))
	}
	{
		d := good(defaultGood())
		d.lang = ""
		d.root.attrs = "/Lang " + str("fi")
		add("lang-from-structure.pdf", "no catalog /Lang, but the Document element sets the language of all the content",
			d.build(nil), goodPDFResults())
	}
	{
		d := good(defaultGood())
		d.lang = ""
		add("no-lang.pdf", "no language anywhere (Matterhorn 11-001)", d.build(nil), with(goodPDFResults(), "pdf-lang", "failed"))
	}
	o = defaultGood()
	o.figureAlt = ""
	add("figure-no-alt.pdf", "a Figure without /Alt (Matterhorn 13-004)", good(o).build(nil), with(goodPDFResults(), "pdf-figure-alt", "failed"))
	o = defaultGood()
	o.figureAlt = ""
	o.roleMap = true
	add("rolemap-figure-no-alt.pdf", "a custom type role-mapped to Figure, without /Alt", good(o).build(nil), with(goodPDFResults(), "pdf-figure-alt", "failed"))
	{
		d := newDoc()
		d.tagged, d.marked = false, false
		p := d.page()
		p.raw(d.img(50, 50))
		add("image-only.pdf", "a scanned page: one image, no text layer, untagged",
			d.build(nil), with(goodPDFResults(), "pdf-text", "failed", "pdf-tagged", "failed", "pdf-lang", "passed",
				"pdf-annotations-tagged", "inapplicable", "pdf-figure-alt", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-heading-levels", "inapplicable", "pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	{
		d := newDoc()
		d.tagged, d.marked = false, false
		p := d.page()
		p.raw(d.img(50, 50))
		p.raw("BT 3 Tr /F1 12 Tf 60 120 Td (Pöytäkirja 12/2026, tunnistettu teksti) Tj ET\n")
		add("ocr.pdf", "a scanned page with an OCR text layer (invisible text, render mode 3): not an image-only page",
			d.build(nil), with(goodPDFResults(), "pdf-text", "passed", "pdf-tagged", "failed",
				"pdf-annotations-tagged", "inapplicable", "pdf-figure-alt", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-heading-levels", "inapplicable", "pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	{
		d := newDoc()
		p := d.page()
		fig := d.elem(nil, "Figure", "/Alt "+str("Kartta uimahallin sijainnista"))
		d.tag(p, fig, d.img(50, 50))
		add("scan-figure-alt.pdf", "a page that is one image, tagged as a Figure with alternative text: not an image-only page",
			d.build(nil), with(goodPDFResults(), "pdf-annotations-tagged", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-heading-levels", "inapplicable", "pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	o = defaultGood()
	o.th = false
	add("table-no-th.pdf", "a 2×2 table with TD cells only", good(o).build(nil), with(goodPDFResults(), "pdf-table-headers", "failed"))
	o = defaultGood()
	o.listOK = false
	add("list-bad.pdf", "a list item outside its list (LI under Document)", good(o).build(nil), with(goodPDFResults(), "pdf-list-structure", "failed"))
	o = defaultGood()
	o.fieldTU = ""
	add("field-no-tu.pdf", "a text field with no tooltip (/TU) and no Alt (Matterhorn 28-005)", good(o).build(nil), with(goodPDFResults(), "pdf-form-field-name", "failed"))
	o = defaultGood()
	o.linkTagged, o.linkDesc, o.tabs = false, "", ""
	add("link-untagged.pdf", "a link annotation outside the structure, with no /Contents, on a page without /Tabs (Matterhorn 28-011, 28-012, 28-008)",
		good(o).build(nil), with(goodPDFResults(), "pdf-annotations-tagged", "failed", "pdf-link-description", "failed", "pdf-tab-order", "failed"))
	o = defaultGood()
	o.tabs = "R"
	add("tabs-row.pdf", "a page with annotations and /Tabs /R (Matterhorn 28-009)", good(o).build(nil), with(goodPDFResults(), "pdf-tab-order", "failed"))
	o = defaultGood()
	o.tabs = "(S)"
	add("tabs-string.pdf", "/Tabs (S), a string as LibreOffice's PDF/UA export writes it: read as the name /S", good(o).build(nil), goodPDFResults())
	o = defaultGood()
	o.headings = []string{"H1", "H3"}
	add("heading-skip.pdf", "an H3 right after an H1 (Matterhorn 14-003; an extra check)", good(o).build(nil), with(goodPDFResults(), "pdf-heading-levels", "failed"))
	o = defaultGood()
	o.headings = []string{"H2"}
	add("heading-first-h2.pdf", "the first heading is H2 (Matterhorn 14-002; an extra check)", good(o).build(nil), with(goodPDFResults(), "pdf-heading-levels", "failed"))
	{
		d := newDoc()
		var prev *telem
		for i := range 21 {
			p := d.page()
			e := d.elem(nil, "P", "")
			d.tag(p, e, text(72, 700, 12, fmt.Sprintf("Sivu %d", i+1)))
			prev = e
		}
		_ = prev
		add("long-no-bookmarks.pdf", "21 tagged pages with no bookmarks and no headings (extra checks)",
			d.build(nil), with(goodPDFResults(), "pdf-bookmarks", "failed", "pdf-headings", "failed",
				"pdf-annotations-tagged", "inapplicable", "pdf-figure-alt", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-heading-levels", "inapplicable", "pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	{
		d := newDoc()
		d.outline = true
		for i := range 21 {
			p := d.page()
			h := "P"
			if i%5 == 0 {
				h = "H1"
			}
			e := d.elem(nil, h, "")
			d.tag(p, e, text(72, 700, 12, fmt.Sprintf("Sivu %d", i+1)))
		}
		add("long-bookmarks.pdf", "21 tagged pages with bookmarks and headings (extra checks pass)",
			d.build(nil), with(goodPDFResults(), "pdf-bookmarks", "passed", "pdf-headings", "passed",
				"pdf-annotations-tagged", "inapplicable", "pdf-figure-alt", "inapplicable", "pdf-form-field-name", "inapplicable",
				"pdf-lang-parts", "inapplicable", "pdf-link-description", "inapplicable",
				"pdf-list-structure", "inapplicable", "pdf-tab-order", "inapplicable", "pdf-table-headers", "inapplicable"))
	}
	{
		d := good(defaultGood())
		d.created, d.modified = "D:20170304120000+02'00'", "D:20180101120000+02'00'"
		d.xmpTitle, d.xmpCreated = "Vanha pöytäkirja", "2017-03-04T12:00:00+02:00"
		add("old.pdf", "the good PDF with every date (/Info and XMP) before 23 September 2018: possibly exempt",
			d.build(nil), goodPDFResults())
	}
	allowAccess := int32(-4)            // every permission
	noAccess := allowAccess &^ (1 << 9) // bit 10 off: no extraction for accessibility
	noAccess &^= 1<<4 | 1<<3            // nor copying nor changes, as such files usually are
	add("encrypted-no-access.pdf", "encrypted with RC4 (revision 3) and an empty user password, bit 10 of /P off: opened and checked, fails pdf-permissions",
		good(defaultGood()).build(&security{ownerPassword: "omistaja", p: noAccess}), with(goodPDFResults(), "pdf-permissions", "failed"))
	add("encrypted-aes-access.pdf", "encrypted with AES-128 (revision 4) and an empty user password, bit 10 on",
		good(defaultGood()).build(&security{ownerPassword: "omistaja", p: allowAccess, aes: true}), with(goodPDFResults(), "pdf-permissions", "passed"))
	addErr("password.pdf", "encrypted with a user password: cannot be opened, not checked",
		good(defaultGood()).build(&security{userPassword: "salasana", ownerPassword: "omistaja", p: allowAccess}), "encrypted")
	full := good(defaultGood()).build(nil)
	addErr("truncated.pdf", "the first 300 bytes of a PDF", full[:300], "corrupt")
	{
		broken := slices.Clone(full)
		i := strings.LastIndex(string(broken), "startxref")
		copy(broken[i+10:], "99999999")
		add("broken-xref.pdf", "the good PDF with a wrong startxref offset: read by scanning for its objects", broken, goodPDFResults())
	}
	addErr("empty.pdf", "an empty file", []byte{}, "empty")
	addErr("html-as-pdf.pdf", "an HTML error page saved with a .pdf name (served as application/pdf in the crawl test)",
		[]byte("<!DOCTYPE html>\n<html lang=\"fi\"><head><title>404 Sivua ei löydy</title></head><body><h1>Sivua ei löydy</h1></body></html>\n"), "not-document")
	addErr("garbage.pdf", "a %PDF header followed by noise", append([]byte("%PDF-1.7\n"), []byte(strings.Repeat("\x01\x02 garbage obj ( << [ ", 40))...), "corrupt")
	return fs
}

// All returns every fixture, PDF and office, sorted by name.
func All() []Fixture {
	fs := append(PDFs(), Office()...)
	slices.SortFunc(fs, func(a, b Fixture) int { return strings.Compare(a.Name, b.Name) })
	return fs
}

// ExpectedJSON is the table of expected outcomes written beside the
// files (expected.json).
func ExpectedJSON(fs []Fixture) []byte {
	b, err := json.MarshalIndent(fs, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}

// LongPDF is a tagged PDF of n pages (each a heading, paragraphs and a
// figure), or an untagged one, for the benchmark.
func LongPDF(n int, tagged bool) []byte {
	d := newDoc()
	d.outline = true
	d.tagged, d.marked = tagged, tagged
	for i := range n {
		p := d.page()
		if !tagged {
			p.raw(text(72, 780, 18, fmt.Sprintf("Luku %d", i+1)))
			for j := range 30 {
				p.raw(text(72, 740-j*20, 11, "Uimahalli on avoinna arkisin kuudesta yhdeksään, viikonloppuisin kymmenestä kuuteen."))
			}
			p.raw(d.img(300, 100))
			continue
		}
		h := d.elem(nil, "H1", "")
		d.tag(p, h, text(72, 780, 18, fmt.Sprintf("Luku %d", i+1)))
		for j := range 30 {
			e := d.elem(nil, "P", "")
			d.tag(p, e, text(72, 740-j*20, 11, "Uimahalli on avoinna arkisin kuudesta yhdeksään, viikonloppuisin kymmenestä kuuteen."))
		}
		fig := d.elem(nil, "Figure", "/Alt "+str("Kuva"))
		d.tag(p, fig, d.img(300, 100))
	}
	return d.build(nil)
}
