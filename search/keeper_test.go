package search

import (
	"context"
	"testing"
	"time"
)

// TestKeeper: versions reported while a run goes are indexed by the end of
// it, whether a batch fills up (BatchSize 1) or only End flushes them
// (a batch larger than the run), and nested runs share one index.
func TestKeeper(t *testing.T) {
	for _, c := range []struct {
		name  string
		batch int
	}{{"every version kicks a batch", 1}, {"End flushes", 1000}} {
		t.Run(c.name, func(t *testing.T) {
			st := newStore(t)
			k := &Keeper{Options: Options{BatchSize: c.batch}, Every: time.Hour}
			if err := k.Begin(st); err != nil {
				t.Fatal(err)
			}
			if err := k.Begin(st); err != nil { // a second run on the same archive
				t.Fatal(err)
			}
			for i, a := range corpus {
				r := put(t, st, a, t0.Add(time.Duration(i)*time.Minute))
				k.Added(r.Key)
			}
			if err := k.End(); err != nil {
				t.Fatal(err)
			}
			if err := k.End(); err != nil {
				t.Fatal(err)
			}
			s, problems, err := Check(st)
			if err != nil || len(problems) != 0 || s.Docs != uint64(len(corpus)) {
				t.Fatalf("after the run: %+v %v %v", s, problems, err)
			}
			ix := openIndex(t, st)
			res, err := ix.Search(context.Background(), Request{Query: `"檢測設備"`})
			if err != nil || len(res.Hits) != 1 {
				t.Errorf("search after the run: %v %v", keys(res), err)
			}
		})
	}
}
