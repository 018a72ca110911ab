package cli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sites are many loopback news sites, each its own host (its own port):
// an index linking its articles at /news/<i>. Every request's arrival is
// logged per host, so that politeness can be checked from the servers'
// side whichever worker made the request.
type sites struct {
	servers []*httptest.Server
	pages   int
	delay   time.Duration // each answer takes this long

	mu     sync.Mutex
	log    map[string][]time.Time // host → request arrivals
	served atomic.Int64           // article pages served
	onServ atomic.Pointer[func(int64)]
}

func newSites(t testing.TB, hosts, pages int, delay time.Duration) *sites {
	s := &sites{pages: pages, delay: delay, log: map[string][]time.Time{}}
	for range hosts {
		srv := httptest.NewServer(http.HandlerFunc(s.serve))
		t.Cleanup(srv.Close)
		s.servers = append(s.servers, srv)
	}
	return s
}

func (s *sites) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log[r.Host] = append(s.log[r.Host], time.Now())
	s.mu.Unlock()
	time.Sleep(s.delay)
	base := "http://" + r.Host
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, "User-agent: *\nAllow: /\n")
	case r.URL.Path == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Index</title></head><body><ul>")
		for i := 1; i <= s.pages; i++ {
			fmt.Fprintf(w, `<li><a href="/news/%d">Story %d</a></li>`, i, i)
		}
		io.WriteString(w, "</ul></body></html>")
	case strings.HasPrefix(r.URL.Path, "/news/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d", &i); err != nil || i < 1 || i > s.pages {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, newsArticle(base, i, 0))
		n := s.served.Add(1)
		if f := s.onServ.Load(); f != nil {
			(*f)(n)
		}
	default:
		http.NotFound(w, r)
	}
}

// when calls fn once, when the n-th article page is served.
func (s *sites) when(n int64, fn func()) {
	var once sync.Once
	f := func(k int64) {
		if k >= n {
			once.Do(fn)
		}
	}
	s.onServ.Store(&f)
}

// waitServed waits until n article pages have been served. The deadline
// is generous (a loaded machine); out is what the test shows if it fails.
func (s *sites) waitServed(t testing.TB, n int64, out func() string) {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); s.served.Load() < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("%d article pages served in 60 s; waiting for %d\n%s", s.served.Load(), n, out())
		}
	}
}

// checkGaps fails the test for any two requests to one host that arrived
// closer than delay.
func (s *sites) checkGaps(t testing.TB, delay time.Duration) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	shortest := time.Hour
	for host, at := range s.log {
		sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
		for i := 1; i < len(at); i++ {
			gap := at[i].Sub(at[i-1])
			shortest = min(shortest, gap)
			if gap < delay {
				t.Errorf("host %s: requests %d and %d came %s apart; per_host_delay is %s", host, i-1, i, gap, delay)
			}
		}
	}
	t.Logf("shortest gap between two requests to one host: %s", shortest)
}

// config writes a config with one job "sites" over every host and the
// frontier in redis.
func (s *sites) config(t testing.TB, dir, redisURL string, delay time.Duration, extra string) string {
	t.Helper()
	var seeds []string
	for _, srv := range s.servers {
		seeds = append(seeds, fmt.Sprintf("%q", srv.URL+"/"))
	}
	cfg := fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler:
  user_agent: "newsarchive-test/1.0"
  parallelism: 4
  per_host_delay: %s
  timeout: 10s
  retries: 1
  respect_robots: true
  frontier: %q
  lease_ttl: 5s
%sjobs:
  - name: sites
    seeds: [%s]
    max_depth: 1
    max_pages: 0
    articles: ['/news/\d+$']
`, delay, redisURL, extra, strings.Join(seeds, ", "))
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkArchived fails unless every article of every host is archived with
// exactly one version.
func (s *sites) checkArchived(t *testing.T, db string) {
	t.Helper()
	vs := versions(t, db)
	want := len(s.servers) * s.pages
	if len(vs) != want {
		t.Errorf("archived %d articles; want %d", len(vs), want)
	}
	for _, srv := range s.servers {
		for i := 1; i <= s.pages; i++ {
			k := fmt.Sprintf("%s/news/%d", srv.URL, i)
			if v := vs[k]; v != 1 {
				t.Errorf("%s has %d versions; want exactly 1", k, v)
			}
		}
	}
}
