package checks

// WordSpacingImportant checks important word spacing in style attributes
// (ACT 9e45ec).
var WordSpacingImportant = &Rule{
	ID:      "word-spacing-important",
	Title:   "Word spacing fixed with !important in a style attribute is wide enough",
	Doc:     doc("word-spacing-important"),
	HelpURL: understanding("1.4.12"),
	WCAG:    []string{"1.4.12"},
	ACT:     []string{"9e45ec"},
	Impact:  Serious,
	Run:     func(pass *Pass) error { return runTextSpacing(pass, wordSpacing) },
}
