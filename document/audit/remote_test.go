package audit

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"saavu/document"
)

// leftovers lists the files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestRemoteLeavesNoFile checks that the downloaded file is removed in
// every case: checked, too large, a parser that panics, a cancelled run.
func TestRemoteLeavesNoFile(t *testing.T) {
	pdf, err := os.ReadFile(dir + "/figure-no-alt.pdf")
	if err != nil {
		t.Fatal(err)
	}
	slow := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		switch r.URL.Path {
		case "/slow.pdf":
			w.Write(pdf[:100])
			w.(http.Flusher).Flush()
			select {
			case <-slow:
			case <-r.Context().Done():
			}
		case "/huge.pdf":
			// No Content-Length: the cap applies as it streams.
			for range 200 {
				w.Write([]byte(strings.Repeat("%", 1024)))
				w.(http.Flusher).Flush()
			}
		default:
			w.Write(pdf)
		}
	}))
	defer ts.Close()
	defer close(slow)
	a := &Auditor{PDF: engine}

	for _, tc := range []struct {
		name, path string
		check      checkFunc
		cancel     bool
		errorKind  string
	}{
		{name: "checked", path: "/a.pdf", check: a.Reader},
		{name: "too large", path: "/huge.pdf", check: a.Reader, errorKind: document.KindTooLarge},
		{name: "panic", path: "/a.pdf", errorKind: document.KindFailed,
			check: func(context.Context, io.ReaderAt, int64, string, string) (*document.Audit, error) {
				panic("a parser's bug")
			}},
		{name: "cancelled while checking", path: "/a.pdf", cancel: true,
			check: func(ctx context.Context, _ io.ReaderAt, _ int64, _, _ string) (*document.Audit, error) {
				<-ctx.Done()
				return nil, ctx.Err()
			}},
		{name: "cancelled while downloading", path: "/slow.pdf", cancel: true, check: a.Reader},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			if tc.cancel {
				time.AfterFunc(300*time.Millisecond, cancel)
			}
			d, err := a.remote(ctx, ts.URL+tc.path, document.FetchOptions{TempDir: tmp, MaxSize: 100 << 10}, tc.check)
			if tc.cancel {
				if err == nil {
					t.Errorf("no error after cancellation")
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !tc.cancel && d.ErrorKind != tc.errorKind {
				t.Errorf("errorKind %q (%s), want %q", d.ErrorKind, d.Error, tc.errorKind)
			}
			if left := leftovers(t, tmp); len(left) > 0 {
				t.Errorf("files left behind: %v", left)
			}
		})
	}
}
