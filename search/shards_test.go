package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestShards: an article's versions all go to its key's shard, the
// corpus spreads over both, and a search answers from all of them.
func TestShards(t *testing.T) {
	st := corpusStore(t)
	edited := corpus[2]
	edited.text = "Ferry crews returned to work."
	put(t, st, edited, t0.Add(time.Hour))
	ix := openIndex(t, st)
	total := uint64(0)
	for i, bi := range ix.shards {
		n, err := bi.DocCount()
		if err != nil || n == 0 {
			t.Errorf("shard %d holds %d versions, %v", i, n, err)
		}
		total += n
		for _, a := range corpus {
			d, err := bi.Document(docID(a.key, 1))
			if err != nil || (d != nil) != (shardOf(a.key) == i) {
				t.Errorf("shard %d: %s there: %v, want %v (%v)", i, a.key, d != nil, shardOf(a.key) == i, err)
			}
		}
	}
	if total != 6 {
		t.Errorf("%d versions in the shards, want 6", total)
	}
	res, err := ix.Search(context.Background(), Request{Query: "lang:en OR lang:zh OR 没有", AllVersions: true})
	if err != nil || res.Total != 6 || len(res.Hits) != 6 {
		t.Fatalf("total %d, %d hits, %v", res.Total, len(res.Hits), err)
	}
}

// TestShardBehind: a kill between two shards' batches leaves one shard's
// watermark behind; the index's watermark is the lower one, and CatchUp
// indexes that shard's missing versions again (harmlessly for the other).
func TestShardBehind(t *testing.T) {
	st := corpusStore(t)
	ix := openIndex(t, st)
	last, err := st.LastVersionID()
	if err != nil {
		t.Fatal(err)
	}
	behind := shardOf(corpus[0].key)
	if err := ix.shards[behind].SetInternal(keyWatermark, watermarkValue(1)); err != nil {
		t.Fatal(err)
	}
	if wm, err := ix.Watermark(); err != nil || wm != 1 {
		t.Fatalf("watermark %d, %v; want 1", wm, err)
	}
	if n, err := ix.CatchUp(context.Background()); err != nil || n != int(last-1) {
		t.Fatalf("CatchUp = %d, %v; want %d", n, err, last-1)
	}
	if wm, err := ix.Watermark(); err != nil || wm != last {
		t.Errorf("watermark %d, %v; want %d", wm, err, last)
	}
	if n, err := ix.docCount(); err != nil || n != uint64(len(corpus)) {
		t.Errorf("%d versions, %v; want %d", n, err, len(corpus))
	}
}

// TestUnshardedLayout: an index of the layout before shards (one bleve
// index in the folder itself) is not read, says to reindex, and reindex
// replaces it.
func TestUnshardedLayout(t *testing.T) {
	st := corpusStore(t)
	bi, err := bleve.New(Path(st.Path()), newMapping())
	if err != nil {
		t.Fatal(err)
	}
	bi.SetInternal(keySchema, []byte("3"))
	bi.Close()
	if _, err := Open(st, Options{Create: true}); !errors.Is(err, ErrBroken) || !strings.Contains(err.Error(), "reindex") {
		t.Fatalf("open: %v, want ErrBroken that says to reindex", err)
	}
	if n, err := Reindex(context.Background(), st, Options{}); err != nil || n != len(corpus) {
		t.Fatalf("reindex: %d, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(Path(st.Path()), "index_meta.json")); err == nil {
		t.Error("the old index is still there")
	}
	ix, err := Open(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if res, err := ix.Search(context.Background(), Request{Query: "ferry"}); err != nil || res.Total != 1 {
		t.Errorf("after reindex: %d hits, %v", res.Total, err)
	}
}
