package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract runs the fixtures; set NEWSARCHIVE_BENCH_DIR to a folder
// of .html pages (e.g. the dev pages, unpacked) to benchmark on those.
func BenchmarkExtract(b *testing.B) {
	dir := os.Getenv("NEWSARCHIVE_BENCH_DIR")
	if dir == "" {
		dir = "testdata"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	var pages [][]byte
	size := 0
	for _, f := range files {
		p, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		size += len(p)
	}
	if len(pages) == 0 {
		b.Skip("no pages")
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
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(pages)), "ms/page")
}

// bigPage builds a page of about n bytes: navigation, then many article
// paragraphs and link lists.
func bigPage(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("<html><head><title>Big</title></head><body><nav><a href=/>Home</a></nav><div class=content>")
	for i := 0; buf.Len() < n; i++ {
		fmt.Fprintf(&buf, "<p>Paragraph %d says something, at some length, about the subject at hand; 这是第%d段，内容比较长。</p>\n", i, i)
		if i%50 == 0 {
			fmt.Fprintf(&buf, "<ul><li><a href=/l/%d>link %d</a></li><li><a href=/m/%d>more %d</a></li></ul>\n", i, i, i, i)
		}
	}
	buf.WriteString("</div><footer>© Big</footer></body></html>")
	return buf.Bytes()
}
