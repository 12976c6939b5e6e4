package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"saavu/checks"
)

// DiffWriter formats a comparison of two audits (Diff).
type DiffWriter interface {
	WriteDiff(w io.Writer, d *Diff) error
}

// DiffFormats lists the output formats of a comparison.
var DiffFormats = []string{"html", "json", "text"}

// NewDiffWriter returns the writer of a comparison's format; o.Lang is the
// language of the text and HTML.
func NewDiffWriter(format string, o Options) (DiffWriter, error) {
	switch format {
	case "json":
		return DiffJSONWriter{}, nil
	case "html":
		return DiffHTMLWriter{Lang: o.Lang, Location: o.Location}, nil
	case "text":
		return DiffTextWriter{Lang: o.Lang, Color: o.Color, Width: o.Width}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (choose one of %s)", format, strings.Join(DiffFormats, ", "))
}

// DiffJSONWriter writes the comparison as indented JSON (docs/diff.md).
type DiffJSONWriter struct{}

// WriteDiff encodes d with two-space indentation and a trailing newline.
func (DiffJSONWriter) WriteDiff(w io.Writer, d *Diff) error {
	return newJSONEncoder(w, "").Encode(d)
}

// diffTranslator is the translator of lang, or an error naming the
// languages.
func diffTranslator(lang string) (translator, error) {
	if lang == "" {
		lang = "en"
	}
	msgs, ok := messages[lang]
	if !ok {
		return translator{}, fmt.Errorf("unknown language %q (choose one of %s)", lang, strings.Join(Languages, ", "))
	}
	return translator{lang: lang, msgs: msgs}, nil
}

// s is t without the error, for keys the tests check exist in every
// language (TestMessagesComplete).
func (tr translator) s(key string) string {
	s, err := tr.t(key)
	if err != nil {
		return key
	}
	return s
}

func (tr translator) sf(key string, args ...any) string { return fmt.Sprintf(tr.s(key), args...) }

// diffRow is one row of the new, fixed or still failing elements, shared
// by the text and HTML views.
type diffRow struct {
	SC        string // the rule's criteria, space-separated
	Rule      string
	Title     string // in the view's language
	TitleLang string // "en" when not translated
	Page      string // PageKey
	URL       string
	Link      bool
	Element   ElementDiff // new and fixed rows
	// Still failing rows stand for a rule's elements on a page: how many,
	// and those that moved or changed.
	N     int
	Moved []ElementDiff
}

// diffRows lists the rows of one kind ("fixed", "new", "still") of the
// rules (pages, then documents).
func diffRows(d *Diff, kind, lang string) []diffRow {
	rules := d.Rules
	if d.Documents != nil {
		rules = append(slices.Clone(rules), d.Documents.Rules...)
	}
	var rows []diffRow
	for _, rd := range rules {
		title, titleLang := ruleTitle(&Report{Rules: []RuleInfo{{ID: rd.Rule, Title: rd.Title}}}, rd.Rule, lang)
		for _, p := range rd.Pages {
			base := diffRow{SC: strings.Join(rd.WCAG, " "), Rule: rd.Rule, Title: title, TitleLang: titleLang, Page: p.Page, URL: p.URL, Link: isWebURL(p.URL)}
			switch kind {
			case "fixed", "new":
				els := p.Fixed
				if kind == "new" {
					els = p.New
				}
				if kind == "fixed" && p.OldURL != "" {
					base.URL, base.Link = p.OldURL, isWebURL(p.OldURL)
				}
				for _, el := range els {
					r := base
					r.Element = el
					rows = append(rows, r)
				}
			case "still":
				if len(p.Still) == 0 {
					continue
				}
				r := base
				r.N = len(p.Still)
				for _, el := range p.Still {
					if el.Match != MatchSame {
						r.Moved = append(r.Moved, el)
					}
				}
				rows = append(rows, r)
			}
		}
	}
	return rows
}

// matchNote is "(1 moved, 2 changed)" for a still failing row, or "".
func matchNote(tr translator, els []ElementDiff) string {
	var moved, changed int
	for _, el := range els {
		switch el.Match {
		case MatchMoved:
			moved++
		case MatchChanged:
			changed++
		}
	}
	var parts []string
	if moved > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", moved, tr.s("diff.match.moved")))
	}
	if changed > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", changed, tr.s("diff.match.changed")))
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// whyOnly says why a page of one audit only was not compared: in the
// other audit (side "old" or "new") it was missing, or not audited.
func whyOnly(tr translator, p DiffPlace, other string) string {
	if p.Error == "" {
		return tr.s("diff.why.absent." + other)
	}
	return tr.sf("diff.why.error."+other, oneLine(p.Error))
}

// DiffTextWriter writes the comparison for the terminal: counts, then
// tables of the new failures, the fixed ones and those still failing,
// the criteria, the site rules and the pages not compared, each fitted
// to Width as the report's text tables are.
type DiffTextWriter struct {
	Lang  string // en, fi or sv
	Color bool   // ANSI colours (only on a terminal with NO_COLOR unset)
	Width int    // terminal width; 0 for no limit
}

// WriteDiff renders the tables.
func (t DiffTextWriter) WriteDiff(w io.Writer, d *Diff) error {
	tr, err := diffTranslator(t.Lang)
	if err != nil {
		return fmt.Errorf("text: %w", err)
	}
	tw := TextWriter{Color: t.Color, Width: t.Width}
	bw := bufio.NewWriter(w)
	s := d.Summary
	fmt.Fprintf(bw, "%s %s: %s %s (WCAG %s %s)\n", d.Tool.Name, d.Tool.Version, d.Standard.Name, d.Standard.Version, d.Standard.WCAG, d.Standard.Level)
	for _, r := range []struct {
		key string
		run DiffRun
	}{{"diff.old", d.Old}, {"diff.new", d.New}} {
		fmt.Fprintf(bw, "%s: %s\n", tr.s(r.key), runText(tr, r.run))
	}
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, wrapCell(tr.sf("diff.counts", s.New, s.Fixed, s.Still, s.PagesCompared, s.PagesOnlyOld, s.PagesOnlyNew), t.Width-1, column{breaks: " "}))

	heading := func(key string, n int, code string) {
		title := tr.s(key)
		if n >= 0 {
			title += " (" + strconv.Itoa(n) + ")"
		}
		fmt.Fprintf(bw, "\n%s\n", tw.paint(ansiBold+code, title))
	}
	elementTable := func(rows []diffRow) *table {
		tb := &table{header: []string{tr.s("diff.col.sc"), tr.s("diff.col.rule"), tr.s("diff.col.page"), tr.s("diff.col.element")},
			flex: map[int]column{1: ruleColumn, 2: pathColumn, 3: selectorColumn}}
		for _, r := range rows {
			tb.rows = append(tb.rows, []string{r.SC, r.Rule, r.Page, oneLine(r.Element.Selector)})
		}
		return tb
	}
	for _, k := range []struct {
		kind, key, color string
		n                int
	}{{"new", "diff.newf", ansiRed, s.New}, {"fixed", "diff.fixed", ansiGreen, s.Fixed}} {
		rows := diffRows(d, k.kind, tr.lang)
		heading(k.key, len(rows), k.color)
		if len(rows) == 0 {
			fmt.Fprintln(bw, tr.s("diff.none"))
			continue
		}
		if err := tw.render(bw, elementTable(rows)); err != nil {
			return err
		}
	}
	still := diffRows(d, "still", tr.lang)
	n := 0
	for _, r := range still {
		n += r.N
	}
	heading("diff.still", n, ansiYellow)
	if len(still) == 0 {
		fmt.Fprintln(bw, tr.s("diff.none"))
	} else {
		tb := &table{header: []string{tr.s("diff.col.sc"), tr.s("diff.col.rule"), tr.s("diff.col.page"), tr.s("diff.col.elements")},
			flex: map[int]column{1: ruleColumn, 2: pathColumn, 3: wordsColumn}}
		for _, r := range still {
			el := strconv.Itoa(r.N)
			if note := matchNote(tr, r.Moved); note != "" {
				el += " " + note
			}
			tb.rows = append(tb.rows, []string{r.SC, r.Rule, r.Page, el})
		}
		if err := tw.render(bw, tb); err != nil {
			return err
		}
	}

	heading("diff.changed", s.CriteriaChanged, "")
	if s.CriteriaChanged == 0 {
		fmt.Fprintln(bw, tr.s("diff.changed.none"))
	} else {
		tb := &table{header: []string{tr.s("col.criterion"), tr.s("diff.col.old"), tr.s("diff.col.new")},
			flex: map[int]column{0: wordsColumn, 1: wordsColumn, 2: wordsColumn}}
		for _, c := range d.Criteria {
			if c.Changed {
				tb.rows = append(tb.rows, []string{c.SC + " " + first(criterionTitle(c.SC, c.Title, tr.lang)), tr.word("sc.", c.OldOutcome), tr.word("sc.", c.NewOutcome)})
			}
		}
		if err := tw.render(bw, tb); err != nil {
			return err
		}
	}
	if slices.ContainsFunc(d.Criteria, func(c CriterionDiff) bool { return c.Fixed+c.New+c.Still > 0 }) {
		heading("diff.percrit", -1, "")
		tb := &table{header: []string{tr.s("col.criterion"), tr.s("diff.col.newf"), tr.s("diff.col.fixed"), tr.s("diff.col.still")},
			flex: map[int]column{0: wordsColumn}}
		for _, c := range d.Criteria {
			if c.Fixed+c.New+c.Still > 0 {
				tb.rows = append(tb.rows, []string{c.SC + " " + first(criterionTitle(c.SC, c.Title, tr.lang)), strconv.Itoa(c.New), strconv.Itoa(c.Fixed), strconv.Itoa(c.Still)})
			}
		}
		if err := tw.render(bw, tb); err != nil {
			return err
		}
	}

	if site := siteRows(d); len(site) > 0 {
		heading("diff.site", -1, "")
		tb := &table{header: []string{tr.s("diff.col.rule"), tr.s("diff.col.change"), tr.s("diff.col.finding")},
			flex: map[int]column{0: ruleColumn, 2: wordsColumn}}
		for _, r := range site {
			tb.rows = append(tb.rows, []string{r.Rule, tr.s("diff.change." + r.Change), oneLine(r.Finding.Message)})
		}
		if err := tw.render(bw, tb); err != nil {
			return err
		}
	}

	only := func(key string, places DiffPlaces) error {
		if len(places.OnlyOld)+len(places.OnlyNew) == 0 {
			return nil
		}
		heading(key, len(places.OnlyOld)+len(places.OnlyNew), "")
		tb := &table{header: []string{tr.s("diff.col.page"), tr.s("diff.col.why")}, flex: map[int]column{0: pathColumn, 1: wordsColumn}}
		for _, p := range places.OnlyOld {
			tb.rows = append(tb.rows, []string{p.URL, whyOnly(tr, p, "new")})
		}
		for _, p := range places.OnlyNew {
			tb.rows = append(tb.rows, []string{p.URL, whyOnly(tr, p, "old")})
		}
		return tw.render(bw, tb)
	}
	if err := only("diff.only", d.Pages); err != nil {
		return err
	}
	if d.Documents != nil {
		if err := only("diff.docs.only", d.Documents.DiffPlaces); err != nil {
			return err
		}
	}
	if len(d.RulesOnlyOld)+len(d.RulesOnlyNew) > 0 {
		heading("diff.rulesonly", -1, "")
		fmt.Fprintln(bw, tr.s("diff.rulesonly.intro"))
		if len(d.RulesOnlyOld) > 0 {
			fmt.Fprintf(bw, "  %s: %s\n", tr.s("diff.onlyold"), strings.Join(d.RulesOnlyOld, ", "))
		}
		if len(d.RulesOnlyNew) > 0 {
			fmt.Fprintf(bw, "  %s: %s\n", tr.s("diff.onlynew"), strings.Join(d.RulesOnlyNew, ", "))
		}
	}
	return bw.Flush()
}

