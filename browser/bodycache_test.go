package browser

import (
	"slices"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
)

// TestBodyCache: a body is taken from the cache only for a response
// Chrome served from its cache that was read when received from the
// server, or for one with the same strong ETag; never for a part.
func TestBodyCache(t *testing.T) {
	ev := func(id string, url string, status int64, at float64, disk bool, h network.Headers) *navState {
		s := newNavState()
		s.track(&network.EventRequestWillBeSent{RequestID: network.RequestID(id), Request: &network.Request{URL: url}, Type: network.ResourceTypeStylesheet})
		s.track(&network.EventResponseReceived{RequestID: network.RequestID(id), Response: &network.Response{URL: url, Status: status, ResponseTime: cdp.TimeSinceEpoch(at), FromDiskCache: disk, Headers: h}})
		return s
	}
	var c bodyCache
	sum := [32]byte{1}
	// Read from the server: kept by its time of receipt.
	first := ev("1", "http://a.test/s.css", 200, 1000.5, false, network.Headers{"Last-Modified": "x"}).resources["1"]
	put, get := first.bodyKeys(200)
	if len(get) != 0 {
		t.Errorf("a response from the server is looked up: %v", get)
	}
	c.put(put, sum)
	for _, tt := range []struct {
		name string
		r    *resource
		hit  bool
	}{
		{"same response from the disk cache", ev("2", "http://a.test/s.css", 200, 1000.5, true, nil).resources["2"], true},
		{"same time, not from the cache", ev("3", "http://a.test/s.css", 200, 1000.5, false, nil).resources["3"], false},
		{"from the cache, received later", ev("4", "http://a.test/s.css", 200, 2000, true, nil).resources["4"], false},
		{"from the cache, another address", ev("5", "http://a.test/t.css", 200, 1000.5, true, nil).resources["5"], false},
	} {
		_, get := tt.r.bodyKeys(200)
		if _, ok := c.get(get); ok != tt.hit {
			t.Errorf("%s: found %v, want %v", tt.name, ok, tt.hit)
		}
	}
	// Strong ETags.
	tagged := ev("6", "http://a.test/app.js", 200, 3000, false, network.Headers{"etag": `"v1"`}).resources["6"]
	put, _ = tagged.bodyKeys(200)
	c.put(put, sum)
	for _, tt := range []struct {
		name   string
		h      network.Headers
		status int64
		hit    bool
	}{
		{"same strong ETag", network.Headers{"ETag": `"v1"`}, 200, true},
		{"another ETag", network.Headers{"ETag": `"v2"`}, 200, false},
		{"weak ETag", network.Headers{"ETag": `W/"v1"`}, 200, false},
		{"a part", network.Headers{"ETag": `"v1"`}, 206, false},
	} {
		r := ev("7", "http://a.test/app.js", tt.status, 4000, false, tt.h).resources["7"]
		_, get := r.bodyKeys(tt.status)
		if _, ok := c.get(get); ok != tt.hit {
			t.Errorf("%s: found %v, want %v", tt.name, ok, tt.hit)
		}
	}
	if put, get := ev("8", "http://a.test/p.mp4", 206, 5000, true, network.Headers{"ETag": `"p"`}).resources["8"].bodyKeys(206); !slices.Equal(put, nil) || get != nil {
		t.Errorf("a part is kept: %v, %v", put, get)
	}
}
