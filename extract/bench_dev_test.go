package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// devSets are the labelled page sets beside the project (../shared/data),
// read in place: they are measured, never copied into the repository.
var devSets = []struct{ name, glob string }{
	{"sh", "sh/html/*.html.gz"},
	{"wcxb-dev", "wcxb/dev/html/*.html.gz"},
	{"zh-dev", "zh-dev/original/*.html"},
}

// BenchmarkExtractDev extracts every page of each dev set once per
// iteration and reports ms/page, the figure compared with the
// peers in `make eval`. It is skipped where ../shared/data is absent.
func BenchmarkExtractDev(b *testing.B) {
	root := os.Getenv("NEWSARCHIVE_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "shared", "data")
	}
	for _, set := range devSets {
		b.Run(set.name, func(b *testing.B) {
			files, _ := filepath.Glob(filepath.Join(root, set.glob))
			if len(files) == 0 {
				b.Skipf("no pages under %s", root)
			}
			pages := make([][]byte, 0, len(files))
			size := 0
			for _, f := range files {
				p, err := readMaybeGzip(f)
				if err != nil {
					b.Fatal(err)
				}
				pages = append(pages, p)
				size += len(p)
			}
			b.SetBytes(int64(size))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, p := range pages {
					if _, err := FromBytes(p, "", Options{URL: "https://example.com/news/1.html"}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(pages)), "ms/page")
		})
	}
}

// BenchmarkExtract10MB extracts a generated 10 MB page and reports the
// heap it needed; the target is under 200 MB.
func BenchmarkExtract10MB(b *testing.B) {
	page := bigPage(10 << 20)
	var peak uint64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		stop := sampleHeap(&peak)
		if _, err := Extract(page, Options{URL: "https://example.com/big"}); err != nil {
			b.Fatal(err)
		}
		stop()
		peak -= min(peak, before.HeapInuse)
	}
	mb := float64(peak) / (1 << 20)
	b.ReportMetric(mb, "peak-heap-MB")
	if mb > 200 {
		b.Errorf("extracting a 10 MB page used %.0f MB of heap, want < 200 MB", mb)
	}
}

func readMaybeGzip(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil || filepath.Ext(path) != ".gz" {
		return b, err
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
