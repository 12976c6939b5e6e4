package crawl_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/act"
	"saavu/internal/chrometest"
	"saavu/internal/fixture"
)

func TestZZProbe(t *testing.T) {
	dir := os.Getenv("PROBE_DIR")
	if dir == "" {
		t.Skip()
	}
	b := chrometest.Browser(t)
	ts := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer ts.Close()
	p, err := b.Capture(context.Background(), ts.URL+"/"+os.Getenv("PROBE_FILE"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(p, "", " ")
	os.WriteFile(os.Getenv("PROBE_OUT"), out, 0o644)
}

func TestZZACT(t *testing.T) {
	ids := os.Getenv("PROBE_ACT")
	if ids == "" {
		t.Skip()
	}
	dir, err := act.FindDir()
	if err != nil {
		t.Skip(err)
	}
	suite, _ := act.Load(dir)
	rules := checks.All()
	if claim := os.Getenv("PROBE_CLAIM"); claim != "" { // rule=act,act
		r, a, _ := strings.Cut(claim, "=")
		for _, x := range rules {
			if x.ID == r {
				x.ACT = append(x.ACT, strings.Split(a, ",")...)
			}
		}
	}
	suite, err = suite.Select(strings.Split(ids, ","), rules)
	if err != nil {
		t.Fatal(err)
	}
	b := chrometest.Browser(t)
	srv := httptest.NewServer(suite.Handler())
	defer srv.Close()
	res, err := act.Run(t.Context(), b, srv.URL, suite, rules, 2, func(int) {})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Verdicts {
		fmt.Printf("%-40s want %-12s got %-12s %s\n", v.Case.Page, v.Case.Expected, v.Outcome, v.Err)
		for _, d := range v.Details {
			fmt.Printf("      %s\n", d)
		}
	}
}

func TestZZSnap(t *testing.T) {
	names := os.Getenv("PROBE_SNAP")
	if names == "" {
		t.Skip()
	}
	b := chrometest.Browser(t)
	ts := testdataServer(t)
	for _, name := range strings.Fields(names) {
		f := "../testdata/rules/" + name + ".html"
		p, err := b.Capture(context.Background(), ts.URL+"/rules/"+name+".html")
		if err != nil {
			t.Fatalf("capture: %v", err)
		}
		p.URL, p.FinalURL = "http://fixtures.test/rules/"+name+".html", "http://fixtures.test/rules/"+name+".html"
		probs, err := fixture.Problems(name, p, checks.All())
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range probs {
			t.Error(pr)
		}
		if os.Getenv("PROBE_SAVE") != "" {
			sum, _ := fixture.Hash(f)
			if err := fixture.Save("../testdata/pages/"+name+".json", &fixture.Snapshot{Fixture: "rules/" + name + ".html", SHA256: sum, Page: p}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestZZSite(t *testing.T) {
	pages := os.Getenv("PROBE_SITE")
	if pages == "" {
		t.Skip()
	}
	b := chrometest.Browser(t)
	ts := httptest.NewServer(http.FileServer(http.Dir(os.Getenv("PROBE_ROOT"))))
	defer ts.Close()
	mine := map[string]bool{"bypass": true, "color-contrast": true, "html-has-lang": true, "html-lang-valid": true, "valid-lang": true, "meta-viewport": true, "meta-refresh": true, "document-title": true}
	var rules []*checks.Rule
	for _, r := range checks.All() {
		if mine[r.ID] {
			rules = append(rules, r)
		}
	}
	for _, pg := range strings.Fields(pages) {
		p, err := b.Capture(context.Background(), ts.URL+"/"+pg)
		if err != nil {
			t.Fatalf("capture: %v", err)
		}
		res, err := checks.Check(p, rules)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			fmt.Printf("== %s %s: %s (%d targets)\n", pg, r.Rule.ID, r.Outcome, len(r.Targets))
			for _, tg := range r.Targets {
				if tg.Outcome != checks.Passed {
					fmt.Printf("   %-9s %s  %s\n", tg.Outcome, tg.Node.Selector(), tg.Message)
				}
			}
		}
	}
}
