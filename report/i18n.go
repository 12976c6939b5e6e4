package report

import (
	"fmt"
	"html/template"
	"strings"
)

// Languages lists the languages of the HTML report.
var Languages = []string{"en", "fi", "sv"}

// translator looks up the HTML report's own words in one language.
type translator struct {
	lang string
	msgs map[string]string
}

// t returns the text of key; a missing key is an error, so that a typo in
// the template fails the tests instead of showing up in a report.
func (tr translator) t(key string) (string, error) {
	s, ok := tr.msgs[key]
	if !ok {
		return "", fmt.Errorf("no %q text for %q", tr.lang, key)
	}
	return s, nil
}

// tf formats the text of key with args.
func (tr translator) tf(key string, args ...any) (string, error) {
	s, err := tr.t(key)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(s, args...), nil
}

// tn returns the singular (key.one) or plural (key.other) text of key,
// formatted with n when it has a verb. All three languages use the
// singular for exactly one.
func (tr translator) tn(key string, n int) (string, error) {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	s, err := tr.t(key + form)
	if err != nil || !strings.Contains(s, "%") {
		return s, err
	}
	return fmt.Sprintf(s, n), nil
}

// word translates a value from the report (an outcome, impact or error
// kind) under prefix, falling back to the value itself when it is one
// this version does not know.
func (tr translator) word(prefix, value string) string {
	if s, ok := tr.msgs[prefix+value]; ok {
		return s
	}
	return value
}

// funcs are the template functions bound to the language.
func (tr translator) funcs() template.FuncMap {
	return template.FuncMap{
		"t":         tr.t,
		"tf":        tr.tf,
		"tn":        tr.tn,
		"outcome":   func(o string) string { return tr.word("outcome.", o) },
		"scoutcome": func(o string) string { return tr.word("sc.", o) },
		"impact":    func(i string) string { return tr.word("impact.", i) },
		"kind":      func(k string) string { return tr.word("kind.", k) },
		"icon":      func(o string) string { return icons[o] },
		"list":      func(s ...string) []string { return s },
		// enlang marks texts that are always English (rule titles, explanations,
		// messages) in a report in another language.
		"enlang": func() string {
			if tr.lang == "en" {
				return ""
			}
			return "en"
		},
	}
}

// icons repeat the outcome word as a symbol; they are hidden from screen
// readers, and the word is always there, so colour is never the only cue.
var icons = map[string]string{
	"failed":       "✗",
	"cantTell":     "?",
	"passed":       "✓",
	"inapplicable": "–",
	Untested:       "○",
}

