package browser

import (
	"fmt"
	"image"
	"testing"
)

func TestGroupBackdrops(t *testing.T) {
	a := func(node, x, y, w, h int) backdropArea {
		return backdropArea{node: node, r: image.Rect(x, y, x+w, y+h)}
	}
	tests := []struct {
		name  string
		areas []backdropArea
		want  [][]int // nodes per group
	}{
		{"one", []backdropArea{a(1, 0, 0, 100, 20)}, [][]int{{1}}},
		{"heading over its paragraph", []backdropArea{a(1, 100, 100, 400, 40), a(2, 100, 150, 400, 60)}, [][]int{{1, 2}}},
		{"far apart", []backdropArea{a(1, 0, 0, 100, 20), a(2, 0, 2000, 100, 20)}, [][]int{{1}, {2}}},
		{"a far one between near ones", []backdropArea{a(1, 0, 0, 300, 30), a(2, 900, 3000, 100, 20), a(3, 0, 40, 300, 30)}, [][]int{{1, 3}, {2}}},
		{"too large together", []backdropArea{a(1, 0, 0, 1200, 800), a(2, 0, 800, 1200, 800)}, [][]int{{1}, {2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]int
			for _, g := range groupBackdrops(tt.areas) {
				var nodes []int
				for _, a := range g {
					nodes = append(nodes, a.node)
				}
				got = append(got, nodes)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("groups %v, want %v", got, tt.want)
			}
		})
	}
}
