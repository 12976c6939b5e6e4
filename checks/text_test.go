package checks

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// messageFormats reads the formats of rule messages from the package's
// source: the string literal given to msg, Pass.Failed and Pass.CantTell.
// A call given anything but a literal is an error, since its text could
// not be checked.
func messageFormats(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	keys := map[string]string{} // key -> where
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok {
				if n := fn.Name.Name; n == "msg" || n == "Failed" || n == "CantTell" {
					continue // they pass their format on
				}
			}
			// Functions and package-level variables alike.
			ast.Inspect(d, func(node ast.Node) bool {
				call, ok := node.(*ast.CallExpr)
				if !ok {
					return true
				}
				arg := -1
				switch fun := call.Fun.(type) {
				case *ast.Ident:
					if fun.Name == "msg" {
						arg = 0
					}
				case *ast.SelectorExpr:
					if fun.Sel.Name == "Failed" || fun.Sel.Name == "CantTell" {
						arg = 1
					}
				}
				if arg < 0 || len(call.Args) <= arg {
					return true
				}
				lit, ok := call.Args[arg].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("%s: the message format is not a string literal", fset.Position(call.Pos()))
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				key, _ := textKey(s)
				keys[key] = fset.Position(call.Pos()).String()
				return true
			})
		}
	}
	return keys
}

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

// TestMessageCatalogues: every rule message has a Finnish and a Swedish
// translation with the same placeholders, and the catalogues hold nothing
// else.
func TestMessageCatalogues(t *testing.T) {
	keys := messageFormats(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d message formats: the source scan is broken", len(keys))
	}
	for _, lang := range MessageLanguages {
		cat := Catalogue(lang)
		var missing []string
		for key, where := range keys {
			if neutral(key) {
				continue
			}
			tr, ok := cat[key]
			if !ok {
				missing = append(missing, strconv.Quote(key)+": \"\", // "+where)
				continue
			}
			if got, want := placeholders(tr), placeholders(key); !slices.Equal(got, want) {
				t.Errorf("%s: %q has placeholders %v, the English %v", lang, tr, got, want)
			}
			if strings.TrimSpace(tr) == "" {
				t.Errorf("%s: empty translation of %q", lang, key)
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("%s: %d messages have no translation in checks/messages/%s.json:\n%s", lang, len(missing), lang, strings.Join(missing, "\n"))
		}
		for key := range cat {
			if _, ok := keys[key]; !ok {
				t.Errorf("%s: checks/messages/%s.json translates %q, which no rule writes", lang, lang, key)
			}
		}
	}
}

// TestMessagesTranslatedOnFixtures renders every message the rules write
// on the fixture pages in each language: no part may be left without a
// translation, or be English passed on as code.
func TestMessagesTranslatedOnFixtures(t *testing.T) {
	snaps, _ := filepath.Glob("../testdata/pages/*.json")
	if len(snaps) == 0 {
		t.Fatal("no snapshots in testdata/pages")
	}
	seen := 0
	for _, path := range snaps {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Page *Page `json:"page"`
		}
		err = json.NewDecoder(f).Decode(&s)
		f.Close()
		if err != nil || s.Page == nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := s.Page.Build(); err != nil {
			t.Fatal(err)
		}
		results, err := Check(s.Page, Every())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			for _, tg := range r.Targets {
				if tg.Text == nil {
					continue
				}
				seen++
				if bad := passedAsCode(*tg.Text); bad != "" {
					t.Errorf("%s: %s: a message passes text on as code (give msg a Text): %q", filepath.Base(path), r.Rule.ID, bad)
				}
				for _, lang := range MessageLanguages {
					if s, ok := tg.Text.In(lang); !ok {
						t.Errorf("%s: %s: not all of it is translated to %s: %q", filepath.Base(path), r.Rule.ID, lang, s)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no messages on the fixture pages")
	}
}

// passedAsCode returns the code argument of a neutral template ("%s"):
// a message handed on as a plain string.
func passedAsCode(t Text) string {
	for _, a := range t.Args {
		if a.Text != nil {
			if s := passedAsCode(*a.Text); s != "" {
				return s
			}
		}
		for _, x := range a.And {
			if s := passedAsCode(x); s != "" {
				return s
			}
		}
		// A quotation of the page's text ("%q") is code.
		if neutral(t.Key) && a.Code != "" && strings.Contains(a.Code, " ") && !strings.HasPrefix(a.Code, `"`) {
			return a.Code
		}
	}
	return ""
}

func TestTextKey(t *testing.T) {
	tests := []struct {
		format, key string
		verbs       int
	}{
		{"plain", "plain", 0},
		{"%s is %d%% of %.1f", "{0} is {1}% of {2}", 3},
		{"%q and %v", "{0} and {1}", 2},
	}
	for _, tt := range tests {
		key, verbs := textKey(tt.format)
		if key != tt.key || len(verbs) != tt.verbs {
			t.Errorf("textKey(%q) = %q, %d verbs; want %q, %d", tt.format, key, len(verbs), tt.key, tt.verbs)
		}
	}
	m := msg("The %s is %.0f px wide: %s", "box", 12.4, []Text{msg("one"), msg("two"), msg("three")})
	if got := m.String(); got != "The box is 12 px wide: one, two and three" {
		t.Errorf("msg rendered %q", got)
	}
}

// TestTextJSON round-trips a Text through its short JSON form: code as a
// string, a part to translate as an object, parts to join as an array.
func TestTextJSON(t *testing.T) {
	in := msg("%s has %d problems: %s. %s", "<img>", 2, []Text{msg("no alt"), msg("role=%q", "img")}, msg("Fix it."))
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"key":"{0} has {1} problems: {2}. {3}","args":["\u003cimg\u003e","2",[{"key":"no alt"},{"key":"role={0}","args":["\"img\""]}],{"key":"Fix it."}]}`
	if string(b) != want {
		t.Errorf("JSON:\n got %s\nwant %s", b, want)
	}
	var out Text
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != in.String() {
		t.Errorf("after a round trip: %q, want %q", out.String(), in.String())
	}
	if got, _ := json.Marshal(out); string(got) != want {
		t.Errorf("round trip changed the JSON: %s", got)
	}
	if err := json.Unmarshal([]byte(`{"key":"{0}","args":[true]}`), &out); err == nil {
		t.Error("an argument that is not a string, object or array was accepted")
	}
}
