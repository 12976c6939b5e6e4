package review

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The worksheet is written as a tree of yaml.Node, not with yaml.Marshal,
// so that the comments a person needs (the header, what a verdict may be)
// are part of it, and so that Update can graft saavu's new values into
// the tree read from the person's file, where their comments are.

// Write encodes the worksheet as YAML.
func (w *Worksheet) Write(out io.Writer) error {
	return writeNode(out, w.Node())
}

func writeNode(out io.Writer, doc *yaml.Node) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
	return err
}

// Node returns the worksheet as a YAML document.
func (w *Worksheet) Node() *yaml.Node {
	tr := translator(w.Lang)
	top := mapping(
		"saavuReview", str(w.Version),
		"law", str(w.Law),
		"lang", str(w.Lang),
		"standard", str(w.Standard),
		"wcag", str(w.WCAG),
		"results", flowMapping(
			"generatedAt", str(w.Results.GeneratedAt),
			"audited", integer(w.Results.Audited),
			"notAudited", integer(w.Results.NotAudited),
		),
	)
	if len(w.NotRun) > 0 {
		k, v := str("notRun"), flowSeq(w.NotRun)
		k.HeadComment = tr.t("notRun.comment")
		top.Content = append(top.Content, k, v)
	}
	if w.StatementLink != nil {
		k, v := str("statementLink"), flowMapping(
			"checked", boolean(w.StatementLink.Checked),
			"without", flowSeq(w.StatementLink.Without),
		)
		if !w.StatementLink.Checked {
			k.HeadComment = tr.t("statementLink.notRun")
		}
		top.Content = append(top.Content, k, v)
	}
	pages := seq()
	for _, p := range w.Pages {
		pages.Content = append(pages.Content, flowMapping("ref", str(p.Ref), "url", str(p.URL), "title", str(p.Title)))
	}
	top.Content = append(top.Content, str("pages"), pages)
	crit := seq()
	for _, c := range w.Criteria {
		crit.Content = append(crit.Content, c.node(tr))
	}
	top.Content = append(top.Content, str("criteria"), crit)
	if w.Documents != nil {
		top.Content = append(top.Content, w.Documents.node(tr)...)
	}
	return &yaml.Node{Kind: yaml.DocumentNode, HeadComment: comment(tr.t("header")), Content: []*yaml.Node{top}}
}

func (c *Criterion) node(tr tr) *yaml.Node {
	m := mapping(
		"sc", str(c.SC),
		"title", str(c.Title),
		"level", str(c.Level),
		"clause", str(c.Clause),
		"automated", c.Automated.node(),
		"checkOn", flowMapping("why", str(c.CheckOn.Why), "pages", flowSeq(c.CheckOn.Pages)),
		"howToCheck", long(c.HowToCheck),
	)
	if c.Recheck != "" {
		m.Content = append(m.Content, str("recheck"), str(c.Recheck))
	}
	m.Content = append(m.Content, personFields(c, tr)...)
	items := seq()
	for _, it := range c.Items {
		items.Content = append(items.Content, it.node(tr))
	}
	if len(c.Items) == 0 {
		items.Style = yaml.FlowStyle
	}
	m.Content = append(m.Content, str("items"), items)
	return m
}

// personFields are the verdict, notes and issues of a criterion.
func personFields(c *Criterion, tr tr) []*yaml.Node {
	verdict := str("verdict")
	verdict.LineComment = tr.t("verdict.comment")
	issues := seq()
	for _, is := range c.Issues {
		issues.Content = append(issues.Content, is.node())
	}
	if len(c.Issues) == 0 {
		issues.Style = yaml.FlowStyle
	}
	return []*yaml.Node{verdict, optional(c.Verdict), str("notes"), textNode(c.Notes), str("issues"), issues}
}

func (a Automated) node() *yaml.Node {
	m := mapping("outcome", str(a.Outcome))
	if a.Outcome != Untested {
		m.Content = append(m.Content, str("pages"), flowMapping(
			"failed", integer(a.Failed), "cantTell", integer(a.CantTell), "passed", integer(a.Passed)))
	}
	if len(a.Rules) > 0 {
		rules := mapping()
		for _, r := range a.Rules {
			rules.Content = append(rules.Content, str(r.Rule), str(r.Text))
		}
		m.Content = append(m.Content, str("rules"), rules)
	}
	return m
}

