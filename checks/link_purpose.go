package checks

import (
	"strconv"
	"strings"
	"unicode"
)

// LinkPurpose asks about links whose text says nothing on its own ("Lue
// lisää", "Läs mer", "click here", "»"). WCAG 2.4.4 accepts such a link
// when the text around it (its sentence, paragraph, list item, table cell
// or the heading before it) tells where it goes; whether it does is for a
// person to read, so the rule never fails a link.
var LinkPurpose = &Rule{
	ID:      "link-purpose",
	Title:   "Links that say nothing on their own have a context that does",
	Doc:     doc("link-purpose"),
	HelpURL: understanding("2.4.4"),
	WCAG:    []string{"2.4.4"},
	Impact:  Moderate,
	Run:     runLinkPurpose,
}

// genericLinkTexts are link texts that tell nothing of where a link goes,
// in Finnish, Swedish and English, lower case, punctuation trimmed.
var genericLinkTexts = map[string]bool{
	// Finnish
	"lue lisää": true, "lisää": true, "lisätietoa": true, "lisätietoja": true, "lue": true,
	"tästä": true, "täältä": true, "tässä": true, "klikkaa": true, "klikkaa tästä": true,
	"napsauta": true, "napsauta tästä": true, "paina tästä": true, "lue lisää tästä": true,
	"katso": true, "katso lisää": true, "katso tästä": true, "linkki": true, "tästä linkistä": true,
	"siirry": true, "siirry tästä": true, "jatka lukemista": true, "lue koko juttu": true,
	"lue koko artikkeli": true, "avaa": true, "näytä lisää": true,
	// Swedish
	"läs mer": true, "läs mera": true, "mer": true, "mera": true, "mer info": true,
	"mer information": true, "klicka här": true, "klicka": true, "här": true, "läs mer här": true,
	"länk": true, "fortsätt läsa": true, "läs hela artikeln": true, "se mer": true, "visa mer": true,
	// English
	"read more": true, "more": true, "click here": true, "click": true, "here": true,
	"more info": true, "more information": true, "learn more": true, "find out more": true,
	"see more": true, "view more": true, "details": true, "more details": true, "link": true,
	"this link": true, "this": true, "go": true, "continue": true, "continue reading": true,
	"read the full story": true, "open": true,
}

// genericLinkText reports whether a link's name says nothing on its own:
// one of genericLinkTexts, or only punctuation and symbols ("»", "…", "+").
func genericLinkText(name string) bool {
	name = readableSpaced(name)
	if name == "" {
		return false // link-name's business
	}
	if !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return true
	}
	s := strings.ToLower(strings.TrimFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
	}))
	return genericLinkTexts[collapse(s)]
}

// readableSpaced is the name without icon-font and invisible characters,
// its white space collapsed.
func readableSpaced(s string) string {
	return collapse(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s))
}

// runLinkPurpose applies to the links in the accessibility tree that have
// a name (link-name tests those without). A link whose name says
// something passes; so does a generic one whose aria-describedby gives a
// description that does, and a link of a table of contents to a section
// whose heading is its text ("Lisätietoa"). The others get cantTell, naming the context a
// person should read: the paragraph, list item or table cell the link is
// in, the text of the block around it, the heading before it, and its
// title.
func runLinkPurpose(pass *Pass) error {
	var lastHeading *Node
	for _, n := range allElements(pass.Page) {
		if n.Exposed() && n.Role() == "heading" && hasName(n) {
			lastHeading = n
		}
		if n.Namespace != "" || !n.Exposed() || !linkRoles[n.Role()] || ariaHidden(n) || !hasName(n) {
			continue
		}
		name := n.AccessibleName()
		if !genericLinkText(name) || namesItsSection(n) {
			pass.Passed(n)
			continue
		}
		desc := collapse(n.AX.Description)
		if desc != "" && n.HasAttr("aria-describedby") && !genericLinkText(desc) {
			pass.Passed(n)
			continue
		}
		ctx := linkContextParts(n, lastHeading)
		if len(ctx) == 0 {
			pass.CantTell(n, "This link's text %q does not say where the link goes, and saavu found no text around it that could: no sentence, list item, table cell or heading before it. Check where it goes; unless something else on the page makes it clear, write that in the link text (e.g. \"Read more about library cards\"), or add it as visually hidden text or an aria-label that starts with the visible text.", truncate(readableSpaced(name), 40))
			continue
		}
		pass.CantTell(n, "This link's text %q does not say where the link goes on its own. WCAG accepts it if the text around it does: read %s. If that makes the link's purpose clear, this passes; if not, write the purpose in the link text (e.g. \"Read more about library cards\"), or add it as visually hidden text or an aria-label that starts with the visible text.", truncate(readableSpaced(name), 40), ctx)
	}
	return nil
}

