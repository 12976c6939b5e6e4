package browser

import (
	"reflect"
	"testing"

	"github.com/chromedp/cdproto/cdp"
)

// TestNodeIndexes reads arrays as Chrome deep-serializes them (captured
// from Chromium 156): a node met twice is given in full once and by
// reference after; items that are not nodes, and nodes the snapshot did
// not capture, map to -1.
func TestNodeIndexes(t *testing.T) {
	backend := map[cdp.BackendNodeID]int{6: 10, 7: 11}
	for _, tc := range []struct {
		name, items string
		want        []int
	}{
		{"empty", ``, nil},
		{"none", `[]`, []int{}},
		{"nodes", `[{"type":"node","value":{"nodeType":1,"backendNodeId":7,"localName":"button","attributes":{"id":"x"}}},{"type":"node","value":{"nodeType":1,"backendNodeId":6,"shadowRoot":null}}]`, []int{11, 10}},
		{"repeated", `[{"type":"node","value":{"nodeType":1,"childNodeCount":1,"backendNodeId":6,"shadowRoot":null,"localName":"p","attributes":{}},"weakLocalObjectReference":1},{"type":"number","value":3},{"type":"node","weakLocalObjectReference":1},{"type":"node","value":{"nodeType":1,"backendNodeId":7}},{"type":"node","weakLocalObjectReference":1}]`, []int{10, -1, 10, 11, 10}},
		{"not captured", `[{"type":"null"},{"type":"node","value":{"nodeType":1,"backendNodeId":99}},{"type":"undefined"}]`, []int{-1, -1, -1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := nodeIndexes([]byte(tc.items), backend)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := nodeIndexes([]byte(`{"type":"node"}`), backend); err == nil {
		t.Error("an object, not an array: no error")
	}
}
