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
const MaxScreenshots = checks.MaxScreenshots

// cropLine is the width of the outline drawn around an element.
const cropLine = 3

// PageResult turns a checked page (or the error that stopped it) into the
// report's Page. It crops the screenshots of failing elements out of the
// page's shots (see checks.ShotAreas), so the shots can be dropped right after.
func PageResult(p *checks.Page, results []checks.Result, err error) Page {
	out := Page{URL: p.URL, FinalURL: p.FinalURL, Status: p.Status, ContentType: p.ContentType, Title: p.Title, Notes: p.Notes, RenderHash: p.RenderHash}
	if err != nil {
		out.Error = err.Error()
		var kinded interface{ ErrorKind() string }
		if errors.As(err, &kinded) {
			out.ErrorKind = kinded.ErrorKind()
		}
		out.Results = []Result{}
		return out
	}
	out.Facts = checks.PageFacts(p)
	shots := decodeShots(p.Shots)
	for _, res := range results {
		r := Result{
			Rule: res.Rule.ID, Outcome: string(res.Outcome), WCAG: res.Rule.WCAG, EN301549: res.Rule.EN301549(),
			ACT: res.Rule.ACT, Impact: string(res.Rule.Impact), Passed: res.Count(checks.Passed),
		}
		cropped := 0
		for _, t := range res.Targets {
			if t.Outcome != checks.Failed && t.Outcome != checks.CantTell {
				continue
			}
			n := Node{Outcome: string(t.Outcome), Selector: t.Node.Selector(), Snippet: t.Node.Snippet(), Message: t.Message, Text: t.Text}
			if box, ok := checks.ShotBox(t.Node); ok {
				n.Box = &box
				if len(shots) > 0 && cropped < MaxScreenshots && !p.NoShot[checks.ShotRef{Rule: res.Rule.ID, Node: t.Node}] {
					if el, area, ok := checks.CropArea(p, box); ok {
						if uri := crop(shots, t.Node, el, area); uri != "" {
							n.Screenshot = uri
							n.ScreenshotCovered = p.ShotCovered[t.Node]
							cropped++
						}
					}
				}
			}
			r.Nodes = append(r.Nodes, n)
		}
		out.Results = append(out.Results, r)
	}
	return out
}

// shot is a decoded checks.Shot, its bounds in page coordinates.
type shot struct {
	area image.Rectangle
	img  image.Image
	from checks.Shot // what it was decoded from
}

func decodeShots(in []checks.Shot) []shot {
	var out []shot
	for _, s := range in {
		img, err := png.Decode(bytes.NewReader(s.PNG))
		if err != nil {
			continue
		}
		at := image.Pt(int(s.Area.X), int(s.Area.Y))
		out = append(out, shot{area: img.Bounds().Sub(img.Bounds().Min).Add(at), img: img, from: s})
	}
	return out
}

// highlight is the outline drawn around an element in a crop.
var highlight = color.RGBA{R: 0xd4, G: 0x00, B: 0x6a, A: 0xff}

// crop cuts area (page coordinates) out of the first shot that holds it
// and may serve n (checks.Shot.Serves), draws an outline around n's box
// el and returns a PNG data: URL; "" when no shot holds the area.
func crop(shots []shot, n *checks.Node, el, area image.Rectangle) string {
	var src *shot
	for i := range shots {
		if area.In(shots[i].area) && shots[i].from.Serves(n) {
			src = &shots[i]
			break
		}
	}
	if src == nil {
		return ""
	}
	img := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	from := area.Min.Sub(src.area.Min).Add(src.img.Bounds().Min)
	draw.Draw(img, img.Bounds(), src.img, from, draw.Src)
	r := el.Sub(area.Min).Inset(-cropLine)
	for i := 0; i < cropLine; i++ {
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
