package search

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"newsarchive/store"
)

// tableArchive is an archive of n generated articles (benchSnapshot) in
// which every third was edited once (its first paragraph cut) and every
// tenth has two authors, indexed in small batches so that the index has
// several segments, some with deleted documents (the versions that were
// indexed as the latest and then again as not).
func tableArchive(t *testing.T, n int) *store.Store {
	t.Helper()
	st := newStore(t)
	var snaps []store.Snapshot
	for i := range n {
		s := benchSnapshot(i)
		if i%10 == 1 {
			// Two values: a phrase must not run from one into the next.
			s.Article.Authors = []string{"harbour strike", "union talks"}
		}
		snaps = append(snaps, s)
	}
	if _, err := st.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(st, Options{Create: true, BatchSize: 60})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	var edits []store.Snapshot
	for i := 0; i < n; i += 3 {
		s := benchSnapshot(i)
		paras := strings.SplitN(s.Article.Text, "\n\n", 2)
		s.Article.Text = paras[len(paras)-1]
		s.FetchedAt = s.FetchedAt.Add(48 * time.Hour)
		edits = append(edits, s)
	}
	if _, err := st.PutMany(context.Background(), edits); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestTablesSameAsBleve: facets and the date ranking from the per-segment
// tables, and phrases checked on the postings, give the same results as
// bleve's facets, date sort and phrase searcher (hits,
// order, scores, totals, facets), over every kind of query, ranking and
// option, on an index of several segments with deleted documents.
func TestTablesSameAsBleve(t *testing.T) {
	st := tableArchive(t, 600)
	// Read-only: no merges, so both paths search the same segments and
	// ties keep the same order.
	bi, err := bleve.OpenUsing(Path(st.Path()), map[string]any{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	tables := &Index{st: st, bi: bi, im: bi.Mapping(), tables: newDocTables()}
	plain := &Index{st: st, bi: bi, im: bi.Mapping()}

	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	segs, deleted := 0, uint64(0)
	for _, ss := range rd.(*scorch.IndexSnapshot).Segments() {
		segs++
		if d := ss.Deleted(); d != nil {
			deleted += d.GetCardinality()
		}
	}
	rd.Close()
	if segs < 2 || deleted == 0 {
		t.Fatalf("%d segments, %d deleted documents: the test needs several segments and deletions", segs, deleted)
	}

	options := []struct {
		name string
		edit func(*Request)
	}{
		{"latest", func(*Request) {}},
		{"all versions", func(r *Request) { r.AllVersions = true }},
		{"removed", func(r *Request) { r.Removed = true }},
		{"site", func(r *Request) { r.Site = "news2.example.com" }},
		{"since", func(r *Request) { r.Since = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC) }},
		{"second page", func(r *Request) { r.Cursor = encodeCursor(20) }},
		{"large page", func(r *Request) { r.Limit = 100 }},
	}
	queries := benchQueries()[:10]
	// Phrases that occur: across two values of a field, with a stop word
	// inside, of several words.
	text := strings.Fields(benchSnapshot(3).Article.Text)
	phrases := []string{`"harbour strike"`, `"strike union"`, `author:"strike union"`, `author:"union talks"`, `author:"harbour talks"`,
		`"` + strings.Join(text[4:8], " ") + `"`, `title:"` + benchSnapshot(5).Article.Title + `"`,
		`title:"` + benchSnapshot(7).Article.Title + `"`}
	for i := 1; i+1 < len(text); i++ {
		if text[i] == "the" || text[i] == "of" {
			phrases = append(phrases, `"`+strings.Join(text[i-1:i+2], " ")+`"`)
			break
		}
	}
	for _, p := range phrases {
		queries = append(queries, Request{Query: p})
	}
	found, phraseHits := 0, 0
	for _, o := range options {
		for _, sort := range []string{"relevance", "date"} {
			for _, q := range queries {
				r := q
				r.Sort = sort
				o.edit(&r)
				name := fmt.Sprintf("%s/%s/%s", o.name, sort, q.Query)
				want, werr := plain.Search(context.Background(), r)
				got, err := tables.Search(context.Background(), r)
				if fmt.Sprint(err) != fmt.Sprint(werr) {
					t.Fatalf("%s: error %v, bleve's %v", name, err, werr)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: tables give\n%+v\nbleve\n%+v", name, got, want)
				}
				found += len(got.Hits)
				if strings.Contains(q.Query, `"`) {
					phraseHits += got.Total
				}
			}
		}
	}
	if found == 0 || phraseHits == 0 {
		t.Fatalf("%d hits, %d of phrases: the test needs both", found, phraseHits)
	}
}

// TestTablesFollowTheIndex: an index open while versions are added (new
// segments, merges, deletions) keeps its tables in step: after more
// batches, totals, facets and the hits themselves (a page holding them
// all, compared as sets, since a merge between the two searches may
// reorder ties) agree with bleve's.
func TestTablesFollowTheIndex(t *testing.T) {
	st := newStore(t)
	put := func(from, to int, edit bool) {
		var snaps []store.Snapshot
		for i := from; i < to; i++ {
			s := benchSnapshot(i)
			if edit {
				s.Article.Text += "\n\nharbour strike talks"
				s.FetchedAt = s.FetchedAt.Add(24 * time.Hour)
			}
			snaps = append(snaps, s)
		}
		if _, err := st.PutMany(context.Background(), snaps); err != nil {
			t.Fatal(err)
		}
	}
	put(0, 120, false)
	ix, err := Open(st, Options{Create: true, BatchSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	plain := &Index{st: st, bi: ix.bi, im: ix.im}
	queries := []string{"harbour", `"harbour strike"`, "(本地 OR 航班) NOT 行业", "site:news1.example.com published:>=2023-01-01"}
	for round, batch := range []struct {
		from, to int
		edit     bool
	}{{0, 0, false}, {120, 240, false}, {0, 50, true}, {240, 300, false}} {
		put(batch.from, batch.to, batch.edit)
		if _, err := ix.CatchUp(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			for _, sort := range []string{"relevance", "date"} {
				r := Request{Query: q, Sort: sort, Limit: maxLimit, AllVersions: round%2 == 1}
				got, err := ix.Search(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				want, err := plain.Search(context.Background(), r)
				if err != nil {
					t.Fatal(err)
				}
				if got.Total != want.Total || !reflect.DeepEqual(got.Sites, want.Sites) || !reflect.DeepEqual(got.Months, want.Months) ||
					!reflect.DeepEqual(hitKeys(got), hitKeys(want)) {
					t.Errorf("round %d, %s by %s: %d hits, sites %v, months %v; bleve %d, %v, %v",
						round, q, sort, got.Total, got.Sites, got.Months, want.Total, want.Sites, want.Months)
				}
			}
		}
	}
}
