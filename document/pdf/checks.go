package pdf

import (
	"fmt"
	"slices"
	"strings"

	"saavu/checks"
	"saavu/document"
)

type pdfCheck struct {
	check    *document.Check
	needsRaw bool // reads what only the raw reader gives
	run      func(*doc) document.Result
}

var pdfChecks = []pdfCheck{
	{document.PDFAnnotationsTagged, true, annotationsTagged},
	{document.PDFBookmarks, false, bookmarks},
	{document.PDFFigureAlt, true, figureAlt},
	{document.PDFFormFieldName, true, formFieldName},
	{document.PDFHeadingLevels, true, headingLevels},
	{document.PDFHeadings, true, headings},
	{document.PDFLang, false, lang},
	{document.PDFLangParts, true, langParts},
	{document.PDFLinkDescription, true, linkDescription},
	{document.PDFListStructure, true, listStructure},
	{document.PDFPermissions, false, permissions},
	{document.PDFTabOrder, true, tabOrder},
	{document.PDFTableHeaders, true, tableHeaders},
	{document.PDFTagged, true, tagged},
	{document.PDFText, false, text},
	{document.PDFTitle, false, title},
}

const (
	failed   = checks.Failed
	cantTell = checks.CantTell
)

func fail(where, snippet, format string, args ...any) document.Node {
	return document.Node{Outcome: failed, Where: where, Snippet: snippet, Message: fmt.Sprintf(format, args...)}
}

func pageName(i int) string { return fmt.Sprintf("page %d", i+1) }

// where names an element: its first page and its type and number among
// the elements of that type, e.g. "page 3, Figure 2".
func (d *doc) where(e *element) string {
	n := 0
	for _, x := range d.tree.all {
		if x.typ == e.typ {
			n++
		}
		if x == e {
			break
		}
	}
	if p := firstPage(e); p >= 0 {
		return fmt.Sprintf("%s, %s %d", pageName(p), e.typ, n)
	}
	return fmt.Sprintf("%s %d", e.typ, n)
}

func firstPage(e *element) int {
	p := -1
	for i := range e.pages {
		if p < 0 || i < p {
			p = i
		}
	}
	return p
}

func snippet(e *element) string {
	if e.raw != e.typ {
		return fmt.Sprintf("<%s> (role-mapped to %s)", e.raw, e.typ)
	}
	return "<" + e.typ + ">"
}

