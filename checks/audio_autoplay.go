package checks

import (
	"math"
	"strconv"
	"strings"
)

// AudioAutoplay checks that audio or video that starts playing by itself
// stops within 3 seconds or can be paused or muted (ACT 80f0bf, the
// composite of 4c31df and aaa1bf; and 4c31df itself, whose examples it
// judges the same way: media that plays sound for more than 3 seconds
// passes only with a control mechanism). It reads the state the media probe saw
// in the live page (Page.Media).
var AudioAutoplay = &Rule{
	ID:      "audio-autoplay",
	Title:   "Audio that plays automatically can be stopped",
	Doc:     doc("audio-autoplay"),
	HelpURL: understanding("1.4.2"),
	WCAG:    []string{"1.4.2"},
	ACT:     []string{"4c31df", "80f0bf"},
	Impact:  Serious,
	Probes:  []Probe{ProbeMedia},
	Run:     runAudioAutoplay,
}

// autoplayLimit is how long automatically playing audio may last (1.4.2).
const autoplayLimit = 3.0

// ACT 80f0bf applies to audio and video elements with an autoplay
// attribute that are playing, not muted, with audio output. It passes
// when the audio lasts 3 seconds or less (aaa1bf) or the element has a
// control mechanism to stop or mute it (4c31df).
func runAudioAutoplay(pass *Pass) error {
	p := pass.Page
	for _, a := range autoplaying(p) {
		n, m := a.n, a.m
		switch {
		case m == nil:
			pass.CantTell(n, "This %s starts playing by itself, but saavu could not see whether it plays sound. Check that any sound stops within 3 seconds, or that there is a button to pause or mute it.", n.Name)
			continue
		case a.broken:
			pass.CantTell(n, "This %s is set to play by itself, but the browser saavu uses could not load or play it (a missing file or an unsupported format). Check in a browser that any sound stops within 3 seconds, or that there is a button to pause or mute it.", n.Name)
			continue
		}
		length, known := playLength(n, m)
		if known && length <= autoplayLimit {
			pass.Passed(n)
			continue
		}
		if hasControls(n) {
			pass.Passed(n)
			continue
		}
		switch {
		case m.Audio != "audible":
			pass.CantTell(n, "This %s plays by itself and has no controls, but saavu heard no sound from it while it checked (a silent track, or the sound starts later). If it plays sound for more than 3 seconds, add the controls attribute or a button that pauses or mutes it.", n.Name)
		case !known:
			pass.CantTell(n, "This %s plays sound by itself and has no controls, and saavu could not tell how long it plays. If the sound lasts more than 3 seconds, add the controls attribute (or a button that pauses or mutes it), or start it muted.", n.Name)
		case nearbyControls(p, n):
			pass.CantTell(n, "This %s plays sound by itself %s and has no controls of its own. Check that a button on the page pauses or mutes it and can be used with the keyboard; if not, add the controls attribute or start it muted.", n.Name, seconds(length))
		default:
			pass.Failed(n, "This %s starts playing sound by itself %s and there is no way to pause or mute it. People who use a screen reader cannot hear their reader over it. Remove autoplay, start it muted, or add the controls attribute so that it can be paused.", n.Name, seconds(length))
		}
	}
	return nil
}

// autoplay is an element that plays by itself, with what the media probe
// saw of it.
type autoplay struct {
	n      *Node
	m      *MediaState // nil when the probe did not see the element
	broken bool        // the browser could not load or play it
}

// autoplaying returns the elements audio-autoplay (ACT 80f0bf) and
// audio-autoplay-duration (ACT aaa1bf) apply to, in document order: audio
// and video elements with an autoplay attribute that are playing, not
// muted, with audio output. An element the probe did not see, or the
// browser could not play, comes too, marked: it may play sound, which the
// rules leave to a person.
func autoplaying(p *Page) []autoplay {
	var out []autoplay
	for _, n := range allElements(p) {
		if n.Namespace != "" || !n.Is("audio", "video") || !n.HasAttr("autoplay") {
			continue
		}
		m := p.MediaOf(n)
		if m == nil {
			out = append(out, autoplay{n: n})
			continue
		}
		if m.Muted || m.Volume == 0 || m.Audio == "no" {
			continue // no audio output
		}
		if m.Paused && m.CurrentTime == 0 && m.Error == 0 && m.ReadyState >= 1 {
			continue // did not start
		}
		out = append(out, autoplay{n: n, m: m, broken: m.Error != 0 || m.ReadyState == 0})
	}
	return out
}

// playLength returns how many seconds the media plays from where it
// starts, honouring a media fragment (#t=start,end) and loop, and whether
// that is known.
func playLength(n *Node, m *MediaState) (float64, bool) {
	if n.HasAttr("loop") || m.Duration < 0 {
		return math.Inf(1), true
	}
	if m.Duration <= 0 {
		return 0, false
	}
	start, end := mediaFragment(m.Fragment)
	if end <= 0 || end > m.Duration {
		end = m.Duration
	}
	if start > end {
		start = end
	}
	return end - start, true
}

// mediaFragment parses a temporal media fragment (the part of a URL
// after '#'): t=10,20, t=npt:10 or t=,20. Missing parts are 0.
func mediaFragment(frag string) (start, end float64) {
	for _, part := range strings.Split(frag, "&") {
		v, ok := strings.CutPrefix(part, "t=")
		if !ok {
			continue
		}
		v = strings.TrimPrefix(v, "npt:")
		a, b, _ := strings.Cut(v, ",")
		start, _ = strconv.ParseFloat(a, 64)
		end, _ = strconv.ParseFloat(b, 64)
	}
	return start, end
}

// hasControls reports whether the element shows the browser's own media
// controls.
func hasControls(n *Node) bool {
	return n.HasAttr("controls") && n.Rendered() && n.Style("display") != "none" && n.Style("visibility") != "hidden"
}

// mediaControlWords are words in the names of buttons that pause, stop
// or mute media (en, fi, sv).
var mediaControlWords = []string{"pause", "play", "stop", "mute", "sound", "audio", "volume",
	"tauko", "keskeytä", "pysäytä", "toista", "mykistä", "ääni",
	"paus", "spela", "stoppa", "tysta", "ljud", "volym"}

// nearbyControls reports whether a control a script could use to pause
// or mute the media is near it (in the same container, up to three levels
// up) or anywhere on the page with a name that says so.
func nearbyControls(p *Page, media *Node) bool {
	box := media
	for i := 0; i < 3 && box.ParentElement() != nil; i++ {
		box = box.ParentElement()
	}
	for _, n := range allElements(p) {
		if !n.Exposed() {
			continue
		}
		switch n.Role() {
		case "button", "ToggleButton", "PopUpButton", "switch", "checkbox", "slider", "menuitem", "menuitemcheckbox":
		default:
			continue
		}
		if !box.Is("body", "html") && isInside(n, box) {
			return true // in the media's container (not the whole page)
		}
		name := strings.ToLower(n.AccessibleName())
		for _, w := range mediaControlWords {
			if strings.Contains(name, w) {
				return true
			}
		}
	}
	return false
}

// isInside reports whether n is inside (or is) box.
func isInside(n, box *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		if e == box {
			return true
		}
	}
	return false
}

func seconds(s float64) Text {
	if math.IsInf(s, 1) {
		return msg("for ever (it loops)")
	}
	return msg("for %.0f seconds", s)
}
