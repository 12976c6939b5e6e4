package browser

import (
	"strings"
	"testing"
)

// TestNetErrorCode: a network error's message ends with Chrome's code in
// brackets, which the crawl reads to tell passing errors (crawl.transient).
func TestNetErrorCode(t *testing.T) {
	for _, code := range []string{"net::ERR_CONNECTION_RESET", "net::ERR_NAME_NOT_RESOLVED", "net::ERR_SOMETHING_NEW"} {
		err := netError(code)
		if !IsKind(err, KindNetwork) || !strings.HasSuffix(err.Error(), " ("+code+")") {
			t.Errorf("netError(%q) = %v", code, err)
		}
	}
}
