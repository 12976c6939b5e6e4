// The zoom probe (probe_zoom.go); the reflow probe uses it too.

// overflowQueries reports whether a style sheet of the page has a rule
// setting overflow to hidden or clip inside a media or container query,
// or a style sheet it cannot read (from another origin).
function overflowQueries() {
  const re = /overflow[a-z-]*\s*:\s*[^;}]*\b(hidden|clip)\b/;
  const look = (rules, cond) => {
    for (const r of rules) {
      const c = cond || (typeof CSSConditionRule !== 'undefined' && r instanceof CSSConditionRule);
      if (c && re.test(r.cssText)) return true;
      if (r.cssRules && r.cssRules.length && look(r.cssRules, c)) return true;
    }
    return false;
  };
  for (const s of document.styleSheets) {
    let rules;
    try { rules = s.cssRules; } catch (_) { return true; }
    if (rules && look(rules, false)) return true;
  }
  return false;
}
