package report

import (
	_ "embed"
	"html/template"
	"io"
)

//go:embed templates/report.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("report").Parse(htmlTemplate))

// HTMLWriter writes the report as one self-contained HTML page.
type HTMLWriter struct {
	Lang string
}

// Write renders the report.
func (h HTMLWriter) Write(w io.Writer, r *Report) error {
	return htmlTmpl.Execute(w, r)
}
