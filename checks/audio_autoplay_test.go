package checks

import "testing"

func TestMediaFragment(t *testing.T) {
	for _, tc := range []struct {
		frag       string
		start, end float64
	}{
		{"", 0, 0},
		{"t=8,10", 8, 10},
		{"t=25", 25, 0},
		{"t=npt:4.5,6", 4.5, 6},
		{"t=,3", 0, 3},
		{"xywh=0,0,10,10&t=2,4", 2, 4},
	} {
		s, e := mediaFragment(tc.frag)
		if s != tc.start || e != tc.end {
			t.Errorf("mediaFragment(%q) = %v, %v; want %v, %v", tc.frag, s, e, tc.start, tc.end)
		}
	}
}
