package report

import (
	"cmp"
	"hash/fnv"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"saavu/checks"
)

// A Group is one fault found on one or more pages: the same rule with the
// same outcome on the same element of a shared template (a header, a
// footer, a search form), or on elements of one page. A crawl of 800 pages
// that share a footer with an unnamed link has one group "fails on 800
// pages", not 800 findings; 20 pages that each have a different photo
// without alt text have 20 groups, one on each page, because each needs a
// fix of its own.
//
// Two elements that a rule failed (or could not decide) on are in the same
// group when the rule and the element's outcome are the same and
//
//  1. their normalised selectors are the same, and so is their HTML, or,
//     for elements with a src (images, frames, media), their source: the
//     same logo in the same place on every page. Elements in the same
//     place with other content (each page's lead image, file link or
//     breadcrumb) are the page's own content, in groups of their own.
//     For the rules that test how an element looks or is laid out
//     (styleRules: contrast, reflow, focus…), whose fault lies in the
//     site's style sheets and not in the text, the start tag is what
//     must be the same: the page heading with its own text on every page
//     is one element of the template, and one fix; or
//  2. they are on the same page, their HTML has the same shape (the same
//     tag with the same attribute names), their selectors differ only in
//     the positions (:nth-of-type), and the elements that rule 1 makes
//     one with each of them are on the same pages: a row of social media
//     icon links is one fault with one fix, on one page or on every page
//     that has the row; a gallery of photos on one page is one finding of
//     that page.
//
// Grouping is transitive. Selectors and snippets are compared as the
// element identity normalises them (Fingerprint), so that ids a framework
// generates per page (ember123, :r5:, uuid-like ones) do not split a
// group; meaningful ids (#main, #search) are kept.
type Group struct {
	ID       string   `json:"id"` // "g1", "g2"… in the order of Groups
	Rule     string   `json:"rule"`
	Outcome  string   `json:"outcome"` // failed or cantTell
	Impact   string   `json:"impact"`
	WCAG     []string `json:"wcag"`
	Node     Node     `json:"node"`     // an example element: the first one, in page order, that has a screenshot, else the first one; a new one rather than one accepted in the baseline
	Page     string   `json:"page"`     // the page Node is from
	Pages    []string `json:"pages"`    // the pages it is on, in report order (sorted by URL)
	Elements int      `json:"elements"` // how many elements it covers, on all pages
	Varies   bool     `json:"varies"`   // the elements' HTML is not the same everywhere
	// Baselined counts the elements that are failures accepted in a
	// baseline (--baseline); when it equals Elements the group is Accepted.
	Baselined int `json:"baselined,omitempty"`
}

// Accepted reports whether every element of the group is a failure
// accepted in the baseline: nothing new to fix.
func (g *Group) Accepted() bool { return g.Baselined > 0 && g.Baselined == g.Elements }

// Groups groups the failed and cantTell elements of every audited page.
// Groups are sorted failed first, then cantTell, then the groups whose
// every element is accepted in the baseline (see Group.Accepted); within
// those, by impact (worst first), number of pages (most first), rule id,
// selector and first page. Baselined and new elements of the same fault
// share a group.
func Groups(r *Report) []Group {
	return group(r).groups
}

// occurrence is one failed or cantTell element on one page: what the
// grouping and the views need of it, not the element itself, so that the
// occurrences of a whole crawl are small.
type occurrence struct {
	page      int    // index of the page in report order
	rule      string // interned: one string per rule
	where     string // the element's selector
	failed    bool   // its outcome: failed, or else cantTell
	baselined bool
	shot      bool   // it has a screenshot
	snip      uint64 // hash of its normalised snippet
	sibling   uint64 // hash of what siblings share (rule 2): rule, outcome, selector without positions, shape
	group     int    // index into the sorted groups
}

