package checks

import (
	"testing"
)

func TestPageHelp(t *testing.T) {
	const src = `<!DOCTYPE html><html lang="fi"><head><title>T</title></head><body>
<header><a href="/">Logo</a><a href="tel:+358 9 123 4567">Soita</a>
<nav aria-label="Päävalikko"><a href="/asuminen">Asuminen</a><a href="/ota-yhteytta">Ota yhteyttä</a></nav></header>
<main><h1>Otsikko</h1><p>Lue <a href="/ohjeet">ohjeet</a>. Y-tunnus 0201256-6.</p></main>
<aside><p>Neuvonta puh. 09 310 1691</p></aside>
<footer><p>Kunta, PL 1, 00099 Kunta. Y-tunnus 0201256-6</p><a href="mailto:Kirjaamo@Kunta.fi">kirjaamo@kunta.fi</a>
<a href="/usein-kysytyt-kysymykset">Usein kysytyt kysymykset</a><a href="/saavutettavuusseloste">Saavutettavuusseloste</a></footer>
<div id="giosg_chat_container"><a href="#">Chat</a></div>
</body></html>`
	p := htmlPage(t, "https://kunta.example/asuminen", src)
	f := PageFacts(p)
	want := []Help{
		{Kind: HelpPhone, Target: "tel:+35891234567", Region: "banner", Place: "before"},
		{Kind: HelpContact, Target: "/ota-yhteytta", Name: "Ota yhteyttä", Region: "banner", Place: "before"},
		{Kind: HelpPhone, Target: "tel:093101691", Region: "complementary", Place: "after", Text: true},
		{Kind: HelpEmail, Target: "mailto:kirjaamo@kunta.fi", Region: "contentinfo", Place: "after"},
		{Kind: HelpSelf, Target: "/usein-kysytyt-kysymykset", Name: "Usein kysytyt kysymykset", Region: "contentinfo", Place: "after"},
		{Kind: HelpChat, Target: "chat:giosg", Place: "after"},
	}
	if len(f.Help) != len(want) {
		t.Fatalf("help %+v, want %d mechanisms", f.Help, len(want))
	}
	for i, h := range f.Help {
		h.Selector = ""
		if h != want[i] {
			t.Errorf("help %d: %+v, want %+v", i, h, want[i])
		}
	}
}
