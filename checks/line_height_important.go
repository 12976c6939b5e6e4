package checks

// LineHeightImportant checks important line height in style attributes
// (ACT 78fd32).
var LineHeightImportant = &Rule{
	ID:      "line-height-important",
	Title:   "Line height fixed with !important in a style attribute is large enough",
	Doc:     doc("line-height-important"),
	HelpURL: understanding("1.4.12"),
	WCAG:    []string{"1.4.12"},
	ACT:     []string{"78fd32"},
	Impact:  Serious,
	Run:     func(pass *Pass) error { return runTextSpacing(pass, lineHeight) },
}
