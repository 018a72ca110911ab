package app

import (
	"context"

	"newsarchive/article"
	"newsarchive/scraper"
	"newsarchive/store"
)

// Indexer keeps a derived index (full-text search) in step with the
// archive. The archive stays the truth: an Indexer that fails only logs,
// and never fails or slows the run by more than its batching costs.
type Indexer interface {
	// Begin is called once the archive is open for a run or a fetch. It
	// picks up the versions the index lacks (after a killed run, say).
	Begin(st *store.Store) error
	// Added reports a version the run has just archived.
	Added(key string)
	// End indexes what is still pending; it is called before the archive
	// is released.
	End() error
}

// indexed wraps sink so that each new version it archives is reported to
// the Service's Indexer, and returns the function to call before the
// archive is released. Without an Indexer, or when it cannot begin, sink
// is returned as it is: search is derived data and never stops a crawl.
func (s *Service) indexed(st *store.Store, sink scraper.Sink) (scraper.Sink, func()) {
	ix := s.Indexer
	if ix == nil {
		return sink, func() {}
	}
	log := s.logger()
	if err := ix.Begin(st); err != nil {
		log.Warn("search index not updated", "err", err)
		return sink, func() {}
	}
	wrapped := scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		out, err := sink.Archive(ctx, p, a)
		if err == nil && (out == scraper.Created || out == scraper.Changed) {
			ix.Added(p.Key)
		}
		return out, err
	})
	return wrapped, func() {
		if err := ix.End(); err != nil {
			log.Warn("search index not updated", "err", err)
		}
	}
}
