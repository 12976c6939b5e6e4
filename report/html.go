package report

import (
	"bytes"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"saavu/checks"
)

//go:embed templates/report.html.tmpl templates/report.css.tmpl
var templatesFS embed.FS

// htmlTmpl is parsed once; the translation functions are bound per Write
// with Clone, so concurrent writes in different languages do not race.
var htmlTmpl = template.Must(template.New("report.html.tmpl").
	Funcs(translator{lang: "en", msgs: messages["en"]}.funcs()).
	ParseFS(templatesFS, "templates/*.tmpl"))

// HTMLWriter writes the report as one self-contained HTML page for people:
// an overview, the verdict on each WCAG 2.1 A/AA success criterion, and the
// failures of each page with the elements, their HTML and a screenshot.
//
// Lang is the language of the report's own text: "en" (the default), "fi"
// or "sv". Rule titles, explanations and messages are in English.
type HTMLWriter struct {
	Lang string
}

// Write renders the report.
func (h HTMLWriter) Write(w io.Writer, r *Report) error {
	lang := h.Lang
	if lang == "" {
		lang = "en"
	}
	msgs, ok := messages[lang]
	if !ok {
		return fmt.Errorf("html report: unknown language %q (choose one of %s)", h.Lang, strings.Join(Languages, ", "))
	}
	tr := translator{lang: lang, msgs: msgs}
	tmpl, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(tr.funcs())
	// Render into a buffer so that a failure writes nothing half-done.
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, newHTMLView(r, tr)); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlView is what the template renders: the report arranged for reading.
type htmlView struct {
	Lang       string
	Report     *Report
	Target     string // the sites audited
	Time       string // generation time, formatted for the language
	TimeISO    string
	Audited    []pageView
	NotAudited []pageView
	Criteria   []criterionView
	Legend     []outcomeCount // criteria per outcome, with the outcome words explained
	Outcomes   []outcomeCount // failed/cantTell/passed result counts
}

type outcomeCount struct {
	Outcome string
	N       int
}

type pageView struct {
	ID        string // anchor
	URL       string
	Link      bool // URL is http(s), so it can be linked
	FinalURL  string
	FinalLink bool
	Title     string
	Status    int
	Type      string
	Error     string
	ErrorKind string
	Notes     []string
	Failed    []resultView
	Review    []resultView
	Other     []resultView // passed and inapplicable
	NFailed   int
	NReview   int
	NPassed   int
	NInapp    int
}

type resultView struct {
	ID      string // anchor
	Rule    string
	Title   string
	Summary string
	HelpURL string
	MainSC  string // the criterion HelpURL explains
	Outcome string
	Impact  string
	WCAG    []scView
	ACT     []string
	Passed  int
	Nodes   []nodeView // shown
	More    []nodeView // behind a <details>
	NNodes  int
}

type scView struct {
	SC, Title, TitleLang, Level, EN301549 string
}

type nodeView struct {
	N        int
	Outcome  string
	Selector string
	Snippet  string
	Message  string
	Shot     template.URL // a checked data:image/png URL, or empty
	ShotW    int
	ShotH    int
}

type criterionView struct {
	scView
	Outcome     string
	FailedPages int
	Rules       []string
}

// maxNodesShown is how many elements of a rule are listed before the rest
// go into a collapsed list.
const maxNodesShown = 10

func newHTMLView(r *Report, tr translator) htmlView {
	v := htmlView{Lang: tr.lang, Report: r, Target: target(r.Pages, tr)}
	v.Time, v.TimeISO = formatTime(r.GeneratedAt, tr.lang)
	for i, p := range r.Pages {
		pv := newPageView(r, p, fmt.Sprintf("page-%d", i+1), tr.lang)
		if p.Audited() {
			v.Audited = append(v.Audited, pv)
		} else {
			v.NotAudited = append(v.NotAudited, pv)
		}
	}
	counts := map[string]int{}
	for _, c := range r.Summary.Criteria {
		cv := criterionView{scView: newSCView(c.SC, tr.lang), Outcome: c.Outcome, FailedPages: c.FailedPages, Rules: c.Rules}
		if cv.Title == "" { // a criterion this build does not know: keep the report's words
			cv.Title, cv.Level, cv.EN301549 = c.Title, c.Level, c.EN301549
		}
		v.Criteria = append(v.Criteria, cv)
		counts[c.Outcome]++
	}
	for _, o := range criterionOutcomes {
		v.Legend = append(v.Legend, outcomeCount{o, counts[o]})
	}
	s := r.Summary
	v.Outcomes = []outcomeCount{{"failed", s.Failed}, {"cantTell", s.CantTell}, {"passed", s.Passed}}
	return v
}

// criterionOutcomes orders the criterion outcomes, worst first.
var criterionOutcomes = []string{"failed", "cantTell", "passed", "inapplicable", Untested}

