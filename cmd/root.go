// Package cmd holds saavu's command-line interface: thin cobra commands that
// parse flags and call the packages that do the work.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"saavu/internal/build"
)

// Exit codes: few, and all here.
const (
	ExitOK       = 0 // nothing failed at or above --fail-on
	ExitFindings = 1 // accessibility failures at or above --fail-on
	ExitError    = 2 // usage or runtime error, or a page that could not be audited
)

// IOStreams are the program's standard streams and what is known of the
// terminal behind them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	OutTTY, ErrTTY bool
	Width          int  // terminal width of Out, 0 when unknown
	Color          bool // colours allowed: a terminal and NO_COLOR unset
}

// System returns the process's streams.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	s.OutTTY = isatty.IsTerminal(os.Stdout.Fd())
	s.ErrTTY = isatty.IsTerminal(os.Stderr.Fd())
	if s.OutTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.Width = w
		}
	}
	_, noColor := os.LookupEnv("NO_COLOR")
	s.Color = s.OutTTY && !noColor && os.Getenv("TERM") != "dumb"
	return s
}

// Factory carries what commands need from the outside world, so that tests
// can replace it.
type Factory struct {
	IO      *IOStreams
	Version string
	Now     func() time.Time
	Log     *slog.Logger // set by the root command from --log-level

	ConfigURLs []string // urls: of the configuration file, audited when no argument names pages

	config *configSource // the configuration file read, and where it set each flag; nil when none
}

// FlagError is a misuse of flags or arguments: the usage is printed with it.
type FlagError struct{ Err error }

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// ExitError carries an exit code with no message to print (the command
// already said what it had to say).
type exitCodeError struct{ code int }

func (e exitCodeError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs the program with the process's arguments and returns the exit code.
func Main(ctx context.Context) int {
	f := &Factory{IO: System(), Version: build.Version, Now: time.Now}
	return Execute(ctx, f, os.Args[1:])
}

// Execute runs the root command with args and returns the exit code. Errors
// are printed once, here.
func Execute(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var code exitCodeError
	if errors.As(err, &code) {
		return code.code
	}
	var flagErr *FlagError
	if errors.As(err, &flagErr) || isCobraUsageError(err) {
		fmt.Fprintf(f.IO.ErrOut, "saavu: %v\n", err)
		fmt.Fprintf(f.IO.ErrOut, "Run 'saavu --help' for usage.\n")
		return ExitError
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(f.IO.ErrOut, "saavu: interrupted")
		return ExitError
	}
	fmt.Fprintf(f.IO.ErrOut, "saavu: %v\n", err)
	return ExitError
}

func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "invalid argument", "flag needs an argument", "accepts ", "requires at least"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	var logLevel, configPath string
	var debug bool
	root := &cobra.Command{
		Use:   "saavu",
		Short: "Audit web pages for accessibility (EN 301 549 / WCAG 2.1 AA) in headless Chrome",
		Long: `saavu audits web pages against the accessibility requirements of the EU Web
Accessibility Directive and the European Accessibility Act: EN 301 549 V3.2.1,
whose web clauses are WCAG 2.1 levels A and AA.

Each page is loaded in headless Chrome or Chromium, checked by every rule,
and reported as an HTML report for people, JSON for tools, and a summary
table in the terminal.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := applyConfig(cmd, f, configPath); err != nil {
				return err
			}
			if debug {
				logLevel = "debug"
			}
			var lvl slog.Level
			if err := lvl.UnmarshalText([]byte(logLevel)); err != nil {
				return f.valueErrorf([]string{"log-level"}, "%q is not one of debug, info, warn, error", logLevel)
			}
			f.Log = slog.New(slog.NewTextHandler(f.IO.ErrOut, &slog.HandlerOptions{Level: lvl}))
			return nil
		},
	}
	root.PersistentFlags().StringVar(&logLevel, "log-level", "warn", "log detail on stderr: debug, info, warn or error")
	root.PersistentFlags().BoolVar(&debug, "debug", false, "shorthand for --log-level debug")
	root.PersistentFlags().StringVar(&configPath, "config", "", "read settings from this YAML file (default: "+configFile+" in the working directory, when there is one)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{Err: err} })

	root.AddCommand(NewCmdCheck(f, nil))
	root.AddCommand(NewCmdCrawl(f, nil))
	root.AddCommand(NewCmdMonitor(f, nil))
	root.AddCommand(NewCmdRules(f, nil))
	root.AddCommand(NewCmdReport(f, nil))
	root.AddCommand(NewCmdBaseline(f, nil))
	root.AddCommand(NewCmdDiff(f, nil))
	root.AddCommand(NewCmdReview(f, nil))
	root.AddCommand(NewCmdStatement(f, nil))
	root.AddCommand(NewCmdVersion(f))
	return root
}

func (f *Factory) logger() *slog.Logger {
	if f.Log == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return f.Log
}
