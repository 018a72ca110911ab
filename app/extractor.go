package app

import (
	"net/http"
	"time"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/store"
)

// Rereader is the store's ExtractFunc for extractor ex (zero: the current
// one) and the configured site rules: a stored capture is decoded with the
// Content-Type the store hands over and extracted under the URL its
// version was extracted under, as the crawler would today.
func Rereader(ex extract.Extractor, sites map[string]extract.Rules) store.ExtractFunc {
	ex = ex.OrCurrent()
	return func(c store.StoredCapture) (*article.Article, capture.Extraction, error) {
		r, err := ex.FromBytes(c.Raw, c.ContentType, extract.Options{URL: c.URL, Sites: sites, Now: fetchTime(c)})
		if err != nil {
			return nil, capture.Extraction{}, err
		}
		return &r.Article, capture.Extraction{Extractor: ex.Version, Charset: r.Charset, CharsetSource: r.CharsetSource}, nil
	}
}

// fetchTime is when a stored capture was fetched: its fetched_at, the
// clock the crawl read it by, so a re-read judges dates as the crawl did;
// else its response's Date header; zero (now) when neither is known.
func fetchTime(c store.StoredCapture) time.Time {
	if c.FetchedAt.Unix() > 0 { // neither zero nor the epoch of a record without one
		return c.FetchedAt
	}
	p := c.Provenance
	if p.Fetch == nil {
		return time.Time{}
	}
	t, err := http.ParseTime(p.Fetch.Header.Get("Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// storeOptions maps the store settings onto store.Options, with the
// re-reader of extractor ex so that Put compares like with like.
func storeOptions(c config.Config, readOnly bool, ex extract.Extractor) store.Options {
	return store.Options{
		LockTimeout:  c.Store.LockTimeout.D(),
		KeepVersions: c.Store.KeepVersions,
		ReadOnly:     readOnly,
		Reread:       Rereader(ex, c.Sites),
	}
}
