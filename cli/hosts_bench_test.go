package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/store"
	"newsarchive/store/storetest"
)

// The many-host benchmarks crawl loopback hosts (httptest servers, each
// its own host:port) end to end into a real store, and report each figure
// as a ratio to the politeness floor measured in the same run, so that a
// busy machine moves the figures little:
//
//	go test -run '^$' -bench 'Hosts' -benchtime 1x ./cli

// benchHost is one loopback news site: robots.txt, a front page linking
// its articles (about 5 KB each), each response after latency. It logs
// when each request arrived.
type benchHost struct {
	*httptest.Server
	articles int
	latency  time.Duration
	mu       sync.Mutex
	arrivals []time.Time
	served   int // articles
	onDone   func()
}

var benchPara = strings.Repeat("<p>The council met on Tuesday and agreed the harbour works would go ahead after a long public consultation.</p>", 45)

func newBenchHosts(b *testing.B, n, articles int, latency time.Duration) []*benchHost {
	hosts := make([]*benchHost, n)
	for i := range hosts {
		h := &benchHost{articles: articles, latency: latency}
		h.Server = httptest.NewServer(http.HandlerFunc(h.serve))
		b.Cleanup(h.Close)
		hosts[i] = h
	}
	return hosts
}

func (h *benchHost) serve(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.arrivals = append(h.arrivals, time.Now())
	h.mu.Unlock()
	time.Sleep(h.latency)
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Front page</title></head><body><ul>")
		for i := range h.articles {
			fmt.Fprintf(w, `<li><a href="/a/%d">Story %d</a></li>`, i, i)
		}
		io.WriteString(w, "</ul></body></html>")
	case strings.HasPrefix(p, "/a/"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Story %[1]s</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Story %[1]s","datePublished":"2025-03-14"}</script></head><body><article><h1>Story %[1]s</h1>%[2]s</article></body></html>`,
			p, benchPara)
		h.mu.Lock()
		h.served++
		done := h.served == h.articles && h.onDone != nil
		h.mu.Unlock()
		if done {
			h.onDone()
		}
	default:
		http.NotFound(w, r)
	}
}

// lastArrival is when the host's last request came, after start.
func (h *benchHost) lastArrival(start time.Time) time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.arrivals) == 0 {
		return 0
	}
	return h.arrivals[len(h.arrivals)-1].Sub(start)
}

// crawlHosts runs one job seeded with every host's front page, keeping
// the search index up to date as a crawl does, or without the index.
func crawlHosts(b *testing.B, ctx context.Context, hosts []*benchHost, parallelism int, delay time.Duration, index bool) (store.Run, time.Duration) {
	c := config.Default()
	c.Crawler.Parallelism = parallelism
	c.Crawler.PerHostDelay = config.Duration(delay)
	c.Crawler.Timeout = config.Duration(30 * time.Second)
	c.Store.Path = filepath.Join(b.TempDir(), "archive.db")
	job := config.Job{Name: "hosts", MaxDepth: 1}
	for _, h := range hosts {
		job.Seeds = append(job.Seeds, h.URL+"/")
	}
	env := &Env{Stdout: io.Discard, Stderr: os.Stderr}
	svc := env.service(c)
	if !index {
		svc.Indexer = nil
	}
	start := time.Now()
	run, err := svc.RunJob(ctx, job, app.RunOptions{})
	took := time.Since(start)
	if err != nil && ctx.Err() == nil {
		b.Fatal(err)
	}
	return run, took
}

