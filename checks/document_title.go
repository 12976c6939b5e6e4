package checks

import "strings"

// DocumentTitle checks that the page has a non-empty title (ACT 2779a5).
var DocumentTitle = &Rule{
	ID:      "document-title",
	Title:   "Page has a title",
	Doc:     doc("document-title"),
	HelpURL: understanding("2.4.2"),
	WCAG:    []string{"2.4.2"},
	ACT:     []string{"2779a5"},
	Impact:  Serious,
	Run:     runDocumentTitle,
}

func runDocumentTitle(pass *Pass) error {
	root := pass.Page.Root()
	if root == nil || !root.Is("html") {
		return nil // not an HTML document: inapplicable
	}
	var title *Node
	for _, n := range pass.Page.Elements() {
		if n.Is("title") && n.Namespace == "" && n.Frame == 0 && n.Shadow == "" {
			title = n
			break
		}
	}
	switch {
	case title == nil:
		pass.Failed(root, "The page has no <title> element. Add a <title> in <head> that names the page and the site, e.g. \"Opening hours – City Library – Example City\".")
	case strings.TrimSpace(title.TextContent()) == "":
		pass.Failed(title, "The <title> element is empty. Write a title that names the page and the site.")
	default:
		pass.Passed(title)
	}
	return nil
}
