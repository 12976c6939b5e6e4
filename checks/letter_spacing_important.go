package checks

// LetterSpacingImportant checks important letter spacing in style
// attributes (ACT 24afc2).
var LetterSpacingImportant = &Rule{
	ID:      "letter-spacing-important",
	Title:   "Letter spacing fixed with !important in a style attribute is wide enough",
	Doc:     doc("letter-spacing-important"),
	HelpURL: understanding("1.4.12"),
	WCAG:    []string{"1.4.12"},
	ACT:     []string{"24afc2"},
	Impact:  Serious,
	Run:     func(pass *Pass) error { return runTextSpacing(pass, letterSpacing) },
}
