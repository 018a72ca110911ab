package app

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/frontier/redisfrontier/redistest"
	"newsarchive/scraper"
)

func TestStreamSink(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	rdb := srv.Client(t)
	ctx := context.Background()
	a := &article.Article{Title: "Ferry crews walk out", Text: "The talks collapsed on Tuesday."}
	page := func() *scraper.Page {
		return &scraper.Page{URL: "https://x/1", FinalURL: "https://x/1", Key: "https://x/1", Status: 200,
			Raw: []byte("<html>the capture</html>"), FetchedAt: time.Unix(1741942800, 0).UTC()}
	}
	cases := []struct {
		name     string
		latest   string // the archive's latest hash of the key ("" none)
		page     *scraper.Page
		art      *article.Article
		want     scraper.Outcome
		wantKind string // "" = nothing sent
		wantRaw  bool
	}{
		{"a new article goes whole", "", page(), a, scraper.Created, resultArticle, true},
		{"a changed article goes whole", "0123", page(), a, scraper.Changed, resultArticle, true},
		{"the archive's latest content goes as a touch, without its capture", article.ContentHash(a), page(), a, scraper.Unchanged, resultChecked, false},
		{"a 304 goes as a touch", "", &scraper.Page{URL: "https://x/1", Key: "https://x/1", Status: 304, NotModified: true}, nil, scraper.Unchanged, resultTouch, false},
		{"a page without an article is not sent", "", page(), nil, scraper.Skipped, "", false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			job := "sink" + string(rune('a'+i))
			if c.latest != "" {
				rdb.HSet(ctx, latestKey(job), "https://x/1", c.latest)
			}
			out, err := streamSink(rdb, job, "w1").Archive(ctx, c.page, c.art)
			if err != nil || out != c.want {
				t.Fatalf("Archive = %v, %v; want %v", out, err, c.want)
			}
			msgs, err := rdb.XRange(ctx, resultsKey(job), "-", "+").Result()
			if err != nil {
				t.Fatal(err)
			}
			if c.wantKind == "" {
				if len(msgs) != 0 {
					t.Fatalf("sent %d results; want none", len(msgs))
				}
				return
			}
			if len(msgs) != 1 {
				t.Fatalf("sent %d results; want 1", len(msgs))
			}
			var m result
			if err := json.Unmarshal([]byte(msgs[0].Values["r"].(string)), &m); err != nil {
				t.Fatal(err)
			}
			if m.Kind != c.wantKind || m.Worker != "w1" || (len(m.Page.Raw) > 0) != c.wantRaw {
				t.Fatalf("sent kind %q by %q with %d bytes of capture; want %q with capture %v", m.Kind, m.Worker, len(m.Page.Raw), c.wantKind, c.wantRaw)
			}
			if c.wantKind == resultArticle && (m.Article == nil || m.Article.Title != a.Title || m.Hash != article.ContentHash(a)) {
				t.Fatalf("article sent as %+v, hash %q", m.Article, m.Hash)
			}
		})
	}
}
