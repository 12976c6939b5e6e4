package review

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// resultsFile is the fixed results of the statement tests: a sampled crawl
// of testdata/statementsite (see testdata/statement/README.md).
const resultsFile = "../testdata/statement/results.json"

func readResults(t *testing.T) *report.Report {
	t.Helper()
	f, err := os.Open(resultsFile)
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

func evidence(t *testing.T, rep *report.Report) *Evidence {
	t.Helper()
	ev, err := Collect(rep)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func build(t *testing.T, ev *Evidence, law, lang string) *Worksheet {
	t.Helper()
	w, err := Build(ev, Options{Law: law, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "statement", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./review -update to create it)", err)
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

func TestProfile(t *testing.T) {
	tests := []struct {
		law, wcag string
		n         int
		without   []string
		with      []string
	}{
		{LawEU, "2.1", 50, nil, []string{"1.2.4", "4.1.1"}},
		{LawFI, "2.1", 49, []string{"1.2.4"}, []string{"4.1.1"}},
		{LawEU, "2.2", 55, []string{"4.1.1", "2.4.12"}, wcag22Added},
		{LawFI, "2.2", 54, []string{"1.2.4", "4.1.1"}, []string{"3.3.8"}},
	}
	for _, tt := range tests {
		ps, err := Profile(tt.law, tt.wcag)
		if err != nil {
			t.Fatal(err)
		}
		var scs []string
		for _, c := range ps {
			scs = append(scs, c.SC)
		}
		if len(scs) != tt.n {
			t.Errorf("%s/%s: %d criteria, want %d", tt.law, tt.wcag, len(scs), tt.n)
		}
		for _, sc := range tt.without {
			if slices.Contains(scs, sc) {
				t.Errorf("%s/%s has %s", tt.law, tt.wcag, sc)
			}
		}
		for _, sc := range tt.with {
			if !slices.Contains(scs, sc) {
				t.Errorf("%s/%s lacks %s", tt.law, tt.wcag, sc)
			}
		}
	}
	if _, err := Profile("se", "2.1"); err == nil {
		t.Error("unknown law accepted")
	}
}

// TestProcedures: every criterion any profile lists has a procedure
// with what to check and what fails, in every language, and only known
// page features.
func TestProcedures(t *testing.T) {
	all, _ := Profile(LawEU, "2.2")
	all21, _ := Profile(LawEU, "2.1")
	all = append(all, all21...)
	for _, c := range all {
		p, ok := ProcedureFor(c.SC)
		if !ok {
			t.Errorf("%s: no procedure in procedures.yaml", c.SC)
			continue
		}
		for _, lang := range Languages {
			if n := len(strings.Fields(p.How[lang])); n < 25 {
				t.Errorf("%s: how.%s has %d words: say what to do, with which tool, and what fails", c.SC, lang, n)
			}
			if strings.TrimSpace(p.Fails[lang]) == "" {
				t.Errorf("%s: no fails.%s", c.SC, lang)
			}
		}
		if len(p.Pages) == 0 {
			t.Errorf("%s: no pages", c.SC)
		}
		for _, f := range p.Pages {
			if _, ok := features[f]; !ok && f != featureAll {
				t.Errorf("%s: unknown page feature %q", c.SC, f)
			}
		}
	}
	if len(procedures) != 56 {
		t.Errorf("%d procedures, want the 50 WCAG 2.1 A/AA criteria and the 6 WCAG 2.2 additions", len(procedures))
	}
	for _, lang := range Languages {
		if DocumentsProcedure(lang) == "" {
			t.Errorf("no documents procedure in %s", lang)
		}
	}
	for f, rules := range features {
		for _, id := range rules {
			if _, err := checks.Lookup([]string{id}); err != nil {
				t.Errorf("feature %s: %v", f, err)
			}
		}
	}
}

// TestTitles checks the titles against the research data
// (standards/wcag21.json): the Swedish titles of the twelve WCAG 2.1
// additions have no authorised translation.
func TestTitles(t *testing.T) {
	unofficialSv := []string{"1.3.4", "1.3.5", "1.4.10", "1.4.11", "1.4.12", "1.4.13", "2.1.4", "2.5.1", "2.5.2", "2.5.3", "2.5.4", "4.1.3"}
	ps, _ := Profile(LawEU, "2.1")
	for _, c := range ps {
		if got, want := UnofficialTitle(c, "sv"), slices.Contains(unofficialSv, c.SC); got != want {
			t.Errorf("%s: unofficial Swedish title %v, want %v", c.SC, got, want)
		}
		if UnofficialTitle(c, "fi") {
			t.Errorf("%s: Finnish title marked unofficial", c.SC)
		}
		if _, lang := TitleIn(c, "fi"); lang != "fi" {
			t.Errorf("%s: no Finnish title", c.SC)
		}
	}
	c, _ := checks.LookupSC("2.5.8")
	if title, lang := TitleIn(c, "fi"); lang != "fi" || title != "Kohteen koko (minimi)" || !UnofficialTitle(c, "fi") {
		t.Errorf("2.5.8 in Finnish: %q (%s), want saavu's own translation, marked unofficial", title, lang)
	}
	c, _ = checks.LookupSC("2.4.12") // AAA: no translation
	if title, lang := TitleIn(c, "fi"); lang != "en" || title != c.Title {
		t.Errorf("2.4.12 in Finnish: %q (%s), want the English title marked en", title, lang)
	}
	if got := DocumentClause(mustSC(t, "1.1.1")); got != "10.1.1.1" {
		t.Errorf("document clause of 1.1.1: %q", got)
	}
	if got := DocumentClause(mustSC(t, "2.4.1")); got != "" {
		t.Errorf("document clause of 2.4.1 (void): %q", got)
	}
}

func mustSC(t *testing.T, sc string) checks.Criterion {
	c, ok := checks.LookupSC(sc)
	if !ok {
		t.Fatalf("no criterion %s", sc)
	}
	return c
}

func TestEvidence(t *testing.T) {
	ev := evidence(t, readResults(t))
	if len(ev.Pages) != 5 || len(ev.NotRun) != 0 {
		t.Fatalf("%d pages, not run %v", len(ev.Pages), ev.NotRun)
	}
	tests := []struct {
		sc, outcome   string
		failed, items int
	}{
		{"1.1.1", Failed, 1, 0},
		{"1.4.10", Failed, 5, 0},
		{"3.1.1", CantTell, 0, 5}, // decided by the rules, but each page has an item
		{"2.4.2", NoProblemsFound, 0, 0},
		{"1.3.2", Untested, 0, 0},
	}
	for _, tt := range tests {
		c := ev.Criterion(tt.sc)
		if c.Outcome != tt.outcome || len(c.Failed) != tt.failed || len(c.Items) != tt.items {
			t.Errorf("%s: %s, %d failed, %d items; want %s, %d, %d", tt.sc, c.Outcome, len(c.Failed), len(c.Items), tt.outcome, tt.failed, tt.items)
		}
	}
	if ev.StatementLink == nil || !slices.Equal(ev.Refs(ev.StatementLink.Without), []string{"/uutiset"}) {
		t.Errorf("statement link: %+v", ev.StatementLink)
	}
	forms := ev.CheckOn("3.3.1")
	if got := ev.Refs(forms.Pages); !slices.Equal(got, []string{"/palvelut/asiointi.html"}) || forms.Unknown {
		t.Errorf("3.3.1 is checked on %v (unknown %v), want the page with the form", got, forms.Unknown)
	}
	if media := ev.CheckOn("1.2.2"); len(media.Pages) != 0 || media.Unknown {
		t.Errorf("1.2.2 is checked on %v: no audited page has media", ev.Refs(media.Pages))
	}
	if all := ev.CheckOn("2.4.2"); len(all.Pages) != 5 || !all.All() {
		t.Errorf("2.4.2 is checked on %v, want every page", ev.Refs(all.Pages))
	}
	if got := ev.Sections([]int{0, 1, 3}); !slices.Equal(got, []string{"/", "/palvelut", "/uutiset"}) {
		t.Errorf("sections %v", got)
	}
}

// TestWorksheetGolden writes the worksheet of the fixed results and its
// views, and reads the worksheet back unchanged.
func TestWorksheetGolden(t *testing.T) {
	ev := evidence(t, readResults(t))
	for _, tt := range []struct{ law, lang string }{{LawFI, "fi"}, {LawFI, "sv"}, {LawEU, "en"}} {
		w := build(t, ev, tt.law, tt.lang)
		var buf bytes.Buffer
		if err := w.Write(&buf); err != nil {
			t.Fatal(err)
		}
		name := "review." + tt.law + "." + tt.lang
		golden(t, name+".yaml", buf.Bytes())
		back, _, err := Read(buf.Bytes(), name+".yaml")
		if err != nil {
			t.Fatalf("read back: %v", err)
		}
		var again bytes.Buffer
		if err := back.Write(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Errorf("%s: reading and writing changes it:\n%s", name, firstDiff(buf.Bytes(), again.Bytes()))
		}
		for _, view := range Views {
			var v bytes.Buffer
			if err := back.WriteView(&v, view); err != nil {
				t.Fatal(err)
			}
			golden(t, name+"."+view, v.Bytes())
		}
	}
}

// fill edits the worksheet text as a person would: in the entry of
// criterion sc, it replaces the first old after the entry starts.
func fill(t *testing.T, yaml, sc, old, new string) string {
	t.Helper()
	start := strings.Index(yaml, "\n  - sc: "+sc+"\n")
	if start < 0 {
		t.Fatalf("no criterion %s", sc)
	}
	i := strings.Index(yaml[start:], old)
	if i < 0 {
		t.Fatalf("criterion %s: no %q", sc, old)
	}
	i += start
	return yaml[:i] + new + yaml[i+len(old):]
}

const emptyVerdict = "verdict: # pass, fail or notApplicable\n"

// filled is the English worksheet of the fixed results as a person filled
// it in, with comments of their own.
func filled(t *testing.T) []byte {
	ev := evidence(t, readResults(t))
	var buf bytes.Buffer
	if err := build(t, ev, LawFI, "en").Write(&buf); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	s = fill(t, s, "1.1.1", emptyVerdict, "verdict: fail # the logo\n")
	s = fill(t, s, "1.1.1", "issues: []\n", "# Agreed with the web team on 3 March.\n    issues:\n      - what: The municipality's logo on the front page has no text alternative.\n        where: {fi: Etusivu, en: Front page}\n        fixBy: 2027-03\n")
	s = fill(t, s, "1.4.3", emptyVerdict, "verdict: fail\n")
	s = fill(t, s, "1.4.3", "notes:\n", "notes: The news banner and the grey dates.\n")
	s = fill(t, s, "2.4.2", emptyVerdict, "verdict: pass\n")
	s = fill(t, s, "3.1.1", emptyVerdict, "verdict: pass\n")
	s = fill(t, s, "3.1.1", "confirm: # pass or fail\n        notes:\n", "confirm: pass\n        notes: All Finnish.\n")
	s = fill(t, s, "3.1.1", "page: /yhteystiedot.html\n        rule: html-lang-matches-content\n        element: html\n", "page: /yhteystiedot.html\n        rule: html-lang-matches-content\n        element: html\n        # The address is partly in English.\n")
	s = fill(t, s, "1.2.2", emptyVerdict, "verdict: notApplicable\n")
	return []byte(s)
}

// TestUpdateKeepsWhatAPersonWrote is the round trip: a filled worksheet
// updated with newer results keeps every verdict, note, issue,
// confirmation and comment, takes the new evidence, marks the verdicts
// whose evidence changed, and says what changed.
func TestUpdateKeepsWhatAPersonWrote(t *testing.T) {
	old := filled(t)
	if _, _, err := Read(old, "review.yaml"); err != nil {
		t.Fatalf("the filled worksheet is not valid: %v", err)
	}
	// Newer results: the logo got its alt text, the contact page got a
	// contrast failure, the front page's language item moved (another
	// selector, same snippet), and the contact page's item is gone.
	rep := readResults(t)
	for i := range rep.Pages {
		p := &rep.Pages[i]
		for j := range p.Results {
			res := &p.Results[j]
			switch {
			case res.Rule == "image-alt" && strings.HasSuffix(p.URL, ".fi/"):
				res.Outcome, res.Nodes, res.Passed = "passed", nil, 1
			case res.Rule == "color-contrast" && strings.HasSuffix(p.URL, "/yhteystiedot.html"):
				res.Outcome = "failed"
				res.Nodes = append(res.Nodes, report.Node{Outcome: "failed", Selector: "#sisalto > p", Snippet: "<p>Esimerkkikunta, Kuntatie 1</p>", Message: "Contrast is 3.1:1."})
			case res.Rule == "html-lang-matches-content" && strings.HasSuffix(p.URL, ".fi/"):
				res.Nodes[0].Selector = "html:root"
			case res.Rule == "html-lang-matches-content" && strings.HasSuffix(p.URL, "/yhteystiedot.html"):
				res.Outcome, res.Nodes = "passed", nil
			}
		}
	}
	newer := report.Rebuild(report.Meta{Version: "dev", GeneratedAt: "2027-11-30T10:00:00Z"}, rep.Rules, rep.Pages)
	newer.Documents, newer.Sample = rep.Documents, rep.Sample
	ev := evidence(t, newer)
	u, err := Update(old, "review.yaml", ev)
	if err != nil {
		t.Fatal(err)
	}
	if u.Problems != nil {
		t.Fatalf("problems after the update: %v", u.Problems)
	}
	got := string(u.Data)
	for _, want := range []string{
		"verdict: fail # the logo\n",
		"# Agreed with the web team on 3 March.\n",
		"where: {fi: Etusivu, en: Front page}\n",
		"notes: The news banner and the grey dates.\n",
		"notes: All Finnish.\n",
		"# The address is partly in English.\n",
		"generatedAt: \"2027-11-30T10:00:00Z\"",
		"recheck: 'failed on 1 page then, no problems found now: re-check'\n",
		"recheck: 'failed on 1 page then, failed on 2 pages now: re-check'\n",
		"element: html:root\n",
		"gone: 'not found in the newer results: remove this item once you have read your notes'\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the updated worksheet lacks %q", want)
		}
	}
	w := u.Worksheet
	c := w.Criterion("1.1.1")
	if c.Verdict != Fail || c.Automated.Outcome != NoProblemsFound || c.Recheck == "" || len(c.Issues) != 1 || c.Issues[0].FixBy != "2027-03" {
		t.Errorf("1.1.1 after the update: %+v", c)
	}
	if c := w.Criterion("2.4.2"); c.Recheck != "" || c.Verdict != Pass {
		t.Errorf("2.4.2, whose evidence did not change: %+v", c)
	}
	lang := w.Criterion("3.1.1")
	if len(lang.Items) != 5 || lang.Items[0].Confirm != Pass || lang.Items[0].Element != "html:root" {
		t.Errorf("3.1.1 items: %+v", lang.Items)
	}
	last := lang.Items[len(lang.Items)-1]
	if last.Page != "/yhteystiedot.html" || last.Gone == "" {
		t.Errorf("the item a person commented on should stay, marked gone: %+v", last)
	}
	changes := strings.Join(u.Changes, "\n")
	for _, want := range []string{
		"1.1.1: failed on 1 page then, no problems found now: verdict fail marked for re-check",
		"1.4.3: failed on 1 page then, failed on 2 pages now: verdict fail marked for re-check",
		"3.1.1: 1 item(s) no longer found, kept as gone because you wrote on them",
	} {
		if !strings.Contains(changes, want) {
			t.Errorf("changes lack %q:\n%s", want, changes)
		}
	}
	// Updating again with the same results changes nothing more.
	again, err := Update(u.Data, "review.yaml", ev)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Data, u.Data) {
		t.Errorf("a second update changed the file:\n%s", firstDiff(u.Data, again.Data))
	}
}

// TestValidation: every problem a worksheet can have is reported with
// its line, and all of them at once.
func TestValidation(t *testing.T) {
	base := filled(t)
	lineOf := func(s, sub string) int {
		i := strings.Index(s, sub)
		if i < 0 {
			t.Fatalf("no %q", sub)
		}
		return strings.Count(s[:i], "\n") + 1
	}
	tests := []struct {
		name     string
		edit     func(string) string
		at, want string // the line (found by its text after the edit) and the message
	}{
		{"unknown verdict", func(s string) string { return fill(t, s, "2.4.2", "verdict: pass\n", "verdict: passes\n") },
			"verdict: passes", `criterion 2.4.2: verdict: "passes" is not a verdict (choose one of pass, fail, notApplicable)`},
		{"unknown criterion", func(s string) string { return strings.Replace(s, "  - sc: 1.3.2\n", "  - sc: 1.3.9\n", 1) },
			"- sc: 1.3.9", `unknown criterion "1.3.9"`},
		{"criterion of another law", func(s string) string { return strings.Replace(s, "  - sc: 1.2.1\n", "  - sc: 1.2.4\n", 1) },
			"- sc: 1.2.4", `unknown criterion "1.2.4"`},
		{"unknown category", func(s string) string {
			return fill(t, s, "1.1.1", "      - what:", "      - category: minor\n        what:")
		},
			"category: minor", `"minor" is not a category (choose one of nonCompliance, disproportionateBurden, outOfScope)`},
		{"unknown exemption", func(s string) string {
			return fill(t, s, "1.1.1", "      - what:", "      - category: outOfScope\n        exemption: oldStuff\n        what:")
		}, "exemption: oldStuff", `"oldStuff" is not a exemption of the Web Accessibility Directive art. 1(4)`},
		{"exemption without outOfScope", func(s string) string {
			return fill(t, s, "1.1.1", "      - what:", "      - exemption: maps\n        what:")
		}, "- exemption: maps", "an exemption is given, but the category is nonCompliance"},
		{"pass with automated failures and no note", func(s string) string { return fill(t, s, "1.4.10", emptyVerdict, "verdict: pass\n") },
			"verdict: pass\n    notes:\n    issues: []\n    items: []\n  - sc: 1.4.11", "criterion 1.4.10: verdict pass, but the automated rules failed on 5 page(s): say in notes why"},
		{"pass with an item confirmed as fail", func(s string) string {
			return fill(t, s, "3.1.1", "confirm: # pass or fail\n", "confirm: fail\n")
		}, "verdict: pass\n    notes:\n    issues: []\n    items:\n      - page: /\n", "criterion 3.1.1: verdict pass, but 1 item(s) are confirmed as fail"},
		{"unknown confirmation", func(s string) string { return fill(t, s, "3.1.1", "confirm: pass\n", "confirm: ok\n") },
			"confirm: ok", `"ok" is not a confirmation (choose one of pass, fail)`},
		{"misspelt field", func(s string) string { return fill(t, s, "1.4.3", "notes: The news", "note: The news") },
			"note: The news", `unknown field "note" in criterion 1.4.3`},
		{"bad date", func(s string) string { return fill(t, s, "1.1.1", "fixBy: 2027-03", "fixBy: next spring") },
			"fixBy: next spring", `"next spring" is not a date: write YYYY-MM-DD or YYYY-MM`},
		{"text in an unknown language", func(s string) string { return fill(t, s, "1.1.1", "{fi: Etusivu,", "{de: Startseite,") },
			"{de: Startseite,", `unknown field "de"`},
		{"list where a value belongs", func(s string) string { return fill(t, s, "1.4.3", "verdict: fail\n", "verdict: [fail]\n") },
			"verdict: [fail]", "verdict: expected a value, found a list"},
		{"criterion twice", func(s string) string {
			return strings.Replace(s, "  - sc: 1.3.2\n", "  - sc: 1.3.1\n", 1)
		}, "  - sc: 1.3.1\n    title: Meaningful", "criterion 1.3.1 is listed twice"},
		{"unknown law", func(s string) string { return strings.Replace(s, "law: fi\n", "law: se\n", 1) },
			"law: se", `law: "se" is not a law (choose one of fi, eu)`},
		{"newer format", func(s string) string { return strings.Replace(s, `saavuReview: "1"`, `saavuReview: "9"`, 1) },
			`saavuReview: "9"`, `version "9" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.edit(string(base))
			_, _, err := Read([]byte(s), "review.yaml")
			inv := AsInvalid(err)
			if inv == nil {
				t.Fatalf("no problem reported (err %v)", err)
			}
			line := lineOf(s, tt.at)
			found := false
			for _, p := range inv.Problems {
				if strings.Contains(p.Msg, tt.want) {
					found = true
					if p.Line != line {
						t.Errorf("reported on line %d, want %d: %s", p.Line, line, p.Msg)
					}
				}
			}
			if !found {
				t.Errorf("no problem says %q; got:\n%v", tt.want, err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("review.yaml:%d: ", line)) {
				t.Errorf("the error does not name file and line %d:\n%v", line, err)
			}
		})
	}
	// Several problems are all reported, in line order.
	s := fill(t, string(base), "2.4.2", "verdict: pass\n", "verdict: maybe\n")
	s = fill(t, s, "1.4.3", "verdict: fail\n", "verdict: sometimes\n")
	_, _, err := Read([]byte(s), "review.yaml")
	if inv := AsInvalid(err); inv == nil || len(inv.Problems) != 2 || inv.Problems[0].Line > inv.Problems[1].Line {
		t.Errorf("two problems in line order, got %v", err)
	}
	// Not YAML at all: the error names the line.
	_, _, err = Read([]byte("saavuReview: \"1\"\ncriteria:\n  - sc: 1.1.1\n   verdict: pass\n"), "review.yaml")
	if err == nil || AsInvalid(err) != nil || !strings.Contains(err.Error(), "review.yaml: line ") {
		t.Errorf("a YAML syntax error: %v", err)
	}
}

func TestMessagesComplete(t *testing.T) {
	for _, lang := range Languages {
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
		for _, e := range Exemptions {
			if _, ok := messages[lang]["exemption."+e]; !ok {
				t.Errorf("%s: no name for the exemption %s", lang, e)
			}
		}
	}
}

func TestMatchItems(t *testing.T) {
	old := []Item{
		{Rule: "r", Page: "/a", Element: "#x", Snippet: "<p>x</p>"},
		{Rule: "r", Page: "/a", Element: "#y", Snippet: "<p>y</p>"},
		{Rule: "r", Page: "/b", Element: "#z", Snippet: "<p>z</p>"},
	}
	new := []Item{
		{Rule: "r", Page: "https://other.host/a", Element: "#y", Snippet: "<p>y</p>"}, // same, another host
		{Rule: "r", Page: "/a", Element: "#moved", Snippet: "<p>x</p>"},               // same snippet
		{Rule: "r", Page: "/b", Element: "#z", Snippet: "<p>changed</p>"},             // same selector
		{Rule: "q", Page: "/b", Element: "#z", Snippet: "<p>z</p>"},                   // another rule
	}
	if got := matchItems(old, new); !slices.Equal(got, []int{1, 0, 2, -1}) {
		t.Errorf("matches %v", got)
	}
}

// TestWCAG22: results audited against EN 301 549 V4.1.1 (WCAG 2.2) get
// the 2.2 criteria of levels A and AA, without 4.1.1, with procedures,
// saavu's own titles and the V4.1.1 clauses.
func TestWCAG22(t *testing.T) {
	rep := readResults(t)
	rep.Standard = report.StandardOf(checks.EN301549V411)
	w := build(t, evidence(t, rep), LawFI, "fi")
	if len(w.Criteria) != 54 || w.Criterion("4.1.1") != nil || w.Standard != "EN 301 549 V4.1.1" {
		t.Fatalf("%s: %d criteria, 4.1.1 %v", w.Standard, len(w.Criteria), w.Criterion("4.1.1"))
	}
	c := w.Criterion("2.5.8")
	if c == nil || c.Title != "Kohteen koko (minimi)" || c.HowToCheck == "" || c.Clause != "9.2.5.8" {
		t.Errorf("2.5.8: %+v", c)
	}
	if c := w.Criterion("1.1.1"); c == nil || c.Clause != "9.1.1.1" {
		t.Errorf("1.1.1: %+v", c)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Read(buf.Bytes(), "review.yaml"); err != nil {
		t.Errorf("a WCAG 2.2 worksheet does not read back: %v", err)
	}
}

// TestEvidenceNotRun: the audit is partial when its rules were narrowed
// down by hand (--rules, --skip-rules, --disable), or the results do not
// say how they were chosen; a default rule that the saavu which made the
// results did not have yet does not make them partial.
func TestEvidenceNotRun(t *testing.T) {
	rep := readResults(t)
	missing := rep.Rules[0].ID // as if that saavu had not had it
	rep.Rules = rep.Rules[1:]
	tests := []struct {
		name     string
		sel      *report.RuleSelection
		disabled []report.DisabledRule
		partial  bool
	}{
		{"default rules of an older saavu", &report.RuleSelection{}, nil, false},
		{"--skip-rules", &report.RuleSelection{Skip: []string{missing}}, nil, true},
		{"--rules", &report.RuleSelection{Only: []string{"image-alt"}}, nil, true},
		{"--disable", &report.RuleSelection{}, []report.DisabledRule{{ID: missing, Reason: "r"}}, true},
		{"results that do not say", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep.RuleSelection, rep.DisabledRules = tt.sel, tt.disabled
			ev := evidence(t, rep)
			if got := slices.Contains(ev.NotRun, missing); got != tt.partial {
				t.Errorf("%s not run: %v, want %v (not run: %v)", missing, got, tt.partial, ev.NotRun)
			}
		})
	}
}

// TestEvidenceSite: what the site rules found counts for their criteria,
// on the pages their findings name.
func TestEvidenceSite(t *testing.T) {
	f, err := os.Open("../testdata/golden/report.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := report.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	ev := evidence(t, rep)
	tests := []struct {
		sc, outcome   string
		failed, items []string
	}{
		{"3.2.3", Failed, []string{"/asuminen/jatehuolto"}, nil},
		{"3.2.4", CantTell, nil, []string{"/asuminen/jatehuolto"}},
		{"2.4.5", NoProblemsFound, nil, nil},
	}
	for _, tt := range tests {
		c := ev.Criterion(tt.sc)
		var items []int
		for _, it := range c.Items {
			items = append(items, it.Page)
		}
		if c.Outcome != tt.outcome || !slices.Equal(ev.Refs(c.Failed), tt.failed) || !slices.Equal(ev.Refs(items), tt.items) {
			t.Errorf("%s: %s, failed on %v, items on %v; want %s, %v, %v", tt.sc, c.Outcome, ev.Refs(c.Failed), ev.Refs(items), tt.outcome, tt.failed, tt.items)
		}
	}
}
