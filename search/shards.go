package search

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// shardCount is how many bleve indexes the index is cut into. A search
// runs on all of them at once (searchAll), so that one query uses both
// cores of a small machine: the cost of a common word is the collection
// of tens of thousands of matches, and each shard collects half. An
// article's versions all go to one shard (shardOf its key), so the latest
// flag is flipped within one index. Each shard scores with its own term
// statistics; with articles spread by a hash they are near enough alike.
const shardCount = 2

// shardOf is the shard that holds the versions of the article at key.
// (FNV's high bits: its lowest bit is only the parity of the bytes'.)
func shardOf(key string) int {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int((h.Sum64() >> 32) % shardCount)
}

func shardPath(path string, i int) string { return filepath.Join(path, strconv.Itoa(i)) }

// olderLayout reports whether path holds an index of the layout before
// shards: a single bleve index in the folder itself.
func olderLayout(path string) bool {
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	return err == nil
}

// createShards makes an empty index of shardCount shards at path.
func createShards(path string) ([]bleve.Index, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, err
	}
	var out []bleve.Index
	for i := range shardCount {
		bi, err := create(shardPath(path, i))
		if err != nil {
			closeAll(out)
			return nil, err
		}
		out = append(out, bi)
	}
	return out, nil
}

// openShards opens the shards at path.
func openShards(path string, config map[string]any) ([]bleve.Index, error) {
	var out []bleve.Index
	for i := range shardCount {
		bi, err := bleve.OpenUsing(shardPath(path, i), config)
		if err != nil {
			closeAll(out)
			return nil, err
		}
		out = append(out, bi)
	}
	return out, nil
}

func closeAll(shards []bleve.Index) error {
	var errs []error
	for _, bi := range shards {
		errs = append(errs, bi.Close())
	}
	return errors.Join(errs...)
}

// eachShard runs f on every shard at once and returns the first error.
func (ix *Index) eachShard(f func(i int, bi bleve.Index) error) error {
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, bi := range ix.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(i, bi)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// docCount is how many versions the shards hold.
func (ix *Index) docCount() (uint64, error) {
	var n uint64
	for _, bi := range ix.shards {
		c, err := bi.DocCount()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// readers opens a reader on every shard; close them with closeReaders.
func (ix *Index) readers() ([]index.IndexReader, error) {
	var out []index.IndexReader
	for _, bi := range ix.shards {
		adv, err := bi.Advanced()
		if err == nil {
			var r index.IndexReader
			if r, err = adv.Reader(); err == nil {
				out = append(out, r)
				continue
			}
		}
		closeReaders(out)
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

func closeReaders(rs []index.IndexReader) {
	for _, r := range rs {
		r.Close()
	}
}

// fields lists the fields of every shard.
func (ix *Index) fields() ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, bi := range ix.shards {
		fs, err := bi.Fields()
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, f := range fs {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// searchAll runs the request that mk builds on every shard at once, each
// for its first from+size hits, and merges their answers: totals and
// facet counts added up, hits in the request's order with ties in shard
// order, so that a page boundary falls in the same place every time
// (bleve's IndexAlias merges in the order the shards answer). A shard that
// fails fails the search.
func (ix *Index) searchAll(ctx context.Context, mk func(size, from int) *bleve.SearchRequest, size, from int) (*bleve.SearchResult, error) {
	if len(ix.shards) == 1 {
		sr, err := ix.shards[0].SearchInContext(ctx, mk(size, from))
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		return sr, nil
	}
	out := make([]*bleve.SearchResult, len(ix.shards))
	err := ix.eachShard(func(i int, bi bleve.Index) error {
		var err error
		out[i], err = bi.SearchInContext(ctx, mk(from+size, 0))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	sr := out[0]
	for _, o := range out[1:] {
		sr.Merge(o)
	}
	req := mk(size, from)
	cs, cd := req.Sort.CacheIsScore(), req.Sort.CacheDescending()
	slices.SortStableFunc(sr.Hits, func(a, b *bsearch.DocumentMatch) int { return req.Sort.Compare(cs, cd, a, b) })
	sr.Hits = sr.Hits[min(from, len(sr.Hits)):min(from+size, len(sr.Hits))]
	for name, fr := range req.Facets {
		sr.Facets.Fixup(name, fr.Size)
	}
	return sr, nil
}
