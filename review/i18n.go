package review

import (
	"fmt"
	"strings"
)

// tr looks up saavu's own words of the worksheet and its views in one
// language. A missing key panics: TestMessagesComplete checks that every
// language has every key.
type tr struct{ lang string }

func translator(lang string) tr { return tr{lang: lang} }

func (t tr) t(key string) string {
	s, ok := messages[t.lang][key]
	if !ok {
		panic(fmt.Sprintf("review: no %q text for %q", t.lang, key))
	}
	return s
}

func (t tr) f(key string, args ...any) string { return fmt.Sprintf(t.t(key), args...) }

// n returns the singular (key.one) or plural (key.other) form, formatted
// with n.
func (t tr) n(key string, n int) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	s := t.t(key + form)
	if strings.Contains(s, "%") {
		return fmt.Sprintf(s, n)
	}
	return s
}

// join lists words with the language's "or": a, b or c.
func (t tr) join(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + t.t("or") + " " + words[len(words)-1]
}

// PrincipleName returns the name of a WCAG principle ("1" to "4") in lang.
func PrincipleName(p, lang string) string { return translator(lang).t("principle." + p) }

// ExemptionText describes an exemption of the Web Accessibility Directive
// art. 1(4) (one of Exemptions) in lang.
func ExemptionText(e, lang string) string { return translator(lang).t("exemption." + e) }

