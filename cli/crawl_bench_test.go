package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/search"
	"newsarchive/store"
	"newsarchive/store/storetest"
)

// BenchmarkCrawl5000 is the crawl's speed target (≥ 400 pages/s): a loopback site of 5 000
// article pages of about 15 KB each, linked from one index page, crawled
// end to end (fetch, decode, extract, archive into a real store) with
// parallelism 8 (per_host_parallelism 8), per_host_delay 0 and robots.txt
// respected. It also crawls the site with a bare colly crawler (bareColly)
// in the same run and reports the ratio. It reports
// pages/s and the process's peak resident memory (VmHWM, which includes the
// test site serving the pages, and the pages of the store's memory-mapped
// file the process touched) and the peak Go heap.
//
// It crawls the site again without the search index, and reports the
// cost of keeping the index (index-cost-% in pages/s, index-cpu-cost-% in
// the process's CPU time per page, which the load of other processes moves
// less), then times a reindex of that archive for the CPU per page that
// indexing the same pages costs in bulk (reindex-cpu-µs/page), and the size
// of the index the crawl leaves (index-MB).
//
//	go test -run '^$' -bench Crawl5000 -benchtime 1x ./cli
func BenchmarkCrawl5000(b *testing.B) {
	const n = 5000
	s := newNewsSite(b, n)
	c := config.Default()
	c.Crawler.Parallelism = 8
	c.Crawler.PerHostParallelism = 8 // one host: all of the parallelism may go to it
	c.Crawler.PerHostDelay = 0
	c.Crawler.RespectRobots = true
	c.Crawler.Timeout = config.Duration(30 * time.Second)
	job := config.Job{Name: "bench", Seeds: []string{s.URL + "/"}, MaxDepth: 1}
	var total, bare, noIndex, flush, cpu, noIndexCPU, reindexCPU time.Duration
	pages, barePages, noIndexPages := 0, 0, 0
	var peakHeap, noIndexPeakHeap, indexBytes, segments uint64
	resetPeakRSS()
	// crawl runs one crawl and returns its pages, wall time and the
	// process's CPU time meanwhile (which includes the test site's). Its
	// goroutines, and those they start (the index's), carry a profile
	// label, so that -cpuprofile tells the two crawls apart:
	// go tool pprof -tagfocus crawl=index.
	crawl := func(withIndex bool) (int, time.Duration, time.Duration) {
		c.Store.Path = filepath.Join(b.TempDir(), "archive.db")
		env := &Env{Stdout: os.Stdout, Stderr: os.Stderr}
		svc := env.service(c)
		timed := &timedIndexer{Indexer: svc.Indexer}
		svc.Indexer = timed
		if !withIndex {
			svc.Indexer = nil
		}
		runtime.GC() // the garbage of the run before is not this one's
		label := map[bool]string{true: "index", false: "no-index"}[withIndex]
		ctx := pprof.WithLabels(context.Background(), pprof.Labels("crawl", label))
		pprof.SetGoroutineLabels(ctx)
		defer pprof.SetGoroutineLabels(context.Background())
		profile := ""
		if withIndex {
			profile = os.Getenv("NEWSARCHIVE_BENCH_PEAK_PROFILE")
		}
		stopSampling, peak := sampleHeap(profile)
		start, startCPU := time.Now(), storetest.CPUTime()
		run, err := svc.RunJob(ctx, job, app.RunOptions{})
		took, used := time.Since(start), storetest.CPUTime()-startCPU
		stopSampling()
		if withIndex {
			peakHeap = max(peakHeap, *peak)
		} else {
			noIndexPeakHeap = max(noIndexPeakHeap, *peak)
		}
		if err != nil {
			b.Fatal(err)
		}
		if run.New != n || run.Errors != 0 {
			b.Fatalf("run %+v; want %d new articles and no errors", run, n)
		}
		flush += timed.end
		if withIndex {
			size, files := dirBytes(b, search.Path(c.Store.Path), ".zap")
			indexBytes, segments = max(indexBytes, size), max(segments, files)
		}
		return run.Pages, took, used
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		barePages += bareColly(b, s.URL+"/", 8)
		bare += time.Since(start)
		p, took, used := crawl(true)
		pages, total, cpu = pages+p, total+took, cpu+used
		p, took, used = crawl(false)
		noIndexPages, noIndex, noIndexCPU = noIndexPages+p, noIndex+took, noIndexCPU+used
		reindexCPU += reindex(b, c.Store.Path) // the same pages, as reindex indexes them
	}
	b.StopTimer()
	rate := float64(pages) / total.Seconds()
	b.ReportMetric(rate, "pages/s")
	noIndexRate := float64(noIndexPages) / noIndex.Seconds()
	b.ReportMetric(noIndexRate, "no-index-pages/s")
	b.ReportMetric(100*(rate/noIndexRate-1), "index-cost-%")
	b.ReportMetric(flush.Seconds()/float64(b.N), "index-end-s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(pages), "cpu-µs/page")
	b.ReportMetric(float64(noIndexCPU.Microseconds())/float64(noIndexPages), "no-index-cpu-µs/page")
	b.ReportMetric(100*(float64(cpu)/float64(noIndexCPU)-1), "index-cpu-cost-%")
	b.ReportMetric(float64(reindexCPU.Microseconds())/float64(noIndexPages), "reindex-cpu-µs/page")
	b.ReportMetric(float64(indexBytes)/(1<<20), "index-MB")
	b.ReportMetric(float64(segments), "index-segments")
	bareRate := float64(barePages) / bare.Seconds()
	b.ReportMetric(bareRate, "bare-colly-pages/s")
	b.ReportMetric(rate/bareRate, "x-bare-colly")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(noIndexPeakHeap)/(1<<20), "no-index-peak-heap-MB")
	if hwm := storetest.PeakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
}

