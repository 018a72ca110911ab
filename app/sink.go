package app

import (
	"context"
	"errors"

	"newsarchive/article"
	"newsarchive/scraper"
	"newsarchive/store"
)

// Sink archives the crawler's pages into st: an article becomes a Put (new
// version or last_checked update), a 304 a Touch. With a Notifier, the
// notifications a new version causes go into the outbox in its Put.
func Sink(st *store.Store, nt ...*Notifier) scraper.Sink {
	var n *Notifier
	if len(nt) > 0 {
		n = nt[0]
	}
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
		r, err := n.put(ctx, st, store.Snapshot{
			Key:       p.Key,
			URL:       p.URL,
			Article:   a,
			Raw:       p.Raw,
			Status:    p.Status,
			FetchedAt: p.FetchedAt,
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
