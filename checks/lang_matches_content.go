package checks

// LangMatchesContent checks that the language stated on a part of the page
// is the language of that part's text (ACT off6ek).
var LangMatchesContent = &Rule{
	ID:      "lang-matches-content",
	Title:   "Language changes match the language of the text",
	Doc:     doc("lang-matches-content"),
	HelpURL: understanding("3.1.2"),
	WCAG:    []string{"3.1.2"},
	ACT:     []string{"off6ek"},
	Impact:  Serious,
	Run:     runLangMatchesContent,
}

func runLangMatchesContent(pass *Pass) error {
	if htmlRoot(pass.Page) == nil {
		return nil
	}
	for _, n := range pass.Page.Elements() {
		v, ok := n.Attr("lang")
		if !ok || n.Namespace != "" || n.Frame != 0 || n.Closest("body") == nil || !validLanguageTag(v) {
			continue
		}
		text, words := langText(n)
		switch o, found, code := langVerdict(primaryLanguage(v), text); o {
		case Passed:
			pass.Passed(n)
		case Failed:
			pass.Failed(n, "This part says its language is %s, but its text is in %s (%d words checked), so screen readers read it with the wrong pronunciation. %s",
				langLabel(v), found, words, langFix(false, code))
		case CantTell:
			pass.CantTell(n, "This part says its language is %s, but its text looks like %s. Check its language and correct the lang attribute (lang=%q) if needed.", langLabel(v), found, code)
		default:
			if words > 0 {
				pass.CantTell(n, "This part says its language is %s; saavu cannot tell the language of its text (%s). Check that the text is in that language.", langLabel(v), sample(text, words))
			}
		}
	}
	return nil
}
