package browser_test

import (
	"context"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/act"
	"saavu/internal/chrometest"
	"saavu/internal/fixture"
)

var (
	focusACT  = flag.Bool("focus-act", false, "TestScriptWalkMatchesTab: walk the W3C ACT test cases too (../shared/act; about 15 minutes: 1,175 of 1,449 pages scripted, all equal on 2026-12-07)")
	focusPage = flag.String("focus-page", "", "TestScriptWalkMatchesTab: walk only the pages whose path contains this")
)

// sameWalk says whether two walks of a page are the same. The values of
// the styles that changed at a stop are compared only where both loads
// of the page had the same values before (else the element is animated:
// its values change by themselves).
func sameWalk(a, b *checks.FocusWalk) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	if a == nil {
		return true
	}
	if a.Left != b.Left || a.Limit != b.Limit || a.Moved != b.Moved || len(a.Stops) != len(b.Stops) || len(a.Back) != len(b.Back) {
		return false
	}
	same := func(x, y []checks.FocusStop) bool {
		for i := range x {
			s, t := x[i], y[i]
			if s.Node != t.Node || s.Frame != t.Frame || s.Restless != t.Restless || s.Hidden != t.Hidden || s.Cover != t.Cover || s.Top != t.Top || len(s.Changed) != len(t.Changed) {
				return false
			}
			// A stop is animated when a value before focus differs
			// between the loads: then none of its values after focus
			// is compared (an animation moves them all).
			animated := false
			for j := range s.Changed {
				c, d := s.Changed[j], t.Changed[j]
				if c.Node != d.Node || c.Prop != d.Prop {
					return false
				}
				animated = animated || c.Before != d.Before
			}
			for j := range s.Changed {
				if !animated && s.Changed[j].After != t.Changed[j].After {
					return false
				}
			}
			if s.Outline != t.Outline && !animated {
				return false
			}
		}
		return true
	}
	return same(a.Stops, b.Stops) && same(a.Back, b.Back)
}

// TestScriptWalkMatchesTab walks every page of testdata/focus and every
// rule fixture twice, with Tab presses and with the script walk where the
// focus probe takes it (probe_focus.go), each on a load of its own, and
// checks that both record the same walk: the same stops in the same
// order, with the same styles and the same coverings, and the same end. With -focus-act it walks the W3C
// ACT test cases too.
func TestScriptWalkMatchesTab(t *testing.T) {
	chrometest.Need(t)
	var skip []checks.Probe
	for _, pr := range checks.Probes {
		if pr != checks.ProbeFocus {
			skip = append(skip, pr)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := browser.Launch(ctx, browser.Options{PageTimeout: 20 * time.Second, LoadTimeout: 4 * time.Second, SkipProbes: skip})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tab, err := b.NewTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { tab.Close() }()

	type site struct {
		srv   *httptest.Server
		pages []string // paths
	}
	var sites []site
	td := testdataServer(t)
	var paths []string
	focus, _ := filepath.Glob("../testdata/focus/*.html")
	if len(focus) == 0 {
		t.Fatal("no pages in testdata/focus")
	}
	for _, f := range focus {
		paths = append(paths, "/focus/"+filepath.Base(f))
	}
	fx, err := fixture.Fixtures("../testdata/rules")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fx {
		paths = append(paths, "/rules/"+filepath.Base(f))
	}
	sites = append(sites, site{td, paths})
	if *focusACT {
		dir, err := act.FindDir()
		if err != nil {
			t.Fatal(err)
		}
		suite, err := act.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(suite.Handler())
		defer srv.Close()
		var ps []string
		for _, tc := range suite.Cases {
			if strings.HasSuffix(tc.Page, ".html") {
				ps = append(ps, tc.URL(""))
			}
		}
		sites = append(sites, site{srv, ps})
	}

	scripted, walked := 0, 0
	whys := map[string]int{}
	for _, s := range sites {
		for _, path := range s.pages {
			if !strings.Contains(path, *focusPage) {
				continue
			}
			walked++
			if tab.Broken() {
				tab.Close()
				if tab, err = b.NewTab(ctx); err != nil {
					t.Fatal(err)
				}
			}
			walk := func(keys bool) (*checks.FocusWalk, string, error) {
				browser.SetKeyWalk(b, keys)
				p, err := tab.Capture(ctx, s.srv.URL+path)
				if err != nil {
					return nil, "", err
				}
				return p.Focus, browser.FocusWhy(tab), nil
			}
			// A difference must repeat: an animation running on the
			// page (moving-content.html's pulsing button) can change
			// which values differ before and after focus from one load
			// to the next, whereas a fault of the script walk differs
			// every time.
			for try := 1; ; try++ {
				want, _, err := walk(true)
				if err != nil {
					t.Logf("%s: %v", path, err)
					break
				}
				// No script of testdata/focus moves focus.
				if strings.HasPrefix(path, "/focus/") && want != nil && want.Moved {
					t.Errorf("%s: the Tab walk says the page moved focus by itself", path)
				}
				got, why, err := walk(false)
				if err != nil {
					t.Errorf("%s: %v", path, err)
					break
				}
				if want == nil || got == nil {
					t.Errorf("%s: no focus walk", path)
					break
				}
				if why != "" {
					t.Logf("%s: walked with Tab presses: %s", path, why)
					whys[why]++
					break // both walked with Tab
				}
				if try == 1 {
					scripted++
				}
				if sameWalk(want, got) {
					break
				}
				wj, _ := json.Marshal(want)
				gj, _ := json.Marshal(got)
				if try == 3 {
					t.Errorf("%s: the script walk differs from Tab presses, three times; the last:\nTab:    %s\nscript: %s", path, wj, gj)
					break
				}
				t.Logf("%s: the script walk differs from Tab presses (try %d), again:\nTab:    %s\nscript: %s", path, try, wj, gj)
			}
		}
	}
	t.Logf("%d of %d pages walked by script; why not: %v", scripted, walked, whys)
	if scripted == 0 {
		t.Error("no page was walked by script")
	}
}
