package crawl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A crawl's state folder holds three files, so that a crawl keeps no page
// results in memory and can be resumed after an interruption or a crash:
//
//	crawl.json      what was asked: start URLs, scope, rules (StateMeta)
//	pages.jsonl     one page result per line, appended as each page finishes
//	frontier.jsonl  the crawl's log: the sitemap URLs, then one line per
//	                page done with the links it holds; replaying it rebuilds
//	                the queue, the seen set and the referrers
//
// Lines are appended with one write each and never rewritten. A page is
// done once its line is in frontier.jsonl: its line in pages.jsonl is
// written first, so a crash between the two only costs auditing that page
// again.
const (
	stateMetaFile  = "crawl.json"
	statePagesFile = "pages.jsonl"
	stateLogFile   = "frontier.jsonl"
	stateLockFile  = "lock" // locked while a crawl has the folder open
)

// stateFormat changes when the files change incompatibly.
const stateFormat = 1

// ErrStateUnfinished means the state folder holds a crawl that did not
// finish, and neither resuming nor starting over was asked for.
var ErrStateUnfinished = errors.New("the state folder holds an unfinished crawl")

// ErrStateLocked means another crawl has the state folder open.
var ErrStateLocked = errors.New("another saavu crawl is using the state folder")

// errLocked is lockFile's answer when the lock is held elsewhere.
var errLocked = errors.New("locked")

// ErrStateMismatch means --resume was asked with other start URLs, scope
// or rules than those of the crawl in the state folder.
var ErrStateMismatch = errors.New("the crawl to resume was started with other options")

// StateMeta describes a crawl. The fields up to Rules must be the same for
// a crawl to be resumed.
type StateMeta struct {
	Format       int      `json:"format"`
	Start        []string `json:"start"` // normalised start URLs
	Include      []string `json:"include"`
	Exclude      []string `json:"exclude"`
	MaxDepth     int      `json:"maxDepth"`
	IgnoreRobots bool     `json:"ignoreRobots"`
	Rules        []string `json:"rules"` // ids of the rules that run

	MaxPages int    `json:"maxPages"` // may be raised on resume
	Version  string `json:"version"`  // saavu's version when the crawl started
	Started  string `json:"started"`  // RFC 3339
	Finished bool   `json:"finished"` // the crawl ran to its end
	// Audit are the settings that change verdicts (a
	// report.AuditSettings), written when the crawl finishes, for a
	// later crawl --since this folder.
	Audit json.RawMessage `json:"audit,omitempty"`
}

// StateMode says what OpenState does with a folder that holds a crawl.
type StateMode int

const (
	// StateNew starts a new crawl. It replaces a finished crawl and
	// refuses (ErrStateUnfinished) to replace an unfinished one.
	StateNew StateMode = iota
	// StateFresh starts a new crawl, replacing whatever the folder holds.
	StateFresh
	// StateResume continues the crawl in the folder (ErrStateMismatch when
	// its options differ), or starts a new one when there is none.
	StateResume
)

// State is an open state folder. It is not safe for concurrent use.
type State struct {
	Dir     string
	Meta    StateMeta
	Resumed bool // the crawl continues an earlier one

	pages, log *os.File
	lock       *os.File        // held while the folder is open
	done       map[string]bool // URLs with a line in frontier.jsonl
	kept       int             // of those, the ones with a page line
}

// stateRecord is one line of frontier.jsonl.
type stateRecord struct {
	Sitemap []string `json:"sitemap,omitempty"` // the pages the sitemaps list (one record, before any page)

	URL   string   `json:"url,omitempty"` // a page done
	Final string   `json:"final,omitempty"`
	Depth int      `json:"depth,omitempty"`
	Start bool     `json:"start,omitempty"`
	OK    bool     `json:"ok,omitempty"`   // audited
	Page  bool     `json:"page,omitempty"` // has a line in pages.jsonl
	Skip  string   `json:"skip,omitempty"` // why it was not audited after all
	Links []string `json:"links,omitempty"`
	Doc   bool     `json:"doc,omitempty"` // a link that led to a document (by its Content-Type), checked after the pages
}

