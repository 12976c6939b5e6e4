package browser

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"saavu/checks"
)

// Pages too large to audit in full within a page timeout (a list of
// every decision of a council, 60,000 elements): the time the browser
// takes for the accessibility tree, the slow probes and the rules grows
// with the number of elements, so the audit of a large page does less,
// by its number of elements (not by the time it took, so that what is
// audited does not depend on the machine's load), and says so in the
// page's notes. A page is never left unaudited for its size.
const (
	// largeElements: above, the probes of sizeProbes do not run.
	largeElements = 20_000
	// hugeElements: above, the middle of the page is removed before the
	// capture so that hugeElements are left: hugeTail at its end (the
	// footer), the rest from its start. Above giantElements, only
	// giantKeep are left: such a page takes most of the page timeout
	// to load. On a 2-core machine with two tabs busy, Chrome takes about
	// 2 s for the DOM snapshot and 5 s for the accessibility tree of
	// 30,000 elements, and 10 s to load a page of 200,000 (more when
	// other work runs).
	hugeElements  = 25_000
	giantElements = 100_000
	giantKeep     = 10_000
	hugeTail      = 2_000
)

// sizeProbes are the probes that a page of more than largeElements does
// without: those whose time grows with the page into seconds (the Tab
// walk, the photographs behind text, the relayout at 320 px).
var sizeProbes = []checks.Probe{checks.ProbeFocus, checks.ProbeBackdrop, checks.ProbeReflow}

// The size scripts (js/size.js).
var (
	sizeCountJS = jsFunc("size.js", "sizeCount")
	sizeCutJS   = jsFunc("size.js", "sizeCut")
)

// sizeCutResult is what sizeCut did.
type sizeCutResult struct {
	Before int    `json:"before"`
	After  int    `json:"after"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// fitSize counts the elements of the page the tab shows, cuts a huge
// page, and returns the probes the page is too large for; it notes on p
// what it left out.
func (t *Tab) fitSize(ctx context.Context, p *checks.Page) ([]checks.Probe, error) {
	var n int
	if err := t.call(ctx, sizeCountJS, &n); err != nil {
		return nil, err
	}
	if n > hugeElements {
		keep := hugeElements
		if n > giantElements {
			keep = giantKeep
		}
		var cut *sizeCutResult
		if err := t.call(ctx, sizeCutJS, &cut, keep-hugeTail, hugeTail); err != nil {
			return nil, err
		}
		if cut != nil {
			p.Cut = true
			p.Notes = append(p.Notes, fmt.Sprintf("The page has %d elements, more than saavu audits in full (%d): it removed the %d from %s up to %s, in the middle of the page, before capturing it, and audited the %d before them and the %d after; what was removed was not checked, so no rule passes on this page: it lists only what fails or needs a person.",
				cut.Before, hugeElements, cut.Before-cut.After, cut.From, cut.To, keep-hugeTail, hugeTail))
		}
	}
	if n <= largeElements {
		return nil, nil
	}
	skip := slices.DeleteFunc(slices.Clone(sizeProbes), func(pr checks.Probe) bool { return slices.Contains(t.b.opts.SkipProbes, pr) })
	if len(skip) > 0 {
		var what []string
		for _, pr := range skip {
			what = append(what, probeWhat(pr))
		}
		p.Notes = append(p.Notes, fmt.Sprintf("The page has %d elements, more than %d: so that it is audited within the page timeout, saavu did not try %s (probes %s); the rules that need them report what they found without them, and those that cannot pass without them are untested on this page.",
			n, largeElements, joinOr(what), joinProbes(skip)))
	}
	return skip, nil
}

// joinOr joins phrases: "a", "a or b", "a, b or c".
func joinOr(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
