package checks

// VideoCaption finds the videos whose sound a person must check for
// captions (WCAG 1.2.2; ACT eac66b and its part f51b46). It reports
// cantTell only: whether captions exist in the picture, and whether any
// captions match what is said, takes a person.
var VideoCaption = &Rule{
	ID:      "video-caption",
	Title:   "Videos with sound have captions",
	Doc:     doc("video-caption"),
	HelpURL: understanding("1.2.2"),
	WCAG:    []string{"1.2.2"},
	ACT:     []string{"eac66b", "f51b46"},
	Impact:  Critical,
	Probes:  []Probe{ProbeMedia},
	Run:     runVideoCaption,
}

// runVideoCaption applies to visible video elements, unless the media
// probe played the video and it decoded no audio.
func runVideoCaption(pass *Pass) error {
	p := pass.Page
	for _, n := range perceivableMedia(p, "video") {
		if mediaAudio(p, n) == "no" {
			continue
		}
		if t := tracks(n); t["captions"] || t["subtitles"] {
			pass.CantTell(n, "This video has a caption track. Watch it with the captions on and check that they give everything that is said and the sounds that matter (music, a door slamming), in time with the picture. Captions are not needed if the video is itself an alternative to text on the page and is marked as one.")
			continue
		}
		pass.CantTell(n, "This video has no caption track (<track kind=\"captions\">). If it has speech or other sound that matters, deaf and hard-of-hearing people need captions: add a caption track, or check that captions are shown in the picture itself. A video without sound, or one that only repeats text of the page and is marked as such, needs none.")
	}
	return nil
}
