package crawl

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"saavu/browser"
	"saavu/checks"
)

func TestState(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	meta := StateMeta{Start: []string{"https://example.fi/"}, MaxDepth: 5, Rules: []string{"a", "b"}, MaxPages: 10}
	s, err := OpenState(dir, meta, StateNew)
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		URL   string `json:"url"`
		Title string `json:"title"`
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.logRecord(stateRecord{Sitemap: []string{"https://example.fi/s"}}))
	must(s.AddPage(page{"https://example.fi/", "one"}))
	must(s.logRecord(stateRecord{URL: "https://example.fi/", Final: "https://example.fi/", OK: true, Page: true, Links: []string{"https://example.fi/a"}}))
	must(s.AddPage(page{"https://example.fi/a", "two"}))
	// a crash here: /a has a page line but is not done
	must(s.Close())
	f, _ := os.OpenFile(filepath.Join(dir, statePagesFile), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"url":"https://example.fi/b","ti`) // cut short
	f.Close()

	if _, err := OpenState(dir, meta, StateNew); !errors.Is(err, ErrStateUnfinished) {
		t.Fatalf("new crawl over an unfinished one: %v, want ErrStateUnfinished", err)
	}
	other := meta
	other.Exclude = []string{"x"}
	if _, err := OpenState(dir, other, StateResume); !errors.Is(err, ErrStateMismatch) || !strings.Contains(err.Error(), "--exclude") {
		t.Fatalf("resume with another --exclude: %v, want ErrStateMismatch naming --exclude", err)
	}
	raised := meta
	raised.MaxPages = 100 // a limit may change
	s, err = OpenState(dir, raised, StateResume)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Resumed || !s.Done("https://example.fi/") || s.Done("https://example.fi/a") || s.Kept() != 1 {
		t.Fatalf("resumed %v, done / %v, done /a %v, kept %d", s.Resumed, s.Done("https://example.fi/"), s.Done("https://example.fi/a"), s.Kept())
	}
	// /a is audited again, and its new line wins.
	must(s.AddPage(page{"https://example.fi/a", "three"}))
	must(s.logRecord(stateRecord{URL: "https://example.fi/a", Final: "https://example.fi/a", OK: true, Page: true}))
	var got []string
	must(s.Pages(func(line []byte) error { got = append(got, string(line)); return nil }))
	want := []string{`{"url":"https://example.fi/","title":"one"}`, `{"url":"https://example.fi/a","title":"three"}`}
	if !slices.Equal(got, want) {
		t.Errorf("pages:\n got %q\nwant %q", got, want)
	}
	must(s.Finish())
	must(s.Close())

	// A finished crawl is replaced by a new one.
	s, err = OpenState(dir, meta, StateNew)
	if err != nil {
		t.Fatalf("new crawl over a finished one: %v", err)
	}
	if s.Resumed || s.Kept() != 0 {
		t.Errorf("a new crawl kept the old one")
	}
	got = nil
	must(s.Pages(func(line []byte) error { got = append(got, string(line)); return nil }))
	if len(got) != 0 {
		t.Errorf("a new crawl has pages %q", got)
	}
	s.Close()
}

func TestTransient(t *testing.T) {
	tests := []struct {
		err    error
		status int
		want   bool
	}{
		{netError("net::ERR_CONNECTION_RESET"), 0, true},
		{netError("net::ERR_CONNECTION_REFUSED"), 0, true},
		{netError("net::ERR_NAME_NOT_RESOLVED"), 0, false},
		{netError("net::ERR_CERT_AUTHORITY_INVALID"), 0, false},
		{httpError(503), 503, true},
		{httpError(502), 502, true},
		{httpError(404), 404, false},
		{httpError(500), 500, false},
		{&browser.PageError{Kind: browser.KindTimeout, Msg: "slow"}, 0, false},
	}
	for _, tt := range tests {
		d := browser.Done{Page: &checks.Page{Status: tt.status}, Err: tt.err}
		if got := transient(d); got != tt.want {
			t.Errorf("transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestStateLocked: a second crawl cannot open a state folder that a first
// one has open, and can once it is closed.
func TestStateLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	meta := StateMeta{Start: []string{"https://example.fi/"}, MaxDepth: 5}
	first, err := OpenState(dir, meta, StateNew)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenState(dir, meta, StateFresh); !errors.Is(err, ErrStateLocked) {
		first.Close()
		t.Fatalf("second OpenState: %v, want ErrStateLocked", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := OpenState(dir, meta, StateFresh)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	again.Close()
}

// netError and httpError are PageErrors as the browser words them (its
// netError and httpError): a network error ends with Chrome's code.
func netError(code string) error {
	return &browser.PageError{Kind: browser.KindNetwork, Msg: "the page could not be loaded (" + code + ")"}
}

func httpError(status int) error {
	return &browser.PageError{Kind: browser.KindHTTP, Msg: fmt.Sprintf("the server answered HTTP %d", status)}
}
