package checks

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Help is a help mechanism of a page (WCAG 3.2.6): contact details, a
// link to a contact page or form, a chat, a link to self-help (a help
// page, FAQ), with where it is on the page.
type Help struct {
	Kind string `json:"kind"` // phone, email, contact, form, chat or help
	// Target tells the same mechanism on other pages: "tel:" and the
	// digits of a phone number, "mailto:" and an email address, the
	// address of a link (as NavLink.Href), "chat:" and the name of a chat
	// widget.
	Target string `json:"target"`
	Name   string `json:"name,omitempty"` // the link's or button's name
	// Region is the block of the page it is in: the outermost landmark
	// (banner, navigation, main, contentinfo, complementary), "header" or
	// "footer" for a container named so without a landmark role, "" for
	// none; "~2", "~3"… mark the second, third top-level block of that
	// kind on the page.
	Region string `json:"region,omitempty"`
	// Place is where it is relative to the page's main content (the main
	// landmark): before, in or after it; "" on a page without one.
	Place    string `json:"place,omitempty"`
	Text     bool   `json:"text,omitempty"` // found in the text (a phone number, an email address), not as a link or widget
	Selector string `json:"selector"`
}

// The kinds of Help.
const (
	HelpPhone   = "phone"
	HelpEmail   = "email"
	HelpContact = "contact" // a link to a contact page
	HelpForm    = "form"    // a link to a contact form
	HelpChat    = "chat"
	HelpSelf    = "help" // a link to a help page, FAQ or instructions
)

// maxHelp is how many help mechanisms the facts of a page keep.
const maxHelp = 12

// Words and names of help mechanisms, in Finnish, Swedish and English.
var (
	contactFormWords = regexp.MustCompile(`(?i)yhteydenottolomake|palautelomake|kontaktformulär|contact form`)
	contactWords     = regexp.MustCompile(`(?i)yhteystied|ota yhteyttä|yhteydenotto|asiakaspalvelu|neuvonta|kontakt|kundtjänst|kundservice|rådgivning|\bcontact\b|customer service`)
	selfHelpWords    = regexp.MustCompile(`(?i)usein kysyt|\bukk\b|\bohjeet\b|\bohje\b|käyttöohje|vanliga frågor|\bhjälp\b|\bhelp\b|\bfaq\b|\bsupport\b|frequently asked|\btuki\b`)
	chatWords        = regexp.MustCompile(`(?i)\bchat`)
	contactPath      = regexp.MustCompile(`(?i)^(?:yhteystiedot|ota-yhteytta|yhteydenotto|asiakaspalvelu|neuvonta|contact|contact-us|contacts|kontakt|kontakta-oss|kontaktuppgifter|kundtjanst|kundservice)(?:\.html?|\.php|\.aspx?)?$`)
	formPath         = regexp.MustCompile(`(?i)^(?:yhteydenottolomake|palautelomake|contact-form|kontaktformular)(?:\.html?|\.php|\.aspx?)?$`)
	selfHelpPath     = regexp.MustCompile(`(?i)^(?:faq|ukk|usein-kysytyt-kysymykset|help|ohjeet|hjalp|support|vanliga-fragor)(?:\.html?|\.php|\.aspx?)?$`)
	// chatWidget matches the ids, classes and frame addresses of chat
	// widgets: its first group is the name the widget is known by.
	chatWidget = regexp.MustCompile(`(?i)(giosg|ninchat|boost-?ai|boost-chat|zendesk|zewidget|intercom|drift-widget|tawk|crisp-client|userlike|smartsupp|hubspot-messages|freshchat|tidio|botpress|watson-?assistant|kommunicate|genesys|purecloud|fb-customerchat|getjenny|leadoo|liveagent|livechat|chatbot|chat-?widget|chatbox|(?:^|[-_])chat(?:$|[-_]))`)
	phoneText  = regexp.MustCompile(`(?:\+\d{1,3}[ \-]?\(?0?\)?|\b0)\d{1,3}(?:[ \-]?\d){5,9}\b`)
	emailText  = regexp.MustCompile(`[\p{L}\d._%+\-]+@[\p{L}\d\-]+(?:\.[\p{L}\d\-]+)*\.\p{L}{2,}`)
	businessID = regexp.MustCompile(`^\d{7}-\d$`) // a Finnish business id (Y-tunnus), not a phone number
	helpRegion = regexp.MustCompile(`(?i)^(?:site[-_]?|page[-_]?)?(header|footer)$`)
)

