package checks

// HTMLHasLang checks that the page says which language it is in (ACT
// b5c3f8).
var HTMLHasLang = &Rule{
	ID:      "html-has-lang",
	Title:   "Page states its language",
	Doc:     doc("html-has-lang"),
	HelpURL: understanding("3.1.1"),
	WCAG:    []string{"3.1.1"},
	ACT:     []string{"b5c3f8"},
	Impact:  Serious,
	Run:     runHTMLHasLang,
}

func runHTMLHasLang(pass *Pass) error {
	root := htmlRoot(pass.Page)
	if root == nil {
		return nil // not an HTML page: inapplicable
	}
	v, ok := root.Attr("lang")
	switch {
	case !ok && root.HasAttr("xml:lang"):
		pass.Failed(root, "The <html> element has xml:lang but no lang attribute, and in an HTML page browsers and screen readers read only lang. Add lang with the page's main language, e.g. <html lang=\"fi\"> for Finnish or <html lang=\"sv\"> for Swedish.")
	case !ok:
		pass.Failed(root, "The page does not say which language it is in: the <html> element has no lang attribute, so screen readers may read it with the wrong pronunciation. Add the page's main language, e.g. <html lang=\"fi\"> for Finnish or <html lang=\"sv\"> for Swedish.")
	case isBlank(v):
		pass.Failed(root, "The lang attribute of the <html> element is empty, so screen readers do not know which language to read the page in. Fill in the page's main language, e.g. lang=\"fi\" for Finnish or lang=\"sv\" for Swedish.")
	default:
		pass.Passed(root)
	}
	return nil
}

// htmlRoot returns the html element of the page when the page is an HTML
// document (not SVG, XML or XHTML), or nil.
func htmlRoot(p *Page) *Node {
	if p.ContentType != "" && p.ContentType != "text/html" {
		return nil
	}
	root := p.Root()
	if root == nil || !root.Is("html") {
		return nil
	}
	return root
}
