package app

import (
	"context"
	"errors"

	"newsarchive/article"
	"newsarchive/scraper"
	"newsarchive/store"
)

// Sink archives the crawler's pages into st: an article becomes a Put (new
// version or last_checked update), a 304 a Touch.
func Sink(st *store.Store) scraper.Sink {
	return scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		if p.NotModified {
			err := st.Touch(ctx, p.URL, p.FetchedAt)
			if errors.Is(err, store.ErrNotFound) {
				// Validators outlived the article (a pruned or replaced
				// archive): nothing to touch; the next full fetch re-adds it.
				return scraper.Skipped, nil
			}
			return scraper.Unchanged, err
		}
		if a == nil {
			return scraper.Skipped, nil
		}
		r, err := st.Put(ctx, store.Snapshot{
			Key:       p.Key,
			URL:       p.URL,
			Article:   a,
			Raw:       p.Raw,
			Status:    p.Status,
			FetchedAt: p.FetchedAt,

			Provenance: p.Provenance,
		})
		if err != nil {
			return scraper.Skipped, err
		}
		switch r.Outcome {
		case store.New:
			return scraper.Created, nil
		case store.Changed:
			return scraper.Changed, nil
		}
		return scraper.Unchanged, nil
	})
}
