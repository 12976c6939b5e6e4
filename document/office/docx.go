package office

import (
	"encoding/xml"
	"fmt"
	"strings"

	"saavu/document"
)

// docx checks a Word document (word/document.xml and its styles).
type docx struct {
	title      string
	langs      []string
	images     []image
	tables     []table
	headings   int
	paragraphs int
	fake       []document.Node
}

func (d *docx) read(p *pkg, a *document.Audit) error {
	var err error
	if d.title, err = coreTitle(p); err != nil {
		return err
	}
	a.Title = d.title
	// Heading styles: those with an outline level, or named "heading N"
	// or "Title".
	headingStyles := map[string]bool{}
	cur := ""
	err = p.walk("word/styles.xml", func(stack []xml.StartElement, tok xml.Token) {
		e, ok := tok.(xml.StartElement)
		if !ok {
			return
		}
		switch e.Name.Local {
		case "style":
			cur, _ = attr(e, "styleId")
		case "name":
			if v, _ := attr(e, "val"); in(stack, "style") && (strings.HasPrefix(strings.ToLower(v), "heading") || strings.EqualFold(v, "title")) {
				headingStyles[cur] = true
			}
		case "outlineLvl":
			if in(stack, "style") {
				headingStyles[cur] = true
			}
		case "lang":
			if in(stack, "docDefaults") {
				if v, ok := attr(e, "val"); ok {
					d.langs = append(d.langs, v)
				}
			}
		}
	})
	if err != nil {
		return err
	}
	if _, ok := p.files["word/document.xml"]; !ok {
		return fmt.Errorf("no word/document.xml")
	}
	// The paragraph being read.
	var para struct {
		style             string
		outline, bold     bool
		runs, boldRuns    int
		text              strings.Builder
		runBold, runTextd bool
	}
	var img *image
	type tbl struct {
		rows, cols, cells int
		header            bool
	}
	var tbls []*tbl
	docLangs := 0
	err = p.walk("word/document.xml", func(stack []xml.StartElement, tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				para.style, para.outline, para.runs, para.boldRuns = "", false, 0, 0
				para.text.Reset()
			case "pStyle":
				para.style, _ = attr(t, "val")
			case "outlineLvl":
				para.outline = true
			case "r":
				para.runBold, para.runTextd = false, false
			case "b":
				if v, _ := attr(t, "val"); v != "0" && v != "false" && in(stack, "rPr") && !in(stack, "pPr") {
					para.runBold = true
				}
			case "lang":
				if v, ok := attr(t, "val"); ok && docLangs < 50 {
					d.langs = append(d.langs, v)
					docLangs++
				}
			case "docPr":
				name, _ := attr(t, "name")
				descr, _ := attr(t, "descr")
				title, _ := attr(t, "title")
				img = &image{where: fmt.Sprintf("word/document.xml, image %d", len(d.images)+1), name: name, alt: descr + title}
				d.images = append(d.images, *img)
			case "decorative":
				if v, _ := attr(t, "val"); in(stack, "docPr") && (v == "1" || v == "true") && len(d.images) > 0 {
					d.images[len(d.images)-1].decorative = true
				}
			case "tbl":
				tbls = append(tbls, &tbl{})
			case "tr":
				if n := len(tbls); n > 0 {
					tbls[n-1].rows++
					tbls[n-1].cells = 0
				}
			case "tc":
				if n := len(tbls); n > 0 {
					tbls[n-1].cells++
					tbls[n-1].cols = max(tbls[n-1].cols, tbls[n-1].cells)
				}
			case "tblHeader":
				if n := len(tbls); n > 0 && tbls[n-1].rows == 1 {
					if v, _ := attr(t, "val"); v != "0" && v != "false" {
						tbls[n-1].header = true
					}
				}
			}
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].Name.Local == "t" {
				para.text.Write(t)
				if !para.runTextd {
					para.runTextd = true
					para.runs++
					if para.runBold {
						para.boldRuns++
					}
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				text := strings.TrimSpace(para.text.String())
				if text == "" || in(stack[:len(stack)-1], "tbl") {
					return
				}
				d.paragraphs++
				switch {
				case para.outline || headingStyles[para.style]:
					d.headings++
				case para.runs > 0 && para.boldRuns == para.runs && len(text) <= 80 && !strings.HasSuffix(text, ".") && len(d.fake) < 20:
					d.fake = append(d.fake, review(fmt.Sprintf("word/document.xml, paragraph %d", d.paragraphs), clip(text),
						"This short paragraph is all bold: if it is a heading, give it a heading style (Heading 1, Heading 2…) so that it can be navigated and is tagged as one."))
				}
			case "tbl":
				if n := len(tbls); n > 0 {
					t := tbls[n-1]
					tbls = tbls[:n-1]
					d.tables = append(d.tables, table{where: fmt.Sprintf("word/document.xml, table %d", len(d.tables)+1), rows: t.rows, cols: t.cols, header: t.header})
				}
			}
		}
	})
	return err
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func (d *docx) results() []document.Result {
	return []document.Result{
		titleResult(d.title, "docProps/core.xml"),
		langResult(d.langs, "word/styles.xml"),
		imageResult(d.images),
		headingsResult(d.headings, d.paragraphs, d.fake, "word/document.xml"),
		tableResult(d.tables),
		inapplicable(document.OfficeSlideTitles),
	}
}

// headingsResult is office-headings for a text document.
func headingsResult(headings, paragraphs int, fake []document.Node, where string) document.Result {
	if headings > 0 {
		return document.Tally(document.OfficeHeadings.ID, headings, fake)
	}
	if paragraphs > 15 {
		return document.Tally(document.OfficeHeadings.ID, 0, append([]document.Node{fail(where, "no heading styles",
			"This document of %d paragraphs uses no heading styles, so it cannot be navigated by headings and becomes a PDF without heading tags. Apply Heading 1, Heading 2… to its headings.", paragraphs)}, fake...))
	}
	return document.Tally(document.OfficeHeadings.ID, 0, fake)
}
