package checks

import "testing"

func TestLangVerdict(t *testing.T) {
	const (
		fi = "Rakennuslupa tarvitaan uuden rakennuksen rakentamiseen ja useimpiin laajennuksiin. Hae lupaa sähköisesti Lupapiste-palvelussa, jossa voit myös seurata hakemuksesi käsittelyä. Jos sinulla on kysyttävää, varaa aika tarkastajalle ennen kuin lähetät hakemuksen."
		sv = "Bygglov behövs för att bygga nya byggnader och för de flesta tillbyggnader. Ansök om lov elektroniskt i tjänsten Lupapiste, där du också kan följa hur din ansökan behandlas. Om du har frågor kan du boka en tid hos en inspektör."
		en = "You need a building permit for a new building and for most extensions. Apply for the permit online in the Lupapiste service, where you can also follow how your application is being processed."
		et = "Ehitusluba on vaja uue hoone ehitamiseks ja enamiku laienduste jaoks. Taotlust saab esitada elektrooniliselt ning seal saab ka jälgida, kuidas taotlust menetletakse, kui see on esitatud."
		ru = "Разрешение на строительство требуется для нового здания и для большинства пристроек."
	)
	tests := []struct {
		lang, text string
		want       Outcome
	}{
		{"fi", fi, Passed},
		{"sv", sv, Passed},
		{"en", en, Passed},
		{"fi-FI", fi, Passed},
		{"sv-FI", sv, Passed},
		{"et", et, Passed},
		{"fi", en, Failed},
		{"fi", sv, Failed},
		{"sv", fi, Failed},
		{"en", sv, Failed},
		{"fi", ru, Failed},
		{"en", ru, Failed},
		{"ru", ru, ""},         // no word list for Russian: cannot confirm
		{"se", fi, ""},         // Northern Sami: unknown to the guesser, never failed
		{"fi", "Kirjasto", ""}, // too short
		{"sv", "På svenska", Passed},
		{"en", "In English", Passed},
		{"fi", "Paul put dire comment on tape", ""},
		// 6 to 11 words: only a plain case fails.
		{"nl", `The Dutch word "gelukkig" has no equivalent in English.`, Failed},
		{"en", `The Dutch word "gelukkig" has no equivalent in English.`, Passed},
		{"en", `"Hij ging met de kippen op stok"`, Failed},
		{"fr", `"Hij ging met de kippen op stok"`, Failed},
		{"nl", `"Hij ging met de kippen op stok"`, Passed},
		{"fr", "longueur invalide de l'enregistrement à / : voulait , a eu", ""}, // "à", "a" also French
		{"fi", "Helsinki Design Week: the future of the city", ""},               // two English words only
		{"sv", "Du kan läsa den här sidan också på finska och engelska.", Passed},
		{"en", "Du kan läsa den här sidan också på finska och engelska.", Failed},
		{"fi", "Lue lisää Svenska Yle -sivustolta ja Yle Arenasta", ""},
		{"sv", "Hakemus käsitellään kahden viikon kuluessa saapumisesta", ""},                                                             // no common words: cannot tell
		{"no", "Du kan søke om byggetillatelse elektronisk, og du kan også følge med på hvordan søknaden din behandles av kommunen.", ""}, // too close to Danish and Swedish to confirm
	}
	for _, tt := range tests {
		got, found, _ := langVerdict(primaryLanguage(tt.lang), tt.text)
		if got != tt.want {
			t.Errorf("langVerdict(%s, %.30q) = %q (%s), want %q", tt.lang, tt.text, got, found, tt.want)
		}
	}
}
