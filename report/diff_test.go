package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"saavu/checks"
)

// The hand-made audits of the diff tests are built here, with New, so that
// their summaries are what saavu computes; TestDiffInputs keeps the JSON
// files in testdata/golden/diff (which the end-to-end test of saavu diff
// reads too) equal to them.

func testRules(t testing.TB, ids ...string) []*checks.Rule {
	t.Helper()
	rules, err := checks.Lookup(ids)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// fails is a failed result of rule with an element per selector/snippet
// pair.
func fails(t testing.TB, rule string, pairs ...string) Result {
	t.Helper()
	r := testRules(t, rule)[0]
	res := Result{Rule: rule, Outcome: string(checks.Failed), WCAG: r.WCAG, Impact: string(r.Impact)}
	for i := 0; i+1 < len(pairs); i += 2 {
		res.Nodes = append(res.Nodes, Node{Outcome: string(checks.Failed), Selector: pairs[i], Snippet: pairs[i+1], Message: rule + " fails here"})
	}
	return res
}

func passes(t testing.TB, rule string) Result {
	t.Helper()
	r := testRules(t, rule)[0]
	return Result{Rule: rule, Outcome: string(checks.Passed), WCAG: r.WCAG, Impact: string(r.Impact), Passed: 1}
}

// audit builds a report of the pages, run with the rules, and the site
// rule consistent-navigation with the failed findings of the given keys
// (none: it passed; nil: it did not run).
func audit(t testing.TB, when string, rules []string, siteKeys []string, pages ...Page) *Report {
	t.Helper()
	r := New(Meta{Version: "test", GeneratedAt: when}, testRules(t, rules...), pages)
	if siteKeys != nil {
		site, err := checks.LookupSite([]string{"consistent-navigation"})
		if err != nil {
			t.Fatal(err)
		}
		sr := SiteResult{Rule: "consistent-navigation", Outcome: string(checks.Passed), WCAG: site[0].WCAG, EN301549: orEmpty(site[0].EN301549()),
			Impact: string(site[0].Impact), Pages: r.Summary.Audited}
		for _, k := range siteKeys {
			sr.Outcome = string(checks.Failed)
			sr.Nodes = append(sr.Nodes, SiteNode{Outcome: string(checks.Failed), Key: k, Message: "The navigation " + k + " changes order",
				Pages: []PageRef{{URL: pages[0].URL, Selector: "nav"}}, PageCount: 2})
		}
		r.SiteResults = []SiteResult{sr}
		r.Rules = append(r.Rules, siteRuleInfo(site[0], r.Std()))
		slices.SortFunc(r.Rules, func(a, b RuleInfo) int { return strings.Compare(a.ID, b.ID) })
		r.Summary = r.Summary.withSite(r.Rules, r.SiteResults)
	}
	return r
}

func auditedPage(url string, results ...Result) Page {
	return Page{URL: url, FinalURL: url, Status: 200, Title: "Sivu", Results: results}
}

// diffAudits are the two audits of the golden files: a site audited on
// staging, then on production a month later.
func diffAudits(t testing.TB) (old, new *Report) {
	const oldSite, newSite = "http://staging.example.fi:8080", "https://www.example.fi"
	rules := []string{"color-contrast", "document-title", "image-alt", "link-name"}
	old = audit(t, "2026-01-10T08:00:00Z", rules, []string{"nav#paa"},
		auditedPage(oldSite+"/",
			fails(t, "color-contrast", "footer > p", `<p class="pieni">Yhteystiedot</p>`),
			passes(t, "document-title"),
			fails(t, "image-alt", "#logo", `<img id="logo" src="logo.png">`, "main > p:nth-of-type(2) > img", `<img src="kartta.png">`),
			fails(t, "link-name", "nav > a:nth-of-type(3)", `<a href="/haku"><svg></svg></a>`)),
		auditedPage(oldSite+"/palvelut",
			passes(t, "color-contrast"), fails(t, "document-title", "html", `<html lang="fi">`), passes(t, "image-alt"), passes(t, "link-name")),
		Page{URL: oldSite + "/rikki", Error: "net::ERR_CONNECTION_REFUSED", ErrorKind: "network", Results: []Result{}},
		auditedPage(oldSite+"/vanha", passes(t, "color-contrast"), passes(t, "document-title"), fails(t, "image-alt", "main img", `<img src="vanha.png">`), passes(t, "link-name")),
	)
	new = audit(t, "2026-02-10T08:00:00Z", append(rules, "bypass"), []string{"nav#paa", "nav#ala"},
		auditedPage(newSite+"/",
			passes(t, "bypass"),
			passes(t, "color-contrast"),
			passes(t, "document-title"),
			fails(t, "image-alt", "#logo", `<img id="logo" src="logo.png">`, "main > p:nth-of-type(3) > img", `<img src="kartta.png">`,
				"main > p:nth-of-type(4) > img", `<img src="uusi.png">`),
			fails(t, "link-name", "nav > a:nth-of-type(3)", `<a href="/haku"><svg aria-hidden="true"></svg></a>`)),
		auditedPage(newSite+"/palvelut",
			passes(t, "bypass"), fails(t, "color-contrast", "main > h2", `<h2 class="vaalea">Palvelut</h2>`), passes(t, "document-title"), passes(t, "image-alt"), passes(t, "link-name")),
		auditedPage(newSite+"/rikki", passes(t, "bypass"), passes(t, "color-contrast"), passes(t, "document-title"), passes(t, "image-alt"), passes(t, "link-name")),
		auditedPage(newSite+"/uusi", passes(t, "bypass"), passes(t, "color-contrast"), passes(t, "document-title"), fails(t, "image-alt", "img", `<img src="x.png">`), passes(t, "link-name")),
	)
	return old, new
}

const diffDir = "../testdata/golden/diff"

// TestDiffInputs writes (with -update) or checks the JSON files of the
// diff audits.
func TestDiffInputs(t *testing.T) {
	old, new := diffAudits(t)
	for name, r := range map[string]*Report{"old.json": old, "new.json": new} {
		var buf bytes.Buffer
		if err := (JSONWriter{}).Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(diffDir, name)
		if *update {
			if err := os.MkdirAll(diffDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./report -run TestDiffInputs -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s is not what diffAudits builds (run with -update):\n%s", path, firstDiff(want, buf.Bytes()))
		}
	}
}

// kinds lists a diff's elements as "kind rule page selector [match]".
func kinds(d *Diff) []string {
	var out []string
	for _, rd := range d.Rules {
		for _, p := range rd.Pages {
			for _, el := range p.Fixed {
				out = append(out, "fixed "+rd.Rule+" "+p.Page+" "+el.Selector)
			}
			for _, el := range p.New {
				out = append(out, "new "+rd.Rule+" "+p.Page+" "+el.Selector)
			}
			for _, el := range p.Still {
				out = append(out, "still "+rd.Rule+" "+p.Page+" "+el.Selector+" "+el.Match)
			}
		}
	}
	for _, sd := range d.SiteResults {
		for _, f := range sd.Fixed {
			out = append(out, "fixed "+sd.Rule+" "+f.Key)
		}
		for _, f := range sd.New {
			out = append(out, "new "+sd.Rule+" "+f.Key)
		}
		for _, f := range sd.Still {
			out = append(out, "still "+sd.Rule+" "+f.Key)
		}
	}
	slices.Sort(out)
	return out
}

func TestCompare(t *testing.T) {
	rules := []string{"image-alt", "link-name"}
	logo := []string{"#logo", `<img id="logo" src="logo.png">`}
	tests := []struct {
		name      string
		old, new  *Report
		want      []string
		onlyOld   []string // pages
		onlyNew   []string
		changed   []string // criteria
		newFailed int      // NewFailing("").Results
	}{
		{
			name: "fixed",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", logo...))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			want: []string{"fixed image-alt / #logo"}, changed: []string{"1.1.1"},
		},
		{
			name: "new",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", logo...))),
			want: []string{"new image-alt / #logo"}, changed: []string{"1.1.1"}, newFailed: 1,
		},
		{
			name: "still failing, on another host",
			old:  audit(t, "", rules, nil, auditedPage("http://staging:8080/?b=2&a=1", fails(t, "image-alt", logo...))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/?a=1&b=2", fails(t, "image-alt", "#logo", `<img  id="logo"   src="logo.png">`))),
			want: []string{"still image-alt /?a=1&b=2 #logo same"},
		},
		{
			name: "moved: matched by snippet",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", "p:nth-of-type(2) > img", `<img src="k.png">`))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", "p:nth-of-type(3) > img", `<img src="k.png">`))),
			want: []string{"still image-alt / p:nth-of-type(3) > img moved"},
		},
		{
			name: "changed: matched by selector",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "link-name", "nav > a", `<a href="/x"></a>`))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "link-name", "nav > a", `<a href="/y"></a>`))),
			want: []string{"still link-name / nav > a changed"},
		},
		{
			name: "moved and changed: a new element",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", "p:nth-of-type(2) > img", `<img src="k.png">`))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", "p:nth-of-type(3) > img", `<img src="k2.png">`))),
			want: []string{"fixed image-alt / p:nth-of-type(2) > img", "new image-alt / p:nth-of-type(3) > img"}, newFailed: 1,
		},
		{
			name: "a second copy is new",
			old:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", logo...))),
			new:  audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", "#logo", logo[1], "footer > img", logo[1]))),
			want: []string{"new image-alt / footer > img", "still image-alt / #logo same"}, newFailed: 1,
		},
		{
			name: "page in one run only",
			old: audit(t, "", rules, nil, auditedPage("https://a.fi/", passes(t, "image-alt")),
				auditedPage("https://a.fi/vanha", fails(t, "image-alt", logo...))),
			new: audit(t, "", rules, nil, auditedPage("https://a.fi/", passes(t, "image-alt")),
				auditedPage("https://a.fi/uusi", fails(t, "image-alt", logo...)),
				Page{URL: "https://a.fi/vanha", Error: "HTTP 404", ErrorKind: "http"}),
			onlyOld: []string{"/vanha: HTTP 404"}, onlyNew: []string{"/uusi: "},
		},
		{
			name: "rule in one run only is not compared",
			old:  audit(t, "", []string{"image-alt"}, nil, auditedPage("https://a.fi/", fails(t, "image-alt", logo...))),
			new: audit(t, "", rules, nil, auditedPage("https://a.fi/", fails(t, "image-alt", logo...),
				fails(t, "link-name", "a", "<a></a>"))),
			want: []string{"still image-alt / #logo same"}, changed: []string{"2.4.4", "4.1.2"},
		},
		{
			name: "site rule, by key",
			old:  audit(t, "", rules, []string{"nav#a", "nav#b"}, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			new:  audit(t, "", rules, []string{"nav#b", "nav#c"}, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			want: []string{"fixed consistent-navigation nav#a", "new consistent-navigation nav#c", "still consistent-navigation nav#b"},
		},
		{
			name: "site rule fixed",
			old:  audit(t, "", rules, []string{"nav#a"}, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			new:  audit(t, "", rules, []string{}, auditedPage("https://a.fi/", passes(t, "image-alt"))),
			want: []string{"fixed consistent-navigation nav#a"}, changed: []string{"3.2.3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Compare(Part{Name: "old.json", Report: tt.old}, Part{Name: "new.json", Report: tt.new}, "test")
			if err != nil {
				t.Fatal(err)
			}
			if got := kinds(d); !slices.Equal(got, tt.want) {
				t.Errorf("elements:\n got %q\nwant %q", got, tt.want)
			}
			places := func(ps []DiffPlace) []string {
				var out []string
				for _, p := range ps {
					out = append(out, p.Page+": "+p.Error)
				}
				return out
			}
			if got := places(d.Pages.OnlyOld); !slices.Equal(got, tt.onlyOld) {
				t.Errorf("only old: got %q, want %q", got, tt.onlyOld)
			}
			if got := places(d.Pages.OnlyNew); !slices.Equal(got, tt.onlyNew) {
				t.Errorf("only new: got %q, want %q", got, tt.onlyNew)
			}
			var changed []string
			for _, c := range d.Criteria {
				if c.Changed {
					changed = append(changed, c.SC)
				}
			}
			if !slices.Equal(changed, tt.changed) {
				t.Errorf("criteria changed: got %q, want %q", changed, tt.changed)
			}
			f := d.NewFailing("")
			if f.Results != tt.newFailed {
				t.Errorf("NewFailing: %d results, want %d", f.Results, tt.newFailed)
			}
			if s := d.Summary; s.Fixed+s.New+s.Still != len(tt.want) {
				t.Errorf("summary counts %d+%d+%d elements, the lists %d", s.Fixed, s.New, s.Still, len(tt.want))
			}
		})
	}
}

func TestCompareMixedStandards(t *testing.T) {
	a := audit(t, "", []string{"image-alt"}, nil, auditedPage("https://a.fi/", passes(t, "image-alt")))
	b := New(Meta{Standard: checks.EN301549V411}, testRules(t, "image-alt"), []Page{auditedPage("https://a.fi/", passes(t, "image-alt"))})
	_, err := Compare(Part{Name: "a.json", Report: a}, Part{Name: "b.json", Report: b}, "test")
	if !errors.Is(err, ErrMixedStandards) {
		t.Fatalf("Compare of two standards: %v, want ErrMixedStandards", err)
	}
}

func TestNewFailingImpact(t *testing.T) {
	old, new := diffAudits(t)
	d, err := Compare(Part{Name: "old.json", Report: old}, Part{Name: "new.json", Report: new}, "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		min                   checks.Impact
		results, pages, elems int
		site                  []string
	}{
		// /uusi, only in the later audit, is not compared: its failure
		// is not new.
		{"", 2, 2, 2, []string{"consistent-navigation"}},
		{checks.Serious, 2, 2, 2, nil}, // consistent-navigation is moderate
		{checks.Critical, 1, 1, 1, nil},
	} {
		f := d.NewFailing(tt.min)
		if f.Results != tt.results || f.Pages != tt.pages || f.Elements != tt.elems || !slices.Equal(f.Site, tt.site) {
			t.Errorf("NewFailing(%q) = %+v, want %d results on %d pages, %d elements, site %v", tt.min, f, tt.results, tt.pages, tt.elems, tt.site)
		}
	}
}

// TestDiffGolden renders the comparison of the golden audits in every
// format and language and compares the output with the files in
// testdata/golden/diff; -update rewrites them.
func TestDiffGolden(t *testing.T) {
	old, err := ReadFile(filepath.Join(diffDir, "old.json"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := ReadFile(filepath.Join(diffDir, "new.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compare(Part{Name: "old.json", Report: old}, Part{Name: "new.json", Report: new}, "test")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		w    DiffWriter
	}{
		{"diff.json", DiffJSONWriter{}},
		{"diff.txt", DiffTextWriter{}},
		{"diff.80.txt", DiffTextWriter{Width: 80}},
		{"diff.fi.txt", DiffTextWriter{Lang: "fi"}},
		{"diff.sv.txt", DiffTextWriter{Lang: "sv"}},
		{"diff.html", DiffHTMLWriter{Lang: "en", Location: time.UTC}},
		{"diff.fi.html", DiffHTMLWriter{Lang: "fi", Location: helsinki}},
		{"diff.sv.html", DiffHTMLWriter{Lang: "sv", Location: time.UTC}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var buf, again bytes.Buffer
			if err := tt.w.WriteDiff(&buf, d); err != nil {
				t.Fatal(err)
			}
			if err := tt.w.WriteDiff(&again, d); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Fatalf("two writes differ:\n%s", firstDiff(buf.Bytes(), again.Bytes()))
			}
			path := filepath.Join(diffDir, "out", tt.file)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestDiffGolden -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (if intended, run with -update and review the diff):\n%s", tt.file, firstDiff(want, buf.Bytes()))
			}
		})
	}
}

func TestNewTrend(t *testing.T) {
	at := func(when string) *Report {
		return audit(t, when, []string{"image-alt"}, nil, auditedPage("https://a.fi/", passes(t, "image-alt")))
	}
	v4 := New(Meta{Standard: checks.EN301549V411, GeneratedAt: "2026-03-01T00:00:00Z"}, testRules(t, "image-alt"), []Page{auditedPage("https://a.fi/", passes(t, "image-alt"))})
	tests := []struct {
		name    string
		runs    []*Report
		wantErr string
	}{
		{name: "ascending", runs: []*Report{at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z")}},
		{name: "descending", runs: []*Report{at("2026-02-01T00:00:00Z"), at("2026-01-01T00:00:00Z")}, wantErr: "is not later than"},
		{name: "equal times", runs: []*Report{at("2026-02-01T00:00:00Z"), at("2026-02-01T00:00:00Z")}, wantErr: "is not later than"},
		{name: "no time", runs: []*Report{at(""), at("2026-01-01T00:00:00Z")}, wantErr: "no generatedAt"},
		{name: "one run", runs: []*Report{at("2026-01-01T00:00:00Z")}, wantErr: "at least two"},
		{name: "two standards", runs: []*Report{at("2026-01-01T00:00:00Z"), v4}, wantErr: "different standards"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []Part
			for i, r := range tt.runs {
				parts = append(parts, Part{Name: string(rune('a'+i)) + ".json", Report: r})
			}
			tr, err := NewTrend(parts)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			case err == nil && len(tr.Runs) != len(tt.runs):
				t.Errorf("%d runs, want %d", len(tr.Runs), len(tt.runs))
			}
		})
	}
}

// TestTrendGolden writes the report of the later golden audit with the
// trend of both, in HTML (en, fi) and JSON.
func TestTrendGolden(t *testing.T) {
	old, err := ReadFile(filepath.Join(diffDir, "old.json"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := ReadFile(filepath.Join(diffDir, "new.json"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrend([]Part{{Name: "old.json", Report: old}, {Name: "new.json", Report: new}})
	if err != nil {
		t.Fatal(err)
	}
	new.Trend = tr
	for _, tt := range []struct {
		file string
		w    Writer
	}{
		{"trend.json", JSONWriter{}},
		{"trend.html", HTMLWriter{Lang: "en", Location: time.UTC}},
		{"trend.fi.html", HTMLWriter{Lang: "fi", Location: helsinki}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.w.Write(&buf, new); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(diffDir, "out", tt.file)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestTrendGolden -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file (if intended, run with -update):\n%s", tt.file, firstDiff(want, buf.Bytes()))
			}
		})
	}
}
