package office

import (
	"encoding/xml"
	"fmt"
	"path"

	"saavu/document"
)

// xlsx checks an Excel workbook: its drawings (pictures, charts) and its
// tables. Workbooks store no document language.
type xlsx struct {
	title  string
	images []image
	tables []table
	sheets int
}

func (d *xlsx) read(p *pkg, a *document.Audit) error {
	var err error
	if d.title, err = coreTitle(p); err != nil {
		return err
	}
	a.Title = d.title
	if _, ok := p.files["xl/workbook.xml"]; !ok {
		return fmt.Errorf("no xl/workbook.xml")
	}
	d.sheets = len(p.parts("xl/worksheets", "sheet"))
	a.Pages = d.sheets
	for _, name := range p.parts("xl/drawings", "drawing") {
		where := path.Base(name)
		var last *image
		err := p.walk(name, func(stack []xml.StartElement, tok xml.Token) {
			t, ok := tok.(xml.StartElement)
			if !ok {
				return
			}
			switch t.Name.Local {
			case "cNvPr":
				if in(stack, "nvPicPr") || in(stack, "nvGraphicFramePr") {
					name, _ := attr(t, "name")
					descr, _ := attr(t, "descr")
					title, _ := attr(t, "title")
					d.images = append(d.images, image{where: where, name: name, alt: descr + title})
					last = &d.images[len(d.images)-1]
				}
			case "decorative":
				if v, _ := attr(t, "val"); in(stack, "cNvPr") && (v == "1" || v == "true") && last != nil {
					last.decorative = true
				}
			}
		})
		if err != nil {
			return err
		}
	}
	for _, name := range p.parts("xl/tables", "table") {
		tb := table{where: path.Base(name), header: true}
		err := p.walk(name, func(stack []xml.StartElement, tok xml.Token) {
			if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "table" && len(stack) == 1 {
				if v, ok := attr(t, "headerRowCount"); ok && v == "0" {
					tb.header = false
					tb.rows, tb.cols = 2, 2
				}
			}
		})
		if err != nil {
			return err
		}
		d.tables = append(d.tables, tb)
	}
	return nil
}

func (d *xlsx) results() []document.Result {
	tables := d.tables
	if len(tables) == 0 && d.sheets > 0 {
		tables = []table{{where: "the workbook", sheet: true}}
	}
	return []document.Result{
		titleResult(d.title, "docProps/core.xml"),
		document.Tally(document.OfficeLang.ID, 0, []document.Node{review("the workbook", "language",
			"Excel workbooks store no document language: check that the text's language is set (Review › Language), so that screen readers pronounce it right.")}),
		imageResult(d.images),
		inapplicable(document.OfficeHeadings),
		tableResult(tables),
		inapplicable(document.OfficeSlideTitles),
	}
}
