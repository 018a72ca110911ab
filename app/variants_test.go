package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/scraper"
	"newsarchive/store"
)

const site = "http://news.test"

func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// page is a fetch of path keyed by its own URL (no canonical link), with
// the text text.
func page(path, text string) (*scraper.Page, *article.Article) {
	u := site + path
	return &scraper.Page{URL: u, FinalURL: u, Key: u, Status: 200, Raw: []byte("<html>" + text + "</html>"), FetchedAt: time.Now()},
		&article.Article{URL: u, Title: "Harbour works approved", Text: text}
}

// archiveAll archives the pages in order, one archiver per run (a nil
// entry starts a new run), and returns the outcomes.
func archiveAll(t *testing.T, st *store.Store, fetches []string) []scraper.Outcome {
	t.Helper()
	var outs []scraper.Outcome
	arch := newArchiver(st, nil)
	for _, f := range fetches {
		if f == "" {
			arch = newArchiver(st, nil)
			continue
		}
		path, text := f, "The council agreed the works."
		if i := len(f) - len("#other"); i > 0 && f[i:] == "#other" {
			path, text = f[:i], "Another story: "+f[:i]
		}
		p, a := page(path, text)
		out, err := arch.Archive(context.Background(), p, a)
		if err != nil {
			t.Fatalf("archive %s: %v", f, err)
		}
		outs = append(outs, out)
	}
	return outs
}

func keysOf(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	got := map[string]int{}
	if err := st.List(func(s store.Summary) error { got[s.Key] = s.Versions; return nil }); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestVariantsOneKey archives URL variants in different orders and runs
// ("" starts a new run; "#other" gives the page content of its own).
func TestVariantsOneKey(t *testing.T) {
	cases := []struct {
		name    string
		fetches []string
		want    map[string]int    // key → versions
		resolve map[string]string // URL → key
		outs    []scraper.Outcome
	}{
		{name: "variants of a page after it",
			fetches: []string{"/s", "/s?term=a", "/s?c_src=x&campaign=y"},
			want:    map[string]int{"/s": 1}, resolve: map[string]string{"/s?term=a": "/s", "/s?c_src=x&campaign=y": "/s"},
			outs: []scraper.Outcome{scraper.Created, scraper.Skipped, scraper.Skipped}},
		{name: "a variant first: it is the key, the page its alias",
			fetches: []string{"/s?term=a", "/s"},
			want:    map[string]int{"/s?term=a": 1}, resolve: map[string]string{"/s": "/s?term=a"},
			outs: []scraper.Outcome{scraper.Created, scraper.Skipped}},
		{name: "siblings without the page itself",
			fetches: []string{"/s?term=a", "/s?term=b"},
			want:    map[string]int{"/s?term=a": 1}, resolve: map[string]string{"/s?term=b": "/s?term=a"}},
		{name: "next run, the other order",
			fetches: []string{"/s?term=a", "/s", "", "/s", "/s?term=c", "/s?term=a"},
			want:    map[string]int{"/s?term=a": 1}, resolve: map[string]string{"/s": "/s?term=a", "/s?term=c": "/s?term=a"},
			outs: []scraper.Outcome{scraper.Created, scraper.Skipped, scraper.Unchanged, scraper.Skipped, scraper.Unchanged}},
		{name: "next run, a new variant of a page not fetched again",
			fetches: []string{"/s", "", "/s?term=z"},
			want:    map[string]int{"/s": 1}, resolve: map[string]string{"/s?term=z": "/s"},
			outs: []scraper.Outcome{scraper.Created, scraper.Unchanged}},
		{name: "a variant with other content is its own article",
			fetches: []string{"/s", "/s?term=a", "/s?id=2#other"},
			want:    map[string]int{"/s": 1, "/s?id=2": 1}, resolve: map[string]string{"/s?term=a": "/s", "/s?id=2": "/s?id=2"}},
		{name: "an alias whose content later differs becomes its own article",
			fetches: []string{"/s", "/s?term=a", "", "/s", "/s?term=a#other"},
			want:    map[string]int{"/s": 1, "/s?term=a": 1}, resolve: map[string]string{"/s?term=a": "/s?term=a"},
			outs: []scraper.Outcome{scraper.Created, scraper.Skipped, scraper.Unchanged, scraper.Created}},
		{name: "the same content under another path is not a variant",
			fetches: []string{"/s", "/t?term=a"},
			want:    map[string]int{"/s": 1, "/t?term=a": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openTestStore(t)
			outs := archiveAll(t, st, c.fetches)
			got := keysOf(t, st)
			want := map[string]int{}
			for k, v := range c.want {
				want[site+k] = v
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("archive holds %v; want %v", got, want)
			}
			for u, k := range c.resolve {
				if got, err := st.Resolve(site + u); err != nil || got != site+k {
					t.Errorf("%s resolves to %q (%v); want %s", u, got, err, site+k)
				}
			}
			if c.outs != nil && fmt.Sprint(outs) != fmt.Sprint(c.outs) {
				t.Errorf("outcomes %v; want %v", outs, c.outs)
			}
		})
	}
}

// TestVariantsConcurrent archives many variants of one page at once, as
// the crawler's parallel workers do: one article.
func TestVariantsConcurrent(t *testing.T) {
	st := openTestStore(t)
	arch := newArchiver(st, nil)
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Go(func() {
			path := fmt.Sprintf("/s?v=%d", i)
			if i == 0 {
				path = "/s"
			}
			p, a := page(path, "The council agreed the works.")
			if _, err := arch.Archive(context.Background(), p, a); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := keysOf(t, st); len(got) != 1 {
		t.Errorf("archive holds %v; want one article", got)
	}
	if len(arch.variants.locks.m) != 0 {
		t.Errorf("%d locks left held", len(arch.variants.locks.m))
	}
}

// TestArchiverFailures: a snapshot that cannot be archived is the page's
// fault; a write into a closed archive is the archive's.
func TestArchiverFailures(t *testing.T) {
	st := openTestStore(t)
	arch := newArchiver(st, nil)
	p, a := page("/s", "text")
	p.Key, p.URL, a.URL = "", "", ""
	if _, err := arch.Archive(context.Background(), p, a); err == nil {
		t.Fatal("a page without any URL was archived")
	}
	if err := arch.err(); err != nil {
		t.Errorf("an invalid snapshot counted as an archive failure: %v", err)
	}
	st.Close()
	p, a = page("/s", "text")
	if _, err := arch.Archive(context.Background(), p, a); err == nil {
		t.Fatal("archived into a closed store")
	}
	if err := arch.err(); !errors.Is(err, ErrArchive) {
		t.Errorf("err() = %v; want ErrArchive", err)
	}
}
