package cmd

import (
	"fmt"
	"os"

	"saavu/internal/demo"
)

// `saavu crawl --demo` crawls Esimerkkilän kunta, the made-up municipal
// site bundled in the binary (internal/demo), served on 127.0.0.1 for the
// length of the run: a first audit that works offline. The crawl is an
// ordinary one, but its state goes to a temporary folder removed at the
// end: the port changes from run to run, so there is nothing to resume.

// demoFlags checks the flags given with --demo.
func (opts *CrawlOptions) demoFlags() error {
	switch {
	case !opts.Demo:
		return nil
	case len(opts.Targets) > 0:
		return flagErrorf("--demo crawls the demo site bundled in saavu: give no URL with it")
	case opts.Resume || opts.State != "":
		return flagErrorf("--demo keeps the crawl state in a temporary folder, removed at the end: it takes no --state or --resume")
	}
	return nil
}

// serveDemo starts the demo site and points the crawl at it, with its
// state in a temporary folder. stop ends the server and removes the
// folder.
func serveDemo(opts *CrawlOptions) (stop func(), err error) {
	srv, err := demo.Serve()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "saavu-demo-")
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("demo crawl state: %w", err)
	}
	opts.Targets = []string{srv.URL + "/"}
	opts.State = dir
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "saavu: serving the demo site at %s/ (Esimerkkilän kunta, a made-up municipality; see docs/demo.md)\n", srv.URL)
	}
	return func() {
		srv.Close()
		os.RemoveAll(dir)
	}, nil
}
