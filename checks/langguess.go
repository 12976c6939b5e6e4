package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A small, conservative language guesser for the rules that compare a
// lang attribute with the text it covers. It knows the writing system of
// many languages, and the common words (articles, pronouns, conjunctions,
// prepositions) of the languages most used on Finnish and Nordic sites.
// It answers only when the evidence is strong: most short texts, names and
// mixed-language snippets get no answer.

// script is a writing system.
type script string

const (
	latin      script = "Latin"
	cyrillic   script = "Cyrillic"
	greek      script = "Greek"
	arabic     script = "Arabic"
	hebrew     script = "Hebrew"
	cjk        script = "Chinese or Japanese"
	hangul     script = "Korean"
	thai       script = "Thai"
	devanagari script = "Devanagari"
)

// scriptOf returns the writing system of a letter, "" for others.
func scriptOf(r rune) script {
	switch {
	case unicode.Is(unicode.Latin, r):
		return latin
	case unicode.Is(unicode.Cyrillic, r):
		return cyrillic
	case unicode.Is(unicode.Greek, r):
		return greek
	case unicode.Is(unicode.Arabic, r):
		return arabic
	case unicode.Is(unicode.Hebrew, r):
		return hebrew
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return cjk
	case unicode.Is(unicode.Hangul, r):
		return hangul
	case unicode.Is(unicode.Thai, r):
		return thai
	case unicode.Is(unicode.Devanagari, r):
		return devanagari
	}
	return ""
}

// languageScripts maps primary language subtags to the only script their
// text is normally written in. Languages written in several scripts
// (Serbian, Azerbaijani…) are left out.
var languageScripts = map[string]script{
	"en": latin, "fi": latin, "sv": latin, "no": latin, "nb": latin, "nn": latin, "da": latin,
	"is": latin, "et": latin, "de": latin, "nl": latin, "fr": latin, "es": latin, "it": latin,
	"pt": latin, "pl": latin, "cs": latin, "sk": latin, "sl": latin, "hr": latin, "hu": latin,
	"lt": latin, "lv": latin, "ro": latin, "tr": latin, "se": latin, "smn": latin, "sms": latin,
	"so": latin, "ca": latin, "eu": latin, "gl": latin, "ga": latin, "cy": latin, "mt": latin,
	"sq": latin, "vi": latin, "id": latin, "ms": latin, "sw": latin, "tl": latin, "fil": latin,
	"ru": cyrillic, "uk": cyrillic, "be": cyrillic, "bg": cyrillic, "mk": cyrillic, "kk": cyrillic,
	"el": greek, "ar": arabic, "fa": arabic, "ur": arabic, "ps": arabic, "ckb": arabic,
	"he": hebrew, "yi": hebrew, "zh": cjk, "ja": cjk, "ko": hangul, "th": thai, "hi": devanagari,
	"ne": devanagari, "mr": devanagari,
}