// runText is "old.json, generated 2026-01-10T08:00:00Z" in the text view.
func runText(tr translator, r DiffRun) string {
	if r.GeneratedAt == "" {
		return tr.sf("diff.run.notime", r.File)
	}
	return tr.sf("diff.run", r.File, r.GeneratedAt)
}

// criterionTitle is the criterion's title in lang, or the one the results
// give, with "en" when it is not translated.
func criterionTitle(sc, title, lang string) (string, string) {
	c, ok := checks.LookupSC(sc)
	switch {
	case !ok && lang == "en":
		return title, ""
	case !ok:
		return title, "en"
	}
	if t := c.TitleIn(lang); lang == "en" || t != c.Title {
		return t, ""
	}
	return c.Title, "en"
}

func first(a, _ string) string { return a }

// siteRow is a finding of a site rule in the comparison.
type siteRow struct {
	Rule      string
	Title     string
	TitleLang string
	Change    string // fixed, new, still
	Finding   SiteFindingDiff
	Link      bool
}

func siteRows(d *Diff) []siteRow {
	var rows []siteRow
	for _, sd := range d.SiteResults {
		for _, k := range []struct {
			change string
			fs     []SiteFindingDiff
		}{{"new", sd.New}, {"fixed", sd.Fixed}, {"still", sd.Still}} {
			for _, f := range k.fs {
				rows = append(rows, siteRow{Rule: sd.Rule, Title: sd.Title, Change: k.change, Finding: f, Link: isWebURL(f.URL)})
			}
		}
	}
	return rows
}

