package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// A Spool keeps the pages of the JSON reports read with it in a temporary
// file, one line each, and the rest of each report in memory: reports of
// large crawls are read, merged and written again (saavu report) without
// their pages in memory. Close removes the file.
type Spool struct {
	f    *os.File
	size int64
}

// NewSpool creates the spool's file in the temporary folder.
func NewSpool() (*Spool, error) {
	f, err := os.CreateTemp("", "saavu-pages-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("create a temporary file for the pages: %w", err)
	}
	return &Spool{f: f}, nil
}

// Close closes and removes the file. Reports read with the spool cannot
// be written after.
func (s *Spool) Close() error {
	return errors.Join(s.f.Close(), os.Remove(s.f.Name()))
}

// ReadPart is the package's ReadPart with the pages kept in the spool:
// the report returned reads them from there (see NewStreamed).
func (s *Spool) ReadPart(r io.Reader, name string) (*Report, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<16))
	notReport := func(err error) error { return fmt.Errorf("%s: not a saavu JSON report: %w", name, err) }
	if tok, err := dec.Token(); err != nil {
		return nil, notReport(err)
	} else if tok != json.Delim('{') {
		return nil, notReport(fmt.Errorf("it is not a JSON object"))
	}
	head := map[string]json.RawMessage{}
	pf := &PageFile{f: s.f, name: name}
	bw := bufio.NewWriterSize(s.f, 1<<16)
	var line bytes.Buffer
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notReport(err)
		}
		key, _ := tok.(string)
		if key != "pages" {
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				return nil, notReport(err)
			}
			head[key] = v
			if key == "schemaVersion" {
				if err := checkSchema(v, name); err != nil {
					return nil, err
				}
			}
			continue
		}
		if tok, err := dec.Token(); err != nil {
			return nil, notReport(err)
		} else if tok != json.Delim('[') {
			if tok == nil {
				continue // "pages": null
			}
			return nil, notReport(fmt.Errorf("pages is not a list"))
		}
		for dec.More() {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, notReport(err)
			}
			var p struct {
				URL string `json:"url"`
			}
			if err := json.Unmarshal(raw, &p); err != nil {
				return nil, fmt.Errorf("%s: page %d: %w", name, pf.Len()+1, err)
			}
			line.Reset()
			if err := json.Compact(&line, raw); err != nil {
				return nil, notReport(err)
			}
			pf.Add(p.URL, s.size, line.Len())
			line.WriteByte('\n')
			n, err := bw.Write(line.Bytes())
			s.size += int64(n)
			if err != nil {
				return nil, fmt.Errorf("%s: keep the pages in %s: %w", name, s.f.Name(), err)
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, notReport(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, notReport(err)
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("%s: keep the pages in %s: %w", name, s.f.Name(), err)
	}
	if err := checkSchema(head["schemaVersion"], name); err != nil {
		return nil, err
	}
	b, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	var rep Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rep.Pages = nil
	pf.Sort() // saved in order; a report edited by hand may not be
	rep.src = pf
	if err := rep.knownStandard(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := rep.upgrade(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &rep, nil
}

// checkSchema refuses reports of a schemaVersion this saavu cannot read
// (raw is its JSON value, nil when absent).
func checkSchema(raw json.RawMessage, name string) error {
	var v string
	if raw != nil {
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("%s: not a saavu JSON report: schemaVersion is not a string", name)
		}
	}
	switch {
	case slices.Contains(readableSchemas, v):
		return nil
	case v == "":
		return fmt.Errorf("%s: not a saavu JSON report (no schemaVersion); write one with -o json=FILE", name)
	}
	return fmt.Errorf("%s: schemaVersion %q is not supported by this saavu (it reads %s): use the saavu that wrote it, or audit again",
		name, v, strings.Join(readableSchemas, " and "))
}
