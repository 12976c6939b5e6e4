// The scroll probe (probe_scroll.go).

// scrollSizes measures an element, this: how far its content can be
// scrolled each way, and its computed padding.
function scrollSizes() {
  const c = getComputedStyle(this);
  const px = v => parseFloat(v) || 0;
  return [this.scrollWidth - this.clientWidth, this.scrollHeight - this.clientHeight,
    px(c.paddingTop), px(c.paddingRight), px(c.paddingBottom), px(c.paddingLeft)];
}
