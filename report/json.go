package report

import (
	"encoding/json"
	"io"
)

// JSONWriter writes the report as indented JSON: the machine contract,
// described in docs/json-report.md.
type JSONWriter struct{}

// Write encodes r with two-space indentation and a trailing newline.
func (JSONWriter) Write(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadJSON decodes a report written by JSONWriter.
func ReadJSON(r io.Reader) (*Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, err
	}
	return &rep, nil
}
