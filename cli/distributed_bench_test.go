package cli

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsarchive/frontier/redisfrontier"
	"newsarchive/frontier/redisfrontier/redistest"
)

func benchEnv(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchmarkDistributedCrawl crawls 40 loopback hosts × 30 pages, each
// answer taking 200 ms, per_host_delay 500ms, parallelism 4 per worker:
// once with one worker process, once with three, in the same run, the
// archive side only seeding and archiving. Politeness is checked from the
// servers' logs; Redis round trips are counted by each process's client,
// per HTTP request (robots.txt, index and article pages), heartbeats,
// polls and the archive side's drain included. NEWSARCHIVE_BENCH_HOSTS and
// NEWSARCHIVE_BENCH_PAGES resize it.
func BenchmarkDistributedCrawl(b *testing.B) {
	hosts, pages := benchEnv("NEWSARCHIVE_BENCH_HOSTS", 40), benchEnv("NEWSARCHIVE_BENCH_PAGES", 30)
	const delay = 500 * time.Millisecond
	for range b.N {
		var secs [2]float64
		for i, n := range []int{1, 3} {
			srv := redistest.Start(b, redistest.Options{AOF: true})
			s := newSites(b, hosts, pages, 200*time.Millisecond)
			dir := b.TempDir()
			cfg := s.config(b, dir, srv.URL(0), delay, "")
			trips0 := redisfrontier.RoundTrips() // the archive side runs in this process
			ws := workers(b, cfg, n)
			start := time.Now()
			_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "sites", "--no-fetch")
			for _, w := range ws {
				w.wait(b, time.Minute)
			}
			secs[i] = time.Since(start).Seconds()
			if want := fmt.Sprintf("articles %d new", hosts*pages); code != 0 || !strings.Contains(errs, want) {
				b.Fatalf("%d workers: exit %d; want %s\n%s", n, code, want, errs)
			}
			s.checkGaps(b, delay)
			trips := redisfrontier.RoundTrips() - trips0
			for _, w := range ws {
				trips += workerTrips(b, w.out.String())
			}
			perPage := float64(trips) / float64(hosts*(pages+2))
			b.ReportMetric(secs[i], fmt.Sprintf("s/%d-workers", n))
			b.ReportMetric(perPage, fmt.Sprintf("round-trips/request/%d-workers", n))
		}
		b.ReportMetric(secs[1]/secs[0], "3-vs-1-time-ratio")
	}
}

// workerTrips reads a worker's Redis round trips from its last log line.
func workerTrips(b *testing.B, out string) int64 {
	const k = "redis_round_trips="
	i := strings.LastIndex(out, k)
	if i < 0 {
		b.Fatalf("no %s in the worker's log:\n%s", k, out)
	}
	n, _ := strconv.ParseInt(strings.Fields(out[i+len(k):])[0], 10, 64)
	return n
}
