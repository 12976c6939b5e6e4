package checks

// AudioTranscript finds the audio a person must check for a transcript
// (WCAG 1.2.1; ACT e7aa44 and its part 2eb176). It reports cantTell
// only: whether a text says what the audio says takes a person.
var AudioTranscript = &Rule{
	ID:      "audio-transcript",
	Title:   "Audio has a text alternative",
	Doc:     doc("audio-transcript"),
	HelpURL: understanding("1.2.1"),
	WCAG:    []string{"1.2.1"},
	ACT:     []string{"e7aa44", "2eb176"},
	Impact:  Critical,
	Probes:  []Probe{ProbeMedia},
	Run:     runAudioTranscript,
}

// runAudioTranscript applies to audio elements that can be played (with
// controls) or are playing.
func runAudioTranscript(pass *Pass) error {
	for _, n := range perceivableMedia(pass.Page, "audio") {
		pass.CantTell(n, "Check that everything said and heard in this audio is also given in text on the page or behind a link next to it (a transcript), so that deaf people get it. None is needed if the audio only repeats text of the page and is marked as doing so.")
	}
	return nil
}
