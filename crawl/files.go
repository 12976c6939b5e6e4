package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// FileServer serves local files over HTTP on the loopback interface, so
// that they load as they would on a site: relative links, scripts and
// styles work, and the browser applies the same rules as for a web page.
// Each file's folder is served as a site of its own.
type FileServer struct {
	srv   *http.Server
	base  string            // http://127.0.0.1:port
	roots map[string]string // URL prefix -> folder
	dirs  []string
}

// ServeFiles starts a server for the folders of the given files. Close it
// when done.
func ServeFiles(files []string) (*FileServer, error) {
	fs := &FileServer{roots: map[string]string{}}
	mux := http.NewServeMux()
	for _, f := range files {
		dir, err := filepath.Abs(filepath.Dir(f))
		if err != nil {
			return nil, err
		}
		if fs.prefix(dir) != "" {
			continue
		}
		prefix := fmt.Sprintf("/f%d/", len(fs.dirs))
		fs.dirs = append(fs.dirs, dir)
		fs.roots[prefix] = dir
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir))))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serve local files: %w", err)
	}
	fs.base = "http://" + ln.Addr().String()
	fs.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := fs.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the browser reports the failed loads
		}
	}()
	return fs, nil
}

func (fs *FileServer) prefix(dir string) string {
	for p, d := range fs.roots {
		if d == dir {
			return p
		}
	}
	return ""
}

// Serves reports whether u is an address of this file server (a local
// file saavu serves itself: no site to be a guest on).
func (fs *FileServer) Serves(u string) bool {
	return fs != nil && (u == fs.base || strings.HasPrefix(u, fs.base+"/"))
}

// URL returns the address the file is served at.
func (fs *FileServer) URL(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	prefix := fs.prefix(filepath.Dir(abs))
	if prefix == "" {
		return "", fmt.Errorf("%s is not served", file)
	}
	return fs.base + prefix + (&url.URL{Path: filepath.Base(abs)}).EscapedPath(), nil
}

// Path maps a served URL back to the local file path it came from; other
// URLs come back unchanged.
func (fs *FileServer) Path(u string) string {
	if !strings.HasPrefix(u, fs.base+"/") {
		return u
	}
	rest := strings.TrimPrefix(u, fs.base)
	for p, d := range fs.roots {
		if strings.HasPrefix(rest, p) {
			name, err := url.PathUnescape(strings.TrimPrefix(rest, p))
			if err != nil {
				return u
			}
			return filepath.Join(d, filepath.FromSlash(name))
		}
	}
	return u
}

// Close stops the server.
func (fs *FileServer) Close(ctx context.Context) error {
	return fs.srv.Shutdown(ctx)
}

// IsLocalFile reports whether arg names an existing regular file (and not
// a URL).
func IsLocalFile(arg string) bool {
	if strings.Contains(arg, "://") {
		return false
	}
	st, err := os.Stat(arg)
	return err == nil && st.Mode().IsRegular()
}
