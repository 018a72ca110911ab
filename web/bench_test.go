package web

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"newsarchive/store"
	"newsarchive/store/storetest"
)

// benchSite builds the store benchmark's synthetic archive
// (NEWSARCHIVE_BENCH_ARTICLES articles, default 100 000; a tenth with two
// versions) and the site over it, and reports how long the site took to
// read the archive into its index.
func benchSite(b *testing.B) (*Server, *store.Store, int) {
	n := storetest.BenchArticles(100000)
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	storetest.Fill(b, st, n)
	start := time.Now()
	s, err := New(context.Background(), Options{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d articles read into the index in %s", n, time.Since(start).Round(time.Millisecond))
	return s, st, n
}

func benchKey(i int) string { return fmt.Sprintf("https://www.example.com/news/2024/%06d.html", i) }

// BenchmarkServe measures, server side, 200 requests of each page and of
// /api/articles against the archive, and reports their p50 and p95
// latency. The list requests mix the first page, a page at a random
// cursor, "edited only", a text query and a site sorted by publication.
// Its "export" part streams /api/export from the same archive.
func BenchmarkServe(b *testing.B) {
	s, _, n := benchSite(b)
	rng := rand.New(rand.NewSource(1))
	s.ix.mu.RLock()
	cursors := make([]string, 50)
	for i := range cursors {
		e := s.ix.byFetched[rng.Intn(len(s.ix.byFetched))]
		cursors[i] = encodeCursor(e.Fetched, e.Key)
	}
	word := s.ix.byFetched[0].lcTitle[:4]
	s.ix.mu.RUnlock()
	list := func(base string) func(i int) string {
		return func(i int) string {
			switch i % 5 {
			case 0:
				return base
			case 1:
				return base + "?cursor=" + cursors[i%len(cursors)]
			case 2:
				return base + "?edited=1"
			case 3:
				return base + "?q=" + q(word)
			}
			return base + "?site=www.example.com&sort=published"
		}
	}
	cases := []struct {
		name string
		path func(i int) string
	}{
		{"list", list("/articles")},
		{"article", func(i int) string { return "/article?url=" + q(benchKey(rng.Intn(n))) }},
		{"diff", func(i int) string { return "/diff?url=" + q(benchKey(10*rng.Intn(n/10))) }},
		{"api-articles", list("/api/articles")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				runtime.GC()
				cpu0 := cpuTime()
				lat := make([]time.Duration, 200)
				for i := range lat {
					req := httptest.NewRequest(http.MethodGet, c.path(i), nil)
					req.Host = "127.0.0.1"
					w := httptest.NewRecorder()
					start := time.Now()
					s.ServeHTTP(w, req)
					lat[i] = time.Since(start)
					if w.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", req.URL, w.Code, w.Body.String())
					}
				}
				// CPU per request hardly depends on what else the machine
				// runs; the latencies do.
				b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(lat)), "cpu-ms/req")
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
			}
		})
	}
	b.Run("export", func(b *testing.B) { benchExport(b, s, n) })
}

// benchExport streams /api/export?format=jsonl (latest versions) over
// loopback and reports articles/s, MB/s and the peak heap in use, which
// includes the site's index (heap-before-MB).
func benchExport(b *testing.B, s *Server, n int) {
	ts := httptest.NewServer(s)
	defer ts.Close()
	for b.Loop() {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop := storetest.HeapPeak()
		start := time.Now()
		resp, err := http.Get(ts.URL + "/api/export?format=jsonl")
		if err != nil {
			b.Fatal(err)
		}
		nb, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		el := time.Since(start)
		peak := stop()
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("export: %d %v", resp.StatusCode, err)
		}
		b.ReportMetric(float64(n)/el.Seconds(), "articles/s")
		b.ReportMetric(float64(nb)/(1<<20)/el.Seconds(), "MB/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(base.HeapInuse)/(1<<20), "heap-before-MB")
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