// grouping is what group finds in one read of the pages, for the
// writers that show groups.
type grouping struct {
	groups []Group
	occs   []occurrence // every element with its group, in page and result order
	urls   []string     // the pages' URLs, in report order
	fails  []pageRule   // the failed results that count (not all baselined), in page and result order
}

// pageRule is the result of a rule on a page.
type pageRule struct {
	page int
	rule string
}

// group groups the elements. It reads the pages twice: to group the
// elements, then for each group's details and example element.
func group(r *Report) *grouping {
	var occs []occurrence
	var fails []pageRule
	var parent []int
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		if ri, rj := find(i), find(j); ri != rj {
			parent[max(ri, rj)] = min(ri, rj)
		}
	}
	// Union-find over the occurrences: the partition does not depend on
	// the order of the unions, so the groups are deterministic. Rule 1
	// first: the first occurrence of each element key.
	first := map[string]int{}
	intern := map[string]string{}
	urls := []string{}
	_ = r.EachPage(func(i int, p *Page) error {
		urls = append(urls, p.URL)
		if !p.Audited() {
			return nil
		}
		for _, res := range p.Results {
			rule, ok := intern[res.Rule]
			if !ok {
				rule = strings.Clone(res.Rule)
				intern[rule] = rule
			}
			if res.Outcome == string(checks.Failed) && !res.allBaselined() {
				fails = append(fails, pageRule{i, rule})
			}
			for _, n := range res.Nodes {
				if n.Outcome != string(checks.Failed) && n.Outcome != string(checks.CantTell) {
					continue
				}
				fp := NewFingerprint(n.Selector, n.Snippet)
				head := res.Rule + "\x00" + n.Outcome + "\x00"
				at := len(occs)
				occs = append(occs, occurrence{page: i, rule: rule, where: n.Selector, failed: n.Outcome == string(checks.Failed),
					baselined: n.Baselined, shot: n.Screenshot != "", snip: hashString(fp.Snippet),
					sibling: hashString(head + nthStep.ReplaceAllString(fp.Selector, "") + "\x00" + snippetShape(fp.Snippet))})
				parent = append(parent, at)
				// The element's fingerprint, made coarser for rule 1:
				// the start tag or the source stands for the snippet.
				fp.Snippet = elementIdentity(res.Rule, fp.Snippet)
				key := head + fp.Key()
				if j, ok := first[key]; ok {
					union(at, j)
				} else {
					first[key] = at
				}
			}
		}
		return nil
	})
	first = nil

	// Rule 2: siblings on a page whose elements are on the same pages.
	// The pages of each element, as a hash of their indexes: occurrences
	// come in page order.
	type pageSet struct {
		hash uint64
		last int
	}
	sets := map[int]*pageSet{} // rule 1 root → its pages
	for i, o := range occs {
		root := find(i)
		ps := sets[root]
		if ps == nil {
			ps = &pageSet{hash: fnvOffset, last: -1}
			sets[root] = ps
		}
		if ps.last != o.page {
			ps.hash = (ps.hash ^ uint64(o.page+1)) * fnvPrime
			ps.last = o.page
		}
	}
	onPages := make([]uint64, len(occs))
	for i := range occs {
		onPages[i] = sets[find(i)].hash
	}
	sets = nil
	type sibKey struct{ sibling, pages uint64 }
	var siblings map[sibKey]int
	for i, o := range occs {
		if i == 0 || occs[i-1].page != o.page {
			siblings = map[sibKey]int{}
		}
		key := sibKey{o.sibling, onPages[i]}
		if j, ok := siblings[key]; ok {
			union(i, j)
		} else {
			siblings[key] = i
		}
	}
	siblings, onPages = nil, nil

	// Build the groups in order of their first element.
	at := map[int]int{} // root → index into groups
	var groups []Group
	var firstOcc, example []int // per group: its first occurrence, and its example's
	for i, o := range occs {
		root := find(i)
		gi, ok := at[root]
		if !ok {
			gi = len(groups)
			at[root] = gi
			groups = append(groups, Group{Rule: o.rule, Outcome: outcomeName(o.failed)})
			firstOcc = append(firstOcc, i)
			example = append(example, i)
		}
		g := &groups[gi]
		g.Elements++
		if o.baselined {
			g.Baselined++
		}
		if url := urls[o.page]; len(g.Pages) == 0 || g.Pages[len(g.Pages)-1] != url {
			g.Pages = append(g.Pages, url)
		}
		if o.snip != occs[firstOcc[gi]].snip {
			g.Varies = true
		}
		ex := occs[example[gi]]
		if better := ex.baselined && !o.baselined || ex.baselined == o.baselined && !ex.shot && o.shot; better {
			example[gi] = i
		}
		occs[i].group = gi
	}

	// The details of each group: the impact and criteria of its first
	// element's result, and the example element.
	need := map[int][]int{} // occurrence → the groups that take it as first or example (negative: first)
	for gi := range groups {
		need[firstOcc[gi]] = append(need[firstOcc[gi]], -gi-1)
		need[example[gi]] = append(need[example[gi]], gi)
	}
	k := 0
	_ = r.EachPage(func(i int, p *Page) error {
		if !p.Audited() {
			return nil
		}
		for _, res := range p.Results {
			for _, n := range res.Nodes {
				if n.Outcome != string(checks.Failed) && n.Outcome != string(checks.CantTell) {
					continue
				}
				for _, gi := range need[k] {
					if gi < 0 {
						g := &groups[-gi-1]
						g.Impact, g.WCAG = res.Impact, res.WCAG
					} else {
						groups[gi].Node, groups[gi].Page = n, p.URL
					}
				}
				k++
			}
		}
		return nil
	})

	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareGroups(groups[a], groups[b]) })
	rank := make([]int, len(groups))
	sorted := make([]Group, len(groups))
	for i, gi := range order {
		rank[gi] = i
		sorted[i] = groups[gi]
		sorted[i].ID = "g" + strconv.Itoa(i+1)
	}
	for i := range occs {
		occs[i].group = rank[occs[i].group]
	}
	return &grouping{groups: sorted, occs: occs, urls: urls, fails: fails}
}

