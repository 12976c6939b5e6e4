package checks

import "strings"

// ValidLang checks that lang attributes on parts of the page are real
// language codes (ACT de46e4).
var ValidLang = &Rule{
	ID:      "valid-lang",
	Title:   "Language changes use valid language codes",
	Doc:     doc("valid-lang"),
	HelpURL: understanding("3.1.2"),
	WCAG:    []string{"3.1.2"},
	ACT:     []string{"de46e4"},
	Impact:  Serious,
	Run:     runValidLang,
}

func runValidLang(pass *Pass) error {
	if htmlRoot(pass.Page) == nil {
		return nil
	}
	for _, n := range pass.Page.Elements() {
		v, ok := n.Attr("lang")
		if !ok || v == "" || n.Namespace != "" || n.Frame != 0 || n.Closest("body") == nil {
			continue
		}
		if !inheritsText(n, true) {
			continue // no text takes its language from this element: inapplicable
		}
		switch {
		case validLanguageTag(v):
			pass.Passed(n)
		case isBlank(v):
			pass.Failed(n, "The lang attribute is blank, so screen readers do not know which language to read this part in. Fill in its language, e.g. lang=\"sv\" for Swedish, or remove the attribute if the part is in the page's main language.")
		default:
			pass.Failed(n, "lang=%q is not a known language code, so screen readers cannot switch to the right pronunciation for this part. %s", v, langHint(v))
		}
	}
	return nil
}

// inheritsText reports whether some text takes its language from n: a
// non-blank text node that is rendered or exposed, or the accessible name
// or description of an exposed element, reached without passing an
// element that sets its own non-empty lang. top is true for n itself.
func inheritsText(n *Node, top bool) bool {
	if n.Type == TextNode {
		if isBlank(n.Text) {
			return false
		}
		return n.Exposed() || (n.Layout != nil && len(n.Layout.TextBoxes) > 0)
	}
	if n.Type != ElementNode {
		return false
	}
	if !top {
		if v, ok := n.Attr("lang"); ok && v != "" {
			return false
		}
	}
	if n.Exposed() && (strings.TrimSpace(n.AccessibleName()) != "" || strings.TrimSpace(n.AX.Description) != "") && !nameFromContents(n) {
		return true
	}
	for _, c := range n.ChildNodes() {
		if inheritsText(c, false) {
			return true
		}
	}
	return false
}

// nameFromContents reports whether the element's accessible name comes
// from its own text, which inheritsText looks at node by node (so that
// text of a child with its own lang is not counted twice).
func nameFromContents(n *Node) bool {
	return n.AX != nil && n.AX.NameFrom == "contents" && strings.TrimSpace(n.AX.Description) == ""
}
