package checks

// VideoOnlyAlternative finds the videos without sound whose picture a
// person must check for an alternative (WCAG 1.2.1; ACT c3232f, ee13b5,
// d7ba54). It reports cantTell only.
var VideoOnlyAlternative = &Rule{
	ID:      "video-only-alternative",
	Title:   "Videos without sound have a text or audio alternative",
	Doc:     doc("video-only-alternative"),
	HelpURL: understanding("1.2.1"),
	WCAG:    []string{"1.2.1"},
	ACT:     []string{"c3232f", "ee13b5", "d7ba54"},
	Impact:  Serious,
	Probes:  []Probe{ProbeMedia},
	Run:     runVideoOnlyAlternative,
}

// runVideoOnlyAlternative applies to visible video elements, unless the
// media probe heard sound in them: a video it found silent, and one whose
// sound it could not hear (it plays videos muted, and cannot play some),
// may be video-only.
func runVideoOnlyAlternative(pass *Pass) error {
	p := pass.Page
	check := msg("check that what it shows is also given in text next to it (a description or transcript) or in an audio track, so that blind people get it; none is needed if the video only repeats text of the page and is marked as doing so.")
	for _, n := range perceivableMedia(p, "video") {
		switch mediaAudio(p, n) {
		case "audible":
			continue
		case "no":
			pass.CantTell(n, "This video has no sound: %s", check)
		case "silent":
			pass.CantTell(n, "This video's sound track was silent while saavu listened. If it has no sound that matters, %s", check)
		default:
			pass.CantTell(n, "saavu could not hear whether this video has sound (it plays videos muted, and some not at all). If it has no sound, %s", check)
		}
	}
	return nil
}
