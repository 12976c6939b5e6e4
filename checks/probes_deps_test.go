package checks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func loadSnapshots(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("../testdata/pages/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no snapshots: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = b
	}
	return out
}

func snapshotPage(t *testing.T, b []byte) *Page {
	t.Helper()
	var s struct {
		Page *Page `json:"page"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if err := s.Page.Build(); err != nil {
		t.Fatal(err)
	}
	return s.Page
}

func resultsOf(t *testing.T, p *Page, r *Rule) string {
	t.Helper()
	res, err := Check(p, []*Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	s := string(res[0].Outcome)
	for _, tg := range res[0].Targets {
		s += fmt.Sprintf("|%d %s %s", tg.Node.Index, tg.Outcome, tg.Message)
	}
	return s
}

// TestRuleProbes: every rule lists the probes it reads. On every captured
// fixture, a rule gives the same results when the data of every probe it
// does not list is gone (as when a run of some rules skips them).
func TestRuleProbes(t *testing.T) {
	rules := Every()
	for name, b := range loadSnapshots(t) {
		p := snapshotPage(t, b)
		all := *p // the probe data are fields of Page: a copy keeps them
		for _, r := range rules {
			full := resultsOf(t, p, r)
			for _, pr := range Probes {
				if !slices.Contains(r.Probes, pr) {
					p.clearProbe(pr)
				}
			}
			if got := resultsOf(t, p, r); got != full {
				t.Errorf("%s: %s reads probe data it does not list in Rule.Probes %v:\n with all: %.300s\n without: %.300s", filepath.Base(name), r.ID, r.Probes, full, got)
			}
			*p = all
		}
	}
}

// clearProbe empties the page data of one probe, as if it had not run.
func (p *Page) clearProbe(pr Probe) {
	switch pr {
	case ProbeAuto:
		p.Auto = nil
	case ProbeMedia:
		p.Media = nil
	case ProbeFocus:
		p.Focus = nil
	case ProbeOrientation:
		p.Rotations = nil
	case ProbeScroll:
		p.Scrollers = nil
	case ProbeBackdrop:
		p.Backdrops = nil
	case ProbeSpacing:
		p.Spacing = nil
	case ProbeHover:
		p.Hover = nil
	case ProbeInput:
		p.Keys, p.Motion = nil, nil
	case ProbeActivate:
		p.Activate = nil
	case ProbeZoom:
		p.Zoom = nil
	case ProbeReflow:
		p.Reflow = nil
	case ProbePaste:
		p.Paste = nil
	case ProbeDrag:
		p.Drag = nil
	case ProbeTargets:
		p.Targets = nil
	case ProbeControls:
		p.Controls = nil
	case ProbeMoving:
		p.Moving = nil
	}
}

// TestRuleWithoutProbes: on a page where the probes did not run (too
// large for them, the quick profile; Page.Unprobed), no rule passes what
// rests on them, on every captured fixture. A rule with ProbesRefine
// passes only what it passes with them too, and is inapplicable only
// where it is with them: the probes only settle its cantTells. Any other
// rule that needs a probe has a result only when it failed or asked a
// person: it is untested on the page.
func TestRuleWithoutProbes(t *testing.T) {
	for name, b := range loadSnapshots(t) {
		p := snapshotPage(t, b)
		all := *p
		for _, r := range Every() {
			if len(r.Probes) == 0 {
				continue
			}
			with, err := Check(p, []*Rule{r})
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range Probes {
				p.clearProbe(pr)
			}
			p.Unprobed = Probes
			without, err := Check(p, []*Rule{r})
			*p = all
			if err != nil {
				t.Fatal(err)
			}
			if !r.ProbesRefine {
				if len(without) > 0 && (without[0].Outcome == Passed || without[0].Outcome == Inapplicable) {
					t.Errorf("%s: %s is %s without its probes %v", filepath.Base(name), r.ID, without[0].Outcome, r.Probes)
				}
				continue
			}
			passedWith := map[int]bool{}
			for _, tg := range with[0].Targets {
				if tg.Outcome == Passed {
					passedWith[tg.Node.Index] = true
				}
			}
			if o := without[0].Outcome; (o == Passed || o == Inapplicable) && with[0].Outcome != o {
				t.Errorf("%s: %s is %s without its probes %v, %s with them", filepath.Base(name), r.ID, o, r.Probes, with[0].Outcome)
			}
			for _, tg := range without[0].Targets {
				if tg.Outcome == Passed && !passedWith[tg.Node.Index] {
					t.Errorf("%s: %s passed %s without its probes %v, not with them: %s", filepath.Base(name), r.ID, tg.Node.Selector(), r.Probes, tg.Message)
				}
			}
		}
	}
}

// TestCutPage: on a page saavu cut (Page.Cut), no rule passes or is
// inapplicable, as what was removed may hold what it looks for; failures
// and questions stay.
func TestCutPage(t *testing.T) {
	for name, b := range loadSnapshots(t) {
		p := snapshotPage(t, b)
		whole, err := Check(p, Every())
		if err != nil {
			t.Fatal(err)
		}
		p.Cut = true
		cut, err := Check(p, Every())
		if err != nil {
			t.Fatal(err)
		}
		var kept int
		for _, res := range whole {
			if res.Outcome == Failed || res.Outcome == CantTell {
				kept++
			}
		}
		if len(cut) != kept {
			t.Errorf("%s: %d results on the cut page, want the %d that failed or ask", filepath.Base(name), len(cut), kept)
		}
		for _, res := range cut {
			if res.Outcome == Passed || res.Outcome == Inapplicable {
				t.Errorf("%s: %s %s on a cut page", filepath.Base(name), res.Rule.ID, res.Outcome)
			}
		}
	}
}
