package checks

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// ImageAlt checks that images have a text alternative or are marked as
// decorative (ACT 23a2a8), and that the text alternative is not a file
// name or a placeholder word, which is no alternative at all (WCAG
// failure F30).
var ImageAlt = &Rule{
	ID:      "image-alt",
	Title:   "Images have a text alternative",
	Doc:     doc("image-alt"),
	HelpURL: understanding("1.1.1"),
	WCAG:    []string{"1.1.1"},
	ACT:     []string{"23a2a8"},
	Impact:  Critical,
	Run:     runImageAlt,
}

// ACT 23a2a8 applies to HTML img elements and HTML elements whose semantic
// role is img, unless programmatically hidden. It passes when the name is
// not empty or the role is none/presentation (decorative).
func runImageAlt(pass *Pass) error {
	var named []*Node // images with a name that is a text alternative
	for _, n := range allElements(pass.Page) {
		if n.Namespace != "" {
			continue // svg-img-alt tests SVG
		}
		isImg := n.Is("img")
		if !isImg && !(n.Exposed() && n.Role() == "image") {
			continue
		}
		if programmaticallyHidden(n) {
			continue
		}
		if isImg && !n.HasAttr("src") && !n.HasAttr("srcset") && n.Closest("picture") == nil &&
			(n.Style("background-image") == "" || n.Style("background-image") == "none") {
			continue // renders no image
		}
		if !n.Exposed() || n.Role() == "none" || n.Role() == "presentation" {
			// Chrome leaves decorative images (alt="", role="none") out
			// of the accessibility tree. One left out for another reason
			// (inert, behind a modal dialog) is not tested.
			if alt, ok := n.Attr("alt"); (ok && alt == "") || presentational(n) {
				pass.Passed(n)
			}
			continue
		}
		if !hasName(n) {
			pass.Failed(n, "%s", imageAltMessage(n))
			continue
		}
		if why, ok := notAnAlternative(n); ok {
			pass.Failed(n, "%s", why)
			continue
		}
		pass.Passed(n)
		named = append(named, n)
	}
	sameAltImages(pass, named)
	redundantLinkAlt(pass, named)
	return nil
}

func imageAltMessage(n *Node) Text {
	fix := altFix(n)
	alt, hasAlt := n.Attr("alt")
	problems := labelProblems(n)
	switch {
	case n.Is("img") && (presentational(n) || hasAlt && alt == ""):
		how := "alt=\"\""
		if presentational(n) {
			how = "role=\"" + firstValidRole(n) + "\""
		}
		if n.Focusable() {
			return msg("This image is marked as decorative (%s), but it can take keyboard focus, so browsers ignore that and announce an image without a name. Remove the tabindex (or the aria-* attributes) to keep it decorative, or give it an alt text.", how)
		}
		return msg("This image is marked as decorative (%s), but it has global ARIA attributes, so browsers ignore that and announce an image without a name. Remove the tabindex (or the aria-* attributes) to keep it decorative, or give it an alt text.", how)
	case !n.Is("img"):
		why := msg("it has no aria-label or aria-labelledby")
		if len(problems) > 0 {
			why = andText(problems)
		}
		return msg("This element is marked as an image (role=\"img\"), but screen readers get no text for it: %s. Add aria-label with what the image tells, or remove role=\"img\" if it is only decoration.", why)
	case hasAlt && blank(alt) && alt != "":
		return msg("This image's alt text is only white space, so screen readers announce it as an unnamed image. %s", fix)
	case !hasAlt:
		if len(problems) > 0 {
			return msg("This image has no alt attribute and %s, so screen readers announce it as an unnamed image or read out its file name. %s", andText(problems), fix)
		}
		return msg("This image has no alt attribute, so screen readers announce it as an unnamed image or read out its file name. %s", fix)
	}
	if len(problems) > 0 {
		return msg("This image has no text alternative: %s. %s", andText(problems), fix)
	}
	return msg("This image has no text alternative. %s", fix)
}

// controlOf returns "link" or "button" when the image is inside one.
func controlOf(n *Node) string {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if !e.Exposed() {
			continue
		}
		switch {
		case linkRoles[e.Role()]:
			return "link"
		case buttonRoles[e.Role()]:
			return "button"
		}
	}
	return ""
}

