package checks

// VideoDescription finds the videos whose picture a person must check
// for an audio description or a text alternative (WCAG 1.2.3 and 1.2.5;
// ACT c5a4ea, 1ec09b and 1ea59c). It reports cantTell only: whether the
// sound track describes what is shown takes a person.
var VideoDescription = &Rule{
	ID:      "video-description",
	Title:   "What videos show is described in their sound or in text",
	Doc:     doc("video-description"),
	HelpURL: understanding("1.2.5"),
	WCAG:    []string{"1.2.3", "1.2.5"},
	ACT:     []string{"c5a4ea", "1ec09b", "1ea59c"},
	Impact:  Serious,
	Probes:  []Probe{ProbeMedia},
	Run:     runVideoDescription,
}

// runVideoDescription applies to visible video elements, unless the
// media probe played the video and it decoded no audio (video-only
// content is video-only-alternative's).
func runVideoDescription(pass *Pass) error {
	p := pass.Page
	for _, n := range perceivableMedia(p, "video") {
		if mediaAudio(p, n) == "no" {
			continue
		}
		desc := ""
		if tracks(n)["descriptions"] {
			desc = " It has a description track (<track kind=\"descriptions\">), which few players read out: check that the description is also available as audio."
		}
		pass.CantTell(n, "Watch this video and check that what it shows (text on screen, who is speaking, what happens) is also told in its sound track, or in an audio-described version, so that blind people get it; a text alternative next to the video (a full transcript) is enough for WCAG 1.2.3 but not for 1.2.5.%s", desc)
	}
	return nil
}
