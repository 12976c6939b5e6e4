package review

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Problem is something wrong in a worksheet file, at a line.
type Problem struct {
	Line int
	Msg  string
}

// InvalidError lists the problems of a worksheet file.
type InvalidError struct {
	File     string
	Problems []Problem
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not a valid review worksheet (%d problem", e.File, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  %s:%d: %s", e.File, p.Line, p.Msg)
	}
	return b.String()
}

// Read parses and checks a worksheet file; name is used in errors. It
// returns the worksheet and its YAML tree (for Update). A file that is not
// YAML is an error naming the line; a worksheet with problems (an unknown
// field, criterion, verdict or category, a pass without the note it needs…)
// is an *InvalidError listing them all, with the worksheet as far as it
// could be read.
func Read(data []byte, name string) (*Worksheet, *yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s: not a review worksheet (make one with 'saavu review RESULTS.json -o %s')", name, name)
	}
	p := &parser{}
	w := p.worksheet(doc.Content[0])
	if len(p.probs) > 0 {
		slices.SortStableFunc(p.probs, func(a, b Problem) int { return a.Line - b.Line })
		return w, &doc, &InvalidError{File: name, Problems: p.probs}
	}
	return w, &doc, nil
}

type parser struct {
	probs []Problem
}

func (p *parser) addf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.probs = append(p.probs, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// fields calls fn with each key and value of a mapping, reporting a
// value that is not a mapping, unknown keys and keys given twice.
func (p *parser) fields(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		p.addf(n, "%s: expected fields (key: value lines), found %s", what, kind(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			p.addf(k, "unknown field %q in %s (fields: %s)", k.Value, what, strings.Join(known, ", "))
		case seen[k.Value]:
			p.addf(k, "%s: %s is given twice", what, k.Value)
		default:
			seen[k.Value] = true
			fn(k.Value, k, v)
		}
	}
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return "a value"
}

func (p *parser) str(n *yaml.Node, what string) string {
	if n.Kind != yaml.ScalarNode {
		p.addf(n, "%s: expected a value, found %s", what, kind(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func (p *parser) integer(n *yaml.Node, what string) int {
	s := p.str(n, what)
	if s == "" {
		return 0
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		p.addf(n, "%s: %q is not a whole number", what, s)
	}
	return i
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	s := p.str(n, what)
	b, err := strconv.ParseBool(s)
	if err != nil && s != "" {
		p.addf(n, "%s: %q is not true or false", what, s)
	}
	return b
}

func (p *parser) strs(n *yaml.Node, what string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.addf(n, "%s: expected a list, found %s", what, kind(n))
		return nil
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, p.str(c, what))
	}
	return out
}

// text reads text a person wrote: one string, or one per language.
func (p *parser) text(n *yaml.Node, what string) Text {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			return nil
		}
		return Text{"": n.Value}
	case yaml.MappingNode:
		t := Text{}
		p.fields(n, what, Languages, func(lang string, _, v *yaml.Node) {
			t[lang] = p.str(v, what+"."+lang)
		})
		return t
	}
	p.addf(n, "%s: expected text, or text per language ({fi: …, sv: …, en: …}), found %s", what, kind(n))
	return nil
}

// oneOf reads a value that must be one of choices, or empty.
func (p *parser) oneOf(n *yaml.Node, what, noun string, choices []string) string {
	s := p.str(n, what)
	if s != "" && !slices.Contains(choices, s) {
		p.addf(n, "%s: %q is not a %s (choose one of %s)", what, s, noun, strings.Join(choices, ", "))
		return ""
	}
	return s
}

var (
	topFields       = []string{"saavuReview", "law", "lang", "standard", "wcag", "results", "notRun", "statementLink", "pages", "criteria", "documents"}
	criterionFields = []string{"sc", "title", "level", "clause", "automated", "checkOn", "howToCheck", "recheck", "verdict", "notes", "issues", "items"}
	docCritFields   = []string{"sc", "title", "level", "clause", "recheck", "verdict", "notes", "issues"}
	issueFields     = []string{"category", "what", "where", "fixBy", "assessment", "exemption", "alternative"}
	itemFields      = []string{"page", "rule", "element", "snippet", "message", "gone", "confirm", "notes"}
)

func (p *parser) worksheet(top *yaml.Node) *Worksheet {
	w := &Worksheet{}
	var critNode, docsNode *yaml.Node
	p.fields(top, "the worksheet", topFields, func(key string, k, v *yaml.Node) {
		switch key {
		case "saavuReview":
			w.Version = p.str(v, key)
			if w.Version != Version {
				p.addf(v, "saavuReview: version %q is not supported by this saavu (it reads version %q)", w.Version, Version)
			}
		case "law":
			w.Law = p.oneOf(v, key, "law", Laws)
		case "lang":
			w.Lang = p.oneOf(v, key, "language", Languages)
		case "standard":
			w.Standard = p.str(v, key)
		case "wcag":
			w.WCAG = p.oneOf(v, key, "WCAG version", []string{"2.1", "2.2"})
		case "results":
			p.fields(v, key, []string{"generatedAt", "audited", "notAudited"}, func(f string, _, v *yaml.Node) {
				switch f {
				case "generatedAt":
					w.Results.GeneratedAt = p.str(v, "results.generatedAt")
				case "audited":
					w.Results.Audited = p.integer(v, "results.audited")
				case "notAudited":
					w.Results.NotAudited = p.integer(v, "results.notAudited")
				}
			})
		case "notRun":
			w.NotRun = p.strs(v, key)
		case "statementLink":
			w.StatementLink = &StatementLink{}
			p.fields(v, key, []string{"checked", "without"}, func(f string, _, v *yaml.Node) {
				if f == "checked" {
					w.StatementLink.Checked = p.boolean(v, "statementLink.checked")
				} else {
					w.StatementLink.Without = p.strs(v, "statementLink.without")
				}
			})
		case "pages":
			if v.Kind != yaml.SequenceNode {
				p.addf(v, "pages: expected a list, found %s", kind(v))
				return
			}
			for _, pn := range v.Content {
				var pg Page
				p.fields(pn, "a page", []string{"ref", "url", "title"}, func(f string, _, v *yaml.Node) {
					switch f {
					case "ref":
						pg.Ref = p.str(v, "page ref")
					case "url":
						pg.URL = p.str(v, "page url")
					case "title":
						pg.Title = p.str(v, "page title")
					}
				})
				w.Pages = append(w.Pages, pg)
			}
		case "criteria":
			critNode = v
		case "documents":
			docsNode = v
		}
	})
	if w.Version == "" {
		p.addf(top, "no saavuReview version: this is not a worksheet made by 'saavu review'")
	}
	if w.Law == "" {
		p.addf(top, "no law: give law: fi or law: eu")
	}
	if w.Lang == "" {
		w.Lang = "en"
	}
	if w.WCAG == "" {
		w.WCAG = "2.1"
	}
	var profile []string
	if ps, err := Profile(w.Law, w.WCAG); err == nil {
		for _, c := range ps {
			profile = append(profile, c.SC)
		}
	}
	if critNode == nil {
		p.addf(top, "no criteria: make the worksheet with 'saavu review RESULTS.json -o review.yaml'")
	} else {
		w.Criteria = p.criteria(critNode, "criteria", profile, criterionFields)
		if len(profile) > 0 {
			for _, sc := range profile {
				if w.Criterion(sc) == nil {
					p.addf(critNode, "criterion %s of law %s is missing: run 'saavu review --update' to add it back", sc, w.Law)
				}
			}
		}
	}
	if docsNode != nil {
		w.Documents = &Documents{}
		p.fields(docsNode, "documents", []string{"files", "howToCheck", "verdict", "notes", "issues", "criteria"}, func(f string, _, v *yaml.Node) {
			switch f {
			case "verdict":
				w.Documents.Verdict = p.oneOf(v, "documents: verdict", "verdict", Verdicts)
			case "notes":
				w.Documents.Notes = p.text(v, "documents: notes")
			case "issues":
				if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
					return
				}
				if v.Kind != yaml.SequenceNode {
					p.addf(v, "documents: issues: expected a list, found %s", kind(v))
					return
				}
				for _, in := range v.Content {
					w.Documents.Issues = append(w.Documents.Issues, p.issue(in, "documents"))
				}
			case "files":
				if v.Kind != yaml.SequenceNode {
					p.addf(v, "documents.files: expected a list, found %s", kind(v))
					return
				}
				for _, fn := range v.Content {
					var df DocFile
					p.fields(fn, "a document", []string{"url", "linkedFrom", "automated", "possiblyExempt"}, func(f string, _, v *yaml.Node) {
						switch f {
						case "url":
							df.URL = p.str(v, "document url")
						case "automated":
							df.Automated = p.str(v, "document automated")
						case "possiblyExempt":
							df.PossiblyExempt = v.Value == "true"
						default:
							df.LinkedFrom = p.integer(v, "document linkedFrom")
						}
					})
					w.Documents.Files = append(w.Documents.Files, df)
				}
			case "howToCheck":
				w.Documents.HowToCheck = unwrap(p.str(v, "documents.howToCheck"))
			case "criteria":
				w.Documents.Criteria = p.criteria(v, "documents.criteria", profile, docCritFields)
			}
		})
	}
	return w
}

