package checks

import (
	"slices"
	"strings"
	"testing"
)

func TestAutocompleteProblem(t *testing.T) {
	tests := []struct {
		value, typ string
		valid      bool
	}{
		{"email", "", true},
		{"Section-Blue Shipping Work Email", "text", true},
		{"billing mobile tel", "tel", true},
		{"tel-national", "text", true},
		{"current-password webauthn", "password", true},
		{"username", "email", true},
		{"street-address", "", true},
		{"work", "", false},
		{"shipping", "", false},
		{"work photo", "", false},
		{"work shipping email", "", false},
		{"work,email", "", false},
		{"email invalid", "", false},
		{"address-line1 address-line2", "", false},
		{"webauthn", "", false},
		{"url", "email", false},
		{"tel", "email", false},
		{"on email", "", false},
	}
	for _, tt := range tests {
		got, bad := autocompleteProblem(strings.Fields(strings.ToLower(tt.value)), tt.typ)
		if bad == tt.valid {
			t.Errorf("autocompleteProblem(%q, %q) = %q, want valid=%v", tt.value, tt.typ, got.String(), tt.valid)
		}
	}
}

func TestImportantDecl(t *testing.T) {
	tests := []struct {
		style string
		want  string // value of the winning important declaration, "" when none
	}{
		{"line-height: 1 !important", "1"},
		{"line-height: 1 ! IMPORTANT;", "1"},
		{"line-height: 1", ""},
		{"line-height: 1 !important; line-height: 2", "1"},
		{"line-height: 2 !important; line-height: 1 !important", "1"},
		{"font: 12px/1 Arial !important", "12px/1 Arial"},
		{"font: 12px/1 Arial !important; line-height: 2 !important", "2"},
		{"background: url('a;b.png'); line-height: 1 !important", "1"},
		{"color: red", ""},
	}
	for _, tt := range tests {
		d, ok := importantDecl(tt.style, lineHeight)
		got := ""
		if ok {
			got = d.value
		}
		if got != tt.want {
			t.Errorf("importantDecl(%q) = %q, want %q", tt.style, got, tt.want)
		}
	}
}

func TestLabelMatch(t *testing.T) {
	tests := []struct {
		visible, name string
		want          labelMatchResult
	}{
		{"ACT rules", "  act   RULES ", matchYes},
		{"Next Page", "Next Page in the list", matchYes},
		{"Next…", "Next", matchYes},
		{">>> ** Submit ** <<<", "💡 Submit 💡", matchYes},
		{"nonstandard", "non-standard", matchYes},
		{"Home/Contact", "Home Contact", matchYes},
		{"University Ave.", "University Avenue", matchAbbrev},
		{"Technical Dept.", "Technical Department", matchAbbrev},
		{"Technical Dept.", "Technical Support", matchNo},
		{"Discover It", "Discover Italy", matchNo},
		{"justice", "just ice", matchNo},
		{"W C A G", "WCAG", matchNo},
		{"11×3=33", "11 times 3 equals 33", matchNo},
		{"Download specification", "Download the specification", matchNo},
		{"1", "1a", matchNo},
		{"2021", "20 21", matchNo},
	}
	for _, tt := range tests {
		if got := labelMatch(tt.visible, tt.name); got != tt.want {
			t.Errorf("labelMatch(%q, %q) = %v, want %v", tt.visible, tt.name, got, tt.want)
		}
	}
}

func TestNotAnAlternative(t *testing.T) {
	tests := []struct {
		name, src      string
		file, placehld bool
	}{
		{"IMG_1234.jpg", "/kuvat/a.jpg", true, false},
		{"DSC0001.JPG", "", true, false},
		{"kuva1.png", "", true, false},
		{"banner_final-v2.webp", "", true, false},
		{"/sites/default/files/kuva.jpeg", "", true, false},
		{"IMG_20240512_101530", "", true, false},
		{"IMG-20230512-WA0001", "", true, false},
		{"talo_etupiha_2", "/kuvat/talo_etupiha_2.jpg?itok=x", true, false},
		{"Kaupungintalo", "/kuvat/kaupungintalo.jpg", false, false},
		{"e-lasku", "/kuvat/e-lasku.png", false, false},
		{"Kartta.pdf-tiedosto", "", false, false},
		{"Kuva: kaupungintalo", "", false, false},
		{"Lataa kuva .jpg", "", false, false},
		{"Kuva", "", false, true},
		{"kuva 2", "", false, true},
		{"Image (3)", "", false, true},
		{"bild1", "", false, true},
		{"Kuvituskuva", "", false, true},
		{"spacer", "", false, true},
		{" Logo. ", "", false, true},
		{"Kuva kaupungintalosta", "", false, false},
		{"Photo booth", "", false, false},
	}
	for _, tt := range tests {
		if got := isFileName(tt.name, tt.src); got != tt.file {
			t.Errorf("isFileName(%q, %q) = %v, want %v", tt.name, tt.src, got, tt.file)
		}
		if got := isPlaceholderAlt(tt.name); got != tt.placehld {
			t.Errorf("isPlaceholderAlt(%q) = %v, want %v", tt.name, got, tt.placehld)
		}
	}
}

func TestGenericLinkText(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Lue lisää", true},
		{"Lue lisää »", true},
		{"  LUE LISÄÄ ", true},
		{"Läs mer", true},
		{"klicka här", true},
		{"Click here.", true},
		{"tästä", true},
		{"»", true},
		{"...", true},
		{"Lue lisää kirjastokortista", false},
		{"Kirjasto", false},
		{"2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := genericLinkText(tt.name); got != tt.want {
			t.Errorf("genericLinkText(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestListMarker(t *testing.T) {
	tests := []struct {
		lines []string
		want  int
	}{
		{[]string{"Ota mukaan:", "• passi", "• kuva"}, 2},
		{[]string{"1. Varaa aika", "2. Tule ajoissa", "3. Ota numero"}, 3},
		{[]string{"1. Varaa aika", "3. Tule ajoissa"}, 0},
		{[]string{"- lääkärintodistus", "- valokuva"}, 2},
		{[]string{"- lääkärintodistus", "• valokuva"}, 0},
		{[]string{"1.5. alkaen", "2.5. asti"}, 0},
		{[]string{"* Pakollinen tieto"}, 0},
		{[]string{"– Uusi palvelupiste palvelee asukkaita entistä paremmin, sillä aukioloajat pitenevät, kertoo päällikkö.", "– Ajanvaraus kannattaa tehdä ajoissa, sillä kesällä jonot ovat pisimmillään, hän muistuttaa lopuksi."}, 0},
	}
	for _, tt := range tests {
		if got, _ := markedRun(tt.lines); got != tt.want {
			t.Errorf("markedRun(%q) = %d, want %d", tt.lines, got, tt.want)
		}
	}
}

func TestLongestIncreasing(t *testing.T) {
	got := longestIncreasing([]int{7, 10, 0, 1, 2, 3, 4, 5, 6, 8, 9})
	want := []bool{false, false, true, true, true, true, true, true, true, true, true}
	if !slices.Equal(got, want) {
		t.Errorf("longestIncreasing = %v, want %v", got, want)
	}
}
