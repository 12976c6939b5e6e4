package report

import (
	"strings"
	"testing"

	"saavu/checks"
)

func TestRenderDoc(t *testing.T) {
	tests := []struct {
		name, md          string
		title, lead, rest string
	}{
		{
			name:  "title, lead and rest",
			md:    "# Images have a text alternative\n\nEvery image needs\nan `alt`.\n\n**How to fix:** decide.\n\n- If it *informs*, write\n  it: `alt=\"x\"`.\n- If not, `alt=\"\"`.\n\nsaavu checks.\n",
			title: "Images have a text alternative",
			lead:  "<p>Every image needs an <code>alt</code>.</p>\n",
			rest:  "<p><strong>How to fix:</strong> decide.</p>\n<ul>\n<li>If it <em>informs</em>, write it: <code>alt=&#34;x&#34;</code>.</li>\n<li>If not, <code>alt=&#34;&#34;</code>.</li>\n</ul>\n<p>saavu checks.</p>\n",
		},
		{
			name:  "a lead that introduces a list keeps it",
			title: "T",
			md:    "# T\n\nContrast ratios:\n\n- 4.5:1 for text\n- 3:1 for large text\n\nMore.\n",
			lead:  "<p>Contrast ratios:</p>\n<ul>\n<li>4.5:1 for text</li>\n<li>3:1 for large text</li>\n</ul>\n",
			rest:  "<p>More.</p>\n",
		},
		{
			name: "numbered list and a subheading",
			md:   "Lead.\n\n## Why\n\n1. one\n2. two\nafter\n",
			lead: "<p>Lead.</p>\n",
			rest: "<h4>Why</h4>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<p>after</p>\n",
		},
		{
			name: "markup in the text is text",
			md:   "<script>alert(1)</script> `<b onclick=x>` **<i>** [x](javascript:alert(1)) [ok](https://www.w3.org/) [q](https://a.example/\"onmouseover=x)\n",
			lead: "<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>&lt;b onclick=x&gt;</code> <strong>&lt;i&gt;</strong> [x](javascript:alert(1)) <a href=\"https://www.w3.org/\">ok</a> [q](https://a.example/&#34;onmouseover=x)</p>\n",
		},
		{
			name: "unclosed marks stay text",
			md:   "a * b ** c ` d [e\n",
			lead: "<p>a * b ** c ` d [e</p>\n",
		},
		{
			name: "a hash without a space is text",
			md:   "#hashtag and more\n",
			lead: "<p>#hashtag and more</p>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := renderDoc(tt.md)
			if d.Title != tt.title || string(d.Lead) != tt.lead || string(d.Rest) != tt.rest {
				t.Errorf("renderDoc:\ntitle %q\nlead  %q\nrest  %q\nwant\ntitle %q\nlead  %q\nrest  %q", d.Title, d.Lead, d.Rest, tt.title, tt.lead, tt.rest)
			}
		})
	}
}

// TestRenderDocsOfRules renders every rule explanation, in every language:
// each has a title and a lead, and only the elements renderDoc makes.
func TestRenderDocsOfRules(t *testing.T) {
	allowed := map[string]bool{"p": true, "ul": true, "ol": true, "li": true, "h4": true, "strong": true, "em": true, "code": true, "a": true}
	for _, r := range checks.All() {
		for _, lang := range Languages {
			doc, _ := r.DocIn(lang)
			d := renderDoc(doc)
			if d.Title == "" || d.Lead == "" {
				t.Errorf("%s (%s): no title or lead", r.ID, lang)
			}
			for _, part := range []string{string(d.Lead), string(d.Rest)} {
				for _, tag := range strings.Split(part, "<")[1:] {
					name := strings.TrimPrefix(strings.FieldsFunc(tag, func(c rune) bool { return c == '>' || c == ' ' })[0], "/")
					if !allowed[name] {
						t.Errorf("%s (%s): unexpected element <%s>", r.ID, lang, name)
					}
				}
			}
		}
	}
}
