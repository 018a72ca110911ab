package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

// testArticle is one page as a site shows it at one time.
type testArticle struct {
	key, title, lang, text, published string
	authors                           []string
}

var t0 = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

func newStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// corpusStore is a new archive holding corpus, fetched at t0.
func corpusStore(t testing.TB) *store.Store {
	t.Helper()
	st := newStore(t)
	for _, a := range corpus {
		put(t, st, a, t0)
	}
	return st
}

// put archives a as fetched at `at`.
func put(t testing.TB, st *store.Store, a testArticle, at time.Time) store.PutResult {
	t.Helper()
	r, err := st.Put(context.Background(), store.Snapshot{
		Key: a.key, URL: a.key, Status: 200, FetchedAt: at, Raw: []byte("<html>" + a.text + "</html>"),
		Article: &article.Article{URL: a.key, Title: a.title, Language: a.lang, Text: a.text,
			PublishedAt: a.published, Authors: a.authors},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// openIndex opens (creating) st's index, caught up.
func openIndex(t testing.TB, st *store.Store) *Index {
	t.Helper()
	ix, err := Open(st, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

// keys lists the hits as key#version.
func keys(res Result) []string {
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, docID(h.Key, h.Version))
	}
	return out
}

// hitKeys lists the hits' keys, sorted.
func hitKeys(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Key)
	}
	slices.Sort(out)
	return out
}

// sameKeys compares sorted got with want in any order.
func sameKeys(got, want []string) bool {
	want = slices.Clone(want)
	slices.Sort(want)
	return slices.Equal(got, want)
}

// searchIDs runs r on ix and lists its hits as key#version, sorted.
func searchIDs(t *testing.T, ix *Index, r Request) ([]string, Result) {
	t.Helper()
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	got := keys(res)
	slices.Sort(got)
	return got, res
}
