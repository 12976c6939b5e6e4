package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// Output is one requested report: a format and a path ("-" for stdout).
type Output struct {
	Format string
	Path   string
}

// reportFlags are the -o and --lang flags of the commands that write
// reports: check, crawl and report (-o FORMAT=PATH, --lang of the HTML
// report), baseline (-o PATH), review and statement (formats and
// languages of their own). A command says in the fields what it takes
// and where the values go; add declares the flags, with help and shell
// completion made from that, and validate checks the values and reads -o.
type reportFlags struct {
	// -o FORMAT=PATH (or -o PATH, when path is set).
	what     string                   // what -o writes, for its help: "a report"
	formats  []string                 // the FORMATs, as the help and the completion list them
	known    func(format string) bool // whether -o takes FORMAT (report.KnownFormat also takes table); nil: formats
	bare     string                   // the format of a PATH given alone, one that is no FORMAT (review: yaml); "": FORMAT alone writes to stdout
	terminal []string                 // the only formats -o FORMAT alone may write on a terminal; nil: any
	folder   bool                     // refuse a PATH whose folder does not exist (the command does not make it)
	summary  string                   // the format written to stdout when no -o goes there; "": none
	outputs  *[]Output                // where the outputs go
	path     *string                  // -o PATH instead: one plain file, - for stdout (baseline); formats is nil

	// --lang; none when langs is nil.
	langs    []string  // the languages
	langWhat string    // what --lang chooses, for its help: "language of the HTML report"
	lang     *string   // --lang LANG, en by default
	langList *[]string // --lang LANG,LANG… instead: several, {lang} in PATH (statement)
	langNone string    // what no --lang means, for the help of langList

	given []string // -o as given
}

// add declares -o and --lang on cmd, with their shell completion.
func (r *reportFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	if r.path != nil {
		fl.StringVarP(r.path, "output", "o", "-", "write "+r.what+" to this file (- for standard output)")
	} else {
		fl.StringArrayVarP(&r.given, "output", "o", nil, r.outputHelp())
		_ = cmd.RegisterFlagCompletionFunc("output", r.completeOutput)
	}
	if r.langs == nil {
		return
	}
	if r.langList != nil {
		fl.StringSliceVar(r.langList, "lang", nil, fmt.Sprintf("%s, comma-separated: %s (default: %s)", r.langWhat, strings.Join(r.langs, ", "), r.langNone))
	} else {
		fl.StringVar(r.lang, "lang", "en", r.langWhat+": "+orList(r.langs))
	}
	_ = cmd.RegisterFlagCompletionFunc("lang", r.completeLang)
}

func (r *reportFlags) outputHelp() string {
	h := "write " + r.what + ": FORMAT=PATH, FORMAT one of " + strings.Join(r.formats, ", ")
	if r.bare != "" {
		h += "; PATH alone is " + r.bare + "=PATH"
	}
	h += "; PATH - for stdout"
	if r.folder {
		h += ", in a folder that exists"
	}
	if r.langList != nil {
		h += "; {lang} in PATH for each language"
	}
	return h + " (repeatable)"
}

// orList is "en, fi or sv".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// validate checks --lang and reads -o into outputs. Errors name the flag,
// or the key of the configuration file that set it.
func (r *reportFlags) validate(f *Factory) error {
	if r.path != nil {
		if *r.path == "" {
			return flagErrorf("-o: missing file name (use - for standard output)")
		}
	} else {
		tty := f.IO != nil && f.IO.OutTTY
		for _, s := range r.given {
			out, err := r.parse(s, tty, f.fromConfig("output"))
			if err != nil {
				return err
			}
			*r.outputs = append(*r.outputs, out)
		}
		// The summary goes to stdout unless another report takes it.
		if r.summary != "" && !slices.ContainsFunc(*r.outputs, func(o Output) bool { return o.Path == "-" }) {
			*r.outputs = append(*r.outputs, Output{Format: r.summary, Path: "-"})
		}
	}
	var langs []string
	switch {
	case r.langList != nil:
		langs = *r.langList
	case r.lang != nil:
		langs = []string{*r.lang}
	}
	for _, l := range langs {
		if !slices.Contains(r.langs, l) {
			return f.valueErrorf([]string{"lang"}, "%q is not one of %s", l, strings.Join(r.langs, ", "))
		}
	}
	return nil
}

