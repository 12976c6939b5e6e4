package act_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"saavu/checks"
	"saavu/internal/act"
)

const miniSuite = "testdata/suite"

func loadMini(t *testing.T) *act.Suite {
	t.Helper()
	s, err := act.Load(miniSuite)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoad(t *testing.T) {
	s := loadMini(t)
	if got := len(s.Cases); got != 7 {
		t.Fatalf("loaded %d test cases, want 7", got)
	}
	tc := s.Cases[1]
	if tc.RuleID != "2779a5" || tc.Expected != checks.Failed || tc.Page != "cases/2779a5/failed-1.html" || tc.TestcaseID != strings.Repeat("2", 40) {
		t.Errorf("second test case = %+v", tc)
	}
	for o, want := range map[checks.Outcome]int{checks.Passed: 2, checks.Failed: 4, checks.Inapplicable: 1} {
		if got := s.Count(o); got != want {
			t.Errorf("Count(%s) = %d, want %d", o, got, want)
		}
	}
	if got := s.RuleName("2779a5"); got != "HTML page has non-empty title" {
		t.Errorf("RuleName(2779a5) = %q", got)
	}
	if got := s.RuleName("nope00"); got != "" {
		t.Errorf("RuleName(nope00) = %q, want empty", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"not json", `{`, "testcases.json"},
		{"no page", `[{"ruleId":"abc123","expected":"passed","testcaseId":"x"}]`, "lacks ruleId, page or testcaseId"},
		{"bad outcome", `[{"ruleId":"abc123","expected":"cantTell","page":"a.html","testcaseId":"x"}]`, `unknown expected outcome "cantTell"`},
		{"duplicate", `[{"ruleId":"abc123","expected":"passed","page":"a.html","testcaseId":"x"},{"ruleId":"abc123","expected":"failed","page":"a.html","testcaseId":"y"}]`, "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "testcases.json"), []byte(tt.json), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := act.Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := act.Load(t.TempDir()); err == nil {
		t.Error("Load of a folder without testcases.json: no error")
	}
}

func TestFindDir(t *testing.T) {
	t.Run("env", func(t *testing.T) {
		t.Setenv(act.EnvDir, miniSuite)
		got, err := act.FindDir()
		want, _ := filepath.Abs(miniSuite)
		if err != nil || got != want {
			t.Errorf("FindDir() = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("env missing", func(t *testing.T) {
		t.Setenv(act.EnvDir, filepath.Join(t.TempDir(), "nothing"))
		_, err := act.FindDir()
		if !errors.Is(err, act.ErrNoSuite) || !strings.Contains(err.Error(), act.EnvDir) {
			t.Errorf("FindDir() error = %v, want ErrNoSuite naming %s", err, act.EnvDir)
		}
	})
	t.Run("default beside the repository", func(t *testing.T) {
		t.Setenv(act.EnvDir, "")
		// The test runs in internal/act: the repository root is two levels up.
		want, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "act", "w3c-wcag-act-rules"))
		got, err := act.FindDir()
		if err != nil && !errors.Is(err, act.ErrNoSuite) {
			t.Fatalf("FindDir() error = %v", err)
		}
		if err == nil && got != want {
			t.Errorf("FindDir() = %q, want %q", got, want)
		}
		if err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("FindDir() error = %v, want it to name %s", err, want)
		}
	})
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(loadMini(t).Handler())
	defer srv.Close()
	tests := []struct {
		path   string
		status int
		ctype  string
	}{
		{"/cases/2779a5/passed-1.html", 200, "text/html; charset=utf-8"},
		{"/cases/2779a5/inapplicable-1.svg", 200, "image/svg+xml"},
		{"/cases/zzzzzz/failed-1.xml", 200, "application/xml"},
		{"/test-assets/shared/style.css", 200, "text/css; charset=utf-8"},
		{"/test-assets/shared/missing.png", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("Content-Type"); tt.ctype != "" && got != tt.ctype {
				t.Errorf("Content-Type %q, want %q", got, tt.ctype)
			}
		})
	}
}

func TestURLs(t *testing.T) {
	s := loadMini(t)
	tc := s.Cases[3] // the SVG example
	if got, want := tc.W3CURL(), "https://www.w3.org/WAI/content-assets/wcag-act-rules/testcases/2779a5/"+strings.Repeat("4", 40)+".svg"; got != want {
		t.Errorf("W3CURL() = %q, want %q", got, want)
	}
	if got, want := tc.URL("http://127.0.0.1:1234/"), "http://127.0.0.1:1234/cases/2779a5/inapplicable-1.svg"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
	if got, want := tc.RuleURL(), "https://www.w3.org/WAI/standards-guidelines/act/rules/2779a5/"; got != want {
		t.Errorf("RuleURL() = %q, want %q", got, want)
	}
}

func TestSelect(t *testing.T) {
	s := loadMini(t)
	rules := []*checks.Rule{checks.DocumentTitle}
	tests := []struct {
		ids     []string
		want    int
		wantErr bool
	}{
		{[]string{"2779a5"}, 4, false},
		{[]string{"document-title"}, 4, false},
		{[]string{"document-title", "zzzzzz"}, 5, false},
		{[]string{"nope00"}, 0, true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.ids, ","), func(t *testing.T) {
			got, err := s.Select(tt.ids, rules)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Select error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && len(got.Cases) != tt.want {
				t.Errorf("Select kept %d test cases, want %d", len(got.Cases), tt.want)
			}
		})
	}
}
