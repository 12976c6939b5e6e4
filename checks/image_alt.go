package checks

// ImageAlt checks that images have a text alternative or are marked as
// decorative (ACT 23a2a8).
var ImageAlt = &Rule{
	ID:      "image-alt",
	Title:   "Images have a text alternative",
	Doc:     doc("image-alt"),
	HelpURL: understanding("1.1.1"),
	WCAG:    []string{"1.1.1"},
	ACT:     []string{"23a2a8"},
	Impact:  Critical,
	Run:     runImageAlt,
}

// ACT 23a2a8 applies to HTML img elements and HTML elements whose semantic
// role is img, unless programmatically hidden. It passes when the name is
// not empty or the role is none/presentation (decorative).
func runImageAlt(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" {
			continue // svg-img-alt tests SVG
		}
		isImg := n.Is("img")
		if !isImg && !(n.Exposed() && n.Role() == "image") {
			continue
		}
		if programmaticallyHidden(n) {
			continue
		}
		if isImg && !n.HasAttr("src") && !n.HasAttr("srcset") && n.Closest("picture") == nil &&
			(n.Style("background-image") == "" || n.Style("background-image") == "none") {
			continue // renders no image
		}
		if !n.Exposed() || n.Role() == "none" || n.Role() == "presentation" {
			// Chrome leaves decorative images (alt="", role="none") out
			// of the accessibility tree. One left out for another reason
			// (inert, behind a modal dialog) is not tested.
			if alt, ok := n.Attr("alt"); (ok && alt == "") || presentational(n) {
				pass.Passed(n)
			}
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		pass.Failed(n, "%s", imageAltMessage(n))
	}
	return nil
}

func imageAltMessage(n *Node) Text {
	fix := msg("If the image gives information, write what it tells in the alt text (e.g. alt=\"Map of the city centre\"); if it is only decoration, use an empty alt=\"\".")
	switch controlOf(n) {
	case "link":
		fix = msg("The image is inside a link: write in the alt text where the link goes (e.g. alt=\"Front page\"). An empty alt is right only if the link has other text.")
	case "button":
		fix = msg("The image is inside a button: write in the alt text what the button does (e.g. alt=\"Search\"). An empty alt is right only if the button has other text.")
	}
	alt, hasAlt := n.Attr("alt")
	problems := labelProblems(n)
	switch {
	case n.Is("img") && (presentational(n) || hasAlt && alt == ""):
		how := "alt=\"\""
		if presentational(n) {
			how = "role=\"" + firstValidRole(n) + "\""
		}
		if n.Focusable() {
			return msg("This image is marked as decorative (%s), but it can take keyboard focus, so browsers ignore that and announce an image without a name. Remove the tabindex (or the aria-* attributes) to keep it decorative, or give it an alt text.", how)
		}
		return msg("This image is marked as decorative (%s), but it has global ARIA attributes, so browsers ignore that and announce an image without a name. Remove the tabindex (or the aria-* attributes) to keep it decorative, or give it an alt text.", how)
	case !n.Is("img"):
		why := msg("it has no aria-label or aria-labelledby")
		if len(problems) > 0 {
			why = andText(problems)
		}
		return msg("This element is marked as an image (role=\"img\"), but screen readers get no text for it: %s. Add aria-label with what the image tells, or remove role=\"img\" if it is only decoration.", why)
	case hasAlt && blank(alt) && alt != "":
		return msg("This image's alt text is only white space, so screen readers announce it as an unnamed image. %s", fix)
	case !hasAlt:
		if len(problems) > 0 {
			return msg("This image has no alt attribute and %s, so screen readers announce it as an unnamed image or read out its file name. %s", andText(problems), fix)
		}
		return msg("This image has no alt attribute, so screen readers announce it as an unnamed image or read out its file name. %s", fix)
	}
	if len(problems) > 0 {
		return msg("This image has no text alternative: %s. %s", andText(problems), fix)
	}
	return msg("This image has no text alternative. %s", fix)
}

// controlOf returns "link" or "button" when the image is inside one.
func controlOf(n *Node) string {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if !e.Exposed() {
			continue
		}
		switch {
		case linkRoles[e.Role()]:
			return "link"
		case buttonRoles[e.Role()]:
			return "button"
		}
	}
	return ""
}
