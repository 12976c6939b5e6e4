package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Engine runs PDFium, Chrome's PDF engine, compiled to WebAssembly and
// run by wazero inside the saavu process: no cgo, no library to install,
// no file system access (the document is read through an io.ReadSeeker).
// Each document gets a fresh PDFium instance, so that its memory is given
// back when the document is done. An Engine is safe for concurrent use
// by up to Options.Concurrency documents at a time.
type Engine struct {
	ctx  context.Context
	pool pdfium.Pool
	rt   wazero.CompilationCache
}

// Options configure NewEngine.
type Options struct {
	// CacheDir keeps wazero's compiled PDFium between runs: the first
	// compilation takes a few seconds of CPU, a cached one under 0.1 s.
	// "" compiles every time.
	CacheDir    string
	Concurrency int // documents at once; default 1
}

// DefaultCacheDir is saavu's folder in the user's cache folder
// (~/.cache/saavu/pdfium on Linux), or "" when there is none.
func DefaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "saavu", "pdfium")
}

// NewEngine compiles PDFium (or loads it from the cache) and prepares a
// pool of instances. The context bounds the compilation and the life of
// the engine; Close releases it.
func NewEngine(ctx context.Context, opts Options) (*Engine, error) {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	e := &Engine{ctx: ctx}
	rc := wazero.NewRuntimeConfig().
		// The PDFium module uses WebAssembly exception handling for
		// setjmp/longjmp; a cancelled context stops a document stuck in
		// PDFium (see Engine.Inspect).
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true)
	if opts.CacheDir != "" {
		if err := os.MkdirAll(opts.CacheDir, 0o755); err == nil {
			if cc, err := wazero.NewCompilationCacheWithDir(opts.CacheDir); err == nil {
				e.rt = cc
				rc = rc.WithCompilationCache(cc)
			}
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		Context:       ctx,
		MinIdle:       0,
		MaxIdle:       0,
		MaxTotal:      opts.Concurrency,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // nothing mounted: PDFium sees no file
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	e.pool = pool
	return e, nil
}

// Close releases the engine.
func (e *Engine) Close() {
	if e == nil || e.pool == nil {
		return
	}
	_ = e.pool.Close()
	e.pool = nil
	if e.rt != nil {
		_ = e.rt.Close(e.ctx)
	}
}

// Errors of opening a document with PDFium.
var (
	ErrNotPDF = errors.New("not a PDF file")
)

// facts is what PDFium tells about a document.
type facts struct {
	pages       []pageFacts
	tagged      bool // /MarkInfo /Marked true
	lang        string
	info        map[string]string // Title, CreationDate, ModDate
	permissions uint32            // the P flags; 0xFFFFFFFF when not encrypted
	revision    int               // of the security handler; -1 when not encrypted
	bookmarks   int               // top-level bookmarks, at most 1000
}

type pageFacts struct {
	text      int            // characters of text that are not white space (at most 1000 counted)
	images    int            // image objects, in forms too
	objects   int            // content objects (text, image, path, shading)
	untagged  map[string]int // content objects neither tagged (MCID) nor artifacts, by kind
	artifacts int
	mcids     map[int]bool // marked-content ids used on the page
	err       string       // why the page could not be read
}

// maxPageObjects is how many content objects of a page are looked at.
const maxPageObjects = 50_000

// inspect opens the document read from r (size bytes) with PDFium and
// collects the facts the checks need. It stops when ctx is done: PDFium
// is then stopped in the middle of its work.
func (e *Engine) inspect(ctx context.Context, r io.ReadSeeker, size int64, maxPages int) (*facts, error) {
	inst, err := e.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("PDFium: %w", err)
	}
	type result struct {
		f   *facts
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{nil, fmt.Errorf("PDFium failed on this file: %v", p)}
			}
		}()
		f, err := collect(inst, r, size, maxPages)
		done <- result{f, err}
	}()
	select {
	case res := <-done:
		_ = inst.Close()
		return res.f, res.err
	case <-ctx.Done():
		// Stop the WebAssembly code where it is (WithCloseOnContextDone),
		// then wait for the goroutine to see it.
		_ = inst.Kill()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
		return nil, ctx.Err()
	}
}

