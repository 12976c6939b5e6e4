package browser_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"saavu/browser"
	"saavu/checks"
	"saavu/internal/chrometest"
)

// badSite serves the kinds of trouble a crawl meets.
func badSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	page := func(w http.ResponseWriter, status int, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<!DOCTYPE html><html lang="en"><head><title>OK</title></head><body><main><h1>Fine</h1><a href="/next">Next</a></main></body></html>`)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		page(w, 404, `<!DOCTYPE html><html><head><title>Not found</title></head><body>Sorry</body></html>`)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		page(w, 500, `<!DOCTYPE html><html><head><title>Error</title></head><body>Internal error</body></html>`)
	})
	mux.HandleFunc("/empty500", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
	})
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	})
	mux.HandleFunc("/download.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="download.pdf"`)
		io.WriteString(w, "%PDF-1.4\n%%EOF\n")
	})
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	// The page arrives, but one of its images never does: the load event never fires.
	mux.HandleFunc("/never-loads", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<!DOCTYPE html><html lang="en"><head><title>Slow</title></head><body><main><h1>Almost</h1><img src="/stall" alt="A stalled image"></main></body></html>`)
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	// The server never answers at all.
	mux.HandleFunc("/no-answer", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	// A script that never yields: the tab stops responding.
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<!DOCTYPE html><html lang="en"><head><title>Hang</title></head><body><p>Before</p><script>for(;;){}</script><p>After</p></body></html>`)
	})
	mux.HandleFunc("/alert", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<!DOCTYPE html><html lang="en"><head><title>Alert</title></head><body><main><h1>Hi</h1></main><script>alert("hello"); confirm("sure?")</script></body></html>`)
	})
	// An iframe in the light DOM of a shadow host without a slot is not
	// rendered: its document hangs off nothing in the snapshot.
	mux.HandleFunc("/unslotted", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<!DOCTYPE html><html lang="en"><head><title>Unslotted</title></head><body><div id="host"><iframe srcdoc="<p>hi</p>" title="t"></iframe></div>
<script>document.getElementById('host').attachShadow({mode:'open'}).innerHTML='<p>shadow, no slot</p>'</script></body></html>`)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts
}

// closedPort returns an address where nothing listens.
func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

