// Package crawl is saavu's site walk: which pages of a site to audit and
// in what order. It owns the scope (start URLs, include and exclude
// patterns, depth), the frontier of pages found and not yet done,
// robots.txt, sitemaps, the crawl state on disk and its resumption, the
// linked documents (checked with HEAD), the discovery of a site's pages
// over plain HTTP and the EU monitoring sample drawn from them, and the
// local files served for `saavu check`.
//
// It has no browser of its own: Crawl loads and audits each page in a Tab,
// a small interface that cmd fills with package browser's Workers. The
// page results and their errors are browser's types (browser.Done,
// browser.PageError); nothing here talks to Chrome.
package crawl
