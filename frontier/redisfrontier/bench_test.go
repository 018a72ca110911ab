package redisfrontier_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsarchive/frontier"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/frontier/redisfrontier/redistest"
)

// benchURLs is the size of the coordination benchmark's frontier:
// NEWSARCHIVE_BENCH_URLS, default 1 000 000.
func benchURLs() int {
	if n, err := strconv.Atoi(os.Getenv("NEWSARCHIVE_BENCH_URLS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

func usedMemory(b *testing.B, srv *redistest.Server) int64 {
	info, err := srv.Client(b).Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	b.Fatal("no used_memory in INFO")
	return 0
}

// BenchmarkCoordination queues benchURLs() URLs over 1 000 hosts (pushed
// as a crawl pushes them: a page's links, of its own host, in one call), then
// measures claim and finish (release + done) latency against that frontier
// and Redis's memory per queued and per seen URL.
func BenchmarkCoordination(b *testing.B) {
	srv := redistest.Start(b, redistest.Options{})
	rdb := srv.Client(b)
	s := redisfrontier.New(rdb, redisfrontier.Options{Job: "bench"})
	defer s.Close()
	if _, err := s.BeginRun(false); err != nil {
		b.Fatal(err)
	}
	n := benchURLs()
	const hosts = 1000
	before := usedMemory(b, srv)
	start := time.Now()
	batch := make([]frontier.Request, 0, 1000)
	for i := range n {
		batch = append(batch, frontier.Request{URL: fmt.Sprintf("https://www.host%d.example/news/2025/03/14/story-%d.html", (i/cap(batch))%hosts, i), Depth: 1})
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.Push(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	pushed := time.Since(start)
	total := usedMemory(b, srv) - before
	seen, err := rdb.MemoryUsage(context.Background(), redisfrontier.Prefix("bench")+"seen", 0).Result()
	if err != nil {
		b.Fatal(err)
	}

	p := frontier.Policy{PerHost: 1}
	var claimT, finishT time.Duration
	const rounds = 2000
	b.ResetTimer()
	for range b.N {
		for range rounds {
			t0 := time.Now()
			got, _, err := s.Claim(time.Now(), 1, p)
			claimT += time.Since(t0)
			if err != nil || len(got) != 1 {
				b.Fatalf("Claim = %v, %v", got, err)
			}
			t0 = time.Now()
			if err := s.Release(got[0].Host(), time.Now()); err != nil {
				b.Fatal(err)
			}
			if err := s.Done(got[0]); err != nil {
				b.Fatal(err)
			}
			finishT += time.Since(t0)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(claimT.Microseconds())/float64(rounds*b.N), "µs/claim")
	b.ReportMetric(float64(finishT.Microseconds())/float64(rounds*b.N), "µs/finish")
	b.ReportMetric(float64(n), "queued-URLs")
	// After the loop: ResetTimer drops metrics reported before it.
	b.ReportMetric(float64(total-seen)/float64(n), "B/queued-URL")
	b.ReportMetric(float64(seen)/float64(n), "B/seen-URL")
	b.ReportMetric(float64(pushed.Nanoseconds())/float64(n), "ns/push-URL")
}
