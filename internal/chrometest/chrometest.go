// Package chrometest gives tests one shared headless Chrome per test binary.
//
// Tests that need the browser call Browser(t). When no Chrome is found the
// test is skipped with the reason, unless SAAVU_REQUIRE_CHROME is set (as
// in CI), where a missing browser is a failure: a suite that silently skips
// its browser tests cannot fail.
package chrometest

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"saavu/browser"
)

var (
	once   sync.Once
	shared *browser.Browser
	err    error
	cancel context.CancelFunc
)

// Options are used for the shared browser. Change them only in TestMain,
// before the first call of Browser.
var Options = browser.Options{PageTimeout: 30 * time.Second, Screenshots: true}

// Need returns the path of Chrome for a test that starts a browser of its
// own (one it kills, or one with other options): it skips the test when
// there is none, or fails it when SAAVU_REQUIRE_CHROME is set.
func Need(t testing.TB) string {
	t.Helper()
	path, err := browser.FindChrome(Options.ChromePath)
	if err != nil {
		missing(t, err)
	}
	return path
}

// missing skips t, or fails it when SAAVU_REQUIRE_CHROME is set.
func missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("SAAVU_REQUIRE_CHROME") != "" {
		t.Fatalf("Chrome is required (SAAVU_REQUIRE_CHROME is set): %v", err)
	}
	t.Skipf("skipping: needs Chrome or Chromium: %v", err)
}

// Browser returns the shared browser, starting it on first use.
func Browser(t testing.TB) *browser.Browser {
	t.Helper()
	once.Do(func() {
		if _, ferr := browser.FindChrome(Options.ChromePath); ferr != nil {
			err = ferr
			return
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		shared, err = browser.Launch(ctx, Options)
	})
	if err != nil {
		missing(t, err)
	}
	return shared
}

// Close stops the shared browser; call it from TestMain after m.Run.
func Close() {
	if shared != nil {
		shared.Close()
	}
	if cancel != nil {
		cancel()
	}
}