// parse reads "FORMAT=PATH"; "FORMAT" for standard output, though on a
// terminal (tty) only the terminal formats may go there without "=-" (an
// HTML or JSON report would flood it); or "PATH" alone, of the bare
// format. at names the key of the configuration file that gave s; ""
// when the command line did (-o s).
func (r *reportFlags) parse(s string, tty bool, at string) (Output, error) {
	fail := func(format string, args ...any) (Output, error) {
		if at != "" {
			return Output{}, fmt.Errorf("%s: %s", at, fmt.Sprintf(format, args...))
		}
		return Output{}, &FlagError{Err: fmt.Errorf("-o %s: %s", s, fmt.Sprintf(format, args...))}
	}
	known := r.known
	if known == nil {
		known = func(f string) bool { return slices.Contains(r.formats, f) }
	}
	format, path, ok := strings.Cut(s, "=")
	format = strings.ToLower(strings.TrimSpace(format))
	if !ok && r.bare != "" && !known(format) {
		return Output{Format: r.bare, Path: s}, nil
	}
	if !known(format) && format == formatURLs {
		return fail("the list of URLs is written by 'saavu crawl --discover-only' only (and read by 'saavu check --urls')")
	}
	if !known(format) {
		return fail("unknown format %q (choose one of %s)", format, strings.Join(r.formats, ", "))
	}
	switch {
	case !ok && tty && r.terminal != nil && !slices.Contains(r.terminal, format):
		example := "report." + outputExt(format)
		if at != "" {
			return fail("%s needs a file name on a terminal: %s=%s, or %s=- to write it to standard output", s, format, example, format)
		}
		return Output{}, flagErrorf("-o %s needs a file: -o %s=%s; -o %s=- writes to stdout", s, format, example, format)
	case !ok:
		path = "-"
	case path == "":
		return fail("missing file name after '=' (use - for standard output)")
	}
	if r.folder && path != "-" {
		dir := filepath.Dir(path)
		if fi, err := os.Stat(dir); err != nil {
			return fail("the folder %s does not exist: create it, or write the report elsewhere", dir)
		} else if !fi.IsDir() {
			return fail("%s is not a folder", dir)
		}
	}
	return Output{Format: format, Path: path}, nil
}

// outputExt is the usual file name extension of a format.
func outputExt(format string) string {
	switch format {
	case "text", "table":
		return "txt"
	case "junit":
		return "junit.xml"
	case "earl":
		return "jsonld"
	}
	return format
}

// completeOutput completes -o: FORMAT= first, then the files after it.
func (r *reportFlags) completeOutput(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	if format, path, ok := strings.Cut(typed, "="); ok {
		return completePaths(format+"=", path)
	}
	var out []string
	for _, f := range r.formats {
		out = append(out, f+"=")
	}
	return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
}

// completePaths lists the files and folders whose path starts with
// typed, each after prefix. A folder ends in / and takes no space after
// it, so that completion can go on into it.
func completePaths(prefix, typed string) ([]string, cobra.ShellCompDirective) {
	dir, base := filepath.Split(typed)
	entries, err := os.ReadDir(filepath.Join(".", dir))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	directive := cobra.ShellCompDirectiveNoFileComp
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		if e.IsDir() {
			name += "/"
			directive |= cobra.ShellCompDirectiveNoSpace
		}
		out = append(out, prefix+dir+name)
	}
	return out, directive
}

// completeLang completes --lang: one language, or the next of a list.
func (r *reportFlags) completeLang(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	if r.langList == nil {
		return r.langs, cobra.ShellCompDirectiveNoFileComp
	}
	i := strings.LastIndex(typed, ",")
	given := strings.Split(typed[:i+1], ",")
	var out []string
	for _, l := range r.langs {
		if !slices.Contains(given, l) {
			out = append(out, typed[:i+1]+l)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
