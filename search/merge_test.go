package search

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestMergeFloor: an index kept by small batches leaves them as they are
// until a tier of them fills up, where scorch's default floor (2 000
// documents) merges every new batch into the segments before it, again
// and again. Whether the index is new or opened again (scorch does not
// keep the setting), eight batches of four stay eight segments.
func TestMergeFloor(t *testing.T) {
	for _, c := range []struct {
		name   string
		reopen bool
	}{{"new index", false}, {"opened again", true}} {
		t.Run(c.name, func(t *testing.T) {
			st := newStore(t)
			if c.reopen {
				ix, err := Open(st, Options{Create: true})
				if err != nil {
					t.Fatal(err)
				}
				ix.Close()
			}
			for i := range 32 {
				put(t, st, testArticle{key: fmt.Sprintf("https://example.com/%d", i), lang: "en",
					title: fmt.Sprintf("Story %d", i), text: "The ferry crews walked out at dawn."}, t0)
			}
			ix, err := Open(st, Options{Create: true, BatchSize: 4})
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if _, err := ix.CatchUp(context.Background()); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond) // time for the merger to act
			stats, _ := ix.bi.StatsMap()["index"].(map[string]any)
			if n, _ := stats["TotFileSegmentsAtRoot"].(uint64); n != 8 {
				t.Errorf("%d segments, want 8 (%v)", n, stats["TotFileMergePlanTasksDone"])
			}
		})
	}
}