// notAnAlternative explains why the image's name is no text alternative
// (WCAG failure F30): it is a file name, or a placeholder word that any
// image could have ("image", "kuva", "bild 2"). ok is false otherwise.
func notAnAlternative(n *Node) (why Text, ok bool) {
	name := collapse(n.AccessibleName())
	fix := altFix(n)
	switch {
	case isFileName(name, n.AttrOr("src", "")):
		return msg("This image's text alternative is %q, a file name: screen readers read it out, and it tells nothing of what the image shows. %s", truncate(name, 60), fix), true
	case isPlaceholderAlt(name):
		return msg("This image's text alternative is only %q, a word any image could have: it tells nothing of what this image shows. %s", truncate(name, 60), fix), true
	}
	return Text{}, false
}

// altFix says what to write instead of a text alternative that is none.
func altFix(n *Node) Text {
	switch controlOf(n) {
	case "link":
		return msg("The image is inside a link: write in the alt text where the link goes (e.g. alt=\"Front page\"). An empty alt is right only if the link has other text.")
	case "button":
		return msg("The image is inside a button: write in the alt text what the button does (e.g. alt=\"Search\"). An empty alt is right only if the button has other text.")
	}
	return msg("If the image gives information, write what it tells in the alt text (e.g. alt=\"Map of the city centre\"); if it is only decoration, use an empty alt=\"\".")
}

var (
	// imageFile is a name that ends in an image file extension, as
	// "IMG_1234.jpg", "kuva1.png" or "/kuvat/banner_final-v2.webp" do.
	imageFile = regexp.MustCompile(`(?i)^\S.*[^\s.]\.(jpe?g|jfif|png|gif|webp|avif|svg|bmp|tiff?|heic|ico)$`)
	// cameraFile is the name a camera or phone gives a photo:
	// "IMG_1234", "DSC01234", "PXL_20230512_123456789", "IMG-20230512-WA0001".
	cameraFile = regexp.MustCompile(`(?i)^(img|dsc|dscn|dscf|dcim|pxl|gopr|mvimg|imag|pict?)[-_ ]?\d{3,}([-_ ~][a-z0-9]+)*$`)
	// machineName is a name that a person would not write as text: words
	// joined with underscores, or with digits in them ("talo_2",
	// "banner-final-v2").
	machineName = regexp.MustCompile(`^[\pL\d]+([-_][\pL\d]+)+$`)
)

// isFileName reports whether the name of an image is a file name: any
// name with an image file extension, a camera's photo name, or the
// image's own file name (from src) when that looks made by a machine.
func isFileName(name, src string) bool {
	if imageFile.MatchString(name) || cameraFile.MatchString(name) {
		return true
	}
	if src == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(src)), "data:") {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return false
	}
	base := path.Base(u.Path)
	stem := strings.TrimSuffix(base, path.Ext(base))
	if stem == "" || stem == "." || stem == "/" || !strings.EqualFold(stem, name) {
		return false
	}
	return machineName.MatchString(name) && (strings.Contains(name, "_") || strings.Count(name, "-") >= 2 || strings.IndexFunc(name, unicode.IsDigit) >= 0)
}

// placeholderAlts are words that any image could have as its alt text,
// in English, Finnish and Swedish, lower case.
var placeholderAlts = map[string]bool{
	// English
	"image": true, "picture": true, "photo": true, "photograph": true, "pic": true, "img": true,
	"graphic": true, "graphics": true, "icon": true, "logo": true, "spacer": true, "blank": true,
	"placeholder": true, "alt": true, "alt text": true, "alt-text": true, "alttext": true,
	"alternative text": true, "untitled": true, "thumbnail": true, "banner": true, "illustration": true,
	"null": true, "undefined": true, "none": true, "empty": true,
	// Finnish
	"kuva": true, "valokuva": true, "kuvituskuva": true, "kuvitus": true, "kuvake": true, "ikoni": true,
	"logotyyppi": true, "pikkukuva": true, "banneri": true, "kuvateksti": true, "alt-teksti": true,
	"vaihtoehtoinen teksti": true, "tyhjä": true,
	// Swedish
	"bild": true, "foto": true, "fotografi": true, "ikon": true, "logga": true, "logotyp": true,
	"miniatyr": true, "miniatyrbild": true, "bildtext": true, "alternativtext": true, "tom": true,
}

// trailingNumber is a number after a placeholder word: "kuva 1",
// "image (2)", "bild1", "photo #3".
var trailingNumber = regexp.MustCompile(`\s*[#(]?\d+\)?$`)

// isPlaceholderAlt reports whether the whole name is a placeholder word,
// perhaps numbered; a name that says more ("Kuva: kaupungintalo") is not.
func isPlaceholderAlt(name string) bool {
	s := strings.ToLower(strings.TrimFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '-' }))
	s = collapse(s)
	if placeholderAlts[s] {
		return true
	}
	t := strings.TrimFunc(trailingNumber.ReplaceAllString(s, ""), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	return t != s && placeholderAlts[t]
}

