package document

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

// DefaultMaxSize is the default cap on a document's download
// (--max-document-size): 50 MB.
const DefaultMaxSize = 50 << 20

// FetchOptions configure Fetch.
type FetchOptions struct {
	Client    *http.Client // a 60 s timeout client when nil
	UserAgent string
	MaxSize   int64  // bytes; DefaultMaxSize when 0
	TempDir   string // where the download goes; os.TempDir() when ""
}

// Download is a document fetched to a temporary file: Close removes it.
type Download struct {
	File *os.File
	Response
}

// Response is what the server said of a document.
type Response struct {
	FinalURL     string // after redirects
	Status       int
	ContentType  string // the media type, without parameters
	Size         int64  // bytes; -1 when unknown
	LastModified string // RFC 3339, from Last-Modified; "" when absent
}

// Close closes and removes the temporary file.
func (d *Download) Close() error {
	if d == nil || d.File == nil {
		return nil
	}
	err := d.File.Close()
	if rerr := os.Remove(d.File.Name()); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	d.File = nil
	return err
}

// FetchError is a document that could not be downloaded: Kind is one of
// KindHTTP, KindNetwork, KindTooLarge, KindTimeout; Response holds what
// the server said, if it answered.
type FetchError struct {
	Kind string
	Msg  string
	Response
}

func (e *FetchError) Error() string { return e.Msg }

// Fetch downloads u to a temporary file, streaming it (the document is
// never held whole in memory), at most MaxSize bytes: a larger document
// is not kept. The file is removed on every error; on success the
// caller's Close removes it. Errors are *FetchError, or ctx's.
func Fetch(ctx context.Context, u string, o FetchOptions) (*Download, error) {
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	max := o.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &FetchError{Kind: KindNetwork, Msg: err.Error()}
	}
	if o.UserAgent != "" {
		req.Header.Set("User-Agent", o.UserAgent)
	}
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		msg := err.Error()
		var ue *url.Error
		if errors.As(err, &ue) {
			msg = ue.Err.Error()
			if ue.Timeout() {
				return nil, &FetchError{Kind: KindTimeout, Msg: "the download timed out: " + msg}
			}
		}
		return nil, &FetchError{Kind: KindNetwork, Msg: msg}
	}
	defer resp.Body.Close()
	r := Response{FinalURL: resp.Request.URL.String(), Status: resp.StatusCode, Size: resp.ContentLength}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		r.ContentType = mt
	}
	if t, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		r.LastModified = t.UTC().Format(time.RFC3339)
	}
	if resp.StatusCode >= 400 {
		return nil, &FetchError{Kind: KindHTTP, Msg: fmt.Sprintf("the server answered HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)), Response: r}
	}
	tooLarge := func() error {
		return &FetchError{Kind: KindTooLarge, Response: r,
			Msg: fmt.Sprintf("not checked: the document is larger than --max-document-size (%s); raise it to check this one", FormatSize(max))}
	}
	if resp.ContentLength > max {
		return nil, tooLarge()
	}
	f, err := os.CreateTemp(o.TempDir, "saavu-doc-*")
	if err != nil {
		return nil, fmt.Errorf("a temporary file for the document: %w", err)
	}
	d := &Download{File: f, Response: r}
	ok := false
	defer func() {
		if !ok {
			_ = d.Close()
		}
	}()
	n, err := io.Copy(f, io.LimitReader(resp.Body, max+1))
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, &FetchError{Kind: KindNetwork, Msg: "the download broke off: " + err.Error(), Response: r}
	case n > max:
		return nil, tooLarge()
	}
	d.Size = n
	ok = true
	return d, nil
}

// FormatSize writes a byte count for people: "50 MB", "1.5 MB", "812 kB".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt(n>>10, 10) + " kB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
