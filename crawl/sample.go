package crawl

import (
	"cmp"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Candidate is a page found while discovering a site, with what sample
// selection needs to know about it.
type Candidate struct {
	URL       string
	Depth     int
	Title     string
	LinkTexts []string // texts of the links that lead to the page
	Shape     []uint64 // structural fingerprint: hashed tag/class paths, sorted, no duplicates
	Password  bool     // has a password field (a login page)
	Search    bool     // a search results page (Discover finds one through the site's search form)
}

// Sample clauses follow Annex I of Commission Implementing Decision (EU)
// 2018/1524, points 3.2 (a)–(g): the pages a monitoring body audits in depth.
const (
	ClauseA = "a" // home, login, sitemap, contact, help and legal pages
	ClauseB = "b" // a page per type of service (site section), and search
	ClauseC = "c" // the accessibility statement and the feedback mechanism
	ClauseD = "d" // pages of a substantially different look (templates)
	ClauseG = "g" // random pages, at least 10 % of the others
)

// Pick is one page chosen for a sample and why.
type Pick struct {
	URL      string
	Clause   string // a, b, c, d or g
	Reason   string // e.g. "contact page", "template 3", "section /asuminen", "random"
	Template int    // the template cluster of the page, from 1
}

// SampleResult is a chosen sample: the pages, the kinds of page that were
// looked for and not found, and the seed of the random picks.
type SampleResult struct {
	Picks     []Pick
	Missing   []string // e.g. "a: login page", never silently dropped
	Templates int      // template clusters among the candidates
	Seed      uint64
}

// keyPage is a kind of page every sample must have when the site has one,
// recognised by words in its address, title or the texts of links to it
// (Finnish, Swedish, English).
type keyPage struct {
	clause, name string
	words        []string
	match        func(Candidate) bool // an extra sign, e.g. a password field
}

var keyPages = []keyPage{
	{ClauseA, "login page", []string{"kirjaudu", "kirjautuminen", "login", "log-in", "logga-in", "logga in", "inloggning", "sign-in", "sign in", "signin"}, func(c Candidate) bool { return c.Password }},
	{ClauseA, "sitemap", []string{"sivukartta", "webbplatskarta", "sajtkarta", "sitemap", "site-map", "site map"}, nil},
	{ClauseA, "contact page", []string{"yhteystiedot", "ota-yhteytta", "ota yhteyttä", "kontakt", "kontakta-oss", "kontakta oss", "contact"}, nil},
	{ClauseA, "help page", []string{"ohjeet", "ohje", "apua", "usein-kysytyt", "usein kysytyt", "hjalp", "hjälp", "help", "faq"}, nil},
	{ClauseA, "legal page", []string{"tietosuoja", "kayttoehdot", "käyttöehdot", "evasteet", "evästeet", "dataskydd", "villkor", "kakor", "privacy", "legal", "cookies", "terms"}, nil},
	{ClauseC, "accessibility statement", []string{"saavutettavuusseloste", "saavutettavuus", "tillganglighetsutlatande", "tillgänglighetsutlåtande", "tillganglighet", "tillgänglighet", "accessibility"}, nil},
	{ClauseC, "feedback page", []string{"palaute", "anna-palautetta", "anna palautetta", "respons", "ge-respons", "feedback"}, nil},
}

// searchPage is the search results page of clause (b): recognised by its
// address only (search forms are on every page, and "haku" also means an
// application in Finnish).
var searchPage = keyPage{ClauseB, "search page", nil, func(c Candidate) bool { return c.Search }}

// templateSimilarity is the Jaccard similarity of two pages' fingerprints
// above which they are taken to share a template.
const templateSimilarity = 0.75

// Sample chooses up to n pages that represent the site, in the spirit of
// the EU monitoring method: the start pages, the key pages of clause (a)
// and (c) when found, a page of each template (d) and of each site
// section (b), then random pages (g), at least a tenth of the others. The
// choice depends only on the candidates, n and seed.
func Sample(cands []Candidate, n int, seed uint64) SampleResult {
	res := SampleResult{Seed: seed}
	if n < 1 || len(cands) == 0 {
		return res
	}
	cands = slices.Clone(cands)
	slices.SortFunc(cands, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(len(a.URL), len(b.URL)), strings.Compare(a.URL, b.URL))
	})
	template := clusterTemplates(cands)
	for _, t := range template {
		res.Templates = max(res.Templates, t)
	}

	// Random pages take at least a tenth of the sample, when it has room.
	reserve := 0
	if n >= 2 {
		reserve = max(1, n/11)
	}
	chosen := map[string]bool{}
	covered := map[int]bool{} // templates with a page in the sample
	add := func(i int, clause, reason string) bool {
		c := cands[i]
		if chosen[c.URL] || len(res.Picks) >= n-reserve {
			return false
		}
		chosen[c.URL] = true
		covered[template[i]] = true
		res.Picks = append(res.Picks, Pick{URL: c.URL, Clause: clause, Reason: reason, Template: template[i]})
		return true
	}

	for i, c := range cands {
		if c.Depth == 0 {
			add(i, ClauseA, "home page")
		}
	}
	for _, k := range append(slices.Clone(keyPages), searchPage) {
		best, bestScore := -1, 0
		for i, c := range cands {
			if s := k.score(c); s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			res.Missing = append(res.Missing, k.clause+": "+k.name)
			continue
		}
		if !chosen[cands[best].URL] {
			add(best, k.clause, k.name)
		}
	}
	// One page per template not yet in the sample: the shallowest, as the
	// candidates are sorted.
	for i := range cands {
		if !covered[template[i]] {
			add(i, ClauseD, "page template "+strconv.Itoa(template[i]))
		}
	}
	// One page per site section (first segment of the path).
	sections := map[string]bool{}
	for _, p := range res.Picks {
		sections[section(p.URL)] = true
	}
	for i, c := range cands {
		if s := section(c.URL); s != "" && !sections[s] {
			sections[s] = true
			add(i, ClauseB, "site section "+s)
		}
	}

	// Random pages fill the rest.
	var rest []int
	for i, c := range cands {
		if !chosen[c.URL] {
			rest = append(rest, i)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5aa7))
	rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	reserve = 0
	for _, i := range rest {
		add(i, ClauseG, "random page")
	}
	return res
}

