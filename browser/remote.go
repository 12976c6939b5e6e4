package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MinChromeMajor is the oldest Chrome a remote browser (--browser-url) may
// be: a floor that the CDP methods and fields saavu's capture relies on
// are all in (DOMSnapshot.captureSnapshot with its text colour and layout
// fields, Accessibility.getFullAXTree, Page.captureScreenshot with
// captureBeyondViewport, Fetch interception of redirects). Older Chromes
// are not tried: one would fail in odd places mid-run rather than at the
// start.
const MinChromeMajor = 120

// lookupIP resolves a host name; a variable for the tests.
var lookupIP = net.DefaultResolver.LookupIPAddr

// remoteTimeout bounds each try to reach a remote browser.
const remoteTimeout = 10 * time.Second

// versionInfo is what Chrome answers at /json/version.
type versionInfo struct {
	Browser              string `json:"Browser"`
	WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
}

// devtools readies the address of a remote Chrome, as given to
// --browser-url, for the connection, and returns the address to connect
// to. A ws:// address is used as given. For an http:// one, a host name
// other than localhost is resolved to an IP address first (Chrome answers
// its DevTools HTTP endpoints only when the Host header is an IP address
// or localhost: a Kubernetes service name would get an error), and
// /json/version is asked: the answer must be a Chrome at least
// MinChromeMajor, and names the websocket address of the browser.
func devtools(ctx context.Context, raw string, log *slog.Logger) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("--browser-url %q is not an address: give ws://HOST:PORT/devtools/browser/… or http://HOST:PORT", raw)
	}
	switch u.Scheme {
	case "ws", "wss":
		return raw, nil
	case "http", "https":
	default:
		return "", fmt.Errorf("--browser-url %q: the address must start with ws://, wss://, http:// or https://", raw)
	}
	ctx, cancel := context.WithTimeout(ctx, remoteTimeout)
	defer cancel()
	if host := u.Hostname(); host != "localhost" && net.ParseIP(host) == nil {
		ip, err := resolve(ctx, host)
		if err != nil {
			return "", fmt.Errorf("could not reach the browser at %s: %w", raw, err)
		}
		log.Debug("resolved the browser's host name, as Chrome answers DevTools requests only for an IP address or localhost",
			"url", raw, "host", host, "ip", ip)
		if port := u.Port(); port != "" {
			u.Host = net.JoinHostPort(ip, port)
		} else {
			u.Host = ip
			if strings.Contains(ip, ":") {
				u.Host = "[" + ip + "]"
			}
		}
	}
	u.Path, u.RawQuery, u.Fragment = "/json/version", "", ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", fmt.Errorf("--browser-url %q: %w", raw, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", unreachable(raw, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", unreachable(raw, err)
	}
	var v versionInfo
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &v) != nil || v.Browser == "" {
		return "", fmt.Errorf("the browser at %s is not a Chrome with remote debugging: /json/version answered HTTP %d %q (start Chrome or Chromium with --remote-debugging-port, or give its ws:// address)",
			raw, resp.StatusCode, excerpt(body))
	}
	if err := checkProduct(v.Browser); err != nil {
		return "", fmt.Errorf("the browser at %s %w", raw, err)
	}
	if v.WebSocketDebuggerURL == "" {
		return "", fmt.Errorf("the browser at %s did not say its websocket address (no webSocketDebuggerUrl in /json/version): give it with ws://", raw)
	}
	return v.WebSocketDebuggerURL, nil
}

// resolve returns an address of host, an IPv4 one when it has one.
func resolve(ctx context.Context, host string) (string, error) {
	addrs, err := lookupIP(ctx, host)
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s: %w", host, err)
	}
	for _, a := range addrs {
		if a.IP.To4() != nil {
			return a.IP.String(), nil
		}
	}
	if len(addrs) == 0 {
		return "", fmt.Errorf("cannot resolve %s: no address", host)
	}
	return addrs[0].IP.String(), nil
}

// productRe reads Chrome's product: "Chrome/120.0.6099.109",
// "HeadlessChrome/131.0.6778.85".
var productRe = regexp.MustCompile(`^(?:Headless)?Chrome/(\d+)\.`)

// checkProduct checks the product a browser gave (the "Browser" of
// /json/version, Browser.getVersion's product); the error completes "the
// browser at URL …".
func checkProduct(product string) error {
	m := productRe.FindStringSubmatch(product)
	if m == nil {
		return fmt.Errorf("is not Chrome: it says it is %q (saavu needs Chrome or Chromium %d or newer)", product, MinChromeMajor)
	}
	if major, _ := strconv.Atoi(m[1]); major < MinChromeMajor {
		return fmt.Errorf("is too old: it is %s, and saavu needs Chrome or Chromium %d or newer", product, MinChromeMajor)
	}
	return nil
}

// unreachable is the error for a browser that could not be reached.
func unreachable(raw string, err error) error {
	if errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "connection refused") {
		return fmt.Errorf("could not reach the browser at %s: connection refused", raw)
	}
	return fmt.Errorf("could not reach the browser at %s: %w", raw, err)
}

func excerpt(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}