func (p *parser) criteria(n *yaml.Node, what string, profile, fields []string) []*Criterion {
	if n.Kind != yaml.SequenceNode {
		p.addf(n, "%s: expected a list, found %s", what, kind(n))
		return nil
	}
	var out []*Criterion
	seen := map[string]int{}
	for _, cn := range n.Content {
		c := p.criterion(cn, fields)
		if c.SC == "" {
			p.addf(cn, "%s: a criterion without sc", what)
			continue
		}
		if len(profile) > 0 && !slices.Contains(profile, c.SC) {
			p.addf(cn, "unknown criterion %q: not one of the success criteria of the profile (%s)", c.SC, profileName(profile))
		}
		if line, dup := seen[c.SC]; dup {
			p.addf(cn, "criterion %s is listed twice (also on line %d)", c.SC, line)
		}
		seen[c.SC] = cn.Line
		out = append(out, c)
	}
	return out
}

func profileName(profile []string) string {
	return fmt.Sprintf("%d criteria, %s to %s", len(profile), profile[0], profile[len(profile)-1])
}

var fixByFormat = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)

func (p *parser) criterion(n *yaml.Node, fields []string) *Criterion {
	c := &Criterion{Line: n.Line}
	var verdictNode *yaml.Node
	what := "a criterion"
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "sc" {
				c.SC = n.Content[i+1].Value
				what = "criterion " + c.SC
			}
		}
	}
	p.fields(n, what, fields, func(key string, k, v *yaml.Node) {
		f := what + ": " + key
		switch key {
		case "sc":
			c.SC = p.str(v, f)
		case "title":
			c.Title = p.str(v, f)
		case "level":
			c.Level = p.str(v, f)
		case "clause":
			c.Clause = p.str(v, f)
		case "automated":
			c.Automated = p.automated(v, f)
		case "checkOn":
			p.fields(v, f, []string{"why", "pages"}, func(g string, _, v *yaml.Node) {
				if g == "why" {
					c.CheckOn.Why = p.str(v, f+".why")
				} else {
					c.CheckOn.Pages = p.strs(v, f+".pages")
				}
			})
		case "howToCheck":
			c.HowToCheck = unwrap(p.str(v, f))
		case "recheck":
			c.Recheck = p.str(v, f)
		case "verdict":
			verdictNode = v
			c.Verdict = p.oneOf(v, f, "verdict", Verdicts)
		case "notes":
			c.Notes = p.text(v, f)
		case "issues":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return
			}
			if v.Kind != yaml.SequenceNode {
				p.addf(v, "%s: expected a list, found %s", f, kind(v))
				return
			}
			for _, in := range v.Content {
				c.Issues = append(c.Issues, p.issue(in, what))
			}
		case "items":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return
			}
			if v.Kind != yaml.SequenceNode {
				p.addf(v, "%s: expected a list, found %s", f, kind(v))
				return
			}
			for _, in := range v.Content {
				c.Items = append(c.Items, p.item(in, what))
			}
		}
	})
	if c.Verdict == Pass && c.Notes.Empty() {
		failed := c.Automated.Failed
		confirmed := 0
		for _, it := range c.Items {
			if it.Confirm == Fail {
				confirmed++
			}
		}
		if failed > 0 || confirmed > 0 {
			why := fmt.Sprintf("the automated rules failed on %d page(s)", failed)
			if failed == 0 {
				why = fmt.Sprintf("%d item(s) are confirmed as fail", confirmed)
			}
			p.addf(verdictNode, "%s: verdict pass, but %s: say in notes why it passes (e.g. a false positive), or give another verdict", what, why)
		}
	}
	return c
}

