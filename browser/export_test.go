package browser

// PID is the Chrome process's id, for the tests that kill it.
func PID(b *Browser) int { return b.pid() }
