package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// hostileSite is a loopback site whose index links 50 articles and one
// 40 000-character URL; robots.txt can be made to fail.
type hostileSite struct {
	*httptest.Server
	mu         sync.Mutex
	hits       map[string]int
	robotsDown bool
}

const longHref = 40000

func newHostileSite(t *testing.T) *hostileSite {
	s := &hostileSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		down := s.robotsDown
		s.mu.Unlock()
		switch i := articleNumber(r.URL.Path); {
		case r.URL.Path == "/robots.txt" && down:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/robots.txt":
			io.WriteString(w, "User-agent: *\nAllow: /\n")
		case r.URL.Path == "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!DOCTYPE html><html><head><title>Index</title></head><body><ul>")
			for i := 1; i <= 50; i++ {
				fmt.Fprintf(w, `<li><a href="/news/%d">Story %d</a></li>`, i, i)
				if i == 25 {
					fmt.Fprintf(w, `<li><a href="/news/%s">Long</a></li>`, strings.Repeat("x", longHref))
				}
			}
			io.WriteString(w, "</ul></body></html>")
		case i > 0:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, newsArticle(s.URL, i, 0))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// articleNumber is i for "/news/i" with i in 1…50, else 0.
func articleNumber(path string) int {
	var i int
	if _, err := fmt.Sscanf(path, "/news/%d", &i); err != nil || path != fmt.Sprintf("/news/%d", i) || i < 1 || i > 50 {
		return 0
	}
	return i
}

func (s *hostileSite) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, k := range s.hits {
		n += k
	}
	return n
}

func hostileConfig(t *testing.T, s *hostileSite) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler: {user_agent: "newsarchive-test/1.0", parallelism: 4, per_host_delay: 0s, timeout: 5s, retries: 1}
jobs:
  - name: news
    seeds: ["%s/"]
    max_depth: 1
    max_pages: 0
    articles: ['/news/\d+$']
`, s.URL)
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCrawlSkipsOverlongLink: one overlong link is skipped and counted;
// the page's other links are all crawled and archived.
func TestCrawlSkipsOverlongLink(t *testing.T) {
	s := newHostileSite(t)
	cfg := hostileConfig(t, s)
	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "news")
	if code != 0 {
		t.Fatalf("crawl: code %d\n%s", code, errs)
	}
	db := filepath.Join(filepath.Dir(cfg), "archive.db")
	if n := len(versions(t, db)); n != 50 {
		t.Errorf("archived %d articles; want 50\n%s", n, errs)
	}
	if !strings.Contains(errs, "long_urls=1") {
		t.Errorf("the run's log does not count the overlong link:\n%s", errs)
	}
	if strings.Contains(errs, strings.Repeat("x", 1000)) {
		t.Error("the log prints the overlong URL")
	}
}

// TestFetchRefusesOverlongURL: fetch refuses an overlong URL before any
// request, with a short error that names the length and the limit.
func TestFetchRefusesOverlongURL(t *testing.T) {
	s := newHostileSite(t)
	cfg := hostileConfig(t, s)
	long := s.URL + "/news/" + strings.Repeat("x", longHref)
	_, errs, code := run(context.Background(), "--config", cfg, "fetch", long)
	if code == 0 {
		t.Fatal("fetch of an overlong URL succeeded")
	}
	want := fmt.Sprintf("URL is %d bytes; the limit is 8192", len(long))
	if !strings.Contains(errs, want) || len(errs) > 400 {
		t.Errorf("stderr (%d bytes) = %.400q; want a short error with %q", len(errs), errs, want)
	}
	if n := s.requests(); n != 0 {
		t.Errorf("%d requests made; want none", n)
	}
}

// TestCrawlSkipsHostWhoseRobotsIsDown: robots.txt answering 503 on every
// retry skips the host; the skipped page counts as an error in the summary.
func TestCrawlSkipsHostWhoseRobotsIsDown(t *testing.T) {
	s := newHostileSite(t)
	s.mu.Lock()
	s.robotsDown = true
	s.mu.Unlock()
	cfg := hostileConfig(t, s)
	_, errs, _ := run(context.Background(), "--config", cfg, "crawl", "--job", "news")
	for _, want := range []string{"robots.txt unreachable", "robots_hosts_skipped=1", "0 pages fetched", "1 errors"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hits["/"] != 0 || s.hits["/robots.txt"] != 2 {
		t.Errorf("hits %v; want robots.txt twice (one retry) and no page", s.hits)
	}
}
