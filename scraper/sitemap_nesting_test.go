package scraper

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// chainSite serves an endless chain of discovery documents: /chain/N.xml
// links /chain/N+1.xml (as a <sitemap> of an index, or as a <url> of a
// urlset) and one article /a/N. The chain stops at 60 so that a crawl
// that follows it all ends instead of hanging the test.
func chainSite(t *testing.T, asURL bool) *site {
	s := newSite(t)
	s.route("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/chain/%d.xml", &n); err != nil || n >= 60 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		next := s.u(fmt.Sprintf("/chain/%d.xml", n+1))
		if asURL {
			fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s</loc></url><url><loc>%s/a/%d</loc></url></urlset>`, next, s.URL, n)
			return
		}
		fmt.Fprintf(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s</loc></sitemap></sitemapindex>`, next)
	})
	s.route("/a/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage("Story "+r.URL.Path, ""))
	})
	return s
}

func (s *site) hitsUnder(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, k := range s.hits {
		if strings.HasPrefix(p, prefix) {
			n += k
		}
	}
	return n
}

func TestSitemapNestingIsBounded(t *testing.T) {
	cases := []struct {
		name       string
		asURL      bool // the chain goes through <url> entries, not <sitemap>
		maxDepth   int
		wantChain  int // chain documents fetched
		wantNested int // Stats.NestedSitemaps
	}{
		// The seed index is read, the sitemap it lists is read, and the
		// index found in that one is not followed.
		{"index of indexes, depth 0", false, 0, 2, 1},
		{"index of indexes, depth 2", false, 2, 2, 1},
		// A <url> that turns out to be a sitemap is a link: one hop.
		{"urlset listing sitemaps, depth 0", true, 0, 2, 0},
		{"urlset listing sitemaps, depth 2", true, 2, 4, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := chainSite(t, c.asURL)
			rec := newRecorder()
			o := testOptions(s, rec, "/chain/0.xml")
			o.MaxDepth = c.maxDepth
			o.MaxPages = 0
			stats, err := New(o).Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := s.hitsUnder("/chain/"); got != c.wantChain {
				t.Errorf("fetched %d chain documents; want %d", got, c.wantChain)
			}
			if stats.NestedSitemaps != c.wantNested {
				t.Errorf("Stats.NestedSitemaps = %d; want %d", stats.NestedSitemaps, c.wantNested)
			}
		})
	}
}

func TestSitemapIndexIsReadInFull(t *testing.T) {
	s := newSite(t)
	s.route("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for i := range 3 {
			fmt.Fprintf(w, `<sitemap><loc>%s/sm-%d.xml</loc></sitemap>`, s.URL, i)
		}
		fmt.Fprint(w, `</sitemapindex>`)
	})
	for i := range 3 {
		s.route(fmt.Sprintf("/sm-%d.xml", i), func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/a/%[2]d-1</loc></url><url><loc>%[1]s/a/%[2]d-2</loc></url></urlset>`, s.URL, i)
		})
	}
	s.route("/a/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articlePage("Story "+r.URL.Path, ""))
	})
	cases := []struct {
		name      string
		maxPages  int
		wantPages int
		wantKeys  int
	}{
		{"no page cap: index, 3 sitemaps, 6 articles", 0, 10, 6},
		{"sitemaps count against max_pages", 3, 3, 0},
		{"max_pages 6", 6, 6, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := newRecorder()
			o := testOptions(s, rec, "/sitemap.xml")
			o.MaxDepth = 0
			o.MaxPages = c.maxPages
			o.Parallelism = 1
			stats, err := New(o).Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if stats.Pages != c.wantPages || len(rec.keys()) != c.wantKeys {
				t.Errorf("pages %d, articles %d; want %d and %d", stats.Pages, len(rec.keys()), c.wantPages, c.wantKeys)
			}
		})
	}
}
