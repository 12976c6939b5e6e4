package crawl

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFrontier(t *testing.T) {
	scope, _ := NewScope([]string{"https://example.fi/"}, nil, nil)
	allowed := func(u string) bool { return !strings.Contains(u, "/private/") }
	f := NewFrontier(scope, allowed, 4, 2)
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
		{b + "/deep", b + "/a", 3, ErrMaxDepth},
		{b + "/b", b + "/a", 2, nil},
		{b + "/c", b + "/a", 2, nil},
		{b + "/d", b + "/a", 2, errMaxPages},
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
	if want := []string{b + "/", b + "/a", b + "/b", b + "/c"}; !slices.Equal(order, want) {
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
	if sk := f.Skipped(); len(sk) != 1 || sk[0].URL != b+"/private/x" || !slices.Equal(sk[0].Referrers, []string{b + "/"}) {
		t.Errorf("skipped %+v", sk)
	}
}
