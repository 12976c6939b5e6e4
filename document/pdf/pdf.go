// Package pdf checks PDF files against EN 301 549 clause 10 and names
// the PDF/UA-1 requirements and Matterhorn Protocol checkpoints they
// match. PDFium (engine.go) reads the pages' content: text, images, and
// whether each piece of content is tagged or an artifact; a small reader
// of the file's objects (reader.go, crypt.go, structure.go) reads what
// PDFium does not expose: the whole structure tree, the XMP metadata,
// the viewer preferences, the pages' tab order and their annotations.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"saavu/document"
)

// MaxPages is how many pages of a document are looked at.
const MaxPages = 2000

// AuditOptions configure Audit.
type AuditOptions struct {
	Extra bool // also run the extra checks (not required by EN 301 549)
}

// Audit checks the PDF read from r (size bytes). A file that cannot be
// checked (password, broken, not a PDF) gives an Audit with Error set;
// the error returned is ctx's only.
func (e *Engine) Audit(ctx context.Context, r io.ReaderAt, size int64, opts AuditOptions) (a *document.Audit, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = document.Failf(document.KindFailed, "saavu failed reading this PDF (%v): the file may be damaged; please report it", p), nil
		}
	}()
	raw, rawErr := openRaw(r, size)
	if errors.Is(rawErr, ErrPassword) {
		why := ""
		if rawErr != ErrPassword {
			why = " (" + strings.TrimSuffix(rawErr.Error(), ": "+ErrPassword.Error()) + ")"
		}
		return document.Failf(document.KindEncrypted, "not checked: the PDF needs a password to open%s; publish it without a password to open it", why), nil
	}
	f, err := e.inspect(ctx, io.NewSectionReader(r, 0, size), size, MaxPages)
	switch {
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return nil, err
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, ErrPassword):
		return document.Failf(document.KindEncrypted, "not checked: the PDF needs a password to open; publish it without a password to open it"), nil
	case errors.Is(err, ErrNotPDF):
		return document.Failf(document.KindCorrupt, "not checked: the file is damaged or not a PDF (%v)", err), nil
	case err != nil:
		return document.Failf(document.KindFailed, "not checked: %v", err), nil
	}
	d := &doc{facts: f, tree: &structTree{mcids: map[[2]int]*element{}, objs: map[int64]*element{}}}
	if rawErr == nil {
		d.raw = raw
		d.pages = raw.pages(len(f.pages))
		index := map[int64]int{}
		for i, p := range d.pages {
			if p.ref.num != 0 {
				index[p.ref.num] = i
			}
		}
		d.tree = raw.structure(index)
		d.xmp = raw.metadata()
		d.displayDocTitle, d.displayDocTitleSet = raw.displayDocTitle()
		d.marked = raw.marked()
		d.lang, d.langSet = raw.catalogLang()
		if raw.crypt != nil {
			d.encrypted, d.p, d.rev = true, raw.crypt.P, raw.crypt.rev
		}
	} else {
		d.rawErr = rawErr
		d.marked = f.tagged
		d.lang, d.langSet = f.lang, f.lang != ""
	}
	if !d.encrypted && f.revision >= 0 {
		d.encrypted, d.p, d.rev = true, int64(int32(f.permissions)), int64(f.revision)
	}
	a = &document.Audit{Kind: document.PDF, Pages: len(f.pages)}
	a.Title = strings.TrimSpace(d.xmp.title)
	if a.Title == "" {
		a.Title = strings.TrimSpace(f.info["Title"])
	}
	a.Created, a.Modified = dates(f.info["CreationDate"], f.info["ModDate"], d.xmp.created, d.xmp.modified)
	if len(f.pages) == MaxPages {
		a.Notes = append(a.Notes, fmt.Sprintf("Only the first %d pages were checked.", MaxPages))
	}
	if rawErr != nil {
		a.Notes = append(a.Notes, fmt.Sprintf("saavu could not read the file's structure (%v): the checks that need it could not tell.", rawErr))
	}
	for _, c := range pdfChecks {
		if c.check.Extra && !opts.Extra {
			continue
		}
		if rawErr != nil && c.needsRaw {
			a.Results = append(a.Results, document.Tally(c.check.ID, 0, []document.Node{{
				Outcome: "cantTell", Where: "document", Message: "saavu could not read the file's structure, so this could not be checked: check it with a PDF accessibility checker.",
			}}))
			continue
		}
		a.Results = append(a.Results, c.run(d))
	}
	document.SortResults(a.Results)
	return a, nil
}

// doc is everything the checks read about a PDF.
type doc struct {
	facts  *facts
	raw    *rawFile
	rawErr error
	pages  []page
	tree   *structTree
	xmp    xmp

	displayDocTitle, displayDocTitleSet bool
	marked                              bool
	lang                                string
	langSet                             bool
	encrypted                           bool
	p, rev                              int64
}

// dates returns the earliest creation date and the latest of all the
// dates, RFC 3339, from the Info dictionary's PDF dates and XMP's ISO
// 8601 ones; "" when none could be read.
func dates(infoCreated, infoModified, xmpCreated, xmpModified string) (created, latest string) {
	var c, l time.Time
	for i, s := range []string{infoCreated, xmpCreated, infoModified, xmpModified} {
		t, ok := parseDate(s)
		if !ok {
			continue
		}
		if i < 2 && (c.IsZero() || t.Before(c)) {
			c = t
		}
		if l.IsZero() || t.After(l) {
			l = t
		}
	}
	if !c.IsZero() {
		created = c.UTC().Format(time.RFC3339)
	}
	if !l.IsZero() {
		latest = l.UTC().Format(time.RFC3339)
	}
	return created, latest
}

// parseDate reads a PDF date ("D:20170304120000+02'00'") or an XMP one
// ("2017-03-04T12:00:00+02:00", or a part of it).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if strings.HasPrefix(s, "D:") || (len(s) >= 4 && !strings.Contains(s, "-")) {
		s = strings.TrimPrefix(s, "D:")
		digits := 0
		for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
			digits++
		}
		if digits < 4 {
			return time.Time{}, false
		}
		num := func(from, to, def int) int {
			if to > digits {
				return def
			}
			v, _ := strconv.Atoi(s[from:to])
			return v
		}
		loc := time.UTC
		rest := s[digits:]
		if len(rest) >= 3 && (rest[0] == '+' || rest[0] == '-') {
			h, _ := strconv.Atoi(rest[1:3])
			m := 0
			if mm := strings.Trim(rest[3:], "'"); len(mm) >= 2 {
				m, _ = strconv.Atoi(mm[:2])
			}
			off := h*3600 + m*60
			if rest[0] == '-' {
				off = -off
			}
			loc = time.FixedZone("", off)
		}
		t := time.Date(num(0, 4, 1), time.Month(num(4, 6, 1)), num(6, 8, 1), num(8, 10, 0), num(10, 12, 0), num(12, 14, 0), 0, loc)
		if t.Year() < 1970 || t.Year() > 9999 {
			return time.Time{}, false
		}
		return t, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
