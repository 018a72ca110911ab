package scraper

import (
	"context"
	"net/http"
	"time"

	"newsarchive/article"
	"newsarchive/capture"
)

// Page is one fetched page, as handed to a Sink.
type Page struct {
	// URL is the normalised URL that was requested; FinalURL is where
	// redirects ended (normalised).
	URL, FinalURL string
	// Key is the archive key (urlnorm.Key of FinalURL and the canonical URL).
	Key       string
	Status    int
	Header    http.Header
	Raw       []byte // the body as received (before decoding)
	Charset   string
	FetchedAt time.Time
	Depth     int
	// NotModified is true for a 304 answer to a conditional GET: Raw is
	// empty and the article is nil.
	NotModified bool
	// Provenance is the exchange that fetched Raw and the extraction that
	// read it, for the archive to keep with the version.
	Provenance capture.Provenance
}

// Outcome is what the sink did with an article.
type Outcome uint8

const (
	Unchanged Outcome = iota // same content as the latest version (or a 304)
	Created                  // first version of a new article (store.New)
	Changed                  // a new version of a known article
	Skipped                  // not archived (not an article, or filtered)
)

// Sink receives every fetched page and its article. The crawl command wires
// it to the store. Archive must be safe for concurrent use; when it returns
// without error the article is durable.
type Sink interface {
	Archive(ctx context.Context, p *Page, a *article.Article) (Outcome, error)
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, p *Page, a *article.Article) (Outcome, error)

// Archive calls f.
func (f SinkFunc) Archive(ctx context.Context, p *Page, a *article.Article) (Outcome, error) {
	return f(ctx, p, a)
}
