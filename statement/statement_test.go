package statement

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"saavu/report"
	"saavu/review"
)

var update = flag.Bool("update", false, "rewrite golden files")

const dir = "../testdata/statement"

// now is the fixed clock of the tests: a week after the statement.
var now = time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)

func readReport(t *testing.T) *report.Report {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// input reads the fixed results, the filled review and org.yaml of
// testdata/statement.
func input(t *testing.T) (Input, *report.Report) {
	t.Helper()
	rep := readReport(t)
	ev, err := review.Collect(rep)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "review.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	w, _, err := review.Read(data, "review.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return Input{Org: readOrg(t, filepath.Join(dir, "org.yaml")), Worksheet: w, Evidence: ev, Tool: "saavu dev", Now: now}, rep
}

func readOrg(t *testing.T, path string) *Org {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o, err := ReadOrg(data, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./statement -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (if intended, run with -update and review the diff):\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  want: %.300q\n  got:  %.300q", i+1, x, y)
		}
	}
	return "(no difference)"
}

// TestStatementGolden writes the statement of the fixed results and the
// filled review in Finnish, Swedish and English, in every form.
func TestStatementGolden(t *testing.T) {
	in, rep := input(t)
	for _, lang := range review.Languages {
		st, err := Build(in, lang)
		if err != nil {
			t.Fatal(err)
		}
		outs := []struct {
			name  string
			write func(*bytes.Buffer) error
		}{
			{"statement." + lang + ".html", func(b *bytes.Buffer) error { return st.WriteHTML(b, false) }},
			{"statement." + lang + ".md", func(b *bytes.Buffer) error { return st.WriteMarkdown(b) }},
			{"statement." + lang + ".json", func(b *bytes.Buffer) error { return st.WriteJSON(b) }},
		}
		if lang == "fi" {
			outs = append(outs,
				struct {
					name  string
					write func(*bytes.Buffer) error
				}{"statement.fi.fragment.html", func(b *bytes.Buffer) error { return st.WriteHTML(b, true) }},
				struct {
					name  string
					write func(*bytes.Buffer) error
				}{"statement.fi.jsonld", func(b *bytes.Buffer) error { return report.EARLWriter{Eval: EARL(st, in)}.Write(b, rep) }},
			)
		}
		for _, o := range outs {
			var buf bytes.Buffer
			if err := o.write(&buf); err != nil {
				t.Fatalf("%s: %v", o.name, err)
			}
			golden(t, o.name, buf.Bytes())
		}
	}
}

// TestStatementContent checks what the model statement requires, on the
// statement of the fixed input.
func TestStatementContent(t *testing.T) {
	in, _ := input(t)
	fi, err := Build(in, "fi")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Status != Partial {
		t.Errorf("status %s, want partial", fi.Status)
	}
	if c := fi.Counts; c.Criteria != 49 || c.Fail != 7 || c.NoVerdict != 2 || c.NotApplicable != 8 || c.Pass != 32 || c.Applicable != 41 {
		t.Errorf("counts %+v", c)
	}
	var names []string
	for _, g := range fi.NonCompliance {
		names = append(names, g.Name)
	}
	if got := strings.Join(names, ", "); got != "Havaittava, Ymmärrettävä, Toimintavarma" {
		t.Errorf("principles %q", got)
	}
	if len(fi.Burden) != 1 || fi.Burden[0].Assessment == "" || len(fi.OutOfScope) != 1 || fi.OutOfScope[0].Exemption != "prerecordedMediaBefore2020" {
		t.Errorf("burden %+v, out of scope %+v", fi.Burden, fi.OutOfScope)
	}
	if fi.Authority.URL != "https://www.saavutettavuusvaatimukset.fi/" || fi.Feedback.ResponseDays != 14 {
		t.Errorf("authority %+v, response days %d: law fi defaults to Traficom and 14 days", fi.Authority, fi.Feedback.ResponseDays)
	}
	// Swedish titles of the WCAG 2.1 additions are marked unofficial.
	sv, err := Build(in, "sv")
	if err != nil {
		t.Fatal(err)
	}
	var html bytes.Buffer
	if err := sv.WriteHTML(&html, false); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Responsivitet</span> (inofficiell översättning)", "Tillgänglighetskrav som inte uppfylls", "Tillsynsmyndighetens kontaktuppgifter", "Möjlig att uppfatta", `<html lang="sv">`} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("the Swedish statement lacks %q", want)
		}
	}
	if strings.Contains(html.String(), "Innehåll som inte är text</span> (inofficiell") {
		t.Error("a WCAG 2.0 title is marked unofficial")
	}
	var frag bytes.Buffer
	if err := fi.WriteHTML(&frag, true); err != nil {
		t.Fatal(err)
	}
	if s := frag.String(); strings.Contains(s, "<html") || strings.Contains(s, "<head") || strings.Contains(s, "<h1") || !strings.HasPrefix(s, `<section class="accessibility-statement" lang="fi">`) {
		t.Errorf("the fragment is not a section to paste:\n%.300s", s)
	}
	var js bytes.Buffer
	if err := fi.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back["statementVersion"] != SchemaVersion || back["status"] != "partial" {
		t.Errorf("JSON: %v %v", err, back["statementVersion"])
	}
}

