package search

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// TestPositionsOnly: the analyzer the positional fields are indexed with
// yields the plain analyzer's terms and positions, without byte offsets,
// and phrases still match and highlight (fragments come from matcher,
// which analyses with the plain analyzer).
func TestPositionsOnly(t *testing.T) {
	im := newMapping()
	text := []byte("Ferry crews walked out; the harbour's pay talks collapsed.")
	plain := im.AnalyzerNamed(en.AnalyzerName).Analyze(text)
	idx := im.AnalyzerNamed(indexAnalyzer(en.AnalyzerName)).Analyze(text)
	if len(plain) == 0 || len(idx) != len(plain) {
		t.Fatalf("%d tokens, want %d", len(idx), len(plain))
	}
	for i := range plain {
		if string(idx[i].Term) != string(plain[i].Term) || idx[i].Position != plain[i].Position {
			t.Errorf("token %d: %q at %d, want %q at %d", i, idx[i].Term, idx[i].Position, plain[i].Term, plain[i].Position)
		}
		if idx[i].Start != 0 || idx[i].End != 0 {
			t.Errorf("token %d keeps offsets %d-%d", i, idx[i].Start, idx[i].End)
		}
	}
	if indexAnalyzer("cjk") != "cjk" {
		t.Error("the CJK fields keep no positions, so need no wrapper")
	}

	st := newStore(t)
	put(t, st, corpus[2], t0)
	ix := openIndex(t, st)
	for _, c := range []struct{ query, mark string }{
		{`"pay talks"`, "«pay talks»"},
		{`"operator collapsing"`, "«operator collapsed»"},
		{`"crews collapse"`, ""},
	} {
		res, err := ix.Search(context.Background(), Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if c.mark == "" {
			if len(res.Hits) != 0 {
				t.Errorf("%s: %d hits, want none (the words are not adjacent)", c.query, len(res.Hits))
			}
			continue
		}
		if len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 ||
			!strings.Contains(res.Hits[0].Fragments[len(res.Hits[0].Fragments)-1].Marked("«", "»"), c.mark) {
			t.Errorf("%s: %+v, want a fragment with %s", c.query, res.Hits, c.mark)
		}
	}
}

// TestDateSort: the date ranking is newest first, by published_at, else
// fetched_at, across years and zones (the sort key is UTC of fixed width).
func TestDateSort(t *testing.T) {
	st := newStore(t)
	arts := []testArticle{
		{key: "http://a.example.com/1", lang: "en", title: "story one", text: "harbour", published: "2024-11-02"},
		{key: "http://a.example.com/2", lang: "en", title: "story two", text: "harbour", published: "2025-03-14T09:20:00+08:00"},
		{key: "http://a.example.com/3", lang: "en", title: "story three", text: "harbour"}, // fetched t0
		{key: "http://a.example.com/4", lang: "en", title: "story four", text: "harbour", published: "2025-03-14T02:00:00Z"},
		{key: "http://a.example.com/5", lang: "en", title: "harbour five", text: "harbour", published: "999-01-01"}, // unparsable: fetched
	}
	for i, a := range arts {
		put(t, st, a, t0.Add(time.Duration(i)*time.Minute))
	}
	ix := openIndex(t, st)
	res, err := ix.Search(context.Background(), Request{Query: "harbour", Sort: "date"})
	if err != nil {
		t.Fatal(err)
	}
	// t0 is 2025-03-14T09:00Z; 5 was fetched 4 minutes later, 3 2 minutes later.
	want := []string{arts[4].key, arts[2].key, arts[3].key, arts[1].key, arts[0].key}
	if got := inOrder(res); !slices.Equal(got, want) {
		t.Errorf("by date %v, want %v", got, want)
	}
	res, err = ix.Search(context.Background(), Request{Query: "harbour"})
	if err != nil || len(res.Hits) != 5 || res.Hits[0].Key != arts[4].key {
		t.Errorf("by relevance the word in a title comes first: %v %v", inOrder(res), err)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("hit %d scores %v, more than the one before it (%v)", i, res.Hits[i].Score, res.Hits[i-1].Score)
		}
	}
}

// TestOlderLayout: an index written with another layout is never read,
// and says to run reindex.
func TestOlderLayout(t *testing.T) {
	st := newStore(t)
	put(t, st, corpus[0], t0)
	ix := openIndex(t, st)
	if err := ix.bi.SetInternal(keySchema, []byte("1")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(st, Options{}); !errors.Is(err, ErrBroken) || !strings.Contains(err.Error(), "reindex") {
		t.Fatalf("open: %v, want ErrBroken that says to reindex", err)
	}
}

// inOrder lists the hits' keys in rank order.
func inOrder(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Key)
	}
	return out
}

// TestScoresAreNumbers: every kind of condition leaves a finite score
// that JSON can carry (bleve scores a posting kept without a norm as NaN).
func TestScoresAreNumbers(t *testing.T) {
	st := corpusStore(t)
	edited := corpus[2]
	edited.text = "Ferry crews returned to work."
	put(t, st, edited, t0.Add(time.Hour))
	ix := openIndex(t, st)
	for _, r := range []Request{
		{Query: "ferry"},
		{Query: "ferry site:example.com lang:en"},
		{Query: "lang:en OR lang:zh"},
		{Query: "site:example.com OR 检测"},
		{Query: "published:2025-03 fetched:>=2025-03-14 ferry"},
		{Query: "published:>=2024 OR ferry"},
		{Query: "NOT lang:en"},
		{Query: "ferry", Site: "courier.example.com", Since: t0.Add(-time.Hour)},
		{Query: "mayor", Removed: true},
		{Query: "ferry", AllVersions: true, Sort: "date"},
		{Query: `"绿色低碳" published:2025`},
	} {
		res, err := ix.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if len(res.Hits) == 0 {
			t.Errorf("%+v: no hits", r)
		}
		for _, h := range res.Hits {
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Errorf("%+v: %s scores %v", r, h.Key, h.Score)
			}
		}
		if _, err := json.Marshal(res); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
	}
}
