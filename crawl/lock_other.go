//go:build !unix

package crawl

import "os"

// lockFile does nothing where there is no flock: two crawls sharing a
// state folder are not kept apart there.
func lockFile(*os.File) error { return nil }
