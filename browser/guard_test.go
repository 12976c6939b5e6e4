package browser_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"saavu/checks"
	"saavu/internal/chrometest"
)

// unsafePage is a page whose controls try every way of sending something
// or leaving the page when clicked, focused or changed.
const unsafePage = `<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Palaute</title></head>
<body>
<main>
<h1>Palaute</h1>
<div id="send" onclick="sendAll()" style="cursor:pointer;width:200px;padding:1rem;background:#eef">Lähetä palaute</div>
<div id="later" onclick="setTimeout(() => { location.href = '/later-nav'; fetch('/later-post', {method: 'POST', body: 'x'}); }, 150)" style="cursor:pointer;width:200px;padding:1rem">Myöhemmin</div>
<div id="card" onclick="location.href='/card-nav'" style="cursor:pointer;width:200px;padding:1rem">Lue lisää</div>
<input id="f1" onfocus="location.href='/focus-nav'">
<input id="f2" onfocus="window.open('/focus-popup')">
<select id="lang" onchange="location.href = this.value"><option value="/fi">Suomi</option><option value="/sv">Svenska</option></select>
<select id="lang2" onchange="this.form.submit()" form="f"><option>a</option><option>b</option></select>
<label><input type="checkbox" id="cb" onchange="fetch('/cb-post', {method: 'PUT'})"> Tilaa</label>
<a id="blank" href="/blank-link" target="_blank">Avautuu uuteen</a>
<form id="f" method="post" action="/form-post"><input name="q" value="1"><button id="sub">Lähetä</button></form>
<form id="fb" method="post" action="/form-blank" target="_blank"><input name="q" value="1"></form>
</main>
<script>
const keep = window.fetch;
function sendAll() {
  fetch('/fetch-post', {method: 'POST', body: 'x'}).catch(() => {});
  keep('/kept-fetch-post', {method: 'POST', body: 'x'}).catch(() => {});
  const x = new XMLHttpRequest(); x.open('POST', '/xhr-post'); x.send('x');
  navigator.sendBeacon('/beacon', 'x');
  try { const ws = new WebSocket('ws://' + location.host + '/ws'); ws.onopen = () => ws.send('x'); } catch (_) {}
  try { new EventSource('/events'); } catch (_) {}
  window.open('/popup');
  document.getElementById('blank').click();
  document.getElementById('sub').click();
  document.getElementById('f').submit();
  document.getElementById('fb').requestSubmit();
  HTMLFormElement.prototype.submit.call(document.getElementById('fb'));
  document.cookie = 'consent=yes; path=/';
  localStorage.setItem('consent', 'yes');
  history.back();
  location.href = '/navigated';
}
</script>
</body></html>`

// TestGuardSendsNothing: the probes click, focus and change the controls
// of a page that tries every way of sending something or going
// elsewhere; the server sees none of it, the page stays, no cookie is
// kept for the next page, and the probe records what was tried.
func TestGuardSendsNothing(t *testing.T) {
	b := chrometest.Browser(t)
	var mu sync.Mutex
	var seen []string
	cookie := ""
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		if r.URL.Path == "/next" {
			cookie = r.Header.Get("Cookie")
		}
		mu.Unlock()
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, unsafePage)
		case "/next":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html lang="fi"><head><title>Seuraava</title></head><body><p>Seuraava sivu</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	p, err := b.Capture(context.Background(), ts.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // for anything late
	mu.Lock()
	got := slices.Clone(seen)
	mu.Unlock()
	for _, s := range got {
		if s != "GET /" && s != "GET /favicon.ico" {
			t.Errorf("the server saw %s", s)
		}
	}
	if _, err := b.Capture(context.Background(), ts.URL+"/next"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if cookie != "" {
		t.Errorf("the next page was sent the cookie %q", cookie)
	}
	mu.Unlock()
	if p.Activate == nil {
		t.Fatalf("no activation probe results; notes: %q", p.Notes)
	}
	if !strings.HasSuffix(p.FinalURL, "/") || p.Title != "Palaute" || len(p.Notes) > 0 {
		t.Errorf("page %s %q, notes %q", p.FinalURL, p.Title, p.Notes)
	}
	// What was tried, by element id.
	tried := map[string]string{}
	say := func(e *checks.Effect) string {
		if e == nil {
			return "nothing"
		}
		u := func(s string) string { return strings.ReplaceAll(s, ts.URL, "") }
		return fmt.Sprintf("nav=%s new=%v submit=%s blurred=%v req=%s", u(e.Navigate), e.NewWindow, u(e.Submit), e.Blurred, u(strings.Join(e.Requests, ",")))
	}
	id := func(i int) string { return p.Nodes[i].AttrOr("id", "?") }
	for _, c := range p.Activate.Clicks {
		tried["click "+id(c.Node)] = say(c.Click)
	}
	for _, e := range p.Activate.OnFocus {
		tried["focus "+id(e.Node)] = say(&e)
	}
	for _, c := range p.Activate.Changes {
		tried["change "+id(c.Node)] = say(c.Effect)
	}
	want := map[string]string{
		"click send":   "nav=/popup new=true submit=POST /form-post blurred=false req=POST /fetch-post,POST /xhr-post,GET ws://" + strings.TrimPrefix(ts.URL, "http://") + "/ws,GET /events",
		"click card":   "nav=/card-nav new=false submit= blurred=false req=",
		"focus f1":     "nav=/focus-nav new=false submit= blurred=false req=",
		"focus f2":     "nav=/focus-popup new=true submit= blurred=false req=",
		"change lang":  "nav=/sv new=false submit= blurred=false req=",
		"change lang2": "nav= new=false submit=POST /form-post blurred=false req=",
		"change cb":    "nav= new=false submit= blurred=false req=PUT /cb-post",
		"click later":  "nothing",
	}
	for k, w := range want {
		if tried[k] != w {
			t.Errorf("%s: %s, want %s", k, tried[k], w)
		}
	}
}
