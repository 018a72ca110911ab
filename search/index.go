package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"newsarchive/store"
)

// ErrNoIndex is returned by Open when the archive has no search index yet.
var ErrNoIndex = errors.New("no search index (run newsarchive reindex)")

// ErrBroken is returned when the index cannot be read, was built by
// another version, or does not belong to this archive.
var ErrBroken = errors.New("the search index is damaged or out of step with the archive (run newsarchive reindex)")

// schema is the layout of the documents the index holds; an index written
// with another layout is rebuilt, never read.
const schema = "3"

var (
	keySchema    = []byte("newsarchive.schema")
	keyWatermark = []byte("newsarchive.watermark")
)

// Path is where the index of the archive at archive lives: a folder beside
// it, ARCHIVE.index.
func Path(archive string) string { return archive + ".index" }

// Options configure Open and Reindex.
type Options struct {
	// Create makes an empty index when there is none (which then catches
	// up on the whole archive); otherwise Open returns ErrNoIndex.
	Create bool
	// LockTimeout is how long to wait for another process that has the
	// index open (0: 10s).
	LockTimeout time.Duration
	// BatchSize is how many versions go into one index batch (0: 50).
	// A batch's analysed documents and its new segment are all in memory
	// at once, about half a megabyte of heap a crawled page: batches of
	// 200 took a crawl's peak heap from about 80 MB to about 230, batches
	// of 50 to about 140, for about the same CPU (the merge floor
	// follows the batch size: see runtimeConfig).
	BatchSize int

	// batchText bounds the text in one CatchUp batch (0: batchText),
	// whatever the versions' count; tests lower it.
	batchText int

	// bulk is set by Reindex, which fills a new index that nobody reads
	// until it is complete: see CatchUp.
	bulk bool
}

func (o Options) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	if o.bulk {
		return bulkBatch
	}
	return 50
}

// batchText is the default bound on a CatchUp batch's text: the batch in
// memory is about 35 bytes of heap per byte of text (analysed tokens with
// their positions, then the new segment), and 1 MiB is about 70 pages of
// 15 KB, so that batches of BatchSize long pages stay as small as those of
// ordinary ones.
const batchText = 1 << 20

func (o Options) textBound() int {
	if o.batchText > 0 {
		return o.batchText
	}
	return batchText
}

// bulkBatch is Reindex's batch size: fewer, larger segments leave the
// merger less to do, at about 4 MB of text per batch.
const bulkBatch = 500

// Index is the full-text index of one archive. It is safe for concurrent
// use; writes (CatchUp) are serialised.
type Index struct {
	st   *store.Store
	bi   bleve.Index
	im   mapping.IndexMapping
	path string
	opts Options
	// tables: facets and the date ranking read from per-segment tables,
	// not from every match's doc values (nil: bleve's own, as a test
	// compares).
	tables *docTables
	mu     sync.Mutex

	closeOnce sync.Once
	closeErr  error
}

// Open opens the index of st's archive. It does not catch up: call
// CatchUp for that (the crawl's Keeper and the search command do).
func Open(st *store.Store, o Options) (*Index, error) {
	path := Path(st.Path())
	timeout := o.LockTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	var bi bleve.Index
	_, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) && o.Create:
		bi, err = create(path, o)
		if err != nil {
			return nil, fmt.Errorf("search index %s: %w", path, err)
		}
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s: %w", path, ErrNoIndex)
	case err != nil:
		return nil, fmt.Errorf("search index: %w", err)
	default:
		cfg := runtimeConfig(o)
		cfg["bolt_timeout"] = timeout.String()
		bi, err = bleve.OpenUsing(path, cfg)
		if err != nil {
			if strings.Contains(err.Error(), "timeout") {
				return nil, fmt.Errorf("search index %s: another newsarchive process is using it (waited %s)", path, timeout)
			}
			return nil, fmt.Errorf("%s: %w: %v", path, ErrBroken, err)
		}
	}
	ix := &Index{st: st, bi: bi, im: bi.Mapping(), path: path, opts: o, tables: newDocTables()}
	if s, err := bi.GetInternal(keySchema); err != nil || string(s) != schema {
		bi.Close()
		return nil, fmt.Errorf("%s: %w (layout %q, want %q)", path, ErrBroken, s, schema)
	}
	return ix, nil
}

// create makes an empty index at path.
func create(path string, o Options) (bleve.Index, error) {
	bi, err := bleve.NewUsing(path, newMapping(), scorch.Name, bleve.Config.DefaultKVStore, runtimeConfig(o))
	if err != nil {
		return nil, err
	}
	if err := bi.SetInternal(keySchema, []byte(schema)); err != nil {
		bi.Close()
		return nil, err
	}
	return bi, nil
}