func collect(p pdfium.Pdfium, r io.ReadSeeker, size int64, maxPages int) (*facts, error) {
	empty := ""
	doc, err := p.OpenDocument(&requests.OpenDocument{FileReader: r, FileReaderSize: size, Password: &empty})
	if err != nil {
		switch {
		case errors.Is(err, pdfiumerrors.ErrPassword):
			return nil, ErrPassword
		case errors.Is(err, pdfiumerrors.ErrSecurity):
			return nil, fmt.Errorf("%w (an encryption saavu cannot open)", ErrPassword)
		case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile):
			return nil, fmt.Errorf("%w: PDFium cannot read it (%v)", ErrNotPDF, err)
		}
		return nil, fmt.Errorf("PDFium cannot open it: %w", err)
	}
	d := doc.Document
	defer func() { _, _ = p.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d}) }()
	f := &facts{info: map[string]string{}, revision: -1, permissions: 0xFFFFFFFF}
	if t, err := p.FPDFCatalog_IsTagged(&requests.FPDFCatalog_IsTagged{Document: d}); err == nil {
		f.tagged = t.IsTagged
	}
	if l, err := p.FPDFCatalog_GetLanguage(&requests.FPDFCatalog_GetLanguage{Document: d}); err == nil {
		f.lang = l.Language
	}
	for _, tag := range []string{"Title", "CreationDate", "ModDate"} {
		if m, err := p.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: d, Tag: tag}); err == nil && m.Value != "" {
			f.info[tag] = m.Value
		}
	}
	if perm, err := p.FPDF_GetDocPermissions(&requests.FPDF_GetDocPermissions{Document: d}); err == nil {
		f.permissions = perm.DocPermissions
	}
	if rev, err := p.FPDF_GetSecurityHandlerRevision(&requests.FPDF_GetSecurityHandlerRevision{Document: d}); err == nil {
		f.revision = rev.SecurityHandlerRevision
	}
	if bm, err := p.FPDFBookmark_GetFirstChild(&requests.FPDFBookmark_GetFirstChild{Document: d}); err == nil && bm.Bookmark != nil {
		cur := *bm.Bookmark
		for f.bookmarks = 1; f.bookmarks < 1000; f.bookmarks++ {
			next, err := p.FPDFBookmark_GetNextSibling(&requests.FPDFBookmark_GetNextSibling{Document: d, Bookmark: cur})
			if err != nil || next.Bookmark == nil {
				break
			}
			cur = *next.Bookmark
		}
	}
	count, err := p.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d})
	if err != nil {
		return nil, fmt.Errorf("PDFium cannot count the pages: %w", err)
	}
	n := count.PageCount
	if maxPages > 0 && n > maxPages {
		n = maxPages
	}
	for i := range n {
		f.pages = append(f.pages, collectPage(p, d, i))
	}
	return f, nil
}

func collectPage(p pdfium.Pdfium, d references.FPDF_DOCUMENT, i int) pageFacts {
	pf := pageFacts{untagged: map[string]int{}, mcids: map[int]bool{}}
	page, err := p.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d, Index: i})
	if err != nil {
		pf.err = err.Error()
		return pf
	}
	defer func() { _, _ = p.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page}) }()
	ref := requests.Page{ByReference: &page.Page}
	if tp, err := p.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref}); err == nil {
		if c, err := p.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage}); err == nil && c.Count > 0 {
			if t, err := p.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: min(c.Count, 4000)}); err == nil {
				for _, r := range t.Text {
					if r > ' ' && r != 0xA0 && r != 0xFFFD && r != 0xFFFE {
						pf.text++
						if pf.text >= 1000 {
							break
						}
					}
				}
			}
		}
		_, _ = p.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	}
	objs, err := p.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return pf
	}
	budget := maxPageObjects
	for j := 0; j < objs.Count && budget > 0; j++ {
		o, err := p.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: j})
		if err != nil {
			continue
		}
		walkObject(p, o.PageObject, false, &pf, &budget, 0)
	}
	return pf
}

// walkObject records one content object (and the objects of a form
// XObject). marked is true when an enclosing form was tagged or an
// artifact: its content is then not looked at for tagging.
func walkObject(p pdfium.Pdfium, o references.FPDF_PAGEOBJECT, marked bool, pf *pageFacts, budget *int, depth int) {
	*budget--
	if *budget < 0 || depth > 12 {
		return
	}
	t, err := p.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: o})
	if err != nil {
		return
	}
	artifact, mcid := false, -1
	if !marked {
		if m, err := p.FPDFPageObj_GetMarkedContentID(&requests.FPDFPageObj_GetMarkedContentID{PageObject: o}); err == nil {
			mcid = m.MarkedContentID
		}
		if c, err := p.FPDFPageObj_CountMarks(&requests.FPDFPageObj_CountMarks{PageObject: o}); err == nil {
			for k := range c.Count {
				mk, err := p.FPDFPageObj_GetMark(&requests.FPDFPageObj_GetMark{PageObject: o, Index: uint64(k)})
				if err != nil {
					continue
				}
				if nm, err := p.FPDFPageObjMark_GetName(&requests.FPDFPageObjMark_GetName{PageObjectMark: mk.Mark}); err == nil && strings.EqualFold(nm.Name, "Artifact") {
					artifact = true
				}
			}
		}
		if mcid >= 0 {
			pf.mcids[mcid] = true
		}
	}
	kind := ""
	switch t.Type {
	case enums.FPDF_PAGEOBJ_TEXT:
		kind = "text"
	case enums.FPDF_PAGEOBJ_IMAGE:
		kind = "image"
		pf.images++
	case enums.FPDF_PAGEOBJ_PATH:
		kind = "path"
	case enums.FPDF_PAGEOBJ_SHADING:
		kind = "shading"
	case enums.FPDF_PAGEOBJ_FORM:
		c, err := p.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: o})
		if err != nil {
			return
		}
		for k := 0; k < c.Count && *budget > 0; k++ {
			child, err := p.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: o, Index: uint64(k)})
			if err == nil {
				walkObject(p, child.PageObject, marked || artifact || mcid >= 0, pf, budget, depth+1)
			}
		}
		return
	default:
		return
	}
	pf.objects++
	switch {
	case marked:
	case artifact:
		pf.artifacts++
	case mcid < 0:
		pf.untagged[kind]++
	}
}
