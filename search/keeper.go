package search

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"newsarchive/store"
)

// Keeper keeps an archive's index in step while runs archive into it (it
// is the app.Indexer the commands use). Begin opens the index, creating it
// if there is none, and a background worker catches up at once (the
// versions a killed run left unindexed), then again after every
// BatchSize new versions or every Every, whichever comes first, so the
// crawl never waits for the index. End indexes the rest and closes it.
// Begin and End nest: concurrent runs on one archive share one index.
type Keeper struct {
	Log     *slog.Logger
	Options Options
	// Index, when set, is an index the caller holds open for its whole
	// life (a long-running process such as serve, which searches it):
	// Begin uses it and End leaves it open.
	Index *Index
	// Every bounds how long a new version waits to be indexed (0: 2s).
	Every time.Duration

	mu      sync.Mutex
	refs    int
	ix      *Index
	kick    chan struct{}
	stop    chan struct{}
	done    chan error
	pending atomic.Int64
}

// Begin opens st's index for a run.
func (k *Keeper) Begin(st *store.Store) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.refs > 0 {
		k.refs++
		return nil
	}
	ix := k.Index
	if ix == nil {
		o := k.Options
		o.Create = true
		var err error
		if ix, err = Open(st, o); err != nil {
			return err
		}
	}
	k.ix, k.refs = ix, 1
	k.kick, k.stop, k.done = make(chan struct{}, 1), make(chan struct{}), make(chan error, 1)
	go k.work(ix, k.kick, k.stop, k.done)
	return nil
}

// Added notes one more version to index.
func (k *Keeper) Added(string) {
	if k.pending.Add(1) >= int64(k.Options.batchSize()) {
		select {
		case k.kick <- struct{}{}:
		default:
		}
	}
}

// End indexes what is pending and, for the last run out, closes the index.
func (k *Keeper) End() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.refs == 0 {
		return nil
	}
	if k.refs--; k.refs > 0 {
		return nil
	}
	close(k.stop)
	err := <-k.done
	if k.Index == nil {
		if cerr := k.ix.Close(); err == nil {
			err = cerr
		}
	}
	k.ix = nil
	return err
}

func (k *Keeper) work(ix *Index, kick, stop <-chan struct{}, done chan<- error) {
	every := k.Every
	if every <= 0 {
		every = 2 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	var failed error
	catchUp := func() {
		k.pending.Store(0)
		if _, err := ix.CatchUp(context.Background()); err != nil && failed == nil {
			failed = err
			if k.Log != nil {
				k.Log.Warn("search index not updated", "err", err)
			}
		}
	}
	catchUp()
	for {
		select {
		case <-kick:
		case <-t.C:
			if k.pending.Load() == 0 {
				continue
			}
		case <-stop:
			if failed == nil {
				catchUp()
			}
			done <- failed
			return
		}
		if failed == nil {
			catchUp()
		}
	}
}
