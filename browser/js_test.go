package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSFiles: every file in js/ is used (by a script, or timers.js by
// every tab), and a script names a function its file declares.
func TestJSFiles(t *testing.T) {
	var goSrc strings.Builder
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		goSrc.Write(b)
	}
	entries, err := jsFS.ReadDir("js")
	if err != nil || len(entries) == 0 {
		t.Fatalf("js/: %v", err)
	}
	for _, e := range entries {
		if e.Name() == "timers.js" {
			continue
		}
		if !strings.Contains(goSrc.String(), `jsFunc("`+e.Name()+`"`) {
			t.Errorf("js/%s: no script uses it", e.Name())
		}
	}
	for _, bad := range [][2]string{{"focus.js", "noSuchFunction"}, {"focus.js", "deep"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("jsFunc(%q, %q) did not panic", bad[0], bad[1])
				}
			}()
			jsFunc(bad[0], bad[1])
		}()
	}
	if s := jsFunc("shared.js", "settle"); !strings.HasPrefix(s.src, "function (...args) {") || !strings.HasSuffix(s.src, "return settle.apply(this, args);\n}") {
		t.Errorf("script source:\n%s", s.src)
	}
	if strings.Contains(timersJS, "//") || !strings.HasPrefix(timersJS, "(() => {") {
		t.Errorf("timersJS is not the bare expression of js/timers.js:\n%s", timersJS)
	}
}
