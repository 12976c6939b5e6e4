package document

import (
	"archive/zip"
	"bytes"
	"io"
	"mime"
	"path"
	"strings"
)

// Kind is a kind of document file.
type Kind string

// The kinds of document saavu knows.
const (
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	XLSX Kind = "xlsx"
	PPTX Kind = "pptx"
	ODT  Kind = "odt"
	ODS  Kind = "ods"
	ODP  Kind = "odp"
	// Legacy formats, listed and not checked.
	DOC Kind = "doc"
	XLS Kind = "xls"
	PPT Kind = "ppt"
	RTF Kind = "rtf"
	// Unknown is a file of no kind saavu checks; HTML is a web page (an
	// error page served in place of a document).
	Unknown Kind = ""
	HTML    Kind = "html"
)

// Legacy reports whether the kind is a legacy format saavu does not check.
func (k Kind) Legacy() bool { return k == DOC || k == XLS || k == PPT || k == RTF }

// Office reports whether the kind is an OOXML or OpenDocument file.
func (k Kind) Office() bool {
	switch k {
	case DOCX, XLSX, PPTX, ODT, ODS, ODP:
		return true
	}
	return false
}

// Exts are the extensions of the kinds, for links recognised by name.
var Exts = map[string]Kind{
	".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".pptx": PPTX, ".odt": ODT, ".ods": ODS, ".odp": ODP,
	".doc": DOC, ".xls": XLS, ".ppt": PPT, ".rtf": RTF,
	// Macro-enabled and template variants are the same formats.
	".docm": DOCX, ".xlsm": XLSX, ".pptm": PPTX, ".dotx": DOCX, ".potx": PPTX, ".ppsx": PPTX,
}

// mediaTypes are the Content-Types of the kinds.
var mediaTypes = map[string]Kind{
	"application/pdf": PDF, "application/x-pdf": PDF,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   DOCX,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         XLSX,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": PPTX,
	"application/vnd.oasis.opendocument.text":                                   ODT,
	"application/vnd.oasis.opendocument.spreadsheet":                            ODS,
	"application/vnd.oasis.opendocument.presentation":                           ODP,
	"application/msword": DOC, "application/vnd.ms-excel": XLS, "application/vnd.ms-powerpoint": PPT,
	"application/rtf": RTF, "text/rtf": RTF,
}

// ByName returns the kind a file name or URL path says, or Unknown.
func ByName(name string) Kind {
	if i := strings.IndexAny(name, "?#"); i >= 0 && strings.Contains(name, "://") {
		name = name[:i]
	}
	return Exts[strings.ToLower(path.Ext(name))]
}

// ByMediaType returns the kind a Content-Type names, or Unknown.
func ByMediaType(contentType string) Kind {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return Unknown
	}
	return mediaTypes[strings.ToLower(mt)]
}

// IsDocumentType reports whether a Content-Type is one of a document.
func IsDocumentType(contentType string) bool { return ByMediaType(contentType) != Unknown }

// Sniff returns the kind of a file from its first bytes (at least 512
// when the file has them), and for a zip file from its entries (r reads
// the whole file; it may be nil): what the file is, whatever its name or
// Content-Type say. HTML is recognised, so that an error page served as
// application/pdf gets a clear reason. Unknown when it is none of these.
func Sniff(head []byte, r io.ReaderAt, size int64) Kind {
	trimmed := bytes.TrimLeft(head, " \t\r\n\ufeff")
	trimmed = bytes.TrimPrefix(trimmed, []byte("\xef\xbb\xbf"))
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return DOC // an OLE2 compound file: Word, Excel or PowerPoint 97–2003; refined by name
	case bytes.HasPrefix(trimmed, []byte(`{\rtf`)):
		return RTF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffZip(head, r, size)
	}
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 512)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<?xml"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			if p == "<?xml" && !bytes.Contains(lower, []byte("<html")) {
				return Unknown
			}
			return HTML
		}
	}
	return Unknown
}

// sniffZip tells OOXML and OpenDocument files apart: an OpenDocument
// file starts with an uncompressed "mimetype" entry; an OOXML file has
// [Content_Types].xml and a main part.
func sniffZip(head []byte, r io.ReaderAt, size int64) Kind {
	// "mimetype" as the first entry, stored: its content follows the
	// local header (30 bytes + name).
	if len(head) > 38 && string(head[30:38]) == "mimetype" {
		rest := string(head[38:min(len(head), 38+80)])
		switch {
		case strings.HasPrefix(rest, "application/vnd.oasis.opendocument.text"):
			return ODT
		case strings.HasPrefix(rest, "application/vnd.oasis.opendocument.spreadsheet"):
			return ODS
		case strings.HasPrefix(rest, "application/vnd.oasis.opendocument.presentation"):
			return ODP
		}
	}
	if r == nil {
		return Unknown
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Unknown
	}
	for i, f := range zr.File {
		if i > 10_000 {
			break
		}
		switch {
		case f.Name == "word/document.xml":
			return DOCX
		case f.Name == "xl/workbook.xml":
			return XLSX
		case f.Name == "ppt/presentation.xml":
			return PPTX
		}
	}
	return Unknown
}
