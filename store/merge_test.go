package store

import (
	"context"
	"testing"
	"time"

	"newsarchive/article"
)

func TestMerge(t *testing.T) {
	rec := func(key string, v int, text string, at time.Time) Record {
		a := art(key, "T", text)
		a.Archive = article.Archive{Version: v, FetchedAt: at.Format(time.RFC3339), FirstSeen: t0.Format(time.RFC3339), LastChecked: t0.Add(99 * time.Hour).Format(time.RFC3339), HTTPStatus: 200}
		return Record{Article: a}
	}
	const key = "https://example.com/m"
	cases := []struct {
		name     string
		recs     []Record
		outcomes []Outcome
		versions []int // History after the merge
	}{
		{"pruned source keeps its numbers", []Record{rec(key, 3, "a", t0), rec(key, 4, "b", t0.Add(time.Hour))}, []Outcome{New, Changed}, []int{3, 4}},
		{"same records again add nothing", []Record{rec(key, 3, "a", t0), rec(key, 4, "b", t0.Add(time.Hour))}, []Outcome{Unchanged, Unchanged}, []int{3, 4}},
		{"latest content fetched elsewhere adds nothing", []Record{rec(key, 9, "b", t0.Add(5*time.Hour))}, []Outcome{Unchanged}, []int{3, 4}},
		{"new content from another archive", []Record{rec(key, 2, "c", t0.Add(6*time.Hour))}, []Outcome{Changed}, []int{3, 4, 5}},
	}
	s, _ := openTest(t, Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := s.Merge(context.Background(), c.recs)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range res {
				if r.Outcome != c.outcomes[i] {
					t.Errorf("record %d: %v, want %v", i, r.Outcome, c.outcomes[i])
				}
			}
			h, _ := s.History(key)
			var got []int
			for _, v := range h {
				got = append(got, v.Version)
			}
			if len(got) != len(c.versions) || got[len(got)-1] != c.versions[len(c.versions)-1] || got[0] != c.versions[0] {
				t.Fatalf("versions %v, want %v", got, c.versions)
			}
			l, _ := s.Latest(key)
			if l.FirstSeen != t0.Format(time.RFC3339) || l.LastChecked != t0.Add(99*time.Hour).Format(time.RFC3339) {
				t.Fatalf("times not merged: %+v", l.Archive)
			}
			if r, err := s.Verify(context.Background()); err != nil || !r.OK() {
				t.Fatalf("verify: %v %v", err, r.Problems)
			}
		})
	}
}
