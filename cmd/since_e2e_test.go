package cmd_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sinceFiles is a small site: every page loads style.css; a.html
// app.js, which fetches news.txt into the page 100 ms later (after the
// first, shorter quiet wait of a --since crawl); index.html and b.html
// the image logo.png (b.html after index.html, from Chrome's memory
// cache).
var sinceFiles = map[string]string{
	"index.html": `<!doctype html><html lang="en"><head><title>Home</title><link rel="stylesheet" href="style.css"></head>
<body><main><h1>Home</h1><img src="logo.png" alt="Logo"><p><a href="a.html">Page A</a> <a href="b.html">Page B</a></p></main></body></html>`,
	"a.html": `<!doctype html><html lang="en"><head><title>A</title><link rel="stylesheet" href="style.css"><script src="app.js"></script></head>
<body><main><h1>Page A</h1><p id="a">Some text.</p><p><a href="index.html">Home</a></p></main></body></html>`,
	"b.html": `<!doctype html><html lang="en"><head><title>B</title><link rel="stylesheet" href="style.css"></head>
<body><main><h1>Page B</h1><img src="logo.png" alt="Logo"><p>Other text.</p><p><a href="index.html">Home</a></p></main></body></html>`,
	"style.css": "body { color: #222; background: #fff; }\n",
	"app.js":    "// app\nsetTimeout(() => fetch('news.txt').then(r => r.text()).then(t => { document.getElementById('a').textContent = t; }), 100);\n",
	"news.txt":  "News of the day.",
}

func sincePNG(t *testing.T, c color.Color) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := range 4 {
		for y := range 4 {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestSince crawls a site, then crawls it again --since the first
// crawl's results: unchanged, every page's results are reused (a.html's
// only once the content its script fetches late has come); after a
// change to a page's text, markup, style (one that moves boxes or a
// colour only), script, image or late content, the pages that show it
// are audited again, and only they.
func TestSince(t *testing.T) {
	needChrome(t)
	siteDir, work := t.TempDir(), t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(siteDir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logo := sincePNG(t, color.RGBA{0, 0, 0xaa, 0xff})
	reset := func() {
		for name, content := range sinceFiles {
			write(name, content)
		}
		write("logo.png", logo)
	}
	reset()
	ts := httptest.NewServer(http.FileServer(http.Dir(siteDir)))
	t.Cleanup(ts.Close)

	runs := 0
	crawl := func(args ...string) (run, string) {
		t.Helper()
		runs++
		out := filepath.Join(work, "r"+strings.Repeat("i", runs)+".json")
		state := filepath.Join(work, "state"+strings.Repeat("i", runs))
		args = append([]string{"crawl", "--rate", "0", "--concurrency", "1", "--state", state, "-o", "json=" + out}, args...)
		r := saavu(t, work, append(args, ts.URL+"/")...)
		if r.code != 0 && r.code != 1 {
			t.Fatalf("crawl: exit %d\n%s", r.code, r.stderr)
		}
		return r, out
	}
	audited := func(path string) []string { // the pages not reused
		t.Helper()
		var out []string
		rep := readReport(t, path)
		if len(rep.Pages) != 3 {
			t.Fatalf("%d pages, want 3: %v", len(rep.Pages), pageURLs(rep))
		}
		for _, p := range rep.Pages {
			if p.RenderHash == "" {
				t.Errorf("%s: no renderHash", p.URL)
			}
			if p.Reused == nil {
				out = append(out, strings.TrimPrefix(p.URL, ts.URL+"/"))
			}
		}
		return out
	}

	_, first := crawl()
	if got := audited(first); len(got) != 3 {
		t.Fatalf("first crawl: audited %v, want every page", got)
	}
	r, again := crawl("--since", first)
	if got := audited(again); len(got) != 0 {
		t.Errorf("unchanged site: audited %v again, want none\n%s", got, r.stderr)
	}
	if !strings.Contains(r.stderr, "saavu: reused 3 of 3 pages (100%) from the audit of") {
		t.Errorf("stderr does not give the reuse rate:\n%s", r.stderr)
	}
	// Reused results are the earlier ones, site rules included.
	rf, ra := readReport(t, first), readReport(t, again)
	for i := range rf.Pages {
		p := ra.Pages[i]
		if got, want := len(p.Results), len(rf.Pages[i].Results); got != want || p.Reused == nil || p.Reused.From != rf.GeneratedAt {
			t.Errorf("%s: %d results, reused %+v; want %d from %q", p.URL, got, p.Reused, want, rf.GeneratedAt)
		}
	}
	if len(ra.SiteResults) != len(rf.SiteResults) {
		t.Errorf("%d site results, want %d", len(ra.SiteResults), len(rf.SiteResults))
	}

	for _, tt := range []struct {
		name   string
		change func()
		want   []string
	}{
		{"text", func() { write("b.html", strings.Replace(sinceFiles["b.html"], "Other text.", "Other words.", 1)) }, []string{"b.html"}},
		{"markup", func() {
			write("a.html", strings.Replace(sinceFiles["a.html"], `<p id="a">`, `<p id="a" class="x">`, 1))
		}, []string{"a.html"}},
		{"style", func() { write("style.css", "body { color: #222; background: #fff; }\nh1 { margin-top: 0 }\n") }, []string{"", "a.html", "b.html"}},
		// A colour only: the DOM and the layout stay the same, and the
		// render hash holds no computed style; the stylesheet's body
		// tells.
		{"colour", func() { write("style.css", "body { color: #555; background: #fff; }\n") }, []string{"", "a.html", "b.html"}},
		{"script", func() { write("app.js", strings.Replace(sinceFiles["app.js"], "// app", "// app, version 2", 1)) }, []string{"a.html"}},
		// Content a script fetches after the load event.
		{"late content", func() { write("news.txt", "Other news.") }, []string{"a.html"}},
		{"image", func() { write("logo.png", sincePNG(t, color.RGBA{0xaa, 0, 0, 0xff})) }, []string{"", "b.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reset()
			tt.change()
			defer reset()
			r, out := crawl("--since", first)
			got := audited(out)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("audited %q, want %q\n%s", got, tt.want, r.stderr)
			}
		})
	}

	t.Run("settings", func(t *testing.T) {
		r, out := crawl("--since", first, "--extra")
		if got := audited(out); len(got) != 3 {
			t.Errorf("--extra: audited %v, want every page", got)
		}
		if !strings.Contains(r.stderr, "saavu: --since: auditing every page: the audit of") || !strings.Contains(r.stderr, "--extra \"false\", now \"true\"") {
			t.Errorf("stderr does not say why no result was reused:\n%s", r.stderr)
		}
	})
	t.Run("state folder", func(t *testing.T) {
		_, out := crawl("--since", filepath.Join(work, "statei"))
		if got := audited(out); len(got) != 0 {
			t.Errorf("--since the first crawl's state folder: audited %v again, want none", got)
		}
	})
}
