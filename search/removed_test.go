package search

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestRemoved: the site deletes a sentence between two crawls; --removed
// finds the version that had it, and nothing for text still there.
func TestRemoved(t *testing.T) {
	st := newStore(t)
	v1 := corpus[2]
	v1.text += " A union spokesman said the strike would last until Tuesday."
	put(t, st, v1, t0)
	put(t, st, corpus[0], t0)
	zh1 := corpus[0]
	zh1.text = "日前，湖畔省市场监管部门公布首批实验室名单。"
	zh1.title = "首批实验室名单公布"
	v2 := corpus[2] // the sentence is gone
	ix := openIndex(t, st)
	put(t, st, v2, t0.Add(time.Hour))
	put(t, st, zh1, t0.Add(time.Hour))
	if _, err := ix.CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		req  Request
		want []string
	}{
		{"latest only: the sentence is gone", Request{Query: `"strike would last"`}, []string{}},
		{"all versions: version 1 had it", Request{Query: `"strike would last"`, AllVersions: true}, []string{corpus[2].key + "#1"}},
		{"removed English", Request{Query: `"strike would last"`, Removed: true}, []string{corpus[2].key + "#1"}},
		{"removed Chinese", Request{Query: `"绿色低碳"`, Removed: true}, []string{corpus[0].key + "#1"}},
		{"text still there is not removed", Request{Query: `ferry`, Removed: true}, []string{}},
		{"latest versions are flagged", Request{Query: `ferry`}, []string{corpus[2].key + "#2"}},
		{"all versions of a kept word", Request{Query: `ferry`, AllVersions: true}, []string{corpus[2].key + "#1", corpus[2].key + "#2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, res := searchIDs(t, ix, c.req)
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			for _, h := range res.Hits {
				if c.req.Removed && (h.RemovedIn != h.Version+1 || h.Latest) {
					t.Errorf("hit %+v: want removed_in %d and not latest", h, h.Version+1)
				}
			}
			// The facets count the hits, not the candidates weighed.
			if c.req.Removed {
				sites := 0
				for _, f := range res.Sites {
					sites += f.Count
				}
				if sites != len(c.want) || res.Total != len(c.want) {
					t.Errorf("total %d, site facets %v; want %d", res.Total, res.Sites, len(c.want))
				}
			}
		})
	}
}

// TestCatchUp: versions archived while nothing indexed them (a run killed
// with -9 before its batch reached the index) are found and indexed by
// the next Open + CatchUp, and the old latest version is flagged.
func TestCatchUp(t *testing.T) {
	st := newStore(t)
	put(t, st, corpus[3], t0)
	ix := openIndex(t, st)
	ix.Close()
	// Archived with no index open.
	put(t, st, corpus[0], t0.Add(time.Minute))
	edited := corpus[3]
	edited.text = "The North Bridge reopened this morning after the inspection found no faults."
	put(t, st, edited, t0.Add(time.Hour))

	s, problems, err := Check(st)
	if err != nil || !s.Behind() || len(problems) == 0 {
		t.Fatalf("Check = %+v %v %v; want the index reported behind", s, problems, err)
	}
	ix, err = Open(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	n, err := ix.CatchUp(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("CatchUp = %d, %v; want 2 versions", n, err)
	}
	for q, want := range map[string][]string{
		`"检测实验室"`:    {corpus[0].key + "#1"},
		`reopened`:   {corpus[3].key + "#2"},
		`bearings`:   {},
		`bridge`:     {corpus[3].key + "#2"},
		`lang:en`:    {corpus[3].key + "#2"},
		`NOT lang:x`: {corpus[3].key + "#2", corpus[0].key + "#1"},
	} {
		res, err := ix.Search(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		got := keys(res)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", q, got, want)
		}
	}
	ix.Close()
	if s, problems, err := Check(st); err != nil || len(problems) != 0 || s.Docs != 3 {
		t.Errorf("Check after catch-up = %+v %v %v; want in step with 3 versions", s, problems, err)
	}
}
