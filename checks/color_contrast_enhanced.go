package checks

// ColorContrastEnhanced checks that text has the enhanced contrast of
// WCAG 1.4.6 (level AAA): 7:1, or 4.5:1 for large text (ACT 09o5cg). It
// is an extra rule: EN 301 549 requires only the minimum contrast that
// color-contrast checks.
var ColorContrastEnhanced = &Rule{
	ID:           "color-contrast-enhanced",
	Title:        "Text has enhanced contrast with its background (AAA)",
	Doc:          doc("color-contrast-enhanced"),
	HelpURL:      understanding("1.4.6"),
	WCAG:         []string{"1.4.6"},
	ACT:          []string{"09o5cg"},
	Impact:       Minor,
	Probes:       []Probe{ProbeBackdrop},
	ProbesRefine: true,
	Run:          runColorContrastEnhanced,
	Extra:        true,
}

func runColorContrastEnhanced(pass *Pass) error { return runContrast(pass, contrastEnhanced) }
