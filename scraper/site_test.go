package scraper

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/frontier"
)

// testUA is the User-Agent the test crawler sends; the site checks it on
// every request.
const testUA = "newsarchive-test/1.0 (+https://example.invalid/bot)"

// site is a loopback news site whose handlers the tests set per path. It
// counts hits per path and records requests that lacked the User-Agent.
type site struct {
	*httptest.Server
	t      *testing.T
	mu     sync.Mutex
	routes map[string]http.HandlerFunc
	hits   map[string]int
	times  map[string][]time.Time
	badUA  []string
}

func newSite(t *testing.T) *site {
	s := &site{t: t, routes: map[string]http.HandlerFunc{}, hits: map[string]int{}, times: map[string][]time.Time{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	s.robots("") // allow all by default
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.times[r.URL.Path] = append(s.times[r.URL.Path], time.Now())
	if r.Header.Get("User-Agent") != testUA {
		s.badUA = append(s.badUA, key+" UA="+r.Header.Get("User-Agent"))
	}
	h, ok := s.routes[key]
	if !ok {
		h, ok = s.routes[r.URL.Path]
	}
	for p, ph := range s.routes { // "/dir/" routes serve a whole subtree
		if !ok && strings.HasSuffix(p, "/") && p != "/" && strings.HasPrefix(r.URL.Path, p) {
			h, ok = ph, true
		}
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

func (s *site) route(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// html serves a fixed UTF-8 page.
func (s *site) html(path, body string) {
	s.route(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	})
}

func (s *site) robots(body string) {
	s.route("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, body)
	})
}

func (s *site) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) checkUA() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.badUA) > 0 {
		s.t.Errorf("requests without the configured User-Agent: %v", s.badUA)
	}
}

// u returns the absolute URL of path on the site.
func (s *site) u(path string) string { return s.URL + path }

// articlePage is an unmistakable news article: JSON-LD NewsArticle, a
// date, a byline and enough body text; links go in a related block.
func articlePage(title, canonical string, links ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>")
	if canonical != "" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s">`, canonical)
	}
	fmt.Fprintf(&b, `<meta property="og:type" content="article"><script type="application/ld+json">{"@type":"NewsArticle","headline":%q,"datePublished":"2024-09-05T08:56:39+08:00"}</script>`, title)
	b.WriteString("</head><body><article><h1>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</h1><p class=\"date\">2024-09-05 08:56</p>")
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, "<p>%s paragraph %d tells the story of the day with enough words to be a real article body, not a teaser or a caption.</p>", html.EscapeString(title), i)
	}
	b.WriteString("</article><div class=\"related\"><ul>")
	for _, l := range links {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, l, l)
	}
	b.WriteString("</ul></div></body></html>")
	return b.String()
}

// listPage is an index page: a list of links and no article.
func listPage(links ...string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>News index</title></head><body><ul>")
	for _, l := range links {
		fmt.Fprintf(&b, `<li><a href="%s">Story at %s</a></li>`, l, l)
	}
	b.WriteString("</ul></body></html>")
	return b.String()
}

// recorder is a Sink that keeps what it was given.
type recorder struct {
	mu       sync.Mutex
	byKey    map[string]int
	titles   map[string]string
	pages    []*Page
	notMod   []string
	outcome  func(key string, n int) Outcome
	onRecord func(n int)
}

func newRecorder() *recorder {
	return &recorder{byKey: map[string]int{}, titles: map[string]string{}}
}

func (r *recorder) Archive(ctx context.Context, p *Page, a *article.Article) (Outcome, error) {
	r.mu.Lock()
	if p.NotModified {
		r.notMod = append(r.notMod, p.URL)
		r.mu.Unlock()
		return Unchanged, nil
	}
	r.byKey[p.Key]++
	r.titles[p.Key] = a.Title
	r.pages = append(r.pages, p)
	n := len(r.pages)
	out := Created
	if r.byKey[p.Key] > 1 {
		out = Unchanged
	}
	cb := r.onRecord
	r.mu.Unlock()
	if cb != nil {
		cb(n)
	}
	return out, nil
}

func (r *recorder) keys() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.byKey {
		out[k] = v
	}
	return out
}

// testOptions are fast settings for a crawl of s: short timeouts and
// backoff, robots on, MemState, a recorder.
func testOptions(s *site, rec *recorder, seeds ...string) Options {
	for i, sd := range seeds {
		if strings.HasPrefix(sd, "/") {
			seeds[i] = s.u(sd)
		}
	}
	return Options{
		UserAgent:    testUA,
		Parallelism:  4,
		Timeout:      2 * time.Second,
		MaxBodyBytes: 1 << 20,
		Retries:      2,
		Backoff:      5 * time.Millisecond,
		PerHostDelay: NoDelay,
		Seeds:        seeds,
		Hosts:        []string{"127.0.0.1"},
		MaxDepth:     3,
		State:        frontier.NewMemState(),
		Sink:         rec,
		Log:          testLog(),
	}
}

func testLog() *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func res(patterns ...string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, p := range patterns {
		out = append(out, regexp.MustCompile(p))
	}
	return out
}
