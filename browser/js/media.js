// The media probe (probe_media.go).

// mediaState collects the audio and video elements of the page, open
// shadow trees included, into window.__saavuMedia and returns their
// state. For media that is playing with sound on, it listens to the
// decoded audio for a moment (Web Audio analyser; the tab itself is muted)
// to tell sound from a silent track. Cross-origin media without CORS would
// give the analyser only zeros, so it is not listened to.
async function mediaState() {
  const els = [];
  walkDeep(document, NodeFilter.SHOW_ELEMENT, e => {
    if (e instanceof HTMLMediaElement) els.push(e);
  });
  window.__saavuMedia = els;
  // A video that is not playing is played muted for a moment, to tell
  // whether it has a sound track; what is reported of it is its state
  // before (see mediaRestore).
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
}

// mediaRestore puts the videos played for a moment back as they were.
function mediaRestore() {
  for (const e of (window.__saavuMedia || [])) {
    if (!e.__saavuTrial) continue;
    try { e.pause(); e.currentTime = e.__saavuOrig.currentTime; e.muted = e.__saavuOrig.muted; } catch (_) {}
  }
  return true;
}

// mediaElements returns the elements mediaState found.
function mediaElements() {
  return window.__saavuMedia;
}