func tagged(d *doc) document.Result {
	var nodes []document.Node
	if !d.tree.present {
		nodes = append(nodes, fail("document", "/StructTreeRoot", "The PDF is not tagged: it has no structure tree, so screen readers cannot tell headings, lists, tables and reading order. Export it from the authoring program as a tagged PDF (PDF/UA), or tag it in Acrobat Pro."))
	}
	if !d.marked {
		nodes = append(nodes, fail("document", "/MarkInfo", "The catalog's /MarkInfo /Marked is not true, so readers do not treat the PDF as tagged. Export it as a tagged PDF, or set Marked to true once the tags are right."))
	}
	if d.tree.suspects {
		nodes = append(nodes, fail("document", "/MarkInfo /Suspects true", "/MarkInfo /Suspects is true: the program that made the PDF says its tags may be wrong. Check the tags and the reading order, then set Suspects to false."))
	}
	passed := 0
	if d.tree.present {
		for i, p := range d.facts.pages {
			if p.err != "" || p.objects == 0 {
				continue
			}
			var parts []string
			for _, k := range []string{"text", "image", "path", "shading"} {
				if n := p.untagged[k]; n > 0 {
					parts = append(parts, plural(n, k+" object", k+" objects"))
				}
			}
			if len(parts) == 0 {
				passed++
				continue
			}
			nodes = append(nodes, fail(pageName(i), "untagged content", "%s on this page are neither tagged nor marked as artifacts: screen readers skip or misplace them. Tag the content, or mark decoration, page numbers and running heads as artifacts.", strings.Join(parts, ", ")))
		}
	}
	if len(nodes) == 0 && passed == 0 {
		passed = 1
	}
	return document.Tally(document.PDFTagged.ID, passed, nodes)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func title(d *doc) document.Result {
	var nodes []document.Node
	xmpTitle := strings.TrimSpace(d.xmp.title)
	infoTitle := strings.TrimSpace(d.facts.info["Title"])
	switch {
	case xmpTitle != "":
	case infoTitle != "" && d.raw != nil:
		nodes = append(nodes, fail("document", "/Info /Title", "The title (%q) is only in the document information dictionary, not in the XMP metadata (dc:title), where PDF/UA-1 requires it and some readers look. Save the title in the document properties with a current program, or export as PDF/UA.", infoTitle))
	case infoTitle != "":
	default:
		nodes = append(nodes, fail("document", "dc:title", "The PDF has no title in its metadata: readers show the file name instead. Give the document a title in its properties (File › Properties) before publishing."))
	}
	if d.raw != nil {
		switch {
		case !d.displayDocTitleSet:
			nodes = append(nodes, fail("document", "/ViewerPreferences", "The PDF does not ask readers to show its title (/ViewerPreferences /DisplayDocTitle true is missing), so they show the file name. In Acrobat: File › Properties › Initial View › Show: Document Title."))
		case !d.displayDocTitle:
			nodes = append(nodes, fail("document", "/DisplayDocTitle false", "/ViewerPreferences /DisplayDocTitle is false, so readers show the file name rather than the title. In Acrobat: File › Properties › Initial View › Show: Document Title."))
		}
	}
	passed := 0
	if len(nodes) == 0 {
		passed = 1
	}
	return document.Tally(document.PDFTitle.ID, passed, nodes)
}

func lang(d *doc) document.Result {
	l := strings.TrimSpace(d.lang)
	switch {
	case l != "" && checks.ValidLanguageTag(l):
		return document.Tally(document.PDFLang.ID, 1, nil)
	case l != "":
		return document.Tally(document.PDFLang.ID, 0, []document.Node{fail("document", fmt.Sprintf("/Lang (%s)", l),
			"The document's language %q is not a valid language tag. Use a code such as \"fi\", \"sv\" or \"en\" (File › Properties › Advanced › Language in Acrobat).", l)})
	}
	// No /Lang: the language can still come from the structure, when
	// every element with content has one (or an ancestor does).
	if d.tree.present && len(d.tree.all) > 0 {
		covered := true
		for _, e := range d.tree.all {
			if e.mcids == 0 {
				continue
			}
			has := false
			for x := e; x != nil; x = x.parent {
				if x.hasLang && checks.ValidLanguageTag(x.lang) {
					has = true
					break
				}
			}
			if !has {
				covered = false
				break
			}
		}
		if covered && slices.ContainsFunc(d.tree.all, func(e *element) bool { return e.mcids > 0 }) {
			return document.Tally(document.PDFLang.ID, 1, nil)
		}
	}
	return document.Tally(document.PDFLang.ID, 0, []document.Node{fail("document", "/Lang",
		"The document's language is not set (no /Lang in the catalog), so screen readers may read it with the wrong pronunciation. Set the language in the authoring program before exporting, or in Acrobat: File › Properties › Advanced › Reading Options › Language.")})
}

func langParts(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	for _, e := range d.tree.all {
		if !e.hasLang || strings.TrimSpace(e.lang) == "" {
			continue
		}
		if checks.ValidLanguageTag(e.lang) {
			passed++
			continue
		}
		nodes = append(nodes, fail(d.where(e), snippet(e), "This element's language %q is not a valid language tag. Use a code such as \"fi\", \"sv\" or \"en\".", e.lang))
	}
	return document.Tally(document.PDFLangParts.ID, passed, nodes)
}

func text(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	for i, p := range d.facts.pages {
		switch {
		case p.err != "":
		case p.text > 0:
			passed++
		case p.images > 0:
			if d.figureWithAlt(i) {
				passed++
				continue
			}
			nodes = append(nodes, fail(pageName(i), "image-only page", "This page is only an image, with no text: a scan without text recognition. Screen readers find nothing on it. Publish the original document, or run OCR on the scan, check the text and tag it."))
		}
	}
	return document.Tally(document.PDFText.ID, passed, nodes)
}

// figureWithAlt reports whether a Figure (or another element) with
// alternative text has content on page i.
func (d *doc) figureWithAlt(i int) bool {
	for _, e := range d.tree.all {
		if e.pages[i] && (strings.TrimSpace(e.alt) != "" || strings.TrimSpace(e.actual) != "") {
			return true
		}
	}
	return false
}

func figureAlt(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	for _, e := range d.tree.all {
		if e.typ != "Figure" {
			continue
		}
		if strings.TrimSpace(e.alt) != "" || strings.TrimSpace(e.actual) != "" {
			passed++
			continue
		}
		what := "no alternative text (/Alt)"
		if e.hasAlt {
			what = "an empty alternative text"
		}
		nodes = append(nodes, fail(d.where(e), snippet(e), "This figure has %s, so screen readers cannot say what it shows. Add alt text that says what the image tells; if it is decoration, make it an artifact instead of a figure.", what))
	}
	return document.Tally(document.PDFFigureAlt.ID, passed, nodes)
}

// cells returns the rows of a table and the cells of each, not looking
// into nested tables.
func cells(t *element) (rows [][]*element) {
	var walk func(e *element)
	walk = func(e *element) {
		for _, k := range e.kids {
			switch k.typ {
			case "Table":
			case "TR":
				var row []*element
				for _, c := range k.kids {
					if c.typ == "TH" || c.typ == "TD" {
						row = append(row, c)
					}
				}
				rows = append(rows, row)
			default:
				walk(k)
			}
		}
	}
	walk(t)
	return rows
}

func tableHeaders(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	for _, e := range d.tree.all {
		if e.typ != "Table" {
			continue
		}
		rows := cells(e)
		cols, th := 0, false
		for _, r := range rows {
			cols = max(cols, len(r))
			for _, c := range r {
				th = th || c.typ == "TH"
			}
		}
		// A cell tagged TD whose raw type maps… is still a data cell.
		switch {
		case th:
			passed++
		case len(rows) >= 2 && cols >= 2:
			nodes = append(nodes, fail(d.where(e), snippet(e), "This table (%d rows, %d columns) has no header cells (TH), so screen readers cannot say which column or row a cell belongs to. Mark the header row (and column) as headers in the authoring program, or tag them TH.", len(rows), cols))
		case len(rows) > 0:
			nodes = append(nodes, document.Node{Outcome: cantTell, Where: d.where(e), Snippet: snippet(e),
				Message: "This one-row or one-column table has no header cells (TH). If it is a data table, mark its headers; if it only lays content out, tag it as paragraphs or a list instead."})
		}
	}
	return document.Tally(document.PDFTableHeaders.ID, passed, nodes)
}

// transparent are grouping types a list may hold between L and LI.
var transparent = []string{"NonStruct", "Div", "Part", "Sect"}

func listStructure(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	parentType := func(e *element) string {
		for p := e.parent; p != nil; p = p.parent {
			if !slices.Contains(transparent, p.typ) {
				return p.typ
			}
		}
		return ""
	}
	for _, e := range d.tree.all {
		switch e.typ {
		case "LI":
			if pt := parentType(e); pt != "L" {
				nodes = append(nodes, fail(d.where(e), snippet(e), "This list item is not inside a list (L) but in %s, so screen readers do not announce a list. Tag the list as L with LI items.", orNone(pt)))
			}
		case "LBody", "Lbl":
			if pt := parentType(e); pt != "LI" {
				nodes = append(nodes, fail(d.where(e), snippet(e), "This %s is not inside a list item (LI) but in %s. Tag each item as LI holding its Lbl and LBody.", e.typ, orNone(pt)))
			}
		case "L":
			bad := ""
			for _, k := range e.kids {
				if !slices.Contains([]string{"LI", "L", "Caption", "NonStruct", "Artifact"}, k.typ) {
					bad = k.typ
					break
				}
			}
			if bad != "" {
				nodes = append(nodes, fail(d.where(e), snippet(e), "This list (L) holds a %s element: a list holds list items (LI), each with its label (Lbl) and body (LBody). Fix the tags so that screen readers count the items right.", bad))
			} else {
				passed++
			}
		}
	}
	return document.Tally(document.PDFListStructure.ID, passed, nodes)
}

func orNone(t string) string {
	if t == "" {
		return "no element"
	}
	return t
}

// annotations calls fn with each annotation of each page.
func (d *doc) annotations(fn func(i int, a annot)) {
	for i, p := range d.pages {
		for _, a := range p.annots {
			fn(i, a)
		}
	}
}

func annotName(a annot) string { return "/" + string(a.subtype) + " annotation" }

func (d *doc) elementOf(a annot) *element {
	if a.ref.num == 0 {
		return nil
	}
	return d.tree.objs[a.ref.num]
}

func formFieldName(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	d.annotations(func(i int, a annot) {
		if a.subtype != "Widget" || a.hidden || a.field == nil {
			return
		}
		if strings.TrimSpace(a.field.tu) != "" {
			passed++
			return
		}
		if e := d.elementOf(a); e != nil && strings.TrimSpace(e.alt) != "" {
			passed++
			return
		}
		name := a.field.name
		if name == "" {
			name = "(unnamed)"
		}
		nodes = append(nodes, fail(pageName(i), fmt.Sprintf("form field %q", name), "This form field has no name for users: no tooltip (/TU) and no alternative text on its Form tag, so screen readers announce only its type. Fill in the field's Tooltip in Acrobat's field properties."))
	})
	return document.Tally(document.PDFFormFieldName.ID, passed, nodes)
}

func annotationsTagged(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	d.annotations(func(i int, a annot) {
		if a.hidden || a.subtype == "Popup" || a.subtype == "PrinterMark" {
			return
		}
		e := d.elementOf(a)
		want := "Annot"
		switch a.subtype {
		case "Link":
			want = "Link"
		case "Widget":
			want = "Form"
		}
		switch {
		case e == nil || !a.structParent:
			nodes = append(nodes, fail(pageName(i), annotName(a), "This %s annotation is not in the structure tree, so screen readers do not reach it in the reading order. Tag it inside a %s element.", a.subtype, want))
		case e.typ != want:
			nodes = append(nodes, fail(pageName(i), annotName(a), "This %s annotation is tagged inside a %s element, not %s. Tag it as %s so that screen readers present it as one.", a.subtype, e.typ, want, want))
		default:
			passed++
		}
	})
	return document.Tally(document.PDFAnnotationsTagged.ID, passed, nodes)
}

func tabOrder(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	for i, p := range d.pages {
		if len(p.annots) == 0 {
			continue
		}
		switch p.tabs {
		case "S":
			passed++
		case "":
			nodes = append(nodes, fail(pageName(i), "/Tabs", "This page has links or form fields but no tab order (/Tabs): keyboard users may move through them out of the reading order. Set the page's tab order to Use Document Structure (Acrobat: Page Properties › Tab Order)."))
		default:
			nodes = append(nodes, fail(pageName(i), "/Tabs /"+string(p.tabs), "This page's tab order is /%s, not the document structure (/S): keyboard users may move through its links and fields out of the reading order. Set it to Use Document Structure (Acrobat: Page Properties › Tab Order).", p.tabs))
		}
	}
	return document.Tally(document.PDFTabOrder.ID, passed, nodes)
}

func linkDescription(d *doc) document.Result {
	var nodes []document.Node
	passed := 0
	d.annotations(func(i int, a annot) {
		if a.subtype != "Link" || a.hidden {
			return
		}
		if strings.TrimSpace(a.contents) != "" {
			passed++
			return
		}
		nodes = append(nodes, fail(pageName(i), annotName(a), "This link has no description (/Contents), which PDF/UA-1 requires and screen readers announce. Add a description that says where the link leads; programs that export PDF/UA fill it in from the link text."))
	})
	return document.Tally(document.PDFLinkDescription.ID, passed, nodes)
}

func permissions(d *doc) document.Result {
	if !d.encrypted {
		return document.Tally(document.PDFPermissions.ID, 0, nil)
	}
	bit := int64(1 << 9) // bit 10: extract content for accessibility
	if d.rev == 2 {
		bit = 1 << 4 // revision 2 has no bit 10: bit 5 covers all extraction
	}
	if d.p&bit != 0 {
		return document.Tally(document.PDFPermissions.ID, 1, nil)
	}
	return document.Tally(document.PDFPermissions.ID, 0, []document.Node{fail("document", fmt.Sprintf("/P %d", d.p),
		"The PDF's security settings forbid content extraction for accessibility (bit 10 of /P), so screen readers that obey them cannot read it. Allow \"text access for screen reader devices\" in the security settings, or remove the security.")})
}

func bookmarks(d *doc) document.Result {
	n := len(d.facts.pages)
	if n <= 20 {
		return document.Tally(document.PDFBookmarks.ID, 0, nil)
	}
	if d.facts.bookmarks > 0 {
		return document.Tally(document.PDFBookmarks.ID, 1, nil)
	}
	return document.Tally(document.PDFBookmarks.ID, 0, []document.Node{fail("document", "/Outlines",
		"This document has %d pages and no bookmarks to jump to its sections. Export bookmarks from the headings (Word: Save as PDF › Options › Create bookmarks using headings).", n)})
}

func headingLevel(t string) int {
	if len(t) == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6' {
		return int(t[1] - '0')
	}
	return 0
}