func TestStatus(t *testing.T) {
	docsOK := &Counts{Criteria: 45, Applicable: 45, Pass: 45}
	tests := []struct {
		name     string
		web      Counts
		docs     *Counts
		exempted int
		want     string
	}{
		{"every criterion passes", Counts{Criteria: 49, Applicable: 40, Pass: 40, NotApplicable: 9}, nil, 0, Full},
		{"passes, documents too", Counts{Applicable: 40, Pass: 40}, docsOK, 0, Full},
		{"one without a verdict", Counts{Applicable: 40, Pass: 39, NoVerdict: 1}, nil, 0, Partial},
		{"one failure", Counts{Applicable: 40, Pass: 39, Fail: 1}, nil, 0, Partial},
		{"an exemption", Counts{Applicable: 40, Pass: 40}, nil, 1, Partial},
		{"a document without a verdict", Counts{Applicable: 40, Pass: 40}, &Counts{Applicable: 45, NoVerdict: 45}, 0, Partial},
		{"documents fail everything", Counts{Applicable: 40, Pass: 40}, &Counts{Applicable: 45, Fail: 45}, 0, Partial},
		{"half fail", Counts{Applicable: 40, Pass: 20, Fail: 20}, nil, 0, Partial},
		{"more than half fail", Counts{Applicable: 40, Pass: 19, Fail: 21}, nil, 0, None},
		{"nothing applies", Counts{Criteria: 49, NotApplicable: 49}, nil, 0, Full},
	}
	for _, tt := range tests {
		if got := Status(tt.web, tt.docs, tt.exempted); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestEffective(t *testing.T) {
	tests := []struct {
		c    review.Criterion
		want string
	}{
		{review.Criterion{Verdict: review.Pass, Automated: review.Automated{Outcome: review.Failed}}, review.Pass},
		{review.Criterion{Automated: review.Automated{Outcome: review.Failed}}, review.Fail},
		{review.Criterion{Automated: review.Automated{Outcome: review.Passed}}, review.Pass}, // decided by the rules
		{review.Criterion{Automated: review.Automated{Outcome: review.NoProblemsFound}}, ""},
		{review.Criterion{Automated: review.Automated{Outcome: review.CantTell}}, ""},
		{review.Criterion{Automated: review.Automated{Outcome: review.Untested}}, ""},
	}
	for _, tt := range tests {
		if got := Effective(&tt.c); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.c, got, tt.want)
		}
	}
}

