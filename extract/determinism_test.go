package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestDeterministic extracts every fixture several times: Go randomises map
// order on every iteration, so any tie decided by map order shows up as a
// different result. An archive must extract a page the same way every time,
// or unchanged pages would look edited.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	pages := map[string][]byte{
		// A wrapper whose only child holds the article: equal scores.
		"nested wrappers": []byte(`<html><body><nav><a href="/">Home</a></nav>
<div class="outer"><div class="inner"><div class="text">
<p>The harbour board approved the new pier on Tuesday, after a consultation that ran for most of the year and drew several hundred replies.</p>
<p>Work is due to start in the spring, and the board said ferries would keep running throughout, with a temporary landing stage.</p>
</div></div></div><footer>© Example</footer></body></html>`),
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(f)] = raw
	}
	for name, raw := range pages {
		t.Run(name, func(t *testing.T) {
			var first []byte
			for i := 0; i < 8; i++ {
				r, err := FromBytes(raw, "", Options{URL: "https://example.com/news/1.html"})
				if err != nil {
					t.Fatal(err)
				}
				b, _ := json.Marshal(r)
				if first == nil {
					first = b
				} else if string(b) != string(first) {
					t.Fatalf("run %d differs from run 0", i)
				}
			}
		})
	}
}
