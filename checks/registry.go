package checks

// All returns every rule, sorted by id.
//
// Keep this list sorted: TestRegistry enforces the order, unique ids and a
// fixture for each rule.
func All() []*Rule {
	return []*Rule{
		ARIAAllowedAttr,
		ARIAHiddenFocus,
		ARIAProhibitedAttr,
		ARIARequiredAttr,
		ARIARequiredChildren,
		ARIARequiredParent,
		ARIARoles,
		ARIAValidAttr,
		ARIAValidAttrValue,
		AudioAutoplay,
		AutocompleteValid,
		ButtonName,
		Bypass,
		ColorContrast,
		CSSOrientationLock,
		DocumentTitle,
		FocusVisible,
		FormFieldName,
		FrameFocusableContent,
		FrameTitle,
		HTMLHasLang,
		HTMLLangValid,
		ImageAlt,
		ImageButtonName,
		KeyboardTrap,
		LabelInName,
		LetterSpacingImportant,
		LineHeightImportant,
		LinkName,
		MenuitemName,
		MetaRefresh,
		MetaViewport,
		ObjectAlt,
		PresentationalChildrenFocusable,
		SummaryName,
		SVGImgAlt,
		TDHeadersAttr,
		THHasDataCells,
		ValidLang,
		WordSpacingImportant,
	}
}
