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

// mediaJS collects the audio and video elements of the page, open shadow
// trees included, into window.__saavuMedia and returns their state. For
// media that is playing with sound on, it listens to the decoded audio
// for a moment (Web Audio analyser; the tab itself is muted) to tell
// sound from a silent track. Cross-origin media without CORS would give
// the analyser only zeros, so it is not listened to.
const mediaJS = `(async () => {
  const els = [];
  const walk = root => {
    for (const e of root.querySelectorAll('*')) {
      if (e instanceof HTMLMediaElement) els.push(e);
      if (e.shadowRoot) walk(e.shadowRoot);
    }
  };
  walk(document);
  window.__saavuMedia = els;
  // A video that is not playing is played muted for a moment, to tell
  // whether it has a sound track; what is reported of it is its state
  // before (see mediaRestoreJS).
  for (const e of els) {
    if (!e.__saavuOrig) e.__saavuOrig = {paused: e.paused, muted: e.muted, currentTime: e.currentTime};
    if (e instanceof HTMLVideoElement && e.paused && !e.error && !e.__saavuTrial) {
      e.__saavuTrial = true;
      e.muted = true;
      try { const pr = e.play(); if (pr && pr.catch) pr.catch(() => {}); } catch (_) {}
    }
  }
  const listen = [];
  for (const e of els) {
    let ok = false;
    try { ok = new URL(e.currentSrc, location.href).origin === location.origin || e.crossOrigin !== null; } catch (_) {}
    if (!ok || e.paused || e.muted || e.volume === 0 || e.error || !window.AudioContext) continue;
    try {
      const ac = e.__saavuAC || new AudioContext();
      e.__saavuAC = ac;
      const an = ac.createAnalyser();
      an.fftSize = 2048;
      const src = e.__saavuSrc || ac.createMediaElementSource(e);
      e.__saavuSrc = src;
      src.connect(an);
      an.connect(ac.destination);
      listen.push({e, an, peak: 0, buf: new Float32Array(an.fftSize)});
    } catch (_) {}
  }
  for (let i = 0; i < 8 && listen.length; i++) {
    await new Promise(r => setTimeout(r, 40));
    for (const l of listen) {
      l.an.getFloatTimeDomainData(l.buf);
      for (const v of l.buf) l.peak = Math.max(l.peak, Math.abs(v));
    }
  }
  return els.map(e => {
    const l = listen.find(l => l.e === e);
    const o = e.__saavuTrial ? e.__saavuOrig : e;
    return {
      fragment: (e.currentSrc || '').split('#')[1] || '', paused: o.paused, muted: o.muted, volume: e.volume,
      duration: e.duration === Infinity ? -1 : (isNaN(e.duration) ? 0 : e.duration),
      currentTime: o.currentTime, readyState: e.readyState, error: e.error ? e.error.code : 0,
      playing: !e.paused, time: e.currentTime,
      audioBytes: e.webkitAudioDecodedByteCount || 0, videoBytes: e.webkitVideoDecodedByteCount || 0,
      video: e instanceof HTMLVideoElement, peak: l ? l.peak : -1,
    };
  });
})()`

// mediaRestoreJS puts the videos played for a moment back as they were.
const mediaRestoreJS = `(() => {
  for (const e of (window.__saavuMedia || [])) {
    if (!e.__saavuTrial) continue;
    try { e.pause(); e.currentTime = e.__saavuOrig.currentTime; e.muted = e.__saavuOrig.muted; } catch (_) {}
  }
  return true;
})()`

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
func probeMedia(ctx context.Context, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	const mediaWait = 600 * time.Millisecond
	start := time.Now()
	var states []mediaJSState
	for {
		states = nil
		if err := evalJS(ctx, mediaJS, &states); err != nil {
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
	if err := evalJS(ctx, mediaRestoreJS, new(bool)); err != nil {
		return err
	}
	idx, err := elements(ctx, "window.__saavuMedia", backend)
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
