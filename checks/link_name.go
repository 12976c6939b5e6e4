package checks

// LinkName checks that links have an accessible name (ACT c487ae).
var LinkName = &Rule{
	ID:      "link-name",
	Title:   "Links have a name",
	Doc:     doc("link-name"),
	HelpURL: understanding("2.4.4"),
	WCAG:    []string{"2.4.4", "4.1.2"},
	ACT:     []string{"c487ae"},
	Impact:  Serious,
	Run:     runLinkName,
}

// linkRoles are the link role and the DPUB roles that inherit from it, as
// Chrome reports them.
var linkRoles = map[string]bool{"link": true, "doc-backlink": true, "doc-biblioref": true, "doc-glossref": true, "doc-noteref": true}

// ACT c487ae applies to HTML elements that are an inheriting semantic link
// included in the accessibility tree; <a> without href is not a link.
func runLinkName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" || !n.Exposed() || !linkRoles[n.Role()] || ariaHidden(n) {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		if n.Is("area") {
			pass.Failed(n, "This image map area is a link without a text alternative, so screen readers cannot say where it goes. Add an alt attribute to the <area> that says where the link goes, e.g. alt=\"Sports park\".")
			continue
		}
		why, _, kind := emptyNameWhy(n, true)
		pass.Failed(n, "This link has no text that a screen reader can announce: %s. %s", why, contentFix(kind, "link"))
	}
	return nil
}