func headings(d *doc) document.Result {
	if !d.tree.present || len(d.facts.pages) < 5 {
		return document.Tally(document.PDFHeadings.ID, 0, nil)
	}
	n := 0
	for _, e := range d.tree.all {
		if e.typ == "H" || headingLevel(e.typ) > 0 {
			n++
		}
	}
	if n > 0 {
		return document.Tally(document.PDFHeadings.ID, n, nil)
	}
	return document.Tally(document.PDFHeadings.ID, 0, []document.Node{fail("document", "no <H1>–<H6>",
		"This %d-page document has no tagged headings, so screen reader users cannot get an overview or jump between sections. Use heading styles in the authoring program and export with tags.", len(d.facts.pages))})
}

func headingLevels(d *doc) document.Result {
	var nodes []document.Node
	passed, prev := 0, 0
	for _, e := range d.tree.all {
		lvl := headingLevel(e.typ)
		if lvl == 0 {
			continue
		}
		switch {
		case prev == 0 && lvl != 1:
			nodes = append(nodes, fail(d.where(e), snippet(e), "The first heading is %s, not H1 (Matterhorn 14-002). Start the headings at level 1.", e.typ))
		case prev > 0 && lvl > prev+1:
			nodes = append(nodes, fail(d.where(e), snippet(e), "This %s follows an H%d: heading levels skip (Matterhorn 14-003), which suggests a missing section to screen reader users. Use the levels in order.", e.typ, prev))
		default:
			passed++
		}
		prev = lvl
	}
	return document.Tally(document.PDFHeadingLevels.ID, passed, nodes)
}
