package search

import (
	"cmp"
	"context"
	"fmt"
	"sync"

	"newsarchive/store"
)

// fill indexes the whole archive into an empty index that nobody reads
// until it is complete (Reindex's), faster than CatchUp can: every
// version's latest flag is read from the archive as it stands, so no
// version is indexed twice, and the next batch is read and mapped while
// one is being indexed (only one at a time: two in flight doubled the
// heap and, on two cores, did not pay). The watermark is written once
// every batch is in: a fill that stops early leaves an index Reindex
// throws away.
func (ix *Index) fill(ctx context.Context) (int, error) {
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		failed  error
		slots   = make(chan struct{}, 1)
		n       int
		last    uint64
		b       = ix.bi.NewBatch()
		lastErr = func() error { mu.Lock(); defer mu.Unlock(); return failed }
	)
	send := func() {
		full := b
		b = ix.bi.NewBatch()
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			if err := ix.bi.Batch(full); err != nil {
				mu.Lock()
				failed = cmp.Or(failed, fmt.Errorf("search index: %w", err))
				mu.Unlock()
			}
		}()
	}
	err := ix.st.VersionsAfter(0, func(d store.Doc) error {
		if err := cmp.Or(ctx.Err(), lastErr()); err != nil {
			return err
		}
		doc, err := document(d, d.Latest)
		if err != nil {
			return err
		}
		if err := b.Index(docID(d.Key, d.Version), doc); err != nil {
			return err
		}
		n, last = n+1, d.ID
		if b.Size() >= ix.opts.batchSize() {
			send()
		}
		return nil
	})
	if err == nil && b.Size() > 0 {
		send()
	}
	wg.Wait()
	if err == nil {
		err = lastErr()
	}
	if err != nil {
		return n, err
	}
	if err := ix.bi.SetInternal(keyWatermark, watermarkValue(last)); err != nil {
		return n, fmt.Errorf("search index: %w", err)
	}
	return n, nil
}
