// Package storetest makes synthetic archives for store and export tests and
// benchmarks: articles of about 5 KB of text with about 30 KB of raw HTML in
// a news-site template, deterministic for a given index.
package storetest

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/store"
)

// BenchArticles is the synthetic archive size for benchmarks: the
// NEWSARCHIVE_BENCH_ARTICLES environment variable, else def.
func BenchArticles(def int) int {
	if n, err := strconv.Atoi(os.Getenv("NEWSARCHIVE_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	return def
}

// Epoch is the fetch time of article 0; article i is fetched i seconds later.
var Epoch = time.Date(2024, 9, 5, 0, 0, 0, 0, time.UTC)

var vocab = func() []string {
	// Common words first, then made-up words built from English-like
	// syllables: random letter strings would be far less compressible
	// than any real text.
	out := strings.Fields(`the of and to in a is that for on with as was by at from
it be this are have has an which or not its but were been their more also new
company market plant production industry analysis instrument laboratory sample
chemical equipment technology research report year million percent growth price
said according government policy energy water testing quality standard data
customer product service global china europe investment project development
spectrometer chromatography measurement environmental safety manufacturing`)
	syl := strings.Fields("ra te mon ing tion er an con de pro ex in al ly ment com st re ver sa lo ti pa ne ca di mi ble ous ful ist")
	rng := rand.New(rand.NewSource(7))
	for len(out) < 5000 {
		n := 1 + rng.Intn(3)
		var b strings.Builder
		for range n {
			b.WriteString(syl[rng.Intn(len(syl))])
		}
		out = append(out, b.String())
	}
	return out
}()

func words(rng *rand.Rand, n int) string {
	// Word frequencies of natural language follow Zipf's law.
	z := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocab[z.Uint64()])
	}
	return b.String()
}