// BenchmarkHosts20: 20 hosts × (robots.txt + front page + 10 articles),
// per_host_delay 500ms, parallelism 4. The floor is one host's 11 gaps of
// 500ms; hosts crawled one after another would take 20 times as long.
// The crawl keeps the search index; the same crawl without it follows,
// and index-cost-% is the change in speed the index makes (negative:
// slower), as in BenchmarkCrawl5000.
func BenchmarkHosts20(b *testing.B) {
	const n, articles, delay = 20, 10, 500 * time.Millisecond
	floor := (articles + 1) * delay
	for i := 0; i < b.N; i++ {
		var took [2]time.Duration
		for j, index := range []bool{true, false} {
			hosts := newBenchHosts(b, n, articles, 0)
			run, t := crawlHosts(b, context.Background(), hosts, 4, delay, index)
			if run.New != n*articles || run.Errors != 0 {
				b.Fatalf("run %+v; want %d new articles", run, n*articles)
			}
			took[j] = t
		}
		b.ReportMetric(took[0].Seconds(), "s")
		b.ReportMetric(float64(took[0])/float64(floor), "x-floor")
		b.ReportMetric(float64(took[1])/float64(floor), "no-index-x-floor")
		b.ReportMetric(100*(float64(took[1])/float64(took[0])-1), "index-cost-%")
	}
}

// BenchmarkHostsSkewed: one host with 2 000 articles and 20 with 10 each,
// per_host_delay 200ms, parallelism 4. It reports, over the small hosts,
// the longest time to their last request as a ratio to their own floor
// (11 gaps of 200ms); the crawl is stopped once they are all done (the big
// host alone would take 400 s). With the index and without it, as
// BenchmarkHosts20.
func BenchmarkHostsSkewed(b *testing.B) {
	const small, articles, delay = 20, 10, 200 * time.Millisecond
	floor := (articles + 1) * delay
	for i := 0; i < b.N; i++ {
		var worst [2]time.Duration
		for j, index := range []bool{true, false} {
			big := newBenchHosts(b, 1, 2000, 0)
			smalls := newBenchHosts(b, small, articles, 0)
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			wg.Add(small)
			for _, h := range smalls {
				h.onDone = wg.Done
			}
			go func() { wg.Wait(); cancel() }()
			start := time.Now()
			crawlHosts(b, ctx, append(big, smalls...), 4, delay, index)
			cancel()
			for _, h := range smalls {
				worst[j] = max(worst[j], h.lastArrival(start))
			}
			if index {
				b.ReportMetric(float64(len(big[0].arrivals)), "big-requests")
			}
		}
		b.ReportMetric(float64(worst[0])/float64(floor), "x-floor-small")
		b.ReportMetric(float64(worst[1])/float64(floor), "no-index-x-floor-small")
		b.ReportMetric(100*(float64(worst[1])/float64(worst[0])-1), "index-cost-%")
	}
}

// BenchmarkHosts2000: 2 000 hosts × (robots.txt + front page + 2
// articles), each response after 20ms, per_host_delay 1s, parallelism 32.
// What parallelism and fetch latency allow is the requests' total latency
// (as the crawler measured it) over 32 slots, or the politeness floor of
// 3 s if longer; the benchmark reports the crawl's time as a ratio to it,
// and the peak RSS of the process (servers included).
func BenchmarkHosts2000(b *testing.B) {
	const n, articles, delay, latency = 2000, 2, time.Second, 20 * time.Millisecond
	for i := 0; i < b.N; i++ {
		hosts := newBenchHosts(b, n, articles, latency)
		resetPeakRSS()
		run, took := crawlHosts(b, context.Background(), hosts, 32, delay, true)
		if run.New != n*articles || run.Errors != 0 {
			b.Fatalf("run: %d new, %d errors; want %d new articles", run.New, run.Errors, n*articles)
		}
		var busy time.Duration
		requests := 0
		for _, h := range run.Hosts {
			busy += time.Duration(h.Requests) * h.Latency
			requests += h.Requests
		}
		allowed := max(busy/32, time.Duration(articles+1)*delay)
		b.ReportMetric(took.Seconds(), "s")
		b.ReportMetric(float64(took)/float64(allowed), "x-allowed")
		b.ReportMetric(float64(busy/time.Duration(requests))/1e6, "mean-latency-ms")
		if hwm := storetest.PeakRSS(); hwm > 0 {
			b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
		}
	}
}

// resetPeakRSS starts the process's peak RSS (VmHWM) afresh, so that an
// earlier benchmark in the same process does not count.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
