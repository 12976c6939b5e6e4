package checks

import (
	"embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Text is a message of a rule in a form any language can render: the
// English template, which is also its key in the catalogues of the other
// languages (checks/messages/<lang>.json), and its arguments, numbered
// {0}, {1}… in the template. A translation may put them in any order.
type Text struct {
	Key  string `json:"key"`
	Args []Arg  `json:"args,omitempty"`
}

// Arg is one argument of a Text: code shown as it is in every language
// (an attribute value, a role, markup, a number), a part of the message
// to translate, or parts joined with "and" in the language. In JSON it is
// a string, a Text object or an array of Texts, in that order.
type Arg struct {
	Code string
	Text *Text
	And  []Text
}

// MarshalJSON writes the argument in its short form.
func (a Arg) MarshalJSON() ([]byte, error) {
	switch {
	case a.Text != nil:
		return json.Marshal(a.Text)
	case a.And != nil:
		return json.Marshal(a.And)
	}
	return json.Marshal(a.Code)
}

// UnmarshalJSON reads the short form MarshalJSON writes.
func (a *Arg) UnmarshalJSON(b []byte) error {
	*a = Arg{}
	switch s := strings.TrimLeft(string(b), " \t\r\n"); {
	case strings.HasPrefix(s, "{"):
		a.Text = new(Text)
		return json.Unmarshal(b, a.Text)
	case strings.HasPrefix(s, "["):
		a.And = []Text{}
		return json.Unmarshal(b, &a.And)
	}
	return json.Unmarshal(b, &a.Code)
}

// msg builds a Text from a format in the style of fmt.Sprintf. An argument
// that is a Text is translated with the message; a []Text is joined with
// "and"; any other argument is formatted with its verb and shown as it is.
// The format must be a string literal: TestMessageCatalogues reads the
// formats from the source to check that every language has them.
func msg(format string, args ...any) Text {
	key, verbs := textKey(format)
	t := Text{Key: key}
	for i, v := range verbs {
		var a any
		if i < len(args) {
			a = args[i]
		}
		switch a := a.(type) {
		case Text:
			t.Args = append(t.Args, Arg{Text: &a})
		case *Text:
			t.Args = append(t.Args, Arg{Text: a})
		case []Text:
			t.Args = append(t.Args, Arg{And: a})
		default:
			t.Args = append(t.Args, Arg{Code: fmt.Sprintf(v, a)})
		}
	}
	return t
}

// textKey turns a format into a template: each verb becomes {n}, and %%
// becomes %. It returns the verbs, in order.
func textKey(format string) (string, []string) {
	var b strings.Builder
	var verbs []string
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j < len(format) {
			j++ // the verb letter
		}
		verbs = append(verbs, format[i:j])
		b.WriteString("{" + strconv.Itoa(len(verbs)-1) + "}")
		i = j - 1
	}
	return b.String(), verbs
}

// String renders the text in English.
func (t Text) String() string {
	s, _ := t.In("en")
	return s
}

// In renders the text in a language (en, fi or sv). ok is false when a
// part of it has no translation: that part is in English.
func (t Text) In(lang string) (s string, ok bool) {
	if t.Key == "" {
		return "", true // nothing (an optional part left out)
	}
	ok = true
	tmpl := t.Key
	if lang != "en" {
		if tr, found := catalogues[lang][t.Key]; found {
			tmpl = tr
		} else if !neutral(t.Key) {
			ok = false
		}
	}
	args := make([]string, len(t.Args))
	for i, a := range t.Args {
		var aok bool
		args[i], aok = a.in(lang)
		ok = ok && aok
	}
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] == '{' {
			if j := strings.IndexByte(tmpl[i:], '}'); j > 1 {
				if n, err := strconv.Atoi(tmpl[i+1 : i+j]); err == nil && n >= 0 && n < len(args) {
					b.WriteString(args[n])
					i += j
					continue
				}
			}
		}
		b.WriteByte(tmpl[i])
	}
	return b.String(), ok
}

func (a Arg) in(lang string) (string, bool) {
	switch {
	case a.Text != nil:
		return a.Text.In(lang)
	case a.And != nil:
		parts := make([]string, len(a.And))
		ok := true
		for i, t := range a.And {
			var pok bool
			parts[i], pok = t.In(lang)
			ok = ok && pok
		}
		return joinWith(parts, andWord[lang]), ok
	}
	return a.Code, true
}

// neutral reports whether a template has no words, only placeholders and
// punctuation ("{0} {1}", "{0}."): it reads the same in every language.
func neutral(key string) bool {
	return strings.Trim(placeholder.ReplaceAllString(key, ""), " .,:;()") == ""
}

var placeholder = regexp.MustCompile(`\{[0-9]+\}`)

// andWord joins the last two parts of a list.
var andWord = map[string]string{"en": "and", "fi": "ja", "sv": "och"}

func joinWith(s []string, and string) string {
	if and == "" {
		and = "and"
	}
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + and + " " + s[len(s)-1]
}

// MessageLanguages are the languages rule messages are translated to,
// besides English.
var MessageLanguages = []string{"fi", "sv"}

//go:embed messages/*.json
var messageFiles embed.FS

// catalogues maps a language to its translations of the English
// templates.
var catalogues = loadCatalogues()

func loadCatalogues() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range MessageLanguages {
		data, err := messageFiles.ReadFile("messages/" + lang + ".json")
		if err != nil {
			panic("checks: no message catalogue for " + lang)
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			panic("checks: message catalogue " + lang + ": " + err.Error())
		}
		out[lang] = m
	}
	return out
}

// Catalogue returns the translations of rule messages into lang, keyed by
// the English template (for tests and tools).
func Catalogue(lang string) map[string]string { return catalogues[lang] }
