package statement

import (
	"bytes"
	"embed"
	"encoding/json"
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"

	"saavu/review"
)

//go:embed templates
var templatesFS embed.FS

// Formats lists the outputs of a statement, for flag help.
var Formats = []string{"html", "md", "json", "earl"}

// view is the statement with its sentences put together in its language.
type view struct {
	S                                                                      *Statement
	Intro, NationalLaw, Opening, Method, StatusText, Benchmark, CountsText string
	Prep, ResultsDate, NotRun, Enforcement, UnofficialNote, DocCountsText  string
	Apps                                                                   []string
	More                                                                   []moreView
}

type moreView struct{ Head, Text string }

func (s *Statement) view() view {
	tr := translator(s.Lang)
	v := view{S: s}
	v.Intro = tr.f("intro."+s.Law, s.Body)
	if s.NationalLaw != "" {
		v.NationalLaw = tr.f("national.law", s.NationalLaw)
	}
	for _, a := range s.Apps {
		line := a.Name
		var extra []string
		if a.Version != "" {
			extra = append(extra, tr.f("app.version", a.Version))
		}
		if a.Platforms != "" {
			extra = append(extra, a.Platforms)
		}
		if len(extra) > 0 {
			line += " (" + strings.Join(extra, ", ") + ")"
		}
		v.Apps = append(v.Apps, line)
	}
	p := s.Preparation
	if p.Reviewed != "" && p.Reviewed != p.Prepared {
		v.Opening = tr.f("opening.reviewed", tr.date(p.Prepared), tr.date(p.Reviewed))
	} else {
		v.Opening = tr.f("opening.prepared", tr.date(p.Prepared))
	}
	if p.Method == ThirdParty {
		v.Method = tr.f("method.thirdParty", p.Assessor)
	} else {
		v.Method = tr.t("method.self")
	}
	v.StatusText = tr.t("status." + s.Status)
	v.Benchmark = tr.f("benchmark", s.Standard.Name, s.Standard.Version, s.Standard.WCAG)
	c := s.Counts
	v.CountsText = tr.f("counts", c.Applicable, c.Pass, c.Fail, c.NoVerdict)
	if d := s.DocumentCounts; d != nil {
		v.DocCountsText = tr.f("counts.documents", d.Applicable, d.Pass, d.Fail, d.NoVerdict)
	}
	if p.Sampled {
		v.Prep = tr.f("prep.sample", p.Pages, p.Tool)
	} else {
		v.Prep = tr.f("prep.pages", p.Pages, p.Tool)
	}
	if p.Results != "" {
		v.ResultsDate = tr.f("prep.results", tr.date(p.Results))
	}
	if len(p.NotRun) > 0 {
		v.NotRun = tr.f("prep.notrun", strings.Join(p.NotRun, ", "))
	}
	if s.Law == review.LawFI {
		v.Enforcement = tr.f("enforcement.fi", s.Feedback.ResponseDays, s.Feedback.ResponseDays)
	} else {
		v.Enforcement = tr.f("enforcement.eu", s.Feedback.ResponseDays)
	}
	if s.hasUnofficial() {
		v.UnofficialNote = tr.t("unofficial.note")
	}
	o := s.Optional
	if o.Published != "" {
		v.More = append(v.More, moreView{Text: tr.f("more.published", tr.date(o.Published))})
	}
	if o.Revised != "" {
		v.More = append(v.More, moreView{Text: tr.f("more.revised", tr.date(o.Revised))})
	}
	for _, kv := range [][2]string{{"more.policy", o.Policy}, {"more.actionPlan", o.ActionPlan}, {"more.training", o.Training}, {"more.userTesting", o.UserTesting}} {
		if kv[1] != "" {
			v.More = append(v.More, moreView{Head: tr.t(kv[0]), Text: kv[1]})
		}
	}
	if len(o.Technologies) > 0 {
		v.More = append(v.More, moreView{Text: tr.f("more.technologies", strings.Join(o.Technologies, ", "))})
	}
	if len(o.TestedWith) > 0 {
		v.More = append(v.More, moreView{Text: tr.f("more.testedWith", strings.Join(o.TestedWith, ", "))})
	}
	return v
}

func (s *Statement) hasUnofficial() bool {
	for _, g := range s.NonCompliance {
		for _, it := range g.Items {
			if it.Unofficial {
				return true
			}
		}
	}
	for _, list := range [][]Item{s.Burden, s.OutOfScope} {
		for _, it := range list {
			if it.Unofficial {
				return true
			}
		}
	}
	for _, c := range s.NoVerdict {
		if c.Unofficial {
			return true
		}
	}
	return false
}

func (s *Statement) funcs() map[string]any {
	tr := translator(s.Lang)
	return map[string]any{"t": tr.t, "f": tr.f, "date": tr.date, "md": mdEscape}
}

// WriteHTML writes the statement as an accessible, self-contained HTML
// page, or with fragment as a <section> without <html>, <head> and the
// page title, to paste into a CMS page whose title it is.
func (s *Statement) WriteHTML(w io.Writer, fragment bool) error {
	t, err := htmltemplate.New("statement").Funcs(s.funcs()).ParseFS(templatesFS, "templates/statement.html.tmpl")
	if err != nil {
		return err
	}
	name := "page"
	if fragment {
		name = "fragment"
	}
	return t.ExecuteTemplate(w, name, s.view())
}

// WriteMarkdown writes the statement as Markdown.
func (s *Statement) WriteMarkdown(w io.Writer) error {
	t, err := texttemplate.New("statement").Funcs(s.funcs()).ParseFS(templatesFS, "templates/statement.md.tmpl")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "md", s.view()); err != nil {
		return err
	}
	// Blank lines never come in threes.
	out := buf.String()
	for strings.Contains(out, "\n\n\n") {
		out = strings.ReplaceAll(out, "\n\n\n", "\n\n")
	}
	_, err = io.WriteString(w, strings.TrimSpace(out)+"\n")
	return err
}

// WriteJSON writes the statement's machine-readable form (recital 5 of
// the Implementing Decision): indented JSON with a trailing newline.
func (s *Statement) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(s)
}

// mdEscape escapes the characters Markdown would read as markup in text
// a person wrote.
func mdEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`).Replace(s)
}
