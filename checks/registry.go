package checks

import (
	"slices"
	"strings"
)

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
		AudioTranscript,
		AutoUpdatingText,
		AutocompleteValid,
		ButtonName,
		Bypass,
		CharacterKeyShortcuts,
		ColorContrast,
		ContentOnHover,
		CSSOrientationLock,
		DialogFocus,
		DocumentTitle,
		FocusVisible,
		FormFieldName,
		FrameFocusableContent,
		FrameTitle,
		HoverMenuKeyboard,
		HTMLHasLang,
		HTMLLangMatchesContent,
		HTMLLangValid,
		IdenticalFramesSamePurpose,
		IdenticalLinksSamePurpose,
		ImageAlt,
		ImageButtonName,
		KeyboardTrap,
		LabelInName,
		LangMatchesContent,
		LetterSpacingImportant,
		LineHeightImportant,
		LinkName,
		ListStructure,
		MenuitemName,
		MetaRefresh,
		MetaViewport,
		MotionActuation,
		ObjectAlt,
		OnFocus,
		OnInput,
		PresentationalChildrenFocusable,
		Reflow,
		ScriptedControlKeyboard,
		ScrollableRegionFocusable,
		SummaryName,
		SVGImgAlt,
		TDHeadersAttr,
		TextSpacingClipped,
		THHasDataCells,
		ValidLang,
		VideoCaption,
		VideoDescription,
		VideoOnlyAlternative,
		WordSpacingImportant,
		ZoomTextClipped,
	}
}

// Extra returns the rules EN 301 549 does not require (WCAG AAA criteria
// and best practices), sorted by id. They run only when asked for: by id
// with --rules, or all of them with --extra. Keep this list sorted too.
func Extra() []*Rule {
	return []*Rule{
		AudioAutoplayDuration,
		ColorContrastEnhanced,
		ContentHeading,
		ContentLandmark,
		DecorativeNotExposed,
		HeadingName,
		HeadingOrder,
		MetaRefreshNoException,
		SkipLink,
		StatementLink,
	}
}

// Every returns the rules of All and Extra together, sorted by id.
func Every() []*Rule {
	rules := append(All(), Extra()...)
	slices.SortFunc(rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}