func TestCaptureBadInput(t *testing.T) {
	b := chrometest.Browser(t)
	ts := badSite(t)
	tests := []struct {
		name      string
		url       string
		kind      string // expected PageError kind; "" = captured
		msg       string // part of the message
		status    int
		finalPath string
		note      string // part of a note on a captured page
	}{
		{name: "ok", url: ts.URL + "/ok", status: 200, finalPath: "/ok"},
		{name: "redirect", url: ts.URL + "/moved", status: 200, finalPath: "/ok"},
		{name: "alert does not block", url: ts.URL + "/alert", status: 200, finalPath: "/alert"},
		{name: "unslotted iframe", url: ts.URL + "/unslotted", status: 200, finalPath: "/unslotted"},
		{name: "redirect loop", url: ts.URL + "/loop", kind: browser.KindNetwork, msg: "redirect loop"},
		{name: "404", url: ts.URL + "/missing", kind: browser.KindHTTP, msg: "HTTP 404", status: 404},
		{name: "500", url: ts.URL + "/broken", kind: browser.KindHTTP, msg: "HTTP 500", status: 500},
		{name: "empty 500", url: ts.URL + "/empty500", kind: browser.KindHTTP, msg: "HTTP 500", status: 500},
		{name: "pdf", url: ts.URL + "/report.pdf", kind: browser.KindNotHTML, msg: "application/pdf"},
		{name: "pdf attachment", url: ts.URL + "/download.pdf", kind: browser.KindNotHTML, msg: "not a web page"},
		{name: "image", url: ts.URL + "/logo.png", kind: browser.KindNotHTML, msg: "image/png"},
		{name: "connection refused", url: closedPort(t), kind: browser.KindNetwork, msg: "connection refused"},
		{name: "dns", url: "http://saavu-test.invalid/", kind: browser.KindNetwork, msg: "host not found"},
		{name: "never finishes loading", url: ts.URL + "/never-loads", status: 200, finalPath: "/never-loads", note: "did not finish loading"},
		{name: "server never answers", url: ts.URL + "/no-answer", kind: browser.KindTimeout, msg: "did not answer"},
		{name: "script hangs the tab", url: ts.URL + "/hang", kind: browser.KindHung, msg: "stopped responding"},
		{name: "tab crashes", url: "chrome://crash", kind: browser.KindCrash, msg: "crashed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			p, err := b.Capture(context.Background(), tt.url)
			t.Logf("%s in %s: err=%v", tt.url, time.Since(start).Round(time.Millisecond), err)
			if p == nil {
				t.Fatal("Capture returned no page")
			}
			if tt.kind == "" {
				if err != nil {
					t.Fatalf("want a captured page, got error: %v", err)
				}
				if len(p.Nodes) < 5 || p.Root() == nil {
					t.Errorf("page has %d nodes and root %v", len(p.Nodes), p.Root())
				}
				if !strings.HasSuffix(p.FinalURL, tt.finalPath) {
					t.Errorf("final URL %q, want …%s", p.FinalURL, tt.finalPath)
				}
				notes := strings.Join(p.Notes, " ")
				if tt.note != "" && !strings.Contains(notes, tt.note) {
					t.Errorf("notes %q lack %q", notes, tt.note)
				}
				if tt.note == "" && notes != "" {
					t.Errorf("unexpected notes %q", notes)
				}
			} else {
				var pe *browser.PageError
				if !errors.As(err, &pe) {
					t.Fatalf("want a *PageError of kind %s, got %T %v", tt.kind, err, err)
				}
				if pe.Kind != tt.kind || !strings.Contains(pe.Msg, tt.msg) {
					t.Errorf("got %s error %q, want %s error containing %q", pe.Kind, pe.Msg, tt.kind, tt.msg)
				}
			}
			if tt.status != 0 && p.Status != tt.status {
				t.Errorf("status %d, want %d", p.Status, tt.status)
			}
		})
	}
	// After all that the browser still works.
	if _, err := b.Capture(context.Background(), ts.URL+"/ok"); err != nil {
		t.Fatalf("browser unusable after the bad pages: %v", err)
	}
}

