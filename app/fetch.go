package app

import (
	"context"
	"fmt"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/scraper"
	"newsarchive/store"
	"newsarchive/urlnorm"
)

// Fetch fetches and extracts u and, with a store, archives it (delivering
// the notifications a new version causes) and returns the stored latest
// version (archive fields included). st may be nil (look, don't archive).
// A URL that cannot be fetched is ErrNothingFetched, a failed write
// ErrArchive.
func (s *Service) Fetch(ctx context.Context, st *store.Store, u string) (*article.Article, error) {
	job := JobFor(s.Config, u)
	o, err := CrawlerOptions(s.Config.Crawler, job, s.Config.Sites)
	if err != nil {
		return nil, err
	}
	o.Log = s.logger()
	o.Extractor = s.Extractor
	page, res, err := scraper.New(o).FetchOne(ctx, u)
	if err != nil {
		return nil, mark(ErrNothingFetched, err)
	}
	a := res.Article
	if st == nil {
		a.FetchedAt = page.FetchedAt.Format("2006-01-02T15:04:05Z07:00")
		a.HTTPStatus = page.Status
		return &a, nil
	}
	nt, finishNotify := s.startRunNotify(st, job.Name, s.logger())
	arch := newArchiver(st, nt)
	var key string
	sink, endIndex := s.indexed(st, scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		k, out, err := arch.archive(ctx, p, a)
		key = k
		return out, err
	}))
	_, err = sink.Archive(ctx, page, &a)
	endIndex()
	finishNotify(ctx)
	if err != nil {
		if aerr := arch.err(); aerr != nil {
			err = aerr
		}
		return nil, fmt.Errorf("archive: %w", err)
	}
	latest, err := st.Latest(key)
	if err != nil {
		return nil, err
	}
	return &latest, nil
}

// JobFor returns the configured job whose hosts include u's host, so that a
// one-off fetch keys the article as a crawl of that job would (a canonical
// URL on any of the job's hosts); with none, a job of u alone.
func JobFor(c config.Config, u string) config.Job {
	host := urlnorm.Host(u)
	for _, j := range c.Jobs {
		if urlnorm.HostAllowed(host, j.Hosts()) {
			return config.Job{Name: j.Name, Seeds: []string{u}, AllowedDomains: j.Hosts()}
		}
	}
	return config.Job{Name: "fetch", Seeds: []string{u}}
}
