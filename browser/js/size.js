// The size of the page (size.go): how many elements its top document
// has, and the cut of a page too large to audit in full.

// sizeCount returns the number of elements of the top document.
function sizeCount() {
  return document.getElementsByTagName('*').length;
}

// sizeCut removes the middle of the document when it has more than
// head + tail elements: the elements after the first head, in document
// order, up to the last tail, with the text between them. Their
// ancestors that hold kept elements stay. It returns how many elements
// there were and are, and the first removed and first kept after the cut,
// described; null when there was nothing to cut.
function sizeCut(head, tail) {
  const all = document.getElementsByTagName('*');
  const before = all.length;
  if (head + tail >= before) {
    return null;
  }
  const first = all[head];
  const last = all[before - tail];
  // <p> in <section id="s1000">: the element and its nearest ancestor
  // with an id.
  const tag = (el) => '<' + el.localName + (el.id ? ' id="' + el.id + '"' : '') + '>';
  const describe = (el) => {
    const at = el.id ? null : el.parentElement && el.parentElement.closest('[id]');
    return tag(el) + (at ? ' in ' + tag(at) : '');
  };
  const from = describe(first);
  const to = describe(last);
  const r = document.createRange();
  r.setStartBefore(first);
  r.setEndBefore(last);
  r.deleteContents();
  return {before: before, after: document.getElementsByTagName('*').length, from: from, to: to};
}
