package store

import (
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writer is the store's single writing goroutine (group commit). Every
// write — Put, Touch, crawl-state changes, runs — is an op sent to it; it
// takes every op waiting and applies them in one bbolt transaction, so the
// cost of a commit (two fsyncs) is shared by all callers that arrived while
// the previous commit ran. bbolt's own DB.Batch does the same but waits a
// fixed delay for a full batch, which is slow with a few callers.
type writer struct {
	db  *bolt.DB
	ops chan *op

	mu     sync.RWMutex // held for reading while sending, for writing by close
	closed bool
	done   chan struct{}

	errMu    sync.Mutex
	asyncErr error // first failure of an op nobody waited for

	commits atomic.Int64 // transactions committed (for tests and stats)

	// preparing counts callers that announced a synchronous op and are
	// still computing it (Put hashing and compressing). The writer waits
	// a moment for them instead of committing a batch of one and making
	// them wait a whole commit.
	preparing atomic.Int64
}

type op struct {
	apply func(tx *bolt.Tx) error
	// done receives the op's result once its transaction committed (or
	// failed). It is nil for an async op, whose caller does not wait.
	done chan error
	// after runs in the writer goroutine once the op's transaction has
	// committed or failed (used to drop in-memory overlays).
	after func()
}

const (
	maxBatchOps = 4096
	// maxGather bounds how long a batch waits for announced callers.
	maxGather = 2 * time.Millisecond
	// asyncLinger is how long a batch of async ops only (Done, validators,
	// cookies) waits for company, so that a page's bookkeeping rides on the
	// next durable commit instead of paying an fsync of its own.
	asyncLinger = 20 * time.Millisecond
)

func newWriter(db *bolt.DB) *writer {
	w := &writer{db: db, ops: make(chan *op, 1024), done: make(chan struct{})}
	go w.loop()
	return w
}

// do applies fn in a group commit and waits until it is durable. sent,
// if not nil, is called once the op is queued (see announce).
func (w *writer) do(fn func(tx *bolt.Tx) error, sent ...func()) error {
	o := &op{apply: fn, done: make(chan error, 1)}
	err := w.send(o)
	for _, f := range sent {
		f()
	}
	if err != nil {
		return err
	}
	return <-o.done
}

// async applies fn in a coming group commit without waiting.
func (w *writer) async(fn func(tx *bolt.Tx) error, after func()) error {
	return w.send(&op{apply: fn, after: after})
}

func (w *writer) send(o *op) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrClosed
	}
	w.ops <- o
	return nil
}

// close commits whatever is queued and stops the goroutine.
func (w *writer) close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.ops)
	}
	w.mu.Unlock()
	<-w.done
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.asyncErr
}

func (w *writer) loop() {
	defer close(w.done)
	for first := range w.ops {
		batch := []*op{first}
		batch, open := w.collect(batch)
		w.commit(batch)
		if !open {
			return
		}
	}
}

// collect adds every op already waiting; a batch of async ops only lingers
// briefly for a synchronous one. It reports false when the channel closed.
func (w *writer) collect(batch []*op) ([]*op, bool) {
	var linger <-chan time.Time
	for len(batch) < maxBatchOps {
		select {
		case o, ok := <-w.ops:
			if !ok {
				return batch, false
			}
			batch = append(batch, o)
			continue
		default:
		}
		if !allAsync(batch) {
			return w.gather(batch)
		}
		if linger == nil {
			linger = time.After(asyncLinger)
		}
		select {
		case o, ok := <-w.ops:
			if !ok {
				return batch, false
			}
			batch = append(batch, o)
		case <-linger:
			return batch, true
		}
	}
	return batch, true
}

// gather waits up to maxGather for callers still preparing an op.
func (w *writer) gather(batch []*op) ([]*op, bool) {
	if w.preparing.Load() == 0 {
		return batch, true
	}
	deadline := time.NewTimer(maxGather)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Microsecond)
	defer tick.Stop()
	for len(batch) < maxBatchOps && w.preparing.Load() > 0 {
		select {
		case o, ok := <-w.ops:
			if !ok {
				return batch, false
			}
			batch = append(batch, o)
		case <-tick.C:
		case <-deadline.C:
			return batch, true
		}
	}
	return batch, true
}

// announce tells the writer a synchronous op is being prepared; call the
// returned func when it has been sent (or abandoned).
func (w *writer) announce() func() {
	w.preparing.Add(1)
	var once sync.Once
	return func() { once.Do(func() { w.preparing.Add(-1) }) }
}

func allAsync(batch []*op) bool {
	for _, o := range batch {
		if o.done != nil {
			return false
		}
	}
	return true
}

// commit applies batch in one transaction. An op that fails is answered
// with its error and the transaction is retried without it, so one bad
// snapshot does not fail its neighbours; ops must therefore compute their
// results afresh each time they are applied.
func (w *writer) commit(batch []*op) {
	for len(batch) > 0 {
		failed := -1
		var ferr error
		err := w.db.Update(func(tx *bolt.Tx) error {
			for i, o := range batch {
				if err := o.apply(tx); err != nil {
					failed, ferr = i, err
					return err
				}
			}
			return nil
		})
		if err == nil {
			w.commits.Add(1)
			w.finish(batch, nil)
			return
		}
		if failed < 0 { // the commit itself failed: every op fails
			w.finish(batch, err)
			return
		}
		w.finish(batch[failed:failed+1], ferr)
		batch = append(batch[:failed:failed], batch[failed+1:]...)
	}
}

func (w *writer) finish(ops []*op, err error) {
	for _, o := range ops {
		if o.after != nil {
			o.after()
		}
		if o.done != nil {
			o.done <- err
		} else if err != nil {
			w.errMu.Lock()
			if w.asyncErr == nil {
				w.asyncErr = err
			}
			w.errMu.Unlock()
		}
	}
}
