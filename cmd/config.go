package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

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
	configAliases = map[string]string{"outputs": "output"}
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
				return fmt.Errorf("%s: %s: %w", at, k.Value, err)
			}
		}
	}
	return nil
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
