package checks

// DecorativeNotExposed checks that elements marked as decorative (role
// none or presentation, or an image with alt="") really are left out by
// screen readers (ACT 46ca7f). Browsers ignore the mark when the element
// can take focus or has global ARIA attributes. It is an extra rule: a
// best practice that no WCAG success criterion requires on its own.
var DecorativeNotExposed = &Rule{
	ID:      "decorative-not-exposed",
	Title:   "Elements marked as decorative are hidden from screen readers",
	Doc:     doc("decorative-not-exposed"),
	HelpURL: actRule("46ca7f"),
	ACT:     []string{"46ca7f"},
	Impact:  Minor,
	Run:     runDecorativeNotExposed,
	Extra:   true,
}

// ACT 46ca7f applies to HTML and SVG elements marked as decorative: an
// explicit role of none or presentation, or an img with an empty alt. They
// pass when they are not in the accessibility tree or have the role none
// or presentation.
func runDecorativeNotExposed(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		alt, hasAlt := n.Attr("alt")
		emptyAlt := n.Is("img") && n.Namespace == "" && hasAlt && alt == ""
		if !presentational(n) && !emptyAlt {
			continue
		}
		role := n.Role()
		if !n.Exposed() || isPresentationalRole(role) || role == "generic" || role == "" {
			pass.Passed(n)
			continue
		}
		how := "role=\"" + firstValidRole(n) + "\""
		if !presentational(n) {
			how = "alt=\"\""
		}
		why := msg("it has global ARIA attributes (such as aria-label or aria-labelledby)")
		if n.Focusable() {
			why = msg("it can take keyboard focus")
		}
		pass.Failed(n, "This element is marked as decorative (%s), but %s, so browsers ignore the mark and screen readers announce it as %s. If it is decorative, remove the attributes that expose it (tabindex, aria-*); if it carries information, remove the decorative mark and give it a proper text alternative.", how, why, roleText(role))
	}
	return nil
}

// roleText names a role for people: "a navigation", "an image".
func roleText(role string) Text {
	switch role {
	case "image", "img":
		return msg("an image")
	case "":
		return msg("something")
	}
	return msg(`an element with role "%s"`, role)
}
