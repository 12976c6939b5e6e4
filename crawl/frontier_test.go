package crawl

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFrontier(t *testing.T) {
	scope, _ := NewScope([]string{"https://example.fi/"}, nil, nil)
	robots := func(u string) error {
		switch {
		case strings.Contains(u, "/private/"):
			return ErrRobots
		case strings.Contains(u, "/down/"):
			return robotsSkip(fmt.Sprintf(ReasonRobotsUnreachable, "HTTP 503"))
		}
		return nil
	}
	f := NewFrontier(scope, robots, 5, 2)
	const b = "https://example.fi"
	steps := []struct {
		url, ref string
		depth    int
		err      error
	}{
		{b + "/", "", 0, nil},
		{b + "/a", b + "/", 1, nil},
		{b + "/a", b + "/b", 1, nil}, // seen: only the referrer is new
		{"https://muu.example/", b + "/", 1, ErrOutOfScope},
		{b + "/doc.pdf", b + "/", 1, nil},
		{b + "/doc.pdf", b + "/a", 2, nil},
		{b + "/private/x", b + "/", 1, ErrRobots},
		{b + "/down/x", b + "/", 1, ErrRobots},
		{b + "/deep", b + "/a", 3, ErrMaxDepth},
		{b + "/b", b + "/a", 2, nil},
		{b + "/c", b + "/a", 2, nil},
		{b + "/d", b + "/a", 2, nil},
		{b + "/e", b + "/a", 2, errMaxPages},
	}
	for _, s := range steps {
		err := f.Add(s.url, s.depth, s.ref, s.depth == 0)
		if (s.err == nil) != (err == nil) || (s.err != nil && !errors.Is(err, s.err)) {
			t.Errorf("Add(%s) = %v, want %v", s.url, err, s.err)
		}
	}
	var order []string
	for {
		it, ok := f.Peek()
		if !ok {
			break
		}
		f.Pop()
		order = append(order, it.URL)
	}
	if want := []string{b + "/", b + "/a", b + "/b", b + "/c", b + "/d"}; !slices.Equal(order, want) {
		t.Errorf("queue %q, want %q", order, want)
	}
	if got := f.Referrers(b + "/a"); !slices.Equal(got, []string{b + "/", b + "/b"}) {
		t.Errorf("referrers of /a: %q", got)
	}
	if got := f.Documents(); !slices.Equal(got, []string{b + "/doc.pdf"}) {
		t.Errorf("documents %q", got)
	}
	if got := f.Referrers(b + "/doc.pdf"); !slices.Equal(got, []string{b + "/", b + "/a"}) {
		t.Errorf("referrers of the document: %q", got)
	}
	sk := f.Skipped()
	if len(sk) != 2 || sk[0].URL != b+"/down/x" || sk[1].URL != b+"/private/x" || !slices.Equal(sk[1].Referrers, []string{b + "/"}) {
		t.Fatalf("skipped %+v", sk)
	}
	// Each says why: a robots.txt that could not be fetched is not one
	// that disallows the page.
	if sk[1].Reason != ReasonRobots || !strings.HasPrefix(sk[0].Reason, "robots.txt could not be fetched (HTTP 503): ") {
		t.Errorf("reasons %q, %q", sk[0].Reason, sk[1].Reason)
	}
	for _, s := range sk {
		if !RobotsReason(s.Reason) {
			t.Errorf("RobotsReason(%q) = false", s.Reason)
		}
	}
	if RobotsReason(fmt.Sprintf(ReasonSameAs, b+"/x", b+"/y")) {
		t.Error("RobotsReason is true of another reason")
	}
}
