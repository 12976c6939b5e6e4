package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"saavu/checks"
)

// TestActivateLeavesThePage: after the activation probe clicked, focused,
// changed and hovered the controls of its fixtures, the page is as it is
// without that probe: the same markup, form fields, focus and scrolling.
func TestActivateLeavesThePage(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: captures pages in two browsers")
	}
	// A test of package browser cannot use chrometest (it imports
	// browser): the same rule as chrometest.Need.
	if _, err := FindChrome(""); err != nil {
		if os.Getenv("SAAVU_REQUIRE_CHROME") != "" {
			t.Fatalf("Chrome is required (SAAVU_REQUIRE_CHROME is set): %v", err)
		}
		t.Skipf("skipping: needs Chrome or Chromium: %v", err)
	}
	ts := httptest.NewServer(http.FileServer(http.Dir("../testdata")))
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	probed, err := Launch(ctx, Options{PageTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer probed.Close()
	plain, err := Launch(ctx, Options{PageTimeout: 30 * time.Second, SkipProbes: []checks.Probe{checks.ProbeActivate}})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	// The page's state: its markup, fields, focus and scrolling.
	const state = `(() => [document.documentElement.outerHTML,
		[...document.querySelectorAll('input, select, textarea')].map(f => f.checked + ' ' + f.value + ' ' + f.selectedIndex).join('|'),
		document.activeElement ? document.activeElement.localName : '', scrollX, scrollY].join('\n'))()`
	read := func(b *Browser, url string) string {
		tab, err := b.NewTab(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tab.Close()
		if _, err := tab.Capture(ctx, url); err != nil {
			t.Fatal(err)
		}
		res, err := chromedp.Call(tab.ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: state, ReturnByValue: new(true)})
		if err != nil || res.Result == nil {
			t.Fatalf("%s: %v", url, err)
		}
		return string(res.Result.Value)
	}
	// The fixtures where the probe changes the page.
	for _, name := range []string{"scripted-control-keyboard.html", "scripted-control-keyboard-review.html", "hover-menu-keyboard.html",
		"dialog-focus.html", "dialog-focus-passed.html", "on-focus.html", "on-focus-review.html", "on-input.html"} {
		t.Run(strings.TrimSuffix(name, ".html"), func(t *testing.T) {
			url := ts.URL + "/rules/" + name
			if got, want := read(probed, url), read(plain, url); got != want {
				t.Errorf("the page differs after the probes:\n%s", lineDiff(want, got))
			}
		})
	}
}

// lineDiff shows the first lines where a and b differ.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 6; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, "- "+x, "+ "+y)
		}
	}
	return strings.Join(out, "\n")
}
