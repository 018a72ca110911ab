package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzExtract: arbitrary bytes never panic and never hang.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.html")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("<p>短</p>"))
	f.Add([]byte("<table><td><p><a href=x>y</a></table><h2>相关阅读</h2>"))
	f.Add([]byte{0xff, 0xfe, 0, '<'})
	f.Fuzz(func(t *testing.T, b []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			r, err := FromBytes(b, "", Options{URL: "https://example.com/a/b.html"})
			if err == nil && r == nil {
				t.Error("nil result without error")
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Extract hangs")
		}
	})
}
