package checks

import (
	"path"
	"strings"
)

// ObjectAlt checks that object elements showing an image, audio or video
// have a text alternative (ACT 8fc3b6).
var ObjectAlt = &Rule{
	ID:      "object-alt",
	Title:   "Embedded objects have a text alternative",
	Doc:     doc("object-alt"),
	HelpURL: understanding("1.1.1"),
	WCAG:    []string{"1.1.1"},
	ACT:     []string{"8fc3b6"},
	Impact:  Serious,
	Run:     runObjectAlt,
}

// ACT 8fc3b6 applies to object elements in the accessibility tree, with no
// explicit role, that embed an image, audio or video resource.
func runObjectAlt(pass *Pass) error {
	for _, n := range allElements(pass.Page) {
		if !n.Is("object") || !n.Exposed() || programmaticallyHidden(n) || firstValidRole(n) != "" {
			continue
		}
		kind := objectMedia(n)
		if kind == "" {
			continue
		}
		if hasName(n) {
			pass.Passed(n)
			continue
		}
		if kind == "?" {
			pass.CantTell(n, "This <object> has no text alternative, and saavu could not tell what it shows. If it shows an image, a sound or a video, give it a title or aria-label that says what it is (e.g. title=\"Mayor's new year speech (video)\").")
			continue
		}
		var why Text
		if r := labelProblems(n); len(r) > 0 {
			why = msg(" (%s)", andText(r))
		} else if n.HasAttr("alt") {
			why = msg(" (alt does not work on <object>)")
		}
		switch kind {
		case "an image":
			pass.Failed(n, "This <object> shows an image but has no text alternative%s, so screen readers cannot say what it is. Give it a title or aria-label that says what it is, e.g. title=\"City coat of arms\". Fallback content inside <object> does not count while the object loads.", why)
		case "audio":
			pass.Failed(n, "This <object> plays audio but has no text alternative%s, so screen readers cannot say what it is. Give it a title or aria-label that says what it is, e.g. title=\"Audio: the mayor's new year speech\". Fallback content inside <object> does not count while the object loads.", why)
		default:
			pass.Failed(n, "This <object> shows a video but has no text alternative%s, so screen readers cannot say what it is. Give it a title or aria-label that says what it is, e.g. title=\"Video: the mayor's new year speech\". Fallback content inside <object> does not count while the object loads.", why)
		}
	}
	return nil
}

var (
	imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true, ".bmp": true, ".ico": true, ".tif": true, ".tiff": true}
	audioExt = map[string]bool{".mp3": true, ".wav": true, ".ogg": true, ".oga": true, ".m4a": true, ".aac": true, ".flac": true, ".opus": true}
	videoExt = map[string]bool{".mp4": true, ".webm": true, ".ogv": true, ".mov": true, ".m4v": true, ".avi": true, ".mkv": true}
	docExt   = map[string]bool{".html": true, ".htm": true, ".xhtml": true, ".php": true, ".asp": true, ".aspx": true, ".pdf": true, ".txt": true, ".xml": true}
)

// objectMedia says what an object element shows: "an image", "audio",
// "a video", "" when it is not media (a web page, a failed load showing
// its fallback content) and "?" when that cannot be told.
func objectMedia(n *Node) string {
	if doc := n.ContentDocument(); doc != nil {
		// Chrome shows media in a media document: <video> with one <source>.
		for _, e := range doc.Descendants() {
			if e.Is("source") && e.Parent >= 0 && e.ParentNode().Is("video") && e.ParentNode().AttrOr("name", "") == "media" {
				if strings.HasPrefix(e.AttrOr("type", ""), "audio/") {
					return "audio"
				}
				return "a video"
			}
			if e.Is("img") && len(doc.Descendants()) <= 5 && e.ParentNode().Is("body") {
				return "an image"
			}
		}
		return "" // a web page or other document
	}
	fallback := false
	n.walk(func(c *Node) bool {
		switch {
		case c == n:
		case c.Type == ElementNode && c.Rendered() && !cssHidden(c),
			c.Type == TextNode && c.Rendered() && !blank(c.Text):
			fallback = true
		}
		return !fallback && c.Type != DocumentNode
	})
	if fallback {
		return "" // the fallback content shows: the resource did not load
	}
	typ := strings.ToLower(strings.TrimSpace(n.AttrOr("type", "")))
	if d := strings.TrimSpace(n.AttrOr("data", "")); typ == "" && len(d) > 5 && strings.EqualFold(d[:5], "data:") {
		typ, _, _ = strings.Cut(strings.ToLower(d[5:]), ";")
		typ, _, _ = strings.Cut(typ, ",")
	}
	ext := strings.ToLower(path.Ext(strings.SplitN(strings.SplitN(n.AttrOr("data", ""), "?", 2)[0], "#", 2)[0]))
	switch {
	case strings.HasPrefix(typ, "image/") || typ == "" && imageExt[ext]:
		return "an image"
	case strings.HasPrefix(typ, "audio/") || typ == "" && audioExt[ext]:
		return "audio"
	case strings.HasPrefix(typ, "video/") || typ == "" && videoExt[ext]:
		return "a video"
	case typ != "" || docExt[ext] || !n.HasAttr("data"):
		return ""
	}
	return "?"
}
