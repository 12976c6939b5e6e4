package browser_test

import (
	"bytes"
	"context"
	"image"
	pngenc "image/png"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"saavu/internal/chrometest"
)

// hashSite is a page with what the render hash reads: a stylesheet, a
// script that changes the DOM, a shadow tree, a same-origin frame, form
// values, an image in view and a lazy one far below it.
var hashSite = map[string]string{
	"/page.html": `<!doctype html><html lang="en"><head><title>Page</title><link rel="stylesheet" href="/s.css"><script src="/app.js" defer></script></head>
<body><main><h1>Page</h1><img src="/a.png" alt="A" width="40" height="40">
<p id="host"></p><form><input name="q" value="x"><input type="checkbox" checked><textarea>t</textarea></form>
<iframe src="/frame.html" title="Frame"></iframe>
<div style="height:6000px"></div><img src="/b.png" alt="B" width="40" height="40" loading="lazy"></main></body></html>`,
	"/frame.html":   `<!doctype html><html lang="en"><head><title>Frame</title><link rel="stylesheet" href="/s.css"></head><body><p>In a frame.</p></body></html>`,
	"/shows-b.html": `<!doctype html><html lang="en"><head><title>B</title></head><body><img src="/b.png" alt="B" width="40" height="40"></body></html>`,
	"/s.css":        "body { color: #222 } h1 { font-size: 2rem }\n",
	"/app.js":       "document.getElementById('host').attachShadow({mode: 'open'}).innerHTML = '<b>Shadow</b> text';\n",
}

func hashServer(t *testing.T) *httptest.Server {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var png bytes.Buffer
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a.png" || r.URL.Path == "/b.png" {
			w.Header().Set("Content-Type", "image/png")
			w.Header().Set("Cache-Control", "max-age=3600")
			w.Write(png.Bytes())
			return
		}
		body, ok := hashSite[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestRenderHash: the render hash of a page is the same whether it comes
// from the audit's snapshot (a first crawl, with computed styles) or from
// the snapshot without styles of a crawl --since, whether or not Chrome
// has the image of an offscreen lazy <img> in memory (it then loads it
// at once), and whether or not it fetched the tab's icon (it does for the
// first page of an origin: here the first capture).
func TestRenderHash(t *testing.T) {
	b := chrometest.Browser(t)
	ts := hashServer(t)
	ctx := context.Background()
	capture := func(reuse func(url, hash string) bool, urls ...string) []string {
		t.Helper()
		s := b.Session(nil)
		s.Hash(reuse)
		w := s.Worker()
		defer w.Close()
		var hashes []string
		for _, u := range urls {
			if err := w.Ready(ctx); err != nil {
				t.Fatal(err)
			}
			p, err := w.Capture(ctx, ts.URL+u)
			if err != nil {
				t.Fatalf("%s: %v", u, err)
			}
			if p.RenderHash == "" {
				t.Fatalf("%s: no render hash", u)
			}
			hashes = append(hashes, p.RenderHash)
		}
		return hashes
	}
	full := capture(nil, "/page.html")[0]
	var mu sync.Mutex
	asked := map[string]int{}
	since := capture(func(url, hash string) bool {
		mu.Lock()
		defer mu.Unlock()
		asked[hash]++
		return false
	}, "/page.html", "/shows-b.html", "/page.html")
	if since[0] != full {
		t.Errorf("the hash of the snapshot without styles differs from that of the audit's: %s, %s", since[0], full)
	}
	if since[2] != since[0] {
		t.Errorf("the hash differs once the lazy image is in memory: %s, %s", since[2], since[0])
	}
	// Not reused, each page is asked about twice, after the first, short
	// quiet and after the full one, with the same hash both times.
	if asked[full] != 4 || len(asked) != 2 {
		t.Errorf("reuse was asked %v, want 4 times for %s and twice for another", asked, full)
	}
	// A page found unchanged is captured for its links only.
	s := b.Session(nil)
	s.Hash(func(url, hash string) bool { return hash == full })
	w := s.Worker()
	defer w.Close()
	if err := w.Ready(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := w.Capture(ctx, ts.URL+"/page.html")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Reused || p.RenderHash != full || len(p.Nodes) == 0 {
		t.Errorf("reused %v, hash %s, %d nodes; want reused, %s, the page's nodes", p.Reused, p.RenderHash, len(p.Nodes), full)
	}
	if res, err := w.Check(ctx, p); err != nil || res != nil {
		t.Errorf("Check of a reused page: %v, %v; want no results", res, err)
	}
}
