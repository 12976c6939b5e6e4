package office

import (
	"encoding/xml"
	"fmt"
	"strings"

	"saavu/document"
)

// odf checks an OpenDocument file (ODT, ODS, ODP): meta.xml, styles.xml
// and content.xml.
type odf struct {
	kind       document.Kind
	title      string
	langs      []string
	images     []image
	tables     []table
	headings   int
	paragraphs int
	slides     []slide
}

func (d *odf) read(p *pkg, a *document.Audit) error {
	if _, ok := p.files["content.xml"]; !ok {
		return fmt.Errorf("no content.xml")
	}
	var title strings.Builder
	err := p.walk("meta.xml", func(stack []xml.StartElement, tok xml.Token) {
		cd, ok := tok.(xml.CharData)
		if !ok || len(stack) == 0 {
			return
		}
		switch stack[len(stack)-1].Name.Local {
		case "title":
			title.Write(cd)
		case "language":
			d.langs = append(d.langs, strings.TrimSpace(string(cd)))
		}
	})
	if err != nil {
		return err
	}
	d.title = strings.TrimSpace(title.String())
	a.Title = d.title
	lang := func(stack []xml.StartElement, tok xml.Token) {
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "text-properties" && len(d.langs) < 50 {
			l, _ := attr(e, "language")
			if l == "" || l == "none" || l == "zxx" {
				return
			}
			if c, ok := attr(e, "country"); ok && c != "" && c != "none" {
				l += "-" + c
			}
			d.langs = append(d.langs, l)
		}
	}
	if err := p.walk("styles.xml", lang); err != nil {
		return err
	}
	var frame *image
	var frameImage bool
	var tbl *table
	var page *slide
	var pageTitle bool
	inTitleFrame := false
	var para strings.Builder
	depth := 0 // table nesting
	err = p.walk("content.xml", func(stack []xml.StartElement, tok xml.Token) {
		lang(stack, tok)
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "frame":
				name, _ := attr(t, "name")
				frame, frameImage = &image{where: "content.xml", name: name}, false
				if page != nil {
					frame.where = page.where
				}
				cls, _ := attr(t, "class")
				inTitleFrame = cls == "title"
			case "image", "object":
				if frame != nil && in(stack, "frame") {
					frameImage = true
				}
			case "title", "desc":
				// svg:title and svg:desc of a frame: read in CharData.
			case "page":
				if t.Name.Space != "" && strings.Contains(t.Name.Space, "drawing") {
					name, _ := attr(t, "name")
					page = &slide{where: fmt.Sprintf("slide %d (%s)", len(d.slides)+1, name)}
					pageTitle = false
				}
			case "table":
				if strings.Contains(t.Name.Space, "table") {
					depth++
					if depth == 1 {
						tbl = &table{where: fmt.Sprintf("content.xml, table %d", len(d.tables)+1), sheet: d.kind == document.ODS}
						if n, ok := attr(t, "name"); ok {
							tbl.where = fmt.Sprintf("table %q", n)
						}
						if page != nil {
							tbl.where = page.where
						}
					}
				}
			case "table-header-rows":
				if tbl != nil && depth == 1 {
					tbl.header = true
				}
			case "table-row":
				if tbl != nil && depth == 1 {
					tbl.rows++
				}
			case "table-cell":
				if tbl != nil && depth == 1 && tbl.rows == 1 {
					tbl.cols++
				}
			case "h":
				if strings.Contains(t.Name.Space, "text") && d.kind == document.ODT {
					d.headings++
				}
			case "p":
				para.Reset()
			}
		case xml.CharData:
			if len(stack) == 0 {
				return
			}
			cur := stack[len(stack)-1]
			switch {
			case frame != nil && (cur.Name.Local == "title" || cur.Name.Local == "desc") && strings.Contains(cur.Name.Space, "svg"):
				frame.alt += string(t)
			case cur.Name.Local == "p" || cur.Name.Local == "span":
				para.Write(t)
				if inTitleFrame && strings.TrimSpace(string(t)) != "" {
					pageTitle = true
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "frame":
				if frame != nil && frameImage {
					d.images = append(d.images, *frame)
				}
				frame, inTitleFrame = nil, false
			case "table":
				if strings.Contains(t.Name.Space, "table") {
					if depth == 1 && tbl != nil {
						d.tables = append(d.tables, *tbl)
						tbl = nil
					}
					depth--
				}
			case "page":
				if page != nil {
					page.title = pageTitle
					d.slides = append(d.slides, *page)
					page = nil
				}
			case "p":
				if d.kind == document.ODT && strings.TrimSpace(para.String()) != "" && !in(stack[:len(stack)-1], "table") && !in(stack[:len(stack)-1], "frame") {
					d.paragraphs++
				}
			}
		}
	})
	if d.kind == document.ODP {
		a.Pages = len(d.slides)
	}
	return err
}

func (d *odf) results() []document.Result {
	out := []document.Result{
		titleResult(d.title, "meta.xml"),
		langResult(d.langs, "meta.xml, styles.xml"),
		imageResult(d.images),
		tableResult(d.tables),
	}
	if d.kind == document.ODT {
		out = append(out, headingsResult(d.headings, d.paragraphs, nil, "content.xml"))
	} else {
		out = append(out, inapplicable(document.OfficeHeadings))
	}
	if d.kind == document.ODP {
		var nodes []document.Node
		passed := 0
		for _, s := range d.slides {
			if s.title {
				passed++
				continue
			}
			nodes = append(nodes, fail(s.where, "no title", "This slide has no title, so screen reader users cannot find it in the list of slides. Give it a title with the layout's title placeholder."))
		}
		out = append(out, document.Tally(document.OfficeSlideTitles.ID, passed, nodes))
	} else {
		out = append(out, inapplicable(document.OfficeSlideTitles))
	}
	return out
}
