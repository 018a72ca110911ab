package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/store/storetest"
)

// BenchmarkCrawl5000 is issue #4's speed target: a loopback site of 5 000
// article pages of about 15 KB each, linked from one index page, crawled
// end to end (fetch, decode, extract, archive into a real store) with
// parallelism 8, per_host_delay 0 and robots.txt respected. It reports
// pages/s and the process's peak resident memory (VmHWM, which includes the
// test site serving the pages, and the pages of the store's memory-mapped
// file the process touched) and the peak Go heap.
//
//	go test -run '^$' -bench Crawl5000 -benchtime 1x ./cli
func BenchmarkCrawl5000(b *testing.B) {
	const n = 5000
	s := newNewsSite(b, n)
	c := config.Default()
	c.Crawler.Parallelism = 8
	c.Crawler.PerHostDelay = 0
	c.Crawler.RespectRobots = true
	c.Crawler.Timeout = config.Duration(30 * time.Second)
	job := config.Job{Name: "bench", Seeds: []string{s.URL + "/"}, MaxDepth: 1}
	var total time.Duration
	pages := 0
	stopSampling, peakHeap := storetest.SampleHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Store.Path = filepath.Join(b.TempDir(), "archive.db")
		env := &Env{Stdout: os.Stdout, Stderr: os.Stderr}
		start := time.Now()
		run, err := env.service(c).RunJob(context.Background(), job, app.RunOptions{})
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if run.New != n || run.Errors != 0 {
			b.Fatalf("run %+v; want %d new articles and no errors", run, n)
		}
		pages += run.Pages
	}
	b.StopTimer()
	stopSampling()
	b.ReportMetric(float64(pages)/total.Seconds(), "pages/s")
	b.ReportMetric(float64(*peakHeap)/(1<<20), "peak-heap-MB")
	if hwm := storetest.PeakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
}
