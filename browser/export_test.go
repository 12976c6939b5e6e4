package browser

// PID is the Chrome process's id, for the tests that kill it.
func PID(b *Browser) int { return b.pid() }

// SetKeyWalk makes the focus probe of b always press Tab (true), or walk
// with a script where it can (false, the default).
func SetKeyWalk(b *Browser, on bool) { b.keyWalk = on }

// FocusWhy says why the tab's last focus walk pressed Tab; "" when it was
// a script walk.
func FocusWhy(tab *Tab) string { return tab.focusWhy }