// OpenState opens (creating it when needed) the state folder dir for a
// crawl described by meta.
func OpenState(dir string, meta StateMeta, mode StateMode) (*State, error) {
	meta.Format = stateFormat
	s := &State{Dir: dir, Meta: meta, done: map[string]bool{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create state folder: %w", err)
	}
	// One crawl at a time in a folder: a second one would interleave
	// its lines with the first one's.
	lock, err := os.OpenFile(filepath.Join(dir, stateLockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("%s: %w", dir, ErrStateLocked)
		}
		return nil, fmt.Errorf("lock state folder: %w", err)
	}
	s.lock = lock
	ok := false
	defer func() {
		if !ok {
			s.Close()
		}
	}()
	old, err := readMeta(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		old = nil
	case err != nil:
		return nil, err
	}
	if old != nil {
		switch mode {
		case StateNew:
			// An unfinished crawl is kept from being replaced by mistake,
			// unless it did nothing worth keeping.
			if !old.Finished && hasPages(dir) {
				return nil, fmt.Errorf("%s: %w (started %s from %s)", dir, ErrStateUnfinished, old.Started, strings.Join(old.Start, " "))
			}
		case StateResume:
			if d := old.differs(meta); d != "" {
				return nil, fmt.Errorf("%s: %w: %s", dir, ErrStateMismatch, d)
			}
			s.Resumed = true
			s.Meta.Started, s.Meta.Version = old.Started, old.Version
		}
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if !s.Resumed {
		flags |= os.O_TRUNC
	} else {
		// A crash may have cut a last line short: drop it, so that the
		// next line starts clean.
		for _, name := range []string{statePagesFile, stateLogFile} {
			if err := trimPartialLine(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		}
	}
	s.Meta.Finished = false
	if err := s.writeMeta(); err != nil {
		return nil, err
	}
	if s.pages, err = os.OpenFile(filepath.Join(dir, statePagesFile), flags, 0o644); err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	if s.log, err = os.OpenFile(filepath.Join(dir, stateLogFile), flags, 0o644); err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	if s.Resumed {
		err := s.replay(func(r stateRecord) error {
			if r.URL != "" {
				s.done[r.URL] = true
				if r.Page {
					s.kept++
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	ok = true
	return s, nil
}

// differs says how m, the options of a new run, differ from those of the
// crawl in the folder; "" when they do not.
func (old *StateMeta) differs(m StateMeta) string {
	var d []string
	if old.Format != stateFormat {
		return fmt.Sprintf("it was written by another version of saavu (%s)", old.Version)
	}
	if !slices.Equal(old.Start, m.Start) {
		d = append(d, fmt.Sprintf("start URLs %s (now %s)", strings.Join(old.Start, " "), strings.Join(m.Start, " ")))
	}
	if !slices.Equal(old.Include, m.Include) {
		d = append(d, fmt.Sprintf("--include %s (now %s)", listOrNone(old.Include), listOrNone(m.Include)))
	}
	if !slices.Equal(old.Exclude, m.Exclude) {
		d = append(d, fmt.Sprintf("--exclude %s (now %s)", listOrNone(old.Exclude), listOrNone(m.Exclude)))
	}
	if old.MaxDepth != m.MaxDepth {
		d = append(d, fmt.Sprintf("--max-depth %d (now %d)", old.MaxDepth, m.MaxDepth))
	}
	if old.IgnoreRobots != m.IgnoreRobots {
		d = append(d, fmt.Sprintf("--ignore-robots=%t (now %t)", old.IgnoreRobots, m.IgnoreRobots))
	}
	if !slices.Equal(old.Rules, m.Rules) {
		d = append(d, fmt.Sprintf("%d rules (now %d; compare --rules and --skip-rules)", len(old.Rules), len(m.Rules)))
	}
	if len(d) == 0 {
		return ""
	}
	return "it was started with " + strings.Join(d, ", ")
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " ")
}

func readMeta(dir string) (*StateMeta, error) {
	b, err := os.ReadFile(filepath.Join(dir, stateMetaFile))
	if err != nil {
		return nil, err
	}
	var m StateMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: not a saavu crawl state (%v): delete the folder or choose another with --state", dir, err)
	}
	return &m, nil
}

// writeMeta replaces crawl.json in one step.
func (s *State) writeMeta() error {
	b, err := json.MarshalIndent(s.Meta, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(s.Dir, stateMetaFile+".tmp")
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(s.Dir, stateMetaFile)); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

// trimPartialLine cuts a file after its last newline.
func trimPartialLine(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	if n := bytes.LastIndexByte(b, '\n') + 1; n < len(b) {
		return os.Truncate(path, int64(n))
	}
	return nil
}

// hasPages reports whether the folder holds page results.
func hasPages(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, statePagesFile))
	return err == nil && fi.Size() > 0
}

// Done reports whether the page u (normalised) was done in an earlier run.
func (s *State) Done(u string) bool { return s.done[u] }

// Kept is the number of page results the earlier runs left in the folder
// (pages and broken links).
func (s *State) Kept() int { return s.kept }

// AddPage appends one page result (a value encoded as JSON with a "url"
// field) to pages.jsonl.
func (s *State) AddPage(v any) error {
	return appendLine(s.pages, v)
}

func (s *State) logRecord(r stateRecord) error {
	if r.URL != "" {
		s.done[r.URL] = true
	}
	return appendLine(s.log, r)
}

func appendLine(f *os.File, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write crawl state: %w", err)
	}
	return nil
}

// replay calls fn for each record of frontier.jsonl, in order.
func (s *State) replay(fn func(stateRecord) error) error {
	f, err := os.Open(filepath.Join(s.Dir, stateLogFile))
	if err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	defer f.Close()
	return eachLine(f, func(_ int64, line []byte) error {
		var r stateRecord
		if err := json.Unmarshal(line, &r); err != nil {
			return fmt.Errorf("read state %s: %w", stateLogFile, err)
		}
		return fn(r)
	})
}

// Pages calls fn with each page result of the crawl (the JSON given to
// AddPage), once per URL: the last result of a page that was done.
func (s *State) Pages(fn func(line []byte) error) error {
	return s.PageLines(func(_ int64, line []byte) error { return fn(line) })
}

// PageLines is Pages with where each line starts in PagesFile.
func (s *State) PageLines(fn func(off int64, line []byte) error) error {
	f, err := os.Open(s.PagesFile())
	if err != nil {
		return fmt.Errorf("read state: %w", err)
	}
	defer f.Close()
	last := map[string]int{} // URL -> its last line
	i := 0
	err = eachLine(f, func(_ int64, line []byte) error {
		var p struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(line, &p); err != nil {
			return fmt.Errorf("read state %s: %w", statePagesFile, err)
		}
		last[p.URL] = i
		i++
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	keep := map[int]bool{}
	for u, n := range last {
		if s.done[u] {
			keep[n] = true
		}
	}
	i = 0
	return eachLine(f, func(off int64, line []byte) error {
		i++
		if keep[i-1] {
			return fn(off, line)
		}
		return nil
	})
}

// PagesFile is the file of page results, pages.jsonl.
func (s *State) PagesFile() string { return filepath.Join(s.Dir, statePagesFile) }

// eachLine calls fn with each non-blank line of r, without its line
// break, and its offset in r.
func eachLine(r io.Reader, fn func(off int64, line []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var off int64
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			if len(bytes.TrimSpace(line)) > 0 {
				if err := fn(off, line[:len(line)-1]); err != nil {
					return err
				}
			}
		}
		off += int64(len(line))
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Finish marks the crawl as run to its end.
func (s *State) Finish() error {
	s.Meta.Finished = true
	return s.writeMeta()
}

// Close syncs and closes the files.
func (s *State) Close() error {
	var errs []error
	for _, f := range []*os.File{s.pages, s.log} {
		if f != nil {
			errs = append(errs, f.Sync(), f.Close())
		}
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Close())
	}
	s.pages, s.log, s.lock = nil, nil, nil
	return errors.Join(errs...)
}