func TestCaptureModel(t *testing.T) {
	b := chrometest.Browser(t)
	mux := http.NewServeMux()
	var userAgent string
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		userAgent = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="fi"><head><title>Kunta</title>
<style>.hid{display:none} p.grey{color:rgb(119,119,119);background:#fff;font-size:18px}</style></head>
<body><main><h1 id="top">Tervetuloa</h1><p class="grey">Harmaa teksti</p><p class="hid">Piilotettu</p>
<a href="/x"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Etusivu"></a>
<div id="host"></div><iframe title="Kartta" srcdoc="<p>inner</p>"></iframe>
<button id="late">Later</button></main>
<script>document.getElementById('host').attachShadow({mode:'open'}).innerHTML='<button>Varjo</button>';
document.getElementById('late').textContent='Added by script';</script></body></html>`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	p, err := b.Capture(context.Background(), ts.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if lang, _ := p.Lang(); lang != "fi" || p.Title != "Kunta" || p.Status != 200 || p.ContentType != "text/html" {
		t.Errorf("lang %q title %q status %d type %q", lang, p.Title, p.Status, p.ContentType)
	}
	grey := p.Find("p.grey")[0]
	if grey.Style("color") != "rgb(119, 119, 119)" || grey.Style("font-size") != "18px" || grey.Layout.Box.Empty() {
		t.Errorf("computed style/layout of p.grey: %+v", grey.Layout)
	}
	if hid := p.Find("p.hid")[0]; hid.Rendered() {
		t.Errorf("display:none paragraph has layout %+v", hid.Layout)
	}
	link := p.Find("a")[0]
	if link.Role() != "link" || link.AccessibleName() != "Etusivu" {
		t.Errorf("link role %q name %q", link.Role(), link.AccessibleName())
	}
	if got := p.Find("#late")[0].TextContent(); got != "Added by script" {
		t.Errorf("DOM after scripts: button text %q", got)
	}
	var shadowBtn, inner bool
	for _, n := range p.Elements() {
		if n.Is("button") && n.Shadow == "open" {
			shadowBtn = true
			if n.AccessibleName() != "Varjo" || n.Selector() != "#host >>> button" {
				t.Errorf("shadow button name %q selector %q", n.AccessibleName(), n.Selector())
			}
		}
	}
	for _, n := range p.Nodes {
		if n.Is("p") && n.Frame != 0 {
			inner = true
			if !strings.HasPrefix(n.Selector(), "body > main > iframe >>> ") {
				t.Errorf("iframe paragraph selector %q", n.Selector())
			}
		}
	}
	if !shadowBtn || !inner {
		t.Errorf("shadow button captured: %v, iframe content captured: %v", shadowBtn, inner)
	}
	if p.Shots != nil {
		t.Error("Capture took screenshots: they come after the rules (Tab.Check)")
	}
	if !strings.HasPrefix(userAgent, "Mozilla/") || !strings.HasSuffix(userAgent, " saavu-test/1") {
		t.Errorf("user agent %q: want Chrome's with saavu-test/1 appended", userAgent)
	}
	if p.Viewport.W != 1280 {
		t.Errorf("viewport %+v", p.Viewport)
	}
}

// TestAuditRecovers: one tab audits pages one after another; a page that
// hangs or crashes the tab costs only that page.
func TestAuditRecovers(t *testing.T) {
	b := chrometest.Browser(t)
	ts := badSite(t)
	urls := []string{ts.URL + "/ok", ts.URL + "/hang", ts.URL + "/moved", "chrome://crash", ts.URL + "/missing", ts.URL + "/alert"}
	got := map[string]browser.Done{}
	err := b.Audit(context.Background(), urls, nil, 1, func(d browser.Done) { got[d.URL] = d })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(urls) {
		t.Fatalf("%d results for %d pages", len(got), len(urls))
	}
	for _, u := range []string{ts.URL + "/ok", ts.URL + "/moved", ts.URL + "/alert"} {
		if d := got[u]; d.Err != nil || len(d.Page.Nodes) == 0 {
			t.Errorf("%s: %v", u, d.Err)
		}
	}
	for u, kind := range map[string]string{ts.URL + "/hang": browser.KindHung, "chrome://crash": browser.KindCrash, ts.URL + "/missing": browser.KindHTTP} {
		if !browser.IsKind(got[u].Err, kind) {
			t.Errorf("%s: got %v, want a %s error", u, got[u].Err, kind)
		}
	}
}

func TestAuditCancelled(t *testing.T) {
	b := chrometest.Browser(t)
	ts := badSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := b.Audit(ctx, []string{ts.URL + "/ok", ts.URL + "/never-loads", ts.URL + "/ok?2", ts.URL + "/ok?3"}, nil, 1, func(d browser.Done) {
		n++
		cancel() // stop after the first page
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Audit returned %v, want context.Canceled", err)
	}
	if n == 0 || n > 2 {
		t.Errorf("%d pages reported after cancelling at the first", n)
	}
}

// TestAuditShots: after the rules ran, the regions around the reported
// elements are photographed, the first viewport as captured and the rest
// scrolled into view; a page where everything passed gets none.
func TestAuditShots(t *testing.T) {
	b := chrometest.Browser(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		body := `<p>Tervetuloa</p>`
		if r.URL.Path == "/bad" { // images without alt, at the top and far down the page, under a fixed banner
			img := `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="50" height="40" style="background:rgb(0,0,255)">`
			body = img + `<div style="height:3000px"></div>` + img + `<div style="height:1000px"></div>` +
				`<div style="position:fixed;bottom:0;left:0;right:0;height:100px;background:#000">Evästeet</div>`
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="fi"><head><title>Kunta</title></head><body><main><h1>Otsikko</h1>%s</main></body></html>`, body)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	rules := []*checks.Rule{checks.ImageAlt}
	got := map[string]browser.Done{}
	if err := b.Audit(context.Background(), []string{ts.URL + "/ok", ts.URL + "/bad"}, rules, 1, func(d browser.Done) { got[d.URL] = d }); err != nil {
		t.Fatal(err)
	}
	if d := got[ts.URL+"/ok"]; d.Err != nil || d.Page.Shots != nil {
		t.Errorf("clean page: err %v, %d shots; want none", d.Err, len(d.Page.Shots))
	}
	d := got[ts.URL+"/bad"]
	if d.Err != nil || len(d.Page.Shots) != 2 {
		t.Fatalf("page with two failures far apart: err %v, %d shots; want 2", d.Err, len(d.Page.Shots))
	}
	for _, n := range d.Page.Find("img") {
		box := n.Layout.Box
		var s *checks.Shot
		for i, sh := range d.Page.Shots {
			if a := sh.Area; box.X >= a.X && box.Y >= a.Y && box.X+box.W <= a.X+a.W && box.Y+box.H <= a.Y+a.H {
				s = &d.Page.Shots[i]
			}
		}
		if s == nil {
			t.Errorf("no shot holds the image at %+v", box)
			continue
		}
		img, err := png.Decode(bytes.NewReader(s.PNG))
		if err != nil {
			t.Fatal(err)
		}
		if sz := img.Bounds().Size(); sz.X != int(s.Area.W) || sz.Y != int(s.Area.H) {
			t.Errorf("shot of %+v is %v", s.Area, sz)
		}
		// The element (blue) is where the page model has it, on the white
		// page, not under the fixed banner.
		cx, cy := int(box.X+box.W/2-s.Area.X), int(box.Y+box.H/2-s.Area.Y)
		if r, g, bl, _ := img.At(cx, cy).RGBA(); r>>8 != 0 || g>>8 != 0 || bl>>8 != 255 {
			t.Errorf("image at %+v: shot pixel at its centre is %v, want blue", box, img.At(cx, cy))
		}
		if r, g, bl, _ := img.At(cx, 1).RGBA(); r>>8 != 255 || g>>8 != 255 || bl>>8 != 255 {
			t.Errorf("image at %+v: shot pixel above it is %v, want the white page", box, img.At(cx, 1))
		}
	}
}

