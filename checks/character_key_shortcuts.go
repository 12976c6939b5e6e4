package checks

import (
	"slices"
	"strconv"
	"strings"
)

// CharacterKeyShortcuts looks for keyboard shortcuts of a single
// printable character (ACT ffbc54). It reads what the input probe saw
// when it pressed every printable key with nothing focused (Page.Keys).
var CharacterKeyShortcuts = &Rule{
	ID:      "character-key-shortcuts",
	Title:   "Single-character key shortcuts can be turned off or changed",
	Doc:     doc("character-key-shortcuts"),
	HelpURL: understanding("2.1.4"),
	WCAG:    []string{"2.1.4"},
	ACT:     []string{"ffbc54"},
	Impact:  Serious,
	Probes:  []Probe{ProbeInput},
	Run:     runCharacterKeyShortcuts,
}

// ACT ffbc54 applies to shortcuts made of printable characters only. It
// passes when the shortcut can be turned off, remapped to use a modifier
// key, or works only while a component has focus. Whether a page offers
// such a setting is for a person to find, so a key that changed the page
// gives cantTell, never failed; no key that changed anything, the rule
// does not apply.
func runCharacterKeyShortcuts(pass *Pass) error {
	p := pass.Page
	if p.Keys == nil {
		pass.CantTell(nil, "saavu could not try single keys on this page. Check by hand that no shortcut works with a single letter, digit or punctuation key, or that such a shortcut can be turned off or changed.")
		return nil
	}
	for _, g := range groupReactions(p, p.Keys.Reactions) {
		keys := make([]string, len(g.inputs))
		for i, k := range g.inputs {
			keys[i] = strconv.Quote(k)
		}
		which := msg("the key %s", keys[0])
		if len(keys) > 1 {
			which = msg("any of the keys %s", strings.Join(keys, " "))
		}
		pass.CantTell(g.node, "Pressing %s with nothing focused %s: a keyboard shortcut of a single character. People who speak to their computer set such shortcuts off by accident, with any word that has the letter. Check that the page lets people turn the shortcut off or change it to use Ctrl, Alt or another modifier key, or that it works only while a control has focus.", which, g.did)
	}
	return nil
}

// reactionGroup is the inputs that did the same kind of thing to the
// same element.
type reactionGroup struct {
	node   *Node // nil: the page as a whole
	did    Text  // what the inputs did, as the end of a sentence
	inputs []string
}

// groupReactions groups the reactions by the element they point at:
// the element focus moved to, else the first changed element the
// snapshot has, else the page (navigation, scrolling, or content the
// snapshot does not have).
func groupReactions(p *Page, rs []Reaction) []reactionGroup {
	node := func(i int) *Node {
		if i > 0 && i < len(p.Nodes) {
			return p.Nodes[i]
		}
		return nil
	}
	var out []reactionGroup
	for _, r := range rs {
		var n *Node
		var did Text
		switch {
		case r.Navigate != "":
			did = msg("opens %s", r.Navigate)
		case node(r.Focus) != nil:
			n, did = node(r.Focus), msg("moves focus to this element")
		case len(r.Changed) > 0:
			did = msg("changes this part of the page")
			for _, c := range r.Changed {
				if n = node(c); n != nil {
					break
				}
			}
			if n == nil {
				did = msg("changes the page")
			}
		case r.Scrolled:
			did = msg("scrolls the page")
		default:
			continue
		}
		i := slices.IndexFunc(out, func(g reactionGroup) bool { return g.node == n && g.did.Key == did.Key && r.Navigate == "" })
		if i < 0 {
			out = append(out, reactionGroup{node: n, did: did, inputs: []string{r.Input}})
			continue
		}
		out[i].inputs = append(out[i].inputs, r.Input)
	}
	return out
}
