package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// configFile is the configuration file read from the working directory
// when --config does not name another.
const configFile = "saavu.yaml"

// The configuration file holds what flags hold: each key is the long name
// of a flag (max-pages, skip-rules, fail-on…), so that every flag can be
// set there without code here. Flags given on the command line win. Only
// the keys below are not flag names.
var (
	// configCommands are the commands that read the file.
	configCommands = []string{"check", "crawl", "report"}
	// configAliases are keys that name a flag differently.
	configAliases = map[string]string{"outputs": "output", "browser-urls": "browser-url"}
	// notInConfig are flags the file may not set.
	notInConfig = []string{"config", "help"}
)

// applyConfig reads the configuration file (path, or saavu.yaml in the
// working directory when there is one) and sets the flags of cmd that the
// command line did not. Keys that are flags of another command are left
// alone, so that one file serves check, crawl and report; a key that is
// no flag at all is an error naming the file and line.
//
// Values: a scalar for a flag of one value; a list, or a single value,
// for a repeatable flag; a map for a repeatable KEY=VALUE flag
// (outputs: {html: report.html}, disable: {color-contrast: reason}).
// urls: lists the pages to audit when the command line names none.
func applyConfig(cmd *cobra.Command, f *Factory, path string) error {
	if cmd.Parent() == nil || !slices.Contains(configCommands, cmd.Name()) {
		return nil
	}
	if path == "" {
		path = configFile
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read configuration: %w", err)
	}
	src := &configSource{path: path, set: map[string]configKey{}}
	f.config = src
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil // empty file
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: expected settings as key: value lines (e.g. max-pages: 50)", path, top.Line)
	}
	known := flagNames(cmd.Root())
	seen := map[string]int{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		at := fmt.Sprintf("%s:%d", path, k.Line)
		name := k.Value
		if alias, ok := configAliases[name]; ok {
			name = alias
		}
		if line, dup := seen[name]; dup {
			return fmt.Errorf("%s: %s is set twice (also on line %d)", at, k.Value, line)
		}
		seen[name] = k.Line
		if name == "urls" {
			urls, err := configValues(v, true)
			if err != nil {
				return fmt.Errorf("%s: urls: %w", at, err)
			}
			if cmd.Name() != "report" {
				f.ConfigURLs = urls
				src.set[name] = configKey{key: k.Value, line: k.Line}
			}
			continue
		}
		if slices.Contains(notInConfig, name) {
			return fmt.Errorf("%s: %s cannot be set in the configuration file", at, k.Value)
		}
		fl := cmd.Flags().Lookup(name)
		if fl == nil {
			if known[name] {
				continue // a flag of another command
			}
			return fmt.Errorf("%s: unknown key %q: keys are urls and the long flag names of saavu check, crawl and report (see saavu crawl --help)", at, k.Value)
		}
		if fl.Changed {
			continue // the command line wins
		}
		_, list := fl.Value.(pflag.SliceValue)
		values, err := configValues(v, list)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", at, k.Value, err)
		}
		for _, val := range values {
			if err := cmd.Flags().Set(name, val); err != nil {
				return fmt.Errorf("%s: %s: %s", at, k.Value, valueWords(fl, val, err))
			}
		}
		src.set[name] = configKey{key: k.Value, line: k.Line}
	}
	return nil
}

// valueWords says why val is not a value of the flag, in words: pflag's
// errors name the Go function that parsed it.
func valueWords(fl *pflag.Flag, val string, err error) string {
	switch fl.Value.Type() {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return fmt.Sprintf("%q is not a whole number", val)
	case "float32", "float64":
		return fmt.Sprintf("%q is not a number", val)
	case "duration":
		return fmt.Sprintf("%q is not a length of time: give it with a unit, e.g. 30s or 2m", val)
	case "bool":
		return fmt.Sprintf("%q is not true or false", val)
	}
	return err.Error()
}

// configSource is the configuration file read, and the key that gave
// each flag its value, so that an error in a value names the file, the
// line and the key rather than a flag that was never typed.
type configSource struct {
	path string
	set  map[string]configKey // flag name (or urls) -> the key that set it
}

// configKey is a key of the configuration file.
type configKey struct {
	key  string // as written: outputs, not output
	line int
}

// at names the key that set the flag: "saavu.yaml:3: fail-on"; "" when
// the configuration file did not set it.
func (c *configSource) at(name string) string {
	if c == nil {
		return ""
	}
	k, ok := c.set[name]
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s:%d: %s", c.path, k.line, k.key)
}

// fromConfig names the key of the configuration file that set the flag,
// as configSource.at does; "" when it was not set there.
func (f *Factory) fromConfig(name string) string {
	if f == nil {
		return ""
	}
	return f.config.at(name)
}

// flagName names where the value of a flag came from, for errors:
// "--fail-on", or "saavu.yaml:3: fail-on".
func (f *Factory) flagName(name string) string {
	if at := f.fromConfig(name); at != "" {
		return at
	}
	return "--" + name
}

// valueErrorf is an error in the value of the named flags (one, or several
// that do not go together). It names the flags, or the file, line and key
// that set them: a FlagError, printed with the usage, when the command
// line gave them all, a plain error when the configuration file gave one.
func (f *Factory) valueErrorf(names []string, format string, args ...any) error {
	var at []string
	config := false
	for _, n := range names {
		switch {
		case f.fromConfig(n) == "":
			at = append(at, "--"+n)
		case config: // the file is named already
			k := f.config.set[n]
			at = append(at, fmt.Sprintf("%s (line %d)", k.key, k.line))
		default:
			at = append(at, f.fromConfig(n))
			config = true
		}
	}
	err := fmt.Errorf("%s: %s", strings.Join(at, " and "), fmt.Sprintf(format, args...))
	if config {
		return err
	}
	return &FlagError{Err: err}
}

// noURLs is the error of a command given no page to audit: msg, and where
// the pages could be given.
func (f *Factory) noURLs(msg string) error {
	if f.config != nil {
		return flagErrorf("%s (%s has no urls:)", msg, f.config.path)
	}
	return flagErrorf("%s (or urls: in %s)", msg, configFile)
}

// configValues turns a YAML value into flag values: one for a scalar, one
// per item of a list, KEY=VALUE per entry of a map (lists only).
func configValues(v *yaml.Node, list bool) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, errors.New("no value")
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		if !list {
			return nil, errors.New("takes one value, not a list")
		}
		var out []string
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
				return nil, fmt.Errorf("line %d: a list item must be a single value", item.Line)
			}
			out = append(out, item.Value)
		}
		return out, nil
	case yaml.MappingNode:
		if !list {
			return nil, errors.New("takes one value, not a map")
		}
		var out []string
		for i := 0; i+1 < len(v.Content); i += 2 {
			mk, mv := v.Content[i], v.Content[i+1]
			if mk.Kind != yaml.ScalarNode || mv.Kind != yaml.ScalarNode || mv.Tag == "!!null" {
				return nil, fmt.Errorf("line %d: expected %s: VALUE", mk.Line, mk.Value)
			}
			out = append(out, mk.Value+"="+mv.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("line %d: unexpected value", v.Line)
}

// flagNames lists the long flag names of every command under root.
func flagNames(root *cobra.Command) map[string]bool {
	names := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(fl *pflag.Flag) { names[fl.Name] = true })
		c.PersistentFlags().VisitAll(func(fl *pflag.Flag) { names[fl.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return names
}
