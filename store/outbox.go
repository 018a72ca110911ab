package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The outbox holds notifications (webhook calls, e-mails) caused by new
// versions. An entry is written in the same transaction as the version that
// caused it (Snapshot.Outbox), so a crash can lose neither one without the
// other; a sender then delivers it and marks it sent or failed. Delivery is
// at least once: a sender killed between delivering and MarkSent delivers
// again, so receivers are given a stable idempotency key by the caller.
var (
	bOutbox  = []byte("outbox")  // id(8 BE) → JSON OutboxEntry
	bOutboxQ = []byte("outboxq") // id(8 BE) → next attempt (unix ns, 8 BE): the pending entries
)

// OutboxState is where an outbox entry is in its life.
type OutboxState string

const (
	OutboxPending OutboxState = "pending" // waiting for its (next) attempt
	OutboxSent    OutboxState = "sent"    // delivered
	OutboxFailed  OutboxState = "failed"  // given up: a permanent error, or retries ran out
)

// OutboxEntry is one notification to deliver to one target.
type OutboxEntry struct {
	ID      uint64          `json:"id"`
	Rule    string          `json:"rule"`
	Target  string          `json:"target"` // "webhook" or "email"
	Key     string          `json:"key"`    // archive key of the article
	Event   string          `json:"event"`  // "new" or "changed"
	From    int             `json:"from_version,omitempty"`
	To      int             `json:"to_version"`
	IdemKey string          `json:"idempotency_key"`
	Payload json.RawMessage `json:"payload"` // what the sender delivers (JSON); opaque to the store

	State     OutboxState `json:"state"`
	Attempts  int         `json:"attempts"`
	Created   time.Time   `json:"created"`
	Next      time.Time   `json:"next_attempt"`
	Done      time.Time   `json:"done,omitzero"` // when it was sent or given up
	LastError string      `json:"last_error,omitempty"`
}

// OutboxFunc is asked, inside Put's transaction and only when the put adds
// a version (outcome New or Changed), for the notifications that version
// causes. It must be cheap and pure: the writer may apply a transaction
// twice (see writer.commit), and it runs in the writer goroutine. The one
// costlier case is a PutResult with Previous (the first put after an
// extractor upgrade that finds an edit), where the caller may diff again.
type OutboxFunc func(PutResult) []OutboxEntry

// writeOutbox adds the entries fn gives for res in tx.
func writeOutbox(tx *bolt.Tx, fn OutboxFunc, res PutResult, at int64) error {
	if fn == nil {
		return nil
	}
	entries := fn(res)
	if len(entries) == 0 {
		return nil
	}
	ob, err := tx.CreateBucketIfNotExists(bOutbox)
	if err != nil {
		return err
	}
	q, err := tx.CreateBucketIfNotExists(bOutboxQ)
	if err != nil {
		return err
	}
	appendOnly(ob)
	for _, e := range entries {
		id, err := ob.NextSequence()
		if err != nil {
			return err
		}
		e.ID, e.State, e.Attempts = id, OutboxPending, 0
		if e.Created.IsZero() {
			e.Created = time.Unix(at, 0).UTC()
		}
		if e.Next.IsZero() {
			e.Next = e.Created
		}
		v, err := encodeOutbox(e)
		if err != nil {
			return err
		}
		if err := ob.Put(u64(id), v); err != nil {
			return err
		}
		if err := q.Put(u64(id), u64(uint64(e.Next.UnixNano()))); err != nil {
			return err
		}
	}
	return nil
}

