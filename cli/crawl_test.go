package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsarchive/store"
)

// newsSite is a loopback news site for the command tests: an index linking
// n articles at /news/<i>, each with an ETag. Article bodies can be changed
// and slowed down; hits are counted per path.
type newsSite struct {
	*httptest.Server
	mu      sync.Mutex
	n       int
	edition map[int]int // article → edition (changes its text and ETag)
	hits    map[string]int
	delay   time.Duration
	served  atomic.Int64 // article pages served with 200
	onServe func(n int64)
}

func newNewsSite(t testing.TB, n int) *newsSite {
	s := &newsSite{n: n, edition: map[int]int{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	delay, cb := s.delay, s.onServe
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	case r.URL.Path == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Index</title></head><body><ul>")
		for i := 1; i <= s.n; i++ {
			fmt.Fprintf(w, `<li><a href="/news/%d?utm_source=index">Story %d</a></li>`, i, i)
		}
		io.WriteString(w, `<li><a href="/private/x">private</a></li></ul></body></html>`)
	case strings.HasPrefix(r.URL.Path, "/news/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d", &i); err != nil || i < 1 || i > s.n {
			http.NotFound(w, r)
			return
		}
		if delay > 0 {
			time.Sleep(delay)
		}
		s.mu.Lock()
		ed := s.edition[i]
		s.mu.Unlock()
		etag := fmt.Sprintf(`"a%d-e%d"`, i, ed)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, newsArticle(s.URL, i, ed))
		n := s.served.Add(1)
		if cb != nil {
			cb(n)
		}
	default:
		http.NotFound(w, r)
	}
}

