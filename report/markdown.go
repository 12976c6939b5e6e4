package report

import (
	"html/template"
	"strings"
)

// ruleDoc is a rule explanation split for the report: its title (the
// first "# " heading), its first paragraph and the rest, as HTML.
type ruleDoc struct {
	Title string
	Lead  template.HTML
	Rest  template.HTML
}

// renderDoc turns the small Markdown of a rule explanation into HTML:
// paragraphs, "- " and "1. " lists, "## " headings (as level-4 headings,
// under the finding's level-3 one), **bold**, *emphasis*, `code` and
// [links](https://…). Every piece of text is escaped and only those
// elements are made, so a doc cannot inject markup. Anything else is text.
func renderDoc(md string) ruleDoc {
	var d ruleDoc
	var lead, rest strings.Builder
	out := &lead
	blocks := mdBlocks(md)
	for i, b := range blocks {
		if i == 0 && b.kind == "h1" {
			d.Title = b.lines[0]
			continue
		}
		// The lead is the first paragraph, and the list it introduces.
		if out == &lead && lead.Len() > 0 && (b.kind != "ul" && b.kind != "ol" || !strings.HasSuffix(lead.String(), ":</p>\n")) {
			out = &rest
		}
		b.render(out)
	}
	d.Lead, d.Rest = template.HTML(lead.String()), template.HTML(rest.String())
	return d
}

// mdBlock is a paragraph (kind "p"), a heading ("h1", "h2"…) or a list
// ("ul", "ol", with one line per item).
type mdBlock struct {
	kind  string
	lines []string
}

func mdBlocks(md string) []mdBlock {
	var blocks []mdBlock
	var cur *mdBlock
	flush := func() {
		if cur != nil {
			blocks = append(blocks, *cur)
			cur = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		indented := strings.HasPrefix(line, "  ") || strings.HasPrefix(line, "\t")
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#") && !indented:
			level := len(trimmed) - len(strings.TrimLeft(trimmed, "#"))
			text := strings.TrimSpace(trimmed[level:])
			if level > 6 || !strings.HasPrefix(trimmed[level:], " ") {
				goto text
			}
			flush()
			blocks = append(blocks, mdBlock{kind: "h" + string(rune('0'+level)), lines: []string{text}})
		case !indented && listItem(trimmed) != "":
			kind := listItem(trimmed)
			item := strings.TrimSpace(trimmed[strings.IndexByte(trimmed, ' '):])
			if cur == nil || cur.kind != kind {
				flush()
				cur = &mdBlock{kind: kind}
			}
			cur.lines = append(cur.lines, item)
		default:
			goto text
		}
		continue
	text:
		switch {
		case cur == nil:
			cur = &mdBlock{kind: "p", lines: []string{trimmed}}
		case cur.kind == "p" || (cur.kind != "p" && indented):
			cur.lines[len(cur.lines)-1] += " " + trimmed
		default: // an unindented line after a list starts a paragraph
			flush()
			cur = &mdBlock{kind: "p", lines: []string{trimmed}}
		}
	}
	flush()
	return blocks
}

// listItem returns "ul" or "ol" when the line starts a list item.
func listItem(s string) string {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") {
		return "ul"
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < 4 && strings.HasPrefix(s[i:], ". ") {
		return "ol"
	}
	return ""
}

func (b mdBlock) render(w *strings.Builder) {
	switch b.kind {
	case "p":
		w.WriteString("<p>")
		inline(w, b.lines[0])
		w.WriteString("</p>\n")
	case "ul", "ol":
		w.WriteString("<" + b.kind + ">\n")
		for _, item := range b.lines {
			w.WriteString("<li>")
			inline(w, item)
			w.WriteString("</li>\n")
		}
		w.WriteString("</" + b.kind + ">\n")
	default: // a heading below the title: one level under the finding
		w.WriteString("<h4>")
		inline(w, b.lines[0])
		w.WriteString("</h4>\n")
	}
}

// inline writes text with its `code`, **bold**, *emphasis* and links.
func inline(w *strings.Builder, s string) {
	esc := template.HTMLEscapeString
	for s != "" {
		i := strings.IndexAny(s, "`*[")
		if i < 0 {
			w.WriteString(esc(s))
			return
		}
		w.WriteString(esc(s[:i]))
		s = s[i:]
		switch {
		case s[0] == '`':
			if end := strings.IndexByte(s[1:], '`'); end >= 0 {
				w.WriteString("<code>" + esc(s[1:1+end]) + "</code>")
				s = s[2+end:]
				continue
			}
		case strings.HasPrefix(s, "**"):
			if end := strings.Index(s[2:], "**"); end > 0 {
				w.WriteString("<strong>")
				inline(w, s[2:2+end])
				w.WriteString("</strong>")
				s = s[4+end:]
				continue
			}
		case s[0] == '*':
			if end := strings.IndexByte(s[1:], '*'); end > 0 && s[1] != ' ' {
				w.WriteString("<em>")
				inline(w, s[1:1+end])
				w.WriteString("</em>")
				s = s[2+end:]
				continue
			}
		case s[0] == '[':
			if mid := strings.Index(s, "]("); mid > 0 {
				if end := strings.IndexByte(s[mid:], ')'); end > 0 {
					text, href := s[1:mid], s[mid+2:mid+end]
					if strings.HasPrefix(href, "https://") && !strings.ContainsAny(href, " \"'<>") {
						w.WriteString(`<a href="` + esc(href) + `">`)
						inline(w, text)
						w.WriteString("</a>")
						s = s[mid+end+1:]
						continue
					}
				}
			}
		}
		w.WriteString(esc(s[:1]))
		s = s[1:]
	}
}