// template is the site chrome every page shares: head, styles, navigation,
// footer (~18 KB), as news CMSs emit it.
var header, footer = func() (string, string) {
	rng := rand.New(rand.NewSource(3))
	var h strings.Builder
	h.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`)
	h.WriteString("<style>")
	for i := range 120 {
		fmt.Fprintf(&h, ".c%d-%s{margin:%dpx %dpx;padding:%dpx;color:#%06x;font-size:%dpx}\n", i, vocab[100+rng.Intn(2000)], rng.Intn(20), rng.Intn(20), rng.Intn(12), rng.Intn(1<<24), 10+rng.Intn(10))
	}
	h.WriteString("</style></head><body><header class=\"site-header\"><nav><ul>")
	for i := range 80 {
		fmt.Fprintf(&h, `<li class="nav-item"><a href="/section/%s/%d.html" title="%s">%s</a></li>`, vocab[100+rng.Intn(2000)], i, words(rng, 3), words(rng, 2))
	}
	h.WriteString("</ul></nav></header><main>")
	var f strings.Builder
	f.WriteString(`</main><footer><div class="links">`)
	for i := range 60 {
		fmt.Fprintf(&f, `<a href="/about/%d.html">%s</a> | `, i, words(rng, 2))
	}
	f.WriteString(`</div><p class="copyright">Copyright 2024 Example Media Group. All rights reserved.</p></footer>`)
	f.WriteString(`<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date());gtag("config","G-XXXXXXX");</script></body></html>`)
	return h.String(), f.String()
}()

// Snapshot returns synthetic article i, edition ed (0 or 1: the second
// edition changes a paragraph, so it is a new version). Its raw HTML is
// about 30 KB and its text about 5 KB.
func Snapshot(i, ed int) store.Snapshot {
	rng := rand.New(rand.NewSource(int64(i)*2 + 1))
	key := fmt.Sprintf("https://www.example.com/news/2024/%06d.html", i)
	title := words(rng, 8)
	var paras []string
	for len(strings.Join(paras, "\n\n")) < 5000 {
		paras = append(paras, words(rng, 40+rng.Intn(40)))
	}
	if ed > 0 {
		paras[1] = "Update: " + words(rng, 30)
	}
	text := strings.Join(paras, "\n\n")
	var body strings.Builder
	for _, p := range paras {
		body.WriteString("<p>" + p + "</p>")
	}
	related := make([]article.Related, 5)
	for j := range related {
		related[j] = article.Related{URL: fmt.Sprintf("https://www.example.com/news/2024/%06d.html", rng.Intn(1000000)), Title: words(rng, 6)}
	}
	var raw strings.Builder
	raw.Grow(32 << 10)
	raw.WriteString(header)
	fmt.Fprintf(&raw, `<article><h1>%s</h1><div class="meta"><span class="author">%s</span><time datetime="2024-09-05T08:56:39+08:00">2024-09-05 08:56</time></div><div class="content">%s</div>`, title, words(rng, 2), body.String())
	raw.WriteString(`<aside class="latest"><h3>Latest news</h3><ul>`)
	for raw.Len() < 29<<10-len(footer) {
		id := rng.Intn(1000000)
		fmt.Fprintf(&raw, `<li class="news-item"><a href="/news/2024/%06d.html" class="news-link" data-track="sidebar-latest"><img src="/img/thumb/2024/%06d.jpg" alt="" loading="lazy" width="120" height="80"><span class="news-title">%s</span></a><span class="news-time">2024-09-%02d</span><span class="views">%d views</span></li>`+"\n", id, id, words(rng, 6), 1+rng.Intn(28), rng.Intn(100000))
	}
	raw.WriteString("</ul></aside></article>")
	raw.WriteString(footer)
	a := &article.Article{
		URL: key, CanonicalURL: key, Title: title, Source: "Example News", Authors: []string{"Staff Reporter"},
		PublishedAt: "2024-09-05T08:56:39+08:00", Language: "en", Description: paras[0][:100],
		Text: text, HTML: body.String(), Related: related, Tags: []string{"industry", "market"},
	}
	at := Epoch.Add(time.Duration(i+ed*10_000_000) * time.Second)
	return store.Snapshot{
		Key: key, URL: key, Article: a, Raw: []byte(raw.String()), Status: 200,
		FetchedAt:  at,
		Provenance: provenance(key, raw.Len(), at, rng),
	}
}

// provenance is what a crawl records of a fetch: the response headers a
// news site's CDN sends, the request headers, the extraction.
func provenance(key string, size int, at time.Time, rng *rand.Rand) capture.Provenance {
	lm := at.Add(-time.Duration(rng.Intn(86400)) * time.Second).UTC().Format(http.TimeFormat)
	return capture.Provenance{
		Fetch: &capture.Fetch{
			StatusLine: "HTTP/1.1 200 OK",
			Header: http.Header{
				"Content-Type":              {"text/html; charset=utf-8"},
				"Content-Length":            {strconv.Itoa(size)},
				"Date":                      {at.UTC().Format(http.TimeFormat)},
				"Last-Modified":             {lm},
				"Etag":                      {fmt.Sprintf(`W/"%x-%x"`, size, rng.Int63())},
				"Server":                    {"nginx"},
				"Cache-Control":             {"max-age=300, public"},
				"Vary":                      {"Accept-Encoding"},
				"X-Cache":                   {"HIT"},
				"X-Request-Id":              {fmt.Sprintf("%016x%016x", rng.Int63(), rng.Int63())},
				"Set-Cookie":                {fmt.Sprintf("sid=%x; Path=/; HttpOnly", rng.Int63())},
				"Strict-Transport-Security": {"max-age=31536000"},
			},
			FinalURL: key,
			RequestHeader: http.Header{
				"User-Agent": {"newsarchive/0.1 (+https://github.com/newsarchive/newsarchive)"},
				"Accept":     {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
			},
			RemoteAddr: fmt.Sprintf("203.0.113.%d:443", 1+rng.Intn(250)),
		},
		Extraction: capture.Extraction{Extractor: "bench", Charset: "utf-8", CharsetSource: "header"},
	}
}

// Fill puts the synthetic archive of n articles into st, 1 000 snapshots
// per PutMany, failing tb on any error, and returns how many snapshots and
// raw bytes it wrote.
func Fill(tb testing.TB, st *store.Store, n int) (snaps int, rawBytes int64) {
	tb.Helper()
	snaps, rawBytes, err := Archive(n, 1000, func(batch []store.Snapshot) error {
		_, err := st.PutMany(context.Background(), batch)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return snaps, rawBytes
}

// Archive calls put with batches of snapshots for n articles, a tenth of
// them in two editions (two versions), and returns how many snapshots and
// raw bytes it produced.
func Archive(n, batch int, put func([]store.Snapshot) error) (snaps int, rawBytes int64, err error) {
	var buf []store.Snapshot
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		err := put(buf)
		buf = buf[:0]
		return err
	}
	for i := range n {
		eds := 1
		if i%10 == 0 {
			eds = 2
		}
		for ed := range eds {
			s := Snapshot(i, ed)
			rawBytes += int64(len(s.Raw))
			buf = append(buf, s)
			snaps++
			if len(buf) == batch {
				if err := flush(); err != nil {
					return snaps, rawBytes, err
				}
			}
		}
	}
	return snaps, rawBytes, flush()
}

// PeakRSS is the process's peak resident set size in bytes (Linux VmHWM),
// or 0 where /proc is not available.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
