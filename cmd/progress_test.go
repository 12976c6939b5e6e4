package cmd

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// clock is a fake clock that tests move by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }
func testProgress(tty bool) (*progress, *bytes.Buffer, *clock) {
	var buf bytes.Buffer
	c := newClock()
	p := newProgress(&IOStreams{ErrOut: &buf, ErrTTY: tty}, false, c.now)
	return p, &buf, c
}

func TestProgressPlain(t *testing.T) {
	p, buf, c := testProgress(false)
	p.limit = 4
	c.add(4 * time.Second)
	p.page("https://a.example/", "no failures", true, false, 3)
	c.add(4 * time.Second)
	p.page("https://a.example/x", "not audited: the server answered HTTP 500", false, false, 4)
	c.add(4 * time.Second) // 12 s: a status line
	p.page("https://a.example/y", "not audited: the server answered HTTP 404", false, true, 4)
	c.add(4 * time.Second)
	p.page("https://a.example/z", "2 rule(s) failed", true, false, 4)
	c.add(4 * time.Second)
	p.end("crawled")
	want := `saavu: https://a.example/x: not audited: the server answered HTTP 500
saavu: 3/4 pages, 1 not audited, 1 broken link, 15 pages/min, about 4s left
saavu: crawled 4 pages in 20s (12 pages/min), 1 not audited, 1 broken link
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestProgressPerPage(t *testing.T) {
	p, buf, c := testProgress(false)
	p.perPage = true
	p.page("https://a.example/", "no failures", true, false, 2)
	c.add(20 * time.Second)
	p.page("https://a.example/x", "not audited: timeout", false, false, 2)
	p.end("checked")
	want := "[1/2] https://a.example/: no failures\n[2/2] https://a.example/x: not audited: timeout\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestProgressTerminal(t *testing.T) {
	p, buf, c := testProgress(true)
	p.resumed(10)
	c.add(time.Second)
	p.page("https://a.example/", "no failures", true, false, 30)
	c.add(100 * time.Millisecond) // too soon to redraw
	p.page("https://a.example/b", "no failures", true, false, 30)
	c.add(200 * time.Millisecond)
	p.page("https://a.example/c", "no failures", true, false, 31)
	c.add(time.Second)
	p.page("https://a.example/x", "not audited: the server did not answer", false, false, 31)
	c.add(time.Second)
	p.end("crawled")
	const clear = "\r\x1b[K"
	want := clear + "11/30 pages, 1.0 pages/s" +
		clear + "13/31 pages, 2.3 pages/s" +
		clear + "saavu: https://a.example/x: not audited: the server did not answer\n" +
		clear + "14/31 pages, 1 not audited, 1.7 pages/s" +
		clear + "saavu: crawled 4 pages in 3s (1.2 pages/s), and 10 before, 1 not audited\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if strings.Count(buf.String(), "\n") != 2 {
		t.Errorf("the live line must not scroll")
	}
}

func TestProgressQuiet(t *testing.T) {
	var p *progress = newProgress(&IOStreams{}, true, nil)
	p.run()
	p.page("u", "v", true, false, 1)
	p.end("crawled") // a nil printer does nothing, and does not panic
}
