package browser_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/browser"
	"saavu/checks"
	"saavu/crawl"
	"saavu/internal/chrometest"
	"saavu/report"
)

// TestAuditShotsOnce: an element that fails on two pages of a run (a
// template's) is photographed on one of them; the elements of each
// page's own are photographed on both.
func TestAuditShotsOnce(t *testing.T) {
	b := chrometest.Browser(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/a" && r.URL.Path != "/b" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		other := map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path]
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="fi"><head><title>Kunta</title></head><body><main><h1>Otsikko</h1>`+
			`<img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="50" height="40">`+
			`<div style="height:300px"></div>`+
			`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=#%s" width="60" height="40">`+
			`<p><a href="%s">Toinen sivu</a></p></main></body></html>`, r.URL.Path[1:], other)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	rules := []*checks.Rule{checks.ImageAlt}

	runs := []struct {
		name string
		run  func(done func(browser.Done)) error
	}{
		{"audit", func(done func(browser.Done)) error {
			return b.Audit(context.Background(), []string{ts.URL + "/a", ts.URL + "/b"}, rules, 2, done)
		}},
		{"crawl", func(done func(browser.Done)) error {
			opts := crawl.CrawlOptions{Start: []string{ts.URL + "/a"}, MaxDepth: -1, Concurrency: 2, IgnoreRobots: true}
			session := b.Session(rules)
			tabs := func() crawl.Tab { return session.Worker() }
			_, err := crawl.Crawl(context.Background(), tabs, opts, func(p crawl.CrawlPage) error { done(p.Done); return nil })
			return err
		}},
	}
	for _, tt := range runs {
		t.Run(tt.name, func(t *testing.T) {
			var pages []report.Page
			err := tt.run(func(d browser.Done) {
				if d.Err != nil {
					t.Errorf("%s: %v", d.URL, d.Err)
					return
				}
				pages = append(pages, report.PageResult(d.Page, d.Results, d.Err))
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 {
				t.Fatalf("%d pages audited, want 2", len(pages))
			}
			logoShots := 0
			for _, p := range pages {
				var logo, own *report.Node
				for _, r := range p.Results {
					for i, n := range r.Nodes {
						switch {
						case r.Rule != checks.ImageAlt.ID:
						case strings.Contains(n.Snippet, `id="logo"`):
							logo = &r.Nodes[i]
						case strings.Contains(n.Snippet, "img"):
							own = &r.Nodes[i]
						}
					}
				}
				if logo == nil || own == nil {
					t.Fatalf("%s: image-alt reported logo %v, own image %v; want both", p.URL, logo, own)
				}
				if logo.Outcome != "failed" || logo.Selector != "#logo" {
					t.Errorf("%s: logo %s at %q, want failed at #logo", p.URL, logo.Outcome, logo.Selector)
				}
				if logo.Screenshot != "" {
					logoShots++
				}
				if !strings.HasPrefix(own.Screenshot, "data:image/png;base64,") {
					t.Errorf("%s: the page's own image (%s) has no screenshot", p.URL, own.Selector)
				}
			}
			if logoShots != 1 {
				t.Errorf("the logo on both pages has %d screenshots, want 1", logoShots)
			}
		})
	}
}

// coveredPage is a page whose footer text fails colour contrast under a
// fixed cookie banner of a colour nothing else has (magenta), with the
// banner's own unnamed button; tall is the height of the content above
// the footer (more than a viewport: the footer is photographed scrolled;
// less: in the first viewport, as captured). overlay adds a box placed
// absolutely over the footer, which is neither fixed nor sticky.
func coveredPage(tall int, overlay bool, bannerHeight string) string {
	over := ""
	if overlay {
		over = `<div style="position:absolute;left:0;right:0;bottom:0;height:60px;background:#0a0">Mainos</div>`
	}
	return fmt.Sprintf(`<!DOCTYPE html><html lang="fi"><head><title>Kunta</title>
<style>body{margin:0;font:16px sans-serif;background:#fff} footer{position:relative;padding:20px;background:#eee}
#copy{color:#bbb;margin:0;padding:10px 0} #banner{position:fixed;left:0;right:0;bottom:0;height:%s;background:#f0f} #ok{margin-left:300px}</style></head>
<body><main><h1>Otsikko</h1><div style="height:%dpx">Sisältöä.</div></main>
<footer><p id="copy">© 2026 Esimerkkilän kunta · Kaikki oikeudet pidätetään · Yhteystiedot</p>%s</footer>
<div id="banner"><p>Käytämme evästeitä.</p><button id="ok"></button></div></body></html>`, bannerHeight, tall, over)
}

// TestShotsShowTheElement: the screenshot of an element under a fixed
// cookie banner shows the element, not the banner (the banner is hidden
// for the shot, whether the element is photographed in the first
// viewport or scrolled to); an element inside the banner is photographed
// with its banner, also at the bottom of the viewport (photographed
// with the page at the top, where the snapshot has it); an element that
// other content covers is marked.
func TestShotsShowTheElement(t *testing.T) {
	b := chrometest.Browser(t)
	pages := map[string]string{
		"/long":    coveredPage(2000, false, "60vh"),
		"/short":   coveredPage(300, false, "60vh"),
		"/overlay": coveredPage(2000, true, "60vh"),
		// The banner's button near the bottom of the viewport: its
		// crop, centred on it, would reach below the viewport.
		"/low": coveredPage(2000, false, "70px"),
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		html, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, html)
	}))
	defer ts.Close()
	magenta := color.RGBA{R: 0xff, B: 0xff, A: 0xff}
	for _, path := range []string{"/long", "/short", "/overlay", "/low"} {
		t.Run(path[1:], func(t *testing.T) {
			var d browser.Done
			err := b.Audit(context.Background(), []string{ts.URL + path}, []*checks.Rule{checks.ColorContrast, checks.ButtonName}, 1, func(got browser.Done) { d = got })
			if err != nil || d.Err != nil {
				t.Fatalf("audit: %v %v", err, d.Err)
			}
			page := report.PageResult(d.Page, d.Results, d.Err)
			copyright := shotNode(t, page, checks.ColorContrast.ID, "#copy")
			if dir := os.Getenv("SAAVU_SHOTS_DIR"); dir != "" {
				for name, n := range map[string]report.Node{"copy": copyright, "ok": shotNode(t, page, checks.ButtonName.ID, "#ok")} {
					raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(n.Screenshot, "data:image/png;base64,"))
					os.WriteFile(filepath.Join(dir, path[1:]+"-"+name+".png"), raw, 0o644)
				}
			}
			button := shotNode(t, page, checks.ButtonName.ID, "#ok")
			if c := centre(t, d.Page, copyright); c == magenta {
				t.Errorf("the middle of the footer text's screenshot is the cookie banner's magenta")
			}
			if c := beside(t, d.Page, button); c != magenta {
				t.Errorf("beside the banner's button, its screenshot is %v, want the banner's magenta", c)
			}
			if want := path == "/overlay"; copyright.ScreenshotCovered != want {
				t.Errorf("footer text: screenshotCovered %v, want %v", copyright.ScreenshotCovered, want)
			}
			if button.ScreenshotCovered {
				t.Errorf("the banner's button is marked covered")
			}
		})
	}
}

