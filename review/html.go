package review

import (
	"embed"
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"saavu/checks"
)

//go:embed templates
var templatesFS embed.FS

// Views lists the read-only views of a worksheet, for flag help.
var Views = []string{"html", "csv"}

// WriteView writes a read-only view of the worksheet: "html" or "csv".
func (w *Worksheet) WriteView(out io.Writer, format string) error {
	switch format {
	case "html":
		return w.WriteHTML(out)
	case "csv":
		return w.WriteCSV(out)
	}
	return fmt.Errorf("unknown view %q (choose one of %s, or yaml for the worksheet)", format, strings.Join(Views, ", "))
}

// WriteHTML writes the worksheet as a self-contained, accessible HTML
// page in the worksheet's language.
func (w *Worksheet) WriteHTML(out io.Writer) error {
	tr := translator(w.Lang)
	tmpl, err := template.New("review.html.tmpl").Funcs(template.FuncMap{
		"t":    tr.t,
		"tf":   tr.f,
		"tn":   tr.n,
		"join": strings.Join,
	}).ParseFS(templatesFS, "templates/review.html.tmpl")
	if err != nil {
		return err
	}
	return tmpl.Execute(out, w.view(tr))
}

type view struct {
	Lang, Site, LawName, Standard, WCAG, ResultsText string
	NotRun                                           []string
	Counts                                           []countView
	Criteria                                         []*critView
	Principles                                       []principleView
	StatementLink                                    *linkView
	Documents                                        *docsView
	Pages                                            []Page
}

type countView struct {
	Key, Label string
	N          int
}

type principleView struct {
	N, Name  string
	Criteria []*critView
}

type linkView struct {
	Checked bool
	Without []pageView
}

type docsView struct {
	Files      []fileView
	HowToCheck string
	All        *critView // the verdict, notes and issues for the documents as a whole
	Criteria   []*critView
}

type fileView struct{ URL, Linked, Automated string }

type pageView struct{ Ref, URL string }

type critView struct {
	ID, SC, Title, TitleLang, Level, Clause string
	Outcome, OutcomeText                    string
	Rules                                   []RuleLine
	Recheck                                 string
	VerdictKey, VerdictText                 string
	Notes, NotesLang                        string
	Issues                                  []issueView
	HowToCheck, CheckOnWhy                  string
	CheckOn                                 []pageView
	Items                                   []itemView
	Confirmed                               int
}

type issueView struct{ Category, What, Where, Extra string }

type itemView struct {
	Page                           pageView
	Element, Rule, Message, Gone   string
	ConfirmKey, ConfirmText, Notes string
}

func (w *Worksheet) view(tr tr) view {
	v := view{
		Lang: w.Lang, LawName: tr.t("law." + w.Law), Standard: w.Standard, WCAG: w.WCAG,
		NotRun: w.NotRun, Pages: w.Pages,
	}
	if len(w.Pages) > 0 {
		if u, err := url.Parse(w.Pages[0].URL); err == nil {
			v.Site = u.Host
		}
	}
	v.ResultsText = tr.n("view.results.text", w.Results.Audited)
	if d := formatDate(w.Results.GeneratedAt, w.Lang); d != "" {
		v.ResultsText += ", " + d
	}
	counts := map[string]int{}
	for _, c := range w.Criteria {
		cv := w.critView(c, tr)
		v.Criteria = append(v.Criteria, cv)
		counts[cv.VerdictKey]++
		p := Principle(c.SC)
		if len(v.Principles) == 0 || v.Principles[len(v.Principles)-1].N != p {
			v.Principles = append(v.Principles, principleView{N: p, Name: tr.t("principle." + p)})
		}
		last := &v.Principles[len(v.Principles)-1]
		last.Criteria = append(last.Criteria, cv)
	}
	for _, k := range []string{Pass, Fail, NotApplicable, "none"} {
		v.Counts = append(v.Counts, countView{Key: k, Label: tr.t("count." + k), N: counts[k]})
	}
	if w.StatementLink != nil {
		lv := &linkView{Checked: w.StatementLink.Checked}
		for _, ref := range w.StatementLink.Without {
			lv.Without = append(lv.Without, pageView{Ref: ref, URL: w.PageURL(ref)})
		}
		v.StatementLink = lv
	}
	if d := w.Documents; d != nil {
		dv := &docsView{HowToCheck: d.HowToCheck}
		dv.All = w.critView(&Criterion{Verdict: d.Verdict, Notes: d.Notes, Issues: d.Issues}, tr)
		for _, f := range d.Files {
			dv.Files = append(dv.Files, fileView{URL: f.URL, Linked: tr.n("view.linked", f.LinkedFrom), Automated: f.Automated})
		}
		for _, c := range d.Criteria {
			dv.Criteria = append(dv.Criteria, w.critView(c, tr))
		}
		v.Documents = dv
	}
	return v
}

