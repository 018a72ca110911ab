package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestZhAuthorPages reads the author of Chinese pages in the shapes the
// common platforms give them (forum threads, blog posts, WeChat
// articles, news leads), from testdata/zh-authors: each page's .json
// names its URL and the authors expected ([] for none).
func TestZhAuthorPages(t *testing.T) {
	pages, err := filepath.Glob("testdata/zh-authors/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var want struct {
				URL     string   `json:"url"`
				Authors []string `json:"authors"`
			}
			b, err := os.ReadFile(strings.TrimSuffix(p, ".html") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil || want.URL == "" || want.Authors == nil {
				t.Fatalf("bad %s.json (url and authors are required): %v", name, err)
			}
			r, err := Extract(raw, Options{URL: want.URL})
			if err != nil {
				t.Fatal(err)
			}
			got := r.Article.Authors
			if got == nil {
				got = []string{}
			}
			if !reflect.DeepEqual(got, want.Authors) {
				t.Errorf("authors = %q, want %q", got, want.Authors)
			}
		})
	}
}
