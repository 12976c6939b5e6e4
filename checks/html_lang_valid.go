package checks

// HTMLLangValid checks that the language the page states is a real
// language code (ACT bf051a).
var HTMLLangValid = &Rule{
	ID:      "html-lang-valid",
	Title:   "Page language is a valid language code",
	Doc:     doc("html-lang-valid"),
	HelpURL: understanding("3.1.1"),
	WCAG:    []string{"3.1.1"},
	ACT:     []string{"bf051a"},
	Impact:  Serious,
	Run:     runHTMLLangValid,
}

func runHTMLLangValid(pass *Pass) error {
	root := htmlRoot(pass.Page)
	if root == nil {
		return nil
	}
	v, ok := root.Attr("lang")
	if !ok || isBlank(v) {
		return nil // html-has-lang reports these
	}
	if validLanguageTag(v) {
		pass.Passed(root)
		return nil
	}
	pass.Failed(root, "The page's language lang=%q is not a known language code, so screen readers cannot choose the right voice and pronunciation. %s", v, langHint(v))
	return nil
}