// commonWords are frequent function words of each language the guesser
// knows. A word shared by several languages counts for each of them in
// part.
var commonWords = map[string]string{
	"en": `the of and to a in is it you that he was for on are with as his they be at have this from or had by not but
		what we can were all there when your how said an each she which do their if will about many then them would so these
		her him has more could no my than who its now may been into after also our any only just those through where much
		before should because such here while both between under why must does did are were being i me very`,
	"fi": `ja on ei se että oli ovat olla ole tai kun jos myös mutta vain kuin niin tämä tämän nämä joka jotka jonka joita
		sen sitä siitä siihen hän he me te minä sinä mitä mikä miten missä kanssa mukaan jälkeen aikana ennen vielä jo nyt
		voi voit voidaan saa sekä eli noin kaikki yli alle lisää olisi ollut olivat eikä sillä koska vaan kuten hyvin paljon
		joten kautta välillä tässä täällä siellä asti saakka enemmän heidän meidän teidän sinun minun hänen ne niitä niiden
		näitä tätä tuo myöskin jotta vaikka sekä ettei olen olet olemme ovatko onko ettei kaikkien jokainen tulee`,
	"sv": `och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år
		säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket än
		här då sedan över bara in blir upp även vad hur två dem du oss mig dig någon några inom utan detta dessa genom vilket
		vilken vilka samt enligt hos ni er era vår våra`,
	"da": `og i at det som en på er af for med til den har de ikke om et han men var jeg sig fra vi så kan man når år siger
		hun under også efter eller nu sin der ved mod skal skulle kommer ud får findes være havde alle andre meget end her da
		siden over kun ind bliver op hvad hvordan to dem du os mig dig nogen nogle uden dette disse gennem hvilket hvilken
		hvis jer vores hvor`,
	"no": `og i at det som en på er av for med til den har de ikke om et han men var jeg seg fra vi så kan man når år sier
		hun under også etter eller nå sin der ved mot skal skulle kommer ut får finnes være hadde alle andre mye enn her da
		siden over bare inn blir opp hva hvordan to dem du oss meg deg noen uten dette disse gjennom hvilket hvis dere vår
		våre hvor ikkje eg ein kva`,
	"nl": `de het een en van in is dat op te zijn voor met die niet aan er om ook als bij of door maar over uit dan naar
		wordt worden werd hij zij ze wij we ik je u hun haar zich nog wel geen kan kunnen moet al meer heeft hebben had dit
		deze onder tot na tegen zonder waar wat wie hoe omdat toen want dus alleen ons onze mijn jouw uw`,
	"de": `der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat
		dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr
		durch man sein wurde sei ich wir ihr ihre ihren unter kann können muss keine kein wenn weil diese dieser dieses
		zwischen ohne gegen uns unser`,
	"fr": `le la les de des du un une et est en que qui dans pour pas sur au aux ce cette ces il elle ils elles nous vous
		je ne se sa son ses leur leurs avec par plus mais ou où donc car comme tout tous être avoir sont été était fait
		peut sans entre sous chez très aussi bien dont lui même notre votre nos vos mon ma mes`,
	"es": `el la los las de del y en que es un una por con para no se su sus al lo como más pero sobre este esta estos
		estas entre cuando muy sin hasta desde también fue ha han son está están ser hay donde quien porque todo todos
		ya le les nos mi yo él ella ellos nosotros usted`,
	"it": `il lo la i gli le di del della dei delle e è un una per con non che in nel nella sono si da al alla come più
		ma anche questo questa questi ha hanno essere era stato suo sua loro tutto tutti quando dove perché molto senza
		tra fra sul sulla ci ne io lui lei noi voi`,
	"pt": `o a os as de do da dos das e é um uma em no na nos nas por para com não que se seu sua seus suas ao à como mais
		mas este esta estes estas entre quando muito sem até desde também foi tem têm são está estão ser há onde quem
		porque todo todos já lhe eu ele ela eles você vocês nós`,
	"et": `ja on ei et see oli ka kui mis ta nad me te mina sina kes oma või aga ning siis nii veel juba seda selle need
		neid mida kuidas kus koos järgi pärast ajal enne üle alla rohkem olla oleks olid kõik iga ainult tema nende meie
		teie sest kuid kuna ehk vaid seal siin ilma vahel`,
}

// compatibleLanguages are groups the guesser does not tell apart reliably.
var compatibleLanguages = [][]string{{"da", "no", "nb", "nn"}}

var commonWordIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range commonWords {
		for _, w := range strings.Fields(words) {
			if !containsString(idx[w], lang) {
				idx[w] = append(idx[w], lang)
			}
		}
	}
	return idx
}()

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sameLanguage reports whether two primary subtags are the same language
// for the guesser.
func sameLanguage(a, b string) bool {
	if a == b {
		return true
	}
	for _, g := range compatibleLanguages {
		if containsString(g, a) && containsString(g, b) {
			return true
		}
	}
	return false
}

// profileOf maps a primary subtag to the guesser's profile ("nb" → "no").
func profileOf(lang string) string {
	if lang == "nb" || lang == "nn" {
		return "no"
	}
	return lang
}

// langGuess is what the guesser found in a text.
type langGuess struct {
	words   int     // words in the text
	letters int     // letters in the text
	script  script  // the script of at least 80% of its letters; "" when mixed
	lang    string  // the language whose common words dominate; "" when none
	score   float64 // weight of lang's common words
	second  float64 // weight of the best other language's (not compatible with lang)
	scores  map[string]float64
}

