package extract

import (
	"net/url"

	"github.com/PuerkitoBio/goquery"
)

// Meta is the page's metadata as the metadata finders (JSON-LD, OpenGraph,
// meta tags, Dublin Core, microdata, <time>, visible byline and Chinese
// label lines) agree on it, best source first. Dates follow decision 1 of
// issue #2.
type Meta struct {
	Title        string
	Source       string
	Authors      []string
	PublishedAt  string
	ModifiedAt   string
	Language     string
	Description  string
	CanonicalURL string // absolute, as the page states it (rel=canonical, og:url)
	Tags         []string
	Views        int64
	// Type is the page's declared type, lower case: "newsarticle",
	// "article", "blogposting", "website", … ("" when undeclared).
	Type string
	// Image is the lead image (og:image, JSON-LD image), absolute.
	Image string
}

// findMeta reads metadata from doc before any boilerplate is removed.
// base may be nil; rules may be nil.
func findMeta(doc *goquery.Document, base *url.URL, rules *Rules) Meta {
	return Meta{Title: doc.Find("title").First().Text()}
}