func outcomeName(failed bool) string {
	if failed {
		return string(checks.Failed)
	}
	return string(checks.CantTell)
}

// The 64-bit FNV-1a offset basis and prime, to hash lists of numbers.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

// hashString is the 64-bit FNV-1a hash of s.
func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func compareGroups(a, b Group) int {
	return cmp.Or(
		compareBool(a.Accepted(), b.Accepted()),
		cmp.Compare(outcomeRank(b.Outcome), outcomeRank(a.Outcome)),
		cmp.Compare(checks.Impact(b.Impact).Rank(), checks.Impact(a.Impact).Rank()),
		cmp.Compare(len(b.Pages), len(a.Pages)),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Node.Selector, b.Node.Selector),
		ComparePages(a.Pages[0], b.Pages[0]),
		strings.Compare(a.Node.Snippet, b.Node.Snippet),
	)
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Fix is a group in the list of fixes that remove the most failures.
type Fix struct {
	Group   int // index into Groups(r)
	Removes int // page × rule failures that go away once this fix and the ones before it are done
}

// TopFixes picks up to n failed groups that, fixed in the order given,
// remove the most page × rule failures (the "failed" count of the
// summary), and returns them with the number of those failures, total.
// A failure goes away when every failed element of the rule on that page
// is fixed, so two groups that fail the same rule on the same pages remove
// those failures together, and the second one gets the credit. The choice
// is greedy: at each step, the group with the largest share of the
// remaining failures (a failure that still needs k fixes counts 1/k for
// each of them); ties go to the group that comes first.
//
// Failures accepted in the baseline are left out, as Report.Failures
// leaves them out: a failed result counts only when it has a new failed
// element, and it goes away once its new elements are fixed.
func TopFixes(r *Report, n int) (fixes []Fix, total int) {
	return topFixes(group(r), n)
}

