package document

import (
	"embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"saavu/checks"
)

//go:embed docs/*.md
var docsFS embed.FS

func doc(id string) string {
	b, err := docsFS.ReadFile("docs/" + id + ".md")
	if err != nil {
		panic("document: no docs/" + id + ".md")
	}
	return string(b)
}

// The checks of PDF files. PDF/UA references: ISO 14289-1 clause and the
// Matterhorn Protocol 1.1 failure conditions.
var (
	PDFAnnotationsTagged = &Check{ID: "pdf-annotations-tagged", Title: "Annotations and form fields are in the structure tree", WCAG: []string{"1.3.1", "4.1.2"},
		PDFUA: "PDF/UA-1 7.18.1, 7.18.4, 7.18.5; Matterhorn 28-002, 28-010, 28-011", Impact: checks.Serious, Kind: "pdf"}
	PDFBookmarks = &Check{ID: "pdf-bookmarks", Title: "Long PDF documents have bookmarks", PDFUA: "PDF/UA-1 7.17 (recommended)", Impact: checks.Moderate, Extra: true, Kind: "pdf"}
	PDFFigureAlt = &Check{ID: "pdf-figure-alt", Title: "Figures have alternative text", WCAG: []string{"1.1.1"},
		PDFUA: "PDF/UA-1 7.3; Matterhorn 13-004", Impact: checks.Critical, Kind: "pdf"}
	PDFFormFieldName = &Check{ID: "pdf-form-field-name", Title: "Form fields have a name (TU)", WCAG: []string{"4.1.2", "1.3.1"},
		PDFUA: "PDF/UA-1 7.18.1; Matterhorn 28-005", Impact: checks.Critical, Kind: "pdf"}
	PDFHeadingLevels = &Check{ID: "pdf-heading-levels", Title: "PDF heading levels do not skip", PDFUA: "PDF/UA-1 7.4.2; Matterhorn 14-002, 14-003", Impact: checks.Moderate, Extra: true, Kind: "pdf"}
	PDFHeadings      = &Check{ID: "pdf-headings", Title: "Long PDF documents have tagged headings", PDFUA: "PDF/UA-1 7.4; Matterhorn 14-001", Impact: checks.Moderate, Extra: true, Kind: "pdf"}
	PDFLang          = &Check{ID: "pdf-lang", Title: "The PDF document's language is set", WCAG: []string{"3.1.1"},
		PDFUA: "PDF/UA-1 7.2; Matterhorn 11-001, 11-006", Impact: checks.Serious, Kind: "pdf"}
	PDFLangParts = &Check{ID: "pdf-lang-parts", Title: "Language changes in a PDF are valid language tags", WCAG: []string{"3.1.2"},
		PDFUA: "PDF/UA-1 7.2; Matterhorn 11-002", Impact: checks.Serious, Kind: "pdf"}
	PDFLinkDescription = &Check{ID: "pdf-link-description", Title: "Links have a description", WCAG: []string{"2.4.4", "4.1.2"},
		PDFUA: "PDF/UA-1 7.18.5; Matterhorn 28-012", Impact: checks.Serious, Kind: "pdf"}
	PDFListStructure = &Check{ID: "pdf-list-structure", Title: "Lists are tagged as L, LI and LBody", WCAG: []string{"1.3.1"},
		PDFUA: "PDF/UA-1 7.6 (ISO 32000-1 14.8.4.3.3); Matterhorn 16", Impact: checks.Serious, Kind: "pdf"}
	PDFPermissions = &Check{ID: "pdf-permissions", Title: "Encryption lets assistive technology read the PDF", WCAG: []string{"4.1.2", "1.3.1"},
		PDFUA: "PDF/UA-1 7.16; Matterhorn 26-002", Impact: checks.Critical, Kind: "pdf"}
	PDFTabOrder = &Check{ID: "pdf-tab-order", Title: "Pages with annotations use the structure's tab order (/Tabs /S)", WCAG: []string{"2.4.3"},
		PDFUA: "PDF/UA-1 7.18.3; Matterhorn 28-008, 28-009", Impact: checks.Serious, Kind: "pdf"}
	PDFTableHeaders = &Check{ID: "pdf-table-headers", Title: "Tables have header cells (TH)", WCAG: []string{"1.3.1"},
		PDFUA: "PDF/UA-1 7.5; Matterhorn 15", Impact: checks.Serious, Kind: "pdf"}
	PDFTagged = &Check{ID: "pdf-tagged", Title: "The PDF is tagged and its content is in the structure", WCAG: []string{"1.3.1"},
		PDFUA: "PDF/UA-1 7.1; Matterhorn 01-005, 01-007", Impact: checks.Critical, Kind: "pdf"}
	PDFText = &Check{ID: "pdf-text", Title: "Pages have real text, not only images of it", WCAG: []string{"1.1.1", "1.4.5"},
		Impact: checks.Critical, Kind: "pdf"}
	PDFTitle = &Check{ID: "pdf-title", Title: "The PDF has a title, shown as the window title", WCAG: []string{"2.4.2"},
		PDFUA: "PDF/UA-1 7.1; Matterhorn 06-003, 07-001, 07-002", Impact: checks.Serious, Kind: "pdf"}
)