// guessLanguage looks at a text.
func guessLanguage(text string) langGuess {
	g := langGuess{scores: map[string]float64{}}
	scripts := map[script]int{}
	for _, r := range text {
		if unicode.IsLetter(r) {
			g.letters++
			if s := scriptOf(r); s != "" {
				scripts[s]++
			}
		}
	}
	for s, n := range scripts {
		if float64(n) >= 0.8*float64(g.letters) {
			g.script = s
		}
	}
	words := langWords(text)
	g.words = len(words)
	for _, w := range words {
		langs := commonWordIndex[w]
		for _, l := range langs {
			g.scores[l] += 1 / float64(len(langs))
		}
	}
	for l, s := range g.scores {
		if s > g.score || s == g.score && l < g.lang {
			g.lang, g.score = l, s
		}
	}
	for l, s := range g.scores {
		if !sameLanguage(l, g.lang) && s > g.second {
			g.second = s
		}
	}
	return g
}

// langWords splits a text into lower-case words.
func langWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
}

// langVerdict compares the primary language subtag declared for a text
// with the text. It returns Failed only when the text plainly is in
// another language: written in another script, or long enough and full of
// another language's common words and nearly none of the declared one's.
// It returns Passed when the text agrees with the declared language, and
// "" when it cannot tell (short text, names, a language it does not know).
// found describes the language or script found, for messages; code is its
// language code when known.
func langVerdict(declared, text string) (o Outcome, found Text, code string) {
	declared = profileOf(asciiLower(declared))
	if autonym(declared, text) {
		return Passed, Text{}, "" // "Svenska" marked as Swedish, in a language menu
	}
	g := guessLanguage(text)
	want, known := languageScripts[declared]
	if known && g.script != "" && g.script != want {
		if g.words >= 3 && g.letters >= 12 || g.script == cjk && g.letters >= 6 {
			return Failed, scriptText(g.script), ""
		}
		return "", Text{}, ""
	}
	if _, ok := commonWords[declared]; !ok || g.script != latin {
		return "", Text{}, ""
	}
	own := g.scores[declared]
	switch {
	case sameLanguage(g.lang, declared) && g.score >= 2 && g.score >= 2*g.second:
		return Passed, Text{}, ""
	case g.lang == "" || sameLanguage(g.lang, declared):
		return "", Text{}, ""
	case g.words >= 12 && g.score >= 4 && g.score >= density(g.lang)*float64(g.words) && own <= 0.2*g.score && g.second <= 0.5*g.score:
		return Failed, languageName(g.lang), g.lang
	case g.words >= 6 && g.words < 12 && shortTextIn(g, declared, text):
		return Failed, languageName(g.lang), g.lang
	case g.words >= 8 && g.score >= 3 && own < 0.5*g.score:
		return CantTell, languageName(g.lang), g.lang
	}
	return "", Text{}, ""
}

// shortTextIn is the stricter test for a text of 6 to 11 words: it is in
// g.lang, not in the declared language, only when the guessed language's
// common words make up a quarter of it, with at least three different ones
// the declared language does not share and two that no other language on
// the guesser's lists shares (words of two letters or more), while the text has no common word of the
// declared language alone and the guess is not close to another language.
// "The Dutch word "gelukkig" has no equivalent in English." under lang="nl"
// is English; "Hij ging met de kippen op stok" under lang="en" is Dutch.
// Translated software messages of this length, correctly marked, never
// meet it (see TestLangVerdictCatalogues).
func shortTextIn(g langGuess, declared, text string) bool {
	if g.score < 2.5 || g.score < 0.25*float64(g.words) || g.second > g.score/3 || g.scores[declared] > 0.2*g.score {
		return false
	}
	foreign, exclusive := map[string]bool{}, map[string]bool{}
	for _, w := range langWords(text) {
		langs := commonWordIndex[w]
		guessed, own, others := false, false, false
		for _, l := range langs {
			switch {
			case sameLanguage(l, g.lang):
				guessed = true
			case sameLanguage(l, declared):
				own = true
			default:
				others = true
			}
		}
		switch {
		case own && !guessed:
			return false // a word of the declared language alone
		case guessed && !own && utf8.RuneCountInString(w) >= 2: // "a", "à", "i", "u" are too ambiguous
			foreign[w] = true
			if !others {
				exclusive[w] = true
			}
		}
	}
	return len(foreign) >= 3 && len(exclusive) >= 2
}