// runtimeConfig is scorch's configuration of an index opened with o, which
// it does not keep: each open passes it again. The merge planner's floor
// is the batch size, where scorch's default (2 000 documents) counts every
// smaller segment as 2 000: while the index holds under 20 000 documents
// it then allows fewer segments than batches, so each new batch is merged
// into those before it, the same documents again and again (in the crawl's
// profile, merging cost about as much as building the segments). At the
// batch size, segments merge only once ten of a size have gathered, each
// document about once per tenfold growth, for a few more segments to
// search (ten to a tier). Reindex keeps the default: it merges the whole
// index into one segment at the end, and with the lower floor that segment
// came out larger (66.1 % of the text against 63.3 %, 20 000 articles).
func runtimeConfig(o Options) map[string]any {
	if o.bulk {
		return map[string]any{}
	}
	return map[string]any{"scorchMergePlanOptions": map[string]any{"FloorSegmentSize": o.batchSize()}}
}

// Close closes the index (not the archive); closing again does nothing.
func (ix *Index) Close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.bi.Close() })
	return ix.closeErr
}

// watermarkValue encodes a watermark as Watermark reads it.
func watermarkValue(id uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, id)
}

// Watermark is the id of the last archived version the index has taken:
// every version up to it is indexed.
func (ix *Index) Watermark() (uint64, error) {
	v, err := ix.bi.GetInternal(keyWatermark)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	if len(v) != 8 {
		return 0, fmt.Errorf("%s: %w (bad watermark)", ix.path, ErrBroken)
	}
	return binary.BigEndian.Uint64(v), nil
}

// CatchUp indexes every version archived after the watermark, in batches
// that each move the watermark with them: a killed process loses at most
// the batch in hand, which the next CatchUp indexes again. It returns how
// many versions it indexed.
func (ix *Index) CatchUp(ctx context.Context) (int, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	wm, err := ix.Watermark()
	if err != nil {
		return 0, err
	}
	last, err := ix.st.LastVersionID()
	if err != nil {
		return 0, err
	}
	if wm > last {
		return 0, fmt.Errorf("%s: %w (it has versions up to id %d, the archive up to %d)", ix.path, ErrBroken, wm, last)
	}
	if wm == last {
		return 0, nil
	}
	if ix.opts.bulk && wm == 0 {
		return ix.fill(ctx)
	}
	b := &batcher{ix: ix, b: ix.bi.NewBatch(), inBatch: map[string]bool{}, flip: map[string]int{}}
	n := 0
	err = ix.st.VersionsAfter(wm, func(d store.Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := b.add(d, d.Latest); err != nil {
			return err
		}
		if prev, ok := b.flip[d.Key]; d.Version > 1 && (!ok || d.Version-1 < prev) {
			b.flip[d.Key] = d.Version - 1
		}
		b.wm = d.ID
		n++
		if b.b.Size() >= ix.opts.batchSize() || b.text >= ix.opts.textBound() {
			return b.flush()
		}
		return nil
	})
	if err == nil {
		err = b.flush()
	}
	return n, err
}

// batcher fills one bleve batch.
type batcher struct {
	ix      *Index
	b       *bleve.Batch
	wm      uint64
	text    int // bytes of the batch's strings, which it analyses
	inBatch map[string]bool
	// flip holds, per key, the version before the oldest one in the batch:
	// it may be indexed as the latest, so it is indexed again as not.
	flip map[string]int
}

func (b *batcher) add(d store.Doc, latest bool) error {
	doc, err := document(d, latest)
	if err != nil {
		return err
	}
	for _, v := range doc {
		if s, ok := v.(string); ok {
			b.text += len(s)
		}
	}
	id := docID(d.Key, d.Version)
	b.inBatch[id] = true
	return b.b.Index(id, doc)
}

func (b *batcher) flush() error {
	keys := make([]string, 0, len(b.flip))
	for k := range b.flip {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		n := b.flip[k]
		if b.inBatch[docID(k, n)] {
			continue // indexed in this batch, already as not the latest
		}
		js, err := b.ix.st.VersionJSON(k, n)
		if errors.Is(err, store.ErrNotFound) {
			continue // pruned
		}
		if err != nil {
			return err
		}
		if err := b.add(store.Doc{Key: k, Version: n, JSON: js}, false); err != nil {
			return err
		}
	}
	if b.b.Size() == 0 {
		return nil
	}
	b.b.SetInternal(keyWatermark, watermarkValue(b.wm))
	if err := b.ix.bi.Batch(b.b); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	b.b.Reset()
	b.text = 0
	clear(b.inBatch)
	clear(b.flip)
	return nil
}
