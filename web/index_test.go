package web

import (
	"context"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

// TestIndexRefresh changes the archive under a running index and checks
// that one refresh leaves it as a fresh full scan would.
func TestIndexRefresh(t *testing.T) {
	st := seed(t)
	ix := newIndex(st)
	if err := ix.refresh(); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutMany(context.Background(), []store.Snapshot{
		// keyOne gets a second version, fetched last.
		{Key: keyOne, URL: keyOne, Status: 200, FetchedAt: t0.Add(96 * time.Hour), Raw: page("Bridge reopened", "The bridge reopened."),
			Article: &article.Article{URL: keyOne, Title: "Bridge reopened", Text: "The bridge reopened this morning.", PublishedAt: "2024-09-03"}},
		// a new article on a new site, fetched in the margin before it.
		{Key: "https://news.example.net/a.html", URL: "https://news.example.net/a.html", Status: 200, FetchedAt: t0.Add(95 * time.Hour), Raw: page("A", "a"),
			Article: &article.Article{URL: "https://news.example.net/a.html", Title: "Another site", Text: "Text.", PublishedAt: "2024-09-09"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := ix.refresh(); err != nil {
		t.Fatal(err)
	}
	fresh := newIndex(st)
	if err := fresh.refresh(); err != nil {
		t.Fatal(err)
	}
	keys := func(list []*entry) (out []string) {
		for _, e := range list {
			out = append(out, e.Key)
		}
		return out
	}
	for _, c := range []struct {
		name      string
		got, want []*entry
	}{{"by fetch", ix.byFetched, fresh.byFetched}, {"by publication", ix.byPub, fresh.byPub}} {
		if g, w := keys(c.got), keys(c.want); len(g) != 5 || len(g) != len(w) {
			t.Errorf("%s: %v, want %v", c.name, g, w)
		} else {
			for i := range g {
				if g[i] != w[i] || *c.got[i] != *c.want[i] {
					t.Errorf("%s: %d is %s, want %s", c.name, i, g[i], w[i])
				}
			}
		}
	}
	if ix.sums != fresh.sums || ix.sums != (counts{Articles: 5, Versions: 9, Edited: 4, Sites: 4}) {
		t.Errorf("counts %+v, a full scan counts %+v", ix.sums, fresh.sums)
	}
	if ix.byFetched[0].Key != keyOne || ix.byFetched[0].Title != "Bridge reopened" {
		t.Errorf("the edit is not first: %+v", ix.byFetched[0])
	}
}
