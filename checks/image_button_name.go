package checks

// ImageButtonName checks that image buttons (input type=image) have a text
// alternative (ACT 59796f).
var ImageButtonName = &Rule{
	ID:      "image-button-name",
	Title:   "Image buttons have a text alternative",
	Doc:     doc("image-button-name"),
	HelpURL: understanding("1.1.1"),
	WCAG:    []string{"1.1.1", "4.1.2"},
	ACT:     []string{"59796f"},
	Impact:  Critical,
	Run:     runImageButtonName,
}

func runImageButtonName(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("input") || !isInputType(n, "image") || !n.Exposed() || programmaticallyHidden(n) {
			continue
		}
		// Without a usable alt, aria-label or title, Chrome names an image
		// button with its default text ("Submit"), taken from its type.
		if hasName(n) && n.AX.NameFrom != "type" {
			pass.Passed(n)
			continue
		}
		why := []Text{msg("it has no alt attribute")}
		if alt, ok := n.Attr("alt"); ok && blank(alt) {
			why = []Text{msg("its alt text is empty")}
		}
		why = append(why, labelProblems(n)...)
		def := "Submit"
		if !blank(n.AccessibleName()) {
			def = n.AccessibleName()
		}
		pass.Failed(n, "This image button has no text alternative (%s), so screen readers only announce a generic %q button. Add an alt attribute that says what the button does, e.g. alt=\"Search\".", andText(why), def)
	}
	return nil
}

// isInputType reports whether the input element's type attribute is typ
// (ASCII case-insensitive, surrounding white space ignored).
func isInputType(n *Node, typ string) bool {
	return equalFoldTrim(n.AttrOr("type", "text"), typ)
}
