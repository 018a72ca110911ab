package scraper

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"newsarchive/frontier"
)

func TestKeySetIsBounded(t *testing.T) {
	s := newKeySet(10) // two generations of 5
	for i := range 5 {
		if !s.claim(fmt.Sprint(i)) {
			t.Fatalf("fresh key %d refused", i)
		}
	}
	if s.claim("3") {
		t.Error("a claimed key was claimed again")
	}
	for i := 5; i < 10; i++ {
		s.claim(fmt.Sprint(i))
	}
	if s.claim("4") {
		t.Error("a key of the old generation was forgotten too early")
	}
	for i := 10; i < 20; i++ {
		s.claim(fmt.Sprint(i))
	}
	if len(s.young)+len(s.old) > 10 {
		t.Errorf("holds %d keys; bound is 10", len(s.young)+len(s.old))
	}
	if !s.claim("0") {
		t.Error("the oldest key should have been forgotten")
	}
	s.release("19")
	if !s.claim("19") {
		t.Error("a released key should be claimable")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 9, 5, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		value string
		want  time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{"0", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"soon", 0},
	}
	for _, c := range cases {
		t.Run(c.value, func(t *testing.T) {
			h := http.Header{}
			h.Set("Retry-After", c.value)
			if got := retryAfter(h, now); got != c.want {
				t.Errorf("retryAfter(%q) = %s; want %s", c.value, got, c.want)
			}
		})
	}
}

func TestKindHintAndReadable(t *testing.T) {
	hints := map[string]frontier.Kind{
		"https://x.example/sitemap.xml":        frontier.KindSitemap,
		"https://x.example/sitemap_index.xml":  frontier.KindSitemap,
		"https://x.example/news/feed/":         frontier.KindFeed,
		"https://x.example/rss.xml":            frontier.KindFeed,
		"https://x.example/news/123.html":      frontier.KindPage,
		"https://x.example/feedback?x=rss.xml": frontier.KindPage,
	}
	for u, want := range hints {
		if got := kindHint(u); got != want {
			t.Errorf("kindHint(%s) = %v; want %v", u, got, want)
		}
	}
	types := map[string]bool{
		"text/html; charset=gbk": true, "": true, "application/xml": true, "application/x-gzip": true,
		"application/pdf": false, "image/jpeg": false, "video/mp4": false, "application/zip": false,
	}
	for ct, want := range types {
		if got := readable(ct, frontier.KindPage); got != want {
			t.Errorf("readable(%q) = %v; want %v", ct, got, want)
		}
	}
}

// countingState counts Push calls and the URLs in them.
type countingState struct {
	*frontier.MemState
	mu           sync.Mutex
	calls, items int
}

func (c *countingState) Push(reqs []frontier.Request) (int, error) {
	c.mu.Lock()
	c.calls++
	c.items += len(reqs)
	c.mu.Unlock()
	return c.MemState.Push(reqs)
}

func TestPushSkipsURLsAlreadyPushed(t *testing.T) {
	s := newSite(t)
	s.html("/", listPage("/a", "/b", "/c"))
	for _, p := range []string{"/a", "/b", "/c"} {
		s.html(p, articlePage("Story "+p, "", "/", "/a", "/b", "/c")) // site navigation
	}
	st := &countingState{MemState: frontier.NewMemState()}
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	o.State = st
	cr := New(o)
	if _, err := cr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.calls != 2 || st.items != 4 {
		t.Errorf("Push called %d times with %d URLs; want 2 calls (seeds, index links) with 4 URLs", st.calls, st.items)
	}
	if len(rec.keys()) != 3 {
		t.Errorf("archived %v", rec.keys())
	}
	// A second run of the same Crawler starts afresh: neither its pushes
	// nor its archives are suppressed by the first run's.
	st.calls, st.items = 0, 0
	if _, err := cr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.calls != 2 {
		t.Errorf("second run: Push called %d times; want 2", st.calls)
	}
	for k, n := range rec.keys() {
		if n != 2 {
			t.Errorf("%s archived %d times over two runs; want 2", k, n)
		}
	}
}