// reindex rebuilds the search index of the archive at path and returns the
// process's CPU time it took.
func reindex(b *testing.B, path string) time.Duration {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	runtime.GC()
	ctx := pprof.WithLabels(context.Background(), pprof.Labels("crawl", "reindex"))
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background())
	start := storetest.CPUTime()
	if _, err := search.Reindex(ctx, st, search.Options{}); err != nil {
		b.Fatal(err)
	}
	return storetest.CPUTime() - start
}

// dirBytes is the size of the files under dir, and how many of them have
// names ending in ext (scorch's segments are .zap files).
func dirBytes(b *testing.B, dir, ext string) (size, files uint64) {
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			size += uint64(fi.Size())
			if strings.HasSuffix(d.Name(), ext) {
				files++
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size, files
}

// bareColly is the yardstick for BenchmarkCrawl5000: the plainest colly
// crawler of the same site (links followed one hop, bodies read, nothing
// decoded, extracted or stored), with the same parallelism. It returns the
// pages it fetched.
func bareColly(b *testing.B, seed string, parallelism int) int {
	c := colly.NewCollector(colly.Async(true), colly.MaxDepth(2), colly.UserAgent("bare-colly"))
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: parallelism}); err != nil {
		b.Fatal(err)
	}
	var pages atomic.Int64
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		if e.Request.Depth == 1 {
			e.Request.Visit(e.Attr("href"))
		}
	})
	c.OnResponse(func(r *colly.Response) { pages.Add(1) })
	if err := c.Visit(seed); err != nil {
		b.Fatal(err)
	}
	c.Wait()
	return int(pages.Load())
}

// sampleHeap records the peak of the Go heap in use (live and not yet
// collected objects) every 20 ms until stop is called, and writes a heap
// profile to the file profile (unless "") at each new peak. Unlike VmHWM it
// leaves out the store's memory-mapped file, which the kernel can drop.
func sampleHeap(profile string) (stop func(), peak *uint64) {
	peak = new(uint64)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > *peak {
				*peak = ms.HeapInuse
				if profile != "" {
					writePeakProfile(profile)
				}
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }, peak
}

// timedIndexer measures how long a run waits in End for its indexer.
type timedIndexer struct {
	app.Indexer
	end time.Duration
}

func (t *timedIndexer) End() error {
	start := time.Now()
	err := t.Indexer.End()
	t.end += time.Since(start)
	return err
}

// writePeakProfile writes a heap profile to path (the live objects as of
// the last collection), so that one taken at each new peak shows what
// holds the heap there: NEWSARCHIVE_BENCH_PEAK_PROFILE=peak.pprof.
func writePeakProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	pprof.Lookup("heap").WriteTo(f, 0)
}
