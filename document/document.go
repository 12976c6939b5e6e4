// Package document audits the documents a site publishes (PDF and office
// files) against EN 301 549 V3.2.1 clause 10, "Non-web documents": the
// kinds of file (Sniff), their download (Fetch), the checks (Checks, run
// by packages document/pdf and document/office) and their results. Its
// results are shaped like a page's, so that reports show both alike.
package document

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"saavu/checks"
)

// Check is one check of documents: metadata; the code is in document/pdf
// or document/office.
type Check struct {
	ID    string   // kebab-case: pdf-… or office-…
	Title string   // what a passing document does, in one line
	Doc   string   // what it checks and how to fix it (Markdown)
	WCAG  []string // success criteria its failures break, main one first; none for an extra check
	// PDFUA names the PDF/UA-1 (ISO 14289-1) requirement and the
	// Matterhorn Protocol 1.1 checkpoints it matches, when one does.
	PDFUA  string
	Impact checks.Impact
	// Extra marks a check EN 301 549 does not require: it cites no
	// criterion and runs only when extra rules are asked for.
	Extra bool
	Kind  string // "pdf" or "office"
}

// EN301549 returns the clauses of EN 301 549 V3.2.1 clause 10 (non-web
// documents) of the check's criteria, in the same order.
func (c *Check) EN301549() []string {
	var out []string
	for _, sc := range c.WCAG {
		if cl := Clause(sc); cl != "" {
			out = append(out, cl)
		}
	}
	return out
}

// voidForDocuments are the criteria whose clause 10 is void: they apply to
// sets of web pages only.
var voidForDocuments = []string{"2.4.1", "2.4.5", "3.2.3", "3.2.4"}

// Clause returns the EN 301 549 clause for non-web documents of a WCAG
// criterion ("1.1.1" → "10.1.1.1"), or "" when it is void or unknown.
func Clause(sc string) string {
	c, ok := checks.LookupSC(sc)
	if !ok || slices.Contains(voidForDocuments, sc) || !strings.HasPrefix(c.EN301549, "9.") {
		return ""
	}
	return "10." + strings.TrimPrefix(c.EN301549, "9.")
}

// Level is "A" when any of the check's criteria is level A, "AA"
// otherwise, "" for an extra check.
func (c *Check) Level() string {
	if len(c.WCAG) == 0 {
		return ""
	}
	for _, sc := range c.WCAG {
		if k, ok := checks.LookupSC(sc); ok && k.Level == "A" {
			return "A"
		}
	}
	return "AA"
}

// HelpURL is the W3C Understanding page of the main criterion, or the
// PDF/UA page of the PDF Association for an extra check.
func (c *Check) HelpURL() string {
	if len(c.WCAG) == 0 {
		return "https://pdfa.org/resource/the-matterhorn-protocol/"
	}
	k, _ := checks.LookupSC(c.WCAG[0])
	slug := nonSlug.ReplaceAllString(strings.ToLower(k.Title), "-")
	return "https://www.w3.org/WAI/WCAG21/Understanding/" + strings.Trim(slug, "-") + ".html"
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Summary is the first paragraph of the check's Doc.
func (c *Check) Summary() string {
	p, _, _ := strings.Cut(strings.TrimSpace(c.Doc), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// Outcome is a W3C ACT outcome.
type Outcome = checks.Outcome

// Node is one place in a document that failed a check or that a person
// must look at.
type Node struct {
	Outcome Outcome
	Where   string // "page 3", "page 3, Figure 2", "word/document.xml, image 'Picture 1'"
	Snippet string // what is there, e.g. "<Figure>" or "/Link annotation"
	Message string // what is wrong and how to fix it, in English
}

// Result is the outcome of one check on one document.
type Result struct {
	Check   string
	Outcome Outcome
	Passed  int    // places that passed
	Nodes   []Node // places that failed or need review
}

// Tally builds a Result from its nodes and the number of places that
// passed: failed if any node failed, else cantTell if any needs review,
// else passed if any passed, else inapplicable.
func Tally(check string, passed int, nodes []Node) Result {
	r := Result{Check: check, Passed: passed, Nodes: nodes, Outcome: checks.Inapplicable}
	switch {
	case slices.ContainsFunc(nodes, func(n Node) bool { return n.Outcome == checks.Failed }):
		r.Outcome = checks.Failed
	case slices.ContainsFunc(nodes, func(n Node) bool { return n.Outcome == checks.CantTell }):
		r.Outcome = checks.CantTell
	case passed > 0:
		r.Outcome = checks.Passed
	}
	return r
}

// Audit is what checking one document found.
type Audit struct {
	Kind  Kind
	Title string // from its metadata
	Pages int    // PDF: pages; presentations: slides; 0 when unknown
	// Dates known from the file: created and modified, RFC 3339, "" when
	// unknown.
	Created, Modified string
	Results           []Result // one per check that ran, sorted by check id
	Notes             []string // things the reader should know about how it was checked
	// Error is why the document could not be checked ("" when it was);
	// ErrorKind says the same for machines (see the Err… kinds).
	Error     string
	ErrorKind string
}

// Error kinds of a document that could not be checked.
const (
	KindEncrypted = "encrypted" // needs a password
	KindCorrupt   = "corrupt"   // broken, truncated, not what its name says
	KindEmpty     = "empty"
	KindTooLarge  = "too-large" // larger than --max-document-size
	KindZipBomb   = "zip-bomb"  // unpacks to too much
	KindLegacy    = "legacy"    // .doc, .xls, .ppt, .rtf
	KindNotDoc    = "not-document"
	KindHTTP      = "http"    // the server answered with an error
	KindNetwork   = "network" // the download failed
	KindFailed    = "failed"  // the checker failed (a parser panic)
	KindRobots    = "robots"
	KindTimeout   = "timeout"
)

// Failf is an audit that could not be done.
func Failf(kind, format string, args ...any) *Audit {
	return &Audit{ErrorKind: kind, Error: fmt.Sprintf(format, args...)}
}

// SortResults sorts results by check id.
func SortResults(rs []Result) {
	slices.SortFunc(rs, func(a, b Result) int { return cmp.Compare(a.Check, b.Check) })
}