func newPageView(r *Report, p Page, id, lang string) pageView {
	pv := pageView{
		ID: id, URL: p.URL, Link: isWebURL(p.URL), Title: strings.TrimSpace(p.Title), Status: p.Status, Type: p.ContentType,
		Error: p.Error, ErrorKind: p.ErrorKind, Notes: p.Notes,
	}
	if p.FinalURL != "" && p.FinalURL != p.URL {
		pv.FinalURL, pv.FinalLink = p.FinalURL, isWebURL(p.FinalURL)
	}
	for i, res := range p.Results {
		rv := newResultView(r, res, fmt.Sprintf("%s-r%d", id, i+1), lang)
		switch checks.Outcome(res.Outcome) {
		case checks.Failed:
			pv.Failed = append(pv.Failed, rv)
			pv.NFailed++
		case checks.CantTell:
			pv.Review = append(pv.Review, rv)
			pv.NReview++
		case checks.Passed:
			pv.Other = append(pv.Other, rv)
			pv.NPassed++
		default:
			pv.Other = append(pv.Other, rv)
			pv.NInapp++
		}
	}
	// Passed before inapplicable, each in rule order.
	slices.SortStableFunc(pv.Other, func(a, b resultView) int { return outcomeRank(b.Outcome) - outcomeRank(a.Outcome) })
	return pv
}

func newResultView(r *Report, res Result, id, lang string) resultView {
	rv := resultView{ID: id, Rule: res.Rule, Title: res.Rule, Outcome: res.Outcome, Impact: res.Impact, ACT: res.ACT, Passed: res.Passed, NNodes: len(res.Nodes)}
	if info, ok := r.Rule(res.Rule); ok {
		rv.Title, rv.Summary, rv.HelpURL = info.Title, info.Summary, info.HelpURL
	}
	if len(res.WCAG) > 0 {
		rv.MainSC = res.WCAG[0]
	}
	for _, sc := range res.WCAG {
		rv.WCAG = append(rv.WCAG, newSCView(sc, lang))
	}
	for i, n := range res.Nodes {
		nv := nodeView{N: i + 1, Outcome: n.Outcome, Selector: n.Selector, Snippet: n.Snippet, Message: n.Message}
		nv.Shot, nv.ShotW, nv.ShotH = screenshotURL(n.Screenshot)
		if i < maxNodesShown {
			rv.Nodes = append(rv.Nodes, nv)
		} else {
			rv.More = append(rv.More, nv)
		}
	}
	return rv
}

func newSCView(sc, lang string) scView {
	v := scView{SC: sc}
	if c, ok := checks.LookupSC(sc); ok {
		v.Title, v.Level, v.EN301549 = c.TitleIn(lang), c.Level, c.EN301549
		if lang != "en" && v.Title == c.Title {
			v.TitleLang = "en" // no translation: the English title
		}
	}
	return v
}

// pngPrefix is the only kind of screenshot the report shows.
const pngPrefix = "data:image/png;base64,"

// screenshotURL returns the screenshot as a URL the template may put in
// src, with its size, or "" when it is not a well-formed base64 PNG. The
// check matters: the URL comes from the JSON, and html/template would
// otherwise (rightly) refuse every data: URL.
func screenshotURL(s string) (template.URL, int, int) {
	if !strings.HasPrefix(s, pngPrefix) {
		return "", 0, 0
	}
	data, err := base64.StdEncoding.Strict().DecodeString(s[len(pngPrefix):])
	if err != nil {
		return "", 0, 0
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", 0, 0
	}
	return template.URL(pngPrefix + base64.StdEncoding.EncodeToString(data)), cfg.Width, cfg.Height
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// target names what was audited: the sites of the pages.
func target(pages []Page, tr translator) string {
	var hosts []string
	local := false
	for _, p := range pages {
		u, err := url.Parse(p.URL)
		if err != nil || u.Host == "" {
			local = true
			continue
		}
		if h := strings.ToLower(u.Host); !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	slices.Sort(hosts)
	if local {
		hosts = append(hosts, tr.msgs["target.local"])
	}
	const most = 3
	if len(hosts) > most {
		more, _ := tr.tn("target.more", len(hosts)-most)
		return strings.Join(hosts[:most], ", ") + " " + more
	}
	return strings.Join(hosts, ", ")
}

// formatTime formats an RFC 3339 time for the language, in UTC.
func formatTime(s, lang string) (text, iso string) {
	if s == "" {
		return "", ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s, ""
	}
	t = t.UTC()
	switch lang {
	case "fi":
		text = fmt.Sprintf("%d.%d.%d klo %d.%02d UTC", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
	case "sv":
		text = fmt.Sprintf("%d.%d.%d kl. %d.%02d UTC", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
	default:
		text = t.Format("2 January 2006, 15:04 UTC")
	}
	return text, t.Format(time.RFC3339)
}
