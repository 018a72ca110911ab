// Package demosite is the bundled offline news site behind `newsarchive
// demo` and the crawler's end-to-end tests.
//
// It serves, from content embedded in the binary (site/), a small news site
// that behaves like real ones: an English front page with sections, paged
// section lists and tag pages; articles in several layouts (a modern page
// with JSON-LD and OpenGraph, a blog post whose only date is visible text,
// short briefs, and Chinese industry-news pages in the style of Chinese
// CMSs, some GBK-encoded with and without a <meta> charset); robots.txt with
// a disallowed /admin/ that is linked anyway; sitemap.xml; an RSS feed whose
// links carry utm_* tracking parameters; a PDF link; images; canonical
// links; and ETag/Last-Modified headers with 304 answers to conditional
// requests. Every article's text is written for this site.
//
// Site is the content plus its state (Mutate edits one article so that a
// second crawl finds a new version; Hits counts requests per path). It is
// safe for concurrent use. Absolute URLs (canonical, sitemap, feed) are
// built from the request's Host, so the same Site works behind
// httptest.Server and behind Start's loopback listener.
package demosite
