package checks

import "strings"

// AccessibleAuthentication checks that people can paste into password
// fields (WCAG 3.3.8, new in WCAG 2.2): a page that blocks pasting makes
// people type a password from memory or copy it character by character,
// and keeps password managers from filling it in. It reads what the paste
// probe saw (Page.Paste).
var AccessibleAuthentication = &Rule{
	ID:      "accessible-authentication",
	Title:   "Password fields let people paste",
	Doc:     doc("accessible-authentication"),
	HelpURL: understanding("3.3.8"),
	WCAG:    []string{"3.3.8"},
	Impact:  Serious,
	Probes:  []Probe{ProbePaste},
	Run:     runAccessibleAuthentication,
}

// The rule applies to the password fields of the page (not those of
// its iframes, which the probe does not reach). A field passes
// when the page let a paste through; one whose paste a handler of the
// page cancelled is cantTell, not failed: 3.3.8 is met when the login
// offers another way that needs no remembering or transcribing (Suomi.fi
// identification, a link sent by e-mail, passkeys), which saavu cannot
// see. A field the probe did not try is cantTell too.
func runAccessibleAuthentication(pass *Pass) error {
	p := pass.Page
	for _, n := range p.Elements() {
		if !n.Is("input") || !strings.EqualFold(strings.TrimSpace(n.AttrOr("type", "")), "password") || !n.Rendered() {
			continue
		}
		var f *PasteField
		if p.Paste != nil {
			for i := range p.Paste.Fields {
				if p.Paste.Fields[i].Node == n.Index {
					f = &p.Paste.Fields[i]
				}
			}
		}
		switch {
		case f == nil:
			pass.CantTell(n, "saavu could not try pasting into this password field. Copy a password and paste it into the field (Ctrl+V, or the menu of the right mouse button): pasting must work, so that people can use a password manager or copy the password instead of typing it from memory.")
		case f.Blocked:
			how := msg("a script of the page cancels the paste")
			if pasteAttr(n) {
				how = msg("the onpaste attribute cancels the paste")
			}
			pass.CantTell(n, "This password field does not let people paste: %s. Then people must type the password from memory or copy it character by character, and password managers cannot fill it in. That fails 3.3.8 unless the login offers another way that needs neither (e.g. Suomi.fi identification, a link or code sent by e-mail, passkeys). Check the login; better, let pasting work.", how)
		default:
			pass.Passed(n)
		}
	}
	return nil
}

// pasteAttr reports whether n or an ancestor has an onpaste attribute.
func pasteAttr(n *Node) bool {
	for e := n; e != nil; e = e.ParentElement() {
		if e.HasAttr("onpaste") {
			return true
		}
	}
	return false
}
