// Package audit checks one document, whatever its kind: it tells the
// kind from the file's first bytes (not its name or Content-Type, which
// may lie), hands PDF files to document/pdf and office files to
// document/office, and turns what cannot be checked (a password, a broken
// or empty file, an HTML error page, a legacy format, a parser's panic)
// into an Audit with a clear reason.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"saavu/document"
	"saavu/document/office"
	"saavu/document/pdf"
)

// Auditor checks documents. Its zero value checks office files only;
// PDF needs an Engine.
type Auditor struct {
	PDF *pdf.Engine
	// StartPDF starts the PDF engine on the first PDF, when PDF is nil
	// (its compilation costs a few seconds on a first run): see Lazy.
	StartPDF func() (*pdf.Engine, error)
	Extra    bool          // also run the extra checks
	Timeout  time.Duration // per document; 0: 2 minutes
	Office   office.Limits // zip-bomb caps; zero: the defaults
}

// File checks the document at path.
func (a *Auditor) File(ctx context.Context, name string) (*document.Audit, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return a.Reader(ctx, f, st.Size(), name, "")
}

// Reader checks the document read from r (size bytes); name (a file name
// or URL) and contentType (the server's) only help name a legacy format
// and word the reasons. The error is ctx's only: a document that cannot
// be checked is an Audit with Error set.
func (a *Auditor) Reader(ctx context.Context, r io.ReaderAt, size int64, name, contentType string) (au *document.Audit, err error) {
	defer func() {
		if p := recover(); p != nil {
			au, err = document.Failf(document.KindFailed, "not checked: saavu failed reading this file (%v); please report it", p), nil
		}
	}()
	if size == 0 {
		return document.Failf(document.KindEmpty, "not checked: the file is empty"), nil
	}
	head := make([]byte, min(size, 4096))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return document.Failf(document.KindCorrupt, "not checked: the file could not be read (%v)", err), nil
	}
	kind := document.Sniff(head, r, size)
	claimed := document.ByName(name)
	if claimed == document.Unknown {
		claimed = document.ByMediaType(contentType)
	}
	if kind == document.DOC && claimed.Legacy() {
		kind = claimed // an OLE2 file: the name tells Word, Excel or PowerPoint apart
	}
	timeout := a.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	dctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	switch {
	case kind == document.PDF:
		engine := a.PDF
		if engine == nil && a.StartPDF != nil {
			e, err := a.StartPDF()
			if err != nil {
				return document.Failf(document.KindFailed, "not checked: %v", err), nil
			}
			engine = e
		}
		if engine == nil {
			return document.Failf(document.KindFailed, "not checked: the PDF engine is not running"), nil
		}
		au, err = engine.Audit(dctx, r, size, pdf.AuditOptions{Extra: a.Extra})
	case kind.Office():
		au, err = office.Audit(dctx, r, size, kind, office.Options{Extra: a.Extra, Limits: a.Office})
	case kind.Legacy():
		return &document.Audit{Kind: kind, ErrorKind: document.KindLegacy,
			Error: fmt.Sprintf("not checked: legacy format (%s); saavu checks PDF and the current office formats (DOCX, XLSX, PPTX, ODT, ODS, ODP): publish the file in one of them", legacyName(kind))}, nil
	case kind == document.HTML:
		return document.Failf(document.KindNotDoc, "not checked: the file is a web page (HTML), not %s: probably an error or login page served in place of the document", claimedName(claimed, contentType)), nil
	case claimed != document.Unknown:
		return document.Failf(document.KindCorrupt, "not checked: the file is not a readable %s: it does not start as one (damaged, or another kind of file)", claimedName(claimed, contentType)), nil
	default:
		return document.Failf(document.KindNotDoc, "not checked: not a document saavu knows (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP)"), nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return document.Failf(document.KindTimeout, "not checked: checking it took longer than %v", timeout), nil
		}
		return document.Failf(document.KindFailed, "not checked: %v", err), nil
	}
	if au.Kind == "" {
		au.Kind = kind
	}
	return au, nil
}

func legacyName(k document.Kind) string {
	switch k {
	case document.DOC:
		return "Word 97–2003, .doc"
	case document.XLS:
		return "Excel 97–2003, .xls"
	case document.PPT:
		return "PowerPoint 97–2003, .ppt"
	}
	return "Rich Text Format, .rtf"
}

func claimedName(k document.Kind, contentType string) string {
	if k != document.Unknown {
		return "a " + strings.ToUpper(string(k)) + " file"
	}
	if contentType != "" {
		return "the " + contentType + " its server announced"
	}
	return "a document"
}

// Lazy starts a PDF engine once, when first asked: a run with no PDF
// does not pay for it. Close closes it if it was started.
type Lazy struct {
	once   sync.Once
	engine *pdf.Engine
	err    error
	Start  func() (*pdf.Engine, error)
}

// Get starts the engine on the first call and returns it.
func (l *Lazy) Get() (*pdf.Engine, error) {
	l.once.Do(func() { l.engine, l.err = l.Start() })
	return l.engine, l.err
}

// Close closes the engine if it was started.
func (l *Lazy) Close() {
	l.once.Do(func() {}) // no start after Close
	if l.engine != nil {
		l.engine.Close()
	}
}

// Name is the last path segment of a URL or path, for messages.
func Name(u string) string { return path.Base(u) }
