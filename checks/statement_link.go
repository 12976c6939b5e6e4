package checks

import (
	"net/url"
	"strings"
)

// StatementLink checks that the page links to an accessibility statement.
// It cites no WCAG criterion: the duty comes from the Web Accessibility
// Directive (EU) 2016/2102 art. 7 and Implementing Decision (EU)
// 2018/1523, whose recital 4 asks for the statement to be reachable from
// every page of the site. It is an extra rule: `saavu crawl --sample`
// runs it, as the statement workflow does (docs/statement.md).
var StatementLink = &Rule{
	ID:      "statement-link",
	Title:   "Page links to the accessibility statement",
	Doc:     doc("statement-link"),
	HelpURL: "https://eur-lex.europa.eu/eli/dec_impl/2018/1523/oj",
	Impact:  Moderate,
	Extra:   true,
	Run:     runStatementLink,
}

// statementWords are the words of a link to an accessibility statement,
// in its text or its address, lower-case and without accents: Finnish,
// Swedish (Finland's "tillgänglighetsutlåtande", Sweden's
// "tillgänglighetsredogörelse") and English.
var statementWords = []string{"saavutettavuus", "tillganglighet", "accessibility"}

func runStatementLink(pass *Pass) error {
	root := pass.Page.Root()
	if root == nil || !root.Is("html") {
		return nil // not an HTML document: inapplicable
	}
	if isStatementPage(pass.Page) {
		pass.Passed(root)
		return nil
	}
	found := false
	for _, n := range allElements(pass.Page) {
		if !n.Is("a", "area") || n.Namespace != "" || !n.HasAttr("href") {
			continue
		}
		if mentionsStatement(n.AccessibleName()) || mentionsStatement(n.TextContent()) ||
			mentionsStatement(n.AttrOr("title", "")) || mentionsStatement(hrefPath(n.AttrOr("href", ""))) {
			pass.Passed(n)
			found = true
		}
	}
	if !found {
		pass.Failed(root, "The page has no link to an accessibility statement. The EU model statement asks for a link on every page, usually in the footer: add one whose text names the statement, e.g. \"Saavutettavuusseloste\", \"Tillgänglighetsutlåtande\" or \"Accessibility statement\".")
	}
	return nil
}

// isStatementPage reports whether the page is itself an accessibility
// statement: its title or address says so.
func isStatementPage(p *Page) bool {
	return mentionsStatement(p.Title) || mentionsStatement(hrefPath(p.FinalURL)) || mentionsStatement(hrefPath(p.URL))
}

// hrefPath returns the path and query of an address, decoded, for
// matching words ("/tillg%C3%A4nglighet" is "/tillgänglighet").
func hrefPath(href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return href
	}
	return u.Path + " " + u.RawQuery + " " + u.Fragment
}

func mentionsStatement(s string) bool {
	s = strings.NewReplacer("ä", "a", "å", "a", "ö", "o", "Ä", "a", "Å", "a", "Ö", "o").Replace(strings.ToLower(s))
	for _, w := range statementWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
