package extract

import (
	"newsarchive/article"
	"newsarchive/decode"
)

// Options configure one extraction.
type Options struct {
	// URL is the page's address: it resolves relative links and picks the
	// site rules. It may be empty (links then stay as written).
	URL string
	// Sites holds per-host rules keyed by host (lower case, no port). Only
	// the entry for URL's host is used.
	Sites map[string]Rules
}

// Result is what a page yields.
type Result struct {
	Article article.Article
	// IsArticle is the extractor's judgement that the page is an article
	// (JSON-LD/OG type, a date with enough body text, low link density)
	// rather than a listing, tag or home page.
	IsArticle bool
	// Links are the page's absolute, normalised http(s) links in document
	// order without duplicates, for the crawler to follow.
	Links []string
	// Feeds are RSS/Atom feeds the page announces (<link rel=alternate>).
	Feeds []string
	// Charset is the encoding the page was decoded from (set by FromBytes).
	Charset string
}

// FromBytes decodes raw page bytes to UTF-8 (package decode; contentType is
// the HTTP Content-Type or "") and extracts them.
func FromBytes(raw []byte, contentType string, opts Options) (*Result, error) {
	d := decode.ToUTF8(raw, contentType)
	r, err := Extract(d.HTML, opts)
	if r != nil {
		r.Charset = d.Charset
	}
	return r, err
}

// Extract extracts a UTF-8 page.
func Extract(html []byte, opts Options) (*Result, error) {
	r := &Result{}
	r.Article.URL = opts.URL
	r.Article.Normalize()
	return r, nil
}
