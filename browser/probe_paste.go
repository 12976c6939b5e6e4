package browser

import (
	"context"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"

	"saavu/checks"
)

// The paste probe: whether the page lets people paste into its password
// fields, as password managers and copying a password do (accessible
// authentication, WCAG 3.3.8). It pastes with a synthetic paste event,
// which inserts nothing by itself, inside the input probe's try (js/
// input.js), which undoes what the page's handlers change. See probe.go
// for how probes run.

// The paste probe's scripts (js/input.js).
var (
	pasteJS      = jsFunc("input.js", "inputPaste")
	pastedJS     = jsFunc("input.js", "inputPasted")
	pasteSetupJS = jsFunc("input.js", "inputInstall")
)

type pasteJSField struct {
	El      int  `json:"el"`
	Blocked bool `json:"blocked"`
}

// probePaste pastes into every password field and fills in p.Paste. A
// page without password fields in the snapshot is not touched.
func probePaste(ctx context.Context, tab *Tab, p *checks.Page, backend map[cdp.BackendNodeID]int) error {
	v := &checks.PasteView{}
	if !slices.ContainsFunc(p.Elements(), isPassword) {
		p.Paste = v
		return nil
	}
	if err := tab.call(ctx, pasteSetupJS, new(bool)); err != nil {
		return err
	}
	var fields []pasteJSField
	if err := tab.call(ctx, pasteJS, &fields); err != nil {
		return err
	}
	if len(fields) > 0 {
		idx, err := tab.elements(ctx, pastedJS, backend)
		if err != nil {
			return err
		}
		for _, f := range fields {
			n := -1
			if f.El >= 0 && f.El < len(idx) {
				n = idx[f.El]
			}
			v.Fields = append(v.Fields, checks.PasteField{Node: n, Blocked: f.Blocked})
		}
	}
	p.Paste = v
	return nil
}

// isPassword reports whether n is a password field.
func isPassword(n *checks.Node) bool {
	return n.Is("input") && strings.EqualFold(strings.TrimSpace(n.AttrOr("type", "")), "password")
}
