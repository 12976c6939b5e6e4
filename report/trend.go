package report

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"time"

	"saavu/checks"
)

// Trend is how the failures per criterion went over earlier audits of the
// site and this one (`saavu report --trend`): the runs in time order, the
// last being the report's own.
type Trend struct {
	Runs []TrendRun `json:"runs"` // oldest first
	// Criteria are those that failed in at least one run, in WCAG order.
	Criteria []TrendCriterion `json:"criteria"`
}

// TrendRun is one audit of a trend.
type TrendRun struct {
	File        string `json:"file"` // as given
	GeneratedAt string `json:"generatedAt"`
	Audited     int    `json:"audited"` // pages audited
	Failed      int    `json:"failed"`  // page × rule results that failed
}

// TrendCriterion is a criterion's failed pages (Criterion.FailedPages)
// in each run, in the order of Trend.Runs.
type TrendCriterion struct {
	SC          string `json:"sc"`
	Title       string `json:"title"`
	FailedPages []int  `json:"failedPages"`
}

// NewTrend builds the trend of runs, which must be in time order: their
// generatedAt set and ascending (equal times are refused too: which came
// first is not known), and of one standard.
func NewTrend(runs []Part) (*Trend, error) {
	if len(runs) < 2 {
		return nil, fmt.Errorf("a trend needs at least two results files, the oldest first")
	}
	var last time.Time
	std := runs[0].Report.Std()
	for i, p := range runs {
		t, err := time.Parse(time.RFC3339, p.Report.GeneratedAt)
		if err != nil {
			return nil, fmt.Errorf("%s: no generatedAt time, so its place in the trend is not known", p.Name)
		}
		if i > 0 && !t.After(last) {
			return nil, fmt.Errorf("%s (%s) is not later than %s (%s): give the results files of a trend oldest first",
				p.Name, p.Report.GeneratedAt, runs[i-1].Name, runs[i-1].Report.GeneratedAt)
		}
		last = t
		if other := p.Report.Std(); other != std {
			return nil, fmt.Errorf("%w: %s against %s and %s against %s", ErrMixedStandards, runs[0].Name, std, p.Name, other)
		}
	}
	tr := &Trend{Criteria: []TrendCriterion{}}
	by := map[string]*TrendCriterion{}
	for i, p := range runs {
		s := p.Report.Summary
		tr.Runs = append(tr.Runs, TrendRun{File: p.Name, GeneratedAt: p.Report.GeneratedAt, Audited: s.Audited, Failed: s.Failed})
		for _, c := range s.Criteria {
			if c.FailedPages == 0 {
				continue
			}
			tc := by[c.SC]
			if tc == nil {
				tc = &TrendCriterion{SC: c.SC, Title: c.Title, FailedPages: make([]int, len(runs))}
				by[c.SC] = tc
			}
			tc.FailedPages[i] = c.FailedPages
		}
	}
	for _, tc := range by {
		tr.Criteria = append(tr.Criteria, *tc)
	}
	slices.SortFunc(tr.Criteria, func(a, b TrendCriterion) int { return checks.CompareSC(a.SC, b.SC) })
	return tr, nil
}

// trendView is the trend as the HTML report shows it: a chart of the
// failed tests per audit, and a table of the numbers with a small chart
// per criterion. The charts are inline SVG, drawn without colour cues:
// every point has a marker and its value written beside it, and the
// table holds every number the charts show.
type trendView struct {
	Runs  []trendRunView
	Chart template.HTML
	Rows  []trendRowView
}

type trendRunView struct {
	TrendRun
	Label, ISO string // the date in the report's language; the time in UTC
}

type trendRowView struct {
	SC, Title, TitleLang string
	Values               []int
	Spark                template.HTML
}

func newTrendView(t *Trend, lang string, loc *time.Location) *trendView {
	if t == nil {
		return nil
	}
	v := &trendView{}
	var totals []int
	var labels []string
	for _, r := range t.Runs {
		rv := trendRunView{TrendRun: r}
		if tm, err := time.Parse(time.RFC3339, r.GeneratedAt); err == nil {
			rv.ISO = tm.UTC().Format(time.RFC3339)
			tm = tm.In(loc)
			if lang == "en" {
				rv.Label = tm.Format("2 Jan 2006")
			} else {
				rv.Label = fmt.Sprintf("%d.%d.%d", tm.Day(), tm.Month(), tm.Year())
			}
		}
		v.Runs = append(v.Runs, rv)
		totals = append(totals, r.Failed)
		labels = append(labels, rv.Label)
	}
	v.Chart = lineChart(totals, labels, 640, 220, true)
	for _, c := range t.Criteria {
		title, titleLang := criterionTitle(c.SC, c.Title, lang)
		v.Rows = append(v.Rows, trendRowView{SC: c.SC, Title: title, TitleLang: titleLang, Values: c.FailedPages,
			Spark: lineChart(c.FailedPages, nil, 160, 48, false)})
	}
	return v
}

// lineChart draws values as a line with a square marker and the value
// written at each point, and the labels (dates) under the axis when
// given. A large chart is an image described by the figure's caption
// (figcaption#trend-fig); a small one repeats its table row and is hidden
// from screen readers.
func lineChart(values []int, labels []string, w, h int, large bool) template.HTML {
	top, bottom, side := 18, 6, 12
	if labels != nil {
		bottom, side = 28, 44 // room for the dates under the first and last points
	}
	maxV := 1
	for _, n := range values {
		maxV = max(maxV, n)
	}
	plotW, plotH := w-2*side, h-top-bottom
	x := func(i int) int {
		if len(values) < 2 {
			return side + plotW/2
		}
		return side + i*plotW/(len(values)-1)
	}
	y := func(n int) int { return top + plotH - n*plotH/maxV }
	var b strings.Builder
	if large {
		fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="trend-fig" viewBox="0 0 %d %d" width="%d" height="%d">`, w, h, w, h)
	} else {
		fmt.Fprintf(&b, `<svg class="spark" aria-hidden="true" focusable="false" viewBox="0 0 %d %d" width="%d" height="%d">`, w, h, w, h)
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, side-8, top+plotH, w-side+8, top+plotH)
	var pts []string
	for i, n := range values {
		pts = append(pts, fmt.Sprintf("%d,%d", x(i), y(n)))
	}
	fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(pts, " "))
	for i, n := range values {
		fmt.Fprintf(&b, `<rect class="mark" x="%d" y="%d" width="7" height="7"/>`, x(i)-3, y(n)-3)
		fmt.Fprintf(&b, `<text class="val" x="%d" y="%d" text-anchor="middle">%d</text>`, x(i), y(n)-7, n)
		if i < len(labels) {
			fmt.Fprintf(&b, `<text class="lab" x="%d" y="%d" text-anchor="middle">%s</text>`, x(i), h-8, html.EscapeString(labels[i]))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