// helpWalk finds the help mechanisms of a page.
type helpWalk struct {
	base    *url.URL
	out     []Help
	hasMain bool
	seen    bool           // the main landmark is behind
	regions map[string]int // top-level blocks of each kind so far
}

// pageHelp returns the help mechanisms of the page under root, in
// document order.
func pageHelp(root *Node, base *url.URL) []Help {
	x := &helpWalk{base: base, regions: map[string]int{}}
	for _, d := range root.Descendants() {
		if r, _ := semanticRole(d); r == "main" && d.Type == ElementNode {
			x.hasMain = true
			break
		}
	}
	x.walk(root, "", "")
	return x.out
}

func (x *helpWalk) place(region string) string {
	switch {
	case !x.hasMain:
		return ""
	case region == "main" || strings.HasPrefix(region, "main~"):
		return "in"
	case x.seen:
		return "after"
	}
	return "before"
}

func (x *helpWalk) walk(n *Node, region, kind string) {
	for _, c := range n.ChildNodes() {
		if len(x.out) >= maxHelp {
			return
		}
		if c.Type == TextNode {
			x.text(c, region, kind)
			continue
		}
		if c.Type != ElementNode || c.Name == "template" || c.Name == "script" || c.Name == "style" || ariaHidden(c) {
			continue
		}
		r, k := region, kind
		if region == "" {
			if k = topBlock(c); k != "" {
				x.regions[k]++
				r = k
				if i := x.regions[k]; i > 1 {
					r += "~" + strconv.Itoa(i)
				}
			}
		}
		if name, ok := chatName(c); ok {
			x.add(Help{Kind: HelpChat, Target: "chat:" + name, Region: r, Place: x.place(r), Selector: c.Selector()})
			continue // its insides are the widget's
		}
		if isLink(c) {
			x.link(c, r, k)
			continue
		}
		if role, _ := semanticRole(c); role == "button" && c.Rendered() {
			if name := clip(buttonText(c)); chatWords.MatchString(name) && len(name) <= 40 {
				x.add(Help{Kind: HelpChat, Target: "button:" + strings.ToLower(name), Name: name, Region: r, Place: x.place(r), Selector: c.Selector()})
				continue
			}
		}
		x.walk(c, r, k)
		if k == "main" && region == "" {
			x.seen = true
		}
	}
}

// topBlock says which block of the page n starts, at the top level: a
// landmark, or a container named header or footer.
func topBlock(n *Node) string {
	switch r, _ := semanticRole(n); r {
	case "banner", "navigation", "main", "contentinfo", "complementary":
		return r
	case "generic", roleNoneHTML:
		for _, t := range append([]string{n.AttrOr("id", "")}, strings.Fields(n.AttrOr("class", ""))...) {
			if m := helpRegion.FindStringSubmatch(t); m != nil {
				if wrapsPage(n) {
					return ""
				}
				return strings.ToLower(m[1])
			}
		}
	}
	return ""
}

// chatName returns the name of the chat widget n is, if it is one.
func chatName(n *Node) (string, bool) {
	if n.Is("a", "button", "input", "html", "body", "main") {
		return "", false
	}
	hint := n.AttrOr("id", "") + " " + n.AttrOr("class", "")
	if n.Is("iframe") {
		hint += " " + n.AttrOr("src", "") + " " + n.AttrOr("title", "") + " " + n.AttrOr("name", "")
	}
	for _, f := range strings.Fields(hint) {
		if m := chatWidget.FindStringSubmatch(f); m != nil {
			if wrapsPage(n) {
				return "", false
			}
			name := strings.Trim(strings.ToLower(m[1]), "-_")
			if name == "zewidget" {
				name = "zendesk"
			}
			return name, true
		}
	}
	return "", false
}