// OutboxDue returns up to limit (0: all) pending entries whose next attempt
// is at or before now, oldest first.
func (s *Store) OutboxDue(now time.Time, limit int) ([]OutboxEntry, error) {
	var out []OutboxEntry
	err := s.view(func(tx *bolt.Tx) error {
		q, ob := bucket(tx, bOutboxQ), bucket(tx, bOutbox)
		if q == nil || ob == nil {
			return nil
		}
		c := q.Cursor()
		for k, v := c.First(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Next() {
			if len(v) != 8 || int64(binary.BigEndian.Uint64(v)) > now.UnixNano() {
				continue
			}
			e, err := decodeOutbox(ob.Get(k))
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// OutboxPending returns how many entries are pending and the earliest next
// attempt among them (zero when none).
func (s *Store) OutboxPending() (int, time.Time, error) {
	n, earliest := 0, int64(0)
	err := s.view(func(tx *bolt.Tx) error {
		q := bucket(tx, bOutboxQ)
		if q == nil {
			return nil
		}
		return q.ForEach(func(_, v []byte) error {
			n++
			if len(v) == 8 {
				if t := int64(binary.BigEndian.Uint64(v)); earliest == 0 || t < earliest {
					earliest = t
				}
			}
			return nil
		})
	})
	if earliest == 0 {
		return n, time.Time{}, err
	}
	return n, time.Unix(0, earliest), err
}

// OutboxSent marks entry id delivered at at. It is idempotent: marking an
// entry that is already sent (or failed) changes nothing.
func (s *Store) OutboxSent(id uint64, at time.Time) error {
	return s.outboxUpdate(id, func(e *OutboxEntry) {
		e.State, e.Done, e.LastError = OutboxSent, at.UTC(), ""
		e.Attempts++
	})
}

// OutboxRetry records a failed attempt of entry id and schedules the next
// one at next.
func (s *Store) OutboxRetry(id uint64, next time.Time, msg string) error {
	return s.outboxUpdate(id, func(e *OutboxEntry) {
		e.Attempts++
		e.Next, e.LastError = next.UTC(), msg
	})
}

// OutboxFail records a last failed attempt of entry id: it is given up.
func (s *Store) OutboxFail(id uint64, at time.Time, msg string) error {
	return s.outboxUpdate(id, func(e *OutboxEntry) {
		e.Attempts++
		e.State, e.Done, e.LastError = OutboxFailed, at.UTC(), msg
	})
}

// outboxUpdate applies fn to a pending entry and keeps the pending index in
// step with its new state. An entry no longer pending is left alone.
func (s *Store) outboxUpdate(id uint64, fn func(*OutboxEntry)) error {
	err := s.update(func(tx *bolt.Tx) error {
		ob, q := tx.Bucket(bOutbox), tx.Bucket(bOutboxQ)
		if ob == nil || q == nil {
			return fmt.Errorf("outbox entry %d: %w", id, ErrNotFound)
		}
		v := ob.Get(u64(id))
		if v == nil {
			return fmt.Errorf("outbox entry %d: %w", id, ErrNotFound)
		}
		e, err := decodeOutbox(v)
		if err != nil {
			return err
		}
		if e.State != OutboxPending {
			return nil
		}
		fn(&e)
		nv, err := encodeOutbox(e)
		if err != nil {
			return err
		}
		if err := ob.Put(u64(id), nv); err != nil {
			return err
		}
		if e.State != OutboxPending {
			return q.Delete(u64(id))
		}
		return q.Put(u64(id), u64(uint64(e.Next.UnixNano())))
	})
	if err != nil {
		return fmt.Errorf("store: outbox: %w", err)
	}
	return nil
}

// Outbox returns entries newest first: those in state (all when ""), of
// rule (all when ""), at most limit (0: all).
func (s *Store) Outbox(state OutboxState, rule string, limit int) ([]OutboxEntry, error) {
	out := []OutboxEntry{}
	err := s.view(func(tx *bolt.Tx) error {
		ob := bucket(tx, bOutbox)
		if ob == nil {
			return nil
		}
		c := ob.Cursor()
		for k, v := c.Last(); k != nil && (limit <= 0 || len(out) < limit); k, v = c.Prev() {
			e, err := decodeOutbox(v)
			if err != nil {
				return err
			}
			if (state == "" || e.State == state) && (rule == "" || e.Rule == rule) {
				out = append(out, e)
			}
		}
		return nil
	})
	return out, err
}

// OutboxGet returns entry id.
func (s *Store) OutboxGet(id uint64) (OutboxEntry, error) {
	var e OutboxEntry
	err := s.view(func(tx *bolt.Tx) error {
		ob := bucket(tx, bOutbox)
		if ob == nil {
			return ErrNotFound
		}
		v := ob.Get(u64(id))
		if v == nil {
			return ErrNotFound
		}
		var err error
		e, err = decodeOutbox(v)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("outbox entry %d: %w", id, err)
	}
	return e, err
}

// encodeOutbox encodes an entry leaving & < > in the payload as they are
// (json.Marshal would rewrite them as \u0026… inside the raw payload).
func encodeOutbox(e OutboxEntry) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// decodeOutbox decodes an entry; json.Unmarshal copies, so the result
// outlives the transaction.
func decodeOutbox(v []byte) (OutboxEntry, error) {
	var e OutboxEntry
	if v == nil {
		return e, fmt.Errorf("outbox: pending entry without a record (run verify)")
	}
	if err := json.Unmarshal(bytes.Clone(v), &e); err != nil {
		return e, fmt.Errorf("outbox: corrupt entry: %w", err)
	}
	return e, nil
}

// OutboxPrune removes the entries delivered (state sent) before before,
// and returns how many. Pending entries are never removed, nor are failed
// ones: those stay until someone has looked at them. It reads and deletes
// in chunks, so a large outbox does not hold the writer for long.
func (s *Store) OutboxPrune(before time.Time) (int, error) {
	var drop [][]byte
	err := s.chunked(bOutbox, func(_ *bolt.Tx, k, v []byte, _ *[]func() error) error {
		e, err := decodeOutbox(v)
		if err != nil {
			return err
		}
		if e.State == OutboxSent && e.Done.Before(before) {
			drop = append(drop, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: outbox: %w", err)
	}
	removed := 0
	for len(drop) > 0 {
		batch := drop[:min(len(drop), chunkSize)]
		drop = drop[len(batch):]
		err := s.update(func(tx *bolt.Tx) error {
			ob := tx.Bucket(bOutbox)
			for _, k := range batch {
				if err := ob.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return removed, fmt.Errorf("store: outbox: %w", err)
		}
		removed += len(batch)
	}
	return removed, nil
}
