package checks_test

import (
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/fixture"
)

// TestInputRules: the rules over the input probe, on a captured page whose
// probe results are replaced: a probe that did not run asks a person, no
// listener is inapplicable, a listener without a change passes (motion) or
// is inapplicable (keys), and reactions become one cantTell per element.
func TestInputRules(t *testing.T) {
	s, err := fixture.Load("../testdata/pages/motion-actuation.json")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Page
	dir := p.Find("#dir")[0].Index
	h1 := p.Find("h1")[0].Index
	tests := []struct {
		name   string
		view   *checks.InputView
		keys   string // outcome, then the cantTell targets
		motion string
	}{
		{"not probed", nil, "cantTell :root", "cantTell :root"},
		{"no listeners", &checks.InputView{}, "inapplicable", "inapplicable"},
		{"nothing changed", &checks.InputView{Listeners: []string{"window devicemotion"}, Tried: []string{"a"}}, "inapplicable", "passed"},
		{"changes", &checks.InputView{Listeners: []string{"window x"}, Reactions: []checks.Reaction{
			{Input: "tilt", Changed: []int{-1, dir}}, {Input: "shake", Changed: []int{dir}},
			{Input: "h", Focus: h1}, {Input: "g", Navigate: "https://example.fi/"}, {Input: "j", Scrolled: true},
		}}, "cantTell :root body > main > h1 #dir", "cantTell :root body > main > h1 #dir"},
	}
	for _, tt := range tests {
		p.Keys, p.Motion = tt.view, tt.view
		res, err := checks.Check(p, []*checks.Rule{checks.CharacterKeyShortcuts, checks.MotionActuation})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []string{tt.keys, tt.motion} {
			got := []string{string(res[i].Outcome)}
			for _, tg := range res[i].Targets {
				if tg.Outcome == checks.CantTell {
					got = append(got, tg.Node.Selector())
				}
			}
			if g := strings.Join(got, " "); g != want {
				t.Errorf("%s: %s = %q, want %q", tt.name, res[i].Rule.ID, g, want)
			}
		}
	}
	// Two inputs that changed the same element are one target.
	p.Keys = &checks.InputView{Listeners: []string{"document keydown"}, Reactions: []checks.Reaction{{Input: "a", Changed: []int{dir}}, {Input: "+", Changed: []int{dir}}}}
	res, _ := checks.Check(p, []*checks.Rule{checks.CharacterKeyShortcuts})
	if len(res[0].Targets) != 1 || !strings.HasPrefix(res[0].Targets[0].Message, `Pressing any of the keys "a" "+" with nothing focused changes this part of the page:`) {
		t.Errorf("keys a and + on one element: %+v", res[0].Targets)
	}
}

// TestAutoUpdatingText: the rule over the auto-update probe, on a captured
// page whose probe results are replaced.
func TestAutoUpdatingText(t *testing.T) {
	s, err := fixture.Load("../testdata/pages/auto-updating-text.json")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Page
	ticker := p.Find("#ticker")[0].Index
	tests := []struct {
		name string
		view *checks.AutoView
		want string // outcome, then the targets with theirs
	}{
		{"not probed", nil, "cantTell :root=cantTell"},
		{"not watched", &checks.AutoView{}, "inapplicable"},
		{"nothing changed", &checks.AutoView{Timers: []int{400}, Watched: 1050}, "inapplicable"},
		{"changes", &checks.AutoView{Timers: []int{400}, Watched: 1050, Changed: []checks.AutoChange{{Node: ticker, Changes: 2}}}, "cantTell #ticker=cantTell"},
		{"once, fast timer", &checks.AutoView{Timers: []int{400}, Watched: 1050, Changed: []checks.AutoChange{{Node: ticker, Changes: 1}}}, "inapplicable"},
		{"once, slow timer", &checks.AutoView{Timers: []int{1600}, Watched: 3000, Changed: []checks.AutoChange{{Node: ticker, Changes: 1}}}, "cantTell #ticker=cantTell"},
		{"once, stopped", &checks.AutoView{Timers: nil, Watched: 3000, Changed: []checks.AutoChange{{Node: ticker, Changes: 1}}}, "inapplicable"},
	}
	for _, tt := range tests {
		p.Auto = tt.view
		res, err := checks.Check(p, []*checks.Rule{checks.AutoUpdatingText})
		if err != nil {
			t.Fatal(err)
		}
		got := []string{string(res[0].Outcome)}
		for _, tg := range res[0].Targets {
			got = append(got, tg.Node.Selector()+"="+string(tg.Outcome))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, g, tt.want)
		}
	}
}