// density is the share of a text's words that must be common words of a
// language for a confident guess: less for Finnish and Estonian, whose
// words take endings instead of separate prepositions and articles.
func density(lang string) float64 {
	if lang == "fi" || lang == "et" {
		return 0.12
	}
	return 0.2
}

// languageNames names the languages the guesser knows, in English.
// languageName names a language the guesser knows, for messages; ok is
// false for another code.
func languageName(code string) Text {
	t, _ := knownLanguageName(code)
	return t
}

func knownLanguageName(code string) (Text, bool) {
	switch code {
	case "en":
		return msg("English"), true
	case "fi":
		return msg("Finnish"), true
	case "sv":
		return msg("Swedish"), true
	case "da":
		return msg("Danish"), true
	case "no":
		return msg("Norwegian"), true
	case "nl":
		return msg("Dutch"), true
	case "de":
		return msg("German"), true
	case "fr":
		return msg("French"), true
	case "es":
		return msg("Spanish"), true
	case "it":
		return msg("Italian"), true
	case "pt":
		return msg("Portuguese"), true
	case "et":
		return msg("Estonian"), true
	}
	return msg("%s", code), false
}

// scriptText names a writing system, for messages.
func scriptText(s script) Text {
	switch s {
	case latin:
		return msg("the Latin script")
	case cyrillic:
		return msg("the Cyrillic script")
	case greek:
		return msg("the Greek script")
	case arabic:
		return msg("the Arabic script")
	case hebrew:
		return msg("the Hebrew script")
	case cjk:
		return msg("Chinese or Japanese characters")
	case hangul:
		return msg("the Korean script")
	case thai:
		return msg("the Thai script")
	case devanagari:
		return msg("the Devanagari script")
	}
	return msg("%s", string(s))
}

// autonyms are the names languages give themselves, as language menus
// show them ("På svenska", "In English").
var autonyms = map[string][]string{
	"fi":  {"suomi", "suomeksi", "suomen kielellä", "selkokieli", "selkosuomi", "selkosuomeksi"},
	"sv":  {"svenska", "på svenska", "lätt svenska", "lättläst svenska", "lättläst"},
	"en":  {"english", "in english", "plain english"},
	"se":  {"sámegiella", "davvisámegiella", "sámegillii", "davvisámegillii", "sámi"},
	"smn": {"anarâškielâ", "anarâškielân"},
	"sms": {"nuõrttsääʹmǩiõll", "sääʹmǩiõll"},
	"et":  {"eesti", "eesti keeles", "eesti keel"},
	"ru":  {"русский", "по-русски", "на русском", "русский язык", "на русском языке"},
	"uk":  {"українська", "українською"},
	"de":  {"deutsch", "auf deutsch"},
	"fr":  {"français", "en français"},
	"es":  {"español", "en español"},
	"it":  {"italiano", "in italiano"},
	"pt":  {"português", "em português"},
	"no":  {"norsk", "på norsk", "norsk bokmål", "nynorsk"},
	"da":  {"dansk", "på dansk"},
	"nl":  {"nederlands", "in het nederlands"},
	"so":  {"soomaali", "af-soomaali", "af soomaali"},
	"ar":  {"العربية", "عربي"},
	"fa":  {"فارسی"},
	"zh":  {"中文", "简体中文", "繁體中文"},
	"pl":  {"polski", "po polsku"},
	"ku":  {"kurdî"},
	"tr":  {"türkçe"},
}

// autonym reports whether the text is only the name of the declared
// language in that language.
func autonym(lang, text string) bool {
	t := strings.ToLower(strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == ')' || r == ',' || r == '.' || r == '|' || r == '/'
	}), " "))
	return t != "" && containsString(autonyms[lang], t)
}