// score says how well c matches the key page: 0 for not at all. Words in
// the last path segment weigh most, then the title, then link texts.
func (k keyPage) score(c Candidate) int {
	s := 0
	if k.match != nil && k.match(c) {
		s += 8
	}
	u, err := url.Parse(c.URL)
	if err != nil {
		return s
	}
	segs := strings.Split(strings.Trim(strings.ToLower(u.Path), "/"), "/")
	last := segs[len(segs)-1]
	title := strings.ToLower(c.Title)
	for _, w := range k.words {
		switch {
		case containsWord(last, w):
			s += 6
		case slices.ContainsFunc(segs, func(seg string) bool { return containsWord(seg, w) }):
			s += 2
		}
		if containsWord(title, w) {
			s += 3
		}
		for _, t := range c.LinkTexts {
			if containsWord(strings.ToLower(t), w) {
				s += 4
				break
			}
		}
	}
	if s > 0 {
		s -= min(c.Depth, 3) // prefer pages near the home page
		s = max(s, 1)
	}
	return s
}

// containsWord reports whether w occurs in s at a word boundary (start
// of s or after a non-letter), so that "hae" does not match "haettavat"
// in the middle and "help" matches "help-desk".
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 || !isLetter(s[j-1]) {
			end := j + len(w)
			// A short word must end at a boundary too.
			if len(w) > 5 || end == len(s) || !isLetter(s[end]) {
				return true
			}
		}
		i = j + 1
	}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 0x80 }

// clusterTemplates groups the candidates (in order) by the similarity of
// their structure: each page joins the first cluster whose first page is
// similar enough, else starts a new one. It returns each page's cluster
// number, from 1.
func clusterTemplates(cands []Candidate) []int {
	out := make([]int, len(cands))
	var leaders []int
	for i, c := range cands {
		for k, l := range leaders {
			if jaccard(cands[l].Shape, c.Shape) >= templateSimilarity {
				out[i] = k + 1
				break
			}
		}
		if out[i] == 0 {
			leaders = append(leaders, i)
			out[i] = len(leaders)
		}
	}
	return out
}

// jaccard is |a∩b| / |a∪b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// section is the first segment of the URL's path, as "/segment", or ""
// for the root.
func section(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	seg, _, _ := strings.Cut(strings.Trim(u.Path, "/"), "/")
	if seg == "" || strings.Contains(seg, ".") {
		return ""
	}
	return "/" + seg
}

// Shape hashes a page's structure: the set of element paths (tag and
// classes of the element, its parent and grandparent), without text, so
// pages made from one template with different content look alike.
func Shape(paths []string) []uint64 {
	set := make([]uint64, 0, len(paths))
	for _, p := range paths {
		h := fnv.New64a()
		h.Write([]byte(p))
		set = append(set, h.Sum64())
	}
	slices.Sort(set)
	return slices.Compact(set)
}