func (it Item) node(tr tr) *yaml.Node {
	m := mapping(
		"page", str(it.Page),
		"rule", str(it.Rule),
		"element", str(it.Element),
		"snippet", str(it.Snippet),
		"message", str(it.Message),
	)
	if it.Gone != "" {
		m.Content = append(m.Content, str("gone"), str(it.Gone))
	}
	confirm := str("confirm")
	confirm.LineComment = tr.t("confirm.comment")
	m.Content = append(m.Content, confirm, optional(it.Confirm), str("notes"), textNode(it.Notes))
	return m
}

func (is Issue) node() *yaml.Node {
	m := mapping("category", str(is.CategoryOrDefault()), "what", textNode(is.What), "where", textNode(is.Where))
	for _, kv := range [][2]string{{"fixBy", is.FixBy}, {"assessment", is.Assessment}, {"exemption", is.Exemption}} {
		if kv[1] != "" {
			m.Content = append(m.Content, str(kv[0]), str(kv[1]))
		}
	}
	if !is.Alternative.Empty() {
		m.Content = append(m.Content, str("alternative"), textNode(is.Alternative))
	}
	return m
}

func (d *Documents) node(tr tr) []*yaml.Node {
	files := seq()
	for _, f := range d.Files {
		fm := flowMapping("url", str(f.URL), "linkedFrom", integer(f.LinkedFrom))
		if f.Automated != "" {
			fm.Content = append(fm.Content, str("automated"), str(f.Automated))
		}
		if f.PossiblyExempt {
			fm.Content = append(fm.Content, str("possiblyExempt"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		files.Content = append(files.Content, fm)
	}
	crit := seq()
	for _, c := range d.Criteria {
		m := mapping("sc", str(c.SC), "title", str(c.Title), "level", str(c.Level), "clause", str(c.Clause))
		m.Content = append(m.Content, personFields(c, tr)...)
		crit.Content = append(crit.Content, m)
	}
	k := str("documents")
	k.HeadComment = tr.t("documents.comment")
	m := mapping("files", files, "howToCheck", long(d.HowToCheck))
	verdict := str("verdict")
	verdict.LineComment = tr.t("documents.verdict.comment")
	issues := seq()
	for _, is := range d.Issues {
		issues.Content = append(issues.Content, is.node())
	}
	if len(d.Issues) == 0 {
		issues.Style = yaml.FlowStyle
	}
	m.Content = append(m.Content, verdict, optional(d.Verdict), str("notes"), textNode(d.Notes), str("issues"), issues, str("criteria"), crit)
	return []*yaml.Node{k, m}
}

// textNode writes a person's text: nothing, one string, or one per
// language.
func textNode(t Text) *yaml.Node {
	if t.Empty() {
		return null()
	}
	if s, ok := t[""]; ok && len(t) == 1 {
		return str(s)
	}
	m := mapping()
	for _, l := range Languages {
		if s, ok := t[l]; ok {
			m.Content = append(m.Content, str(l), str(s))
		}
	}
	return m
}

func mapping(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		m.Content = append(m.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return m
}

func flowMapping(kv ...any) *yaml.Node {
	m := mapping(kv...)
	m.Style = yaml.FlowStyle
	return m
}

func seq() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode} }

func flowSeq(values []string) *yaml.Node {
	s := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, v := range values {
		s.Content = append(s.Content, str(v))
	}
	return s
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func integer(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func null() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"} }

// optional is a string that may be empty, written as nothing.
func optional(s string) *yaml.Node {
	if s == "" {
		return null()
	}
	return str(s)
}

// long writes a paragraph as a literal block wrapped at 76 columns, so
// that the file reads well in any editor; readers join the lines again.
func long(s string) *yaml.Node {
	n := str(wrap(s, 76))
	if strings.Contains(n.Value, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(s) {
		switch {
		case col == 0:
		case col+1+len([]rune(w)) > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len([]rune(w))
	}
	return b.String()
}

// unwrap joins the lines of a wrapped paragraph.
func unwrap(s string) string { return strings.Join(strings.Fields(s), " ") }

// comment turns lines of text into a YAML comment.
func comment(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = "#"
		} else {
			lines[i] = "# " + l
		}
	}
	return strings.Join(lines, "\n")
}