// link records a help link: a phone number or email address, or a link
// to a contact page or form, a chat or a help page. Links in the main
// content are the page's own, not help repeated from page to page.
func (x *helpWalk) link(n *Node, region, kind string) {
	if kind == "main" || kind == "" && x.hasMain || !n.Rendered() {
		return // content of the page, not help repeated on the pages
	}
	raw := strings.TrimSpace(n.AttrOr("href", ""))
	low := strings.ToLower(raw)
	name := clip(linkText(n))
	switch {
	case strings.HasPrefix(low, "tel:"):
		if d := phoneDigits(raw[4:]); d != "" {
			x.add(Help{Kind: HelpPhone, Target: "tel:" + d, Region: region, Place: x.place(region), Selector: n.Selector()})
		}
		return
	case strings.HasPrefix(low, "mailto:"):
		addr, _, _ := strings.Cut(raw[7:], "?")
		if addr, err := url.PathUnescape(addr); err == nil && strings.Contains(addr, "@") {
			x.add(Help{Kind: HelpEmail, Target: "mailto:" + strings.ToLower(strings.TrimSpace(addr)), Region: region, Place: x.place(region), Selector: n.Selector()})
		}
		return
	}
	href := normalHref(raw, x.base)
	if href == "" || strings.HasPrefix(href, "#") {
		return
	}
	last := href
	if i := strings.IndexAny(last, "?#"); i >= 0 {
		last = last[:i]
	}
	last = strings.TrimRight(last, "/")
	if i := strings.LastIndex(last, "/"); i >= 0 {
		last = last[i+1:]
	}
	h := Help{Target: href, Name: name, Region: region, Place: x.place(region), Selector: n.Selector()}
	short := len([]rune(name)) <= 40 // a help link is named in a few words, not a sentence
	switch {
	case formPath.MatchString(last) || short && contactFormWords.MatchString(name):
		h.Kind = HelpForm
	case contactPath.MatchString(last) || short && contactWords.MatchString(name):
		h.Kind = HelpContact
	case short && chatWords.MatchString(name):
		h.Kind = HelpChat
	case selfHelpPath.MatchString(last) || short && selfHelpWords.MatchString(name):
		h.Kind = HelpSelf
	default:
		return
	}
	x.add(h)
}

// text records the phone numbers and email addresses written in the page
// header, footer or a complementary region.
func (x *helpWalk) text(n *Node, region, kind string) {
	switch kind {
	case "banner", "contentinfo", "complementary", "header", "footer":
	default:
		return
	}
	up := n.ParentElement()
	if up == nil || up.Closest("a") != nil || !up.Rendered() {
		return
	}
	for _, m := range emailText.FindAllString(n.Text, 2) {
		x.add(Help{Kind: HelpEmail, Target: "mailto:" + strings.ToLower(m), Region: region, Place: x.place(region), Text: true, Selector: up.Selector()})
	}
	for _, m := range phoneText.FindAllString(n.Text, 2) {
		if businessID.MatchString(m) {
			continue
		}
		if d := phoneDigits(m); len(strings.TrimPrefix(d, "+")) >= 7 {
			x.add(Help{Kind: HelpPhone, Target: "tel:" + d, Region: region, Place: x.place(region), Text: true, Selector: up.Selector()})
		}
	}
}

// phoneDigits is a phone number as its digits, with a leading + kept.
func phoneDigits(s string) string {
	s, _ = url.PathUnescape(s)
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// add records h, once for each block: the first of the same mechanism in
// a block gives its place there.
func (x *helpWalk) add(h Help) {
	if len(x.out) >= maxHelp {
		return
	}
	for _, o := range x.out {
		if o.Kind == h.Kind && o.Target == h.Target && o.Region == h.Region {
			return
		}
	}
	x.out = append(x.out, h)
}