// DiffHTMLWriter writes the comparison as one self-contained HTML page in
// the look of the HTML report (its stylesheet), in Lang (en, fi or sv).
// Location is the time zone the audits' times are shown in; nil for
// time.Local.
type DiffHTMLWriter struct {
	Lang     string
	Location *time.Location
}

// diffView is what templates/diff.html.tmpl renders.
type diffView struct {
	Lang      string
	Diff      *Diff
	Old, New  runView
	NewRows   []diffRow // new failures
	FixedRows []diffRow
	StillRows []diffRow
	NStill    int
	// The site findings counted in Diff.Summary's New, Fixed and Still,
	// listed under the whole site.
	SiteNew, SiteFixed, SiteStill int
	Changed                       []criterionDiffView
	PerCrit                       []criterionDiffView
	Site                          []siteRow
	OnlyOld                       []placeView
	OnlyNew                       []placeView
	DocsOnlyOld                   []placeView
	DocsOnlyNew                   []placeView
}

type runView struct {
	File, Time, TimeISO string
	Tool                Tool
	Audited             int
}

type criterionDiffView struct {
	CriterionDiff
	Title     string
	TitleLang string
}

type placeView struct {
	DiffPlace
	Link bool
	Why  string
}

// diffTableView is a table of new or fixed elements; diffPlacesView one of
// the pages of one audit only. ID names the anchors, Title and Caption are
// keys of the texts.
type diffTableView struct {
	ID, Caption string
	Rows        []diffRow
}

