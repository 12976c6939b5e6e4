// Package hugepage writes very large static pages, for the tests and
// benchmarks of how saavu copes with them: a long municipal page of
// sections, each a heading, paragraphs with links, a list of links, a
// small table, an image and a form field, the way a page that lists every
// decision of a council for ten years looks.
package hugepage

import (
	"bufio"
	"fmt"
	"io"
)

// section is one repeated block; sectionElements is how many elements it
// holds.
const section = `<section id="s%[1]d">
<h2>Päätökset %[1]d</h2>
<p>Kunnanhallitus käsitteli asian <a href="/asia/%[1]d">%[1]d</a> ja <strong>hyväksyi</strong> esityksen <em>muutoksitta</em>.</p>
<p>Lisätietoja antaa <a href="mailto:kirjaamo@example.fi">kirjaamo</a>, puhelin <span class="tel">09 123 %[1]d</span>.</p>
<ul><li><a href="/liite/%[1]d/1">Liite 1</a></li><li><a href="/liite/%[1]d/2">Liite 2</a></li><li><a href="/liite/%[1]d/3">Liite 3</a></li></ul>
<table><tr><th scope="col">Päivä</th><th scope="col">Pykälä</th></tr><tr><td>1.2.2024</td><td>§ %[1]d</td></tr></table>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Kuva %[1]d" width="16" height="16">
<label for="c%[1]d">Kommentti</label> <input id="c%[1]d" type="text"> <button type="button">Lähetä</button>
</section>
`

// sectionElements counts the elements of section: section, h2, p, a,
// strong, em, p, a, span, ul, 3×(li, a), table, tbody (the parser's),
// 2×tr, 2×th, 2×td, img, label, input, button.
const sectionElements = 1 + 1 + 4 + 3 + 1 + 6 + 1 + 1 + 2 + 2 + 2 + 1 + 3

// fixed is the number of elements outside the sections: html, head,
// meta, title, style, body, header, a (skip link), nav, ul, 5×(li, a),
// main, h1, footer, p.
const fixed = 6 + 1 + 1 + 1 + 1 + 10 + 1 + 1 + 1 + 1

// Elements is the number of elements of the page Write writes for n.
func Elements(n int) int { return fixed + sections(n)*sectionElements }

func sections(n int) int { return max(1, (n-fixed+sectionElements-1)/sectionElements) }

// Write writes a page of about n elements (at least n; Elements says how
// many).
func Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, `<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Kaikki päätökset – Esimerkkilä</title>
<style>body{font:16px/1.5 sans-serif;margin:0 auto;max-width:60em;color:#222;background:#fff}a{color:#0645ad}section{border-top:1px solid #ccc}</style>
</head><body>
<header><a href="#main">Siirry sisältöön</a>
<nav aria-label="Päävalikko"><ul><li><a href="/">Etusivu</a></li><li><a href="/asuminen">Asuminen</a></li><li><a href="/palvelut">Palvelut</a></li><li><a href="/paatokset">Päätökset</a></li><li><a href="/yhteystiedot">Yhteystiedot</a></li></ul></nav>
</header>
<main id="main"><h1>Kaikki päätökset (%d)</h1>
`, sections(n))
	for i := range sections(n) {
		fmt.Fprintf(bw, section, i+1)
	}
	fmt.Fprint(bw, "</main>\n<footer><p>Esimerkkilän kunta</p></footer>\n</body></html>\n")
	return bw.Flush()
}