// messages holds the worksheet's own text in every language.
var messages = map[string]map[string]string{
	"en": {
		"verdict.automatic":                    "by the automated tests",
		"documents.verdict.comment":            "pass, fail or notApplicable: for every document criterion below without its own",
		"view.title":                           "Review worksheet",
		"view.skip":                            "Skip to the worksheet",
		"view.law":                             "Law",
		"law.fi":                               "Finland: Act on the Provision of Digital Services (306/2019)",
		"law.eu":                               "EU: Web Accessibility Directive (EU) 2016/2102",
		"view.standard":                        "Standard",
		"view.results":                         "Automated results",
		"view.results.text.one":                "%d page audited",
		"view.results.text.other":              "%d pages audited",
		"view.intro":                           "This is a read-only view of the review worksheet. Verdicts and notes are written in the YAML file, from which saavu makes this view.",
		"view.partial":                         "Partial audit: these rules did not run, or ran without the live-page tests (--profile quick):",
		"view.summary":                         "Summary",
		"count.pass":                           "pass",
		"count.fail":                           "fail",
		"count.notApplicable":                  "not applicable",
		"count.none":                           "no verdict yet",
		"verdict.pass":                         "Pass",
		"verdict.fail":                         "Fail",
		"verdict.notApplicable":                "Not applicable",
		"verdict.none":                         "No verdict yet",
		"confirm.pass":                         "Passes",
		"confirm.fail":                         "Fails",
		"confirm.none":                         "To confirm",
		"outcome.failed":                       "Failed",
		"outcome.cantTell":                     "To check",
		"outcome.passed":                       "Passed",
		"outcome.inapplicable":                 "Nothing to test",
		"outcome.noProblemsFound":              "No problems found",
		"outcome.untested":                     "Not tested",
		"view.overview.caption":                "Criteria, automated results and verdicts",
		"view.col.criterion":                   "Success criterion",
		"view.col.automated":                   "Automated tests",
		"view.col.items":                       "Items confirmed",
		"view.col.verdict":                     "Verdict",
		"view.recheck.short":                   "re-check",
		"view.recheck":                         "Re-check",
		"view.link":                            "Link to the accessibility statement",
		"view.link.notrun":                     "The statement-link rule did not run, so the pages were not checked for a link to the accessibility statement. 'saavu crawl --sample N' runs it.",
		"view.link.without.one":                "%d audited page has no link to an accessibility statement; the model statement asks for one on every page:",
		"view.link.without.other":              "%d audited pages have no link to an accessibility statement; the model statement asks for one on every page:",
		"view.link.all":                        "Every audited page links to an accessibility statement.",
		"view.level":                           "Level %s",
		"view.notes":                           "Notes",
		"view.issues":                          "Issues for the statement",
		"view.where":                           "where",
		"view.how":                             "How to check",
		"view.checkon":                         "Check on",
		"view.items":                           "Items to confirm",
		"view.col.page":                        "Page",
		"view.col.element":                     "Element",
		"view.col.message":                     "What to check",
		"view.col.confirm":                     "Confirmation",
		"view.documents":                       "Documents",
		"view.documents.caption":               "Criteria for documents (EN 301 549 clause 10)",
		"view.linked.one":                      "linked from %d page",
		"view.linked.other":                    "linked from %d pages",
		"view.pages":                           "Audited pages",
		"view.footer":                          "Made with saavu from the review worksheet.",
		"category.nonCompliance":               "Non-compliance",
		"category.disproportionateBurden":      "Disproportionate burden",
		"category.outOfScope":                  "Outside the scope of the law",
		"issue.fixBy":                          "fix by %s",
		"issue.assessment":                     "assessment: %s",
		"issue.exemption":                      "exemption: %s",
		"issue.alternative":                    "alternative: %s",
		"principle.1":                          "Perceivable",
		"principle.2":                          "Operable",
		"principle.3":                          "Understandable",
		"principle.4":                          "Robust",
		"exemption.officeFilesBefore2018":      "office files published before 23 September 2018 that are not needed for active administrative processes",
		"exemption.prerecordedMediaBefore2020": "prerecorded audio and video published before 23 September 2020",
		"exemption.liveMedia":                  "live audio and video",
		"exemption.maps":                       "online maps and mapping services, where the essential information is provided in an accessible form",
		"exemption.thirdPartyContent":          "third-party content that the body neither funds, develops nor controls",
		"exemption.heritageReproductions":      "reproductions of items in heritage collections that cannot be made fully accessible",
		"exemption.extranetBefore2019":         "extranets and intranets published before 23 September 2019, until they are substantially revised",
		"exemption.archivedContent":            "archived content that is not needed for active administrative processes and has not been updated after 23 September 2019",
		"or":                                   "or",
		"rule.failed.one":                      "failed on %d page",
		"rule.failed.other":                    "failed on %d pages",
		"rule.cantTell.one":                    "to check on %d page",
		"rule.cantTell.other":                  "to check on %d pages",
		"rule.passed.one":                      "passed on %d page",
		"rule.passed.other":                    "passed on %d pages",
		"rule.none":                            "nothing to test on the audited pages",
		"checkOn.all.one":                      "the audited page",
		"checkOn.all.other":                    "all %d audited pages",
		"checkOn.some":                         "the audited pages with %s",
		"checkOn.none":                         "no audited page has %s: if the site has none, notApplicable fits; if it has some, check them",
		"checkOn.unknown":                      "all audited pages: the rules that find %s did not run",
		"feature.images":                       "images",
		"feature.media":                        "video or audio",
		"feature.forms":                        "forms",
		"feature.widgets":                      "interactive widgets (menus, tabs, dialogs…)",
		"feature.moving":                       "content that moves or updates by itself",
		"feature.keys":                         "keyboard shortcuts",
		"feature.motion":                       "functions worked by moving the device",
		"feature.hover":                        "content shown on hover",
		"feature.languages":                    "passages in other languages",
		"evidence.failed.one":                  "failed on %d page",
		"evidence.failed.other":                "failed on %d pages",
		"evidence.cantTell.one":                "%d page to check",
		"evidence.cantTell.other":              "%d pages to check",
		"evidence.passed":                      "passes",
		"evidence.inapplicable":                "nothing to test",
		"evidence.noProblemsFound":             "no problems found",
		"evidence.untested":                    "not tested",
		"recheck":                              "%s then, %s now: re-check",
		"recheck.items.one":                    "%d new item to confirm: re-check",
		"recheck.items.other":                  "%d new items to confirm: re-check",
		"gone":                                 "not found in the newer results: remove this item once you have read your notes",
		"header": `saavu review worksheet: what a person must check before the
accessibility statement can be written. Made by 'saavu review'.

Fill in, for each criterion:
  verdict:  pass, fail or notApplicable: the verdict that counts for the
            statement. Leave it empty until you have checked.
  notes:    why. A pass on a criterion with automated failures needs one.
  issues:   for a failure, one entry per problem, e.g.
              - category: nonCompliance     # or disproportionateBurden, outOfScope
                what: The map has no text alternative.
                where: /palvelut/kartta
                fixBy: 2026-06-30           # the planned fix
                assessment: ""              # disproportionateBurden: the burden assessment
                exemption: ""               # outOfScope: officeFilesBefore2018,
                                            #   prerecordedMediaBefore2020, liveMedia, maps,
                                            #   thirdPartyContent, heritageReproductions,
                                            #   extranetBefore2019, archivedContent
                alternative: Phone service 09 123 4567.
  items:    confirm: pass or fail for each element the rules could not decide.
A text may be one string, or one per language: {fi: …, sv: …, en: …}.

saavu writes automated, checkOn, howToCheck and each item's page, rule,
element, snippet and message. 'saavu review --update review.yaml NEWER.json'
rewrites them from newer results and keeps what you wrote, comments too;
it sets recheck on a verdict whose evidence changed: delete that line once
you have checked again.`,
		"verdict.comment":      "pass, fail or notApplicable",
		"confirm.comment":      "pass or fail",
		"statementLink.notRun": "the statement-link rule did not run: 'saavu crawl --sample N' runs it, or add it with --rules",
		"notRun.comment":       "rules of the default set that did not run, or ran without the live-page tests (--profile quick): the audit was partial",
		"documents.comment":    "documents linked from the pages: check them against EN 301 549 clause 10",
	},
	"fi": {
		"verdict.automatic":                    "automaattisten testien perusteella",
		"documents.verdict.comment":            "pass, fail tai notApplicable: jokaiselle alla olevalle asiakirjakriteerille, jolla ei ole omaa arviota",
		"view.title":                           "Tarkastuslomake",
		"view.skip":                            "Siirry lomakkeeseen",
		"view.law":                             "Laki",
		"law.fi":                               "Suomi: laki digitaalisten palvelujen tarjoamisesta (306/2019)",
		"law.eu":                               "EU: saavutettavuusdirektiivi (EU) 2016/2102",
		"view.standard":                        "Standardi",
		"view.results":                         "Automaattiset tulokset",
		"view.results.text.one":                "%d sivu tarkastettu",
		"view.results.text.other":              "%d sivua tarkastettu",
		"view.intro":                           "Tämä on tarkastuslomakkeen lukunäkymä. Arviot ja muistiinpanot kirjataan YAML-tiedostoon, josta saavu tuottaa tämän näkymän.",
		"view.partial":                         "Osittainen tarkastus: näitä sääntöjä ei käytetty, tai niitä käytettiin ilman selaimessa tehtäviä testejä (--profile quick):",
		"view.summary":                         "Yhteenveto",
		"count.pass":                           "täyttyy",
		"count.fail":                           "ei täyty",
		"count.notApplicable":                  "ei sovellu",
		"count.none":                           "arvio puuttuu",
		"verdict.pass":                         "Täyttyy",
		"verdict.fail":                         "Ei täyty",
		"verdict.notApplicable":                "Ei sovellu",
		"verdict.none":                         "Ei arviota",
		"confirm.pass":                         "Kunnossa",
		"confirm.fail":                         "Virhe",
		"confirm.none":                         "Vahvistamatta",
		"outcome.failed":                       "Epäonnistui",
		"outcome.cantTell":                     "Tarkistettavaa",
		"outcome.passed":                       "Läpäisty",
		"outcome.inapplicable":                 "Ei testattavaa",
		"outcome.noProblemsFound":              "Ei havaittuja ongelmia",
		"outcome.untested":                     "Ei testattu",
		"view.overview.caption":                "Kriteerit, automaattiset tulokset ja arviot",
		"view.col.criterion":                   "Onnistumiskriteeri",
		"view.col.automated":                   "Automaattiset testit",
		"view.col.items":                       "Vahvistetut kohteet",
		"view.col.verdict":                     "Arvio",
		"view.recheck.short":                   "tarkista uudelleen",
		"view.recheck":                         "Tarkista uudelleen",
		"view.link":                            "Linkki saavutettavuusselosteeseen",
		"view.link.notrun":                     "statement-link-sääntöä ei käytetty, joten sivuilta ei tarkistettu linkkiä saavutettavuusselosteeseen. 'saavu crawl --sample N' käyttää sitä.",
		"view.link.without.one":                "%d tarkastetulla sivulla ei ole linkkiä saavutettavuusselosteeseen; selostemallin mukaan linkki tarvitaan jokaiselle sivulle:",
		"view.link.without.other":              "%d tarkastetulla sivulla ei ole linkkiä saavutettavuusselosteeseen; selostemallin mukaan linkki tarvitaan jokaiselle sivulle:",
		"view.link.all":                        "Jokaisella tarkastetulla sivulla on linkki saavutettavuusselosteeseen.",
		"view.level":                           "Taso %s",
		"view.notes":                           "Muistiinpanot",
		"view.issues":                          "Puutteet selosteeseen",
		"view.where":                           "missä",
		"view.how":                             "Näin tarkistat",
		"view.checkon":                         "Tarkista sivuilla",
		"view.items":                           "Vahvistettavat kohteet",
		"view.col.page":                        "Sivu",
		"view.col.element":                     "Elementti",
		"view.col.message":                     "Mitä tarkistaa",
		"view.col.confirm":                     "Vahvistus",
		"view.documents":                       "Asiakirjat",
		"view.documents.caption":               "Asiakirjojen kriteerit (EN 301 549, luku 10)",
		"view.linked.one":                      "linkitetty %d sivulta",
		"view.linked.other":                    "linkitetty %d sivulta",
		"view.pages":                           "Tarkastetut sivut",
		"view.footer":                          "Tehty saavu-työkalulla tarkastuslomakkeesta.",
		"category.nonCompliance":               "Vaatimustenvastaisuus",
		"category.disproportionateBurden":      "Kohtuuton rasite",
		"category.outOfScope":                  "Lain soveltamisalan ulkopuolella",
		"issue.fixBy":                          "korjataan viimeistään %s",
		"issue.assessment":                     "arvio: %s",
		"issue.exemption":                      "poikkeus: %s",
		"issue.alternative":                    "vaihtoehto: %s",
		"principle.1":                          "Havaittava",
		"principle.2":                          "Hallittava",
		"principle.3":                          "Ymmärrettävä",
		"principle.4":                          "Toimintavarma",
		"exemption.officeFilesBefore2018":      "ennen 23.9.2018 julkaistut toimisto-ohjelmien tiedostot, joita ei tarvita aktiivisten hallinnollisten tehtävien hoitamiseen",
		"exemption.prerecordedMediaBefore2020": "ennen 23.9.2020 julkaistut ääni- ja videotallenteet",
		"exemption.liveMedia":                  "suorana lähetettävä ääni ja video",
		"exemption.maps":                       "verkkokartat ja karttapalvelut, kun olennaiset tiedot on annettu saavutettavassa muodossa",
		"exemption.thirdPartyContent":          "kolmannen osapuolen sisältö, jota palvelun tarjoaja ei ole rahoittanut tai kehittänyt eikä valvo",
		"exemption.heritageReproductions":      "kulttuuriperintökokoelmien esineiden jäljennökset, joita ei voida saattaa täysin saavutettaviksi",
		"exemption.extranetBefore2019":         "ennen 23.9.2019 julkaistut ekstranetit ja intranetit, kunnes niitä uudistetaan olennaisesti",
		"exemption.archivedContent":            "arkistoitu sisältö, jota ei tarvita aktiivisten hallinnollisten tehtävien hoitamiseen ja jota ei ole päivitetty 23.9.2019 jälkeen",
		"or":                                   "tai",
		"rule.failed.one":                      "epäonnistui %d sivulla",
		"rule.failed.other":                    "epäonnistui %d sivulla",
		"rule.cantTell.one":                    "tarkistettavaa %d sivulla",
		"rule.cantTell.other":                  "tarkistettavaa %d sivulla",
		"rule.passed.one":                      "läpäisty %d sivulla",
		"rule.passed.other":                    "läpäisty %d sivulla",
		"rule.none":                            "ei testattavaa tarkastetuilla sivuilla",
		"checkOn.all.one":                      "tarkastettu sivu",
		"checkOn.all.other":                    "kaikki %d tarkastettua sivua",
		"checkOn.some":                         "tarkastetut sivut, joilla on %s",
		"checkOn.none":                         "millään tarkastetulla sivulla ei ole %s: jos sivustolla ei ole niitä, notApplicable sopii; jos on, tarkista ne",
		"checkOn.unknown":                      "kaikki tarkastetut sivut: sääntöjä, jotka etsivät %s, ei käytetty",
		"feature.images":                       "kuvia",
		"feature.media":                        "videota tai ääntä",
		"feature.forms":                        "lomakkeita",
		"feature.widgets":                      "vuorovaikutteisia osia (valikot, välilehdet, valintaikkunat…)",
		"feature.moving":                       "itsestään liikkuvaa tai päivittyvää sisältöä",
		"feature.keys":                         "pikanäppäimiä",
		"feature.motion":                       "laitetta liikuttamalla käytettäviä toimintoja",
		"feature.hover":                        "osoitinta vietäessä ilmestyvää sisältöä",
		"feature.languages":                    "toisenkielisiä kohtia",
		"evidence.failed.one":                  "epäonnistui %d sivulla",
		"evidence.failed.other":                "epäonnistui %d sivulla",
		"evidence.cantTell.one":                "tarkistettavaa %d sivulla",
		"evidence.cantTell.other":              "tarkistettavaa %d sivulla",
		"evidence.passed":                      "läpäisty",
		"evidence.inapplicable":                "ei testattavaa",
		"evidence.noProblemsFound":             "ei havaittuja ongelmia",
		"evidence.untested":                    "ei testattu",
		"recheck":                              "aiemmin %s, nyt %s: tarkista uudelleen",
		"recheck.items.one":                    "%d uusi vahvistettava kohde: tarkista uudelleen",
		"recheck.items.other":                  "%d uutta vahvistettavaa kohdetta: tarkista uudelleen",
		"gone":                                 "ei löydy uudemmista tuloksista: poista kohde, kun olet lukenut muistiinpanosi",
		"header": `saavu-tarkastuslomake: mitä ihmisen on tarkistettava ennen kuin
saavutettavuusselosteen voi laatia. Tehty komennolla 'saavu review'.

Täytä jokaisen kriteerin kohdalle:
  verdict:  pass, fail tai notApplicable: selosteessa käytettävä arvio.
            Jätä tyhjäksi, kunnes olet tarkistanut.
  notes:    perustelu. Jos automaattiset testit epäonnistuivat, pass
            tarvitsee perustelun.
  issues:   jokaisesta puutteesta oma kohta, esim.
              - category: nonCompliance     # tai disproportionateBurden, outOfScope
                what: Kartalla ei ole tekstivastinetta.
                where: /palvelut/kartta
                fixBy: 2026-06-30           # suunniteltu korjausajankohta
                assessment: ""              # disproportionateBurden: kohtuuttoman rasitteen arvio
                exemption: ""               # outOfScope: officeFilesBefore2018,
                                            #   prerecordedMediaBefore2020, liveMedia, maps,
                                            #   thirdPartyContent, heritageReproductions,
                                            #   extranetBefore2019, archivedContent
                alternative: Puhelinpalvelu 09 123 4567.
  items:    confirm: pass tai fail jokaiselle kohteelle, jota säännöt eivät
            pystyneet ratkaisemaan.
Tekstin voi antaa yhtenä merkkijonona tai kielittäin: {fi: …, sv: …, en: …}.

saavu kirjoittaa kentät automated, checkOn ja howToCheck sekä kohteiden
kentät page, rule, element, snippet ja message. 'saavu review --update
review.yaml UUDEMMAT.json' kirjoittaa ne uudelleen uusista tuloksista ja
säilyttää kaiken, mitä olet kirjoittanut, myös kommentit; se lisää kentän
recheck arvioon, jonka automaattinen näyttö muuttui: poista rivi, kun olet
tarkistanut uudelleen.`,
		"verdict.comment":      "pass, fail tai notApplicable",
		"confirm.comment":      "pass tai fail",
		"statementLink.notRun": "statement-link-sääntö ei ollut käytössä: 'saavu crawl --sample N' käyttää sitä, tai lisää se valinnalla --rules",
		"notRun.comment":       "oletussääntöjä, jotka eivät olleet käytössä tai joita käytettiin ilman selaimessa tehtäviä testejä (--profile quick): tarkastus oli osittainen",
		"documents.comment":    "sivuilta linkitetyt asiakirjat: tarkista ne EN 301 549:n luvun 10 mukaan",
	},
	"sv": {
		"verdict.automatic":                    "enligt de automatiska testerna",
		"documents.verdict.comment":            "pass, fail eller notApplicable: för varje dokumentkriterium nedan utan egen bedömning",
		"view.title":                           "Granskningsblankett",
		"view.skip":                            "Hoppa till blanketten",
		"view.law":                             "Lag",
		"law.fi":                               "Finland: lagen om tillhandahållande av digitala tjänster (306/2019)",
		"law.eu":                               "EU: webbtillgänglighetsdirektivet (EU) 2016/2102",
		"view.standard":                        "Standard",
		"view.results":                         "Automatiska resultat",
		"view.results.text.one":                "%d sida granskad",
		"view.results.text.other":              "%d sidor granskade",
		"view.intro":                           "Detta är en läsvy av granskningsblanketten. Bedömningar och anteckningar skrivs i YAML-filen, som saavu gör denna vy av.",
		"view.partial":                         "Partiell granskning: dessa regler kördes inte, eller kördes utan testerna i webbläsaren (--profile quick):",
		"view.summary":                         "Sammanfattning",
		"count.pass":                           "uppfylls",
		"count.fail":                           "uppfylls inte",
		"count.notApplicable":                  "inte tillämplig",
		"count.none":                           "bedömning saknas",
		"verdict.pass":                         "Uppfylls",
		"verdict.fail":                         "Uppfylls inte",
		"verdict.notApplicable":                "Inte tillämplig",
		"verdict.none":                         "Ingen bedömning",
		"confirm.pass":                         "Godkänd",
		"confirm.fail":                         "Fel",
		"confirm.none":                         "Att bekräfta",
		"outcome.failed":                       "Underkänd",
		"outcome.cantTell":                     "Att kontrollera",
		"outcome.passed":                       "Godkänd",
		"outcome.inapplicable":                 "Inget att testa",
		"outcome.noProblemsFound":              "Inga problem hittades",
		"outcome.untested":                     "Inte testad",
		"view.overview.caption":                "Kriterier, automatiska resultat och bedömningar",
		"view.col.criterion":                   "Framgångskriterium",
		"view.col.automated":                   "Automatiska tester",
		"view.col.items":                       "Bekräftade punkter",
		"view.col.verdict":                     "Bedömning",
		"view.recheck.short":                   "kontrollera på nytt",
		"view.recheck":                         "Kontrollera på nytt",
		"view.link":                            "Länk till tillgänglighetsutlåtandet",
		"view.link.notrun":                     "Regeln statement-link kördes inte, så sidorna kontrollerades inte för en länk till tillgänglighetsutlåtandet. 'saavu crawl --sample N' kör den.",
		"view.link.without.one":                "%d granskad sida saknar länk till ett tillgänglighetsutlåtande; enligt modellen ska varje sida ha en:",
		"view.link.without.other":              "%d granskade sidor saknar länk till ett tillgänglighetsutlåtande; enligt modellen ska varje sida ha en:",
		"view.link.all":                        "Varje granskad sida har en länk till ett tillgänglighetsutlåtande.",
		"view.level":                           "Nivå %s",
		"view.notes":                           "Anteckningar",
		"view.issues":                          "Brister till utlåtandet",
		"view.where":                           "var",
		"view.how":                             "Så här kontrollerar du",
		"view.checkon":                         "Kontrollera på",
		"view.items":                           "Punkter att bekräfta",
		"view.col.page":                        "Sida",
		"view.col.element":                     "Element",
		"view.col.message":                     "Vad ska kontrolleras",
		"view.col.confirm":                     "Bekräftelse",
		"view.documents":                       "Dokument",
		"view.documents.caption":               "Kriterier för dokument (EN 301 549, kapitel 10)",
		"view.linked.one":                      "länkad från %d sida",
		"view.linked.other":                    "länkad från %d sidor",
		"view.pages":                           "Granskade sidor",
		"view.footer":                          "Gjord med saavu från granskningsblanketten.",
		"category.nonCompliance":               "Bristande förenlighet",
		"category.disproportionateBurden":      "Oskälig börda",
		"category.outOfScope":                  "Utanför lagens tillämpningsområde",
		"issue.fixBy":                          "åtgärdas senast %s",
		"issue.assessment":                     "bedömning: %s",
		"issue.exemption":                      "undantag: %s",
		"issue.alternative":                    "alternativ: %s",
		"principle.1":                          "Möjlig att uppfatta",
		"principle.2":                          "Hanterbar",
		"principle.3":                          "Begriplig",
		"principle.4":                          "Robust",
		"exemption.officeFilesBefore2018":      "filer i kontorsformat som publicerats före 23.9.2018 och som inte behövs för aktiva administrativa processer",
		"exemption.prerecordedMediaBefore2020": "förinspelat ljud och förinspelad video som publicerats före 23.9.2020",
		"exemption.liveMedia":                  "direktsänt ljud och direktsänd video",
		"exemption.maps":                       "onlinekartor och karttjänster, när väsentlig information tillhandahålls i tillgänglig form",
		"exemption.thirdPartyContent":          "innehåll från tredje part som organisationen varken finansierar, utvecklar eller kontrollerar",
		"exemption.heritageReproductions":      "reproduktioner av föremål i kulturarvssamlingar som inte kan göras helt tillgängliga",
		"exemption.extranetBefore2019":         "extranät och intranät som publicerats före 23.9.2019, tills de genomgår en omfattande översyn",
		"exemption.archivedContent":            "arkiverat innehåll som inte behövs för aktiva administrativa processer och som inte har uppdaterats efter 23.9.2019",
		"or":                                   "eller",
		"rule.failed.one":                      "underkänd på %d sida",
		"rule.failed.other":                    "underkänd på %d sidor",
		"rule.cantTell.one":                    "att kontrollera på %d sida",
		"rule.cantTell.other":                  "att kontrollera på %d sidor",
		"rule.passed.one":                      "godkänd på %d sida",
		"rule.passed.other":                    "godkänd på %d sidor",
		"rule.none":                            "inget att testa på de granskade sidorna",
		"checkOn.all.one":                      "den granskade sidan",
		"checkOn.all.other":                    "alla %d granskade sidor",
		"checkOn.some":                         "de granskade sidor som har %s",
		"checkOn.none":                         "ingen granskad sida har %s: om webbplatsen inte har några passar notApplicable; om den har, kontrollera dem",
		"checkOn.unknown":                      "alla granskade sidor: reglerna som hittar %s kördes inte",
		"feature.images":                       "bilder",
		"feature.media":                        "video eller ljud",
		"feature.forms":                        "formulär",
		"feature.widgets":                      "interaktiva komponenter (menyer, flikar, dialogrutor …)",
		"feature.moving":                       "innehåll som rör sig eller uppdateras av sig självt",
		"feature.keys":                         "kortkommandon",
		"feature.motion":                       "funktioner som styrs genom att enheten rörs",
		"feature.hover":                        "innehåll som visas vid hovring",
		"feature.languages":                    "avsnitt på andra språk",
		"evidence.failed.one":                  "underkänd på %d sida",
		"evidence.failed.other":                "underkänd på %d sidor",
		"evidence.cantTell.one":                "%d sida att kontrollera",
		"evidence.cantTell.other":              "%d sidor att kontrollera",
		"evidence.passed":                      "godkänd",
		"evidence.inapplicable":                "inget att testa",
		"evidence.noProblemsFound":             "inga problem hittades",
		"evidence.untested":                    "inte testad",
		"recheck":                              "tidigare %s, nu %s: kontrollera på nytt",
		"recheck.items.one":                    "%d ny punkt att bekräfta: kontrollera på nytt",
		"recheck.items.other":                  "%d nya punkter att bekräfta: kontrollera på nytt",
		"gone":                                 "finns inte i de nyare resultaten: ta bort punkten när du har läst dina anteckningar",
		"header": `saavus granskningsblankett: det som en person måste kontrollera innan
tillgänglighetsutlåtandet kan skrivas. Gjord med 'saavu review'.

Fyll i för varje kriterium:
  verdict:  pass, fail eller notApplicable: den bedömning som gäller för
            utlåtandet. Lämna tomt tills du har kontrollerat.
  notes:    motivering. En pass för ett kriterium med automatiska fel
            behöver en.
  issues:   en punkt per brist, t.ex.
              - category: nonCompliance     # eller disproportionateBurden, outOfScope
                what: Kartan saknar textalternativ.
                where: /tjanster/karta
                fixBy: 2026-06-30           # planerad åtgärd
                assessment: ""              # disproportionateBurden: bedömningen av oskälig börda
                exemption: ""               # outOfScope: officeFilesBefore2018,
                                            #   prerecordedMediaBefore2020, liveMedia, maps,
                                            #   thirdPartyContent, heritageReproductions,
                                            #   extranetBefore2019, archivedContent
                alternative: Telefonservice 09 123 4567.
  items:    confirm: pass eller fail för varje element som reglerna inte
            kunde avgöra.
En text kan vara en sträng eller en per språk: {fi: …, sv: …, en: …}.

saavu skriver automated, checkOn och howToCheck samt punkternas page, rule,
element, snippet och message. 'saavu review --update review.yaml NYARE.json'
skriver om dem från nyare resultat och behåller allt du har skrivit, även
kommentarer; den sätter recheck på en bedömning vars automatiska underlag
ändrats: ta bort raden när du har kontrollerat på nytt.`,
		"verdict.comment":      "pass, fail eller notApplicable",
		"confirm.comment":      "pass eller fail",
		"statementLink.notRun": "regeln statement-link kördes inte: 'saavu crawl --sample N' kör den, eller lägg till den med --rules",
		"notRun.comment":       "regler i standarduppsättningen som inte kördes, eller kördes utan testerna i webbläsaren (--profile quick): granskningen var partiell",
		"documents.comment":    "dokument som sidorna länkar till: kontrollera dem enligt kapitel 10 i EN 301 549",
	},
}
