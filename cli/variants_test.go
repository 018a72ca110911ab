package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// variantSite is a loopback site whose articles link to themselves with
// query strings the URL normaliser keeps. /story has no canonical link;
// /wire names a canonical URL on another site (never fetched). Every
// variant serves the same story except those listed in differ (and
// ?term=diff, always).
type variantSite struct {
	*httptest.Server
	mu     sync.Mutex
	differ map[string]bool // raw query → serves a story of its own
}

func newVariantSite(t *testing.T) *variantSite {
	s := &variantSite{differ: map[string]bool{"term=diff": true}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *variantSite) setDiffers(q string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.differ[q] = true
}

func (s *variantSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	own := s.differ[r.URL.RawQuery]
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch r.URL.Path {
	case "/":
		io.WriteString(w, `<!DOCTYPE html><html><head><title>Index</title></head><body><ul><li><a href="/story">Story</a></li><li><a href="/wire">Wire</a></li></ul></body></html>`)
	case "/story":
		variants := []string{"?term=a", "?term=b", "?c_src=x&amp;campaign=y", "?term=diff"}
		io.WriteString(w, variantPage("Harbour works approved", "", r.URL.RawQuery, own, variants))
	case "/wire":
		io.WriteString(w, variantPage("Rail link reopens", "https://wire.example.net/stories/1", r.URL.RawQuery, own, []string{"?term=a"}))
	default:
		http.NotFound(w, r)
	}
}

// variantPage is an article that links to itself under the given query
// strings; with own set its text is its own (naming query).
func variantPage(title, canonical, query string, own bool, variants []string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title>`)
	if canonical != "" {
		b.WriteString(`<link rel="canonical" href="` + canonical + `">`)
	}
	b.WriteString(`</head><body><nav><a href="/">Home</a>`)
	for _, v := range variants {
		fmt.Fprintf(&b, ` <a href="%s">Share</a>`, v)
	}
	b.WriteString(`</nav><article><h1>` + title + `</h1>`)
	for p := range 8 {
		if own {
			fmt.Fprintf(&b, "<p>Edition %q, paragraph %d: a different story told under this address, about the ferry timetable and the winter fares.</p>\n", query, p)
		} else {
			fmt.Fprintf(&b, "<p>Paragraph %d: the council met on Tuesday and agreed the works would go ahead after a long public consultation that drew hundreds of replies.</p>\n", p)
		}
	}
	b.WriteString(`</article></body></html>`)
	return b.String()
}

// TestCrawlURLVariantsAreOneArticle crawls a site whose articles link to
// themselves with query strings: each is archived once, the variants are
// its aliases (found by history), a variant with other content is an
// article of its own, and a variant whose content later differs becomes
// one too without adding a version to the article.
func TestCrawlURLVariantsAreOneArticle(t *testing.T) {
	s := newVariantSite(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`store: {path: archive.db}
crawler: {per_host_delay: 0s, timeout: 5s, retries: 1}
jobs:
  - name: news
    seeds: ["%s/"]
    max_depth: 2
    articles: ['/(story|wire)']
`, s.URL)), 0o644)
	db := filepath.Join(dir, "archive.db")
	story, wire := s.URL+"/story", s.URL+"/wire"
	keyOf := func(t *testing.T, u string) string {
		t.Helper()
		out, errs, code := run(context.Background(), "--config", cfg, "history", u)
		if code != 0 {
			t.Fatalf("history %s: exit %d: %s", u, code, errs)
		}
		key, _, _ := strings.Cut(out, "\n")
		return key
	}
	crawl := func(t *testing.T, want map[string]int) {
		t.Helper()
		if _, errs, code := run(context.Background(), "--config", cfg, "crawl"); code != 0 {
			t.Fatalf("crawl: exit %d: %s", code, errs)
		}
		if got := versions(t, db); !maps.Equal(got, want) {
			t.Fatalf("archive holds %v; want %v", got, want)
		}
	}
	steps := []struct {
		name    string
		before  func()
		want    map[string]int    // key → versions
		aliases map[string]string // URL → the key history finds
	}{
		{"first crawl", func() {},
			map[string]int{story: 1, story + "?term=diff": 1, wire: 1},
			map[string]string{
				story + "?term=a": story, story + "?term=b": story, story + "?c_src=x&campaign=y": story,
				story + "?term=diff": story + "?term=diff", wire + "?term=a": wire,
			}},
		{"second crawl, nothing changed", func() {},
			map[string]int{story: 1, story + "?term=diff": 1, wire: 1},
			map[string]string{story + "?term=a": story, story + "?c_src=x&campaign=y": story, wire + "?term=a": wire}},
		{"a variant's content now differs", func() { s.setDiffers("term=b") },
			map[string]int{story: 1, story + "?term=b": 1, story + "?term=diff": 1, wire: 1},
			map[string]string{story + "?term=b": story + "?term=b", story + "?term=a": story}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.before()
			crawl(t, st.want)
			for _, u := range slices.Sorted(maps.Keys(st.aliases)) {
				if got := keyOf(t, u); got != st.aliases[u] {
					t.Errorf("history %s finds %s; want %s", u, got, st.aliases[u])
				}
			}
		})
	}
}
