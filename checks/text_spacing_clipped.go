package checks

// TextSpacingClipped checks that no text is cut off when a reader widens
// the spacing of lines, paragraphs, letters and words as far as WCAG
// 1.4.12 asks pages to allow. It reads what the text spacing probe saw
// (Page.Spacing). Style attributes that keep the spacing from being
// changed at all are the business of letter-spacing-important,
// line-height-important and word-spacing-important.
var TextSpacingClipped = &Rule{
	ID:      "text-spacing-clipped",
	Title:   "Text is not cut off when text spacing is widened",
	Doc:     doc("text-spacing-clipped"),
	HelpURL: understanding("1.4.12"),
	WCAG:    []string{"1.4.12"},
	Impact:  Serious,
	Probes:  []Probe{ProbeSpacing},
	Run:     runTextSpacingClipped,
}

// runTextSpacingClipped applies to visible text inside an element with
// overflow hidden or clip, with the spacing widened. The text fails when
// such an element cuts through it (or cuts it off at the side) and did
// not before the spacing changed. As with zoom-text-clipped, cuts that
// designers make on purpose are left to a person: whole lines pushed out
// of a box of fixed height, a box that also hides other text entirely
// (a carousel), and boxes next to a control that may reveal the rest.
// Text that the wider spacing pushes out of sight entirely needs a
// person too. Which texts and cuts it judges is judgeClips', shared with
// zoom-text-clipped, except that it also judges text in aria-hidden
// subtrees, which zoom-text-clipped (after ACT 59br37) leaves out.
func runTextSpacingClipped(pass *Pass) error {
	p := pass.Page
	s := p.Spacing
	if s == nil || s.Before == nil || s.After == nil {
		return nil // the probe did not run, or no text is in a box that can cut it
	}
	cv := newClipVerdicts()
	judgeClips(p, worseClips(s.Before, s.After), spacingClipWords, nil, cv)
	// Text that was visible and is gone: the wider spacing pushed it out
	// of its box entirely.
	after := map[int]bool{}
	for _, zt := range s.After.Texts {
		after[zt.Node] = true
	}
	for _, zt := range s.Before.Texts {
		if after[zt.Node] {
			continue
		}
		if el := clipTextElement(p, zt.Node); el != nil && p.Nodes[zt.Node].Layout != nil {
			cv.judge(el, clipVerdict{CantTell, msg("With wider text spacing this text disappears: a box with overflow: hidden and a fixed size pushes it out of sight. Check whether it can still be read some other way; if not, let the box grow with its text (min-height instead of height).")})
		}
	}
	cv.report(pass)
	return nil
}

var spacingClipWords = clipWords{
	carousel: func(box Text) Text {
		return msg("With wider text spacing this text is cut off at the side by %s, which has overflow: hidden and also hides other text entirely (a carousel or a ticker?). Check with the text spacing widened that all of the text can be read, for example by moving to the next slide.", box)
	},
	firstLines: func(box, hidden Text) Text {
		return msg("With wider text spacing %s, which has overflow: hidden and a fixed height, shows only the first lines of this text: %s no longer fit. Check that the rest can be read some other way (a \"Read more\" link); if not, let the box grow with its text (min-height instead of height).", box, hidden)
	},
	reveal: func(box Text) Text {
		return msg("With wider text spacing this text is cut off by %s, which has overflow: hidden. A button or link next to it may show the rest: check that all of the text can be read with the text spacing widened.", box)
	},
	cut: func(box, how Text) Text {
		return msg("When a reader widens the text spacing (line height 1.5, letter spacing 0.12 em, word spacing 0.16 em, as people with dyslexia or low vision do with a browser extension or their own style sheet), this text is cut off by %s, which has overflow: hidden and a fixed size: %s. Let the box grow with its text (min-height instead of height, widths in em or %% rather than px), or use overflow: auto.", box, how)
	},
}

// worseClips returns after with, for each text, only the cuts that are
// worse than what the same boxes did before the spacing changed: a box
// that already cut the text as captured is not the wider spacing's doing.
func worseClips(before, after *ZoomView) *ZoomView {
	was := map[int]ZoomText{}
	for _, zt := range before.Texts {
		was[zt.Node] = zt
	}
	out := &ZoomView{Viewport: after.Viewport, Boxes: after.Boxes, Texts: make([]ZoomText, 0, len(after.Texts))}
	for _, zt := range after.Texts {
		var clips []TextClip
		for _, c := range zt.Clips {
			if worseClip(c, was[zt.Node]) {
				clips = append(clips, c)
			}
		}
		zt.Clips = clips
		out.Texts = append(out.Texts, zt)
	}
	return out
}

// worseClip reports whether clip c (with the spacing widened) cuts more
// of the text than the same box did in before (as captured).
func worseClip(c TextClip, before ZoomText) bool {
	for _, o := range before.Clips {
		if o.Box != c.Box || o.Axis != c.Axis {
			continue
		}
		return c.Partial+c.Hidden > o.Partial+o.Hidden || c.Hidden > o.Hidden || c.Cut > o.Cut+3
	}
	return true
}
