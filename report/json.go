package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// JSONWriter writes the report as indented JSON: the machine contract,
// described in docs/json-report.md.
type JSONWriter struct{}

// Write encodes r with two-space indentation and a trailing newline. The
// pages are encoded one at a time, so that the output is never held in
// memory whole.
func (JSONWriter) Write(w io.Writer, r *Report) error {
	head := *r
	head.Pages = nil
	return streamJSON(w, &head, `  "pages"`, func(emit func(any) error) error {
		return r.EachPage(func(_ int, p *Page) error { return emit(p) })
	})
}

// streamJSON writes head as indented JSON (as json.Encoder with two-space
// indentation and no HTML escaping would) with the array field, which
// head holds as null, filled with the values each emits one at a time.
// field is the field's name in quotes after its indentation.
func streamJSON(w io.Writer, head any, field string, each func(emit func(any) error) error) error {
	var buf bytes.Buffer
	if err := newJSONEncoder(&buf, "").Encode(head); err != nil {
		return err
	}
	// Only the field itself can be written so: in a string, the quotes
	// and the line break would be escaped.
	before, after, ok := bytes.Cut(buf.Bytes(), []byte("\n"+field+": null"))
	if !ok {
		return fmt.Errorf("json: no null %s to fill", strings.TrimSpace(field))
	}
	indent := field[:len(field)-len(strings.TrimLeft(field, " "))]
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(before)
	bw.WriteString("\n" + field + ": [")
	var item bytes.Buffer
	enc := newJSONEncoder(&item, indent+"  ")
	n := 0
	err := each(func(v any) error {
		item.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n" + indent + "  ")
		_, err := bw.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n" + indent)
	}
	bw.WriteByte(']')
	bw.Write(after)
	return bw.Flush()
}

func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

// ReadJSON decodes a report written by JSONWriter. It does not check
// schemaVersion (ReadPart does); a report of schema 1 is brought to the
// current one (see upgrade).
func ReadJSON(r io.Reader) (*Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, err
	}
	if err := rep.knownStandard(); err != nil {
		return nil, err
	}
	if err := rep.upgrade(); err != nil {
		return nil, err
	}
	return &rep, nil
}

// upgrade brings a report read from schema 1 to the current schema. Its
// pages and results mean the same in both; only the criteria's outcomes
// changed meaning, so the summary is computed again from the pages, with
// the rules of this saavu deciding which criteria get a verdict.
func (r *Report) upgrade() error {
	if r.SchemaVersion != "1" {
		return nil
	}
	sum := summer{std: r.Std()}
	if err := r.EachPage(func(_ int, p *Page) error {
		sum.add(p)
		return nil
	}); err != nil {
		return err
	}
	r.Summary = sum.summary(r.Rules).withSite(r.Rules, r.SiteResults)
	r.SchemaVersion = SchemaVersion
	return nil
}
