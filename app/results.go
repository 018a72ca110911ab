package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"newsarchive/article"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/scraper"
	"newsarchive/store"
)

// A result is what a worker sends the archive side for one fetched page,
// on the job's results stream (na:{job}:results, field "r", JSON).
type result struct {
	Worker string `json:"w"`
	// Kind is "article" (a page whose article is to be archived: the
	// article, the raw capture and the fetch's provenance), "checked"
	// (the article's content hash equals the archive's latest: only the
	// time it was checked) or "touch" (a 304 to a conditional GET).
	Kind    string           `json:"k"`
	Page    scraper.Page     `json:"p"`
	Article *article.Article `json:"a,omitempty"`
	Hash    string           `json:"h,omitempty"`
}

const (
	resultArticle = "article"
	resultChecked = "checked"
	resultTouch   = "touch"

	resultsGroup = "archive" // the archive side's consumer group
)

func resultsKey(job string) string { return redisfrontier.Prefix(job) + "results" }
func latestKey(job string) string  { return redisfrontier.Prefix(job) + "latest" }

// streamSink is a worker's Sink: each page goes to the results stream, and
// the outcome returned is a hint (the archive side decides). A page whose
// content hash is the archive's latest goes as a "checked" touch, without
// its raw capture.
func streamSink(rdb *redis.Client, job, worker string) scraper.Sink {
	return scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		m := result{Worker: worker, Page: *p}
		out := scraper.Unchanged
		switch {
		case p.NotModified:
			m.Kind = resultTouch
		case a == nil:
			return scraper.Skipped, nil
		default:
			m.Hash = article.ContentHash(a)
			latest, err := rdb.HGet(ctx, latestKey(job), p.Key).Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				return scraper.Skipped, err
			}
			if latest == m.Hash {
				m.Kind, m.Page.Raw, m.Page.Header = resultChecked, nil, nil
			} else {
				m.Kind, m.Article, out = resultArticle, a, scraper.Changed
				if latest == "" {
					out = scraper.Created
				}
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			return scraper.Skipped, err
		}
		err = rdb.XAdd(ctx, &redis.XAddArgs{Stream: resultsKey(job), Values: []string{"r", string(b)}}).Err()
		if err != nil {
			return scraper.Skipped, fmt.Errorf("redis at %s: results: %w", rdb.Options().Addr, err)
		}
		return out, nil
	})
}

// applyResult archives one result through arch (URL variants, notifications)
// and publishes the article's
// latest content hash, so that workers skip the raw capture of an
// unchanged page next time. Applying a result twice (after a crash between
// the commit and the acknowledgement) adds nothing: the store keeps a
// version only when the content changed.
func applyResult(ctx context.Context, arch *archiver, rdb *redis.Client, job string, m *result) (scraper.Outcome, error) {
	st := arch.st
	switch m.Kind {
	case resultArticle:
		if m.Article == nil {
			return scraper.Skipped, nil
		}
		out, err := arch.Archive(ctx, &m.Page, m.Article)
		if err == nil {
			// A publish that fails costs one raw capture next time.
			rdb.HSet(ctx, latestKey(job), m.Page.Key, m.Hash)
		}
		return out, err
	case resultChecked:
		err := st.Touch(ctx, m.Page.URL, m.Page.FetchedAt)
		if errors.Is(err, store.ErrNotFound) {
			// The archive lost the article the hash described: let the
			// next fetch send it whole.
			rdb.HDel(ctx, latestKey(job), m.Page.Key)
			return scraper.Skipped, nil
		}
		return scraper.Unchanged, err
	case resultTouch:
		m.Page.NotModified = true
		return arch.Archive(ctx, &m.Page, nil)
	}
	return scraper.Skipped, fmt.Errorf("unknown result kind %q", m.Kind)
}
