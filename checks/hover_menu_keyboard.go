package checks

import (
	"net/url"
	"strings"
)

// HoverMenuKeyboard checks that the links of a menu that opens when the
// pointer is over it can also be reached with the keyboard (WCAG 2.1.1).
// It reads what the activation probe saw when it hovered the menu items
// whose links are hidden, then focused them and pressed keys on their
// buttons (Page.Activate), and where Tab went (Page.Focus).
var HoverMenuKeyboard = &Rule{
	ID:      "hover-menu-keyboard",
	Title:   "Menus that open on hover can be used with the keyboard",
	Doc:     doc("hover-menu-keyboard"),
	HelpURL: understanding("2.1.1"),
	WCAG:    []string{"2.1.1"},
	Impact:  Critical,
	Probes:  []Probe{ProbeActivate, ProbeFocus},
	Run:     runHoverMenuKeyboard,
}

// runHoverMenuKeyboard applies to the menu items whose hidden links
// appeared when the pointer was over them. It passes when focusing the
// item, or Enter, Space or the down arrow on its button, showed them too,
// or when Tab reached one of them. Otherwise keyboard users never reach
// those links: it fails when some of them lead where no other link of
// the page that Tab reaches leads; when every address is linked
// elsewhere on the page, a person must judge.
func runHoverMenuKeyboard(pass *Pass) error {
	p := pass.Page
	if p.Activate == nil {
		return nil
	}
	base, _ := url.Parse(p.FinalURL)
	if p.FinalURL == "" {
		base, _ = url.Parse(p.URL)
	}
	reached := map[int]bool{}
	if p.Focus != nil {
		for _, s := range p.Focus.Stops {
			reached[s.Node] = true
		}
	}
	elsewhere := map[string]bool{}
	for _, m := range allElements(p) {
		if _, seq := htmlFocusable(m); seq && m.Frame == 0 && m.Is("a", "area") {
			if t := sameTarget(linkTarget(m, base), base); t != "" {
				elsewhere[t] = true
			}
		}
	}
	for _, m := range p.Activate.Menus {
		n := actNode(p, m.Trigger)
		if n == nil || len(m.Links) == 0 {
			continue
		}
		keyboard := m.Focus || m.Keys
		var names, missing []string
		for _, l := range m.Links {
			if reached[l] {
				keyboard = true
			}
			a := actNode(p, l)
			if a == nil {
				continue
			}
			name := collapse(a.TextContent())
			if name == "" {
				name = a.AttrOr("href", "")
			}
			names = append(names, name)
			if t := sameTarget(linkTarget(a, base), base); t == "" || !elsewhere[t] {
				missing = append(missing, name)
			}
		}
		list := strings.Join(firstN(names, 5), ", ")
		switch {
		case keyboard:
			pass.Passed(n)
		case len(missing) == 0:
			pass.CantTell(n, "When the pointer is over this menu item, its hidden links appear (%s), but keyboard users cannot open it: focusing it shows nothing, and it has no button that Enter or Space opens. Every page they lead to is linked elsewhere on this page too. Check that keyboard users can reach those links in that other way; better, let the menu open on focus or with a button.", list)
		case m.Toggle != 0:
			pass.Failed(n, "When the pointer is over this menu item, its hidden links appear (%s), but its button did not open the menu with Enter, Space or the down arrow, and focusing the item shows nothing. Keyboard users cannot reach these links in any way on this page: %s. Make the button open the menu with Enter and Space (a <button> with aria-expanded), or show the links on focus too (:focus-within).", list, strings.Join(firstN(missing, 5), ", "))
		default:
			pass.Failed(n, "When the pointer is over this menu item, its hidden links appear (%s), but focusing the item shows nothing, and it has no button that opens the menu. Keyboard users cannot reach these links in any way on this page: %s. Show the links on focus too (.menu:focus-within .submenu), or add a <button aria-expanded> beside the item's link that opens the menu with Enter and Space.", list, strings.Join(firstN(missing, 5), ", "))
		}
	}
	return nil
}

// firstN returns the first n strings of list, with " …" after the last
// when there are more.
func firstN(list []string, n int) []string {
	if len(list) <= n {
		return list
	}
	out := append([]string(nil), list[:n]...)
	out[n-1] += " …"
	return out
}
