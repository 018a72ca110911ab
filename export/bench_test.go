package export

import (
	"io"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"newsarchive/store"
	"newsarchive/store/storetest"
)

// countWriter counts what export writes, standing in for a file.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExportJSONL exports a synthetic archive (NEWSARCHIVE_BENCH_ARTICLES
// articles, default 20 000, ~5 KB text each, a tenth with two versions) as
// JSONL, latest versions, opened read-only as the export command does. It
// reports articles/s and the peak heap in use during the export; building
// the archive is not timed.
func BenchmarkExportJSONL(b *testing.B) {
	n := storetest.BenchArticles(20000)
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	storetest.Fill(b, s, n)
	s.Close()
	for _, all := range []bool{false, true} {
		name := "latest"
		if all {
			name = "all-versions"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ro, err := store.Open(path, store.Options{ReadOnly: true})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				stop := storetest.HeapPeak()
				var w countWriter
				start, cpu0 := time.Now(), storetest.CPUTime()
				got, err := Write(ro, &w, Options{Format: JSONL, ScanOptions: store.ScanOptions{AllVersions: all}})
				el, cpu := time.Since(start), storetest.CPUTime()-cpu0
				peak := stop()
				ro.Close()
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(got)/el.Seconds(), "articles/s")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(w.n)/(1<<20)/el.Seconds(), "MB/s")
				b.ReportMetric(float64(got), "articles")
				b.ReportMetric(float64(cpu.Microseconds())/float64(got), "cpu-µs/article")
			}
		})
	}
	_ = io.Discard
}
