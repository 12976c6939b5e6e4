package checks

// AudioAutoplayDuration checks that sound which starts by itself stops
// within 3 seconds, controls or not (ACT aaa1bf). It is a best practice:
// WCAG 1.4.2 is also met by a way to pause or mute the sound, which
// audio-autoplay checks, so this rule is extra and cites no criterion.
var AudioAutoplayDuration = &Rule{
	ID:      "audio-autoplay-duration",
	Title:   "Audio that plays automatically stops within 3 seconds",
	Doc:     doc("audio-autoplay-duration"),
	HelpURL: actRule("aaa1bf"),
	ACT:     []string{"aaa1bf"},
	Impact:  Moderate,
	Probes:  []Probe{ProbeMedia},
	Extra:   true,
	Run:     runAudioAutoplayDuration,
}

// ACT aaa1bf applies to the elements 80f0bf applies to (autoplaying):
// audio and video elements with an autoplay attribute that are playing,
// not muted, with audio output. It passes when the audio plays for 3
// seconds or less.
func runAudioAutoplayDuration(pass *Pass) error {
	for _, a := range autoplaying(pass.Page) {
		n, m := a.n, a.m
		switch {
		case m == nil:
			pass.CantTell(n, "This %s starts playing by itself, but saavu could not see whether it plays sound. Check that any sound stops within 3 seconds.", n.Name)
			continue
		case a.broken:
			pass.CantTell(n, "This %s is set to play by itself, but the browser saavu uses could not load or play it. Check in a browser that any sound stops within 3 seconds.", n.Name)
			continue
		}
		length, known := playLength(n, m)
		switch {
		case known && length <= autoplayLimit:
			pass.Passed(n)
		case m.Audio != "audible":
			pass.CantTell(n, "This %s plays by itself, but saavu heard no sound from it while it checked (a silent track, or the sound starts later). If it plays sound, check that the sound stops within 3 seconds.", n.Name)
		case !known:
			pass.CantTell(n, "This %s plays sound by itself and saavu could not tell for how long. Check that the sound stops within 3 seconds, or do not start it automatically.", n.Name)
		default:
			pass.Failed(n, "This %s plays sound by itself %s. Even with a pause button, sound that starts on its own covers a screen reader's speech until the visitor finds the button. Start it muted or let the visitor start it (remove autoplay), or keep automatic sound under 3 seconds.", n.Name, seconds(length))
		}
	}
	return nil
}