func (w *Worksheet) critView(c *Criterion, tr tr) *critView {
	cv := &critView{
		ID: strings.ReplaceAll(c.SC, ".", "-"), SC: c.SC, Title: c.Title, Level: c.Level, Clause: c.Clause,
		Outcome: c.Automated.Outcome, Rules: c.Automated.Rules, Recheck: c.Recheck,
		HowToCheck: c.HowToCheck, CheckOnWhy: c.CheckOn.Why,
	}
	if sc, ok := checks.LookupSC(c.SC); ok {
		cv.Title, cv.TitleLang = TitleIn(sc, w.Lang)
		if cv.TitleLang == w.Lang {
			cv.TitleLang = ""
		}
	}
	if cv.Outcome == "" {
		cv.Outcome = Untested
	}
	cv.OutcomeText = tr.t("outcome." + cv.Outcome)
	verdict, automatic := c.Effective()
	cv.VerdictKey = verdict
	if cv.VerdictKey == "" {
		cv.VerdictKey = "none"
	}
	cv.VerdictText = tr.t("verdict." + cv.VerdictKey)
	if automatic {
		cv.VerdictText += " (" + tr.t("verdict.automatic") + ")"
	}
	cv.Notes, cv.NotesLang = w.text(c.Notes)
	for _, ref := range c.CheckOn.Pages {
		cv.CheckOn = append(cv.CheckOn, pageView{Ref: ref, URL: w.PageURL(ref)})
	}
	for _, is := range c.Issues {
		iv := issueView{Category: tr.t("category." + is.CategoryOrDefault())}
		iv.What, _ = w.text(is.What)
		iv.Where, _ = w.text(is.Where)
		var extra []string
		if is.FixBy != "" {
			extra = append(extra, tr.f("issue.fixBy", is.FixBy))
		}
		if is.Assessment != "" {
			extra = append(extra, tr.f("issue.assessment", is.Assessment))
		}
		if is.Exemption != "" {
			extra = append(extra, tr.f("issue.exemption", tr.t("exemption."+is.Exemption)))
		}
		if alt, _ := w.text(is.Alternative); alt != "" {
			extra = append(extra, tr.f("issue.alternative", alt))
		}
		iv.Extra = strings.Join(extra, "; ")
		cv.Issues = append(cv.Issues, iv)
	}
	for _, it := range c.Items {
		key := it.Confirm
		if key == "" {
			key = "none"
		} else {
			cv.Confirmed++
		}
		notes, _ := w.text(it.Notes)
		cv.Items = append(cv.Items, itemView{
			Page: pageView{Ref: it.Page, URL: w.PageURL(it.Page)}, Element: it.Element, Rule: it.Rule,
			Message: it.Message, Gone: it.Gone, ConfirmKey: key, ConfirmText: tr.t("confirm." + key), Notes: notes,
		})
	}
	return cv
}

// text returns a person's text in the worksheet's language and the
// language to mark it with ("" for the worksheet's own).
func (w *Worksheet) text(t Text) (string, string) {
	s, lang := t.In(w.Lang)
	if lang == "" || lang == w.Lang {
		return s, ""
	}
	return s, lang
}

// formatDate formats the date of an RFC 3339 time for lang.
func formatDate(s, lang string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return FormatDate(t, lang)
}

// FormatDate writes a date as the language does: 23.11.2026 in Finnish
// and Swedish, 23 November 2026 in English.
func FormatDate(t time.Time, lang string) string {
	if lang == "fi" || lang == "sv" {
		return fmt.Sprintf("%d.%d.%d", t.Day(), t.Month(), t.Year())
	}
	return t.Format("2 January 2006")
}

// WriteCSV writes the worksheet as a table: a row per criterion, then a
// row per item under it. The column names are English; the texts are in
// the worksheet's language.
func (w *Worksheet) WriteCSV(out io.Writer) error {
	cw := csv.NewWriter(out)
	rows := [][]string{{"row", "sc", "title", "level", "clause", "automated", "failedPages", "cantTellPages", "verdict", "recheck", "notes", "issues", "page", "rule", "element", "message", "confirm"}}
	add := func(kind string, c *Criterion) {
		notes, _ := w.text(c.Notes)
		var issues []string
		for _, is := range c.Issues {
			what, _ := w.text(is.What)
			issues = append(issues, strings.TrimSpace(is.CategoryOrDefault()+": "+what))
		}
		rows = append(rows, []string{kind, c.SC, c.Title, c.Level, c.Clause, c.Automated.Outcome,
			strconv.Itoa(c.Automated.Failed), strconv.Itoa(c.Automated.CantTell), c.Verdict, c.Recheck, notes,
			strings.Join(issues, " | "), "", "", "", "", ""})
		for _, it := range c.Items {
			notes, _ := w.text(it.Notes)
			msg := it.Message
			if notes != "" {
				msg += " — " + notes
			}
			rows = append(rows, []string{"item", c.SC, "", "", "", "", "", "", "", it.Gone, "", "", w.PageURL(it.Page), it.Rule, it.Element, msg, it.Confirm})
		}
	}
	for _, c := range w.Criteria {
		add("criterion", c)
	}
	if w.Documents != nil {
		for _, c := range w.Documents.Criteria {
			add("document", c)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
