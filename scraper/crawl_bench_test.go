package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/frontier"
)

// BenchmarkCrawlNoStore measures the crawler alone — fetch, decode,
// extract — on 2 000 pages of ~15 KB from a loopback site, with a sink that
// archives nothing and an in-memory State. cli's BenchmarkCrawl5000 is the
// end-to-end figure with the real store.
func BenchmarkCrawlNoStore(b *testing.B) {
	const n = 2000
	var para strings.Builder
	for para.Len() < 14000 {
		para.WriteString("<p>The council met on Tuesday and agreed the harbour works would go ahead after a long public consultation that drew hundreds of replies.</p>\n")
	}
	body := para.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, `<a href="/a/%d">Story %d</a>`, i, i)
			}
			fmt.Fprintf(w, "<html><body>%s</body></html>", b.String())
			return
		}
		if r.URL.Path == "/robots.txt" {
			return
		}
		fmt.Fprintf(w, `<html><head><title>Story %s</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Story %s","datePublished":"2024-09-05"}</script></head><body><article><h1>Story %s</h1>%s</article></body></html>`,
			r.URL.Path, r.URL.Path, r.URL.Path, body)
	}))
	defer srv.Close()
	sink := SinkFunc(func(ctx context.Context, p *Page, a *article.Article) (Outcome, error) { return Created, nil })
	var total time.Duration
	pages := 0
	for i := 0; i < b.N; i++ {
		o := Options{UserAgent: testUA, Parallelism: 8, Timeout: 10 * time.Second, MaxBodyBytes: 1 << 20, PerHostDelay: NoDelay,
			Seeds: []string{srv.URL + "/"}, Hosts: []string{"127.0.0.1"}, MaxDepth: 1,
			State: frontier.NewMemState(), Sink: sink, Log: testLog()}
		start := time.Now()
		st, err := New(o).Run(context.Background())
		total += time.Since(start)
		if err != nil || st.Errors > 0 {
			b.Fatalf("%+v %v", st, err)
		}
		pages += st.Pages
	}
	b.ReportMetric(float64(pages)/total.Seconds(), "pages/s")
}
