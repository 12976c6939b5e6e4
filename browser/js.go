package browser

import (
	"embed"
	"fmt"
	"regexp"
	"strings"
)

// The JavaScript of the probes and the screenshots is in js/: shared.js
// holds the helpers (the focused element through shadow roots, the walk
// of a tree through shadow roots, settling after a resize…), and each
// probe has a file of function declarations (focus.js, reflow.js, …). A
// script is one of those functions: at init, shared.js and the probe's
// file are put in one function that calls it, so that each call has its
// own copy of the helpers and nothing leaks into the page's globals. Go
// passes values to it as the arguments of Runtime.callFunctionOn (see
// Tab.call), never by writing them into the code. What must outlive a
// call (the elements a probe found, for Tab.elements; listeners it
// installed) the scripts keep in window.__saavu* properties.
//
// timers.js is not a script: every tab injects it into each document
// before the page's own scripts, as it is (timersJS).

//go:embed js/*.js
var jsFS embed.FS

// A script is a function of a js/ file, ready to be called in a page.
type script struct {
	name string // "file: function", for errors
	src  string // a function declaration: function (...args) { … }
}

// jsDecl finds the functions a js/ file declares at its top level.
var jsDecl = regexp.MustCompile(`(?m)^(?:async )?function (\w+)\(`)

// jsSource returns js/name without its comment lines: the scripts travel
// to the page with every call.
func jsSource(name string) string {
	b, err := jsFS.ReadFile("js/" + name)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// jsFunc returns the script that calls function fn of js/file with the
// call's this and arguments. It panics, at init, when the file does not
// declare fn, or declares a function that shared.js declares too (the
// later would silently win).
func jsFunc(file, fn string) *script {
	shared := jsSource("shared.js")
	declared := map[string]bool{}
	for _, m := range jsDecl.FindAllStringSubmatch(shared, -1) {
		declared[m[1]] = true
	}
	src := shared
	if file != "shared.js" {
		own := jsSource(file)
		for _, m := range jsDecl.FindAllStringSubmatch(own, -1) {
			if declared[m[1]] {
				panic(fmt.Sprintf("js/%s: function %s is declared twice (shared.js too?)", file, m[1]))
			}
			declared[m[1]] = true
		}
		src += "\n" + own
	}
	if !declared[fn] {
		panic(fmt.Sprintf("js/%s declares no function %s", file, fn))
	}
	return &script{name: file + ": " + fn, src: "function (...args) {\n" + src + "\nreturn " + fn + ".apply(this, args);\n}"}
}

// timersJS is js/timers.js, which every tab runs in each document before
// the page's own scripts (see probe_auto.go).
var timersJS = jsSource("timers.js")