// The checks of office files (OOXML and OpenDocument).
var (
	OfficeHeadings = &Check{ID: "office-headings", Title: "Documents use real heading styles", WCAG: []string{"1.3.1", "2.4.6"},
		Impact: checks.Serious, Kind: "office"}
	OfficeImageAlt = &Check{ID: "office-image-alt", Title: "Images and shapes have alternative text", WCAG: []string{"1.1.1"},
		Impact: checks.Critical, Kind: "office"}
	OfficeLang = &Check{ID: "office-lang", Title: "The document's language is set", WCAG: []string{"3.1.1"},
		Impact: checks.Serious, Kind: "office"}
	OfficeSlideTitles = &Check{ID: "office-slide-titles", Title: "Slides have titles", WCAG: []string{"2.4.6", "1.3.1"},
		Impact: checks.Serious, Kind: "office"}
	OfficeTableHeaders = &Check{ID: "office-table-headers", Title: "Tables have a header row", WCAG: []string{"1.3.1"},
		Impact: checks.Serious, Kind: "office"}
	OfficeTitle = &Check{ID: "office-title", Title: "The document has a title in its properties", WCAG: []string{"2.4.2"},
		Impact: checks.Serious, Kind: "office"}
)

// all is every check. Keep it sorted by id: a test checks the order.
var all = []*Check{
	OfficeHeadings,
	OfficeImageAlt,
	OfficeLang,
	OfficeSlideTitles,
	OfficeTableHeaders,
	OfficeTitle,
	PDFAnnotationsTagged,
	PDFBookmarks,
	PDFFigureAlt,
	PDFFormFieldName,
	PDFHeadingLevels,
	PDFHeadings,
	PDFLang,
	PDFLangParts,
	PDFLinkDescription,
	PDFListStructure,
	PDFPermissions,
	PDFTabOrder,
	PDFTableHeaders,
	PDFTagged,
	PDFText,
	PDFTitle,
}

func init() {
	for _, c := range all {
		c.Doc = doc(c.ID)
	}
}

// Checks returns every check of documents, sorted by id.
func Checks() []*Check { return slices.Clone(all) }

// Lookup returns the check id.
func Lookup(id string) (*Check, bool) {
	i := slices.IndexFunc(all, func(c *Check) bool { return c.ID == id })
	if i < 0 {
		return nil, false
	}
	return all[i], true
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks the registry: ids kebab-case, unique and sorted, a doc,
// known criteria, and none for an extra check.
func Validate(cs []*Check) error {
	var errs []error
	for i, c := range cs {
		if !kebab.MatchString(c.ID) || !(strings.HasPrefix(c.ID, "pdf-") || strings.HasPrefix(c.ID, "office-")) {
			errs = append(errs, fmt.Errorf("%s: id must be kebab-case and start with pdf- or office-", c.ID))
		}
		if i > 0 && cs[i-1].ID >= c.ID {
			errs = append(errs, fmt.Errorf("%s: not sorted after %s, or a duplicate", c.ID, cs[i-1].ID))
		}
		if strings.TrimSpace(c.Doc) == "" || c.Title == "" {
			errs = append(errs, fmt.Errorf("%s: no title or doc", c.ID))
		}
		if c.Extra != (len(c.WCAG) == 0) {
			errs = append(errs, fmt.Errorf("%s: an extra check cites no criterion, and only an extra check cites none", c.ID))
		}
		for _, sc := range c.WCAG {
			if Clause(sc) == "" {
				errs = append(errs, fmt.Errorf("%s: %s has no EN 301 549 clause 10", c.ID, sc))
			}
		}
		if c.Impact.Rank() == 0 {
			errs = append(errs, fmt.Errorf("%s: unknown impact %q", c.ID, c.Impact))
		}
	}
	return errors.Join(errs...)
}