func topFixes(gr *grouping, n int) (fixes []Fix, total int) {
	groups := gr.groups
	need := map[pageRule][]int{} // the groups of the failed elements of each page × rule
	for _, o := range gr.occs {
		if !o.failed || o.baselined {
			continue
		}
		k := pageRule{o.page, o.rule}
		if !slices.Contains(need[k], o.group) {
			need[k] = append(need[k], o.group)
		}
	}
	var failures [][]int
	for _, k := range gr.fails {
		total++
		if gs := need[k]; len(gs) > 0 {
			failures = append(failures, gs)
		}
	}
	done := make([]bool, len(groups))
	left := func(gs []int) int {
		k := 0
		for _, g := range gs {
			if !done[g] {
				k++
			}
		}
		return k
	}
	for len(fixes) < n {
		score := make([]float64, len(groups))
		for _, gs := range failures {
			k := float64(left(gs))
			for _, g := range gs {
				if !done[g] {
					score[g] += 1 / k
				}
			}
		}
		best := -1
		for g := range groups {
			if score[g] > 0 && (best < 0 || score[g] > score[best]+1e-9) {
				best = g
			}
		}
		if best < 0 {
			break
		}
		done[best] = true
		removes := 0
		kept := failures[:0]
		for _, gs := range failures {
			if left(gs) == 0 {
				removes++
			} else {
				kept = append(kept, gs)
			}
		}
		failures = kept
		fixes = append(fixes, Fix{Group: best, Removes: removes})
	}
	return fixes, total
}

// nthStep matches the position in a selector step.
var nthStep = regexp.MustCompile(`:nth-(?:of-type|child)\(\d+\)`)

// attrName matches an attribute name in a start tag.
var attrName = regexp.MustCompile(`\s([^\s="'>/]+)(?:="[^"]*")?`)

// snippetShape returns the start tag's name and sorted attribute names:
// "img alt class src".
func snippetShape(s string) string {
	if !strings.HasPrefix(s, "<") {
		return "#text"
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		end = len(s)
	}
	tag := s[1:end]
	name, attrs, _ := strings.Cut(tag, " ")
	var names []string
	for _, m := range attrName.FindAllStringSubmatch(" "+attrs, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return strings.Join(append([]string{name}, names...), " ")
}

// srcAttr matches the src attribute of a start tag.
var srcAttr = regexp.MustCompile(`^<[^\s>]+\s(?:[^>]*\s)?src="([^"]*)"`)

// styleRules are the rules that test how an element looks or is laid out,
// so that its fault is in the site's style sheets (or its template's
// attributes) and not in its text: the same start tag in the same place
// on two pages is the same fault, whatever text each page puts in it.
var styleRules = map[string]bool{
	"color-contrast": true, "color-contrast-enhanced": true, "content-on-hover": true, "focus-visible": true,
	"reflow": true, "scrollable-region-focusable": true, "text-spacing-clipped": true, "zoom-text-clipped": true,
}

// elementIdentity is what makes two elements in the same place on two
// pages the same element (rule 1 of Group): for a rule of styleRules, the
// start tag; otherwise, for an element with a src (an image, a frame, a
// video), its source, and for others, the whole normalised snippet.
func elementIdentity(rule, snip string) string {
	if styleRules[rule] {
		return "tag\x00" + startTag(snip)
	}
	if m := srcAttr.FindStringSubmatch(snip); m != nil {
		return "src\x00" + m[1]
	}
	return snip
}

// startTag returns the start tag a snippet begins with (the whole snippet
// when it is not one), reading quoted attribute values whole.
func startTag(snip string) string {
	if !strings.HasPrefix(snip, "<") {
		return snip
	}
	var quote byte
	for i := 1; i < len(snip); i++ {
		switch c := snip[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return snip[:i+1]
		}
	}
	return snip
}
