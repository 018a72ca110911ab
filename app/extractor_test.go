package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/store"
)

// upgradeSite serves an index and n articles without validators, so that
// every crawl fetches and compares every article.
type upgradeSite struct {
	*httptest.Server
	mu      sync.Mutex
	n       int
	edition map[int]int
}

func newUpgradeSite(t *testing.T, n int) *upgradeSite {
	s := &upgradeSite{n: n, edition: map[int]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			for i := 1; i <= s.n; i++ {
				fmt.Fprintf(w, `<p><a href="/news/%d">Story %d</a></p>`, i, i)
			}
			return
		}
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d", &i); err != nil {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		ed := s.edition[i]
		s.mu.Unlock()
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Story %d</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Story %d","datePublished":"2025-03-0%dT08:00:00Z"}</script></head>
<body><article><h1>Story %d</h1>`, i, i, i%9+1, i)
		for p := range 5 {
			fmt.Fprintf(w, "<p>Paragraph %d of story %d, edition %d: the harbour board met and agreed the works would go ahead after a long consultation.</p>", p, i, ed)
		}
		// A clock the page shows: the raw body differs on every fetch.
		fmt.Fprintf(w, `</article><footer>Served at %d</footer></body></html>`, time.Now().UnixNano())
	}))
	t.Cleanup(s.Close)
	return s
}

// extractorB reads pages as the current extractor does and then marks
// the text: an upgrade that changes the content hash of every page.
var extractorB = extract.Extractor{Version: "test-b", FromBytes: func(raw []byte, ct string, o extract.Options) (*extract.Result, error) {
	r, err := extract.FromBytes(raw, ct, o)
	if err == nil {
		r.Article.Text = strings.ReplaceAll(r.Article.Text, "harbour", "Harbour")
	}
	return r, err
}}

// TestExtractorUpgradeAddsNoFakeVersions crawls a site with extractor A,
// then, unchanged, with extractor B, which reads every page differently:
// the second crawl reports 0 changed. A real edit after the swap adds
// exactly one version, and reextract renumbers nothing. Without the
// re-reading (a store opened without Reread) the swap looks like an edit
// of every page.
func TestExtractorUpgradeAddsNoFakeVersions(t *testing.T) {
	const n = 6
	for _, compare := range []bool{true, false} {
		t.Run(fmt.Sprintf("compare like with like %v", compare), func(t *testing.T) {
			s := newUpgradeSite(t, n)
			c := config.Default()
			c.Store.Path = filepath.Join(t.TempDir(), "archive.db")
			c.Crawler.PerHostDelay = 0
			c.Crawler.Retries = 0
			job := config.Job{Name: "news", Seeds: []string{s.URL + "/"}, MaxDepth: 1, Articles: []string{`/news/\d+$`}}
			ctx := context.Background()
			crawl := func(ex extract.Extractor) store.Run {
				t.Helper()
				svc := New(c, nil)
				svc.Extractor = ex
				if !compare {
					st, err := store.Open(c.Store.Path, store.Options{LockTimeout: time.Second})
					if err != nil {
						t.Fatal(err)
					}
					defer st.Close()
					svc.Store = st
				}
				run, err := svc.RunJob(ctx, job, RunOptions{})
				if err != nil {
					t.Fatal(err)
				}
				return run
			}
			if r := crawl(extract.Current()); r.New != n {
				t.Fatalf("first crawl: %+v", r)
			}
			r := crawl(extractorB)
			if !compare {
				if r.Changed != n {
					t.Fatalf("without re-reading, the swap changed %d of %d", r.Changed, n)
				}
				return
			}
			if r.Changed != 0 || r.Unchanged != n {
				t.Fatalf("unchanged site after the extractor swap: %d changed, %d unchanged; want 0, %d", r.Changed, r.Unchanged, n)
			}
			s.mu.Lock()
			s.edition[2] = 1
			s.mu.Unlock()
			if r := crawl(extractorB); r.Changed != 1 || r.Unchanged != n-1 {
				t.Fatalf("one real edit after the swap: %d changed, %d unchanged", r.Changed, r.Unchanged)
			}
			history := func() string {
				st, err := OpenStore(c, true)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				var b strings.Builder
				st.List(func(sum store.Summary) error {
					h, err := st.History(sum.Key)
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range h {
						fmt.Fprintf(&b, "%s v%d %s\n", sum.Key, v.Version, v.FetchedAt)
					}
					return nil
				})
				return b.String()
			}
			before := history()
			if strings.Count(before, "\n") != n+1 {
				t.Fatalf("versions:\n%s", before)
			}
			st, err := OpenStore(c, false)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := st.Reextract(ctx, Rereader(extractorB, c.Sites))
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			if after := history(); after != before {
				t.Fatalf("reextract after the swap renumbered versions:\n%s\nwas\n%s", after, before)
			}
			if rs.HashChanged != 0 || len(rs.Identical) != 0 {
				t.Errorf("reextract with the extractor that made the latest versions: %+v", rs)
			}
			st, _ = OpenStore(c, true)
			defer st.Close()
			p, refreshed, err := st.Provenance(s.URL+"/news/1", 1)
			if err != nil || p.Extraction.Extractor != "test-b" || !refreshed || p.Fetch == nil {
				t.Errorf("provenance of an unchanged page after the swap: %+v refreshed=%v %v", p, refreshed, err)
			}
		})
	}

}
