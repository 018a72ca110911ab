package scraper

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"newsarchive/frontier"
)

func TestTrackingDuplicatesAndCanonicalArchivedOnce(t *testing.T) {
	s := newSite(t)
	s.html("/", listPage(
		"/a/1?utm_source=home&utm_medium=web", "/a/1?spm=1.2.3", "/A/../a/1#comments", "/a/1",
		"/a/2?print=1", "/a/2",
	))
	s.html("/a/1", articlePage("One", ""))
	// /a/2?print=1 is the same article; its canonical link says so
	s.html("/a/2", articlePage("Two", s.u("/a/2")))
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	o.Articles = res(`/a/\d`)
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.hit("/a/1") != 1 {
		t.Errorf("/a/1 fetched %d times; tracking variants should normalise to one URL", s.hit("/a/1"))
	}
	if s.hit("/a/2") != 2 {
		t.Errorf("/a/2 fetched %d times; want 2 (two distinct URLs)", s.hit("/a/2"))
	}
	keys := rec.keys()
	want := map[string]int{s.u("/a/1"): 1, s.u("/a/2"): 1}
	if fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Errorf("archived %v; want %v", keys, want)
	}
	if st.New != 2 || st.Skipped != 1 {
		t.Errorf("stats %+v; want 2 new and 1 skipped duplicate", st)
	}
}

func TestConditionalGet(t *testing.T) {
	s := newSite(t)
	lastMod := time.Date(2024, 9, 5, 8, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	var mu sync.Mutex
	var condHeaders []string
	record := func(r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if v := r.Header.Get("If-None-Match") + r.Header.Get("If-Modified-Since"); v != "" {
			condHeaders = append(condHeaders, r.URL.Path+" "+v)
		}
	}
	s.route("/e/etag", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, articlePage("ETag story", ""))
	})
	s.route("/e/lastmod", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, articlePage("Last-Modified story", ""))
	})
	s.route("/e/plain", func(w http.ResponseWriter, r *http.Request) {
		record(r)
		io.WriteString(w, articlePage("Plain story", ""))
	})
	s.html("/", listPage("/e/etag", "/e/lastmod", "/e/plain"))
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	o.Articles = res(`/e/`)

	st1, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st2, err := New(o).Run(context.Background()) // same State: validators remembered
	if err != nil {
		t.Fatal(err)
	}
	if st1.New != 3 || st1.Unchanged != 0 {
		t.Errorf("first run %+v; want 3 new", st1)
	}
	if st2.Unchanged < 2 || st2.Pages != 4 {
		t.Errorf("second run %+v; want the two 304s counted unchanged among 4 pages", st2)
	}
	sort.Strings(rec.notMod)
	if fmt.Sprint(rec.notMod) != fmt.Sprint([]string{s.u("/e/etag"), s.u("/e/lastmod")}) {
		t.Errorf("sink got 304 pages %v; want etag and lastmod", rec.notMod)
	}
	mu.Lock()
	defer mu.Unlock()
	sort.Strings(condHeaders)
	want := []string{`/e/etag "v1"`, "/e/lastmod " + lastMod}
	if fmt.Sprint(condHeaders) != fmt.Sprint(want) {
		t.Errorf("conditional headers sent: %q; want %q", condHeaders, want)
	}
}

func gz(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSitemapsAndFeeds(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	lastmod2 := "2020-01-01T10:00:00Z"
	s.route("/sitemap_index.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>%s</loc></sitemap>
  <sitemap><loc>/sitemap-b.xml</loc><lastmod>2020-01-01</lastmod></sitemap>
  <sitemap><loc>http://elsewhere.example/sitemap.xml</loc></sitemap>
</sitemapindex>`, s.u("/sitemap-a.xml.gz"))
	})
	s.route("/sitemap-a.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		lm := lastmod2
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(gz(t, []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>%[1]s/s/1</loc><lastmod>2020-01-01</lastmod></url>
  <url><loc>%[1]s/s/2?utm_campaign=sitemap</loc><lastmod>%[2]s</lastmod></url>
  <url><loc>%[1]s/s/3</loc></url>
</urlset>`, s.URL, lm))))
	})
	s.route("/sitemap-b.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/s/4</loc></url></urlset>`, s.URL)
	})
	s.route("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>F1</title><link>%[1]s/f/1</link><pubDate>Thu, 05 Sep 2024 08:56:39 +0800</pubDate></item>
<item><title>F2</title><link>%[1]s/f/2</link></item>
</channel></rss>`, s.URL)
	})
	// a page announcing an Atom feed
	s.html("/home", `<html><head><title>Home</title><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><p>Welcome</p></body></html>`)
	s.route("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>F3</title><link href="%s/f/3"/><id>f3</id><updated>2024-09-05T00:56:39Z</updated></entry></feed>`, s.URL)
	})
	for _, p := range []string{"/s/1", "/s/2", "/s/3", "/s/4", "/f/1", "/f/2", "/f/3"} {
		s.html(p, articlePage("Story "+p, ""))
	}
	rec := newRecorder()
	o := testOptions(s, rec, "/sitemap_index.xml", "/feed.rss", "/home")
	o.MaxDepth = 1 // the announced feed is one hop from /home; listed URLs keep the list's depth
	o.Articles = res(`/[sf]/\d`)
	if _, err := New(o).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	all := []string{"/s/1", "/s/2", "/s/3", "/s/4", "/f/1", "/f/2", "/f/3"}
	for _, p := range all {
		if rec.keys()[s.u(p)] != 1 {
			t.Errorf("%s not archived once: %v", p, rec.keys())
		}
	}

	// Second run: URLs whose lastmod is older than their last fetch are
	// skipped; a newer lastmod is fetched again; no date, fetched again.
	mu.Lock()
	lastmod2 = time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	mu.Unlock()
	before := map[string]int{}
	for _, p := range all {
		before[p] = s.hit(p)
	}
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]int{"/s/1": 0, "/s/2": 1, "/s/3": 1, "/s/4": 1, "/f/1": 0, "/f/2": 1, "/f/3": 0} {
		if got := s.hit(p) - before[p]; got != want {
			t.Errorf("second run fetched %s %d times; want %d", p, got, want)
		}
	}
	// The 3 articles skipped by date count as unchanged, with the 4 that
	// were fetched again and found the same.
	if st.Unchanged != 7 || st.Skipped != 0 {
		t.Errorf("second run: unchanged %d, skipped %d; want 7 and 0 (%+v)", st.Unchanged, st.Skipped, st)
	}
}