// messages holds the HTML report's own text in every language. Every
// language has every key (TestMessagesComplete). Plural texts have a .one
// and an .other form. Rule titles, explanations and element messages come
// from the rules and are in English.
var messages = map[string]map[string]string{
	"en": {
		"doc.title":         "Accessibility report",
		"skip":              "Skip to the report",
		"meta.standard":     "Standard",
		"meta.wcag":         "WCAG %s, level %s",
		"meta.pages":        "Pages",
		"meta.generated":    "Generated",
		"meta.tool":         "Tool",
		"meta.browser":      "Browser",
		"n.pages.one":       "%d page",
		"n.pages.other":     "%d pages",
		"target.local":      "local files",
		"target.more.one":   "and %d more",
		"target.more.other": "and %d more",

		"toc":        "Contents",
		"overview":   "Overview",
		"criteria":   "Success criteria",
		"notaudited": "Pages that could not be audited",
		"pages":      "Results by page",

		"intro.what":            "This report shows the results of automated accessibility tests of the pages listed below. The tests were run in a real web browser against the requirements of the European accessibility standard EN 301 549, which are the same as WCAG 2.1 levels A and AA.",
		"intro.limits":          "Automated tests find only some accessibility problems. Many requirements can only be checked by a person, for example by using the page with a keyboard or a screen reader. A page with no failures here is not yet proven accessible.",
		"stat.audited.one":      "page audited",
		"stat.audited.other":    "pages audited",
		"stat.notaudited.one":   "page could not be audited",
		"stat.notaudited.other": "pages could not be audited",
		"stat.failed.one":       "test failed",
		"stat.failed.other":     "tests failed",
		"stat.cantTell.one":     "test needs review by a person",
		"stat.cantTell.other":   "tests need review by a person",
		"stat.passed.one":       "test passed",
		"stat.passed.other":     "tests passed",
		"stat.explain":          "Each test checks one thing on one page. A test fails when at least one element on the page fails it; the elements are listed under each page.",
		"pages.caption":         "Test results per page",
		"col.page":              "Page",

		"criteria.intro":          "%[1]s %[2]s requires web pages to meet the %[3]d success criteria of WCAG %[4]s at levels A and AA. The table shows, for each criterion, what the automated tests found on the audited pages.",
		"criteria.caption":        "WCAG %s success criteria up to level %s, and the outcome of the automated tests",
		"col.criterion":           "Success criterion",
		"level":                   "Level %s",
		"col.en":                  "EN 301 549",
		"col.outcome":             "Outcome",
		"sc.failed":               "Failed",
		"sc.cantTell":             "Needs review",
		"sc.passed":               "No problems found",
		"sc.inapplicable":         "Not applicable",
		"sc.untested":             "Check by hand",
		"sc.explain.failed":       "An automated test found a problem on at least one page. Fix it.",
		"sc.explain.cantTell":     "An automated test found something that a person must judge.",
		"sc.explain.passed":       "The automated tests found no problems. They cannot cover everything the criterion requires, so a person should still confirm it.",
		"sc.explain.inapplicable": "The automated tests found nothing on the pages that this criterion applies to.",
		"sc.explain.untested":     "No automated test covers this criterion. A person must check it.",
		"n.criteria.one":          "%d criterion",
		"n.criteria.other":        "%d criteria",
		"n.failedpages.one":       "failed on %d page",
		"n.failedpages.other":     "failed on %d pages",
		"tested.by":               "Tests:",

		"notaudited.intro": "These pages could not be checked, so the report says nothing about their accessibility. Fix the reason and run the audit again.",
		"reason":           "Reason",
		"details":          "Details",
		"kind.network":     "Network error",
		"kind.http":        "The server answered with an error",
		"kind.not-html":    "Not a web page",
		"kind.timeout":     "Timed out",
		"kind.hung":        "The page stopped responding",
		"kind.crash":       "The browser tab crashed",
		"kind.browser":     "Browser error",
		"kind.interrupted": "The audit was interrupted",
		"notes":            "Notes about the audit",

		"page":                   "Page",
		"fact.url":               "Address",
		"fact.final":             "Redirected to",
		"fact.status":            "HTTP status",
		"h.failed.one":           "Failed tests (%d)",
		"h.failed.other":         "Failed tests (%d)",
		"h.review.one":           "Tests that need review (%d)",
		"h.review.other":         "Tests that need review (%d)",
		"review.intro":           "A person must look at these elements and decide whether they meet the requirement.",
		"page.clean":             "No automated test failed on this page. A person must still check the criteria that cannot be tested automatically.",
		"h.other.one":            "Passed and not applicable tests (%d)",
		"h.other.other":          "Passed and not applicable tests (%d)",
		"n.passedelements.one":   "%d element passed",
		"n.passedelements.other": "%d elements passed",
		"backtotop":              "Back to the top",

		"outcome.failed":       "Failed",
		"outcome.cantTell":     "Needs review",
		"outcome.passed":       "Passed",
		"outcome.inapplicable": "Not applicable",
		"impact.critical":      "Critical – blocks some users",
		"impact.serious":       "Serious – very hard for some users",
		"impact.moderate":      "Moderate – harder for some users",
		"impact.minor":         "Minor – a nuisance",
		"fact.outcome":         "Outcome",
		"fact.impact":          "Impact on users",
		"fact.wcag":            "WCAG success criterion",
		"fact.en":              "EN 301 549 clause",
		"fact.rule":            "Test",
		"fact.act":             "W3C ACT rule",
		"help":                 "W3C: Understanding success criterion %s (in English)",
		"n.elements.one":       "%d element",
		"n.elements.other":     "%d elements",
		"n.more.one":           "Show %d more element",
		"n.more.other":         "Show %d more elements",
		"node.selector":        "Where (CSS selector)",
		"node.html":            "HTML code",
		"node.screenshot":      "Screenshot",
		"node.shot":            "Screenshot of the element in its place on the page, outlined in pink",

		"footer":         "Made with %s %s, an automated accessibility checker.",
		"footer.english": "The descriptions of the tests and the messages about elements are in English.",
	},
	"fi": {
		"doc.title":         "Saavutettavuusraportti",
		"skip":              "Siirry raporttiin",
		"meta.standard":     "Standardi",
		"meta.wcag":         "WCAG %s, taso %s",
		"meta.pages":        "Sivuja",
		"meta.generated":    "Luotu",
		"meta.tool":         "Työkalu",
		"meta.browser":      "Selain",
		"n.pages.one":       "%d sivu",
		"n.pages.other":     "%d sivua",
		"target.local":      "paikalliset tiedostot",
		"target.more.one":   "ja %d muu",
		"target.more.other": "ja %d muuta",

		"toc":        "Sisältö",
		"overview":   "Yhteenveto",
		"criteria":   "Onnistumiskriteerit",
		"notaudited": "Sivut, joita ei voitu tarkastaa",
		"pages":      "Tulokset sivuittain",

		"intro.what":            "Tämä raportti näyttää alla lueteltujen sivujen automaattisten saavutettavuustestien tulokset. Testit ajettiin oikeassa verkkoselaimessa eurooppalaisen saavutettavuusstandardin EN 301 549 vaatimuksia vasten. Vaatimukset ovat samat kuin WCAG 2.1:n tasoilla A ja AA.",
		"intro.limits":          "Automaattiset testit löytävät vain osan saavutettavuusongelmista. Monet vaatimukset voi tarkistaa vain ihminen, esimerkiksi käyttämällä sivua näppäimistöllä tai ruudunlukijalla. Vaikka tässä ei löytyisi virheitä, sivua ei ole vielä todettu saavutettavaksi.",
		"stat.audited.one":      "sivu tarkastettu",
		"stat.audited.other":    "sivua tarkastettu",
		"stat.notaudited.one":   "sivu jäi tarkastamatta",
		"stat.notaudited.other": "sivua jäi tarkastamatta",
		"stat.failed.one":       "testi ei mennyt läpi",
		"stat.failed.other":     "testiä ei mennyt läpi",
		"stat.cantTell.one":     "testi vaatii ihmisen arvion",
		"stat.cantTell.other":   "testiä vaatii ihmisen arvion",
		"stat.passed.one":       "testi meni läpi",
		"stat.passed.other":     "testiä meni läpi",
		"stat.explain":          "Yksi testi tarkistaa yhden asian yhdeltä sivulta. Testi ei mene läpi, jos yksikin sivun elementti ei läpäise sitä; elementit luetellaan kunkin sivun kohdalla.",
		"pages.caption":         "Testien tulokset sivuittain",
		"col.page":              "Sivu",

		"criteria.intro":          "%[1]s %[2]s edellyttää, että verkkosivut täyttävät WCAG %[4]s:n %[3]d onnistumiskriteeriä tasoilla A ja AA. Taulukko näyttää kunkin kriteerin kohdalla, mitä automaattiset testit löysivät tarkastetuilta sivuilta.",
		"criteria.caption":        "WCAG %s:n onnistumiskriteerit tasolle %s asti ja automaattisten testien tulos",
		"col.criterion":           "Onnistumiskriteeri",
		"level":                   "Taso %s",
		"col.en":                  "EN 301 549",
		"col.outcome":             "Tulos",
		"sc.failed":               "Ei täyty",
		"sc.cantTell":             "Tarkistettava",
		"sc.passed":               "Ongelmia ei löytynyt",
		"sc.inapplicable":         "Ei sovellu",
		"sc.untested":             "Tarkista itse",
		"sc.explain.failed":       "Automaattinen testi löysi ongelman ainakin yhdeltä sivulta. Korjaa se.",
		"sc.explain.cantTell":     "Automaattinen testi löysi jotain, mikä ihmisen on arvioitava.",
		"sc.explain.passed":       "Automaattiset testit eivät löytäneet ongelmia. Ne eivät kata kaikkea, mitä kriteeri vaatii, joten ihmisen on silti varmistettava se.",
		"sc.explain.inapplicable": "Automaattiset testit eivät löytäneet sivuilta mitään, mihin tämä kriteeri soveltuu.",
		"sc.explain.untested":     "Mikään automaattinen testi ei kata tätä kriteeriä. Ihmisen on tarkistettava se.",
		"n.criteria.one":          "%d kriteeri",
		"n.criteria.other":        "%d kriteeriä",
		"n.failedpages.one":       "ei täyty %d sivulla",
		"n.failedpages.other":     "ei täyty %d sivulla",
		"tested.by":               "Testit:",

		"notaudited.intro": "Näitä sivuja ei voitu tarkastaa, joten raportti ei kerro niiden saavutettavuudesta mitään. Korjaa syy ja tee tarkastus uudelleen.",
		"reason":           "Syy",
		"details":          "Lisätiedot",
		"kind.network":     "Verkkovirhe",
		"kind.http":        "Palvelin vastasi virheellä",
		"kind.not-html":    "Ei verkkosivu",
		"kind.timeout":     "Aikakatkaisu",
		"kind.hung":        "Sivu lakkasi vastaamasta",
		"kind.crash":       "Selaimen välilehti kaatui",
		"kind.browser":     "Selainvirhe",
		"kind.interrupted": "Tarkastus keskeytettiin",
		"notes":            "Huomioita tarkastuksesta",

		"page":                   "Sivu",
		"fact.url":               "Osoite",
		"fact.final":             "Ohjautui osoitteeseen",
		"fact.status":            "HTTP-tila",
		"h.failed.one":           "Testit, jotka eivät menneet läpi (%d)",
		"h.failed.other":         "Testit, jotka eivät menneet läpi (%d)",
		"h.review.one":           "Tarkistettavat testit (%d)",
		"h.review.other":         "Tarkistettavat testit (%d)",
		"review.intro":           "Ihmisen on katsottava nämä elementit ja päätettävä, täyttävätkö ne vaatimuksen.",
		"page.clean":             "Yksikään automaattinen testi ei hylännyt tätä sivua. Ihmisen on silti tarkistettava kriteerit, joita ei voi testata automaattisesti.",
		"h.other.one":            "Läpäistyt ja soveltumattomat testit (%d)",
		"h.other.other":          "Läpäistyt ja soveltumattomat testit (%d)",
		"n.passedelements.one":   "%d elementti läpäisi",
		"n.passedelements.other": "%d elementtiä läpäisi",
		"backtotop":              "Takaisin alkuun",

		"outcome.failed":       "Ei läpäissyt",
		"outcome.cantTell":     "Tarkistettava",
		"outcome.passed":       "Läpäisi",
		"outcome.inapplicable": "Ei sovellu",
		"impact.critical":      "Kriittinen – estää joidenkin käytön",
		"impact.serious":       "Vakava – erittäin vaikeaa joillekin",
		"impact.moderate":      "Kohtalainen – vaikeuttaa joidenkin käyttöä",
		"impact.minor":         "Vähäinen – haittaa käyttöä",
		"fact.outcome":         "Tulos",
		"fact.impact":          "Vaikutus käyttäjiin",
		"fact.wcag":            "WCAG-onnistumiskriteeri",
		"fact.en":              "EN 301 549 -kohta",
		"fact.rule":            "Testi",
		"fact.act":             "W3C:n ACT-sääntö",
		"help":                 "W3C: onnistumiskriteerin %s selitys (englanniksi)",
		"n.elements.one":       "%d elementti",
		"n.elements.other":     "%d elementtiä",
		"n.more.one":           "Näytä %d elementti lisää",
		"n.more.other":         "Näytä %d elementtiä lisää",
		"node.selector":        "Sijainti (CSS-valitsin)",
		"node.html":            "HTML-koodi",
		"node.screenshot":      "Kuvakaappaus",
		"node.shot":            "Kuvakaappaus elementistä paikallaan sivulla, vaaleanpunaisella rajattuna",

		"footer":         "Raportin teki %s %s, automaattinen saavutettavuuden tarkastustyökalu.",
		"footer.english": "Testien kuvaukset ja elementtejä koskevat viestit ovat englanniksi.",
	},
	"sv": {
		"doc.title":         "Tillgänglighetsrapport",
		"skip":              "Hoppa till rapporten",
		"meta.standard":     "Standard",
		"meta.wcag":         "WCAG %s, nivå %s",
		"meta.pages":        "Sidor",
		"meta.generated":    "Skapad",
		"meta.tool":         "Verktyg",
		"meta.browser":      "Webbläsare",
		"n.pages.one":       "%d sida",
		"n.pages.other":     "%d sidor",
		"target.local":      "lokala filer",
		"target.more.one":   "och %d till",
		"target.more.other": "och %d till",

		"toc":        "Innehåll",
		"overview":   "Översikt",
		"criteria":   "Framgångskriterier",
		"notaudited": "Sidor som inte kunde granskas",
		"pages":      "Resultat per sida",

		"intro.what":            "Den här rapporten visar resultaten av automatiska tillgänglighetstester av sidorna nedan. Testerna kördes i en riktig webbläsare mot kraven i den europeiska tillgänglighetsstandarden EN 301 549, som är desamma som i WCAG 2.1 nivå A och AA.",
		"intro.limits":          "Automatiska tester hittar bara en del av tillgänglighetsproblemen. Många krav kan bara granskas av en person, till exempel genom att använda sidan med tangentbord eller skärmläsare. Att inga fel hittas här bevisar ännu inte att sidan är tillgänglig.",
		"stat.audited.one":      "sida granskades",
		"stat.audited.other":    "sidor granskades",
		"stat.notaudited.one":   "sida kunde inte granskas",
		"stat.notaudited.other": "sidor kunde inte granskas",
		"stat.failed.one":       "test underkändes",
		"stat.failed.other":     "tester underkändes",
		"stat.cantTell.one":     "test behöver granskas av en person",
		"stat.cantTell.other":   "tester behöver granskas av en person",
		"stat.passed.one":       "test godkändes",
		"stat.passed.other":     "tester godkändes",
		"stat.explain":          "Varje test kontrollerar en sak på en sida. Ett test underkänns om minst ett element på sidan inte klarar det; elementen listas under varje sida.",
		"pages.caption":         "Testresultat per sida",
		"col.page":              "Sida",

		"criteria.intro":          "%[1]s %[2]s kräver att webbsidor uppfyller de %[3]d framgångskriterierna i WCAG %[4]s på nivå A och AA. Tabellen visar för varje kriterium vad de automatiska testerna hittade på de granskade sidorna.",
		"criteria.caption":        "Framgångskriterierna i WCAG %s upp till nivå %s och resultatet av de automatiska testerna",
		"col.criterion":           "Framgångskriterium",
		"level":                   "Nivå %s",
		"col.en":                  "EN 301 549",
		"col.outcome":             "Resultat",
		"sc.failed":               "Uppfylls inte",
		"sc.cantTell":             "Behöver granskas",
		"sc.passed":               "Inga problem hittades",
		"sc.inapplicable":         "Ej tillämplig",
		"sc.untested":             "Granska manuellt",
		"sc.explain.failed":       "Ett automatiskt test hittade ett problem på minst en sida. Åtgärda det.",
		"sc.explain.cantTell":     "Ett automatiskt test hittade något som en person måste bedöma.",
		"sc.explain.passed":       "De automatiska testerna hittade inga problem. De täcker inte allt som kriteriet kräver, så en person bör ändå bekräfta det.",
		"sc.explain.inapplicable": "De automatiska testerna hittade inget på sidorna som kriteriet gäller.",
		"sc.explain.untested":     "Inget automatiskt test täcker det här kriteriet. En person måste granska det.",
		"n.criteria.one":          "%d kriterium",
		"n.criteria.other":        "%d kriterier",
		"n.failedpages.one":       "uppfylls inte på %d sida",
		"n.failedpages.other":     "uppfylls inte på %d sidor",
		"tested.by":               "Tester:",

		"notaudited.intro": "De här sidorna kunde inte kontrolleras, så rapporten säger ingenting om deras tillgänglighet. Åtgärda orsaken och kör granskningen igen.",
		"reason":           "Orsak",
		"details":          "Detaljer",
		"kind.network":     "Nätverksfel",
		"kind.http":        "Servern svarade med ett fel",
		"kind.not-html":    "Inte en webbsida",
		"kind.timeout":     "Tidsgränsen överskreds",
		"kind.hung":        "Sidan slutade svara",
		"kind.crash":       "Webbläsarfliken kraschade",
		"kind.browser":     "Fel i webbläsaren",
		"kind.interrupted": "Granskningen avbröts",
		"notes":            "Anmärkningar om granskningen",

		"page":                   "Sida",
		"fact.url":               "Adress",
		"fact.final":             "Omdirigerades till",
		"fact.status":            "HTTP-status",
		"h.failed.one":           "Underkända tester (%d)",
		"h.failed.other":         "Underkända tester (%d)",
		"h.review.one":           "Tester som behöver granskas (%d)",
		"h.review.other":         "Tester som behöver granskas (%d)",
		"review.intro":           "En person måste titta på de här elementen och avgöra om de uppfyller kravet.",
		"page.clean":             "Inget automatiskt test underkände den här sidan. En person måste ändå granska de kriterier som inte kan testas automatiskt.",
		"h.other.one":            "Godkända och ej tillämpliga tester (%d)",
		"h.other.other":          "Godkända och ej tillämpliga tester (%d)",
		"n.passedelements.one":   "%d element godkändes",
		"n.passedelements.other": "%d element godkändes",
		"backtotop":              "Tillbaka till början",

		"outcome.failed":       "Underkänd",
		"outcome.cantTell":     "Behöver granskas",
		"outcome.passed":       "Godkänd",
		"outcome.inapplicable": "Ej tillämplig",
		"impact.critical":      "Kritisk – stänger ute vissa användare",
		"impact.serious":       "Allvarlig – mycket svårt för vissa användare",
		"impact.moderate":      "Måttlig – försvårar för vissa användare",
		"impact.minor":         "Mindre – ett irritationsmoment",
		"fact.outcome":         "Resultat",
		"fact.impact":          "Påverkan på användare",
		"fact.wcag":            "WCAG-framgångskriterium",
		"fact.en":              "Avsnitt i EN 301 549",
		"fact.rule":            "Test",
		"fact.act":             "W3C:s ACT-regel",
		"help":                 "W3C: förklaring av framgångskriterium %s (på engelska)",
		"n.elements.one":       "%d element",
		"n.elements.other":     "%d element",
		"n.more.one":           "Visa %d element till",
		"n.more.other":         "Visa %d element till",
		"node.selector":        "Plats (CSS-väljare)",
		"node.html":            "HTML-kod",
		"node.screenshot":      "Skärmbild",
		"node.shot":            "Skärmbild av elementet på sin plats på sidan, inramat i rosa",

		"footer":         "Rapporten skapades med %s %s, ett verktyg för automatisk tillgänglighetsgranskning.",
		"footer.english": "Testernas beskrivningar och meddelandena om element är på engelska.",
	},
}