// TestCaptureInput: the input probe presses single keys and tilts the
// device, records what each did, and leaves the page as it was: the
// page reports its state to the server when the tab leaves it.
func TestCaptureInput(t *testing.T) {
	b := chrometest.Browser(t)
	var (
		mu    sync.Mutex
		hits  = map[string]int{}
		state = make(chan string, 1)
	)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><title>Other</title></head><body><p>Other page</p></body></html>`)
	})
	mux.HandleFunc("/state", func(w http.ResponseWriter, r *http.Request) {
		select {
		case state <- r.URL.Query().Get("s"):
		default:
		}
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><title>Keys</title><style>body{min-height:3000px}</style></head>
<body><input id="q" aria-label="Search"><ul id="news"><li>One</li></ul><p id="status">idle</p>
<div id="box"><span id="gone">old</span></div><div id="panel">Panel</div><p id="level">flat</p>
<script>
document.addEventListener('keydown', e => {
  document.documentElement.dataset.modality = 'keyboard';
  switch (e.key) {
  case 'n': document.getElementById('news').insertAdjacentHTML('beforeend', '<li>Two</li>'); break;
  case 'x': document.getElementById('status').firstChild.data = 'changed'; break;
  case 'r': document.getElementById('gone').remove(); break;
  case 'a': document.getElementById('panel').setAttribute('data-open', ''); break;
  case '/': document.getElementById('q').focus(); break;
  case 'g': location.href = '/elsewhere'; break;
  case 'o': window.open('/popup'); break;
  case 'j': scrollBy(0, 400); break;
  }
});
window.addEventListener('deviceorientation', e => { if (e.gamma > 20) document.getElementById('level').textContent = 'right'; });
const snap = () => document.body.innerHTML;
const first = snap();
// A GET: the probes' guard holds back beacons until the page is left.
addEventListener('pagehide', () => fetch('/state?s=' + encodeURIComponent(JSON.stringify({
  same: snap() === first, scroll: scrollY, active: document.activeElement.tagName,
  modality: document.documentElement.dataset.modality || ''})), {keepalive: true}));
</script></body></html>`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	ctx := context.Background()
	tab, err := b.NewTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	p, err := tab.Capture(ctx, ts.URL+"/keys")
	if err != nil {
		t.Fatal(err)
	}
	if p.Keys == nil || p.Motion == nil {
		t.Fatalf("keys %+v motion %+v, notes %q", p.Keys, p.Motion, p.Notes)
	}
	if !slices.Contains(p.Keys.Listeners, "document keydown") || len(p.Keys.Tried) < 90 {
		t.Errorf("key listeners %q, %d keys tried", p.Keys.Listeners, len(p.Keys.Tried))
	}
	id := func(i int) string {
		if i <= 0 || i >= len(p.Nodes) {
			return fmt.Sprint(i)
		}
		return p.Nodes[i].AttrOr("id", p.Nodes[i].Name)
	}
	got := map[string]string{}
	for _, r := range p.Keys.Reactions {
		var s []string
		for _, c := range r.Changed {
			s = append(s, id(c))
		}
		if r.Focus != 0 {
			s = append(s, "focus "+id(r.Focus))
		}
		if r.Scrolled {
			s = append(s, "scrolled")
		}
		if r.Navigate != "" {
			s = append(s, "go "+strings.TrimPrefix(r.Navigate, ts.URL))
		}
		got[r.Input] = strings.Join(s, " ")
	}
	want := map[string]string{"n": "news", "x": "status", "r": "box", "a": "panel", "/": "focus q", "g": "go /elsewhere", "o": "go /popup", "j": "scrolled"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reactions to keys:\n got %v\nwant %v (a change any key makes, data-modality, does not count)", got, want)
	}
	if len(p.Motion.Reactions) != 1 || p.Motion.Reactions[0].Input != "tilt" || len(p.Motion.Reactions[0].Changed) != 1 || id(p.Motion.Reactions[0].Changed[0]) != "level" {
		t.Errorf("motion: %+v", p.Motion)
	}
	// Leaving the page makes it report its state.
	if _, err := tab.Capture(ctx, ts.URL+"/next"); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-state:
		// The focus probe's Tab presses reach the page's key listener
		// too: data-modality, set by them, is undone with the rest.
		if s != `{"same":true,"scroll":0,"active":"BODY","modality":""}` {
			t.Errorf("the page after the probes: %s", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("the page did not report its state when the tab left it")
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/elsewhere"]+hits["/popup"] > 0 {
		t.Errorf("the probe let the page navigate: %v", hits)
	}
}

// TestCaptureSkipProbes: a run whose rules read no live-page data does not
// probe the page: the probes' page data stays empty, and no note says
// something could not be read.
func TestCaptureSkipProbes(t *testing.T) {
	chrometest.Browser(t) // skips without Chrome
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := chrometest.Options
	opts.SkipProbes = checks.Probes
	b, err := browser.Launch(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><a href="/a">A</a><video src="v.mp4"></video>
<script>document.addEventListener('keydown', () => {}); setInterval(() => {}, 500);</script></body></html>`)
	}))
	defer ts.Close()
	p, err := b.Capture(ctx, ts.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	if p.Focus != nil || p.Keys != nil || p.Auto != nil || p.Zoom != nil || p.Reflow != nil || p.Spacing != nil || p.Hover != nil || p.Media != nil || len(p.Notes) > 0 {
		t.Errorf("probes ran: focus %v keys %v auto %v zoom %v reflow %v spacing %v hover %v media %v, notes %q",
			p.Focus != nil, p.Keys != nil, p.Auto != nil, p.Zoom != nil, p.Reflow != nil, p.Spacing != nil, p.Hover != nil, p.Media != nil, p.Notes)
	}
}