// shotNode returns the element of rule at selector on the page, which
// must have a screenshot.
func shotNode(t *testing.T, p report.Page, rule, selector string) report.Node {
	t.Helper()
	for _, r := range p.Results {
		for _, n := range r.Nodes {
			if r.Rule == rule && n.Selector == selector {
				if n.Screenshot == "" || n.Box == nil {
					t.Fatalf("%s at %s has no screenshot", rule, selector)
				}
				return n
			}
		}
	}
	t.Fatalf("%s did not report %s", rule, selector)
	return report.Node{}
}

// centre returns the colour of the screenshot of n at the middle of the
// element, or 40 px into it for a wide one (a crop shows at most
// CropMaxW px from its left): the element's, or what covers it.
func centre(t *testing.T, p *checks.Page, n report.Node) color.RGBA {
	return shotPixel(t, p, n, func(el image.Rectangle) image.Point {
		return image.Pt(min((el.Min.X+el.Max.X)/2, el.Min.X+40), (el.Min.Y+el.Max.Y)/2)
	})
}

// beside returns the colour of the screenshot of n 8 px left of the
// element (beyond the outline), at its middle height: what is around it.
func beside(t *testing.T, p *checks.Page, n report.Node) color.RGBA {
	return shotPixel(t, p, n, func(el image.Rectangle) image.Point {
		return image.Pt(el.Min.X-8, (el.Min.Y+el.Max.Y)/2)
	})
}

// shotPixel returns the colour of the screenshot of n at the point of the
// page at(el) gives for the element's rectangle el.
func shotPixel(t *testing.T, p *checks.Page, n report.Node, at func(el image.Rectangle) image.Point) color.RGBA {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(n.Screenshot, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	el, area, ok := checks.CropArea(p, *n.Box)
	if !ok {
		t.Fatalf("%s: no crop area", n.Selector)
	}
	pt := at(el).Sub(area.Min)
	if !pt.In(img.Bounds()) {
		t.Fatalf("%s: %v is outside its %v screenshot", n.Selector, pt, img.Bounds().Size())
	}
	return color.RGBAModel.Convert(img.At(pt.X, pt.Y)).(color.RGBA)
}
