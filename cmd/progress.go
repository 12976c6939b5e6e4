package cmd

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress tells the person waiting how a run goes, on stderr.
//
// On a terminal it keeps one line up to date (redrawn at most 4 times a
// second): pages done of those queued, pages not audited, broken links,
// pages per second and, when the number of pages is known, the time left.
// A page that could not be audited gets a line of its own above it.
//
// Elsewhere (CI logs, files) it prints plain lines: with perPage one line
// per page ("[n/total] URL: verdict", as check does), otherwise a line per
// page that could not be audited and a status line every 10 seconds. A
// last line sums up the run.
//
// A nil *progress prints nothing (--quiet).
type progress struct {
	w       io.Writer
	tty     bool
	perPage bool
	now     func() time.Time
	every   time.Duration // between status lines when not on a terminal
	limit   int           // pages at most (--max-pages); 0: unknown

	mu                   sync.Mutex
	start, drawn, logged time.Time
	done, failed, broken int
	queued               int
	base                 int // pages done by an earlier run (not in the rate)
	line                 bool
	docs, docsTotal      int // documents checked, of those found (documentProgress)
	docsNotChecked       int
	stop                 chan struct{}
	stopped              sync.WaitGroup
}

// newProgress returns the progress printer for the streams, nil when
// quiet.
func newProgress(ios *IOStreams, quiet bool, now func() time.Time) *progress {
	if quiet {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	p := &progress{w: ios.ErrOut, tty: ios.ErrTTY, now: now, every: 10 * time.Second}
	p.start = now()
	p.logged = p.start
	return p
}

// run redraws the line (or prints the status line) as time passes, until
// end is called.
func (p *progress) run() {
	if p == nil {
		return
	}
	tick := p.every
	if p.tty {
		tick = 250 * time.Millisecond
	}
	if p.perPage && !p.tty {
		return
	}
	p.stop = make(chan struct{})
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.mu.Lock()
				p.update(true)
				p.mu.Unlock()
			case <-p.stop:
				return
			}
		}
	}()
}

// resumed counts the pages an earlier run did.
func (p *progress) resumed(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.base, p.done = n, n
}

// page records a page done: its URL, what happened to it ("no failures",
// "3 rule(s) failed", "not audited: …"), whether it was audited, whether
// it is a broken link, and how many pages are queued in all.
func (p *progress) page(url, verdict string, audited, broken bool, queued int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.queued = max(queued, p.done)
	switch {
	case broken:
		p.broken++
	case !audited:
		p.failed++
	}
	if p.perPage && !p.tty {
		fmt.Fprintf(p.w, "[%d/%d] %s: %s\n", p.done, p.queued, url, verdict)
		return
	}
	if !audited && !broken {
		p.clear()
		fmt.Fprintf(p.w, "saavu: %s: %s\n", url, verdict)
	}
	p.update(false)
}

// update redraws the terminal line, or prints a status line when it is
// time. Called with mu held.
func (p *progress) update(tick bool) {
	now := p.now()
	if p.tty {
		if !tick && p.line && now.Sub(p.drawn) < 250*time.Millisecond {
			return
		}
		p.drawn = now
		fmt.Fprintf(p.w, "\r\x1b[K%s", p.status(now))
		p.line = true
		return
	}
	if now.Sub(p.logged) >= p.every {
		p.logged = now
		fmt.Fprintf(p.w, "saavu: %s\n", p.status(now))
	}
}

// clear removes the terminal line. Called with mu held.
func (p *progress) clear() {
	if p.tty && p.line {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.line = false
	}
}

// status is "12/40 pages, 1 not audited, 2 broken links, 1.5 pages/s,
// about 20s left".
func (p *progress) status(now time.Time) string {
	if p.queued == 0 {
		return "no page done yet"
	}
	parts := []string{fmt.Sprintf("%d/%d pages", p.done, p.queued)}
	if p.failed > 0 {
		parts = append(parts, fmt.Sprintf("%d not audited", p.failed))
	}
	if p.broken > 0 {
		parts = append(parts, plural(p.broken, "broken link", "broken links"))
	}
	if p.docsTotal > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d documents", p.docs, p.docsTotal))
	}
	elapsed := now.Sub(p.start)
	if n := p.done - p.base; n > 0 && elapsed > 0 {
		rate := float64(n) / elapsed.Seconds()
		parts = append(parts, speed(rate))
		// The total is known once the page limit is reached, or when
		// nothing is left to find.
		if left := p.queued - p.done; p.limit > 0 && p.queued >= p.limit && left > 0 {
			eta := time.Duration(float64(left) / rate * float64(time.Second))
			parts = append(parts, "about "+roundETA(eta)+" left")
		}
	}
	return strings.Join(parts, ", ")
}

// end stops the redrawing and prints the last line: what was done and
// how fast.
func (p *progress) end(what string) {
	if p == nil {
		return
	}
	if p.stop != nil {
		close(p.stop)
		p.stopped.Wait()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	if p.perPage && !p.tty {
		return
	}
	elapsed := p.now().Sub(p.start)
	n := p.done - p.base
	line := fmt.Sprintf("saavu: %s %s in %s", what, plural(n, "page", "pages"), roundETA(elapsed))
	if n > 0 && elapsed > 0 {
		line += " (" + speed(float64(n)/elapsed.Seconds()) + ")"
	}
	if p.base > 0 {
		line += fmt.Sprintf(", and %d before", p.base)
	}
	if p.failed > 0 {
		line += fmt.Sprintf(", %d not audited", p.failed)
	}
	if p.broken > 0 {
		line += ", " + plural(p.broken, "broken link", "broken links")
	}
	if p.docsTotal > 0 {
		line += fmt.Sprintf(", %d of %s checked", p.docs-p.docsNotChecked, plural(p.docsTotal, "document", "documents"))
	}
	fmt.Fprintln(p.w, line)
}

// speed writes a rate in pages per second, or per minute when slow.
func speed(perSecond float64) string {
	if perSecond < 0.95 {
		return fmt.Sprintf("%.0f pages/min", perSecond*60)
	}
	return fmt.Sprintf("%.1f pages/s", perSecond)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// roundETA writes a duration the way a person would say it.
func roundETA(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Round(time.Second)/time.Second))
	case d < time.Hour:
		d = d.Round(time.Second)
		return fmt.Sprintf("%dm%02ds", int(d/time.Minute), int(d%time.Minute/time.Second))
	default:
		d = d.Round(time.Minute)
		return fmt.Sprintf("%dh%02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
}

// document records a linked document done (the crawl checks them after
// the pages): its URL, what happened to it, whether it was checked, and
// how many are done of how many.
func (p *progress) document(url, verdict string, checked bool, done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.docs, p.docsTotal = done, total
	if !checked {
		p.docsNotChecked++
		p.clear()
		fmt.Fprintf(p.w, "saavu: %s: %s\n", url, verdict)
	}
	p.update(false)
}