// TestWarnings: what the author must hear about, with an injected clock.
func TestWarnings(t *testing.T) {
	in, _ := input(t)
	warnings := func(in Input) string {
		st, err := Build(in, "en")
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(st.Warnings, "\n")
	}
	if w := warnings(in); strings.Contains(w, "12 months") {
		t.Errorf("a fresh review: %s", w)
	}
	late := in
	late.Now = time.Date(2027, 12, 4, 0, 0, 0, 0, time.UTC)
	if w := warnings(late); !strings.Contains(w, "last reviewed on 2026-12-03, more than 12 months ago") {
		t.Errorf("a year and a day later, no warning:\n%s", w)
	}
	org := *in.Org
	org.Feedback.URL = ""
	avi := Authority{Name: Text{"": "Etelä-Suomen aluehallintovirasto"}, Email: "saavutettavuus@avi.fi"}
	org.Authority = &avi
	noLink := in
	noLink.Org = &org
	w := warnings(noLink)
	for _, want := range []string{"feedback: no link", "names the Regional State Administrative Agency (AVI)"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	// A burden without its assessment, content out of scope without its
	// category.
	ws := *in.Worksheet
	ws.Criteria = append([]*review.Criterion(nil), ws.Criteria...)
	for i, c := range ws.Criteria {
		cc := *c
		switch c.SC {
		case "2.5.1":
			cc.Issues = []review.Issue{{Category: review.DisproportionateBurden, What: Text{"": "The map."}}}
		case "1.2.2":
			cc.Issues = []review.Issue{{Category: review.OutOfScope, What: Text{"": "Old videos."}}}
		}
		ws.Criteria[i] = &cc
	}
	bare := in
	bare.Worksheet = &ws
	w = warnings(bare)
	for _, want := range []string{
		"2.5.1: a disproportionate burden without an assessment reference",
		"2.5.1: a disproportionate burden without an accessible alternative",
		"1.2.2: content out of scope without its exemption category",
		"2 criteria have no verdict yet",
		"1 audited page(s) have no link to the accessibility statement",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}

// TestTemplate: the --init template makes a valid statement as a draft,
// and a real run names every example value left in it.
func TestTemplate(t *testing.T) {
	o, err := ReadOrg(Template(), "org.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Check("org.yaml", true); err != nil {
		t.Errorf("the template as a draft: %v", err)
	}
	err = o.Check("org.yaml", false)
	if err == nil {
		t.Fatal("the template's example values were accepted in a real run")
	}
	for _, want := range []string{"org.yaml:17: name is still the template's example value", "scope.sites[0]", "feedback.url", "feedback.email", "contact.address", "dates.prepared", "dates.reviewed", "--draft"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	in, _ := input(t)
	in.Org, in.Draft = o, true
	st, err := Build(in, "fi")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := st.WriteHTML(&buf, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Luonnos: tätä selostetta ei ole vielä julkaistu.") || !strings.Contains(buf.String(), "Malliniemen kunta") {
		t.Error("the draft statement of the template does not say it is a draft")
	}
	if err := readOrg(t, filepath.Join(dir, "org.yaml")).Check("org.yaml", false); err != nil {
		t.Errorf("the test organisation: %v", err)
	}
}

// TestOrgErrors: every problem of org.yaml is named with its line.
func TestOrgErrors(t *testing.T) {
	base, err := os.ReadFile(filepath.Join(dir, "org.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown field", "statementUrl:", "statementURL:", `line 14: field statementURL not found`},
		{"unknown law", "law: fi", "law: se", `org.yaml:2: law: "se" is not one of fi, eu`},
		{"text in an unknown language", "  en: Municipality of Esimerkki\n", "  de: Gemeinde Esimerkki\n", `"de" is not a language of the statement`},
		{"third party without an assessor", "  assessor: Saavutettavuuspalvelu Oy\n", "", "assessment.assessor: name the third party"},
		{"unknown method", "method: thirdParty", "method: audit", `assessment.method: "audit" is not self or thirdParty`},
		{"bad date", "prepared: 2026-12-03", "prepared: 3.12.2026", `dates.prepared: "3.12.2026" is not a date`},
		{"no feedback", "feedback:\n  url: https://www.esimerkkikunta.fi/palvelut/asiointi.html\n  email: saavutettavuus@esimerkkikunta.fi\n  phone: 09 123 4567\n", "", "feedback: give at least one way"},
		{"law eu without response days or authority", "law: fi", "law: eu", "responseDays: say within how many days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := strings.Replace(string(base), tt.old, tt.new, 1)
			if s == string(base) {
				t.Fatalf("the edit changed nothing")
			}
			o, err := ReadOrg([]byte(s), "org.yaml")
			if err == nil {
				err = o.Check("org.yaml", false)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestMessagesComplete(t *testing.T) {
	for _, lang := range review.Languages {
		for key := range messages["en"] {
			if _, ok := messages[lang][key]; !ok {
				t.Errorf("%s: no text for %q", lang, key)
			}
		}
		for key := range messages[lang] {
			if _, ok := messages["en"][key]; !ok {
				t.Errorf("%s: %q is not an English key", lang, key)
			}
		}
	}
}