// imageSource returns what the image shows, as far as the page tells:
// its src, else its CSS background image.
func imageSource(n *Node) string {
	if s := strings.TrimSpace(n.AttrOr("src", "")); s != "" {
		return s
	}
	if bg := n.Style("background-image"); bg != "" && bg != "none" {
		return bg
	}
	return n.AttrOr("srcset", "")
}

// sameAltImages asks about images that show different files but share
// one text alternative: three or more of them on a page. The same alt
// may fit (three photos of one building), or it was copied onto every
// image (the page's title, "Esimerkkilän kaupunki").
func sameAltImages(pass *Pass, named []*Node) {
	type group struct {
		name string
		imgs []*Node
		srcs map[string]bool
	}
	var order []string
	groups := map[string]*group{}
	for _, n := range named {
		key := strings.ToLower(collapse(n.AccessibleName()))
		g := groups[key]
		if g == nil {
			g = &group{name: collapse(n.AccessibleName()), srcs: map[string]bool{}}
			groups[key] = g
			order = append(order, key)
		}
		g.imgs = append(g.imgs, n)
		g.srcs[imageSource(n)] = true
	}
	for _, k := range order {
		g := groups[k]
		if len(g.srcs) < 3 {
			continue
		}
		for _, n := range g.imgs {
			pass.CantTell(n, "%d different images on this page have the same text alternative %q. Check that it fits each of them: an image that shows something of its own needs an alt text of its own, and one that is only decoration gets alt=\"\".", len(g.imgs), truncate(g.name, 60))
		}
	}
}

// redundantLinkAlt asks about images in links whose alt text repeats the
// link's text, in the same link or in the next link to the same place:
// screen readers then read the same words twice. Whether the image tells
// more than the text is for a person to say.
func redundantLinkAlt(pass *Pass, named []*Node) {
	for _, n := range named {
		if !n.Is("img") {
			continue
		}
		link := closestLink(n)
		if link == nil {
			continue
		}
		alt := strings.ToLower(collapse(n.AccessibleName()))
		own := strings.ToLower(collapse(visibleTextOf(link)))
		switch {
		case own != "" && own == alt:
			pass.CantTell(n, "The link around this image also has the text %q, the same as the image's alt text, so screen readers read it twice. If the image shows nothing more than the text says, give it an empty alt=\"\"; if it does, write that in the alt text instead.", truncate(collapse(n.AccessibleName()), 60))
		case own == "":
			if other := twinLink(link, alt); other != nil {
				pass.CantTell(n, "A link next to this one goes to the same address and has the text %q, the same as this image's alt text, so screen readers read the same words twice, as two links. If the image shows nothing more, put the image and the text in one link and give the image an empty alt=\"\".", truncate(collapse(other.AccessibleName()), 60))
			}
		}
	}
}

// closestLink returns the nearest ancestor of n exposed as a link.
func closestLink(n *Node) *Node {
	for e := n.ParentElement(); e != nil; e = e.ParentElement() {
		if e.Exposed() && linkRoles[e.Role()] {
			return e
		}
	}
	return nil
}

// visibleTextOf returns the text of n's rendered text nodes that are not
// hidden from assistive technology, images' alt texts left out.
func visibleTextOf(n *Node) string {
	var b strings.Builder
	var walk func(e *Node)
	walk = func(e *Node) {
		for _, c := range e.ChildNodes() {
			switch {
			case c.Type == TextNode:
				if c.Rendered() && !ariaHidden(e) {
					b.WriteString(c.Text)
				}
			case c.Type == ElementNode && !c.Is("script", "style", "template", "noscript") && !cssHidden(c):
				walk(c)
				if c.Style("display") != "" && c.Style("display") != "inline" {
					b.WriteString(" ")
				}
			}
		}
	}
	walk(n)
	return b.String()
}

// twinLink returns another link to the same address as link, next to it
// (in the same parent, or the parent's parent), whose name is name.
func twinLink(link *Node, name string) *Node {
	href := strings.TrimSpace(link.AttrOr("href", ""))
	if href == "" {
		return nil
	}
	scope := link.ParentElement()
	for i := 0; i < 2 && scope != nil; i++ {
		for _, d := range scope.Descendants() {
			if d != link && d.Is("a") && d.Exposed() && strings.TrimSpace(d.AttrOr("href", "")) == href &&
				strings.ToLower(collapse(d.AccessibleName())) == name {
				return d
			}
		}
		scope = scope.ParentElement()
	}
	return nil
}
