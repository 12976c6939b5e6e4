package checks

// All returns every rule, sorted by id.
//
// Keep this list sorted: TestRegistry enforces the order, unique ids and a
// fixture for each rule.
func All() []*Rule {
	return []*Rule{
		ButtonName,
		Bypass,
		ColorContrast,
		DocumentTitle,
		FormFieldName,
		FrameTitle,
		HTMLHasLang,
		HTMLLangValid,
		ImageAlt,
		ImageButtonName,
		LinkName,
		MenuitemName,
		MetaRefresh,
		MetaViewport,
		ObjectAlt,
		SummaryName,
		SVGImgAlt,
		ValidLang,
	}
}
