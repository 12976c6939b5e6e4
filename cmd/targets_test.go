package cmd

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// watchedServer is a real file server whose URL can be made to fail and
// whose Close is recorded.
type watchedServer struct {
	fileServer
	failURL  string          // URL of this file fails
	served   []string        // URLs given out
	closed   int             // calls of Close
	closeCtx context.Context // the context Close was given
}

func (s *watchedServer) URL(file string) (string, error) {
	if file == s.failURL {
		return "", errors.New(file + " is not served")
	}
	u, err := s.fileServer.URL(file)
	if err == nil {
		s.served = append(s.served, u)
	}
	return u, err
}

func (s *watchedServer) Close(ctx context.Context) error {
	s.closed++
	s.closeCtx = ctx
	return s.fileServer.Close(ctx)
}

type ctxKey struct{}

// TestResolveTargets: arguments become URLs, local files are served,
// and the server is closed, with the command's context, when an argument
// fails after it started.
func TestResolveTargets(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "sivu.html")
	if err := os.WriteFile(page, []byte("<!doctype html><title>t</title>"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		failURL   string // the file whose URL fails
		cancelled bool   // the command's context is cancelled
		wantErr   string
		wantURLs  []string // "served" for a URL of the file server
	}{
		{name: "files and addresses", args: []string{page, "file://" + page, "www.example.fi"},
			wantURLs: []string{"served", "served", "https://www.example.fi"}},
		{name: "no file, no server", args: []string{"https://a.example/"}, wantURLs: []string{"https://a.example/"}},
		{name: "an address after a file fails", args: []string{page, "ftp://a.example/"}, wantErr: "only http and https"},
		{name: "a file's URL fails", args: []string{"https://a.example/", page}, failURL: page, wantErr: "is not served"},
		{name: "the command's context reaches Close", args: []string{page, "http://"}, cancelled: true, wantErr: "no host"},
		{name: "a missing file: no server", args: []string{page, "file://" + filepath.Join(dir, "nope.html")}, wantErr: "no such file"},
		{name: "a file URL that does not parse", args: []string{"file://%zz"}, wantErr: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.WithValue(t.Context(), ctxKey{}, tt.name))
			defer cancel()
			if tt.cancelled {
				cancel()
			}
			var srv *watchedServer
			serve := func(files []string) (fileServer, error) {
				fs, err := serveFiles(files)
				if err != nil {
					return nil, err
				}
				srv = &watchedServer{fileServer: fs, failURL: tt.failURL}
				return srv, nil
			}
			targets, fs, err := resolveTargets(ctx, tt.args, serve)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				if fs != nil {
					t.Error("a server returned with the error")
				}
				if srv == nil {
					return // none started
				}
				if srv.closed != 1 {
					t.Fatalf("the file server was closed %d times, want once", srv.closed)
				}
				if srv.closeCtx.Value(ctxKey{}) != tt.name || (tt.cancelled && srv.closeCtx.Err() == nil) {
					t.Error("the file server was closed with another context than the command's")
				}
				for _, u := range srv.served {
					if resp, err := http.Get(u); err == nil {
						resp.Body.Close()
						t.Errorf("%s still answers after the error", u)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (fs == nil) != (srv == nil) {
				t.Fatalf("server %v, started %v", fs, srv != nil)
			}
			if fs != nil {
				defer fs.Close(ctx)
				if srv.closed != 0 {
					t.Error("the file server was closed, though the caller needs it")
				}
			}
			if len(targets) != len(tt.wantURLs) {
				t.Fatalf("targets %v, want %v", targets, tt.wantURLs)
			}
			for i, want := range tt.wantURLs {
				got := targets[i]
				if got.arg != tt.args[i] {
					t.Errorf("target %d is of %q, want %q", i, got.arg, tt.args[i])
				}
				if want == "served" {
					resp, err := http.Get(got.url)
					if err != nil || resp.StatusCode != http.StatusOK {
						t.Errorf("%s: %v", got.url, err)
					}
					if err == nil {
						resp.Body.Close()
					}
				} else if got.url != want {
					t.Errorf("target %d: %s, want %s", i, got.url, want)
				}
			}
		})
	}
}
