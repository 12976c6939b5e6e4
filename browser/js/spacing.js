// The text spacing probe (probe_spacing.go).

// spacingCSS is the text spacing of WCAG 1.4.12, forced on every element
// as the W3C's test bookmarklet does.
const spacingCSS = "*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

// spacingOn adds the text spacing style sheet. Focus is taken off
// whatever the focus probe left it on, so that the snapshots with and
// without it see the page as captured.
function spacingOn() {
  blurActive();
  const s = document.createElement('style');
  s.id = 'saavu-text-spacing';
  s.textContent = spacingCSS;
  (document.head || document.documentElement).append(s);
  return true;
}

// spacingOff removes the text spacing style sheet.
function spacingOff() {
  const s = document.getElementById('saavu-text-spacing');
  if (s) s.remove();
  return true;
}
