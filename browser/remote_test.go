package browser

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// fakeChrome poses as the DevTools HTTP endpoint of a Chrome that calls
// itself product: like Chrome, it answers only when the Host header is
// an IP address or localhost.
func fakeChrome(t *testing.T, product string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		if host != "localhost" && net.ParseIP(host) == nil {
			http.Error(w, "Host header is specified and is not an IP address or localhost.", http.StatusInternalServerError)
			return
		}
		if r.URL.Path != "/json/version" {
			http.NotFound(w, r)
			return
		}
		if product == "" {
			fmt.Fprint(w, "<html><title>Welcome to nginx!</title></html>")
			return
		}
		fmt.Fprintf(w, `{"Browser": %q, "Protocol-Version": "1.3", "webSocketDebuggerUrl": "ws://%s/devtools/browser/abc"}`, product, r.Host)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDevtools(t *testing.T) {
	// chrome.fleet.svc resolves to the fake's address, as a service name
	// of a cluster would.
	old := lookupIP
	t.Cleanup(func() { lookupIP = old })
	lookupIP = func(ctx context.Context, host string) ([]net.IPAddr, error) {
		if host == "chrome.fleet.svc" {
			return []net.IPAddr{{IP: net.ParseIP("::1")}, {IP: net.ParseIP("127.0.0.1")}}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	good := fakeChrome(t, "HeadlessChrome/131.0.6778.85")
	port := good.URL[strings.LastIndex(good.URL, ":")+1:]
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name, url, want, wantErr string
	}{
		{name: "ip", url: good.URL, want: "ws://" + strings.TrimPrefix(good.URL, "http://") + "/devtools/browser/abc"},
		{name: "service name resolved to IPv4", url: "http://chrome.fleet.svc:" + port, want: "ws://127.0.0.1:" + port + "/devtools/browser/abc"},
		{name: "localhost as given", url: "http://localhost:" + port + "/", want: "ws://localhost:" + port + "/devtools/browser/abc"},
		{name: "ws as given", url: "ws://chrome.fleet.svc:9222/devtools/browser/x", want: "ws://chrome.fleet.svc:9222/devtools/browser/x"},
		{name: "chrome", url: fakeChrome(t, "Chrome/120.0.6099.109").URL},
		{name: "not chrome", url: fakeChrome(t, "Firefox/128.0").URL, wantErr: `is not Chrome: it says it is "Firefox/128.0"`},
		{name: "not devtools", url: fakeChrome(t, "").URL, wantErr: `is not a Chrome with remote debugging: /json/version answered HTTP 200 "<html><title>Welcome to nginx!</title></html>"`},
		{name: "too old", url: fakeChrome(t, "HeadlessChrome/109.0.5414.74").URL, wantErr: "is too old: it is HeadlessChrome/109.0.5414.74, and saavu needs Chrome or Chromium 120 or newer"},
		{name: "refused", url: closedURL, wantErr: "could not reach the browser at " + closedURL + ": connection refused"},
		{name: "unknown host", url: "http://nowhere.fleet.svc:9222", wantErr: "could not reach the browser at http://nowhere.fleet.svc:9222: cannot resolve nowhere.fleet.svc"},
		{name: "scheme", url: "ftp://chrome:9222", wantErr: "must start with ws://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := devtools(t.Context(), tt.url, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("devtools(%s) = %q, %v; want an error with %q", tt.url, got, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.url) {
					t.Errorf("error %q does not name the address %s", err, tt.url)
				}
				return
			}
			if err != nil {
				t.Fatalf("devtools(%s): %v", tt.url, err)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("devtools(%s) = %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}

func TestCheckProduct(t *testing.T) {
	for _, tt := range []struct {
		product string
		ok      bool
	}{
		{"Chrome/120.0.6099.109", true},
		{"HeadlessChrome/143.0.7499.4", true},
		{"Chrome/119.0.6045.105", false},
		{"HeadlessChrome/99.0.4844.51", false},
		{"Firefox/128.0", false},
		{"", false},
		{"Edg/120.0", false},
	} {
		if err := checkProduct(tt.product); (err == nil) != tt.ok {
			t.Errorf("checkProduct(%q) = %v, want ok %v", tt.product, err, tt.ok)
		}
	}
}
