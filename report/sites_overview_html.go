package report

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"strings"
	"time"
)

// overviewHTML writes the overview across sites as one self-contained
// page: the sites by status, those missing from the run and those that
// could not be reached, with why; each site's outcome on each success
// criterion; the barriers most common across sites; the pages audited.
type overviewHTML struct{ lang string }

// overviewView is what sites.html.tmpl renders.
type overviewView struct {
	Lang      string
	O         *SitesOverview
	Time      string
	Missing   []OverviewSite
	Unreached []OverviewSite // unreachable or failed
	Finished  []indexedSite  // the rows of the matrix
	Legend    []string       // the outcomes in the matrix
}

type indexedSite struct {
	Index int // in O.Sites, and so in a criterion's Outcomes
	Site  OverviewSite
}

func (h overviewHTML) WriteOverview(w io.Writer, o *SitesOverview) error {
	lang := h.lang
	if lang == "" {
		lang = "en"
	}
	base, ok := messages[lang]
	if !ok {
		return fmt.Errorf("html overview: unknown language %q (choose one of %s)", lang, strings.Join(Languages, ", "))
	}
	msgs := maps.Clone(base)
	maps.Copy(msgs, overviewMessages[lang])
	tr := translator{lang: lang, msgs: msgs}
	tmpl, err := htmlTmpl.Clone()
	if err != nil {
		return err
	}
	tmpl.Funcs(tr.funcs())
	v := overviewView{Lang: lang, O: o}
	v.Time, _ = formatTime(o.GeneratedAt, lang, time.Local)
	seen := map[string]bool{}
	for i, s := range o.Sites {
		switch s.Status {
		case "finished":
			v.Finished = append(v.Finished, indexedSite{i, s})
		case "missing":
			v.Missing = append(v.Missing, s)
		default:
			v.Unreached = append(v.Unreached, s)
		}
	}
	for _, c := range o.Criteria {
		for _, out := range c.Outcomes {
			seen[out] = true
		}
	}
	for _, out := range []string{"failed", "cantTell", "passed", "inapplicable", NoProblemsFound, Untested} {
		if seen[out] {
			v.Legend = append(v.Legend, out)
		}
	}
	bw := bufio.NewWriter(w)
	if err := tmpl.ExecuteTemplate(bw, "sites.html.tmpl", v); err != nil {
		return fmt.Errorf("html overview: %w", err)
	}
	return bw.Flush()
}

