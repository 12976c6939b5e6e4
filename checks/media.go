package checks

// Helpers of the media alternative rules (video-caption,
// video-description, video-only-alternative, audio-transcript). No
// machine can tell whether captions, a description or a transcript say
// what the media says, so those rules only find the media a person must
// check, and tell what to look for.

// perceivableMedia returns the audio and video elements of the page that
// people can see or play: rendered videos with a visible box, and audio
// elements with controls or playing.
func perceivableMedia(p *Page, tag string) []*Node {
	var out []*Node
	for _, n := range allElements(p) {
		if n.Namespace != "" || !n.Is(tag) || ariaHidden(n) {
			continue
		}
		switch tag {
		case "video":
			if cssHidden(n) || n.Layout.Box.W < 2 || n.Layout.Box.H < 2 {
				continue
			}
		case "audio":
			// Without controls an audio element is not rendered, and is
			// heard only when it plays.
			m := p.MediaOf(n)
			if n.HasAttr("controls") && cssHidden(n) ||
				!n.HasAttr("controls") && !n.HasAttr("autoplay") && (m == nil || m.Paused) {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// mediaAudio returns what the media probe found of the element's sound
// (MediaState.Audio: "audible", "silent", "yes", "no"), "" when it could
// not tell.
func mediaAudio(p *Page, n *Node) string {
	if m := p.MediaOf(n); m != nil {
		return m.Audio
	}
	return ""
}

// tracks returns the kinds of the track elements of a media element
// ("captions", "subtitles", "descriptions"…; a track without kind is
// "subtitles", as in HTML).
func tracks(n *Node) map[string]bool {
	out := map[string]bool{}
	for _, c := range n.ChildNodes() {
		if c.Type == ElementNode && c.Is("track") && c.HasAttr("src") {
			k := c.AttrOr("kind", "subtitles")
			if k == "" {
				k = "subtitles"
			}
			out[k] = true
		}
	}
	return out
}