// set changes the site's settings under its lock (handlers read them
// concurrently, some on behalf of a child process).
func (s *newsSite) set(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

func (s *newsSite) setEdition(i, ed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.edition[i] = ed
}

func (s *newsSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// newsArticle is article i in edition ed: a NewsArticle with a canonical
// link, a date and a body of about 15 KB.
func newsArticle(base string, i, ed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d</title>
<link rel="canonical" href="%s/news/%d">
<meta property="og:type" content="article">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Story %d","datePublished":"2024-09-05T08:56:39+08:00","author":{"@type":"Person","name":"Reporter %d"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Story %d</h1><p class="byline">By Reporter %d, 2024-09-05 08:56</p>`, i, base, i, i, i%7, i, i%7)
	for p := 0; b.Len() < 15000; p++ {
		fmt.Fprintf(&b, "<p>Edition %d of story %d, paragraph %d: the council met on Tuesday and agreed the harbour works would go ahead after a long public consultation that drew hundreds of replies.</p>\n", ed, i, p)
	}
	b.WriteString(`</article><footer><a href="/">Home</a></footer></body></html>`)
	return b.String()
}

// writeConfig writes a config for s with one job "news" and returns its path.
func writeConfig(t testing.TB, dir string, s *newsSite, extra string) string {
	t.Helper()
	cfg := fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler:
  user_agent: "newsarchive-test/1.0"
  parallelism: 4
  per_host_delay: 0s
  timeout: 5s
  max_body_bytes: 1048576
  retries: 1
  respect_robots: true
jobs:
  - name: news
    seeds: ["%s/"]
    max_depth: 1
    max_pages: 0
    articles: ['/news/\d+$']
%s`, s.URL, extra)
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// run executes the command line and returns stdout, stderr and the code.
func run(ctx context.Context, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	code := Execute(ctx, args, &out, &errb)
	return out.String(), errb.String(), code
}

func openRO(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true, LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// versions returns the number of versions of every article in the archive.
func versions(t *testing.T, dbPath string) map[string]int {
	t.Helper()
	st := openRO(t, dbPath)
	out := map[string]int{}
	if err := st.List(func(s store.Summary) error { out[s.Key] = s.Versions; return nil }); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return out
}

func TestFetchArchivesVersions(t *testing.T) {
	s := newNewsSite(t, 3)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")
	fetch := func(extra ...string) map[string]any {
		t.Helper()
		args := append([]string{"--config", cfg, "fetch"}, extra...)
		args = append(args, s.URL+"/news/2?utm_medium=x")
		out, errs, code := run(context.Background(), args...)
		if code != 0 {
			t.Fatalf("fetch: code %d: %s", code, errs)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil || strings.Count(out, "\n") != 1 {
			t.Fatalf("fetch printed %q: %v", out, err)
		}
		return m
	}
	cases := []struct {
		name        string
		edition     int
		noStore     bool
		wantVersion float64
	}{
		{"first fetch is version 1", 0, false, 1},
		{"same content stays version 1", 0, false, 1},
		{"changed content is version 2", 1, false, 2},
		{"no-store prints without archiving", 2, true, 0},
		{"the archive did not see the no-store fetch", 1, false, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s.setEdition(2, c.edition)
			var m map[string]any
			if c.noStore {
				m = fetch("--no-store")
			} else {
				m = fetch()
			}
			v, _ := m["version"].(float64)
			if v != c.wantVersion {
				t.Errorf("version = %v; want %v (%v)", m["version"], c.wantVersion, m)
			}
			if m["url"] != s.URL+"/news/2" || m["title"] != "Story 2" {
				t.Errorf("url, title = %v, %v", m["url"], m["title"])
			}
			if !c.noStore && (m["content_hash"] == "" || m["first_seen"] == nil || m["http_status"] != float64(200)) {
				t.Errorf("archive fields missing: %v", m)
			}
		})
	}
	if vs := versions(t, db); len(vs) != 1 || vs[s.URL+"/news/2"] != 2 {
		t.Errorf("archive = %v; want news/2 with 2 versions", vs)
	}
}

func TestFetchErrors(t *testing.T) {
	s := newNewsSite(t, 1)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	cases := []struct {
		name, url, want string
	}{
		{"not found", s.URL + "/news/99", "404"},
		{"robots", s.URL + "/private/x", "robots.txt"},
		{"not a URL", "ftp://example.com/x", "http"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := run(context.Background(), "--config", cfg, "fetch", "--no-store", s.URL+"/news/1", c.url)
			if code == 0 || !strings.Contains(errs, c.want) {
				t.Errorf("code %d, stderr %q; want failure mentioning %q", code, errs, c.want)
			}
			if strings.Count(out, "\n") != 1 {
				t.Errorf("the good URL should still print one line; got %q", out)
			}
		})
	}
}

func TestCrawlJobThenConditionalRecrawl(t *testing.T) {
	s := newNewsSite(t, 6)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")

	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "news")
	if code != 0 {
		t.Fatalf("crawl: %d %s", code, errs)
	}
	if !strings.Contains(errs, "crawl news: 7 pages fetched; articles 6 new, 0 changed, 0 unchanged; 0 errors") {
		t.Errorf("summary: %s", errs)
	}
	if s.hit("/private/x") != 0 {
		t.Error("robots.txt disallow ignored")
	}
	s.setEdition(3, 1)
	_, errs, code = run(context.Background(), "--config", cfg, "crawl")
	if code != 0 {
		t.Fatalf("recrawl: %d %s", code, errs)
	}
	// five 304s and one changed article
	if !strings.Contains(errs, "articles 0 new, 1 changed, 5 unchanged; 0 errors") {
		t.Errorf("recrawl summary: %s", errs)
	}
	vs := versions(t, db)
	for i := 1; i <= 6; i++ {
		want := 1
		if i == 3 {
			want = 2
		}
		if got := vs[fmt.Sprintf("%s/news/%d", s.URL, i)]; got != want {
			t.Errorf("news/%d has %d versions; want %d", i, got, want)
		}
	}
	st := openRO(t, db)
	runs, err := st.Runs("news", 0)
	if err != nil || len(runs) != 2 || runs[0].Changed != 1 || runs[1].New != 6 {
		t.Errorf("runs = %+v, %v; want two runs recorded, newest first", runs, err)
	}
}

func TestCrawlSelection(t *testing.T) {
	s := newNewsSite(t, 2)
	dir := t.TempDir()
	cases := []struct {
		name   string
		config string // "" = a config with the job "news"; "none" = no jobs
		args   []string
		code   int
		want   string
	}{
		{"unknown job", "", []string{"--job", "nope"}, ExitUsage, `no job named "nope"`},
		{"no jobs and no seed", "none", nil, ExitUsage, "no jobs configured"},
		{"ad-hoc seed", "none", []string{"--seed", s.URL + "/"}, 0, `crawl adhoc-[0-9a-f]{8}: 3 pages fetched; articles 2 new`},
		{"bad seed", "none", []string{"--seed", "mailto:x@example.com"}, ExitUsage, "--seed"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := filepath.Join(dir, fmt.Sprint(i))
			os.MkdirAll(d, 0o755)
			var cfg string
			if c.config == "none" {
				cfg = filepath.Join(d, "config.yaml")
				os.WriteFile(cfg, []byte("store: {path: archive.db}\ncrawler: {per_host_delay: 0s}\n"), 0o644)
			} else {
				cfg = writeConfig(t, d, s, "")
			}
			_, errs, code := run(context.Background(), append([]string{"--config", cfg, "crawl"}, c.args...)...)
			if code != c.code || !regexp.MustCompile(c.want).MatchString(errs) {
				t.Errorf("code %d stderr %q; want code %d mentioning %q", code, errs, c.code, c.want)
			}
		})
	}
}

func TestCrawlInterruptedThenResumed(t *testing.T) {
	s := newNewsSite(t, 40)
	s.set(func() { s.delay = 5 * time.Millisecond })
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")
	ctx, cancel := context.WithCancel(context.Background())
	s.set(func() {
		s.onServe = func(n int64) {
			if n == 12 {
				cancel()
			}
		}
	})
	_, errs, code := run(ctx, "--config", cfg, "crawl")
	if code != ExitInterrupted || !strings.Contains(errs, "interrupted") {
		t.Fatalf("interrupted crawl: code %d, stderr %s", code, errs)
	}
	if n := len(versions(t, db)); n >= 40 {
		t.Fatalf("interrupted crawl archived all %d articles; want it stopped mid-way", n)
	}
	s.set(func() { s.onServe = nil })
	_, errs, code = run(context.Background(), "--config", cfg, "crawl")
	if code != 0 {
		t.Fatalf("resumed crawl: %d %s", code, errs)
	}
	checkAllOnce(t, db, s, 40)
}

// checkAllOnce asserts every article is archived with one version and the
// index was fetched once (the second crawl resumed, not restarted).
func checkAllOnce(t *testing.T, db string, s *newsSite, n int) {
	t.Helper()
	vs := versions(t, db)
	if len(vs) != n {
		t.Errorf("archived %d articles; want %d", len(vs), n)
	}
	for k, v := range vs {
		if v != 1 {
			t.Errorf("%s has %d versions; want 1", k, v)
		}
	}
	if h := s.hit("/"); h != 1 {
		t.Errorf("index fetched %d times; the resumed crawl should continue, not restart", h)
	}
}

// TestHelperCrawlProcess is the child of TestCrawlKilledThenResumed: it runs
// the command line given in NEWSARCHIVE_HELPER_ARGS and exits.
func TestHelperCrawlProcess(t *testing.T) {
	args := os.Getenv("NEWSARCHIVE_HELPER_ARGS")
	if args == "" {
		t.Skip("helper process only")
	}
	os.Exit(Execute(context.Background(), strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

func TestCrawlKilledThenResumed(t *testing.T) {
	s := newNewsSite(t, 100)
	s.set(func() { s.delay = 10 * time.Millisecond })
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")
	reached := make(chan struct{})
	var once sync.Once
	s.set(func() {
		s.onServe = func(n int64) {
			if n == 20 {
				once.Do(func() { close(reached) })
			}
		}
	})
	killCrawl(t, cfg, reached)
	s.set(func() { s.onServe = nil })
	before := len(versions(t, db))
	if before >= 100 {
		t.Fatalf("killed crawl archived everything (%d); the test did not kill it mid-way", before)
	}
	_, errs, code := run(context.Background(), "--config", cfg, "crawl")
	if code != 0 {
		t.Fatalf("crawl after kill -9: %d %s", code, errs)
	}
	t.Logf("archived before kill: %d; after resume: %s", before, strings.TrimSpace(errs[strings.LastIndex(errs, "crawl news:"):]))
	checkAllOnce(t, db, s, 100)
}

func TestCrawlFreshStartsOver(t *testing.T) {
	s := newNewsSite(t, 20)
	s.set(func() { s.delay = 5 * time.Millisecond })
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")
	ctx, cancel := context.WithCancel(context.Background())
	s.set(func() {
		s.onServe = func(n int64) {
			if n == 5 {
				cancel()
			}
		}
	})
	if _, errs, code := run(ctx, "--config", cfg, "crawl"); code == 0 {
		t.Fatalf("crawl was not interrupted: %s", errs)
	}
	s.set(func() { s.onServe = nil })
	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--fresh")
	if code != 0 {
		t.Fatalf("crawl --fresh: %d %s", code, errs)
	}
	if h := s.hit("/"); h != 2 {
		t.Errorf("index fetched %d times; --fresh should start over from the seeds", h)
	}
	vs := versions(t, db)
	if len(vs) != 20 {
		t.Errorf("archived %d articles; want 20", len(vs))
	}
	for k, v := range vs {
		if v != 1 {
			t.Errorf("%s has %d versions; want 1", k, v)
		}
	}
}
