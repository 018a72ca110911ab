package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/scraper"
	"newsarchive/store"
)

// TestFailedArchiveWriteIsCrawledAgain: when the archive cannot take a
// page (here a disk that is full for some pages), the run fails with
// scraper.ErrSink and leaves those requests in the crawl state; the next
// run resumes, fetches them again and archives them. No article is lost.
func TestFailedArchiveWriteIsCrawledAgain(t *testing.T) {
	const n = 30
	var hits [n + 1]atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			var b strings.Builder
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&b, `<a href="/news/%d">Story %d</a> `, i, i)
			}
			fmt.Fprintf(w, "<html><body>%s</body></html>", b.String())
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d", &i); err != nil || i < 1 || i > n {
			http.NotFound(w, r)
			return
		}
		hits[i].Add(1)
		fmt.Fprintf(w, `<html><head><title>Story %d</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Story %d","datePublished":"2024-09-05"}</script></head><body><article><h1>Story %d</h1><p>%s</p></article></body></html>`,
			i, i, i, strings.Repeat("The council met on Tuesday and agreed the harbour works would go ahead. ", 20))
	}))
	defer srv.Close()

	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := config.Default()
	cfg.Crawler.PerHostDelay = 0
	job := config.Job{Name: "news", Seeds: []string{srv.URL + "/"}, MaxDepth: 1}
	o, err := CrawlerOptions(cfg.Crawler, job, nil)
	if err != nil {
		t.Fatal(err)
	}
	o.Log = nil
	o.State = st.CrawlState(job.Name)
	archive := newArchiver(st, nil)
	var full atomic.Bool
	full.Store(true)
	o.Sink = scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		if full.Load() && strings.HasSuffix(p.URL, "/news/8") {
			return scraper.Skipped, fmt.Errorf("store: put: %w", syscall.ENOSPC)
		}
		return archive.Archive(ctx, p, a)
	})

	_, err = scraper.New(o).Run(context.Background())
	if !errors.Is(err, scraper.ErrSink) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("first run: err = %v; want scraper.ErrSink wrapping ENOSPC", err)
	}
	full.Store(false) // space freed
	stats, err := scraper.New(o).Run(context.Background())
	if err != nil || !stats.Resumed || stats.Errors != 0 {
		t.Fatalf("second run: %+v, %v; want a clean resumed run", stats, err)
	}
	got := map[string]bool{}
	if err := st.List(func(s store.Summary) error { got[s.Key] = true; return nil }); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if !got[fmt.Sprintf("%s/news/%d", srv.URL, i)] {
			t.Errorf("article %d missing from the archive", i)
		}
	}
	if h := hits[8].Load(); h != 2 {
		t.Errorf("/news/8 fetched %d times; want twice (the failed write, then again)", h)
	}
	r, err := st.Verify(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("verify: %v %v", r.Problems, err)
	}
}
