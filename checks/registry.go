package checks

import (
	"slices"
	"strings"
)

// All returns the rules of the WCAG 2.1 A/AA criteria, which every
// version of EN 301 549 requires (V4.1.1 less 4.1.1, which no rule tests),
// sorted by id. Standard.Rules picks a standard's rules from All and
// WCAG22.
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
		FocusOrder,
		FocusVisible,
		FormFieldName,
		FormGroupName,
		FrameFocusableContent,
		FrameTitle,
		HeadingMarkup,
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
		LabelUnique,
		LangMatchesContent,
		LetterSpacingImportant,
		LineHeightImportant,
		LinkInTextBlock,
		LinkName,
		LinkPurpose,
		ListStructure,
		MenuitemName,
		MetaRefresh,
		MetaViewport,
		MotionActuation,
		MovingContent,
		NonTextContrast,
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

// WCAG22 returns the rules of the criteria that WCAG 2.2 added, sorted by
// id. EN 301 549 V4.1.1 requires them (--standard en301549-v4.1.1 runs
// them with All); under V3.2.1 they run only when asked for, as extra
// rules do. Keep this list sorted too.
func WCAG22() []*Rule {
	return []*Rule{
		AccessibleAuthentication,
		DraggingMovements,
		FocusNotObscured,
		TargetSize,
	}
}

// SiteRules returns the rules over the pages of a site together (see
// SiteRule), sorted by id. They run after the pages, on the pages' facts;
// their ids are unique among page rules too. Those of the criteria WCAG
// 2.2 added (consistent-help) run by default only under a standard that
// requires them (Standard.SiteRules). Keep this list sorted.
func SiteRules() []*SiteRule {
	return []*SiteRule{
		ConsistentHelp,
		ConsistentIdentification,
		ConsistentNavigation,
		MultipleWays,
	}
}

// Every returns the rules of All, WCAG22 and Extra together, sorted by id.
func Every() []*Rule {
	rules := slices.Concat(All(), WCAG22(), Extra())
	slices.SortFunc(rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}
