package checks

// HTMLLangMatchesContent checks that the language the page states is the
// language its text is written in (ACT ucwvc8).
var HTMLLangMatchesContent = &Rule{
	ID:      "html-lang-matches-content",
	Title:   "Page language matches the language of its text",
	Doc:     doc("html-lang-matches-content"),
	HelpURL: understanding("3.1.1"),
	WCAG:    []string{"3.1.1"},
	ACT:     []string{"ucwvc8"},
	Impact:  Serious,
	Run:     runHTMLLangMatchesContent,
}

func runHTMLLangMatchesContent(pass *Pass) error {
	root := htmlRoot(pass.Page)
	if root == nil {
		return nil
	}
	v, ok := root.Attr("lang")
	if !ok || !validLanguageTag(v) {
		return nil // html-has-lang and html-lang-valid report these
	}
	text, words := langText(root)
	switch o, found, code := langVerdict(primaryLanguage(v), text); o {
	case Passed:
		pass.Passed(root)
	case Failed:
		pass.Failed(root, "The page says its language is %s, but its text is in %s (%d words checked). Screen readers read the whole page with the pronunciation of the stated language, which makes it hard or impossible to understand. %s",
			langLabel(v), found, words, langFix(true, code))
	case CantTell:
		pass.CantTell(root, "The page says its language is %s, but much of its text looks like %s. Check which language most of the page is in and set that on the <html> element (lang=%q); mark passages in other languages with their own lang attribute.", langLabel(v), found, code)
	default:
		if words > 0 {
			pass.CantTell(root, "The page says its language is %s; saavu cannot tell the language of its text (%s). Check that most of the page's text is in that language.", langLabel(v), sample(text, words))
		}
	}
	return nil
}
