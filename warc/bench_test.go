package warc

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
	"newsarchive/store/storetest"
)

// benchArchive builds the synthetic archive of the store benchmarks
// (NEWSARCHIVE_BENCH_ARTICLES articles, default 5 000, a tenth with two
// versions, ~30 KB raw HTML each, with a crawl's provenance).
func benchArchive(b *testing.B) (string, int) {
	b.Helper()
	n := storetest.BenchArticles(5000)
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	snaps, _ := storetest.Fill(b, s, n)
	s.Close()
	return path, snaps
}

// BenchmarkWARCExport writes every version of the synthetic archive as a
// WARC (request, response, metadata per capture), opened read-only as the
// export command does; it reports captures/s and the peak heap in use.
func BenchmarkWARCExport(b *testing.B) {
	path, _ := benchArchive(b)
	for b.Loop() {
		ro, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		gc := debug.SetGCPercent(ExportGCPercent) // as the export command runs
		stop := storetest.HeapPeak()
		w := counter{w: io.Discard}
		start, cpu0 := time.Now(), storetest.CPUTime()
		st, err := Write(ro, &w, Options{ScanOptions: store.ScanOptions{AllVersions: true}})
		el, cpu := time.Since(start), storetest.CPUTime()-cpu0
		peak := stop()
		debug.SetGCPercent(gc)
		ro.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(st.Captures)/el.Seconds(), "captures/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(w.n)/(1<<20), "warc-MB")
		b.ReportMetric(float64(st.Captures), "captures")
		b.ReportMetric(float64(cpu.Microseconds())/float64(st.Captures), "cpu-µs/capture")
	}
}

// BenchmarkWARCImport imports that WARC into an empty archive, extraction
// included (the real extractor on the ~30 KB pages); it reports pages/s
// and the peak heap in use.
func BenchmarkWARCImport(b *testing.B) { benchImport(b, readPage) }

func benchImport(b *testing.B, read ReadFunc) {
	path, _ := benchArchive(b)
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "bench.warc.gz")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Write(ro, f, Options{ScanOptions: store.ScanOptions{AllVersions: true}}); err != nil {
		b.Fatal(err)
	}
	f.Close()
	ro.Close()
	for b.Loop() {
		dst, err := store.Open(filepath.Join(b.TempDir(), "dst.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		src, closeSrc, err := OpenWARC(file)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		gc := debug.SetGCPercent(ImportGCPercent) // as the import command runs
		stop := storetest.HeapPeak()
		start, cpu0 := time.Now(), storetest.CPUTime()
		st, err := Import(context.Background(), dst, []Source{src}, ImportOptions{Read: read})
		el, cpu := time.Since(start), storetest.CPUTime()-cpu0
		peak := stop()
		debug.SetGCPercent(gc)
		closeSrc()
		dst.Close()
		if err != nil || st.Pages == 0 {
			b.Fatalf("%+v %v", st, err)
		}
		b.ReportMetric(float64(st.Pages)/el.Seconds(), "pages/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(st.Pages), "pages")
		b.ReportMetric(float64(cpu.Microseconds())/float64(st.Pages), "cpu-µs/page")
	}
}

// BenchmarkWARCImportNoExtract is BenchmarkWARCImport with a stand-in
// for the extractor (the page's first 2 KB as its text): what the import
// costs beyond extraction — reading the WARC and archiving.
func BenchmarkWARCImportNoExtract(b *testing.B) {
	benchImport(b, func(u string, body []byte, _ string, _ time.Time) (Page, error) {
		text := string(body[:min(len(body), 2048)])
		return Page{Key: u, URL: u, Article: &article.Article{URL: u, Title: u, Text: text}, IsArticle: true}, nil
	})
}

// BenchmarkExtractOnly is the extraction alone over 500 of the same
// pages, on every CPU as the import runs it, to show how much of the
// import's time it takes.
func BenchmarkExtractOnly(b *testing.B) {
	snaps := make([]store.Snapshot, 500)
	for i := range snaps {
		snaps[i] = storetest.Snapshot(i, 0)
	}
	for b.Loop() {
		start, cpu0 := time.Now(), storetest.CPUTime()
		var wg sync.WaitGroup
		workers := runtime.GOMAXPROCS(0)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(snaps); i += workers {
					if _, err := readPage(snaps[i].URL, snaps[i].Raw, "text/html; charset=utf-8", time.Time{}); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		el, cpu := time.Since(start), storetest.CPUTime()-cpu0
		b.ReportMetric(float64(len(snaps))/el.Seconds(), "pages/s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(len(snaps)), "cpu-µs/page")
	}
}