// overviewMessages are the overview's own words; the others (outcomes,
// impacts, "Contents"…) are the HTML report's.
var overviewMessages = map[string]map[string]string{
	"en": {
		"mon.title":              "Accessibility monitoring: overview across sites",
		"mon.skip":               "Skip to the overview",
		"mon.sites":              "Sites",
		"mon.shards":             "Shards",
		"mon.summary":            "Summary",
		"mon.n.finished":         "sites audited",
		"mon.n.unreachable":      "sites that could not be reached",
		"mon.n.missing":          "sites missing from the run",
		"mon.n.audited":          "pages audited",
		"mon.n.failed":           "%d site(s) could not be crawled by saavu: see below for why.",
		"mon.missing":            "Sites missing from the run",
		"mon.missing.intro":      "These sites of the list have no results: their shard did not run, its manifest is missing, or it stopped before them. The overview does not cover them.",
		"mon.missing.caption":    "Missing sites, their shard and why",
		"mon.unreached":          "Sites that could not be audited",
		"mon.unreached.caption":  "Sites that could not be audited and why",
		"mon.matrix.intro":       "The outcome of each success criterion on each audited site. Most criteria need a person to check them as well.",
		"mon.matrix.caption":     "Success criteria by site",
		"mon.none":               "No site was audited.",
		"mon.barriers":           "Most common barriers",
		"mon.barriers.caption":   "Rules that failed, by the number of sites they failed on",
		"mon.nobarriers":         "No rule failed on any audited site.",
		"mon.pages":              "Pages by site",
		"mon.pages.caption":      "Pages audited and not audited on each site",
		"mon.col.site":           "Site",
		"mon.col.shard":          "Shard",
		"mon.col.why":            "Why",
		"mon.col.status":         "Status",
		"mon.col.rule":           "Rule",
		"mon.col.wcag":           "Success criteria",
		"mon.col.impact":         "Impact",
		"mon.col.sites":          "Sites",
		"mon.col.failpages":      "Pages where it failed",
		"mon.col.audited":        "Pages audited",
		"mon.col.notaudited":     "Pages not audited",
		"mon.col.results":        "Results",
		"mon.status.finished":    "Audited",
		"mon.status.unreachable": "Could not be reached",
		"mon.status.failed":      "Crawl failed",
		"mon.status.missing":     "Missing",
	},
	"fi": {
		"mon.title":              "Saavutettavuuden seuranta: yhteenveto sivustoista",
		"mon.skip":               "Siirry yhteenvetoon",
		"mon.sites":              "Sivustot",
		"mon.shards":             "Osat",
		"mon.summary":            "Tiivistelmä",
		"mon.n.finished":         "sivustoa tarkastettu",
		"mon.n.unreachable":      "sivustoa, joihin ei saatu yhteyttä",
		"mon.n.missing":          "sivustoa puuttuu ajosta",
		"mon.n.audited":          "sivua tarkastettu",
		"mon.n.failed":           "saavu ei voinut käydä läpi %d sivustoa: syyt alla.",
		"mon.missing":            "Ajosta puuttuvat sivustot",
		"mon.missing.intro":      "Näillä luettelon sivustoilla ei ole tuloksia: niiden osaa ei ajettu, sen manifesti puuttuu tai se pysähtyi ennen niitä. Yhteenveto ei kata niitä.",
		"mon.missing.caption":    "Puuttuvat sivustot, niiden osa ja syy",
		"mon.unreached":          "Sivustot, joita ei voitu tarkastaa",
		"mon.unreached.caption":  "Sivustot, joita ei voitu tarkastaa, ja syy",
		"mon.matrix.intro":       "Kunkin onnistumiskriteerin tulos kullakin tarkastetulla sivustolla. Useimmat kriteerit on lisäksi tarkistettava itse.",
		"mon.matrix.caption":     "Onnistumiskriteerit sivustoittain",
		"mon.none":               "Yhtään sivustoa ei tarkastettu.",
		"mon.barriers":           "Yleisimmät esteet",
		"mon.barriers.caption":   "Säännöt, jotka eivät täyttyneet, sivustojen määrän mukaan",
		"mon.nobarriers":         "Mikään sääntö ei jäänyt täyttymättä millään tarkastetulla sivustolla.",
		"mon.pages":              "Sivut sivustoittain",
		"mon.pages.caption":      "Tarkastetut ja tarkastamatta jääneet sivut sivustoittain",
		"mon.col.site":           "Sivusto",
		"mon.col.shard":          "Osa",
		"mon.col.why":            "Syy",
		"mon.col.status":         "Tila",
		"mon.col.rule":           "Sääntö",
		"mon.col.wcag":           "Onnistumiskriteerit",
		"mon.col.impact":         "Vakavuus",
		"mon.col.sites":          "Sivustoja",
		"mon.col.failpages":      "Sivuja, joilla ei täyttynyt",
		"mon.col.audited":        "Tarkastettuja sivuja",
		"mon.col.notaudited":     "Tarkastamatta jääneitä sivuja",
		"mon.col.results":        "Tulokset",
		"mon.status.finished":    "Tarkastettu",
		"mon.status.unreachable": "Ei yhteyttä",
		"mon.status.failed":      "Läpikäynti epäonnistui",
		"mon.status.missing":     "Puuttuu",
	},
	"sv": {
		"mon.title":              "Tillgänglighetsövervakning: översikt över webbplatser",
		"mon.skip":               "Hoppa till översikten",
		"mon.sites":              "Webbplatser",
		"mon.shards":             "Delar",
		"mon.summary":            "Sammanfattning",
		"mon.n.finished":         "webbplatser granskade",
		"mon.n.unreachable":      "webbplatser som inte kunde nås",
		"mon.n.missing":          "webbplatser saknas i körningen",
		"mon.n.audited":          "sidor granskade",
		"mon.n.failed":           "saavu kunde inte genomsöka %d webbplats(er): se orsakerna nedan.",
		"mon.missing":            "Webbplatser som saknas i körningen",
		"mon.missing.intro":      "Dessa webbplatser i listan har inga resultat: deras del kördes inte, dess manifest saknas eller den stannade före dem. Översikten täcker dem inte.",
		"mon.missing.caption":    "Saknade webbplatser, deras del och orsak",
		"mon.unreached":          "Webbplatser som inte kunde granskas",
		"mon.unreached.caption":  "Webbplatser som inte kunde granskas och orsak",
		"mon.matrix.intro":       "Resultatet för varje framgångskriterium på varje granskad webbplats. De flesta kriterier måste dessutom granskas manuellt.",
		"mon.matrix.caption":     "Framgångskriterier per webbplats",
		"mon.none":               "Ingen webbplats granskades.",
		"mon.barriers":           "Vanligaste hindren",
		"mon.barriers.caption":   "Regler som inte uppfylldes, efter antal webbplatser",
		"mon.nobarriers":         "Ingen regel underkändes på någon granskad webbplats.",
		"mon.pages":              "Sidor per webbplats",
		"mon.pages.caption":      "Granskade och ej granskade sidor per webbplats",
		"mon.col.site":           "Webbplats",
		"mon.col.shard":          "Del",
		"mon.col.why":            "Orsak",
		"mon.col.status":         "Status",
		"mon.col.rule":           "Regel",
		"mon.col.wcag":           "Framgångskriterier",
		"mon.col.impact":         "Allvarlighet",
		"mon.col.sites":          "Webbplatser",
		"mon.col.failpages":      "Sidor där den underkändes",
		"mon.col.audited":        "Granskade sidor",
		"mon.col.notaudited":     "Ej granskade sidor",
		"mon.col.results":        "Resultat",
		"mon.status.finished":    "Granskad",
		"mon.status.unreachable": "Kunde inte nås",
		"mon.status.failed":      "Genomsökningen misslyckades",
		"mon.status.missing":     "Saknas",
	},
}
