package browser

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// PageError says why a page could not be audited. Its message is written
// for the person reading the report; that of a KindNetwork error ends
// with Chrome's error code in brackets: "(net::ERR_CONNECTION_RESET)".
type PageError struct {
	Kind string // one of the Err* kinds below
	Msg  string
}

func (e *PageError) Error() string { return e.Msg }

// ErrorKind returns the kind, for reports.
func (e *PageError) ErrorKind() string { return e.Kind }

// Kinds of PageError.
const (
	KindNetwork = "network"  // DNS, refused connection, TLS, redirect loop…
	KindHTTP    = "http"     // 4xx or 5xx answer
	KindNotHTML = "not-html" // a PDF, an image, a download
	KindTimeout = "timeout"  // no answer, or capture did not finish in time
	KindHung    = "hung"     // the page's scripts keep the tab busy
	KindCrash   = "crash"    // the tab crashed
	KindBrowser = "browser"  // the browser failed or went away
	// A redirect to an address the tab was told not to stay at (Tab.Stay):
	// the crawl's scope.
	KindOutOfScope = "out-of-scope"
)

// IsKind reports whether err is a PageError of the kind.
func IsKind(err error, kind string) bool {
	var pe *PageError
	return errors.As(err, &pe) && pe.Kind == kind
}

func pageErr(kind, format string, args ...any) error {
	return &PageError{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

func httpError(status int, text string) error {
	if text == "" {
		text = http.StatusText(status)
	}
	return pageErr(KindHTTP, "the server answered HTTP %d %s", status, text)
}

// netError turns Chrome's net::ERR_ codes into advice.
func netError(code string) error {
	c := strings.TrimPrefix(code, "net::")
	var msg string
	switch {
	case c == "ERR_NAME_NOT_RESOLVED" || c == "ERR_NAME_RESOLUTION_FAILED":
		msg = "host not found (DNS lookup failed): check the address"
	case c == "ERR_CONNECTION_REFUSED":
		msg = "connection refused: no web server is listening at that address and port"
	case c == "ERR_TOO_MANY_REDIRECTS":
		msg = "redirect loop: the address keeps redirecting and never reaches a page"
	case c == "ERR_CONNECTION_RESET" || c == "ERR_CONNECTION_CLOSED" || c == "ERR_EMPTY_RESPONSE":
		msg = "the server closed the connection without answering"
	case c == "ERR_CONNECTION_TIMED_OUT" || c == "ERR_TIMED_OUT":
		msg = "the server did not answer in time"
	case c == "ERR_ADDRESS_UNREACHABLE" || c == "ERR_INTERNET_DISCONNECTED" || c == "ERR_NETWORK_UNREACHABLE":
		msg = "the host cannot be reached from this machine (no network route)"
	case strings.HasPrefix(c, "ERR_CERT_") || strings.HasPrefix(c, "ERR_SSL_"):
		msg = "the site's TLS certificate or connection is not valid"
	case c == "ERR_UNSAFE_PORT":
		msg = "the browser refuses to connect to that port"
	case c == "ERR_INVALID_URL":
		msg = "not a valid address"
	case c == "ERR_ABORTED":
		msg = "the browser stopped loading the page (the server may have sent a file to download)"
	case c == "ERR_BLOCKED_BY_RESPONSE" || c == "ERR_BLOCKED_BY_CLIENT":
		msg = "the browser blocked the page"
	default:
		msg = "the page could not be loaded"
	}
	return pageErr(KindNetwork, "%s (%s)", msg, code)
}