// linkContextParts names the programmatically determined context of a
// link that a person should read: the paragraph, list item or table cell
// it is in (or the text of its block), the heading before it, and its
// title, each quoted.
func linkContextParts(n *Node, heading *Node) []Text {
	var out []Text
	own := collapse(visibleTextOf(n))
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Is("body", "main", "html") || repeatedRegion(e) || e.Is("form", "section", "article") {
			break
		}
		if e.Is("td", "th") {
			if t := cellContext(e); t.Key != "" {
				out = append(out, t)
			}
			break
		}
		text := collapse(visibleTextOf(e))
		rest := strings.TrimSpace(strings.Replace(text, own, "", 1))
		if !strings.ContainsFunc(rest, unicode.IsLetter) {
			if e.Is("p", "li", "dd") {
				break // the link is alone in it
			}
			continue
		}
		quote := quoteContext(text)
		switch {
		case e.Is("p") || e.Role() == "paragraph":
			out = append(out, msg("the paragraph it is in, %s", quote))
		case e.Is("li") || e.Role() == "listitem":
			out = append(out, msg("the list item it is in, %s", quote))
		case e.Style("display") != "" && e.Style("display") != "inline" && e.Style("display") != "contents":
			out = append(out, msg("the text around it, %s", quote))
		default:
			continue
		}
		break
	}
	if heading != nil && !isInside(n, heading) {
		out = append(out, msg("the heading before it, %s", quoteContext(heading.AccessibleName())))
	}
	if n.AX != nil && n.AX.Description != "" && !n.HasAttr("aria-describedby") {
		out = append(out, msg("its title %s, which only mouse users see, when they point at the link", quoteContext(n.AX.Description)))
	}
	return out
}

// cellContext names the context of a link in a table cell: the text of
// its row and its header cells, by the HTML table model.
func cellContext(cell *Node) Text {
	table := ownerTable(cell)
	row := cell.ParentElement()
	if table == nil || row == nil || !row.Is("tr") {
		return Text{}
	}
	m := newTableModel(table)
	var heads []string
	if c := m.byNode[cell]; c != nil {
		for _, h := range m.headersOf(c) {
			if t := collapse(visibleTextOf(h)); t != "" {
				heads = append(heads, t)
			}
		}
	}
	rowText := collapse(visibleTextOf(row))
	switch {
	case len(heads) > 0:
		return msg("the table row it is in, %s, with its header cells %s", quoteContext(rowText), quoteContext(strings.Join(heads, " / ")))
	case strings.ContainsFunc(rowText, unicode.IsLetter):
		return msg("the table row it is in, %s", quoteContext(rowText))
	}
	return Text{}
}

// quoteContext quotes a text for a person to find and read, shortened to
// 80 characters.
func quoteContext(s string) string {
	return strconv.Quote(truncate(collapse(s), 80))
}

// namesItsSection reports whether n links to a place on its page that
// is, or starts with, a heading with the same text as the link: an entry
// of a table of contents, which names the section it goes to.
func namesItsSection(n *Node) bool {
	frag := inPageLink(n)
	if frag == "" {
		return false
	}
	t := fragmentTarget(n.Page(), frag)
	if t == nil {
		return false
	}
	name := strings.ToLower(collapse(n.AccessibleName()))
	for _, e := range append([]*Node{t}, t.Descendants()...) {
		if e.Exposed() && e.Role() == "heading" {
			return strings.ToLower(collapse(e.AccessibleName())) == name
		}
	}
	return false
}
