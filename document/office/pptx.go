package office

import (
	"encoding/xml"
	"fmt"
	"path"
	"strings"

	"saavu/document"
)

// pptx checks a PowerPoint presentation (its slides).
type pptx struct {
	title  string
	langs  []string
	images []image
	tables []table
	slides []slide
}

type slide struct {
	where string
	title bool
}

func (d *pptx) read(p *pkg, a *document.Audit) error {
	var err error
	if d.title, err = coreTitle(p); err != nil {
		return err
	}
	a.Title = d.title
	lang := func(stack []xml.StartElement, tok xml.Token) {
		if e, ok := tok.(xml.StartElement); ok && (e.Name.Local == "rPr" || e.Name.Local == "defRPr" || e.Name.Local == "endParaRPr") && len(d.langs) < 50 {
			if v, ok := attr(e, "lang"); ok {
				d.langs = append(d.langs, v)
			}
		}
	}
	if err := p.walk("ppt/presentation.xml", lang); err != nil {
		return err
	}
	slides := p.parts("ppt/slides", "slide")
	if len(slides) == 0 {
		return fmt.Errorf("no slides")
	}
	a.Pages = len(slides)
	for i, name := range slides {
		where := fmt.Sprintf("slide %d", i+1)
		s := slide{where: where}
		inTitle, titleText := false, false
		var frame, last *image
		frameTable := false
		err := p.walk(name, func(stack []xml.StartElement, tok xml.Token) {
			lang(stack, tok)
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "sp":
					inTitle = false
				case "ph":
					if v, _ := attr(t, "type"); v == "title" || v == "ctrTitle" {
						inTitle = true
					}
				case "graphicFrame":
					frame, frameTable = nil, false
				case "cNvPr":
					// Pictures, and graphic frames (charts, not tables:
					// a frame's kind shows after its cNvPr).
					name, _ := attr(t, "name")
					descr, _ := attr(t, "descr")
					title, _ := attr(t, "title")
					im := image{where: where, name: name, alt: descr + title}
					switch {
					case in(stack, "nvPicPr"):
						d.images = append(d.images, im)
						last = &d.images[len(d.images)-1]
					case in(stack, "nvGraphicFramePr"):
						frame = &im
						last = frame
					}
				case "decorative":
					if v, _ := attr(t, "val"); in(stack, "cNvPr") && (v == "1" || v == "true") && last != nil {
						last.decorative = true
					}
				case "tbl":
					frameTable = true
					d.tables = append(d.tables, table{where: where})
				case "tblPr":
					if v, _ := attr(t, "firstRow"); (v == "1" || v == "true") && len(d.tables) > 0 {
						d.tables[len(d.tables)-1].header = true
					}
				case "tr":
					if n := len(d.tables); n > 0 {
						d.tables[n-1].rows++
					}
				case "tc":
					if n := len(d.tables); n > 0 && d.tables[n-1].rows == 1 {
						d.tables[n-1].cols++
					}
				}
			case xml.CharData:
				if inTitle && len(stack) > 0 && stack[len(stack)-1].Name.Local == "t" && strings.TrimSpace(string(t)) != "" {
					titleText = true
				}
			case xml.EndElement:
				if t.Name.Local == "graphicFrame" && frame != nil && !frameTable {
					d.images = append(d.images, *frame)
					frame = nil
				}
				if t.Name.Local == "sp" && inTitle {
					s.title = s.title || titleText
					inTitle = false
				}
			}
		})
		if err != nil {
			return err
		}
		s.where = fmt.Sprintf("%s (%s)", where, path.Base(name))
		d.slides = append(d.slides, s)
	}
	return nil
}

func (d *pptx) results() []document.Result {
	var nodes []document.Node
	passed := 0
	for _, s := range d.slides {
		if s.title {
			passed++
			continue
		}
		nodes = append(nodes, fail(s.where, "no title", "This slide has no title, so screen reader users cannot find it in the list of slides. Give it a title with the layout's title placeholder (it may be moved off the slide if it must not show)."))
	}
	return []document.Result{
		titleResult(d.title, "docProps/core.xml"),
		langResult(d.langs, "ppt/presentation.xml"),
		imageResult(d.images),
		inapplicable(document.OfficeHeadings),
		tableResult(d.tables),
		document.Tally(document.OfficeSlideTitles.ID, passed, nodes),
	}
}