func (p *parser) automated(n *yaml.Node, what string) Automated {
	var a Automated
	p.fields(n, what, []string{"outcome", "pages", "rules"}, func(key string, _, v *yaml.Node) {
		switch key {
		case "outcome":
			a.Outcome = p.oneOf(v, what+".outcome", "outcome", []string{Failed, CantTell, Passed, Inapplicable, NoProblemsFound, Untested})
		case "pages":
			p.fields(v, what+".pages", []string{"failed", "cantTell", "passed"}, func(k string, _, v *yaml.Node) {
				switch k {
				case "failed":
					a.Failed = p.integer(v, what+".pages.failed")
				case "cantTell":
					a.CantTell = p.integer(v, what+".pages.cantTell")
				case "passed":
					a.Passed = p.integer(v, what+".pages.passed")
				}
			})
		case "rules":
			if v.Kind != yaml.MappingNode {
				p.addf(v, "%s.rules: expected fields, found %s", what, kind(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				a.Rules = append(a.Rules, RuleLine{Rule: v.Content[i].Value, Text: p.str(v.Content[i+1], what+".rules")})
			}
		}
	})
	return a
}

func (p *parser) issue(n *yaml.Node, what string) Issue {
	is := Issue{Line: n.Line}
	what += ": issue"
	p.fields(n, what, issueFields, func(key string, _, v *yaml.Node) {
		f := what + " " + key
		switch key {
		case "category":
			is.Category = p.oneOf(v, f, "category", Categories)
		case "what":
			is.What = p.text(v, f)
		case "where":
			is.Where = p.text(v, f)
		case "fixBy":
			is.FixBy = p.str(v, f)
			if is.FixBy != "" && !fixByFormat.MatchString(is.FixBy) {
				p.addf(v, "%s: %q is not a date: write YYYY-MM-DD or YYYY-MM", f, is.FixBy)
			}
		case "assessment":
			is.Assessment = p.str(v, f)
		case "exemption":
			is.Exemption = p.oneOf(v, f, "exemption of the Web Accessibility Directive art. 1(4)", Exemptions)
		case "alternative":
			is.Alternative = p.text(v, f)
		}
	})
	if is.Exemption != "" && is.CategoryOrDefault() != OutOfScope {
		p.addf(n, "%s: an exemption is given, but the category is %s: set category: outOfScope, or remove the exemption", what, is.CategoryOrDefault())
	}
	return is
}

func (p *parser) item(n *yaml.Node, what string) Item {
	it := Item{Line: n.Line}
	what += ": item"
	p.fields(n, what, itemFields, func(key string, _, v *yaml.Node) {
		f := what + " " + key
		switch key {
		case "page":
			it.Page = p.str(v, f)
		case "rule":
			it.Rule = p.str(v, f)
		case "element":
			it.Element = p.str(v, f)
		case "snippet":
			it.Snippet = p.str(v, f)
		case "message":
			it.Message = p.str(v, f)
		case "gone":
			it.Gone = p.str(v, f)
		case "confirm":
			it.Confirm = p.oneOf(v, f, "confirmation", Confirmations)
		case "notes":
			it.Notes = p.text(v, f)
		}
	})
	return it
}

// AsInvalid returns the problems of an *InvalidError, or nil.
func AsInvalid(err error) *InvalidError {
	var inv *InvalidError
	if errors.As(err, &inv) {
		return inv
	}
	return nil
}
