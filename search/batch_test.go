package search

import (
	"context"
	"testing"
)

// TestCatchUpBatches: CatchUp cuts its batches at BatchSize versions or at
// the text bound, whichever comes first, so that a batch of long pages
// holds no more in memory than one of ordinary pages; either way every
// version is indexed and the watermark reaches the last one.
func TestCatchUpBatches(t *testing.T) {
	n := len(corpus)
	for _, c := range []struct {
		name        string
		opts        Options
		wantBatches int
	}{
		{"BatchSize versions a batch", Options{BatchSize: 2}, (n + 1) / 2},
		{"the text bound before BatchSize", Options{BatchSize: 1000, batchText: 1}, n},
		{"neither bound reached", Options{BatchSize: 1000}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := corpusStore(t)
			o := c.opts
			o.Create = true
			ix, err := Open(st, o)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			before := batches(t, ix)
			got, err := ix.CatchUp(context.Background())
			if err != nil || got != n {
				t.Fatalf("CatchUp = %d, %v; want %d", got, err, n)
			}
			if b := batches(t, ix) - before; b != c.wantBatches {
				t.Errorf("%d batches, want %d", b, c.wantBatches)
			}
			wm, err := ix.Watermark()
			last, lerr := st.LastVersionID()
			if err != nil || lerr != nil || wm != last {
				t.Errorf("watermark %d (%v), last version %d (%v)", wm, err, last, lerr)
			}
			if docs, err := ix.bi.DocCount(); err != nil || docs != uint64(n) {
				t.Errorf("%d documents (%v), want %d", docs, err, n)
			}
		})
	}
}

// batches is how many batches scorch has applied to ix.
func batches(t *testing.T, ix *Index) int {
	t.Helper()
	m, ok := ix.bi.StatsMap()["index"].(map[string]any)
	if !ok {
		t.Fatal("no index stats")
	}
	v, ok := m["TotBatches"].(uint64)
	if !ok {
		t.Fatalf("TotBatches is %T", m["TotBatches"])
	}
	return int(v)
}
