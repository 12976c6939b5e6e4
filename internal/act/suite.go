// Package act measures saavu against the W3C ACT rules test cases: it
// loads the suite, audits every test-case page in a real browser, maps
// saavu's verdicts to ACT rules through Rule.ACT, scores them as the W3C
// implementation reports do and writes an EARL (JSON-LD) implementation
// report.
//
// The suite is not part of the repository: it is read from $SAAVU_ACT_DIR,
// or from ../shared/act/w3c-wcag-act-rules next to the repository root.
package act

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"saavu/checks"
)

// EnvDir names the environment variable that points at the suite folder.
const EnvDir = "SAAVU_ACT_DIR"

// TestCase is one example page of an ACT rule, as listed in testcases.json.
type TestCase struct {
	RuleID       string         `json:"ruleId"`
	RuleName     string         `json:"ruleName"`
	RuleType     string         `json:"ruleType"` // atomic or composite
	WCAG         []string       `json:"wcag"`
	Expected     checks.Outcome `json:"expected"` // passed, failed or inapplicable
	ExampleIndex int            `json:"exampleIndex"`
	Title        string         `json:"title"`      // "Failed Example 3"
	Page         string         `json:"page"`       // relative to the suite folder: cases/<ruleId>/failed-3.html
	Language     string         `json:"language"`   // html, svg, xml
	TestcaseID   string         `json:"testcaseId"` // W3C id (40 hex digits)
	Approved     bool           `json:"approved"`
}

// W3CURL returns the address the W3C publishes the test case at; EARL
// reports name their subjects by it.
func (tc TestCase) W3CURL() string {
	ext := strings.TrimPrefix(path.Ext(tc.Page), ".")
	if ext == "" {
		ext = tc.Language
	}
	return "https://www.w3.org/WAI/content-assets/wcag-act-rules/testcases/" + tc.RuleID + "/" + tc.TestcaseID + "." + ext
}

// RuleURL returns the W3C page of the test case's ACT rule.
func (tc TestCase) RuleURL() string {
	return "https://www.w3.org/WAI/standards-guidelines/act/rules/" + tc.RuleID + "/"
}

// Suite is the W3C ACT rules test suite in a folder: testcases.json, the
// pages under cases/ and the files they load under test-assets/.
type Suite struct {
	Dir   string
	Cases []TestCase // in the order of testcases.json
}

// Load reads the suite in dir.
func Load(dir string) (*Suite, error) {
	b, err := os.ReadFile(filepath.Join(dir, "testcases.json"))
	if err != nil {
		return nil, fmt.Errorf("load ACT suite: %w", err)
	}
	var cases []TestCase
	if err := json.Unmarshal(b, &cases); err != nil {
		return nil, fmt.Errorf("load ACT suite: testcases.json: %w", err)
	}
	seen := map[string]bool{}
	for i, tc := range cases {
		switch {
		case tc.RuleID == "" || tc.Page == "" || tc.TestcaseID == "":
			return nil, fmt.Errorf("load ACT suite: test case %d lacks ruleId, page or testcaseId", i)
		case tc.Expected != checks.Passed && tc.Expected != checks.Failed && tc.Expected != checks.Inapplicable:
			return nil, fmt.Errorf("load ACT suite: %s: unknown expected outcome %q", tc.Page, tc.Expected)
		case seen[tc.Page]:
			return nil, fmt.Errorf("load ACT suite: %s is listed twice", tc.Page)
		}
		seen[tc.Page] = true
	}
	return &Suite{Dir: dir, Cases: cases}, nil
}

// Count returns how many test cases expect the outcome.
func (s *Suite) Count(expected checks.Outcome) int {
	n := 0
	for _, tc := range s.Cases {
		if tc.Expected == expected {
			n++
		}
	}
	return n
}

// RuleName returns the name of the ACT rule id, or "" when the suite has
// no test case of it.
func (s *Suite) RuleName(id string) string {
	for _, tc := range s.Cases {
		if tc.RuleID == id {
			return tc.RuleName
		}
	}
	return ""
}

// FindDir returns the suite folder: $SAAVU_ACT_DIR when set, otherwise
// ../shared/act/w3c-wcag-act-rules beside the repository root, found by
// walking up from the working directory to go.mod. It returns an error
// that says how to get the suite when the folder does not exist.
func FindDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return checkDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			return "", fmt.Errorf("no go.mod above %s: set %s to the folder of the W3C ACT test suite", wd, EnvDir)
		}
		root = parent
	}
	return checkDir(filepath.Join(filepath.Dir(root), "shared", "act", "w3c-wcag-act-rules"))
}

// ErrNoSuite means the suite folder does not exist or has no testcases.json.
var ErrNoSuite = errors.New("W3C ACT test suite not found")

func checkDir(d string) (string, error) {
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(abs, "testcases.json")); err != nil {
		return abs, fmt.Errorf("%w at %s (no testcases.json): set %s to the folder holding testcases.json, cases/ and test-assets/", ErrNoSuite, abs, EnvDir)
	}
	return abs, nil
}

// contentTypes are the media types of the suite's files, set explicitly so
// that the pages load as the W3C serves them whatever the system's MIME
// table says.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".vtt":  "text/vtt; charset=utf-8",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".jfif": "image/jpeg",
	".mp4":  "video/mp4",
	".webm": "video/webm",
	".mp3":  "audio/mpeg",
}

// Handler serves the suite folder as the web root, as the pages expect
// (they load /test-assets/…).
func (s *Suite) Handler() http.Handler {
	return Handler(os.DirFS(s.Dir))
}

// Handler serves fsys as a web root with the content types of the suite.
func Handler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct, ok := contentTypes[strings.ToLower(path.Ext(r.URL.Path))]; ok {
			w.Header().Set("Content-Type", ct)
		}
		files.ServeHTTP(w, r)
	})
}

// URL returns the address of the test case's page on a server started
// with Handler at base (http://127.0.0.1:port).
func (tc TestCase) URL(base string) string {
	parts := strings.Split(tc.Page, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.Join(parts, "/")
}

// Select returns the suite restricted to the test cases of the given ACT
// rules; a saavu rule id stands for the ACT rules it implements. It
// returns an error naming an id that matches nothing.
func (s *Suite) Select(ids []string, rules []*checks.Rule) (*Suite, error) {
	want := map[string]bool{}
	for _, id := range ids {
		found := s.RuleName(id) != ""
		want[id] = true
		for _, r := range rules {
			if r.ID == id {
				found = true
				for _, a := range r.ACT {
					want[a] = true
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%q is neither an ACT rule id of the suite nor a saavu rule id", id)
		}
	}
	out := &Suite{Dir: s.Dir}
	for _, tc := range s.Cases {
		if want[tc.RuleID] {
			out.Cases = append(out.Cases, tc)
		}
	}
	return out, nil
}
