package report

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"saavu/checks"
)

// MaxScreenshots is how many elements per rule and page get a screenshot.
const MaxScreenshots = 5

// PageResult turns a checked page (or the error that stopped it) into the
// report's Page. It crops the screenshots of failing elements, so the full
// page screenshot can be dropped right after.
func PageResult(p *checks.Page, results []checks.Result, err error) Page {
	out := Page{URL: p.URL, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType, Title: p.Title, Notes: p.Notes}
	if err != nil {
		out.Error = err.Error()
		var kinded interface{ ErrorKind() string }
		if errors.As(err, &kinded) {
			out.ErrorKind = kinded.ErrorKind()
		}
		out.Results = []Result{}
		return out
	}
	var shot image.Image
	if len(p.Screenshot) > 0 {
		if img, err := png.Decode(bytes.NewReader(p.Screenshot)); err == nil {
			shot = img
		}
	}
	for _, res := range results {
		r := Result{
			Rule: res.Rule.ID, Outcome: string(res.Outcome), WCAG: res.Rule.WCAG, EN301549: res.Rule.EN301549(),
			ACT: res.Rule.ACT, Impact: string(res.Rule.Impact), Passed: res.Count(checks.Passed),
		}
		shots := 0
		for _, t := range res.Targets {
			if t.Outcome != checks.Failed && t.Outcome != checks.CantTell {
				continue
			}
			n := Node{Outcome: string(t.Outcome), Selector: t.Node.Selector(), Snippet: t.Node.Snippet(), Message: t.Message}
			if box, ok := elementBox(t.Node); ok {
				n.Box = &box
				if shot != nil && shots < MaxScreenshots {
					if uri := crop(shot, box); uri != "" {
						n.Screenshot = uri
						shots++
					}
				}
			}
			r.Nodes = append(r.Nodes, n)
		}
		out.Results = append(out.Results, r)
	}
	return out
}

// elementBox returns the element's box on the page when it has one worth
// showing.
func elementBox(n *checks.Node) (checks.Rect, bool) {
	if n.Layout == nil || n.Layout.Box.Empty() || n.Frame != 0 {
		return checks.Rect{}, false
	}
	if n.Is("html", "body") {
		return checks.Rect{}, false
	}
	return n.Layout.Box, true
}

// highlight is the outline drawn around an element in a crop.
var highlight = color.RGBA{R: 0xd4, G: 0x00, B: 0x6a, A: 0xff}

// crop cuts the element's surroundings out of the page screenshot, draws
// an outline around the element and returns a PNG data: URL.
func crop(shot image.Image, box checks.Rect) string {
	const margin, maxW, maxH, line = 24, 640, 320, 3
	b := shot.Bounds()
	el := image.Rect(int(box.X), int(box.Y), int(box.X+box.W+0.5), int(box.Y+box.H+0.5))
	if !el.Overlaps(b) {
		return ""
	}
	area := image.Rect(el.Min.X-margin, el.Min.Y-margin, el.Max.X+margin, el.Max.Y+margin).Intersect(b)
	if area.Dx() > maxW {
		area.Max.X = area.Min.X + maxW
	}
	if area.Dy() > maxH {
		area.Max.Y = area.Min.Y + maxH
	}
	if area.Empty() {
		return ""
	}
	img := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	draw.Draw(img, img.Bounds(), shot, area.Min, draw.Src)
	r := el.Sub(area.Min).Inset(-line)
	for i := 0; i < line; i++ {
		rr := r.Inset(i)
		for x := rr.Min.X; x < rr.Max.X; x++ {
			img.Set(x, rr.Min.Y, highlight)
			img.Set(x, rr.Max.Y-1, highlight)
		}
		for y := rr.Min.Y; y < rr.Max.Y; y++ {
			img.Set(rr.Min.X, y, highlight)
			img.Set(rr.Max.X-1, y, highlight)
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return ""
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}
