package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Writer formats a report. Writers only format: ordering and filtering
// happen once, in New.
type Writer interface {
	Write(w io.Writer, r *Report) error
}

// Options tune the writers that have choices.
type Options struct {
	Lang  string // language of the HTML report: en, fi or sv
	Color bool   // terminal colours in the text table
	Width int    // terminal width for the text table; 0 for no limit

	// Reports are the report files written by the same run, which the
	// terminal views (text, summary) name at the end.
	Reports []string

	// Location is the time zone of the times the human formats show (the
	// HTML report); nil for time.Local. The JSON keeps UTC.
	Location *time.Location
}

// Formats lists the output formats, for flag help and errors.
var Formats = []string{"csv", "earl", "html", "json", "junit", "sarif", "summary", "text"}

// NewWriter returns the writer of a format.
func NewWriter(format string, o Options) (Writer, error) {
	switch format {
	case "json":
		return JSONWriter{}, nil
	case "html":
		return HTMLWriter{Lang: o.Lang, Location: o.Location}, nil
	case "text", "table":
		return TextWriter{Color: o.Color, Width: o.Width, Reports: o.Reports}, nil
	case "summary":
		return SummaryWriter{Color: o.Color, Width: o.Width, Reports: o.Reports}, nil
	case "sarif":
		return SARIFWriter{Docs: ruleDocs}, nil
	case "junit":
		return JUnitWriter{}, nil
	case "csv":
		return CSVWriter{}, nil
	case "earl":
		return EARLWriter{}, nil
	}
	return nil, fmt.Errorf("unknown output format %q (choose one of %s)", format, strings.Join(Formats, ", "))
}

// KnownFormat reports whether f names an output format.
func KnownFormat(f string) bool { return slices.Contains(Formats, f) || f == "table" }
