// The screenshots (shots.go).

// shotsReset puts the page back as it was captured (the focus probe left
// focus on some element, and scrolled) and returns the viewport's height.
function shotsReset() {
  blurActive();
  scrollToY(0);
  return innerHeight;
}
