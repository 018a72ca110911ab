package web

import (
	"context"
	"strings"
	"testing"

	"newsarchive/search"
)

// withIndex is the fixture archive with its search index built.
func withIndex(t *testing.T) Options {
	t.Helper()
	st := seed(t)
	ix, err := search.Open(st, search.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	return Options{Store: st, Search: ix}
}

func TestSearchAPI(t *testing.T) {
	o := withIndex(t)
	ts, _ := start(t, o.Store, o)
	cases := []struct {
		name, path string
		wantKeys   []string
	}{
		{"english stemmed", "/api/search?q=" + q("opening"), []string{keyEN}},
		{"chinese phrase", "/api/search?q=" + q(`"展会"`), []string{keyZH}},
		{"edited out", "/api/search?q=Monday&removed=1", []string{keyEN}},
		{"nothing", "/api/search?q=zeppelin", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var res search.Result
			getJSON(t, ts, c.path, 200, &res)
			var keys []string
			for _, h := range res.Hits {
				keys = append(keys, h.Key)
			}
			if strings.Join(keys, " ") != strings.Join(c.wantKeys, " ") {
				t.Errorf("hits %v, want %v", keys, c.wantKeys)
			}
		})
	}
	for _, bad := range []struct{ path, param string }{
		{"/api/search", "q"}, {"/api/search?q=" + q(`"open`), "q"}, {"/api/search?q=x&sort=title", "sort"},
		{"/api/search?q=x&removed=maybe", "removed"}, {"/api/search?q=x&limit=0", "limit"},
	} {
		var e struct{ Error, Parameter string }
		getJSON(t, ts, bad.path, 400, &e)
		if e.Parameter != bad.param {
			t.Errorf("GET %s: %+v, want parameter %s", bad.path, e, bad.param)
		}
	}
}

func TestSearchPage(t *testing.T) {
	o := withIndex(t)
	ts, _ := start(t, o.Store, o)
	code, _, body := get(t, ts, "/search?q=Monday&removed=1")
	for _, want := range []string{`id="hits"`, "<mark>Monday</mark>", "Gone in v2", "/diff?url=" + strings.ToLower(q(keyEN)) + "&amp;from=1&amp;to=2", `id="facets"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("search page (%d) lacks %q:\n%s", code, want, body)
		}
	}
	if code, _, body := get(t, ts, "/search?q="+q("hostile")); code != 200 || strings.Contains(body, "<script") {
		t.Errorf("a hit on the hostile page (%d) reached the page as markup:\n%s", code, body)
	}
	if code, _, _ := get(t, ts, "/search"); code != 200 {
		t.Errorf("the empty search page: %d", code)
	}
	off, _ := start(t, seed(t), Options{})
	if code, _, _ := get(t, off, "/search?q=x"); code != 503 {
		t.Errorf("search without an index: %d, want 503", code)
	}
}
