// Package monitor runs saavu over a list of sites, as a monitoring body
// does: it reads the sites file, names each site's folder, splits the
// sites between shards (processes or pods that each crawl a part) and
// records what each shard did in a manifest, from which the overview
// across the sites is built (docs/scale.md). The crawl itself is the
// command line's: this package holds no browser.
package monitor
