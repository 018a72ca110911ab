package warc

// The second pass of Import: the captures, in date order.

import (
	"context"
	"fmt"
	"runtime"
	"sort"

	"newsarchive/store"
)

// Captures are archived in batches, one transaction each: at most
// batchSize captures and batchBytes of records. One batch is written while
// the next fills; inFlight bounds the entries read and extracted ahead of
// the batch that takes them, per worker.
const (
	batchSize  = 128
	batchBytes = 32 << 20
	inFlight   = 8
)

// ImportGCPercent is the collector's target (as GOGC) that the import
// command runs Import under, and its benchmark too. The pages extracted
// are garbage as soon as their batch is written, so collecting less often
// saves CPU: on the benchmark's WARC (5 500 pages, extraction included)
// about 1 800 against 1 950 CPU-µs per page. The heap then grows to three
// times what is live instead of two: a peak of about 145 MB against 105
// there, 265 against 180 at 22 000 pages, where the first pass's index
// (about 1.4 KB per capture) is most of what is live. A process that does
// more than import keeps its own setting; Import itself changes nothing.
const ImportGCPercent = 200

// archive is the second pass: captures in date order (file order among
// equal dates). A pool of workers, one per CPU, reads and extracts them
// (each worker takes the next entry, as pages differ in cost); their
// results are put back in date order and gathered into batches, and a
// batch is written (store.PutMany, one transaction) while the workers go
// on with the next. Batches are written one after the other, in order, so
// the versions of a URL are made in date order.
func (im *importer) archive(ctx context.Context) error {
	sort.SliceStable(im.todo, func(a, b int) bool { return im.todo[a].date.Before(im.todo[b].date) })
	im.resolve()

	workers := runtime.GOMAXPROCS(0)
	type result struct {
		i   int
		out outcome
	}
	jobs := make(chan int)
	results := make(chan result, inFlight*workers)
	tokens := make(chan struct{}, inFlight*workers) // entries dispatched, not yet taken into a batch
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		for i := range im.todo {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	done := make(chan struct{})
	for range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			rr := newRecordReader(im.def)
			for i := range jobs {
				results <- result{i, im.extract(rr, im.todo[i])}
			}
		}()
	}
	go func() {
		for range workers {
			<-done
		}
		close(results)
	}()

	w := batchWriter{im: im, ctx: ctx}
	var batch []store.Snapshot
	var size int64
	var err error
	pending := map[int]outcome{}
	next := 0
	for r := range results {
		if err != nil {
			continue // draining after a failure
		}
		pending[r.i] = r.out
		for {
			out, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			e := im.todo[next]
			next++
			<-tokens
			if out.snap == nil {
				im.tally(e, out)
				continue
			}
			batch = append(batch, *out.snap)
			size += int64(len(out.snap.Raw))
			if len(batch) >= batchSize || size >= batchBytes {
				err = w.start(batch)
				batch, size = nil, 0
			}
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			close(stop)
		}
	}
	if err == nil && len(batch) > 0 {
		err = w.start(batch)
	} else if err == nil {
		w.report()
	}
	if werr := w.wait(); err == nil {
		err = werr
	}
	return err
}

// tally counts an entry that gave no capture.
func (im *importer) tally(e entry, out outcome) {
	switch {
	case out.defect != "":
		im.skip(out.defect, e.src, e.offset, out.detail)
	case out.ignored:
		im.stats.Ignored++
	case out.notArt:
		im.stats.NotArticles++
	}
}

// batchWriter writes one batch at a time in the background.
type batchWriter struct {
	im      *importer
	ctx     context.Context
	pending chan written
}

type written struct {
	res []store.PutResult
	err error
}

// start waits for the batch being written, then writes batch.
func (w *batchWriter) start(batch []store.Snapshot) error {
	if err := w.wait(); err != nil {
		return err
	}
	ch := make(chan written, 1)
	w.pending = ch
	go func() {
		res, err := w.im.st.PutMany(w.ctx, batch)
		ch <- written{res, err}
	}()
	return nil
}

// wait waits for the batch being written, if any, and counts it.
func (w *batchWriter) wait() error {
	if w.pending == nil {
		return nil
	}
	r := <-w.pending
	w.pending = nil
	if r.err != nil {
		if ctxErr := w.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return fmt.Errorf("web archive import: %w: %w", ErrStore, r.err)
	}
	w.im.count(r.res)
	w.report()
	return nil
}

func (w *batchWriter) report() {
	if w.im.o.Progress != nil {
		w.im.o.Progress(w.im.result())
	}
}

// count adds the outcomes of a batch written.
func (im *importer) count(res []store.PutResult) {
	for _, r := range res {
		im.stats.Pages++
		switch r.Outcome {
		case store.New:
			im.stats.New++
		case store.Changed:
			im.stats.Changed++
		default:
			im.stats.Unchanged++
		}
	}
}
