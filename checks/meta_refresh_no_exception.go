package checks

// MetaRefreshNoException checks that the page does not reload itself or
// move to another page after any delay, however long (ACT bisz58, WCAG
// 2.2.4 and 3.2.5, level AAA). It is an extra rule: meta-refresh checks
// what EN 301 549 requires, which allows delays over 20 hours.
var MetaRefreshNoException = &Rule{
	ID:      "meta-refresh-no-exception",
	Title:   "Page never refreshes or redirects on a timer (AAA)",
	Doc:     doc("meta-refresh-no-exception"),
	HelpURL: understanding("2.2.4"),
	WCAG:    []string{"2.2.4", "3.2.5"},
	ACT:     []string{"bisz58"},
	Impact:  Minor,
	Run:     runMetaRefreshNoException,
	Extra:   true,
}

func runMetaRefreshNoException(pass *Pass) error {
	n, secs, url := firstRefresh(pass.Page)
	if n == nil {
		return nil
	}
	switch {
	case secs == 0:
		pass.Passed(n)
	case url == "":
		pass.Failed(n, "The page reloads itself after %s. Even a long delay can interrupt people, who lose their place when the page reloads. Remove the timed refresh (<meta http-equiv=\"refresh\">) and let people update the page themselves.", secondsText(secs))
	default:
		pass.Failed(n, "The page sends visitors to %s after %s, which changes the page without their asking. Redirect on the server (HTTP 301) or at once (content=\"0; url=…\"), or give a link to follow.", url, secondsText(secs))
	}
	return nil
}
