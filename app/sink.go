package app

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"newsarchive/article"
	"newsarchive/scraper"
	"newsarchive/store"
)

// archiver is the scraper.Sink of one run or fetch: it archives the
// crawler's pages into st (an article becomes a Put: a new version or a
// last_checked update; a 304 a Touch; with a Notifier, the notifications a
// new version causes go into the outbox in its Put), files URL variants of one article
// under one key (variants), and counts the writes that failed, so that the
// run can report that the archive could not be written.
type archiver struct {
	st       *store.Store
	nt       *Notifier // nil: no notification rules
	variants *variants

	mu     sync.Mutex
	failed int
	first  error
}

func newArchiver(st *store.Store, nt *Notifier) *archiver {
	return &archiver{st: st, nt: nt, variants: newVariants()}
}

// Archive implements scraper.Sink.
func (s *archiver) Archive(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
	_, out, err := s.archive(ctx, p, a)
	return out, err
}

// archive is Archive that also returns the key the article was archived
// under ("" for none).
func (s *archiver) archive(ctx context.Context, p *scraper.Page, a *article.Article) (string, scraper.Outcome, error) {
	if p.NotModified {
		err := s.st.Touch(ctx, p.URL, p.FetchedAt)
		if errors.Is(err, store.ErrNotFound) {
			// Validators outlived the article (a pruned or replaced
			// archive): nothing to touch; the next full fetch re-adds it.
			return "", scraper.Skipped, nil
		}
		return "", scraper.Unchanged, s.fail(err)
	}
	if a == nil {
		return "", scraper.Skipped, nil
	}
	hash := article.ContentHash(a)
	defer s.variants.lock(p.Key)()
	key, dup := s.variants.keyFor(s.st, p.Key, hash)
	r, err := s.nt.put(ctx, s.st, store.Snapshot{
		Key:       key,
		URL:       p.URL,
		Article:   a,
		Raw:       p.Raw,
		Status:    p.Status,
		FetchedAt: p.FetchedAt,

		Provenance: p.Provenance,
	})
	if err != nil {
		return "", scraper.Skipped, s.fail(err)
	}
	s.variants.archived(p.Key, hash, r.Key)
	switch {
	case dup:
		return r.Key, scraper.Skipped, nil // another URL of an article archived in this run
	case r.Outcome == store.New:
		return r.Key, scraper.Created, nil
	case r.Outcome == store.Changed:
		return r.Key, scraper.Changed, nil
	}
	return r.Key, scraper.Unchanged, nil
}

// fail counts err unless it is about the page rather than the archive (a
// snapshot that cannot be archived), and returns it.
func (s *archiver) fail(err error) error {
	if err == nil || errors.Is(err, store.ErrInvalid) {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed++; s.first == nil {
		s.first = err
	}
	return err
}

// err reports the failed writes as ErrArchive; nil if there were none.
func (s *archiver) err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed == 0 {
		return nil
	}
	return mark(ErrArchive, fmt.Errorf("%d pages not archived: %w", s.failed, s.first))
}
