package cmd

import (
	"slices"
	"testing"

	"saavu/checks"
)

// TestSkipProbes: a run of rules that read no live-page data skips every
// probe; one with focus-visible and reflow keeps the Tab walk and both
// relayouts; the whole registry keeps them all.
func TestSkipProbes(t *testing.T) {
	lookup := func(ids ...string) []*checks.Rule {
		rs, err := checks.Lookup(ids)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	if got := skipProbes(lookup("image-alt", "link-name")); !slices.Equal(got, checks.Probes) {
		t.Errorf("image-alt, link-name: skips %v, want every probe", got)
	}
	got := skipProbes(lookup("focus-visible", "reflow"))
	for _, keep := range []checks.Probe{checks.ProbeFocus, checks.ProbeZoom, checks.ProbeReflow} {
		if slices.Contains(got, keep) {
			t.Errorf("focus-visible, reflow: skips %s", keep)
		}
	}
	if len(got) != len(checks.Probes)-3 {
		t.Errorf("focus-visible, reflow: skips %v", got)
	}
	if got := skipProbes(checks.Every()); len(got) != 0 {
		t.Errorf("every rule: skips %v", got)
	}
}

// TestProbeWords: 'saavu rules ID' can say what every probe does.
func TestProbeWords(t *testing.T) {
	for _, p := range checks.Probes {
		if probeWords[p] == "" {
			t.Errorf("probe %s has no words in probeWords", p)
		}
	}
}
