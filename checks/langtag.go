package checks

// ValidLanguageTag reports whether a language tag is valid as the rules
// judge lang attributes (see validLanguageTag): for the checks of
// documents, which judge their language entries the same way.
func ValidLanguageTag(tag string) bool { return validLanguageTag(tag) }
