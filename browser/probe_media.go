package browser

import (
	"context"
	"time"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The media probe: the state of the page's audio and video elements, and
// whether what plays makes sound (audio control, media alternatives). See
// probe.go for how probes run.

// The media probe's scripts (js/media.js): mediaJS collects the audio and
// video elements of the page (open shadow trees included) and returns
// their state, listening for a moment to those that play (see
// mediaState); mediaRestoreJS puts the videos it played back as they
// were.
var (
	mediaJS         = jsFunc("media.js", "mediaState")
	mediaRestoreJS  = jsFunc("media.js", "mediaRestore")
	mediaElementsJS = jsFunc("media.js", "mediaElements")
)

type mediaJSState struct {
	checks.MediaState
	Playing    bool    `json:"playing"` // now, while probed (a paused video is played muted)
	Time       float64 `json:"time"`    // seconds played now
	AudioBytes float64 `json:"audioBytes"`
	VideoBytes float64 `json:"videoBytes"`
	IsVideo    bool    `json:"video"`
	Peak       float64 `json:"peak"` // loudest sample heard, -1 when not listened to
}

// probeMedia records the state of every audio and video element. Media
// that is playing gets a moment (mediaWait at most) to decode enough to
// tell whether it has audio.
func probeMedia(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	const mediaWait = 600 * time.Millisecond
	start := time.Now()
	var states []mediaJSState
	for {
		states = nil
		if err := tab.call(ctx, mediaJS, &states); err != nil {
			return err
		}
		unsure := false
		for _, s := range states {
			if s.Playing && s.Error == 0 && s.AudioBytes == 0 && s.Time < 0.5 {
				unsure = true
			}
		}
		if !unsure || time.Since(start) > mediaWait {
			break
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if len(states) == 0 {
		return nil
	}
	if err := tab.call(ctx, mediaRestoreJS, new(bool)); err != nil {
		return err
	}
	idx, err := tab.elements(ctx, mediaElementsJS, backend)
	if err != nil {
		return err
	}
	for i, s := range states {
		if i >= len(idx) || idx[i] < 0 {
			continue // added after the snapshot
		}
		m := s.MediaState
		m.Node = idx[i]
		switch {
		case s.Peak > 0.01:
			m.Audio = "audible"
		case s.Peak >= 0 && s.AudioBytes > 0:
			m.Audio = "silent"
		case s.AudioBytes > 0:
			m.Audio = "yes"
		case s.IsVideo && s.VideoBytes > 0 && s.Time >= 0.5:
			m.Audio = "no" // played half a second of video without decoding any audio
		}
		p.Media = append(p.Media, m)
	}
	return nil
}
