// The in-page half of the guard (guard.go): while the probes use the
// page, nothing may leave it or send anything. guardOn wraps what could,
// and keeps what the page tried in window.__saavuGuard.log, one entry
// each ({kind, url, method, newWindow}), for the activation probe.
//
// Held back, recorded: navigations of the page (the Navigation API's
// navigate event, cancelled; links, whose activation is prevented;
// history.back/forward/go), new windows (window.open; links and forms
// with a target), form submissions (the submit event, cancelled, and
// form.submit()), print(), fetch and XMLHttpRequest other than GET (a
// fetch fails as offline, an XHR is never sent),
// navigator.sendBeacon, WebSocket and EventSource (stand-ins that never
// connect), and writes to cookies and web storage (dropped, so that what
// a probe clicked cannot change the next pages of the crawl). GET
// requests go through, and are recorded. The network half in guard.go
// holds back whatever gets past this (a reference the page kept to the
// original fetch).

// guardOn installs the guard (once) and returns true. It stays until
// the page is left: a timer that a probe's click set may fire later.
function guardOn() {
  if (window.__saavuGuard) return true;
  const G = window.__saavuGuard = {log: []};
  const rec = (kind, url, more) => { G.log.push(Object.assign({kind, url: url === '' ? '' : abs(url)}, more || {})); };
  const abs = u => { try { return String(new URL(String(u), document.baseURI)); } catch (_) { return String(u); } };
  // put replaces obj[name] with a proxy of it whose call is apply (the
  // function still looks native to the page).
  const put = (obj, name, apply) => {
    const d = obj && Object.getOwnPropertyDescriptor(obj, name);
    if (!d || typeof d.value !== 'function') return;
    try { Object.defineProperty(obj, name, Object.assign({}, d, {value: new Proxy(d.value, {apply})})); } catch (_) {}
  };
  const listen = (target, type, f, capture) => target.addEventListener(type, f, capture);
  const newWindow = t => !!t && !/^_(self|top|parent)$/i.test(t) && t !== window.name;

  // Navigations of this window.
  if (window.navigation) {
    listen(navigation, 'navigate', e => {
      rec('navigate', e.destination.url, {same: e.destination.sameDocument});
      if (e.cancelable) e.preventDefault();
    });
  }
  // Links: recorded when clicked, their activation prevented once the
  // page's own listeners ran (the page may handle the click itself).
  const linkOf = e => {
    for (const n of e.composedPath()) {
      if (n.nodeType === 1 && (n.localName === 'a' || n.localName === 'area') && n.hasAttribute('href')) return n;
    }
    return null;
  };
  listen(window, 'click', e => {
    const a = linkOf(e);
    if (a) rec('navigate', a.href, {newWindow: newWindow(a.target)});
  }, true);
  listen(window, 'click', e => { if (linkOf(e)) e.preventDefault(); }, false);
  listen(window, 'submit', e => {
    const f = e.target, s = e.submitter;
    const action = s && s.hasAttribute && s.hasAttribute('formaction') ? s.formAction : f.action;
    const target = s && s.getAttribute && s.getAttribute('formtarget') || f.target;
    rec('submit', action, {method: (s && s.getAttribute && s.getAttribute('formmethod') || f.method || 'get').toUpperCase(), newWindow: newWindow(target)});
    e.preventDefault();
  }, true);
  put(HTMLFormElement.prototype, 'submit', (f, self) => { rec('submit', self.action, {method: (self.method || 'get').toUpperCase(), newWindow: newWindow(self.target)}); });
  put(window, 'open', (f, self, args) => { rec('open', args[0] || 'about:blank', {newWindow: true}); return null; });
  put(window, 'print', () => { rec('print', ''); });
  for (const m of ['back', 'forward', 'go']) put(History.prototype, m, () => { rec('navigate', 'history.' + m + '()'); });

  // Requests.
  const safe = m => m === 'GET';
  put(window, 'fetch', (f, self, args) => {
    const [input, init] = args;
    const req = input instanceof Request ? input : null;
    const method = String(init && init.method || req && req.method || 'GET').toUpperCase();
    const url = req ? req.url : input;
    rec('request', url, {method});
    if (!safe(method)) return Promise.reject(new TypeError('Failed to fetch'));
    return Reflect.apply(f, self, args);
  });
  const xhr = new WeakMap();
  put(XMLHttpRequest.prototype, 'open', (f, self, args) => { xhr.set(self, [String(args[0] || 'GET').toUpperCase(), args[1]]); return Reflect.apply(f, self, args); });
  put(XMLHttpRequest.prototype, 'send', (f, self, args) => {
    const [method, url] = xhr.get(self) || ['GET', ''];
    rec('request', url, {method});
    if (!safe(method)) return undefined;
    return Reflect.apply(f, self, args);
  });
  put(Navigator.prototype, 'sendBeacon', (f, self, args) => { rec('beacon', args[0], {method: 'POST'}); return true; });
  // WebSocket and EventSource: stand-ins that stay connecting; sockets
  // the page opened before send nothing more.
  for (const [name, kind] of [['WebSocket', 'websocket'], ['EventSource', 'eventsource']]) {
    const Orig = window[name];
    if (!Orig) continue;
    const Fake = function (url) {
      rec(kind, url);
      const t = new EventTarget();
      Object.assign(t, {url: abs(url), readyState: 0, bufferedAmount: 0, protocol: '', extensions: '', binaryType: 'blob', withCredentials: false,
        send: () => rec(kind, url, {method: 'SEND'}), close: () => { t.readyState = 2; }});
      return t;
    };
    Object.assign(Fake, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
    Fake.prototype = Orig.prototype;
    window[name] = Fake;
  }
  if (window.WebSocket) put(WebSocket.prototype, 'send', (f, self) => { rec('websocket', self.url, {method: 'SEND'}); });
  // Cookies and storage: writes are dropped.
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.get) {
    try { Object.defineProperty(document, 'cookie', {configurable: true, get: () => cookie.get.call(document), set: () => {}}); } catch (_) {}
  }
  for (const m of ['setItem', 'removeItem', 'clear']) put(Storage.prototype, m, () => undefined);
  return true;
}
