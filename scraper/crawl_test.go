package scraper

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestCrawlFollowsLinksAndArchivesArticlesOnce(t *testing.T) {
	s := newSite(t)
	s.html("/", listPage("/news/1", "/news/2", "/news/3", "/about"))
	s.html("/about", listPage("/"))
	for _, n := range []string{"1", "2", "3"} {
		// every article links back to the index and to its siblings
		s.html("/news/"+n, articlePage("Story "+n, "", "/", "/news/1", "/news/2", "/news/3"))
	}
	rec := newRecorder()
	st, err := New(testOptions(s, rec, "/")).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	keys := rec.keys()
	for _, n := range []string{"1", "2", "3"} {
		if keys[s.u("/news/"+n)] != 1 {
			t.Errorf("/news/%s archived %d times; want 1 (keys %v)", n, keys[s.u("/news/"+n)], keys)
		}
		if s.hit("/news/"+n) != 1 {
			t.Errorf("/news/%s fetched %d times; want 1", n, s.hit("/news/"+n))
		}
	}
	if len(keys) != 3 {
		t.Errorf("archived %v; want the three articles only", keys)
	}
	if st.Pages != 5 || st.New != 3 || st.Listings != 2 || st.Errors != 0 {
		t.Errorf("stats = %+v; want 5 pages, 3 new, 2 listings, 0 errors", st)
	}
	if s.hit("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times; want 1 (cached)", s.hit("/robots.txt"))
	}
	s.checkUA()
}

func TestCrawlDepthAndPatterns(t *testing.T) {
	s := newSite(t)
	s.html("/", listPage("/list/a", "/about", "/news/1"))
	s.html("/about", listPage("/news/9"))
	s.html("/list/a", listPage("/list/b", "/news/2"))
	s.html("/list/b", listPage("/list/c", "/news/3"))
	s.html("/list/c", listPage("/news/4"))
	for _, n := range []string{"1", "2", "3", "4", "9"} {
		s.html("/news/"+n, articlePage("Story "+n, ""))
	}
	cases := []struct {
		name      string
		depth     int
		follow    []string
		articles  []string
		maxPages  int
		fetched   []string
		unfetched []string
		archived  int
	}{
		{name: "depth 0 is the seed only", depth: 0, fetched: []string{"/"}, unfetched: []string{"/list/a", "/news/1"}, archived: 0},
		{name: "depth 1", depth: 1, fetched: []string{"/", "/list/a", "/about", "/news/1"}, unfetched: []string{"/list/b", "/news/2", "/news/9"}, archived: 1},
		{name: "follow and articles patterns", depth: 5, follow: []string{`/list/`}, articles: []string{`/news/\d+$`},
			fetched: []string{"/", "/list/a", "/list/b", "/list/c", "/news/1", "/news/4"}, unfetched: []string{"/about", "/news/9"}, archived: 4},
		{name: "articles pattern decides what is archived", depth: 5, articles: []string{`/news/[12]$`},
			fetched: []string{"/news/3", "/news/9"}, archived: 2},
		{name: "max pages", depth: 5, maxPages: 3, archived: -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := map[string]int{}
			for _, p := range append(append([]string{}, c.fetched...), c.unfetched...) {
				before[p] = s.hit(p)
			}
			rec := newRecorder()
			o := testOptions(s, rec, "/")
			o.MaxDepth = c.depth
			o.Follow = res(c.follow...)
			o.Articles = res(c.articles...)
			o.MaxPages = c.maxPages
			st, err := New(o).Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range c.fetched {
				if s.hit(p) == before[p] {
					t.Errorf("%s not fetched", p)
				}
			}
			for _, p := range c.unfetched {
				if s.hit(p) != before[p] {
					t.Errorf("%s fetched; should not be", p)
				}
			}
			if c.archived >= 0 && len(rec.keys()) != c.archived {
				t.Errorf("archived %v; want %d articles", rec.keys(), c.archived)
			}
			if c.maxPages > 0 && st.Pages != c.maxPages {
				t.Errorf("pages = %d; want the budget %d", st.Pages, c.maxPages)
			}
		})
	}
}

func TestCrawlCancelThenResume(t *testing.T) {
	s := newSite(t)
	var links []string
	for i := range 40 {
		p := "/news/" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		links = append(links, p)
		s.route(p, func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(5 * time.Millisecond)
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(articlePage("Story "+p, "")))
		})
	}
	s.html("/", listPage(links...))
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	o.Articles = res(`/news/`)
	ctx, cancel := context.WithCancel(context.Background())
	rec.onRecord = func(n int) {
		if n == 10 {
			cancel()
		}
	}
	start := time.Now()
	st1, err := New(o).Run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: err = %v; want context.Canceled", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancelled run took %s to stop", d)
	}
	if n := len(rec.keys()); n < 10 || n >= 40 {
		t.Fatalf("first run archived %d; want 10..39 (stopped mid-way)", n)
	}
	rec.onRecord = nil
	st2, err := New(o).Run(context.Background()) // same State: resumes
	if err != nil {
		t.Fatal(err)
	}
	if !st2.Resumed {
		t.Error("second run did not resume")
	}
	if s.hit("/") != 1 {
		t.Errorf("index fetched %d times; a resumed run must not start over", s.hit("/"))
	}
	keys := rec.keys()
	if len(keys) != 40 {
		t.Errorf("archived %d distinct articles over two runs; want 40", len(keys))
	}
	for k, n := range keys {
		if n != 1 {
			t.Errorf("%s archived %d times", k, n)
		}
	}
	t.Logf("run 1: %+v; run 2: %+v", st1, st2)

	// A third run after a completed one starts afresh.
	st3, err := New(o).Run(context.Background())
	if err != nil || st3.Resumed || s.hit("/") != 2 {
		t.Errorf("third run: resumed=%v err=%v index hits=%d; want a fresh run", st3.Resumed, err, s.hit("/"))
	}
}
