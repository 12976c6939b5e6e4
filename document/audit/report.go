package audit

import (
	"context"
	"errors"
	"io"

	"saavu/document"
	"saavu/report"
)

// Remote downloads the document at u to a temporary file (document.Fetch),
// checks it and removes the file, whatever happens: an error, a panic of
// a parser, a cancellation. It returns the document as the report lists
// it; the error is ctx's only.
func (a *Auditor) Remote(ctx context.Context, u string, fo document.FetchOptions) (report.Document, error) {
	return a.remote(ctx, u, fo, a.Reader)
}

type checkFunc func(ctx context.Context, r io.ReaderAt, size int64, name, contentType string) (*document.Audit, error)

func (a *Auditor) remote(ctx context.Context, u string, fo document.FetchOptions, check checkFunc) (rd report.Document, err error) {
	rd = report.Document{URL: u, Size: -1}
	dl, err := document.Fetch(ctx, u, fo)
	var fe *document.FetchError
	switch {
	case errors.As(err, &fe):
		fillResponse(&rd, fe.Response)
		rd.Error, rd.ErrorKind = fe.Msg, fe.Kind
		return rd, nil
	case err != nil:
		return rd, err
	}
	defer dl.Close()
	fillResponse(&rd, dl.Response)
	au, err := safeCheck(ctx, check, dl.File, dl.Size, u, dl.ContentType)
	if err != nil {
		return rd, err
	}
	Fill(&rd, au)
	return rd, nil
}

// safeCheck runs check, turning a panic into an Audit that says so.
func safeCheck(ctx context.Context, check checkFunc, r io.ReaderAt, size int64, name, ct string) (au *document.Audit, err error) {
	defer func() {
		if p := recover(); p != nil {
			au, err = document.Failf(document.KindFailed, "not checked: saavu failed reading this file (%v); please report it", p), nil
		}
	}()
	return check(ctx, r, size, name, ct)
}

func fillResponse(rd *report.Document, r document.Response) {
	rd.Status, rd.ContentType, rd.LastModified = r.Status, r.ContentType, r.LastModified
	if r.Size >= 0 {
		rd.Size = r.Size
	}
}

// Fill copies an audit into the report's document.
func Fill(rd *report.Document, au *document.Audit) {
	rd.Kind, rd.Title, rd.Pages = string(au.Kind), au.Title, au.Pages
	rd.Created, rd.Modified, rd.Notes = au.Created, au.Modified, au.Notes
	rd.Error, rd.ErrorKind = au.Error, au.ErrorKind
	rd.Results = nil
	if au.Error != "" {
		return
	}
	rd.Results = []report.Result{}
	for _, r := range au.Results {
		c, ok := document.Lookup(r.Check)
		if !ok {
			continue
		}
		res := report.Result{Rule: c.ID, Outcome: string(r.Outcome), WCAG: c.WCAG, EN301549: c.EN301549(), Impact: string(c.Impact), Passed: r.Passed}
		for _, n := range r.Nodes {
			res.Nodes = append(res.Nodes, report.Node{Outcome: string(n.Outcome), Selector: n.Where, Snippet: n.Snippet, Message: n.Message})
		}
		rd.Results = append(rd.Results, res)
	}
}

// RuleInfos are the metadata of the checks of documents, for the report:
// the required ones, and the extra ones when extra.
func RuleInfos(extra bool) []report.RuleInfo {
	var out []report.RuleInfo
	for _, c := range document.Checks() {
		if c.Extra && !extra {
			continue
		}
		out = append(out, report.RuleInfo{ID: c.ID, Title: c.Title, Summary: c.Summary(), HelpURL: c.HelpURL(), WCAG: c.WCAG,
			EN301549: c.EN301549(), Level: c.Level(), Impact: string(c.Impact), Extra: c.Extra, PDFUA: c.PDFUA})
	}
	return out
}