type diffPlacesView struct {
	ID, Title, Caption string
	Places             []placeView
}

// WriteDiff renders the page.
func (h DiffHTMLWriter) WriteDiff(w io.Writer, d *Diff) error {
	tr, err := diffTranslator(h.Lang)
	if err != nil {
		return fmt.Errorf("html: %w", err)
	}
	loc := h.Location
	if loc == nil {
		loc = time.Local
	}
	tmpl, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(tr.funcs())
	tmpl.Funcs(diffFuncs(tr))
	v := diffView{Lang: tr.lang, Diff: d,
		NewRows: diffRows(d, "new", tr.lang), FixedRows: diffRows(d, "fixed", tr.lang), StillRows: diffRows(d, "still", tr.lang),
		Site: siteRows(d)}
	for _, r := range v.StillRows {
		v.NStill += r.N
	}
	for _, sd := range d.SiteResults {
		v.SiteNew, v.SiteFixed, v.SiteStill = v.SiteNew+len(sd.New), v.SiteFixed+len(sd.Fixed), v.SiteStill+len(sd.Still)
	}
	for i, r := range []DiffRun{d.Old, d.New} {
		rv := runView{File: r.File, Tool: r.Tool, Audited: r.Audited}
		rv.Time, rv.TimeISO = formatTime(r.GeneratedAt, tr.lang, loc)
		if i == 0 {
			v.Old = rv
		} else {
			v.New = rv
		}
	}
	for i := range v.Site {
		v.Site[i].Title, v.Site[i].TitleLang = ruleTitle(&Report{Rules: []RuleInfo{{ID: v.Site[i].Rule, Title: v.Site[i].Title}}}, v.Site[i].Rule, tr.lang)
	}
	for _, c := range d.Criteria {
		cv := criterionDiffView{CriterionDiff: c}
		cv.Title, cv.TitleLang = criterionTitle(c.SC, c.Title, tr.lang)
		if c.Changed {
			v.Changed = append(v.Changed, cv)
		}
		if c.Fixed+c.New+c.Still > 0 {
			v.PerCrit = append(v.PerCrit, cv)
		}
	}
	places := func(ps []DiffPlace, other string) []placeView {
		var out []placeView
		for _, p := range ps {
			out = append(out, placeView{DiffPlace: p, Link: isWebURL(p.URL), Why: whyOnly(tr, p, other)})
		}
		return out
	}
	v.OnlyOld, v.OnlyNew = places(d.Pages.OnlyOld, "new"), places(d.Pages.OnlyNew, "old")
	if d.Documents != nil {
		v.DocsOnlyOld, v.DocsOnlyNew = places(d.Documents.OnlyOld, "new"), places(d.Documents.OnlyNew, "old")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := tmpl.ExecuteTemplate(bw, "diff.html.tmpl", v); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return bw.Flush()
}

// diffFuncs are the template functions of the comparison's page.
func diffFuncs(tr translator) map[string]any {
	return map[string]any{
		"match": func(m string) string { return tr.word("diff.match.", m) },
		"message": func(el ElementDiff) [2]string {
			msg, lang := nodeMessage(Node{Message: el.Message, Text: el.Text}, tr.lang)
			return [2]string{msg, lang}
		},
		"matchnote": func(els []ElementDiff) string { return matchNote(tr, els) },
		"rows": func(id, caption string, rows []diffRow) diffTableView {
			return diffTableView{ID: id, Caption: caption, Rows: rows}
		},
		"places": func(id, title, caption string, places []placeView) diffPlacesView {
			return diffPlacesView{ID: id, Title: title, Caption: caption, Places: places}
		},
	}
}