func TestUnchangedSince(t *testing.T) {
	fetched := time.Date(2024, 9, 5, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		lastmod string
		want    bool
	}{
		{"", false},
		{"garbage", false},
		{"2024-09-05T11:00:00Z", true},
		{"2024-09-05T13:00:00Z", false},
		{"2024-09-05T20:00:00+08:00", true},
		{"2024-09-04", true},
		{"2024-09-05", false}, // a bare date could be later that day
	}
	for _, c := range cases {
		t.Run(c.lastmod, func(t *testing.T) {
			if got := unchangedSince(c.lastmod, fetched); got != c.want {
				t.Errorf("unchangedSince(%q) = %v; want %v", c.lastmod, got, c.want)
			}
		})
	}
	if unchangedSince("2020-01-01", time.Time{}) {
		t.Error("never fetched must not count as unchanged")
	}
}

func TestSniffDoc(t *testing.T) {
	cases := []struct {
		name string
		body string
		gzip bool
		want frontier.Kind
	}{
		{"urlset", `<?xml version="1.0"?><urlset></urlset>`, false, frontier.KindSitemap},
		{"gzipped index", `<sitemapindex></sitemapindex>`, true, frontier.KindSitemap},
		{"rss", `<?xml version="1.0"?><!-- c --><rss version="2.0"></rss>`, false, frontier.KindFeed},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, false, frontier.KindFeed},
		{"html", `<!DOCTYPE html><html><body>x</body></html>`, false, frontier.KindPage},
		{"gbk xml", `<?xml version="1.0" encoding="gbk"?><urlset></urlset>`, false, frontier.KindSitemap},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := []byte(c.body)
			if c.gzip {
				b = gz(t, b)
			}
			k, _, err := sniffDoc(b)
			if err != nil || k != c.want {
				t.Errorf("sniffDoc = %v, %v; want %v", k, err, c.want)
			}
		})
	}
}

func TestSeedsAreNeverConditional(t *testing.T) {
	s := newSite(t)
	var conditional atomic.Int32
	s.route("/story", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"s1"`)
		io.WriteString(w, articlePage("Seed story", "", "/next"))
	})
	s.html("/next", articlePage("Next story", ""))
	rec := newRecorder()
	o := testOptions(s, rec, "/story")
	for range 2 {
		if _, err := New(o).Run(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if conditional.Load() != 0 {
		t.Error("a seed was fetched conditionally; a 304 would hide its links")
	}
	if s.hit("/next") != 2 {
		t.Errorf("/next fetched %d times; want once per run", s.hit("/next"))
	}
}

func TestGzipBombSitemapIsCapped(t *testing.T) {
	old := maxDocBytes
	maxDocBytes = 1 << 20
	t.Cleanup(func() { maxDocBytes = old })
	var raw bytes.Buffer
	raw.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	raw.WriteString(strings.Repeat("<!-- padding padding padding -->", 80_000)) // ~2.5 MB inflated
	raw.WriteString(`</urlset>`)
	bomb := gz(t, raw.Bytes())
	s := newSite(t)
	s.route("/sitemap.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(bomb)
	})
	o := testOptions(s, newRecorder(), "/sitemap.xml.gz")
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Errors != 1 {
		t.Errorf("stats %+v; want the oversized sitemap counted as an error", st)
	}
}
