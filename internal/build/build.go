// Package build holds the version of the binary, set at link time by
// goreleaser (-X saavu/internal/build.Version=…) or read from the module's
// build information for `go install`.
package build

import "runtime/debug"

// Version, Commit and Date are set with -ldflags -X at release builds.
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

func init() {
	if Version != "" {
		return
	}
	Version = "dev"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		Version = v
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if Commit == "" && len(s.Value) >= 12 {
				Commit = s.Value[:12]
			}
		case "vcs.time":
			if Date == "" {
				Date = s.Value
			}
		}
	}
}
