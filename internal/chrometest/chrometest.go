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

	"saavu/crawl"
)

var (
	once    sync.Once
	browser *crawl.Browser
	err     error
	cancel  context.CancelFunc
)

// Options are used for the shared browser. Change them only in TestMain,
// before the first call of Browser.
var Options = crawl.Options{PageTimeout: 30 * time.Second, Screenshots: true}

// Browser returns the shared browser, starting it on first use.
func Browser(t testing.TB) *crawl.Browser {
	t.Helper()
	once.Do(func() {
		if _, ferr := crawl.FindChrome(Options.ChromePath); ferr != nil {
			err = ferr
			return
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		browser, err = crawl.Launch(ctx, Options)
	})
	if err != nil {
		if os.Getenv("SAAVU_REQUIRE_CHROME") != "" {
			t.Fatalf("Chrome is required (SAAVU_REQUIRE_CHROME is set): %v", err)
		}
		t.Skipf("skipping: needs Chrome or Chromium: %v", err)
	}
	return browser
}

// Close stops the shared browser; call it from TestMain after m.Run.
func Close() {
	if browser != nil {
		browser.Close()
	}
	if cancel != nil {
		cancel()
	}
}
