package statement

import (
	"fmt"
	"strings"
	"time"

	"saavu/review"
)

// tr looks up the statement's own words in one language. A missing key
// panics: TestMessagesComplete checks that every language has every key.
type tr struct{ lang string }

func translator(lang string) tr { return tr{lang: lang} }

func (t tr) t(key string) string {
	switch {
	case strings.HasPrefix(key, "principle.") && !strings.HasSuffix(key, ".about"):
		return review.PrincipleName(strings.TrimPrefix(key, "principle."), t.lang)
	case strings.HasPrefix(key, "exemption."):
		return review.ExemptionText(strings.TrimPrefix(key, "exemption."), t.lang)
	}
	s, ok := messages[t.lang][key]
	if !ok {
		panic(fmt.Sprintf("statement: no %q text for %q", t.lang, key))
	}
	return s
}

func (t tr) f(key string, args ...any) string { return fmt.Sprintf(t.t(key), args...) }

// date formats a YYYY-MM-DD date in the language ("" stays "").
func (t tr) date(s string) string {
	if d, err := time.Parse("2006-01", s); err == nil {
		if t.lang == "en" {
			return d.Format("January 2006")
		}
		return fmt.Sprintf("%d/%d", d.Month(), d.Year())
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return review.FormatDate(d, t.lang)
}

// where says where the rules found a failure: on how many of the audited
// pages, in which sections of the site.
func (t tr) where(n, total int, sections []string) string {
	const most = 4
	var names []string
	for _, s := range sections {
		if s == "/" {
			s = t.t("where.front")
		}
		names = append(names, s)
	}
	list := strings.Join(names[:min(len(names), most)], ", ")
	if len(names) > most {
		list += ", …"
	}
	return t.f("where.pages", n, total, list)
}

var messages = map[string]map[string]string{
	"en": {
		"counts.documents":    "In the documents linked from the site, of the %[1]d applicable criteria %[2]d are met, %[3]d are not met and %[4]d have not yet been assessed.",
		"documents.fail":      "The documents linked from the site do not meet all the accessibility requirements.",
		"h.documents":         "Documents",
		"clause10":            "clause 10 (documents)",
		"doc.title":           "Accessibility statement",
		"draft":               "Draft: this statement has not been published yet.",
		"intro.fi":            "%s is committed to making its digital services accessible in accordance with the Act on the Provision of Digital Services (306/2019).",
		"intro.eu":            "%s is committed to making its digital services accessible in accordance with Directive (EU) 2016/2102 on the accessibility of the websites and mobile applications of public sector bodies, and the national law that transposes it.",
		"national.law":        "National law: %s.",
		"scope":               "This accessibility statement applies to:",
		"app.version":         "version %s",
		"opening.prepared":    "This statement was prepared on %s.",
		"opening.reviewed":    "This statement was prepared on %s and last reviewed on %s.",
		"method.self":         "The accessibility was assessed by the organisation itself.",
		"method.thirdParty":   "The accessibility was assessed by a third party: %s.",
		"h.status":            "Compliance status",
		"status.full":         "This service is fully compliant with the accessibility requirements.",
		"status.partial":      "This service is partially compliant with the accessibility requirements.",
		"status.none":         "This service is not compliant with the accessibility requirements: most requirements are not met.",
		"benchmark":           "The requirements are those of the standard %[1]s %[2]s: the success criteria of WCAG %[3]s at levels A and AA.",
		"counts":              "Of the %[1]d applicable success criteria, %[2]d are met, %[3]d are not met and %[4]d have not yet been assessed.",
		"status.rule":         "How the status is decided: fully compliant when every applicable criterion is met, on the pages and in the linked documents, and no content is exempted; not compliant when more than half of the applicable criteria on the pages are not met; otherwise partially compliant.",
		"h.nonaccessible":     "Non-accessible content",
		"nonaccessible.intro": "The content listed below is not yet accessible, for the reasons given.",
		"h.requirements":      "Accessibility requirements that are not met",
		"none.failed":         "No failures to meet the requirements are known.",
		"item.where":          "Where: %s",
		"item.fixBy":          "To be fixed by %s.",
		"item.alternative":    "Alternative: %s",
		"item.assessment":     "Assessment of the burden: %s",
		"item.exemption":      "Reason: %s",
		"item.documents":      "in linked documents",
		"where.pages":         "on %[1]d of the %[2]d pages checked (sections: %[3]s)",
		"where.front":         "front page",
		"where.documents":     "in documents linked from the site",
		"unofficial":          "unofficial translation",
		"unofficial.note":     "",
		"h.burden":            "Disproportionate burden",
		"burden.intro":        "The following content is temporarily exempted from the accessibility requirements as a disproportionate burden.",
		"h.outofscope":        "Content that is not within the scope of the legislation",
		"outofscope.intro":    "The following content is outside the scope of the accessibility requirements.",
		"h.noverdict":         "Requirements not yet assessed",
		"noverdict.intro":     "The following success criteria have not yet been assessed: they cannot be checked automatically, and their assessment is under way.",
		"h.preparation":       "Preparation of this accessibility statement",
		"prep.sample":         "The assessment covered %[1]d pages, chosen as a sample by the EU monitoring methodology. They were tested automatically with %[2]s, and an expert checked by hand the requirements that automated tests cannot decide.",
		"prep.pages":          "The assessment covered %[1]d pages. They were tested automatically with %[2]s, and an expert checked by hand the requirements that automated tests cannot decide.",
		"prep.results":        "The automated tests were run on %s.",
		"prep.notrun":         "The following automated checks were not run, or ran without the tests made in the browser (a quick audit): %s.",
		"prep.report":         "Evaluation report",
		"prep.yearly":         "The statement is reviewed at least once a year, and whenever the service changes substantially.",
		"h.feedback":          "Feedback and contact information",
		"feedback.ask":        "Did you find an accessibility problem in our service? Tell us, and we will do our best to fix it. You can also ask us for information or content that is not accessible.",
		"feedback.form":       "Feedback form",
		"feedback.email":      "Email",
		"feedback.phone":      "Phone",
		"feedback.days":       "We reply within %d days.",
		"contact.unit":        "Responsible for accessibility",
		"contact.address":     "Address",
		"h.enforcement":       "Enforcement procedure",
		"enforcement.fi":      "If you notice an accessibility problem in our service, tell us first. We will reply within %d days. If you are not satisfied with our reply, or you get no reply within %d days, you can file a complaint with the supervisory authority. You can also ask the supervisory authority to investigate whether the service meets the accessibility requirements (a request for investigation); the investigation ends in a decision that can be appealed. The authority's website explains how to do either.",
		"enforcement.eu":      "If you are not satisfied with our reply, or you get no reply within %d days, you can turn to the enforcement body.",
		"h.authority":         "Contact details of the enforcement body",
		"authority.site":      "Website",
		"h.more":              "More about accessibility",
		"more.published":      "The service was published on %s.",
		"more.revised":        "The service was last substantially revised on %s.",
		"more.policy":         "Accessibility policy",
		"more.actionPlan":     "Action plan",
		"more.training":       "Training",
		"more.userTesting":    "User testing",
		"more.technologies":   "The service relies on these technologies: %s.",
		"more.testedWith":     "Accessibility was tested with: %s.",
		"principle.1.about":   "Information and controls must be presented so that users can perceive them.",
		"principle.2.about":   "Controls and navigation must be operable.",
		"principle.3.about":   "Information and the operation of the service must be understandable.",
		"principle.4.about":   "Content must work reliably with different browsers and assistive technologies.",
		"criterion":           "Criterion",
	},
	"fi": {
		"counts.documents":    "Sivustolta linkitetyissä asiakirjoissa sovellettavia kriteerejä on %[1]d: niistä %[2]d täyttyy, %[3]d ei täyty ja %[4]d on vielä arvioimatta.",
		"documents.fail":      "Sivustolta linkitetyt asiakirjat eivät täytä kaikkia saavutettavuusvaatimuksia.",
		"h.documents":         "Asiakirjat",
		"clause10":            "luku 10 (asiakirjat)",
		"doc.title":           "Saavutettavuusseloste",
		"draft":               "Luonnos: tätä selostetta ei ole vielä julkaistu.",
		"intro.fi":            "%s pyrkii varmistamaan digipalvelujensa saavutettavuuden lain digitaalisten palvelujen tarjoamisesta (306/2019) mukaisesti.",
		"intro.eu":            "%s pyrkii varmistamaan digipalvelujensa saavutettavuuden julkisen sektorin elinten verkkosivustojen ja mobiilisovellusten saavutettavuudesta annetun direktiivin (EU) 2016/2102 ja sen voimaan saattavan kansallisen lainsäädännön mukaisesti.",
		"national.law":        "Kansallinen laki: %s.",
		"scope":               "Tämä saavutettavuusseloste koskee seuraavia digipalveluja:",
		"app.version":         "versio %s",
		"opening.prepared":    "Seloste on laadittu %s.",
		"opening.reviewed":    "Seloste on laadittu %s ja päivitetty viimeksi %s.",
		"method.self":         "Digipalvelun saavutettavuus on arvioitu itsearviointina.",
		"method.thirdParty":   "Digipalvelun saavutettavuuden on arvioinut ulkopuolinen asiantuntija: %s.",
		"h.status":            "Digipalvelun saavutettavuuden tila",
		"status.full":         "Digipalvelu täyttää saavutettavuusvaatimukset kokonaan.",
		"status.partial":      "Digipalvelu täyttää saavutettavuusvaatimukset osittain.",
		"status.none":         "Digipalvelu ei täytä saavutettavuusvaatimuksia: suurin osa vaatimuksista ei toteudu.",
		"benchmark":           "Vaatimukset ovat standardin %[1]s %[2]s mukaiset eli WCAG %[3]s -ohjeiston tasojen A ja AA onnistumiskriteerit.",
		"counts":              "Sovellettavia onnistumiskriteerejä on %[1]d: niistä %[2]d täyttyy, %[3]d ei täyty ja %[4]d on vielä arvioimatta.",
		"status.rule":         "Tila määräytyy näin: vaatimukset täyttyvät kokonaan, kun jokainen sovellettava kriteeri täyttyy sekä sivuilla että linkitetyissä asiakirjoissa eikä mitään sisältöä ole vapautettu vaatimuksista; ne eivät täyty, kun yli puolet sivujen sovellettavista kriteereistä ei täyty; muuten ne täyttyvät osittain.",
		"h.nonaccessible":     "Digipalvelun ei-saavutettava sisältö",
		"nonaccessible.intro": "Alla kerrotaan, mikä digipalvelussa ei vielä ole saavutettavaa ja miksi.",
		"h.requirements":      "Saavutettavuusvaatimukset, jotka eivät täyty",
		"none.failed":         "Tunnettuja puutteita vaatimusten täyttymisessä ei ole.",
		"item.where":          "Missä: %s",
		"item.fixBy":          "Korjataan viimeistään %s.",
		"item.alternative":    "Vaihtoehto: %s",
		"item.assessment":     "Arvio kohtuuttomasta rasitteesta: %s",
		"item.exemption":      "Peruste: %s",
		"item.documents":      "linkitetyissä asiakirjoissa",
		"where.pages":         "%[1]d sivulla %[2]d tarkastetusta (osiot: %[3]s)",
		"where.front":         "etusivu",
		"where.documents":     "sivustolta linkitetyissä asiakirjoissa",
		"unofficial":          "epävirallinen käännös",
		"unofficial.note":     "",
		"h.burden":            "Kohtuuton rasite",
		"burden.intro":        "Seuraava sisältö on vapautettu saavutettavuusvaatimuksista väliaikaisesti kohtuuttoman rasitteen perusteella.",
		"h.outofscope":        "Sisältö, joka ei kuulu lainsäädännön soveltamisalaan",
		"outofscope.intro":    "Seuraava sisältö ei kuulu saavutettavuusvaatimusten soveltamisalaan.",
		"h.noverdict":         "Vaatimukset, joita ei ole vielä arvioitu",
		"noverdict.intro":     "Seuraavien onnistumiskriteerien täyttymistä ei ole vielä arvioitu: niitä ei voi tarkistaa automaattisesti, ja arviointi on kesken.",
		"h.preparation":       "Selosteen laatiminen",
		"prep.sample":         "Arvioinnissa tarkastettiin %[1]d sivua, jotka valittiin EU:n seurantamenetelmän mukaisella otannalla. Sivut testattiin automaattisesti työkalulla %[2]s, ja asiantuntija tarkisti käsin ne vaatimukset, joita automaattiset testit eivät pysty ratkaisemaan.",
		"prep.pages":          "Arvioinnissa tarkastettiin %[1]d sivua. Sivut testattiin automaattisesti työkalulla %[2]s, ja asiantuntija tarkisti käsin ne vaatimukset, joita automaattiset testit eivät pysty ratkaisemaan.",
		"prep.results":        "Automaattiset testit tehtiin %s.",
		"prep.notrun":         "Seuraavia automaattisia tarkistuksia ei tehty, tai ne tehtiin ilman selaimessa tehtäviä testejä (pikatarkastus): %s.",
		"prep.report":         "Arviointiraportti",
		"prep.yearly":         "Seloste tarkistetaan vähintään kerran vuodessa ja aina, kun digipalvelu muuttuu olennaisesti.",
		"h.feedback":          "Palaute ja yhteystiedot",
		"feedback.ask":        "Huomasitko saavutettavuuspuutteen digipalvelussamme? Kerro se meille, niin teemme parhaamme puutteen korjaamiseksi. Voit myös pyytää meiltä tietoa tai sisältöä, joka ei ole saavutettavaa.",
		"feedback.form":       "Palautelomake",
		"feedback.email":      "Sähköposti",
		"feedback.phone":      "Puhelin",
		"feedback.days":       "Vastaamme %d päivän kuluessa.",
		"contact.unit":        "Saavutettavuudesta vastaa",
		"contact.address":     "Osoite",
		"h.enforcement":       "Valvontaviranomainen",
		"enforcement.fi":      "Jos huomaat digipalvelussamme saavutettavuuspuutteen, kerro siitä ensin meille. Vastaamme %d päivän kuluessa. Jos et ole tyytyväinen vastaukseemme tai et saa vastausta %d päivän kuluessa, voit tehdä valvontaviranomaiselle kantelun. Voit myös pyytää valvontaviranomaista selvittämään, täyttääkö digipalvelu saavutettavuusvaatimukset (selvityspyyntö); selvityksestä annetaan päätös, johon voi hakea muutosta. Valvontaviranomaisen verkkosivuilla kerrotaan, miten kantelu ja selvityspyyntö tehdään.",
		"enforcement.eu":      "Jos et ole tyytyväinen vastaukseemme tai et saa vastausta %d päivän kuluessa, voit kääntyä valvontaviranomaisen puoleen.",
		"h.authority":         "Valvontaviranomaisen yhteystiedot",
		"authority.site":      "Verkkosivusto",
		"h.more":              "Lisätietoja saavutettavuudesta",
		"more.published":      "Digipalvelu on julkaistu %s.",
		"more.revised":        "Digipalvelua on viimeksi uudistettu olennaisesti %s.",
		"more.policy":         "Saavutettavuuslinjaus",
		"more.actionPlan":     "Toimenpidesuunnitelma",
		"more.training":       "Koulutus",
		"more.userTesting":    "Käyttäjätestaus",
		"more.technologies":   "Digipalvelu perustuu seuraaviin tekniikoihin: %s.",
		"more.testedWith":     "Saavutettavuutta on testattu seuraavilla: %s.",
		"principle.1.about":   "Tieto ja käyttöliittymän osat on esitettävä niin, että käyttäjä voi havaita ne.",
		"principle.2.about":   "Käyttöliittymän osien ja navigoinnin on oltava käytettävissä.",
		"principle.3.about":   "Tiedon ja käyttöliittymän toiminnan on oltava ymmärrettäviä.",
		"principle.4.about":   "Sisällön on toimittava luotettavasti erilaisilla selaimilla ja avustavilla teknologioilla.",
		"criterion":           "Kriteeri",
	},
	"sv": {
		"counts.documents":    "I dokumenten som webbplatsen länkar till finns %[1]d tillämpliga kriterier: %[2]d uppfylls, %[3]d uppfylls inte och %[4]d har ännu inte bedömts.",
		"documents.fail":      "Dokumenten som webbplatsen länkar till uppfyller inte alla tillgänglighetskrav.",
		"h.documents":         "Dokument",
		"clause10":            "kapitel 10 (dokument)",
		"doc.title":           "Tillgänglighetsutlåtande",
		"draft":               "Utkast: detta utlåtande har ännu inte publicerats.",
		"intro.fi":            "%s strävar efter att göra sina digitala tjänster tillgängliga i enlighet med lagen om tillhandahållande av digitala tjänster (306/2019).",
		"intro.eu":            "%s strävar efter att göra sina digitala tjänster tillgängliga i enlighet med direktiv (EU) 2016/2102 om tillgänglighet avseende offentliga myndigheters webbplatser och mobila applikationer och den nationella lagstiftning som genomför det.",
		"national.law":        "Nationell lag: %s.",
		"scope":               "Detta tillgänglighetsutlåtande gäller följande digitala tjänster:",
		"app.version":         "version %s",
		"opening.prepared":    "Utlåtandet har utarbetats %s.",
		"opening.reviewed":    "Utlåtandet har utarbetats %s och senast uppdaterats %s.",
		"method.self":         "Tillgängligheten har bedömts av organisationen själv.",
		"method.thirdParty":   "Tillgängligheten har bedömts av en extern expert: %s.",
		"h.status":            "Den digitala tjänstens tillgänglighet",
		"status.full":         "Den digitala tjänsten uppfyller tillgänglighetskraven helt.",
		"status.partial":      "Den digitala tjänsten uppfyller tillgänglighetskraven delvis.",
		"status.none":         "Den digitala tjänsten uppfyller inte tillgänglighetskraven: de flesta kraven uppfylls inte.",
		"benchmark":           "Kraven är de i standarden %[1]s %[2]s, det vill säga framgångskriterierna på nivå A och AA i WCAG %[3]s.",
		"counts":              "Av de %[1]d tillämpliga framgångskriterierna uppfylls %[2]d, %[3]d uppfylls inte och %[4]d har ännu inte bedömts.",
		"status.rule":         "Statusen bestäms så här: kraven uppfylls helt när varje tillämpligt kriterium uppfylls, både på sidorna och i de länkade dokumenten, och inget innehåll har undantagits från kraven; de uppfylls inte när över hälften av sidornas tillämpliga kriterier inte uppfylls; annars uppfylls de delvis.",
		"h.nonaccessible":     "Icke tillgängligt innehåll i den digitala tjänsten",
		"nonaccessible.intro": "Nedan beskrivs vad i den digitala tjänsten som ännu inte är tillgängligt och varför.",
		"h.requirements":      "Tillgänglighetskrav som inte uppfylls",
		"none.failed":         "Inga brister i uppfyllandet av kraven är kända.",
		"item.where":          "Var: %s",
		"item.fixBy":          "Åtgärdas senast %s.",
		"item.alternative":    "Alternativ: %s",
		"item.assessment":     "Bedömning av oskälig börda: %s",
		"item.exemption":      "Grund: %s",
		"item.documents":      "i länkade dokument",
		"where.pages":         "på %[1]d av %[2]d granskade sidor (avsnitt: %[3]s)",
		"where.front":         "startsidan",
		"where.documents":     "i dokument som webbplatsen länkar till",
		"unofficial":          "inofficiell översättning",
		"unofficial.note":     "Titlarna på de framgångskriterier som tillkom i WCAG 2.1 är inofficiella översättningar: det finns ingen auktoriserad svensk översättning av WCAG 2.1.",
		"h.burden":            "Oskälig börda",
		"burden.intro":        "Följande innehåll är tillfälligt undantaget från tillgänglighetskraven på grund av oskälig börda.",
		"h.outofscope":        "Innehåll som inte omfattas av lagstiftningen",
		"outofscope.intro":    "Följande innehåll omfattas inte av tillgänglighetskraven.",
		"h.noverdict":         "Krav som ännu inte har bedömts",
		"noverdict.intro":     "Följande framgångskriterier har ännu inte bedömts: de kan inte kontrolleras automatiskt, och bedömningen pågår.",
		"h.preparation":       "Utarbetande av utlåtandet",
		"prep.sample":         "Vid bedömningen granskades %[1]d sidor som valts ut genom ett stickprov enligt EU:s övervakningsmetod. Sidorna testades automatiskt med %[2]s, och en expert kontrollerade för hand de krav som automatiska tester inte kan avgöra.",
		"prep.pages":          "Vid bedömningen granskades %[1]d sidor. Sidorna testades automatiskt med %[2]s, och en expert kontrollerade för hand de krav som automatiska tester inte kan avgöra.",
		"prep.results":        "De automatiska testerna gjordes %s.",
		"prep.notrun":         "Följande automatiska kontroller gjordes inte, eller gjordes utan testerna i webbläsaren (en snabb granskning): %s.",
		"prep.report":         "Bedömningsrapport",
		"prep.yearly":         "Utlåtandet ses över minst en gång om året och alltid när den digitala tjänsten ändras väsentligt.",
		"h.feedback":          "Respons och kontaktuppgifter",
		"feedback.ask":        "Har du upptäckt en brist i tillgängligheten i vår digitala tjänst? Berätta för oss, så gör vi vårt bästa för att rätta till den. Du kan också be oss om information eller innehåll som inte är tillgängligt.",
		"feedback.form":       "Responsformulär",
		"feedback.email":      "E-post",
		"feedback.phone":      "Telefon",
		"feedback.days":       "Vi svarar inom %d dagar.",
		"contact.unit":        "Ansvarig för tillgängligheten",
		"contact.address":     "Adress",
		"h.enforcement":       "Tillsynsmyndighet",
		"enforcement.fi":      "Om du upptäcker en brist i tillgängligheten i vår digitala tjänst, meddela oss först. Vi svarar inom %d dagar. Om du inte är nöjd med vårt svar eller inte får något svar inom %d dagar kan du lämna in ett klagomål till tillsynsmyndigheten. Du kan också be tillsynsmyndigheten utreda om tjänsten uppfyller tillgänglighetskraven (begäran om utredning); utredningen leder till ett beslut som går att överklaga. På tillsynsmyndighetens webbplats får du veta hur du gör.",
		"enforcement.eu":      "Om du inte är nöjd med vårt svar eller inte får något svar inom %d dagar kan du vända dig till tillsynsmyndigheten.",
		"h.authority":         "Tillsynsmyndighetens kontaktuppgifter",
		"authority.site":      "Webbplats",
		"h.more":              "Mer information om tillgänglighet",
		"more.published":      "Den digitala tjänsten publicerades %s.",
		"more.revised":        "Den digitala tjänsten förnyades senast väsentligt %s.",
		"more.policy":         "Tillgänglighetspolicy",
		"more.actionPlan":     "Handlingsplan",
		"more.training":       "Utbildning",
		"more.userTesting":    "Användartester",
		"more.technologies":   "Den digitala tjänsten bygger på följande tekniker: %s.",
		"more.testedWith":     "Tillgängligheten har testats med: %s.",
		"principle.1.about":   "Information och komponenter ska presenteras så att användaren kan uppfatta dem.",
		"principle.2.about":   "Komponenter och navigering ska gå att använda.",
		"principle.3.about":   "Information och användargränssnittets funktion ska vara begripliga.",
		"principle.4.about":   "Innehållet ska fungera tillförlitligt med olika webbläsare och hjälpmedel.",
		"criterion":           "Kriterium",
	},
}
